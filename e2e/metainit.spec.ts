// Learned initialisations in the page: a small meta-training run whose learned init fits held-out digits faster
// than the standard init, a zoo made from it, and the init kept in the browser across a reload.
import { expect, test } from './fixtures';

test('learns an init that beats the standard one at 50 steps, makes a zoo from it, and keeps it', async ({
  page,
  consoleErrors,
}) => {
  // a small recipe through the link: 20 outer steps of 16 digits × 10 inner steps, curves on 10 held-out digits
  await page.goto('/#v=1&panel=learn&iouter=20&iinner=10&ibatch=16&iimages=10&isteps=100');
  await expect(page.getByTestId('metainit-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('metainit-run').click();
  await expect(page.getByTestId('metainit-status')).toContainText(/outer step|measuring/);
  await expect(page.getByTestId('metainit-result')).toBeVisible({ timeout: 110_000 });
  const result = JSON.parse((await page.getByTestId('metainit-result').textContent())!) as Record<
    'standard' | 'learned',
    Record<'50' | '100', number>
  >;
  console.log(`held-out PSNR after 50 / 100 steps: ${JSON.stringify(result)}`);
  expect(result.learned['50']).toBeGreaterThan(result.standard['50']);
  await expect(page.getByTestId('metainit-table')).toContainText('learned');
  await expect(page.getByTestId('metainit-curve-plot').locator('.scatterlayer .trace')).toHaveCount(2);
  await expect(page.getByTestId('storage-inits')).toContainText('learned mnist 20×10 b16 seed 0');
  await page.getByTestId('metainit-card').screenshot({ path: 'test-results/metainit-card.png' });
  await page.screenshot({ path: 'test-results/metainit.png', fullPage: true });

  // a zoo from it: its recipe names the init
  await page.getByTestId('zoo-learned-init').selectOption({ label: 'learned mnist 20×10 b16 seed 0' });
  await page.getByTestId('zoo-count').fill('10');
  await page.getByTestId('zoo-steps').fill('10');
  await page.getByTestId('zoo-min-psnr').fill('0');
  await page.getByTestId('zoo-generate').click();
  await expect(page.getByTestId('zoo-list')).toContainText('learned init learned mnist 20×10 b16 seed 0', {
    timeout: 60_000,
  });

  await page.reload();
  await expect(page.getByTestId('storage-inits')).toContainText('learned mnist 20×10 b16 seed 0');
  expect(consoleErrors).toEqual([]);
});
