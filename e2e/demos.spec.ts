import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** What each demo's first step shows once it ran. */
const FIRST_STEP: Record<string, (page: Page) => Promise<void>> = {
  omega: async (page) => {
    await expect(page.getByTestId('step-count')).not.toHaveText('0', { timeout: 30_000 });
    await expect(page.getByTestId('psnr')).toHaveText(/^\d+\.\d+$/);
  },
  permutation: async (page) => {
    // the figures of the permuted step (1), not of the original (0), which reads 0 before the permutation lands
    await expect(page.locator('.sym-history li.active')).toContainText('random permutation', { timeout: 60_000 });
    await expect(page.getByTestId('sym-maxdiff')).toHaveAttribute('data-step', '1', { timeout: 30_000 });
    expect(Number(await page.getByTestId('sym-maxdiff').textContent())).toBeLessThan(1e-4);
  },
  equivariance: async (page) => {
    await expect(page.getByTestId('zoo-list')).toContainText('300 INRs', { timeout: 30_000 });
    await expect(page.getByTestId('ws-notice')).toContainText('Loaded');
  },
  mixup: async (page) => {
    await expect(page.getByTestId('aug-grid').locator('canvas')).toHaveCount(20, { timeout: 90_000 });
  },
  rebasin: async (page) => {
    await expect(page.getByTestId('align-table')).toBeVisible({ timeout: 90_000 });
  },
};

for (const [id, check] of Object.entries(FIRST_STEP)) {
  test(`demo "${id}" opens from its link, renders its guide and runs its first step`, async ({
    page,
    consoleErrors,
  }) => {
    await page.goto(`/#v=1&demo=${id}`);
    await expect(page.getByTestId('play')).toBeEnabled();
    const guide = page.getByTestId('demo-guide');
    await expect(guide).toBeVisible();
    await expect(guide.locator('li[aria-current="step"]')).toHaveCount(1);
    await page.getByTestId('demo-do').click();
    await check(page);
    await page.screenshot({ path: `test-results/demo-${id}.png` });
    expect(consoleErrors).toEqual([]);
  });
}

test('the gallery opens a demo; its hidden controls are hidden, a link can show them again; next and exit', async ({
  page,
  consoleErrors,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('play')).toBeEnabled();
  await page.getByTestId('demos').click();
  await expect(page.locator('[data-testid^="demo-thumb-"]')).toHaveCount(5);
  await page.getByTestId('demo-omega').click();
  await expect(page.getByTestId('demo-guide')).toContainText('Demo 1 of 5');
  await expect(page).toHaveURL(/demo=omega/);
  await expect(page.getByTestId('steps-per-frame')).toBeHidden();
  await expect(page.getByTestId('width')).toBeHidden();
  await expect(page.getByTestId('omega0')).toBeVisible();
  await page.getByTestId('demo-next').click();
  await expect(page.getByTestId('demo-guide').locator('li[aria-current="step"]')).toContainText('ω0 = 5');

  // the class-link builder: the link it makes opens the demo with exactly the chosen controls hidden
  await page.getByTestId('demos').click();
  await page.getByTestId('class-demo').selectOption('rebasin');
  await page.getByTestId('class-hide-aseed').check();
  const link = await page.getByTestId('class-link').inputValue();
  expect(link).toMatch(/#v=1&demo=rebasin&hide=aseed$/);
  await page.keyboard.press('Escape');
  await page.goto(link);
  await expect(page.getByTestId('demo-guide')).toContainText('Re-basin');
  await expect(page.getByTestId('align-seed-a')).toBeHidden();
  await expect(page.getByTestId('align-seed-b')).toBeVisible();
  await page.getByTestId('demo-exit').click();
  await expect(page.getByTestId('demo-guide')).toBeHidden();
  await expect(page.getByTestId('align-seed-a')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

/** A finished run's row of the runs table: its test and permuted-test accuracy (0–1) and status. */
async function runRow(page: Page, kind: string): Promise<{ test: number; permuted: number; status: string }> {
  const cells = page.getByTestId('ws-runs').locator('tr', { hasText: kind }).last().locator('td');
  const pct = async (i: number) => Number((await cells.nth(i).textContent())!.replace('%', '')) / 100;
  return { test: await pct(4), permuted: await pct(5), status: (await cells.nth(6).textContent())! };
}

test('the equivariance demo: the MLP falls on permuted copies, the probe reader learns and does not; runs wait for each other; times measured here', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(600_000);
  await page.goto('/#v=1&demo=equivariance');
  await expect(page.getByTestId('play')).toBeEnabled();
  await expect(page.getByTestId('demo-timing')).toContainText('measured on this device');
  await page.getByTestId('demo-do').click();
  await expect(page.getByTestId('zoo-list')).toContainText('300 INRs', { timeout: 30_000 });
  await page.getByTestId('demo-next').click();
  await page.getByTestId('demo-do').click(); // Train the MLP
  await expect(page.getByTestId('demo-timing')).toContainText(/Starting the run|Epoch \d+ of 12/, { timeout: 60_000 });
  await expect(page.getByTestId('ws-runs')).toContainText('training', { timeout: 60_000 });
  await page.getByTestId('demo-next').click();
  // the probe reader now would stop the MLP run, the demo's point: it waits, and every other start says why
  await expect(page.getByTestId('demo-do')).toBeDisabled();
  await expect(page.getByTestId('demo-blocked')).toContainText(/training run #\d+ is running/);
  await expect(page.getByTestId('ablation-run')).toBeDisabled();
  await expect(page.getByTestId('ablation-blocked')).toContainText(/training run #\d+ is running/);
  await expect(page.getByTestId('curve-run')).toBeDisabled();
  await page.getByTestId('demo-guide').screenshot({ path: 'test-results/demo-blocked.png' });
  await expect(page.getByTestId('ws-runs').locator('tr', { hasText: 'mlp' })).toContainText('done', {
    timeout: 240_000,
  });
  const mlp = await runRow(page, 'mlp');
  // the MLP's recipe: every weight standardised on its own (wsTrainConfig.ts DEFAULT_MLP_TRAIN)
  await expect(page.getByTestId('ws-normalisation')).toHaveValue('weight');

  await expect(page.getByTestId('demo-blocked')).toBeHidden();
  const started = Date.now();
  await page.getByTestId('demo-do').click(); // Train the probe reader, after the MLP run finished by itself
  await expect(page.getByTestId('ws-runs').locator('tr', { hasText: 'probe' })).toContainText('done', {
    timeout: 240_000,
  });
  const seconds = (Date.now() - started) / 1000;
  await expect(page.getByTestId('demo-timing')).toContainText(/That step took \d+ s on this device/);
  const probe = await runRow(page, 'probe');
  console.log(
    `equivariance demo: MLP test ${mlp.test} permuted ${mlp.permuted}; probe reader test ${probe.test} permuted ${probe.permuted}, ${seconds.toFixed(0)} s from the click (kernels compiled included)`,
  );
  expect(probe.test).toBeGreaterThanOrEqual(0.5);
  expect(probe.permuted).toBe(probe.test);
  expect(mlp.permuted).toBeLessThan(mlp.test - 0.2);
  await page.getByTestId('demo-guide').screenshot({ path: 'test-results/demo-equivariance-probe.png' });

  await page.getByTestId('demo-next').click();
  await page.getByTestId('demo-do').click(); // Train DWS
  await expect(page.getByTestId('ws-runs').locator('tr', { hasText: 'dws' })).toContainText(/starting|training|done/, {
    timeout: 60_000,
  });
  expect(consoleErrors).toEqual([]);
});
