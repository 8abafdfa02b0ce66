// Fashion-MNIST as this project reads it (scripts/idxFile.mjs → datasetFiles.mjs → src/data/mnistFile.ts), against
// the same files read by an independent reader: Python's gzip + numpy. Without the files or numpy the comparison is
// skipped with the reason printed, except under CI=true, where .ci/run installs both and their absence fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageParts, parseMnistFile } from '../src/data/mnistFile';
import { onCi, pythonWith } from '../src/testing/python';
import { fashionMnistClasses, wsmFile } from './datasetFiles.mjs';
import { parseIdx } from './idxFile.mjs';

const DIR = process.env.FMNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const python = pythonWith('numpy');
const missing = !existsSync(`${DIR}/train-images-idx3-ubyte.gz`)
  ? `no Fashion-MNIST files in ${DIR} (Debian: apt install dataset-fashion-mnist)`
  : !python
    ? 'no python3 with numpy'
    : null;
if (missing && !onCi) console.warn(`Fashion-MNIST comparison SKIPPED: ${missing}`);

/** An IDX file of u8 with the given shape. */
function idx(shape, data) {
  const header = new Uint8Array(4 + 4 * shape.length);
  header.set([0, 0, 0x08, shape.length]);
  shape.forEach((s, i) => new DataView(header.buffer).setUint32(4 + 4 * i, s, false));
  return Uint8Array.from([...header, ...data]);
}

describe('IDX files', () => {
  it('reads shape and data, gzipped or not', () => {
    const raw = idx([2, 3], [1, 2, 3, 4, 5, 6]);
    for (const bytes of [raw, new Uint8Array(gzipSync(raw))]) {
      const { shape, data } = parseIdx(bytes, 'x');
      expect(shape).toEqual([2, 3]);
      expect([...data]).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('refuses another format, another element type and a cut file, saying which', () => {
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 1, 7]), 'a.idx')).toThrow(/a\.idx is not an IDX file/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 7, 7, 7, 7]), 'f')).toThrow(/element type 0xd/);
    expect(() => parseIdx(idx([4], [1, 2, 3]), 'cut')).toThrow(/3 bytes of data, the header says 4/);
  });
});

// The independent reader: labels and images straight from the gzipped files, the class grouping the build promises
// (each class: its training-set images, then its test-set images, each in file order), hashed.
const NUMPY_READER = `
import gzip, hashlib, json, sys
import numpy as np
d = sys.argv[1]
def read(name, offset):
    with gzip.open(f"{d}/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)
parts = []
for p in ("train", "t10k"):
    labels = read(f"{p}-labels-idx1-ubyte.gz", 8)
    images = read(f"{p}-images-idx3-ubyte.gz", 16).reshape(len(labels), 28 * 28)
    parts.append((labels, images))
grouped = np.concatenate([images[labels == c] for c in range(10) for labels, images in parts])
test_grouped = np.concatenate([parts[1][1][parts[1][0] == c] for c in range(10)])
print(json.dumps({
    "perClass": [[int((labels == c).sum()) for labels, _ in parts] for c in range(10)],
    "pixels": hashlib.sha256(grouped.tobytes()).hexdigest(),
    "testPixels": hashlib.sha256(test_grouped.tobytes()).hexdigest(),
    "firstTrain": [int(parts[0][0][0]), int(parts[0][1][0].sum())],
}))
`;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(missing && !onCi)('Fashion-MNIST against Python gzip + numpy', () => {
  it('has the files and a reader to check them against (CI installs both)', () => {
    expect(missing).toBeNull();
  });

  it('parses every label and pixel as numpy reads them, held-out part = the official test set', () => {
    const numpy = JSON.parse(spawnSync(python, ['-c', NUMPY_READER, DIR], { encoding: 'utf8' }).stdout);
    const file = wsmFile(fashionMnistClasses(DIR));
    const set = parseMnistFile(file.buffer, 'fmnist');
    expect(set.count).toBe(70_000);
    const perClass = Array.from({ length: 10 }, (_, c) => set.labels.filter((l) => l === c).length);
    expect(perClass).toEqual(numpy.perClass.map(([train, test]) => train + test));
    expect(sha256(set.pixels)).toBe(numpy.pixels);
    // the first training image (a class-`label` image) is its class's first in the file
    const [label, sum] = numpy.firstTrain;
    const first = set.labels.indexOf(label);
    expect(set.pixels.subarray(first * 784, (first + 1) * 784).reduce((a, b) => a + b, 0)).toBe(sum);
    // what learned inits never train on is exactly the test set, class by class
    const { heldOut } = imageParts(set);
    expect(heldOut.length).toBe(10_000);
    const held = new Uint8Array(heldOut.length * 784);
    heldOut.forEach((i, k) => held.set(set.pixels.subarray(i * 784, (i + 1) * 784), k * 784));
    expect(sha256(held)).toBe(numpy.testPixels);
  }, 60_000);
});
