import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config.mjs';
const server = await createServer({ configFile: false, root: '/work/main', logLevel: 'error', server: { port: 5399, hmr: false, watch: null } });
await server.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const [C, B] of process.argv.slice(2).map((s) => s.split('x').map(Number))) {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'info' && console.log(`C=${C} B=${B} ${m.text()}`));
  await page.goto(`${server.resolvedUrls.local[0]}bench/index.html?impl=weightscape-w2-dws&B=${B}&C=${C}&minSteps=1&budgetMs=100`);
  await page.waitForFunction(() => window.benchResult || window.benchError, null, { timeout: 600000 });
  console.log(await page.evaluate(() => JSON.stringify(window.benchResult ?? window.benchError)));
  await page.close();
}
await browser.close(); await server.close();
