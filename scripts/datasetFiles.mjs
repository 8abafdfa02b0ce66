// The image datasets' files under public/ (read by src/data/mnistFile.ts): "WSM1", u32 count, u32 side, count labels
// (u8), count·side² pixels (u8, row-major), images grouped by class. Built by scripts/build-mnist.mjs.
import { readIdxSplit } from './idxFile.mjs';

export const SIDE = 28;

/**
 * The WSM1 file of `classes[c]`: the images (each side² bytes) of class c, in order.
 * @param {Uint8Array[][]} classes
 */
export function wsmFile(classes) {
  const count = classes.reduce((n, images) => n + images.length, 0);
  const pixels = SIDE * SIDE;
  const bytes = new Uint8Array(12 + count + count * pixels);
  const view = new DataView(bytes.buffer);
  bytes.set([0x57, 0x53, 0x4d, 0x31]); // "WSM1"
  view.setUint32(4, count, true);
  view.setUint32(8, SIDE, true);
  let i = 0;
  classes.forEach((images, label) => {
    for (const image of images) {
      bytes[12 + i] = label;
      bytes.set(image, 12 + count + i * pixels);
      i++;
    }
  });
  return bytes;
}

/**
 * Fashion-MNIST's 70,000 images by class, from the four IDX files in `dir`: each class's training-set images then its
 * test-set images, each part in the files' order (so a class's first 6/7 is its official training part).
 * @returns {Uint8Array[][]}
 */
export function fashionMnistClasses(dir) {
  const classes = Array.from({ length: 10 }, () => []);
  for (const part of ['train', 't10k']) {
    const split = readIdxSplit(`${dir}/${part}-images-idx3-ubyte.gz`, `${dir}/${part}-labels-idx1-ubyte.gz`);
    if (split.side !== SIDE) throw new Error(`Fashion-MNIST images of side ${split.side}, expected ${SIDE}`);
    for (let i = 0; i < split.count; i++) {
      const label = split.labels[i];
      if (label > 9) throw new Error(`Fashion-MNIST ${part} label ${label} at image ${i}, expected 0…9`);
      classes[label].push(split.pixels.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE));
    }
  }
  return classes;
}
