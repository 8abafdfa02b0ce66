/**
 * The kinds of term of a gather table as the gather kernel (shaders/gather_rows.wgsl) runs them: one loop per kind,
 * over each row's terms of that kind, so no term runs the body of another kind (a CPU adapter runs every side of a
 * branch its lanes disagree on). Here: which kinds a table has, its terms grouped by kind within each row, and the
 * bindings a kernel with those kinds reads.
 */
import type { GatherTable } from '../../models/gatherTable';

/** The kinds, in the order a row's loops sum them. A source-1 term reads a row ≥ rows0 of the stacked sources. */
export const TERM_KINDS = ['bias', 'identity0', 'identity1', 'block0', 'block1'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** The kind of term i of a table whose first rows0 rows are source 0's. */
export function termKind(t: GatherTable, i: number, rows0: number): TermKind {
  if (t.row[i] < 0) return 'bias';
  const source = t.row[i] < rows0 ? 0 : 1;
  return t.blk[i] < 0 ? `identity${source}` : `block${source}`;
}

/** The kinds of term the table has, in TERM_KINDS order. */
export function termKinds(t: GatherTable, rows0: number): TermKind[] {
  const present = new Set<TermKind>();
  for (let i = 0; i < t.row.length; i++) present.add(termKind(t, i, rows0));
  return TERM_KINDS.filter((k) => present.has(k));
}

export interface KindGroupedTerms {
  /** the terms of kind k of row r are [kindStart[r·K + k], kindStart[r·K + k + 1]), K = kinds.length */
  kindStart: Uint32Array;
  row: Int32Array;
  blk: Int32Array;
  coef: Float32Array;
}

/** The table's terms grouped by kind within each row (`kinds` in order; within a kind, in table order). */
export function groupByKind(t: GatherTable, rows0: number, kinds: readonly TermKind[]): KindGroupedTerms {
  const K = kinds.length;
  const slot = new Map(kinds.map((k, j) => [k, j]));
  const n = t.row.length;
  const out: KindGroupedTerms = {
    kindStart: new Uint32Array(t.dstRows * K + 1),
    row: new Int32Array(n),
    blk: new Int32Array(n),
    coef: new Float32Array(n),
  };
  // each term's slot among `kinds` (-1: a kind not listed), computed once
  const slotOf = Int32Array.from({ length: n }, (_, i) => slot.get(termKind(t, i, rows0)) ?? -1);
  let at = 0;
  for (let r = 0; r < t.dstRows; r++) {
    for (let j = 0; j < K; j++) {
      out.kindStart[r * K + j] = at;
      for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) {
        if (slotOf[i] !== j) continue;
        out.row[at] = t.row[i];
        out.blk[at] = t.blk[i];
        out.coef[at] = t.coef[i];
        at++;
      }
    }
  }
  if (at !== n) throw new Error(`groupByKind: ${n - at} terms of kinds not in [${kinds.join(', ')}]`);
  out.kindStart[t.dstRows * K] = at;
  return out;
}

/**
 * The bindings of gather_rows.wgsl a kernel with these kinds does not read: Θ (1), source 0 (2), source 1 (3), and
 * with no kind at all (a table of rows without terms: it writes zeros) the term tables (5, 6).
 */
export function unusedBindings(kinds: readonly TermKind[]): number[] {
  const reads = [
    kinds.some((k) => k === 'bias' || k.startsWith('block')),
    kinds.some((k) => k.endsWith('0')),
    kinds.some((k) => k.endsWith('1')),
    kinds.length > 0,
    kinds.length > 0,
  ];
  return [1, 2, 3, 5, 6].filter((_, i) => !reads[i]);
}
