import { expect, test } from './fixtures';

test('a learning curve of the invariant readers on a small zoo: rows, plot, identical scores on signed copies', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(420_000);
  // a 100-INR zoo (70 training INRs), then the probe and pixel readers on 30 and all 70 of them, one seed
  await page.goto('/#v=1&panel=learn&zn=100&zsteps=60&zmin=0&zseed=2&creaders=probe,pixels&csizes=30&cseeds=1');
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
    test: number;
    testSigned: number;
  }[];
  expect(rows.map((r) => `${r.reader} ${r.size} ${r.seed}`)).toEqual([
    'probe 30 0',
    'probe 70 0',
    'pixels 30 0',
    'pixels 70 0',
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
