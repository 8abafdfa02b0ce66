import { expect, test } from './fixtures';

test('editing INRs: the link sets the card, a short DWS run edits test INRs, a permuted copy edits the same', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // a 100-INR zoo, then a DWS that learns to dilate them for 2 epochs
  await page.goto('/#v=1&panel=learn&zn=100&zsteps=60&zmin=0&zseed=2&ekind=dws&eedit=dilate&eepochs=2&ech=4&elayers=1');
  await expect(page.getByTestId('zoo-generate')).toBeEnabled();
  await expect(page.getByTestId('edit-model')).toHaveValue('dws');
  await expect(page.getByTestId('edit-kind')).toHaveValue('dilate');
  await page.getByTestId('zoo-generate').click();
  await expect(page.getByTestId('zoo-list')).toContainText('100 INRs', { timeout: 120_000 });
  await page.getByTestId('edit-run').click();
  // while it runs, the other runs wait and say why
  await expect(page.getByTestId('train-blocked')).toContainText('the editing run is running');
  await expect(page.getByTestId('edit-status')).toContainText('done', { timeout: 240_000 });
  const result = JSON.parse((await page.getByTestId('edit-result').textContent())!) as {
    mse: number;
    mseNoEdit: number;
  };
  console.log(`edit (DWS, dilate, 2 epochs): ${JSON.stringify(result)}`);
  expect(result.mse).toBeGreaterThan(0);
  expect(result.mseNoEdit).toBeGreaterThan(0);
  await expect(page.getByTestId('edit-gallery').locator('canvas')).toHaveCount(18);
  expect(Number(await page.getByTestId('edit-perm-maxdiff').textContent())).toBeLessThan(1e-5);
  await page.locator('.edit-card').screenshot({ path: 'test-results/edit-card.png' });
  // kept like a trained reader: listed in the Storage card
  await expect(page.getByTestId('storage-models')).toContainText('dilate dws 1×4');
  // the link carries the card's settings
  await page.getByTestId('edit-kind').selectOption('erode');
  await expect(page).toHaveURL(/eedit=erode/);
  // and so does the learning-curve card beside it (its settings once never reached the link)
  await page.getByTestId('curve-reader-nfn').check();
  await expect(page).toHaveURL(/creaders=[^&]*nfn/);
});
