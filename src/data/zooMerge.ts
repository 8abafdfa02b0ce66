/**
 * Joins the shards of one zoo recipe (made with `ws zoo --shard i/n`, e.g. on the machines of a cluster job) into
 * the zoo an unsharded run makes: the shards' INRs in shard order. Refuses shards of different recipes, a missing
 * or repeated shard, and whole zoos.
 */
import type { Zoo } from './zoo';

export function mergeZoos(shards: readonly Zoo[]): Zoo {
  if (shards.length === 0) throw new Error('nothing to merge: give the shard files');
  const n = shards[0].shard?.[1];
  const recipe = JSON.stringify(shards[0].recipe);
  shards.forEach((z) => {
    if (!z.shard) throw new Error(`"${z.name}" is a whole zoo, not a shard`);
    if (z.shard[1] !== n) throw new Error(`shards of different splittings: ${z.shard.join('/')} and ?/${n}`);
    if (JSON.stringify(z.recipe) !== recipe)
      throw new Error(
        `shard ${z.shard.join('/')} was made with another recipe than shard ${shards[0].shard!.join('/')}`,
      );
  });
  const ordered = [...shards].sort((a, b) => a.shard![0] - b.shard![0]);
  const missing = Array.from({ length: n! }, (_, i) => i).filter((i) => !ordered.some((z) => z.shard![0] === i));
  if (missing.length > 0) throw new Error(`shards ${missing.map((i) => `${i}/${n}`).join(', ')} are missing`);
  if (ordered.length !== n) throw new Error(`a shard is given twice (${ordered.length} files for ${n} shards)`);
  const concat = <T extends Float32Array | Int32Array | Uint8Array | Uint32Array>(
    pick: (z: Zoo) => T,
    make: (length: number) => T,
  ): T => {
    const out = make(ordered.reduce((s, z) => s + pick(z).length, 0));
    let at = 0;
    for (const z of ordered) {
      out.set(pick(z) as never, at);
      at += pick(z).length;
    }
    return out;
  };
  const first = ordered[0];
  return {
    name: first.name.replace(/ \(shard \d+\/\d+\)$/, ''),
    recipe: first.recipe,
    createdAt: ordered
      .map((z) => z.createdAt)
      .sort()
      .at(-1)!,
    count: ordered.reduce((s, z) => s + z.count, 0),
    paramCount: first.paramCount,
    params: concat(
      (z) => z.params,
      (k) => new Float32Array(k),
    ),
    labels: concat(
      (z) => z.labels,
      (k) => new Int32Array(k),
    ),
    valueDim: first.valueDim,
    values: concat(
      (z) => z.values,
      (k) => new Float32Array(k),
    ),
    split: concat(
      (z) => z.split,
      (k) => new Uint8Array(k),
    ),
    psnr: concat(
      (z) => z.psnr,
      (k) => new Float32Array(k),
    ),
    steps: concat(
      (z) => z.steps,
      (k) => new Uint32Array(k),
    ),
    source: concat(
      (z) => z.source,
      (k) => new Int32Array(k),
    ),
    rejected: ordered.reduce((s, z) => s + z.rejected, 0),
    wallMs: ordered.reduce((s, z) => s + z.wallMs, 0),
  };
}
