import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../models/gatherTable';
import { groupByKind, termKinds, unusedBindings } from './gatherTerms';

describe('gather term kinds', () => {
  // rows 0–2 of source 0, rows 3–4 of source 1; blocks at 0 and 64
  const t = new TableBuilder(3);
  t.add(0, 3, 64, 0.5); // block, source 1
  t.add(0, -1, 128); // bias
  t.add(0, 1, 0, 2); // block, source 0
  t.add(0, 4, 64, 3); // block, source 1
  t.add(2, 2, -1, 0.25); // identity, source 0
  t.add(2, 4, -1, -1); // identity, source 1
  t.add(2, -1, 128, 4); // bias
  const table = t.finish();

  it('lists the kinds a table has in loop order', () => {
    expect(termKinds(table, 3)).toEqual(['bias', 'identity0', 'identity1', 'block0', 'block1']);
    expect(termKinds(table, 5)).toEqual(['bias', 'identity0', 'block0']);
  });

  it('groups each row by kind, each kind in table order, with where each (row, kind) starts', () => {
    const kinds = termKinds(table, 3);
    const g = groupByKind(table, 3, kinds);
    // row 0: bias, block0, block1 ×2; row 1: none; row 2: bias, identity0, identity1
    expect([...g.kindStart]).toEqual([0, 1, 1, 1, 2, 4, 4, 4, 4, 4, 4, 5, 6, 7, 7, 7]);
    expect([...g.row]).toEqual([-1, 1, 3, 4, -1, 2, 4]);
    expect([...g.coef]).toEqual([1, 2, 0.5, 3, 4, 0.25, -1]);
    expect([...g.blk]).toEqual([128, 0, 64, 64, 128, -1, -1]);
  });

  it('refuses kinds the table has but the list leaves out', () => {
    expect(() => groupByKind(table, 3, ['bias', 'block0', 'block1'])).toThrow(/2 terms/);
  });

  it('names the bindings a kernel with these kinds does not read', () => {
    expect(unusedBindings(['identity0'])).toEqual([1, 3]);
    expect(unusedBindings(['bias', 'identity1'])).toEqual([2]);
    expect(unusedBindings(['block0', 'block1'])).toEqual([]);
    expect(unusedBindings([])).toEqual([1, 2, 3, 5, 6]);
  });
});
