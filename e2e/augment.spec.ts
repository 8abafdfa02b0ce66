import { expect, litFraction, test } from './fixtures';
import type { Page } from '@playwright/test';

/** The PSNR(s) printed under a tile of the augmentation grid ("label · 31.2 dB / 12.0 dB"). */
async function tilePsnr(page: Page, testId: string): Promise<number[]> {
  const caption = await page.getByTestId(testId).locator('xpath=..').locator('figcaption').textContent();
  return [...caption!.matchAll(/(-?\d+\.\d) dB/g)].map((m) => Number(m[1]));
}

test('augmentations render: a rotation moves the image, a permutation does not, aligned mixup keeps more of it than vanilla', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Augment weights' }).scrollIntoViewIfNeeded();
  // one digit fitted from two seeds (B is the mixup partner)
  await page.getByTestId('aug-kind').selectOption('seeds');
  await page.getByTestId('aug-select').selectOption('rotate');
  await page.getByTestId('aug-apply').click();
  await expect(page.getByTestId('aug-grid').locator('canvas')).toHaveCount(9, { timeout: 90_000 });
  expect(await litFraction(page, 'aug-sample-0')).toBeGreaterThan(0.05);
  const original = (await tilePsnr(page, 'aug-original'))[0];
  expect(original).toBeGreaterThan(35); // A itself: fitted to 40 dB
  expect((await tilePsnr(page, 'aug-sample-0'))[0]).toBeLessThan(original - 3); // a rotated digit is another image

  await page.getByTestId('aug-select').selectOption('permute');
  await page.getByTestId('aug-apply').click();
  await expect(page.getByText(/random permutation: 8 draws/)).toBeVisible();
  for (const i of [0, 7]) expect((await tilePsnr(page, `aug-sample-${i}`))[0]).toBeCloseTo(original, 1);

  await page.getByTestId('aug-select').selectOption('mixupAlignedSigned');
  await page.getByTestId('aug-apply').click();
  await expect(page.getByTestId('aug-grid').locator('canvas')).toHaveCount(20, { timeout: 60_000 });
  // α = 1 is A; the midpoint (index 2, α = 0.5) of the aligned blend keeps more of the digit than the vanilla one
  expect((await tilePsnr(page, 'aug-mixup-0'))[0]).toBeCloseTo(original, 1);
  const vanillaMid = (await tilePsnr(page, 'aug-mixup-2'))[0];
  const alignedMid = (await tilePsnr(page, 'aug-mixupAlignedSigned-2'))[0];
  expect(alignedMid).toBeGreaterThan(vanillaMid);
  await page.getByTestId('aug-grid').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/augment-mixup.png', fullPage: false });
  expect(consoleErrors).toEqual([]);
});

test('a tiny ablation finishes and prints its table', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Learn from weights', exact: true }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('zoo-generate')).toBeEnabled();
  await page.getByTestId('zoo-count').fill('50');
  await page.getByTestId('zoo-steps').fill('20');
  await page.getByTestId('zoo-min-psnr').fill('0');
  await page.getByTestId('zoo-views').fill('2');
  await page.getByTestId('zoo-generate').click();
  await expect(page.getByTestId('zoo-list')).toContainText('2 fits/image', { timeout: 90_000 });

  await page.getByTestId('ws-channels').fill('4');
  await page.getByTestId('ws-epochs').fill('2');
  for (const id of ['mixup', 'mixupAligned']) await page.getByTestId(`ablation-pick-${id}`).uncheck();
  await page.getByTestId('ablation-pick-noise').check();
  await page.getByTestId('ablation-seeds').fill('2');
  await page.getByTestId('ablation-views').fill('2');
  await page.getByTestId('ablation-run').click();
  await expect(page.getByTestId('ablation-status')).toContainText('Finished: 8 of 8 runs', { timeout: 110_000 });
  const result = JSON.parse((await page.getByTestId('ablation-result').textContent())!) as Record<string, number>;
  expect(Object.keys(result)).toEqual(['none', 'noise', 'negate', 'views×2']);
  for (const v of Object.values(result)) expect(v).toBeGreaterThanOrEqual(0);
  await expect(page.getByTestId('ablation-bars').locator('.barlayer .point')).toHaveCount(4);
  const download = page.waitForEvent('download');
  await page.getByTestId('ablation-csv').click();
  expect((await download).suggestedFilename()).toBe('weightscape-ablation.csv');
  await page.getByTestId('ablation-bars').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/ablation.png', fullPage: false });
  expect(consoleErrors).toEqual([]);
});
