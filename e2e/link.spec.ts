import { expect, openFitPanel, resetAndStepTen, test } from './fixtures';

test('a shared link opens the same experiment in a fresh browser: the same settings, the same PSNR after 10 steps', async ({
  page,
  browser,
  consoleErrors,
}) => {
  await openFitPanel(page);
  await page.getByTestId('digit-7').click();
  await page.getByTestId('width').selectOption('16');
  await page.getByTestId('omega0').fill('25');
  await page.getByTestId('omega0').press('Enter');
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('seed').press('Enter');
  await page.getByTestId('ws-channels').fill('6');
  await page.getByTestId('ws-channels').press('Enter');
  const psnr = await resetAndStepTen(page);
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#v=1&/);
  for (const part of ['digit=7', 'width=16', 'w0=25', 'seed=7', 'mch=6']) expect(link).toContain(part);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('play')).toBeEnabled();
  await expect(other.getByTestId('width')).toHaveValue('16');
  await expect(other.getByTestId('omega0')).toHaveValue('25');
  await expect(other.getByTestId('seed')).toHaveValue('7');
  await expect(other.getByTestId('digit-7')).toHaveClass(/active/);
  await expect(other.getByTestId('ws-channels')).toHaveValue('6');
  expect(await resetAndStepTen(other)).toBe(psnr);
  await fresh.close();
  expect(consoleErrors).toEqual([]);
});

test('a hostile link: every bad value replaced and listed, nothing injected; a hand-edited hash applies without a reload', async ({
  page,
  consoleErrors,
}) => {
  const bad = [
    'w0=NaN',
    `digit=${encodeURIComponent('<img src=x onerror="window.pwned=1">')}`,
    'lr=1e309',
    'augs=evil:1,negate:7',
    '__proto__=1',
    'mch=-4',
  ].join('&');
  await page.goto(`/#v=1&${bad}`);
  await expect(page.getByTestId('play')).toBeEnabled();
  const notice = page.getByTestId('url-notice');
  await expect(notice.locator('li')).toHaveCount(6);
  await expect(notice).toContainText('<img src=x'); // shown as text
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await page.locator('main img').count()).toBe(0);
  await expect(page.getByTestId('omega0')).toHaveValue('30');
  await expect(page.getByTestId('ws-channels')).toHaveValue('1');
  await page.getByTestId('url-notice-dismiss').click();
  await expect(notice).toBeHidden();

  const before = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.evaluate(() => (location.hash = '#v=1&w0=12&digit=5'));
  await expect(page.getByTestId('omega0')).toHaveValue('12');
  await expect(page.getByTestId('digit-5')).toHaveClass(/active/);
  // back: the hostile link's settings again, still without a reload
  await page.goBack();
  await expect(page.getByTestId('omega0')).toHaveValue('30');
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(before);
  expect(consoleErrors).toEqual([]);
});
