// npm run bench: W1 on this project's WGSL kernels and on TF.js (webgpu, webgl) in one headless
// Chromium session, plus PyTorch CPU when a python3 with torch is found. One JSON line per result on stdout.
//   node bench/run.mjs [--workload=W1,W2,epoch,zoo] [--B=16,128,1024] [--impl=weightscape,tfjs-webgpu,tfjs-webgl,pytorch] [--budget=10000]
// W2 (one DWS and one NFN-NP layer, fwd + bwd, 32 channels) runs on the WGSL kernels and in PyTorch, at batch 32
// (--w2B=32,256 for more). --shapes=cpu or gpu runs W2 and the profile in that adapter kind's kernel shapes
// (src/gpu/kernels/wsGraphKernels.ts, passPolicyFor) whatever the adapter; by default the adapter's own.
// epoch: one epoch of the default weight-space recipe on 700 training INRs (bench/weightscapeEpoch.ts); zoo: a
// 100-INR MNIST zoo by the default recipe (bench/weightscapeZoo.ts, ~2 min on a CPU adapter).
// --workload=metainit (not in the default list, ~15 min on a CPU adapter): the recommended meta-training timed, and
// 100-INR zoos from the standard and the learned init stopping at 35 and at 40 dB (bench/weightscapeMetaInit.ts).
// --workload=augment (not in the default list): the epoch with no augmentation and with each one alone, to see
// what the CPU-side augmentation of every drawn INR costs next to the GPU step.
// --workload=profile (not in the default list) prints, on stderr, each op's time (its dispatches back to back) for the W2 layers and the
// default model (bench/profile.ts); --graphs=w2-dws (or w2-nfn, model) profiles only those.
// --gpu launches Chromium on the machine's GPU (chromium.config.mjs, CHROMIUM_GPU_ARGS) instead of SwiftShader; each
// result names the adapter it ran on.
// `--impl=recipe` instead checks the default fitting recipe on 50 MNIST digits (how many reach 40 dB, in how many steps).
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_GPU_ARGS, CHROMIUM_PATH } from '../chromium.config.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const batches = arg('B', '16,128,1024').split(',').map(Number);
const impls = arg('impl', 'weightscape,tfjs-webgpu,tfjs-webgl,pytorch').split(',');
const budgetMs = Number(arg('budget', '10000'));
const workloads = arg('workload', 'W1,W2,epoch,zoo').split(',');
const w2Batches = arg('w2B', '32').split(',').map(Number);
const shapes = arg('shapes', 'auto');
if (!['auto', 'cpu', 'gpu'].includes(shapes)) {
  console.error(`--shapes=${shapes}: expected cpu or gpu (or leave it out: the adapter's own shapes)`);
  process.exit(2);
}
// TF.js at B=1024 takes tens of seconds a step on a CPU adapter: one timed step is enough there
const minSteps = (impl, b) => (impl.startsWith('tfjs') && b >= 1024 ? 1 : 3);

const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'error',
  server: { port: 5199, strictPort: false, hmr: false, watch: null },
});
await server.listen();
// the augment workload's arms come from the project's own table
const { AUGMENTATION_IDS } = await server.ssrLoadModule('/src/weightspace/augmentations.ts');
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: process.argv.includes('--gpu') ? CHROMIUM_GPU_ARGS : CHROMIUM_ARGS,
});
const results = [];
try {
  const pages = [
    ...(workloads.includes('W1') || impls.includes('recipe')
      ? impls
          .filter((i) => i !== 'pytorch')
          .flatMap((impl) => (impl === 'recipe' ? [50] : batches).map((b) => [impl, b]))
      : []),
    ...(workloads.includes('W2') && impls.includes('weightscape')
      ? w2Batches.flatMap((b) => [
          ['weightscape-w2-dws', b],
          ['weightscape-w2-nfn', b],
        ])
      : []),
    ...(workloads.includes('epoch') && impls.includes('weightscape') ? [['weightscape-epoch', 700]] : []),
    ...(workloads.includes('zoo') && impls.includes('weightscape') ? [['weightscape-zoo', 100]] : []),
    ...(workloads.includes('metainit') && impls.includes('weightscape') ? [['weightscape-metainit', 100]] : []),
    ...(workloads.includes('augment')
      ? ['none', ...AUGMENTATION_IDS].map((id) => [`weightscape-epoch-${id}`, 700])
      : []),
    ...(workloads.includes('profile')
      ? arg('graphs', 'w2-dws,w2-nfn,model')
          .split(',')
          .map((w) => [`profile-${w}`, 32])
      : []),
  ];
  for (const [impl, b] of pages) {
    {
      const page = await browser.newPage();
      page.on('console', (m) => m.type() === 'error' && console.error(`[${impl} B=${b}] ${m.text()}`));
      await page.goto(
        `${url}bench/index.html?impl=${impl}&B=${b}&minSteps=${minSteps(impl, b)}&budgetMs=${budgetMs}&shapes=${shapes}`,
      );
      await page.waitForFunction(() => window.benchResult || window.benchError, null, {
        timeout: 600_000,
        polling: 500,
      });
      const { benchResult, benchError } = await page.evaluate(() => ({
        benchResult: window.benchResult,
        benchError: window.benchError,
      }));
      if (typeof benchResult === 'string') console.error(benchResult);
      else if (benchResult) {
        // a workload may report several lines (metainit: the meta-training and the zoos from each init)
        for (const line of Array.isArray(benchResult) ? benchResult : [benchResult]) {
          results.push(line);
          console.log(JSON.stringify(line));
        }
      } else console.error(`[${impl} B=${b}] failed: ${benchError}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

if (impls.includes('pytorch')) {
  const python = ['python3', '/usr/bin/python3'].find(
    (p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
  );
  if (!python) console.error('pytorch: no python3 with torch found (Debian: apt-get install python3-torch); skipped');
  else {
    const scripts = [
      ...(workloads.includes('W1') ? [['bench/torch_w1.py', ...batches.map(String)]] : []),
      ...(workloads.includes('W2') ? [['bench/torch_w2.py', ...w2Batches.map(String)]] : []),
    ];
    for (const script of scripts) {
      const run = spawnSync(python, script, { encoding: 'utf8' });
      if (run.status !== 0) console.error(run.stderr);
      for (const line of run.stdout.trim().split('\n').filter(Boolean)) {
        results.push(JSON.parse(line));
        console.log(line);
      }
    }
  }
}

// ratios of this project's kernels to each baseline at the same B, from this one run
for (const ours of results.filter((r) => r.impl.startsWith('weightscape-wgsl'))) {
  const layer = /-(dws|nfn)\b/.exec(ours.impl)?.[1];
  const peers = results.filter(
    (r) =>
      r.workload === ours.workload &&
      r.B === ours.B &&
      !r.impl.startsWith('weightscape') &&
      (ours.workload === 'W1' || r.impl.endsWith(`-${layer}`)),
  );
  for (const other of peers)
    console.error(
      `${ours.workload} B=${ours.B}: ${ours.impl} / ${other.impl} = ${(ours.items_per_s / other.items_per_s).toFixed(2)}×`,
    );
}
// each augmentation's epoch against the epoch without one, from this one run
const plain = results.find((r) => r.impl === 'weightscape-wgsl-dws-epoch-none');
for (const r of results.filter((r) => r.workload === 'augment' && r !== plain)) {
  if (plain)
    console.error(
      `augment: ${r.impl.slice('weightscape-wgsl-dws-epoch-'.length)} epoch / no augmentation = ${(r.ms_per_step / plain.ms_per_step).toFixed(2)}×`,
    );
}
// the weight-space kernels against the fitting kernel's arithmetic rate (W1 at B = 128) in this same run
const w1 = results.find((r) => r.workload === 'W1' && r.impl === 'weightscape-wgsl' && r.B === 128);
for (const w2 of results.filter((r) => r.workload === 'W2' && r.B === 32 && r.impl.startsWith('weightscape-wgsl'))) {
  if (w1) console.error(`W2 ${w2.impl} GFLOP/s / W1 B=128 GFLOP/s = ${(w2.gflops / w1.gflops).toFixed(2)}×`);
}
