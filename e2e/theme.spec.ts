import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** WCAG contrast ratio of two CSS colours, computed in the page. */
async function contrast(page: Page, fg: string, bg: string): Promise<number> {
  return page.evaluate(
    ([fgVar, bgVar]) => {
      const rgb = (v: string): number[] => {
        const probe = document.createElement('span');
        probe.style.color = getComputedStyle(document.documentElement).getPropertyValue(v);
        document.body.append(probe);
        const parts = getComputedStyle(probe)
          .color.match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
        probe.remove();
        return parts;
      };
      const lum = (c: number[]): number => {
        const [r, g, b] = c.map((x) => (x / 255 <= 0.03928 ? x / 255 / 12.92 : ((x / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [lum(rgb(fgVar)), lum(rgb(bgVar))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    },
    [fg, bg],
  );
}

test('the theme follows the system, the toggle switches and is remembered; both palettes are legible', async ({
  page,
  consoleErrors,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.getByTestId('play')).toBeEnabled();
  const background = (): Promise<string> =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(await background()).toBe('rgb(245, 247, 251)');
  for (const [fg, bg] of [
    ['--text', '--bg'],
    ['--text', '--card'],
    ['--muted', '--card'],
    ['--accent', '--card'],
    ['--bad', '--card'],
  ])
    expect(await contrast(page, fg, bg), `${fg} on ${bg}`).toBeGreaterThan(4.5);
  await page.screenshot({ path: 'test-results/theme-light.png' });

  await page.getByTestId('theme-toggle').click();
  expect(await background()).toBe('rgb(14, 17, 23)');
  for (const [fg, bg] of [
    ['--text', '--bg'],
    ['--text', '--card'],
    ['--muted', '--card'],
    ['--accent', '--card'],
    ['--bad', '--card'],
  ])
    expect(await contrast(page, fg, bg), `${fg} on ${bg}`).toBeGreaterThan(4.5);
  await page.getByTestId('step').click();
  await page.screenshot({ path: 'test-results/theme-dark.png' });
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveText(/Light/); // dark chosen, and kept over the system's light
  expect(await background()).toBe('rgb(14, 17, 23)');
  expect(consoleErrors).toEqual([]);
});
