import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams, type SirenSpec } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { mlpLayout } from './layout';
import { blend, MIXUP_IDS, mixupPartner } from './mixup';
import { Rng } from './rng';
import { invertTransform, randomHiddenPermutation, randomHiddenSigns, transformHidden, unitSigns } from './symmetries';

const spec: SirenSpec = { dims: [2, 6, 6, 1], omega0: 30 };
const layout = mlpLayout(spec.dims);
const a = initSirenParams(spec, new Rng(1));
const b = initSirenParams(spec, new Rng(2));

describe('weight-space mixup', () => {
  it.each(MIXUP_IDS)('%s: α = 1 gives A and α = 0 gives the (aligned) partner, bit for bit', (id) => {
    const partner = mixupPartner(id, layout, a, b, new Rng(3));
    // === per entry: 0·a + 1·(−0) is +0, the same number
    const same = (x: Float32Array, y: Float32Array): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
    expect(same(blend(a, partner, 1), a)).toBe(true);
    expect(same(blend(a, partner, 0), partner)).toBe(true);
    expect(same(blend(a, partner, 0.5), partner)).toBe(false);
  });

  it('every partner is B up to an exact symmetry: it renders as B does', () => {
    const grid = imageGrid(6);
    for (const id of MIXUP_IDS) {
      const partner = mixupPartner(id, layout, a, b, new Rng(4));
      const [rp, rb] = [sirenForward(spec, partner, grid), sirenForward(spec, b, grid)];
      expect(Math.max(...Array.from(rp, (v, i) => Math.abs(v - rb[i])))).toBeLessThan(1e-5);
    }
  });

  it('aligned mixup undoes a planted permutation (and a planted signed permutation with signs)', () => {
    const rng = new Rng(5);
    const perms = randomHiddenPermutation(layout, rng);
    const signs = randomHiddenSigns(layout, rng);
    const permuted = transformHidden(layout, a, perms, unitSigns(layout));
    expect(mixupPartner('mixupAligned', layout, a, permuted, new Rng(6))).toEqual(a);
    const signed = transformHidden(layout, a, perms, signs);
    expect(mixupPartner('mixupAlignedSigned', layout, a, signed, new Rng(6))).toEqual(a);
    // the inverse brings it back too: the planted transform is what was undone
    const inv = invertTransform(perms, signs);
    expect(transformHidden(layout, signed, inv.perms, inv.signs)).toEqual(a);
  });

  it('vanilla blends entry by entry: α·a + (1 − α)·b', () => {
    const m = blend(a, b, 0.25);
    for (let i = 0; i < a.length; i++) expect(m[i]).toBeCloseTo(0.25 * a[i] + 0.75 * b[i], 6);
  });
});
