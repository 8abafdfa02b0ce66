import { expect, litFraction, openFitPanel, psnr, resetAndStepTen, test } from './fixtures';

test('fits an MNIST digit live: PSNR rises, the reconstruction is not blank', async ({ page, consoleErrors }) => {
  await openFitPanel(page);
  await expect(page.getByTestId('psnr')).not.toHaveText('—');
  const start = await psnr(page);
  expect(await litFraction(page, 'target-canvas')).toBeGreaterThan(0.05);

  await page.getByTestId('play').click();
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('step-count').textContent()), { timeout: 60_000 })
    .toBeGreaterThan(100);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();

  const after = await psnr(page);
  expect(after).toBeGreaterThan(start + 10);
  const lit = await litFraction(page, 'recon-canvas');
  expect(lit).toBeGreaterThan(0.05);
  expect(lit).toBeLessThan(0.95);
  await page.screenshot({ path: 'test-results/fit-panel.png', fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('reaches 40 dB within 1000 steps with the default recipe and stops there', async ({ page }) => {
  await openFitPanel(page);
  await page.getByTestId('steps-per-frame').selectOption('50');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('fit-status')).toHaveText('reached 40 dB', { timeout: 90_000 });
  const stopped = Number(await page.getByTestId('step-count').textContent());
  expect(stopped).toBeLessThanOrEqual(1000);
  expect(await psnr(page)).toBeGreaterThanOrEqual(40);

  // Step on a finished fit says why it does nothing; unticking the stop trains on from the same weights
  await page.getByTestId('step').click();
  await expect(page.getByTestId('notice')).toContainText('Step does nothing: it reached 40 dB');
  await expect(page.getByTestId('step-count')).toHaveText(String(stopped));
  await page.getByTestId('stop-at-target').uncheck();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(stopped + 1));
  expect(await psnr(page)).toBeGreaterThanOrEqual(40);
});

test('step, keyboard and reset: one step at a time, space plays and pauses, reset starts over', async ({ page }) => {
  await openFitPanel(page);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-count')).toHaveText('2');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('pause')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('step-count').textContent())).toBeGreaterThan(2);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toBeVisible();
  // paused: once the frame in flight has landed, the count holds still
  await page.waitForTimeout(500);
  const paused = await page.getByTestId('step-count').textContent();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('step-count')).toHaveText(paused!);
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('step-count')).toHaveText('0');
});

test('the same seed gives the same fit; the architecture can change', async ({ page }) => {
  await openFitPanel(page);
  expect(await resetAndStepTen(page)).toBe(await resetAndStepTen(page));

  await page.getByTestId('width').selectOption('16');
  await page.getByTestId('depth').selectOption('3');
  await expect(page.getByText('[2, 16, 16, 16, 1]')).toBeVisible();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
});

test('a drawing becomes the target', async ({ page }) => {
  await openFitPanel(page);
  await page.getByRole('tab', { name: 'Draw' }).click();
  const pad = page.getByTestId('draw-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.8, { steps: 20 });
  await page.mouse.up();
  await expect.poll(() => litFraction(page, 'target-canvas')).toBeGreaterThan(0.01);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
});

test('an unreadable upload gets a clear message and keeps the current target', async ({ page }) => {
  await openFitPanel(page);
  const before = await litFraction(page, 'target-canvas');
  await page.getByRole('tab', { name: 'Upload' }).click();
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a png') });
  await expect(page.getByText(/could not be read as an image/)).toBeVisible();
  expect(await litFraction(page, 'target-canvas')).toBe(before);
});
