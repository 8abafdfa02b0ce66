import { expect, test } from '@playwright/test';

test('without WebGPU the page says so and stays usable', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
  });
  await page.goto('/');
  await expect(page.getByTestId('gpu-status')).toContainText('no WebGPU');
  await expect(page.getByTestId('play')).toBeDisabled();
  await expect(page.getByTestId('digit-7')).toBeEnabled();
});
