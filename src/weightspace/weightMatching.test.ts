import { describe, expect, it } from 'vitest';
import { initSirenParams, imageGrid } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { maximizeAssignment } from './assignment';
import { mlpLayout } from './layout';
import { Rng } from './rng';
import { invertTransform, randomHiddenPermutation, randomHiddenSigns, transformHidden, unitSigns } from './symmetries';
import { matchObjective, matchWeights } from './weightMatching';

const spec = { dims: [2, 12, 10, 1], omega0: 30 };
const layout = mlpLayout(spec.dims);

/** every permutation of 0..n-1 (Heap's algorithm) */
function permutations(n: number): number[][] {
  const out: number[][] = [];
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array(n).fill(0);
  out.push([...a]);
  for (let i = 0; i < n;) {
    if (c[i] < i) {
      const k = i % 2 === 0 ? 0 : c[i];
      [a[k], a[i]] = [a[i], a[k]];
      out.push([...a]);
      c[i]++;
      i = 0;
    } else c[i++] = 0;
  }
  return out;
}

function randomSigns(rng: Rng): Float64Array[] {
  return randomHiddenSigns(layout, rng);
}

describe('maximizeAssignment', () => {
  it('finds the best assignment of random profits, against brute force for every n ≤ 7', () => {
    const rng = new Rng(3);
    for (let n = 1; n <= 7; n++) {
      const all = permutations(n);
      for (let trial = 0; trial < 4; trial++) {
        const profit = Float64Array.from({ length: n * n }, () => rng.uniform() * 2 - 1);
        const value = (p: ArrayLike<number>): number => Array.from(p).reduce((s, k, j) => s + profit[j * n + k], 0);
        const best = Math.max(...all.map(value));
        const found = maximizeAssignment(profit, n);
        expect(new Set(found).size).toBe(n);
        expect(value(found)).toBeCloseTo(best, 12);
      }
    }
  });
});

describe('matchWeights', () => {
  it('recovers a planted permutation exactly: aligned B equals A bit for bit', () => {
    for (const seed of [1, 2, 3, 4]) {
      const a = initSirenParams(spec, new Rng(seed));
      const rng = new Rng(seed + 100);
      const planted = randomHiddenPermutation(layout, rng);
      const b = transformHidden(layout, a, planted, unitSigns(layout));
      const m = matchWeights(layout, a, b, { signs: false, rng: new Rng(seed) });
      expect(transformHidden(layout, b, m.perms, m.signs)).toEqual(a);
    }
  });

  it('with signs, recovers a planted permutation and negation exactly', () => {
    for (const seed of [5, 6, 7]) {
      const a = initSirenParams(spec, new Rng(seed));
      const rng = new Rng(seed + 100);
      const b = transformHidden(layout, a, randomHiddenPermutation(layout, rng), randomSigns(rng));
      const m = matchWeights(layout, a, b, { signs: true, rng: new Rng(seed) });
      expect(transformHidden(layout, b, m.perms, m.signs)).toEqual(a);
      // permutations alone cannot undo the negations
      const plain = matchWeights(layout, a, b, { signs: false, rng: new Rng(seed) });
      expect(transformHidden(layout, b, plain.perms, plain.signs)).not.toEqual(a);
    }
  });

  it('never decreases the objective across sweeps, and its transform keeps the function', () => {
    const a = initSirenParams(spec, new Rng(11));
    const b = initSirenParams(spec, new Rng(12));
    for (const signs of [false, true]) {
      const m = matchWeights(layout, a, b, { signs, rng: new Rng(1) });
      for (let i = 1; i < m.objectives.length; i++)
        expect(m.objectives[i]).toBeGreaterThanOrEqual(m.objectives[i - 1] - 1e-12);
      const aligned = transformHidden(layout, b, m.perms, m.signs);
      expect(matchObjective(a, aligned)).toBeCloseTo(m.objectives[m.objectives.length - 1], 10);
      expect(m.objectives[m.objectives.length - 1]).toBeGreaterThan(m.objectives[0]);
      const coords = imageGrid(7);
      const diff = sirenForward(spec, aligned, coords).map((v, i) => Math.abs(v - sirenForward(spec, b, coords)[i]));
      expect(Math.max(...diff)).toBeLessThan(1e-5);
    }
  });

  it('inverts a signed permutation', () => {
    const rng = new Rng(9);
    const a = initSirenParams(spec, new Rng(8));
    const t = { perms: randomHiddenPermutation(layout, rng), signs: randomSigns(rng) };
    const inv = invertTransform(t.perms, t.signs);
    expect(transformHidden(layout, transformHidden(layout, a, t.perms, t.signs), inv.perms, inv.signs)).toEqual(a);
  });
});
