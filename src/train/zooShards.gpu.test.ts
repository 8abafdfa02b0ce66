// Sharded zoo generation: shards i/n of a recipe, merged in order, are the unsharded zoo INR for INR, bit for bit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Zoo } from '../data/zoo';
import { mergeZoos } from '../data/zooMerge';
import type { GpuRuntime } from '../gpu/runtime';
import { testGpu, uncapturedErrors } from '../testing/gpu';
import { DEFAULT_SINE_ZOO, generateZoo } from './zooGen';

let gpu: GpuRuntime;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => expect(uncapturedErrors).toEqual([]));

it('3 shards of 11 sine INRs, merged, equal the unsharded zoo (fidelity gate included)', async () => {
  // minPsnr 20 after 40 steps rejects some fits and refits others: the gate must act per INR, not per shard
  const recipe = {
    ...DEFAULT_SINE_ZOO,
    count: 11,
    maxSteps: 40,
    minPsnr: 20,
    splits: [0.6, 0.2, 0.2] as [number, number, number],
  };
  const whole = await generateZoo(gpu, recipe, { batchSize: 4 });
  const shards: Zoo[] = [];
  for (let i = 2; i >= 0; i--)
    shards.push(await generateZoo(gpu, recipe, { batchSize: 3, shard: { index: i, count: 3 } }));
  expect(shards.map((s) => s.shard)).toEqual([
    [2, 3],
    [1, 3],
    [0, 3],
  ]);
  const merged = mergeZoos(shards);
  for (const key of ['params', 'labels', 'values', 'split', 'psnr', 'steps', 'source'] as const)
    expect(merged[key], key).toEqual(whole[key]);
  expect([merged.count, merged.rejected, merged.name, merged.shard]).toEqual([
    whole.count,
    whole.rejected,
    whole.name,
    undefined,
  ]);
  expect(() => mergeZoos(shards.slice(1))).toThrow(/shards 2\/3 are missing/);
});
