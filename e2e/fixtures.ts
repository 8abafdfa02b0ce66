import { test as base, expect, type Page } from '@playwright/test';

/** Every test collects console errors and page errors; a test passes only if there were none. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});
export { expect };

export async function openFitPanel(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('gpu-status')).toContainText(/swiftshader|nvidia|amd|intel|apple|adapter/i);
  await expect(page.getByTestId('play')).toBeEnabled();
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
