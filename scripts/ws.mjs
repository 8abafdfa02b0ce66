// Launcher of the headless CLI (npm run ws -- <command>): builds src/cli into dist-cli/ws.mjs with Vite, then runs it
// in a child Node whose Vulkan loader finds a driver. A machine without a Vulkan loader of its own (no GPU driver)
// gets Debian chromium's loader and SwiftShader driver; WS_VULKAN=system or =swiftshader forces the choice.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}public/mnist/mnist-10k.bin`)) spawnSync(process.execPath, [`${root}scripts/build-mnist.mjs`], { stdio: 'inherit' });
await build({ configFile: `${root}vite.cli.config.ts`, root });

const CHROMIUM_DIR = '/usr/lib/chromium';
const env = { ...process.env };
const systemLoader = /libvulkan\.so\.1\b/.test(spawnSync('ldconfig', ['-p'], { encoding: 'utf8' }).stdout ?? '');
const choice = process.env.WS_VULKAN ?? (systemLoader ? 'system' : 'swiftshader');
if (choice === 'swiftshader' && existsSync(`${CHROMIUM_DIR}/vk_swiftshader_icd.json`)) {
  env.LD_LIBRARY_PATH = [CHROMIUM_DIR, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  env.VK_ICD_FILENAMES = `${CHROMIUM_DIR}/vk_swiftshader_icd.json`;
}
const child = spawnSync(process.execPath, [`${root}dist-cli/ws.mjs`, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(child.status ?? 1);
