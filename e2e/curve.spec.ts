import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, ws } from './fixtures';

test('a learning curve of the invariant readers on a small zoo: rows, plot, identical scores on signed copies', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(420_000);
  // a 100-INR zoo (70 training INRs), then the probe and pixel readers on 30 and all 70 of them, one seed, every run
  // the steps of 20 epochs of the 70
  await page.goto(
    '/#v=1&panel=learn&zn=100&zsteps=60&zmin=0&zseed=2&creaders=probe,pixels&csizes=30&cseeds=1&cepochs=20',
  );
  await expect(page.getByTestId('zoo-generate')).toBeEnabled();
  await page.getByTestId('zoo-generate').click();
  await expect(page.getByTestId('zoo-list')).toContainText('100 INRs', { timeout: 120_000 });
  await expect(page.getByTestId('curve-reader-probe')).toBeChecked();
  await expect(page.getByTestId('curve-reader-dws')).not.toBeChecked();
  await page.getByTestId('curve-run').click();
  // while it runs, nothing that would end it silently can be started
  await expect(page.getByTestId('curve-stop')).toBeEnabled();
  await expect(page.getByTestId('train-ws')).toBeDisabled();
  await expect(page.getByTestId('ablation-run')).toBeDisabled();
  await expect(page.getByTestId('curve-status')).toContainText(/run \d\/4/, { timeout: 120_000 });
  await expect(page.getByTestId('curve-status')).toContainText('Finished: 4 runs', { timeout: 300_000 });

  const rows = JSON.parse((await page.getByTestId('curve-result').textContent())!) as {
    reader: string;
    size: number;
    seed: number;
    epochs: number;
    test: number;
    testSigned: number;
  }[];
  // 20 epochs of 70 INRs are 47 of 30
  expect(rows.map((r) => `${r.reader} ${r.size} ${r.seed} ${r.epochs}`)).toEqual([
    'probe 30 0 47',
    'probe 70 0 20',
    'pixels 30 0 47',
    'pixels 70 0 20',
  ]);
  for (const r of rows) {
    expect(r.test).toBeGreaterThanOrEqual(0);
    expect(r.test).toBeLessThanOrEqual(1);
    // both read the INR's function, which a signed permutation leaves as it is
    expect(r.testSigned).toBe(r.test);
  }
  await expect(page.getByTestId('curve-plot').locator('.scatterlayer .trace')).toHaveCount(5);
  await expect(page.getByTestId('curve-table')).toContainText('pixel MLP (ceiling)');
  const download = page.waitForEvent('download');
  await page.getByTestId('curve-csv').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await page.getByTestId('curve-plot').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/learning-curve.png', fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('ws curve and ws train --model probe on a small CLI zoo: rows per reader × size × seed, a CSV, a probe model that evaluates', () => {
  test.setTimeout(600_000);
  const dir = 'test-results/cli-curve';
  mkdirSync(dir, { recursive: true });
  ws('zoo', '--count', '50', '--steps', '40', '--min-psnr', 'off', '--seed', '5', '--out', `${dir}/zoo.safetensors`);
  const curve = JSON.parse(
    ws(
      'curve',
      '--zoo',
      `${dir}/zoo.safetensors`,
      '--readers',
      'mlp,dws-canonical',
      '--sizes',
      '8',
      '--seeds',
      '0',
      '--epochs',
      '10',
      '--csv',
      `${dir}/curve.csv`,
      '--json',
    ),
  ) as { sizes: number[]; rows: { reader: string; size: number; epochs: number; test: number; testSigned: number }[] };
  // 50 INRs: 30 training ones (3 of each digit's 5), so the sizes are 8 and all 30; 10 epochs of 30 are 38 of 8
  expect(curve.sizes).toEqual([8, 30]);
  expect(curve.rows.map((r) => `${r.reader} ${r.size} ${r.epochs}`)).toEqual([
    'mlp 8 38',
    'mlp 30 10',
    'dws-canonical 8 38',
    'dws-canonical 30 10',
  ]);
  expect(readFileSync(`${dir}/curve.csv`, 'utf8').trim().split('\n')).toHaveLength(5);
  const trained = JSON.parse(
    ws(
      'train',
      '--zoo',
      `${dir}/zoo.safetensors`,
      '--model',
      'probe',
      '--epochs',
      '2',
      '--out',
      `${dir}/probe.safetensors`,
      '--json',
    ),
  ) as { test: { accuracy: number }; testPermuted: { accuracy: number } };
  expect(trained.testPermuted.accuracy).toBe(trained.test.accuracy);
  const evaluated = JSON.parse(
    ws('eval', '--model', `${dir}/probe.safetensors`, '--zoo', `${dir}/zoo.safetensors`, '--split', 'test', '--json'),
  ) as { accuracy: number; accuracyPermuted: number };
  expect(evaluated.accuracy).toBe(trained.test.accuracy);
  expect(evaluated.accuracyPermuted).toBe(evaluated.accuracy);
});
