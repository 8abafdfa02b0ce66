import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { transformCoords, transformInputs, type InputTransform } from './inputTransforms';
import { mlpLayout } from './layout';
import { Rng } from './rng';

const spec = { dims: [2, 16, 16, 1], omega0: 30 };
const layout = mlpLayout(spec.dims);

describe('input-space transforms through layer 0', () => {
  const params = Float64Array.from(initSirenParams(spec, new Rng(4)));
  const coords = imageGrid(9);
  const cases: InputTransform[] = [
    { kind: 'translate', t: [0.2, -0.15] },
    { kind: 'rotate', radians: (25 * Math.PI) / 180 },
    { kind: 'scale', s: 0.85 },
  ];
  for (const transform of cases) {
    it(`${transform.kind}: the transformed INR renders the original at transformed coordinates`, () => {
      const moved = sirenForward(spec, transformInputs(layout, params, transform), coords);
      const expected = sirenForward(spec, params, transformCoords(coords, 2, transform));
      const original = sirenForward(spec, params, coords);
      expect(Math.max(...moved.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-5);
      // and it is a different image: the transform did something
      expect(Math.max(...moved.map((v, i) => Math.abs(v - original[i])))).toBeGreaterThan(1e-3);
    });
  }

  it('translation by t is b0 += W0·t', () => {
    const t = transformInputs(layout, params, { kind: 'translate', t: [1, 0] });
    const { weightOffset, biasOffset } = layout.layers[0];
    expect(t[biasOffset + 3]).toBeCloseTo(params[biasOffset + 3] + params[weightOffset + 3 * 2], 14);
  });
});
