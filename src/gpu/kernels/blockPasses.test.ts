import { describe, expect, it } from 'vitest';
import { ParamAllocator, TableBuilder } from '../../models/gatherTable';
import { blockLoops, mergeIntoWaves, splitBlockPasses } from './blockPasses';
import { tableRows } from './wsGraphSteps';

describe('splitBlockPasses', () => {
  const p = new ParamAllocator();
  const a = p.block(4, 4, 4);
  const b = p.block(4, 4, 4);
  const bias = p.block(1, 4, 0);
  // rows 0 and 1 of source 0 (3 rows), row 3 = row 0 of source 1; row 0 uses block a twice
  const t = new TableBuilder(3);
  t.add(0, 1, a.offset, 0.5);
  t.add(0, 2, a.offset, -1);
  t.add(0, -1, bias.offset);
  t.add(1, 0, a.offset);
  t.add(1, 3, b.offset, 2);
  t.add(2, 2, -1, 0.25);
  const table = t.finish();

  it('moves every block term into passes, a wave per repeat of a destination row, and keeps the rest in order', () => {
    const { rest, passes } = splitBlockPasses(table, [a, b, bias], 3, {
      maxBlocks: 64,
      minWork: 0,
      mergeBelow: 0,
      reassociateFrom: Infinity,
      gradSlicePairs: Infinity,
      gradWideWorkgroups: false,
      gradTiles: false,
      gemmLoop: false,
      maxPassBlock: 16384,
    });
    const ofA = passes.filter((q) => q.block === a);
    expect(ofA.map((q) => [...q.dst])).toEqual([[0, 1], [0]]);
    expect(ofA.map((q) => [...q.src])).toEqual([[1, 0], [2]]);
    expect(ofA.map((q) => [...q.coef])).toEqual([[0.5, 1], [-1]]);
    const ofB = passes.filter((q) => q.block === b);
    expect(ofB).toHaveLength(1);
    expect([ofB[0].source, ...ofB[0].src, ...ofB[0].dst]).toEqual([1, 0, 1]);
    // biases and identities stay, in table order
    expect([...rest.row]).toEqual([-1, 2]);
    expect([...rest.blk]).toEqual([bias.offset, -1]);
    expect([...rest.rowStart]).toEqual([0, 1, 1, 2]);
  });

  it('leaves a block larger than the policy allows in the table (the gather kernel runs it)', () => {
    const policy = {
      maxBlocks: 64,
      minWork: 0,
      mergeBelow: 0,
      reassociateFrom: Infinity,
      gradSlicePairs: Infinity,
      gradWideWorkgroups: false,
      gradTiles: false,
      gemmLoop: true,
      maxPassBlock: 15, // a and b hold 16 floats each
    };
    const { rest, passes } = splitBlockPasses(table, [a, b, bias], 3, policy);
    expect(passes).toEqual([]);
    expect([...rest.blk]).toEqual([...table.blk]);
    expect(splitBlockPasses(table, [a, b, bias], 3, { ...policy, maxPassBlock: 16 }).passes).toHaveLength(3);
  });

  it('leaves every block in the table when the op has more blocks than allowed', () => {
    const { rest, passes } = splitBlockPasses(table, [a, b, bias], 3, {
      maxBlocks: 1,
      minWork: 0,
      mergeBelow: 0,
      reassociateFrom: Infinity,
      gradSlicePairs: Infinity,
      gradWideWorkgroups: false,
      gradTiles: false,
      gemmLoop: false,
      maxPassBlock: 16384,
    });
    expect(passes).toEqual([]);
    expect([...rest.row]).toEqual([...table.row]);
    expect([...rest.blk]).toEqual([...table.blk]);
  });

  it('keeps every block in the table when the passes would carry too little work on average (cIn·cOut × pairs)', () => {
    // 4 block terms of 16 multiply-adds in 3 passes: 21.3 per network and pass
    expect(
      splitBlockPasses(table, [a, b, bias], 3, {
        maxBlocks: 64,
        minWork: 21,
        mergeBelow: 0,
        reassociateFrom: Infinity,
        gradSlicePairs: Infinity,
        gradWideWorkgroups: false,
        gradTiles: false,
        gemmLoop: false,
        maxPassBlock: 16384,
      }).passes,
    ).toHaveLength(3);
    const { rest, passes } = splitBlockPasses(table, [a, b, bias], 3, {
      maxBlocks: 64,
      minWork: 22,
      mergeBelow: 0,
      reassociateFrom: Infinity,
      gradSlicePairs: Infinity,
      gradWideWorkgroups: false,
      gradTiles: false,
      gemmLoop: false,
      maxPassBlock: 16384,
    });
    expect(passes).toEqual([]);
    expect([...rest.row]).toEqual([...table.row]);
    expect([...rest.blk]).toEqual([...table.blk]);
  });

  it('merges the passes below mergeBelow into waves of distinct destination rows, each pair naming its block', () => {
    // a's passes carry 2 and 1 pairs (32 and 16 multiply-adds), b's 1 pair: below 20, a's second and b's pass merge
    const { rest, passes, waves } = splitBlockPasses(table, [a, b, bias], 3, {
      maxBlocks: 64,
      minWork: 0,
      mergeBelow: 20,
      reassociateFrom: Infinity,
      gradSlicePairs: Infinity,
      gradWideWorkgroups: false,
      gradTiles: false,
      gemmLoop: false,
      maxPassBlock: 16384,
    });
    expect(passes.map((q) => [q.block.offset, ...q.dst])).toEqual([[a.offset, 0, 1]]);
    // a reads source 0 and b source 1: two waves
    expect(waves.map((w) => [w.source, [...w.dst], [...w.src], [...w.coef], [...w.blk]])).toEqual([
      [0, [0], [2], [-1], [a.offset]],
      [1, [1], [0], [2], [b.offset]],
    ]);
    expect([...rest.row]).toEqual([-1, 2]);
  });
});

describe('mergeIntoWaves', () => {
  const p = new ParamAllocator();
  const [a, b, c] = [p.block(2, 3, 2), p.block(2, 3, 2), p.block(3, 3, 3)];
  const pass = (block: typeof a, dst: number[], src: number[]) => ({
    block,
    source: 0,
    dst: Uint32Array.from(dst),
    src: Uint32Array.from(src),
    coef: Float32Array.from(dst, (d) => d + 0.5),
  });

  it('puts each pair in the first wave of its shape that does not write its row yet, in order', () => {
    const waves = mergeIntoWaves([
      pass(a, [0, 1], [5, 6]),
      pass(b, [1, 2], [7, 8]),
      pass(c, [1], [9]),
      pass(b, [1], [4]),
    ]);
    expect(waves.map((w) => [w.cIn, w.cOut, [...w.dst], [...w.src], [...w.blk]])).toEqual([
      [2, 3, [0, 1, 2], [5, 6, 8], [a.offset, a.offset, b.offset]],
      [2, 3, [1], [7], [b.offset]],
      [2, 3, [1], [4], [b.offset]],
      [3, 3, [1], [9], [c.offset]],
    ]);
    expect([...waves[0].coef]).toEqual([0.5, 1.5, 2.5]);
  });

  it('starts a new wave when one is full (a wave is one dispatch, its pairs the workgroup rows)', () => {
    const waves = mergeIntoWaves([pass(a, [0, 1, 2], [5, 6, 7]), pass(b, [3], [8])], 2);
    expect(waves.map((w) => [...w.dst])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

describe('blockLoops', () => {
  const p = new ParamAllocator();
  const [a, b, c] = [p.block(2, 3, 2), p.block(2, 3, 2), p.block(3, 3, 3)];
  const pass = (block: typeof a, dst: number[], source = 0) => ({
    block,
    source,
    dst: Uint32Array.from(dst),
    src: Uint32Array.from(dst, (d) => d + 10),
    coef: Float32Array.from(dst, (d) => d + 0.5),
  });

  it('puts each pass in the first dispatch of its shape and source that writes none of its rows, in order', () => {
    const loops = blockLoops([
      pass(a, [0, 1]),
      pass(b, [2, 3]),
      pass(b, [1, 4]),
      pass(c, [0]),
      pass(a, [5], 1),
      pass(a, [6]),
    ]);
    expect(loops.map((l) => [l.cIn, l.cOut, l.source, [...l.dst]])).toEqual([
      [2, 3, 0, [0, 1, 2, 3, 6]],
      [2, 3, 0, [1, 4]],
      [3, 3, 0, [0]],
      [2, 3, 1, [5]],
    ]);
    expect([...loops[0].src]).toEqual([10, 11, 12, 13, 16]);
    expect([...loops[0].coef]).toEqual([0.5, 1.5, 2.5, 3.5, 6.5]);
    // no dispatch writes a row twice
    for (const l of loops) expect(new Set(l.dst).size).toBe(l.dst.length);
  });

  it('cuts each pass into items of at most pairsPerItem pairs, each naming its block (in vec4s) and first pair', () => {
    const [loop] = blockLoops([pass(a, [0, 1, 2, 3, 4]), pass(b, [5, 6])], 2);
    expect([...loop.items]).toEqual([
      a.offset / 4,
      0,
      2,
      0,
      a.offset / 4,
      2,
      2,
      0,
      a.offset / 4,
      4,
      1,
      0,
      b.offset / 4,
      5,
      2,
      0,
    ]);
  });
});

describe('tableRows', () => {
  const t = new TableBuilder(5);
  t.add(1, 0, -1, 2);
  t.add(1, 3, 4, 1);
  t.add(3, 2, -1, 0.5);
  const table = t.finish();

  it('keeps only the rows with terms when the step adds, with their destination rows and terms in order', () => {
    const { table: only, rowIds } = tableRows(table, true);
    expect([...rowIds]).toEqual([1, 3]);
    expect(only.dstRows).toBe(2);
    expect([...only.rowStart]).toEqual([0, 2, 3]);
    expect([...only.row]).toEqual([0, 3, 2]);
    expect([...only.blk]).toEqual([-1, 4, -1]);
  });

  it('keeps every row when the step writes (rows without terms are written as zeros)', () => {
    const { table: all, rowIds } = tableRows(table, false);
    expect(all).toBe(table);
    expect([...rowIds]).toEqual([0, 1, 2, 3, 4]);
  });
});
