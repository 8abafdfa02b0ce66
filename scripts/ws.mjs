// Launcher of the headless CLI (npm run ws -- <command>): builds src/cli into dist-cli/ws.mjs with Vite when a source
// is newer than the build, then runs it in a child Node whose Vulkan loader finds a driver. A machine without a Vulkan
// loader of its own (no GPU driver) gets Debian chromium's loader and SwiftShader driver; WS_VULKAN=system or
// =swiftshader forces the choice.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const bundle = `${root}dist-cli/ws.mjs`;

/** The newest modification time under the given files and folders. */
function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const s = statSync(path);
    latest = Math.max(latest, s.isDirectory() ? newest(readdirSync(path).map((name) => join(path, name))) : s.mtimeMs);
  }
  return latest;
}

// stdout carries the command's result alone (--json: one JSON object): what the preparation says goes to stderr
if (!existsSync(`${root}public/mnist/mnist-10k.bin`))
  spawnSync(process.execPath, [`${root}scripts/build-mnist.mjs`], { stdio: ['ignore', 2, 2] });
const sources = ['src', 'shaders', 'vite.cli.config.ts', 'package-lock.json'].map((p) => `${root}${p}`);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(sources)) {
  process.stderr.write('building the CLI (dist-cli/ws.mjs)…\n');
  await build({ configFile: `${root}vite.cli.config.ts`, root, logLevel: 'warn' });
}

const CHROMIUM_DIR = '/usr/lib/chromium';
const env = { ...process.env };
const systemLoader = /libvulkan\.so\.1\b/.test(spawnSync('ldconfig', ['-p'], { encoding: 'utf8' }).stdout ?? '');
const choice = process.env.WS_VULKAN ?? (systemLoader ? 'system' : 'swiftshader');
if (choice === 'swiftshader' && existsSync(`${CHROMIUM_DIR}/vk_swiftshader_icd.json`)) {
  env.LD_LIBRARY_PATH = [CHROMIUM_DIR, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  env.VK_ICD_FILENAMES = `${CHROMIUM_DIR}/vk_swiftshader_icd.json`;
}
const child = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(child.status ?? 1);
