// npm run bench: W1 (DESIGN §8) on this project's WGSL kernels and on TF.js (webgpu, webgl) in one headless
// Chromium session, plus PyTorch CPU when a python3 with torch is found. One JSON line per result on stdout.
//   node bench/run.mjs [--B=16,128,1024] [--impl=weightscape,tfjs-webgpu,tfjs-webgl,pytorch] [--budget=10000]
// `--impl=recipe` instead checks the DESIGN §3 recipe on 50 MNIST digits (how many reach 40 dB, in how many steps).
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.config.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const batches = arg('B', '16,128,1024').split(',').map(Number);
const impls = arg('impl', 'weightscape,tfjs-webgpu,tfjs-webgl,pytorch').split(',');
const budgetMs = Number(arg('budget', '10000'));
// TF.js at B=1024 takes tens of seconds a step on a CPU adapter: one timed step is enough there
const minSteps = (impl, b) => (impl.startsWith('tfjs') && b >= 1024 ? 1 : 3);

const server = await createServer({ configFile: false, root: process.cwd(), logLevel: 'error', server: { port: 5199, strictPort: false } });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results = [];
try {
  for (const impl of impls.filter((i) => i !== 'pytorch')) {
    for (const b of impl === 'recipe' ? [50] : batches) {
      const page = await browser.newPage();
      page.on('console', (m) => m.type() === 'error' && console.error(`[${impl} B=${b}] ${m.text()}`));
      await page.goto(`${url}bench/index.html?impl=${impl}&B=${b}&minSteps=${minSteps(impl, b)}&budgetMs=${budgetMs}`);
      await page.waitForFunction(() => window.benchResult || window.benchError, null, { timeout: 600_000, polling: 500 });
      const { benchResult, benchError } = await page.evaluate(() => ({ benchResult: window.benchResult, benchError: window.benchError }));
      if (benchResult) {
        results.push(benchResult);
        console.log(JSON.stringify(benchResult));
      } else console.error(`[${impl} B=${b}] failed: ${benchError}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

if (impls.includes('pytorch')) {
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (!python) console.error('pytorch: no python3 with torch found (Debian: apt-get install python3-torch); skipped');
  else {
    const run = spawnSync(python, ['bench/torch_w1.py', ...batches.map(String)], { encoding: 'utf8' });
    if (run.status !== 0) console.error(run.stderr);
    for (const line of run.stdout.trim().split('\n').filter(Boolean)) {
      results.push(JSON.parse(line));
      console.log(line);
    }
  }
}

// ratios of this project's kernels to each baseline at the same B, from this one run
for (const ours of results.filter((r) => r.impl === 'weightscape-wgsl')) {
  for (const other of results.filter((r) => r.impl !== ours.impl && r.B === ours.B)) {
    console.error(`B=${ours.B}: weightscape / ${other.impl} = ${(ours.items_per_s / other.items_per_s).toFixed(2)}×`);
  }
}
