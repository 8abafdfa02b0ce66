import { execFileSync } from 'node:child_process';
import { test as base, expect, type Page } from '@playwright/test';
import { traceMainThread, type MainThreadRecorder } from './mainThread';

/**
 * Every test, asked or not, fails on a console error or a page error it did not say it expects
 * (`test.use({ expectedConsoleErrors: [/…/] })`), and on any Content-Security-Policy violation. A test may also ask
 * for `consoleErrors` to check them at a point of its own.
 */
export const test = base.extend<{
  consoleErrors: string[];
  expectedConsoleErrors: RegExp[];
  cspViolations: string[];
  mainThread: MainThreadRecorder;
}>({
  /** console errors a test provokes on purpose (a NaN, a lost device): matched, they do not fail it */
  expectedConsoleErrors: [[], { option: true }],
  /** the page's main-thread tasks, recorded from before the test's first navigation (e2e/mainThread.ts) */
  mainThread: async ({ page }, use) => {
    const recorder = await traceMainThread(page);
    await use(recorder);
    await recorder.stop();
  },
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
        );
      });
      page.on('console', (message) => {
        if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      const expected = (text: string): boolean => expectedConsoleErrors.some((pattern) => pattern.test(text));
      page.on('console', (message) => {
        if (message.type() === 'error' && !expected(message.text())) errors.push(message.text());
      });
      page.on('pageerror', (error) => {
        if (!expected(error.message)) errors.push(error.message);
      });
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Runs the CLI (`node scripts/ws.mjs …`) and returns what it prints on stdout (its progress goes to the test's stderr). */
export function ws(...args: string[]): string {
  return execFileSync(process.execPath, ['scripts/ws.mjs', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

export async function openFitPanel(page: Page): Promise<void> {
  await page.goto('/');
  // a software adapter is named as the CPU it is; a real one as "GPU: <name>"
  await expect(page.getByTestId('gpu-status')).toContainText(/CPU \(SwiftShader\) — no GPU found: slower|GPU: /);
  await expect(page.getByTestId('play')).toBeEnabled();
}

/** Resets the fit from its seed, takes ten single steps and returns the PSNR as printed. */
export async function resetAndStepTen(page: Page): Promise<string> {
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('step-count')).toHaveText('0');
  for (let i = 1; i <= 10; i++) {
    await page.getByTestId('step').click();
    await expect(page.getByTestId('step-count')).toHaveText(String(i));
  }
  return (await page.getByTestId('psnr').textContent())!;
}

export async function psnr(page: Page): Promise<number> {
  return Number(await page.getByTestId('psnr').textContent());
}

/** Fraction of pixels of a canvas that are not black. */
export async function litFraction(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 16) lit++;
    return lit / (data.length / 4);
  });
}
