/**
 * The one linear operation every weight-space model here is made of: a *gathered linear map*. For each network n
 * (all networks share the table), destination row r, output channel o:
 *   dst[n, r, o] = Σ_{t ∈ terms(r)} coef_t · view_t,   view_t = src[n, row_t, o]                      (identity, blk = -1)
 *                                                      = Θ[blk_t + o]                                 (bias, row = -1)
 *                                                      = Σ_c Θ[blk_t + c·cOut + o] · src[n, row_t, c] (a block)
 * `row` indexes the rows of the op's sources stacked: rows of source 0 first, then of source 1. A block is a
 * `[cIn, cOut]` matrix (cIn = channels of the one source it reads; 1 for a bias) at offset blk of the model's
 * parameter vector Θ. Pooling, broadcasting, DeepSets set layers, DWS/NFN blocks, invariant heads and dense
 * layers are all tables of this form (models/equivariantLayer.ts, models/denseLayers.ts).
 */
export interface GatherTable {
  dstRows: number;
  /** terms of row r are [rowStart[r], rowStart[r+1]) */
  rowStart: Uint32Array;
  row: Int32Array;
  blk: Int32Array;
  coef: Float32Array;
}

export interface Block {
  /** offset in Θ */
  offset: number;
  cIn: number;
  cOut: number;
  /** fan-in of the output it feeds (for initialisation), or 0 for a bias */
  fanIn: number;
}

/** Collects terms in any order; `finish` sorts them by destination row (keeping insertion order within a row). */
export class TableBuilder {
  private readonly perRow: { row: number; blk: number; coef: number }[][];

  constructor(readonly dstRows: number) {
    this.perRow = Array.from({ length: dstRows }, () => []);
  }

  add(dstRow: number, srcRow: number, blk: number, coef = 1): void {
    if (!(dstRow >= 0 && dstRow < this.dstRows)) throw new Error(`row ${dstRow} outside 0..${this.dstRows - 1}`);
    this.perRow[dstRow].push({ row: srcRow, blk, coef });
  }

  finish(): GatherTable {
    const n = this.perRow.reduce((s, r) => s + r.length, 0);
    const t: GatherTable = {
      dstRows: this.dstRows,
      rowStart: new Uint32Array(this.dstRows + 1),
      row: new Int32Array(n),
      blk: new Int32Array(n),
      coef: new Float32Array(n),
    };
    let at = 0;
    this.perRow.forEach((terms, r) => {
      t.rowStart[r] = at;
      for (const term of terms) {
        t.row[at] = term.row;
        t.blk[at] = term.blk;
        t.coef[at] = term.coef;
        at++;
      }
    });
    t.rowStart[this.dstRows] = at;
    return t;
  }
}

/**
 * The table of the adjoint map onto source rows [first, first+rows): for each term (r → row) a term (row → r)
 * with the same block (applied transposed) and coefficient. Bias terms have no adjoint.
 */
export function transposeTable(t: GatherTable, first: number, rows: number): GatherTable {
  const b = new TableBuilder(rows);
  for (let r = 0; r < t.dstRows; r++) {
    for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) {
      const q = t.row[i] - first;
      if (t.row[i] >= 0 && q >= 0 && q < rows) b.add(q, r, t.blk[i], t.coef[i]);
    }
  }
  return b.finish();
}

/** For each block, the terms that use it: dΘ_block[c, o] = Σ_n Σ_terms coef · ddst[n, r, o] · src[n, row, c]. */
export interface GradTable {
  blocks: Block[];
  /** terms of block i are [termStart[i], termStart[i+1]) */
  termStart: Uint32Array;
  dstRow: Int32Array;
  srcRow: Int32Array;
  coef: Float32Array;
}

export function gradTable(t: GatherTable, blocks: readonly Block[]): GradTable {
  const index = new Map(blocks.map((b, i) => [b.offset, i]));
  const per: [number, number, number][][] = blocks.map(() => []);
  for (let r = 0; r < t.dstRows; r++) {
    for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) {
      if (t.blk[i] < 0) continue;
      const b = index.get(t.blk[i]);
      if (b === undefined) throw new Error(`a term uses a block at ${t.blk[i]} that the op does not own`);
      per[b].push([r, t.row[i], t.coef[i]]);
    }
  }
  const n = per.reduce((s, p) => s + p.length, 0);
  const g: GradTable = {
    blocks: [...blocks],
    termStart: new Uint32Array(blocks.length + 1),
    dstRow: new Int32Array(n),
    srcRow: new Int32Array(n),
    coef: new Float32Array(n),
  };
  let at = 0;
  per.forEach((terms, b) => {
    g.termStart[b] = at;
    for (const [r, row, coef] of terms) {
      g.dstRow[at] = r;
      g.srcRow[at] = row;
      g.coef[at] = coef;
      at++;
    }
  });
  g.termStart[blocks.length] = at;
  return g;
}

/**
 * Blocks start at multiples of this many floats (256 bytes, WebGPU's default minUniformBufferOffsetAlignment), so
 * a kernel can bind one block alone as a uniform window (and read vec4s).
 */
export const BLOCK_ALIGN = 64;

/** Hands out ranges of the parameter vector Θ, each starting at a multiple of BLOCK_ALIGN floats. */
export class ParamAllocator {
  /** floats of Θ, the alignment gaps included */
  size = 0;
  readonly blocks: Block[] = [];

  /** trainable parameters: the blocks' entries, without the alignment gaps */
  get count(): number {
    return this.blocks.reduce((s, b) => s + b.cIn * b.cOut, 0);
  }

  block(cIn: number, cOut: number, fanIn: number): Block {
    const offset = Math.ceil(this.size / BLOCK_ALIGN) * BLOCK_ALIGN;
    const b = { offset, cIn, cOut, fanIn };
    this.size = offset + cIn * cOut;
    this.blocks.push(b);
    return b;
  }
}
