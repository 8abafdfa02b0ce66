import { describe, expect, it } from 'vitest';
import { initSirenBatch } from '../models/siren';
import { zooOf } from '../testing/zooFixture';
import { Rng } from '../weightspace/rng';
import { augmentSample } from './wsAugment';
import { buildDataset } from './wsData';

const dims = [2, 6, 6, 1];
const n = 12;
const zoo = zooOf(
  dims,
  initSirenBatch({ dims, omega0: 30 }, n, 1),
  Int32Array.from({ length: n }, (_, i) => i % 10),
  new Uint8Array(n),
);
const data = buildDataset(zoo);
const P = data.layout.paramCount;

describe('augmentSample (the trainer’s draw)', () => {
  it('mixup gives soft labels that sum to 1 and blend the two one-hots', () => {
    const rng = new Rng(1);
    let mixed = 0;
    for (let i = 0; i < 40; i++) {
      const { target } = augmentSample(data, [{ id: 'mixupAligned', p: 0.5 }], i % n, rng);
      expect(target.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      expect(target.every((v) => v >= 0)).toBe(true);
      if (target.filter((v) => v > 0).length === 2) mixed++;
    }
    expect(mixed).toBeGreaterThan(5); // p = 0.5: some draws mix two classes, some do not
    expect(mixed).toBeLessThan(35);
  });

  it('is reproducible from its Rng, and with no augmentation returns the network and target as they are', () => {
    const choices = [
      { id: 'mixup' as const, p: 1 },
      { id: 'noise' as const, p: 1 },
      { id: 'translate' as const, p: 0.5 },
    ];
    const a = augmentSample(data, choices, 3, new Rng(9));
    const b = augmentSample(data, choices, 3, new Rng(9));
    expect(a).toEqual(b);
    const plain = augmentSample(data, [], 3, new Rng(9));
    expect(plain.net).toEqual(data.rawTrain.subarray(3 * P, 4 * P));
    expect(plain.target).toEqual(data.targets.train.subarray(3 * 10, 4 * 10));
  });

  it('never writes into the dataset', () => {
    const before = data.rawTrain.slice();
    const targets = data.targets.train.slice();
    for (const id of ['negate', 'noise', 'dropout', 'quantile', 'mixupAlignedSigned'] as const)
      augmentSample(data, [{ id, p: 1 }], 2, new Rng(3));
    expect(data.rawTrain).toEqual(before);
    expect(data.targets.train).toEqual(targets);
  });
});
