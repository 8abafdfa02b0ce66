// Headless Chromium with WebGPU on SwiftShader (no GPU needed): shared by Vitest browser mode, Playwright e2e and the bench.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // gc() for the soak test's heap figures (src/gpu/soak.gpu.test.ts)
  '--js-flags=--expose-gc',
];

// The same browser on the machine's own GPU (Dawn's Vulkan adapter, WebGL through ANGLE on Vulkan), for
// `npm run bench -- --gpu` on a GPU machine; never for the tests. Not yet tried on a GPU machine.
export const CHROMIUM_GPU_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=vulkan',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
