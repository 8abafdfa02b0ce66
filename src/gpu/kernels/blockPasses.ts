/**
 * Splits a gathered op's table for the GPU: the terms of each block used often enough become block passes
 * (shaders/block_gemm.wgsl, one dispatch per block and wave), the small passes are merged into block waves
 * (shaders/block_wave.wgsl, one dispatch for many blocks), the rest stays a table for the gather kernel (gather_rows.wgsl).
 * A wave holds each destination row at most once, so a dispatch never races on a row.
 */
import { BLOCK_ALIGN, TableBuilder, type Block, type GatherTable } from '../../models/gatherTable';
import { MAX_GEMM_BLOCK } from './blockGemmShader';

export interface BlockPass {
  block: Block;
  /** which source of the op the pairs read (rows below are that source's own) */
  source: number;
  dst: Uint32Array;
  src: Uint32Array;
  coef: Float32Array;
}

/** (destination row, source row, coef) pairs of blocks of one shape reading one source, distinct destination rows. */
export interface ShapePairs {
  cIn: number;
  cOut: number;
  source: number;
  dst: Uint32Array;
  src: Uint32Array;
  coef: Float32Array;
}

/** Pairs of blocks of one shape, each pair with its own block (at Θ offset `blk`). */
export interface BlockWave extends ShapePairs {
  blk: Uint32Array;
}

export interface SplitTable {
  rest: GatherTable;
  passes: BlockPass[];
  waves: BlockWave[];
}

/** How the executor shapes an op's dispatches: which blocks run as block passes, and how block gradients split. */
export interface PassPolicy {
  /** an op with more blocks keeps them all in its table (a dense layer over every weight has one block per row) */
  maxBlocks: number;
  /**
   * fewest multiply-adds per network a pass must carry (cIn·cOut × its pairs), on average over the op's passes; an
   * op with less keeps its blocks in the table, where the gather kernel computes them in one dispatch. (Per op, not
   * per block: the gather kernel computes a block term ~4× slower than a pass.)
   */
  minWork: number;
  /**
   * a pass carrying fewer multiply-adds per network than this (cIn·cOut × its pairs) joins the op's block waves:
   * one dispatch for many small blocks, where each pass would cost a dispatch (~0.15–0.3 ms apart on a CPU adapter)
   */
  mergeBelow: number;
  /**
   * a row with at least this many identity terms, in an op that writes its destination, is computed from shorter
   * rows of the same op that partition its terms, when there are such rows (rowReassociation.ts); Infinity: never
   */
  reassociateFrom: number;
  /**
   * (network, term) pairs of a block that one workgroup of block_grad or block_grad_tiles sums (at the kernels'
   * largest batch, for the tiles), the parts then added in order by block_grad_reduce (split-K); Infinity: one part a
   * block item (block_grad then writes dΘ itself)
   */
  gradSlicePairs: number;
  /**
   * block_grad workgroups of up to 64 invocations (a GPU: fewer than a SIMD group's 32 leave lanes idle); false: up
   * to 8, one or two SIMD groups of a CPU core (the shape a CPU adapter ran before the register tiles; tested still)
   */
  gradWideWorkgroups: boolean;
  /**
   * block gradients in register tiles (block_grad_tiles.wgsl; a CPU core): each workgroup of one SIMD group sums up
   * to gradSlicePairs pairs of one block into whole tiles held by its invocations; false: block_grad.wgsl's tiles of
   * 8 input channels added through workgroup memory (a GPU's shape, split or not)
   */
  gradTiles: boolean;
  /**
   * block passes of one shape and source run together as block_loop.wgsl's items (blockLoops), each invocation
   * copying its block into private memory and looping over rows (a CPU core: private reads at literal indices are
   * plain vector loads); false: one block_gemm dispatch per pass, R rows per invocation reading the block from its
   * uniform window (a GPU: thousands of invocations, the block in the constant cache, where a private copy would spill)
   */
  gemmLoop: boolean;
  /**
   * largest block (floats) that runs as block passes; a larger one goes to the gather kernel. On a CPU adapter a
   * block_loop item copies its block into private memory, and SwiftShader took ~125 s to compile one 64×64 copy
   * (the probe reader's dense head) where 32×32 compiles in seconds
   */
  maxPassBlock: number;
}

/**
 * `rows0`: rows of the op's first source (the table's rows index its sources stacked). A block can run as passes
 * when it fits a uniform window, its offset is window-aligned and its terms read one source; it does when the
 * policy allows (see PassPolicy).
 */
export function splitBlockPasses(
  t: GatherTable,
  blocks: readonly Block[],
  rows0: number,
  policy: PassPolicy,
): SplitTable {
  const byOffset = new Map(blocks.map((b) => [b.offset, b]));
  const uses = new Map<number, number[]>();
  for (let i = 0; i < t.row.length; i++) {
    if (t.blk[i] < 0 || t.row[i] < 0) continue;
    const list = uses.get(t.blk[i]);
    if (list) list.push(i);
    else uses.set(t.blk[i], [i]);
  }
  const termRow = new Int32Array(t.row.length);
  for (let r = 0; r < t.dstRows; r++) termRow.fill(r, t.rowStart[r], t.rowStart[r + 1]);
  const moved = new Set<number>();
  const passes: BlockPass[] = [];
  for (const [offset, terms] of uses.size <= policy.maxBlocks ? uses : []) {
    const block = byOffset.get(offset);
    if (!block) throw new Error(`a term uses a block at ${offset} that the op does not own`);
    const source = t.row[terms[0]] < rows0 ? 0 : 1;
    const oneSource = terms.every((i) => (t.row[i] < rows0 ? 0 : 1) === source);
    const tooLarge = block.cIn * block.cOut > Math.min(MAX_GEMM_BLOCK, policy.maxPassBlock);
    if (!oneSource || tooLarge || offset % BLOCK_ALIGN !== 0) continue;
    // wave k takes the k-th term of each destination row, in table order
    const waves: number[][] = [];
    const seen = new Map<number, number>();
    for (const i of terms) {
      const k = seen.get(termRow[i]) ?? 0;
      seen.set(termRow[i], k + 1);
      (waves[k] ??= []).push(i);
    }
    for (const wave of waves) {
      passes.push({
        block,
        source,
        dst: Uint32Array.from(wave, (i) => termRow[i]),
        src: Uint32Array.from(wave, (i) => t.row[i] - (source === 0 ? 0 : rows0)),
        coef: Float32Array.from(wave, (i) => t.coef[i]),
      });
    }
    terms.forEach((i) => moved.add(i));
  }
  const work = passes.reduce((sum, q) => sum + q.block.cIn * q.block.cOut * q.dst.length, 0);
  if (passes.length > 0 && work / passes.length < policy.minWork) {
    passes.length = 0;
    moved.clear();
  }
  const rest = new TableBuilder(t.dstRows);
  for (let i = 0; i < t.row.length; i++) if (!moved.has(i)) rest.add(termRow[i], t.row[i], t.blk[i], t.coef[i]);
  const small = (q: BlockPass): boolean => q.block.cIn * q.block.cOut * q.dst.length < policy.mergeBelow;
  return { rest: rest.finish(), passes: passes.filter((q) => !small(q)), waves: mergeIntoWaves(passes.filter(small)) };
}

/** Most pairs in one wave: a wave's pairs are its dispatch's workgroup rows (y), at most 65535. */
export const MAX_WAVE_PAIRS = 65535;

/**
 * The pairs of passes, grouped by block shape and source, in waves: each pair goes to the first wave of its group
 * that does not write its destination row yet and has room (passes and pairs in order, so the sums' order is fixed).
 */
export function mergeIntoWaves(passes: readonly BlockPass[], maxPairs = MAX_WAVE_PAIRS): BlockWave[] {
  const groups = new Map<string, { rows: Set<number>; pairs: [number, number, number, number][] }[]>();
  for (const q of passes) {
    const key = `${q.block.cIn}|${q.block.cOut}|${q.source}`;
    const waves = groups.get(key) ?? [];
    groups.set(key, waves);
    q.dst.forEach((d, i) => {
      let wave = waves.find((w) => !w.rows.has(d) && w.pairs.length < maxPairs);
      if (!wave) waves.push((wave = { rows: new Set(), pairs: [] }));
      wave.rows.add(d);
      wave.pairs.push([d, q.src[i], q.coef[i], q.block.offset]);
    });
  }
  return [...groups].flatMap(([key, waves]) => {
    const [cIn, cOut, source] = key.split('|').map(Number);
    return waves.map(({ pairs }) => ({
      cIn,
      cOut,
      source,
      dst: Uint32Array.from(pairs, (p) => p[0]),
      src: Uint32Array.from(pairs, (p) => p[1]),
      coef: Float32Array.from(pairs, (p) => p[2]),
      blk: Uint32Array.from(pairs, (p) => p[3]),
    }));
  });
}

/** Pairs per item of block_loop: a workgroup's run of one pass (1024 pairs a workgroup left W2's cores unevenly busy). */
export const LOOP_PAIRS = 128;

/** One block_loop dispatch: passes of one block shape and source, their pairs one after another. */
export interface BlockLoop extends ShapePairs {
  /** per item: (its block's offset in Θ in vec4s, first pair, pairs, 0) */
  items: Uint32Array;
}

/**
 * The passes as block_loop dispatches: each pass joins the first dispatch of its shape and source that writes none
 * of its destination rows (passes in order, so the sums' order is fixed), cut into items of up to `pairsPerItem`.
 */
export function blockLoops(passes: readonly BlockPass[], pairsPerItem = LOOP_PAIRS): BlockLoop[] {
  const loops: { key: string; rows: Set<number>; passes: BlockPass[] }[] = [];
  for (const q of passes) {
    const key = `${q.block.cIn}|${q.block.cOut}|${q.source}`;
    let loop = loops.find((l) => l.key === key && q.dst.every((d) => !l.rows.has(d)));
    if (!loop) loops.push((loop = { key, rows: new Set(), passes: [] }));
    q.dst.forEach((d) => loop!.rows.add(d));
    loop.passes.push(q);
  }
  return loops.map(({ passes: list }) => {
    const items: number[] = [];
    let first = 0;
    for (const q of list) {
      for (let a = 0; a < q.dst.length; a += pairsPerItem)
        items.push(q.block.offset / 4, first + a, Math.min(pairsPerItem, q.dst.length - a), 0);
      first += q.dst.length;
    }
    return {
      cIn: list[0].block.cIn,
      cOut: list[0].block.cOut,
      source: list[0].source,
      dst: Uint32Array.from(list.flatMap((q) => [...q.dst])),
      src: Uint32Array.from(list.flatMap((q) => [...q.src])),
      coef: Float32Array.from(list.flatMap((q) => [...q.coef])),
      items: Uint32Array.from(items),
    };
  });
}
