/**
 * The compact MNIST-format files under public/ (built by scripts/build-mnist.mjs): the shipped MNIST digits, and
 * Fashion-MNIST where the build found it (data/imageDatasets.ts). Parse and validate.
 */
import { bytesOf, fetchBytes, type FetchReply } from './fetchBytes';
import { DATASET_INFO, type ImageDataset } from './imageDatasets';

/** The images of one dataset (MNIST or Fashion-MNIST: 10 classes, "digits" in the names below). */
export interface MnistSet {
  dataset: ImageDataset;
  count: number;
  side: number;
  labels: Uint8Array;
  /** count·side² intensities, 0..255, row-major */
  pixels: Uint8Array;
}

/** The side of an MNIST digit (28 × 28 pixels), and so of the grid the page renders image INRs on. */
export const MNIST_SIDE = 28;
const MAGIC = 'WSM1';

export function parseMnistFile(buffer: ArrayBuffer, dataset: ImageDataset = 'mnist'): MnistSet {
  const bytes = new Uint8Array(buffer);
  const label = DATASET_INFO[dataset].label;
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error(
      `${label} file is not a Weightscape image file (bad header); rebuild it with \`npm run data -- --force\``,
    );
  }
  const view = new DataView(buffer);
  const count = view.getUint32(4, true);
  const side = view.getUint32(8, true);
  const expected = 12 + count + count * side * side;
  if (bytes.length !== expected)
    throw new Error(`${label} file is truncated or corrupt: ${bytes.length} bytes, expected ${expected}`);
  const labels = bytes.subarray(12, 12 + count);
  if (labels.some((l) => l > 9)) throw new Error(`${label} file is corrupt: a label is outside 0..9`);
  return { dataset, count, side, labels, pixels: bytes.subarray(12 + count) };
}

/** Indices of every digit of one class, in file order. */
export function indicesOfClass(set: MnistSet, digit: number): number[] {
  const out: number[] = [];
  set.labels.forEach((l, i) => l === digit && out.push(i));
  return out;
}

/** Image i as targets in [0, 1], `[side²]`. */
export function digitImage(set: MnistSet, index: number): Float32Array {
  const n = set.side * set.side;
  return Float32Array.from(set.pixels.subarray(index * n, (index + 1) * n), (v) => v / 255);
}

/** Fetches and parses a dataset, by default on this thread (a worker's; the page passes `fetchOffThread`). */
export async function loadMnist(
  baseUrl: string,
  fetcher: (url: string) => Promise<FetchReply> = fetchBytes,
  dataset: ImageDataset = 'mnist',
): Promise<MnistSet> {
  const info = DATASET_INFO[dataset];
  return parseMnistFile(bytesOf(await fetcher(`${baseUrl}${info.file}`), `the ${info.label} images`), dataset);
}

/**
 * A loader that fetches each dataset once per thread (the page and the Worker keep their own copy), with `fetcher`;
 * a failed load is tried again by the next caller.
 */
export function imageSetCache(
  fetcher: (url: string) => Promise<FetchReply> = fetchBytes,
): (baseUrl: string, dataset: ImageDataset) => Promise<MnistSet> {
  const loads = new Map<ImageDataset, Promise<MnistSet>>();
  return (baseUrl, dataset) => {
    let load = loads.get(dataset);
    if (!load) {
      load = loadMnist(baseUrl, fetcher, dataset);
      load.catch(() => loads.delete(dataset));
      loads.set(dataset, load);
    }
    return load;
  };
}

/**
 * The images cut in two, class by class in file order: the first `metaTrainShare` of each class's images (MNIST 70%,
 * Fashion-MNIST its training set) are the part a learned initialisation trains on (`train`), the rest are held out
 * (`heldOut`: what its curves are measured on).
 */
export function imageParts(set: MnistSet): { train: number[]; heldOut: number[] } {
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const parts = digitParts(set, digit);
    train.push(...parts.train);
    heldOut.push(...parts.heldOut);
  }
  return { train: train.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}

/** One digit's images, cut as imageParts cuts them (file order). */
export function digitParts(set: MnistSet, digit: number): { train: number[]; heldOut: number[] } {
  const indices = indicesOfClass(set, digit);
  const cut = Math.round(DATASET_INFO[set.dataset].metaTrainShare * indices.length);
  return { train: indices.slice(0, cut), heldOut: indices.slice(cut) };
}

/** `count` of `indices` (a multiple of 10), the same number of each digit: each digit's first in `indices`' order. */
export function balancedSample(set: MnistSet, indices: readonly number[], count: number): number[] {
  const perDigit = count / 10;
  if (!Number.isInteger(perDigit) || perDigit < 1)
    throw new Error(`a balanced sample needs a multiple of 10, got ${count}`);
  const out: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const of = indices.filter((i) => set.labels[i] === digit).slice(0, perDigit);
    if (of.length < perDigit)
      throw new Error(`only ${of.length} images of digit ${digit}, the sample needs ${perDigit}`);
    out.push(...of);
  }
  return out;
}
