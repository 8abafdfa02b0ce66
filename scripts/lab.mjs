// Long experiments on the app's own code in headless Chromium (SwiftShader here, a GPU where there is one):
//   node scripts/lab.mjs zoo  --options='{"task":"mnist","count":1000,"sharedInit":false}' --out=zoos/mnist-ind.wsz
//   node scripts/lab.mjs train --zoo=zoos/mnist-ind.wsz --options='{...}'
//   node scripts/lab.mjs curve --zoo=zoos/mnist-ind.wsz --options='{"readers":["dws","probe"],"sizes":[100,300]}' --out=curve.csv
// Prints the task's JSON result on stdout and its progress on stderr; writes its files where --out says.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config.mjs';

const task = process.argv[2];
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const options = arg('options') ?? '{}';
const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'error', // no HMR and no file watching: an edit elsewhere in the checkout must not reload a long experiment
  server: { port: 5299, strictPort: false, hmr: false, watch: null },
});
await server.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let failed = false;
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  const zooPath = arg('zoo');
  if (zooPath) {
    // the zoo goes in before the page's script runs
    const b64 = readFileSync(zooPath).toString('base64');
    await page.addInitScript((data) => {
      const bin = atob(data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      window.labInput = bytes.buffer;
    }, b64);
  }
  await page.goto(`${server.resolvedUrls.local[0]}lab/index.html?task=${task}&options=${encodeURIComponent(options)}`);
  let shown = 0;
  for (;;) {
    const s = await page.evaluate(() => ({
      done: window.labResult !== undefined,
      error: window.labError,
      log: window.labLog ?? [],
    }));
    for (; shown < s.log.length; shown++) console.error(s.log[shown]);
    if (s.error) throw new Error(s.error);
    if (s.done) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const { result, files } = await page.evaluate(() => ({ result: window.labResult, files: window.labFiles ?? {} }));
  console.log(JSON.stringify(result));
  const out = arg('out');
  for (const [name, b64] of Object.entries(files)) {
    const path = Object.keys(files).length === 1 && out ? out : `${out ?? 'lab-out'}.${name}`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(b64, 'base64'));
    console.error(`wrote ${path}`);
  }
} catch (e) {
  console.error(String(e));
  failed = true;
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
