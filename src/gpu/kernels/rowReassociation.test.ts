import { describe, expect, it } from 'vitest';
import { TableBuilder, type GatherTable } from '../../models/gatherTable';
import { Rng } from '../../weightspace/rng';
import { reassociateRows } from './rowReassociation';

/** dst rows of an identity-only table over one scalar source: dst[r] = Σ coef · src[row]. */
const apply = (t: GatherTable, src: Float64Array): Float64Array =>
  Float64Array.from({ length: t.dstRows }, (_, r) => {
    let s = 0;
    for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) s += t.coef[i] * src[t.row[i]];
    return s;
  });

/** A 4 × 3 grid, entry (i, j) at source row 3i + j. Rows 0–2: its column means; row 3: its mean; row 4: one entry doubled. */
function gridTable(): GatherTable {
  const t = new TableBuilder(5);
  for (let j = 0; j < 3; j++) for (let i = 0; i < 4; i++) t.add(j, 3 * i + j, -1, 1 / 4);
  for (let e = 0; e < 12; e++) t.add(3, e, -1, 1 / 12);
  t.add(4, 5, -1, 2);
  return t.finish();
}

describe('reassociateRows', () => {
  it('rewrites a long row as the sum of the rows that partition it, each with its coefficient ratio', () => {
    const t = gridTable();
    const re = reassociateRows(t, 12)!;
    expect(re).not.toBeNull();
    // row 3 leaves the table; the other rows keep their terms in order
    expect(re.table.rowStart[4] - re.table.rowStart[3]).toBe(0);
    expect(Array.from(re.table.row)).toEqual([...Array.from(t.row.subarray(0, 12)), 5]);
    // and comes back as (1/12) / (1/4) = 1/3 of each column row
    expect(Array.from(re.derived.row.subarray(re.derived.rowStart[3], re.derived.rowStart[4])).sort()).toEqual([
      0, 1, 2,
    ]);
    for (const c of re.derived.coef) expect(c).toBeCloseTo(1 / 3, 7);
    // the same values: the rewritten table, then its derived rows from the destination's own rows
    const rng = new Rng(9);
    const src = Float64Array.from({ length: 12 }, () => rng.symmetric(1));
    const want = apply(t, src);
    const got = apply(re.table, src);
    const added = apply(re.derived, got);
    got.forEach((v, r) => expect(v + added[r]).toBeCloseTo(want[r], 12));
  });

  it('leaves a table alone when no row is long enough, or when the shorter rows do not cover a long one exactly', () => {
    expect(reassociateRows(gridTable(), 13)).toBeNull();
    const t = new TableBuilder(3);
    for (let e = 0; e < 6; e++) t.add(0, e, -1, 1);
    for (let e = 0; e < 4; e++) t.add(1, e, -1, 1); // covers 4 of 6
    t.add(2, 4, -1, 1);
    expect(reassociateRows(t.finish(), 6)).toBeNull();
  });

  it('does not use a part with a block term, unequal ratios, or a source row read twice', () => {
    for (const spoil of ['block', 'ratio', 'twice'] as const) {
      const t = new TableBuilder(3);
      for (let e = 0; e < 6; e++) t.add(0, e, -1, 1);
      for (let e = 0; e < 3; e++) t.add(1, e, -1, spoil === 'ratio' && e === 2 ? 2 : 1);
      if (spoil === 'block') t.add(1, 0, 64, 1);
      if (spoil === 'twice') t.add(1, 0, -1, 1);
      for (let e = 3; e < 6; e++) t.add(2, e, -1, 1);
      expect(reassociateRows(t.finish(), 6), spoil).toBeNull();
    }
  });
});
