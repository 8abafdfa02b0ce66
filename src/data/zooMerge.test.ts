import { describe, expect, it } from 'vitest';
import { zooOf } from '../testing/zooFixture';
import { mergeZoos } from './zooMerge';

const shard = (i: number, n: number, first: number, count: number, seed = 0) => {
  const z = zooOf(
    [1, 2, 1],
    Float32Array.from({ length: count * 7 }, (_, k) => first * 7 + k),
    Int32Array.from({ length: count }, (_, k) => first + k),
    new Uint8Array(count),
  );
  return {
    ...z,
    recipe: { ...z.recipe, count: 5, seed, splits: [1, 0, 0] as [number, number, number] },
    shard: [i, n] as [number, number],
    name: `z (shard ${i}/${n})`,
  };
};

describe('merging shards', () => {
  it('concatenates in shard order whatever the file order', () => {
    const merged = mergeZoos([shard(1, 2, 3, 2), shard(0, 2, 0, 3)]);
    expect(Array.from(merged.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(merged.params)).toEqual(Array.from({ length: 35 }, (_, k) => k));
    expect([merged.count, merged.name, merged.shard]).toEqual([5, 'z', undefined]);
  });

  it.each([
    ['a missing shard', [shard(0, 3, 0, 1), shard(2, 3, 2, 1)], /shards 1\/3 are missing/],
    ['a repeated shard', [shard(0, 2, 0, 1), shard(0, 2, 0, 1), shard(1, 2, 1, 1)], /given twice/],
    ['another recipe', [shard(0, 2, 0, 1), shard(1, 2, 1, 1, 5)], /another recipe/],
    ['a whole zoo', [{ ...shard(0, 1, 0, 1), shard: undefined }], /whole zoo/],
  ])('refuses %s', (_, shards, message) => {
    expect(() => mergeZoos(shards)).toThrow(message);
  });
});
