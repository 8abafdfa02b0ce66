import { expect, test } from './fixtures';

test('without WebGPU the page says so and fits on the CPU instead', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
  });
  await page.goto('/');
  await expect(page.getByTestId('gpu-status')).toContainText('no WebGPU');
  await expect(page.getByTestId('gpu-status')).toContainText('on the CPU instead');
  await expect(page.getByTestId('psnr')).not.toHaveText('—');
  const start = Number(await page.getByTestId('psnr').textContent());
  await page.getByTestId('play').click();
  await expect
    .poll(async () => Number(await page.getByTestId('step-count').textContent()), { timeout: 60_000 })
    .toBeGreaterThan(30);
  await page.getByTestId('pause').click();
  expect(Number(await page.getByTestId('psnr').textContent())).toBeGreaterThan(start + 3);
  expect(consoleErrors).toEqual([]);
});
