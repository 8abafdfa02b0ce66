import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenParams } from '../models/siren';
import { sirenForward } from '../reference/siren';
import {
  affineOf,
  applyAffine,
  composeAffine,
  transformCoords,
  transformInputs,
  type InputTransform,
} from './inputTransforms';
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

describe('rotate and scale, pinned by hand', () => {
  // [2, 1, 1]: W0 = (2, 3), b0 = 0.5, W1 = 1, b1 = 0
  const tiny = mlpLayout([2, 1, 1]);
  const params = Float64Array.of(2, 3, 0.5, 1, 0);
  const quarter: InputTransform = { kind: 'rotate', radians: Math.PI / 2 };

  it('a quarter turn maps (x, y) to (−y, x), and the first-layer row (a, b) to (b, −a)', () => {
    // R(90°) = [[0, −1], [1, 0]]: R·(0.5, 0.25) = (−0.25, 0.5)
    const [x, y] = transformCoords(Float32Array.of(0.5, 0.25), 2, quarter);
    expect([x, y].map((v) => Number(v.toFixed(6)))).toEqual([-0.25, 0.5]);
    // W0·R = (2·0 + 3·1, 2·(−1) + 3·0) = (3, −2); the bias stays
    expect(Array.from(transformInputs(tiny, params, quarter)).map((v) => Number(v.toFixed(12)))).toEqual([
      3, -2, 0.5, 1, 0,
    ]);
  });

  it('scaling by 0.5 halves coordinates and the first-layer weights, and leaves every bias', () => {
    expect(Array.from(transformCoords(Float32Array.of(0.4, -0.6), 2, { kind: 'scale', s: 0.5 }))).toEqual([
      Math.fround(0.2),
      Math.fround(-0.3),
    ]);
    expect(Array.from(transformInputs(tiny, params, { kind: 'scale', s: 0.5 }))).toEqual([1, 1.5, 0.5, 1, 0]);
  });
});

describe('composeAffine', () => {
  it('two transforms in a row render the original at the composed coordinates', () => {
    const params = Float64Array.from(initSirenParams(spec, new Rng(6)));
    const coords = imageGrid(7);
    const t1: InputTransform = { kind: 'rotate', radians: 0.3 };
    const t2: InputTransform = { kind: 'translate', t: [0.1, 0.2] };
    const twice = transformInputs(layout, transformInputs(layout, params, t1), t2);
    const [A, t] = composeAffine(affineOf(t1, 2), affineOf(t2, 2), 2);
    const expected = sirenForward(spec, params, applyAffine(coords, 2, A, t));
    const got = sirenForward(spec, twice, coords);
    expect(Math.max(...got.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-5);
  });
});
