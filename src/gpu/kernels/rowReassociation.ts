/**
 * Long identity rows of a gather table rewritten as sums of shorter rows of the same table. A row r whose terms are
 * all identity terms (dst[r] = Σ_s c_s · src[s]), at least `minTerms` of them, whose source rows are exactly those
 * of other identity rows q_1 … q_k (disjoint, each with one ratio λ_i = c_r(s) / c_{q_i}(s) over its terms), equals
 *   dst[r] = Σ_i λ_i · dst[q_i]
 * once the q_i are computed: the adjoint of a matrix-wide partial row, read by every entry of a 32 × 32 weight, as
 * the sum of its 32 column rows. A gather kernel sums a row in one lane, so a 1024-term row kept its SIMD
 * neighbours waiting; its rewrite has 32 terms. Valid for a step that writes (not adds to) its destination: then
 * dst[q_i] holds exactly q_i's terms, the parts have no block term, and are not rewritten themselves.
 */
import type { GatherTable } from '../../models/gatherTable';

export interface Reassociation {
  /** the table without the rewritten rows' terms (its kernel writes those rows as zeros) */
  table: GatherTable;
  /** over the destination's own rows: row r ← Σ λ_i · row q_i (added after the step) */
  derived: GatherTable;
}

export function reassociateRows(t: GatherTable, minTerms: number): Reassociation | null {
  const count = (r: number): number => t.rowStart[r + 1] - t.rowStart[r];
  const identityOnly = (r: number): boolean => {
    for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) if (t.blk[i] >= 0 || t.row[i] < 0) return false;
    return count(r) > 0;
  };
  // the rows a part may come from, by source row
  const partsOf = new Map<number, number[]>();
  for (let q = 0; q < t.dstRows; q++) {
    if (count(q) >= minTerms || !identityOnly(q)) continue;
    for (let i = t.rowStart[q]; i < t.rowStart[q + 1]; i++)
      partsOf.set(t.row[i], [...(partsOf.get(t.row[i]) ?? []), q]);
  }
  const rewrites = new Map<number, [number, number][]>();
  for (let r = 0; r < t.dstRows; r++) {
    if (count(r) < minTerms || !identityOnly(r)) continue;
    const coefOf = new Map<number, number>();
    for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++)
      coefOf.set(t.row[i], (coefOf.get(t.row[i]) ?? 0) + t.coef[i]);
    if (coefOf.size !== count(r)) continue; // a source row read twice: keep it simple
    // candidate parts: rows whose every source row is in r with one ratio
    const ratio = new Map<number, number>();
    for (const s of coefOf.keys()) {
      for (const q of partsOf.get(s) ?? []) {
        if (ratio.has(q)) continue;
        // a part reading a source row twice would count it twice
        let lambda = new Set(t.row.subarray(t.rowStart[q], t.rowStart[q + 1])).size === count(q) ? NaN : 0;
        for (let i = t.rowStart[q]; i < t.rowStart[q + 1] && lambda !== 0; i++) {
          const c = coefOf.get(t.row[i]);
          const l = c === undefined ? 0 : c / t.coef[i];
          lambda = Number.isNaN(lambda) ? l : Math.abs(l - lambda) <= 1e-6 * Math.abs(lambda) ? lambda : 0;
        }
        ratio.set(q, lambda);
      }
    }
    // the largest disjoint parts first; a rewrite only when they cover the row exactly
    const covered = new Set<number>();
    const parts: [number, number][] = [];
    for (const [q, lambda] of [...ratio]
      .filter(([, l]) => l !== 0 && Number.isFinite(l))
      .sort((a, b) => count(b[0]) - count(a[0]))) {
      const rows = Array.from(t.row.subarray(t.rowStart[q], t.rowStart[q + 1]));
      if (rows.some((s) => covered.has(s))) continue;
      rows.forEach((s) => covered.add(s));
      parts.push([q, lambda]);
    }
    if (covered.size === coefOf.size && parts.length < count(r)) rewrites.set(r, parts);
  }
  if (rewrites.size === 0) return null;
  const keep: number[] = [];
  const rowStart = new Uint32Array(t.dstRows + 1);
  for (let r = 0; r < t.dstRows; r++) {
    if (!rewrites.has(r)) for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) keep.push(i);
    rowStart[r + 1] = keep.length;
  }
  const table: GatherTable = {
    dstRows: t.dstRows,
    rowStart,
    row: Int32Array.from(keep, (i) => t.row[i]),
    blk: Int32Array.from(keep, (i) => t.blk[i]),
    coef: Float32Array.from(keep, (i) => t.coef[i]),
  };
  const derivedStart = new Uint32Array(t.dstRows + 1);
  const terms: [number, number][] = [];
  for (let r = 0; r < t.dstRows; r++) {
    terms.push(...(rewrites.get(r) ?? []));
    derivedStart[r + 1] = terms.length;
  }
  const derived: GatherTable = {
    dstRows: t.dstRows,
    rowStart: derivedStart,
    row: Int32Array.from(terms, ([q]) => q),
    blk: new Int32Array(terms.length).fill(-1),
    coef: Float32Array.from(terms, ([, l]) => l),
  };
  return { table, derived };
}
