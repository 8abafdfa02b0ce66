// The suite's own checks can fail: a test that logs a console error fails without asking for the check, and the
// main-thread budget refuses a trace in which it would find nothing to measure.
import { expect, test } from './fixtures';
import { longTasksOf, type TraceEvent } from './mainThread';

test('a console error fails a test that never asked for the console check', async ({ page }) => {
  test.fail(); // the automatic fixture must fail this test
  await page.goto('/');
  await expect(page.getByTestId('play')).toBeEnabled();
  await page.evaluate(() => console.error('a deliberate console error'));
});

test.describe('a console error the test says it expects', () => {
  test.use({ expectedConsoleErrors: [/a deliberate console error/] });
  test('does not fail it', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('play')).toBeEnabled();
    await page.evaluate(() => console.error('a deliberate console error'));
  });
});

test('the main-thread budget refuses a trace with nothing to measure', () => {
  const thread: TraceEvent = { name: 'thread_name', ph: 'M', pid: 1, tid: 2, args: { name: 'CrRendererMain' } };
  const task = (dur: number, tdur?: number): TraceEvent => ({ name: 'RunTask', ph: 'X', pid: 1, tid: 2, dur, tdur });
  expect(() => longTasksOf([])).toThrow(/no renderer main thread/);
  expect(() => longTasksOf([thread])).toThrow(/no task \(RunTask\)/);
  expect(() => longTasksOf([thread, task(80_000)])).toThrow(/80 ms main-thread task has no thread time/);
  expect(longTasksOf([thread, task(10_000, 9_000), task(80_000, 12_000)])).toEqual([{ wallMs: 80, cpuMs: 12 }]);
});
