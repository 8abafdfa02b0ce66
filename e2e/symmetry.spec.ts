// The teaching core: symmetries leave the rendered INR unchanged; weight matching lowers the interpolation barrier.
import type { Page } from '@playwright/test';
import { expect, openFitPanel, test } from './fixtures';

/** max |Δ| of the renders of history step `step` (the readout names the step its figures are of). */
async function maxDiffOf(page: Page, step: number): Promise<number> {
  await expect(page.getByTestId('sym-maxdiff')).toHaveAttribute('data-step', String(step), { timeout: 30_000 });
  return Number(await page.getByTestId('sym-maxdiff').textContent());
}

test('permuting, negating and shifting neurons leaves the GPU render unchanged; input transforms move it', async ({
  page,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFitPanel(page);
  await page.getByTestId('play').click();
  await expect
    .poll(async () => Number(await page.getByTestId('step-count').textContent()), { timeout: 60_000 })
    .toBeGreaterThan(150);
  await page.getByTestId('pause').click();
  await page.getByTestId('sym-load-fit').click();
  expect(await maxDiffOf(page, 0)).toBe(0);

  await page.getByTestId('sym-permute').click();
  await expect(page.locator('.sym-history li.active')).toContainText('random permutation');
  expect(await maxDiffOf(page, 1)).toBeLessThan(1e-4);

  // pick two neurons of hidden layer 1 (rows of W0), swap, then negate one and shift a bias by π/ω0
  const w0 = page.getByTestId('sym-w0');
  const box = (await w0.boundingBox())!;
  await w0.click({ position: { x: box.width - 4, y: 12 + 8 } });
  await w0.click({ position: { x: box.width - 4, y: 12 + 60 } });
  await page.getByTestId('sym-swap').click();
  await expect(page.locator('.sym-history li.active')).toContainText('swap neurons');
  expect(await maxDiffOf(page, 2)).toBeLessThan(1e-4);
  await w0.click({ position: { x: box.width - 4, y: 12 + 30 } });
  await page.getByTestId('sym-negate').click();
  await expect(page.locator('.sym-history li.active')).toContainText('negate');
  expect(await maxDiffOf(page, 3)).toBeLessThan(1e-4);
  await page.getByTestId('sym-shift').click();
  await expect(page.locator('.sym-history li.active')).toContainText('shift the bias');
  expect(await maxDiffOf(page, 4)).toBeLessThan(1e-4);

  // by keyboard alone: pick neuron 5 of hidden layer 2 by number and negate it
  await page.getByTestId('sym-pick-layer').fill('2');
  await page.getByTestId('sym-pick-layer').press('Enter');
  await page.getByTestId('sym-pick-neuron').fill('5');
  await page.getByTestId('sym-pick-neuron').press('Enter');
  await page.getByTestId('sym-pick').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('layer 2 #5')).toBeVisible();
  await page.getByTestId('sym-negate').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.sym-history li.active')).toContainText('negate');
  expect(await maxDiffOf(page, 5)).toBeLessThan(1e-4);

  // rotate: the image moves (far from the original render) but equals the original at rotated coordinates
  await page.getByTestId('sym-rotate').click();
  await expect(page.getByTestId('sym-maxdiff-original')).toBeVisible();
  expect(await maxDiffOf(page, 6)).toBeLessThan(1e-4);
  expect(Number(await page.getByTestId('sym-maxdiff-original').textContent())).toBeGreaterThan(0.05);

  await page.getByTestId('sym-undo').click();
  await expect(page.locator('.sym-history li.active')).toContainText('negate');
  await page.getByTestId('sym-redo').click();
  await expect(page.locator('.sym-history li.active')).toContainText('rotate');
  await page.locator('.symmetry-panel').screenshot({ path: 'test-results/symmetry-panel.png' });
  expect(consoleErrors).toEqual([]);
});

test('weight matching lowers the interpolation barrier of two fits of one digit', async ({ page, consoleErrors }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFitPanel(page);
  await page.getByTestId('align-run').click();
  await expect(page.getByTestId('align-barrier-aligned')).toBeVisible({ timeout: 90_000 });
  const naive = Number(await page.getByTestId('align-barrier-naive').textContent());
  const aligned = Number(await page.getByTestId('align-barrier-aligned').textContent());
  console.log(`barrier (MSE): naive ${naive}, aligned ${aligned}`);
  expect(aligned).toBeLessThan(naive);
  await expect(page.getByTestId('align-perm-1')).toBeVisible();
  await page.getByTestId('align-lambda').fill('0');
  await expect(page.getByTestId('align-curves').locator('.scatterlayer .trace')).toHaveCount(6);
  await page.locator('.align-panel').screenshot({ path: 'test-results/align-panel.png' });
  expect(consoleErrors).toEqual([]);
});
