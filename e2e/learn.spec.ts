import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

async function openLearnPanel(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Learn from weights', exact: true }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('zoo-generate')).toBeEnabled();
}

/** A small zoo: 10 MNIST INRs per digit, a few fitting steps, no fidelity gate. */
async function generateSmallZoo(page: Page, steps: number): Promise<void> {
  await page.getByTestId('zoo-count').fill('100');
  await page.getByTestId('zoo-steps').fill(String(steps));
  await page.getByTestId('zoo-min-psnr').fill('0');
  await page.getByTestId('zoo-generate').click();
}

test('generates a zoo, trains an equivariant model on it, and the zoo survives a reload', async ({
  page,
  consoleErrors,
}) => {
  await openLearnPanel(page);
  await generateSmallZoo(page, 20);
  await expect(page.getByTestId('zoo-progress')).toBeVisible();
  await expect(page.getByTestId('zoo-list')).toContainText('100 INRs', { timeout: 90_000 });
  await expect(page.getByTestId('zoo-thumbnails').locator('canvas')).toHaveCount(6);

  await page.getByTestId('ws-model').selectOption('dws');
  await page.getByTestId('ws-channels').fill('4');
  await page.getByTestId('ws-epochs').fill('2');
  await page.getByTestId('train-ws').click();
  await expect(page.getByTestId('ws-accuracy')).toHaveText(/^\d+(\.\d)?%$/, { timeout: 90_000 });
  await expect(page.getByTestId('ws-runs')).toContainText('done', { timeout: 90_000 });
  // invariant model: the permuted test copies get exactly the plain test score
  const plain = await page.getByTestId('ws-test-accuracy').textContent();
  expect(plain).toMatch(/%$/);
  await expect(page.getByTestId('ws-permuted-accuracy')).toHaveText(plain!);
  // and not because it predicts a constant: its outputs vary across test INRs, and not between an INR and its copy
  const range = Number(await page.getByTestId('outputs-range-1').textContent());
  const permDiff = Number(await page.getByTestId('outputs-perm-diff-1').textContent());
  console.log(`DWS test outputs: range ${range}, max |plain − permuted| ${permDiff}`);
  expect(range).toBeGreaterThan(1e-3);
  expect(permDiff).toBeLessThan(1e-4);
  await expect(page.getByTestId('ws-confusion')).toBeVisible();
  await expect(page.getByTestId('ws-gallery').locator('canvas').first()).toBeVisible();
  // the invariance demo: every permuted copy of one test INR gets the same prediction from the DWS model
  await expect(page.getByTestId('invariance-demo')).toBeVisible();
  const spread = Number(
    await page.getByTestId('invariance-demo').locator('[data-testid^="invariance-perm-"]').first().textContent(),
  );
  expect(spread).toBeLessThan(1e-4);
  await expect(page.getByTestId('invariance-plot').locator('.scatterlayer .trace')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/learn-panel.png', fullPage: true });

  await page.reload();
  await expect(page.getByTestId('zoo-list')).toContainText('100 INRs');
  expect(consoleErrors).toEqual([]);
});

test('a cancelled generation saves nothing', async ({ page }) => {
  await openLearnPanel(page);
  const before = await page
    .getByTestId('zoo-list')
    .locator('li')
    .count()
    .catch(() => 0);
  await generateSmallZoo(page, 2000);
  await expect(page.getByTestId('zoo-progress')).toBeVisible();
  await page.getByTestId('zoo-cancel').click();
  await expect(page.getByTestId('ws-notice')).toContainText('nothing was saved');
  await expect(page.getByTestId('zoo-generate')).toBeEnabled();
  expect(
    await page
      .getByTestId('zoo-list')
      .locator('li')
      .count()
      .catch(() => 0),
  ).toBe(before);
});

test('the sine task: a regression zoo, R² readouts and the predicted-vs-true plot', async ({ page, consoleErrors }) => {
  await openLearnPanel(page);
  await page.getByTestId('zoo-task').selectOption('sine');
  await page.getByTestId('zoo-count').fill('40');
  await page.getByTestId('zoo-steps').fill('50');
  await page.getByTestId('zoo-generate').click();
  await expect(page.getByTestId('zoo-list')).toContainText('40 INRs', { timeout: 90_000 });
  await page.getByTestId('ws-model').selectOption('nfn');
  await page.getByTestId('ws-epochs').fill('2');
  await page.getByTestId('train-ws').click();
  await expect(page.getByTestId('ws-runs')).toContainText('done', { timeout: 90_000 });
  await expect(page.getByTestId('ws-accuracy')).toHaveText(/^a -?\d+\.\d\d \/ b -?\d+\.\d\d$/);
  await expect(page.getByTestId('ws-permuted-accuracy')).toHaveText(
    (await page.getByTestId('ws-test-accuracy').textContent())!,
  );
  await expect(page.getByTestId('ws-scatter').locator('.scatterlayer .point').first()).toBeAttached();
  await page.screenshot({ path: 'test-results/learn-sine.png', fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('head probes: a DWS link carries them, the Train card shows them for DWS and NFN only, and the link follows', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/#v=1&panel=learn&model=dws&hprobes=16&canon=1');
  await expect(page.getByTestId('ws-head-probes')).toHaveValue('16');
  await expect(page.getByTestId('ws-canonical')).toBeChecked();
  await page.getByTestId('ws-model').selectOption('nfn');
  await expect(page.getByTestId('ws-head-probes')).toBeVisible();
  await page.getByTestId('ws-model').selectOption('probe');
  await expect(page.getByTestId('ws-head-probes')).toHaveCount(0);
  await page.getByTestId('ws-model').selectOption('dws');
  await page.getByTestId('ws-head-probes').fill('32');
  await page.getByTestId('ws-head-probes').press('Enter');
  await expect(page).toHaveURL(/hprobes=32/);
  await page.getByTestId('ws-head-probes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/train-card-head-probes.png' });
  expect(consoleErrors).toEqual([]);
});
