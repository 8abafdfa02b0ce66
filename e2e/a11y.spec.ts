import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// every panel, in both themes: no serious or critical accessibility violation (axe-core)
for (const theme of ['dark', 'light'] as const) {
  test(`axe finds no serious or critical violation on any panel (${theme} theme)`, async ({ page, consoleErrors }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await expect(page.getByTestId('play')).toBeEnabled();
    for (const heading of ['Augment weights', 'Align & merge', 'Learn from weights'])
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await page.getByTestId('help').click();
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    const help = await new AxeBuilder({ page }).include('[data-testid="help-dialog"]').analyze();
    await page.getByTestId('help-close').click();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = [...help.violations, ...results.violations].filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    const report = serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
    expect(report, report.join('\n')).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}
