/**
 * Block gradients in register tiles (shaders/block_grad_tiles.wgsl), a CPU adapter's shape: how an op's blocks are
 * cut into items and dispatches, where each item's tiles go, and the shader for one kind of block.
 *
 * dΘ_block = Σ over (network, term) pairs of coef · src ⊗ ddst is a product with a long inner sum. On SwiftShader
 * every table-driven load is a per-lane gather, and a product added straight into a private tile costs a load and a
 * store of its accumulator; block_grad.wgsl's 8-channel tiles then load each ddst row once per 8 input channels.
 * Here an invocation keeps a whole tile (up to MAX_TILE_FLOATS) so each pair's rows are loaded once, takes P pairs
 * at a time, and adds them sub-tile by sub-tile (SUBC channels × one output vector held in registers across the P
 * pairs). About 1.7× faster than block_grad.wgsl's tiles for W2's gradients on SwiftShader; the figures, and P and
 * SUBC against their alternatives, are in docs/measurements/kernel-tuning.md.
 */
import blockGradTilesWgsl from '../../../shaders/block_grad_tiles.wgsl?raw';
import type { GradTable } from '../../models/gatherTable';
import { unrollLoops } from '../wgslUnroll';
import { vectorWidth } from './gatherShader';

/** Invocations per workgroup: one SIMD group of a CPU core. */
export const TILE_WORKGROUP = 4;
/** Pairs an invocation loads before adding their products. */
const P = 4;
/** Input channels of a sub-tile held in registers. */
const SUBC = 2;
/** Most floats of one invocation's tile (a block with more input channels is cut into items of fewer). */
const MAX_TILE_FLOATS = 1024;

/** Which source a block's terms read: 0, 1, or none (a bias block: src_row < 0). */
export type TileSource = 0 | 1 | 'bias';

/** The op's blocks of one source and input-channel count: one pipeline and one dispatch of block_grad_tiles. */
export interface TileGroup {
  source: TileSource;
  cIn: number;
  /** input channels per item (cIn, or fewer for wide blocks) */
  channels: number;
  /** the blocks' indices in the grad table */
  blocks: number[];
}

/** A group with its items: (first term, terms, first input channel, 0) each; its first item's index in the op. */
export interface ItemizedGroup extends TileGroup {
  items: Uint32Array;
  firstItem: number;
}

/** The op's plan: its dispatches, the tile size they all use (the largest), and what block_grad_reduce adds. */
export interface TilePlan {
  groups: ItemizedGroup[];
  /** vectors (of the output's element type) per tile */
  tile: number;
  /** tiles written: items × TILE_WORKGROUP */
  tileCount: number;
  /** per (block, channel run): (first dΘ vector, vectors that are the block's, first tile, tiles), for block_grad_reduce */
  targets: Uint32Array;
}

/** Input channels per item for a block of cIn channels into `lanes` outputs (a multiple of 4 when it cuts the block). */
function itemChannels(cIn: number, lanes: number): number {
  const most = Math.max(4, 4 * Math.floor(MAX_TILE_FLOATS / lanes / 4));
  return cIn <= most ? cIn : most;
}

/**
 * The op's blocks grouped by source and input channels, and the tile size (vectors) of the largest group; `rows0`
 * is the first source's rows (the grad table's source rows index both sources stacked). Depends on the table alone.
 */
export function tileGroups(g: GradTable, lanes: number, rows0: number): { groups: TileGroup[]; tile: number } {
  const sourceOf = (i: number): TileSource => {
    const row = g.srcRow[g.termStart[i]];
    return row < 0 ? 'bias' : row < rows0 ? 0 : 1;
  };
  const keyed = new Map<string, TileGroup>();
  g.blocks.forEach((b, i) => {
    const source = sourceOf(i);
    const key = `${source}|${b.cIn}`;
    const group = keyed.get(key) ?? { source, cIn: b.cIn, channels: itemChannels(b.cIn, lanes), blocks: [] };
    group.blocks.push(i);
    keyed.set(key, group);
  });
  const groups = [...keyed.values()];
  return { groups, tile: Math.max(...groups.map((x) => (x.channels * lanes) / vectorWidth(lanes))) };
}

/**
 * Cuts each block into items of about `pairs` (network, term) pairs at `maxBatch` networks (whole runs of terms,
 * so that the items hold for any smaller batch), and lists where each block's tiles go.
 */
export function planTiles(g: GradTable, lanes: number, rows0: number, maxBatch: number, pairs: number): TilePlan {
  const v = vectorWidth(lanes);
  const { groups, tile } = tileGroups(g, lanes, rows0);
  const termsPerItem = Number.isFinite(pairs) ? Math.max(1, Math.floor(pairs / maxBatch)) : Infinity;
  const targets: number[] = [];
  let item = 0;
  const itemized = groups.map((group): ItemizedGroup => {
    const items: number[] = [];
    const firstItem = item;
    for (const i of group.blocks) {
      const first = g.termStart[i];
      const terms = g.termStart[i + 1] - first;
      for (let c0 = 0; c0 < group.cIn; c0 += group.channels) {
        const runFirst = item;
        for (let t = 0; t < terms; t += termsPerItem, item++)
          items.push(first + t, Math.min(termsPerItem, terms - t), c0, 0);
        const own = (Math.min(group.channels, group.cIn - c0) * lanes) / v;
        targets.push(
          (g.blocks[i].offset + c0 * lanes) / v,
          own,
          runFirst * TILE_WORKGROUP,
          (item - runFirst) * TILE_WORKGROUP,
        );
      }
    }
    return { ...group, items: Uint32Array.from(items), firstItem };
  });
  return { groups: itemized, tile, tileCount: item * TILE_WORKGROUP, targets: Uint32Array.from(targets) };
}

/**
 * block_grad_tiles for items of `channels` input channels into `lanes` outputs, reading a source of `srcChannels`
 * channels (none for a bias group), writing tiles of `tile` vectors (the op's largest; a smaller one leaves the rest
 * unwritten, and the reduce stores only a block's own vectors).
 */
export function blockGradTilesShader(
  lanes: number,
  channels: number,
  srcChannels: number | null,
  tile: number,
): { key: string; code: string } {
  const v = vectorWidth(lanes);
  const lv = lanes / v;
  const sv = srcChannels === null ? 1 : vectorWidth(srcChannels);
  const L: string[] = [];
  for (let k = 0; k < P; k++) {
    L.push(`let j${k} = min(j0 + ${k}u * WG, pairs - 1u);`);
    L.push(`let gt${k} = gterms[item.x + j${k} / top.batch];`);
    L.push(`let n${k} = j${k} % top.batch;`);
    // past the item's end: the last pair again, with coefficient 0
    L.push(`let cf${k} = select(0.0, gt${k}.coef, j0 + ${k}u * WG < pairs);`);
    if (srcChannels !== null) {
      L.push(
        `let sb${k} = (n${k} * top.src_rows + u32(gt${k}.src_row) - top.src_first) * ${srcChannels / sv}u + item.z / ${sv}u;`,
      );
      for (let q = 0; q < Math.ceil(channels / sv); q++) L.push(`let s${k}_${q} = cf${k} * src[sb${k} + ${q}u];`);
    }
    L.push(`let db${k} = (n${k} * top.ddst_rows + gt${k}.dst_row) * ${lv}u;`);
    for (let q = 0; q < lv; q++) L.push(`let d${k}_${q} = ddst[db${k} + ${q}u];`);
  }
  // source channel c of pair k (a bias block's source is 1)
  const s = (k: number, c: number): string =>
    srcChannels === null ? `cf${k}` : sv === 4 ? `s${k}_${c >> 2}[${c & 3}u]` : `s${k}_${c}`;
  for (let c0 = 0; c0 < channels; c0 += SUBC)
    for (let q = 0; q < lv; q++) {
      const cs = Array.from({ length: Math.min(SUBC, channels - c0) }, (_, i) => c0 + i);
      const sub = [
        ...cs.map((c) => `var a${c} = acc[${c * lv + q}u];`),
        ...Array.from({ length: P }, (_, k) => cs.map((c) => `a${c} += ${s(k, c)} * d${k}_${q};`)).flat(),
        ...cs.map((c) => `acc[${c * lv + q}u] = a${c};`),
      ];
      L.push(`{ ${sub.join(' ')} }`);
    }
  const type = (w: number): string => (w === 4 ? 'vec4<f32>' : 'f32');
  const own = channels * lv;
  const head = `alias TV = ${type(v)};\nalias TS = ${type(sv)};\nconst OWN: u32 = ${own}u;\nconst TILE: u32 = ${tile}u;\nconst WG: u32 = ${TILE_WORKGROUP}u;\nconst P: u32 = ${P}u;\n`;
  let code = unrollLoops(head + blockGradTilesWgsl.replace('{{BODY}}', L.join('\n    ')), { OWN: own });
  // a bias group reads no source: its binding goes, so the automatic layout has none
  if (srcChannels === null) code = code.replace(/^@group\(0\) @binding\(3\).*\n/m, '');
  return { key: `gradTiles|${lanes}|${channels}|${srcChannels ?? 'bias'}|${tile}`, code };
}
