import { describe, expect, it } from 'vitest';
import { initSirenParams, type SirenSpec } from '../models/siren';
import { Rng } from '../weightspace/rng';
import { mlpLayout } from '../weightspace/layout';
import { imageGrid } from '../models/siren';
import { SIREN_GOLDEN as G } from '../testing/golden';
import { maxRelativeError } from '../testing/compare';
import { sirenForward, sirenLossAndGrad } from './siren';
import { adamStep, DEFAULT_ADAM } from './adam';

const goldenSpec: SirenSpec = { dims: G.dims, omega0: G.omega0 };
const grid = imageGrid(28);

describe('SIREN twin against the PyTorch golden values', () => {
  it('reproduces output, loss and every gradient', () => {
    expect(mlpLayout(G.dims).paramCount).toBe(G.params.length);
    const out = sirenForward(goldenSpec, G.params, grid);
    expect(maxRelativeError(out, G.output)).toBeLessThan(1e-6);
    const { loss, grad } = sirenLossAndGrad(goldenSpec, G.params, grid, G.target);
    expect(Math.abs(loss[0] - G.loss) / G.loss).toBeLessThan(1e-6);
    expect(maxRelativeError(grad, G.grad)).toBeLessThan(1e-6);
  });

  it('reproduces 10 Adam steps (losses and final parameters)', () => {
    const params = Float64Array.from(G.params);
    const m = new Float64Array(params.length);
    const v = new Float64Array(params.length);
    for (let t = 1; t <= 10; t++) {
      const { loss, grad } = sirenLossAndGrad(goldenSpec, params, grid, G.target);
      expect(Math.abs(loss[0] - G.adam_losses[t - 1]) / G.adam_losses[t - 1]).toBeLessThan(1e-6);
      adamStep(params, m, v, grad, t, DEFAULT_ADAM);
    }
    expect(maxRelativeError(params, G.params_after_10_adam_steps)).toBeLessThan(1e-6);
  });
});

describe('SIREN twin gradients against finite differences', () => {
  // odd, unequal widths and 2 networks, so index mix-ups between layers or networks would show
  const spec: SirenSpec = { dims: [2, 5, 3, 2], omega0: 3 };
  const { paramCount } = mlpLayout(spec.dims);
  const rng = new Rng(7);
  const params = new Float64Array(2 * paramCount);
  for (let b = 0; b < 2; b++) params.set(initSirenParams(spec, rng), b * paramCount);
  for (let i = 0; i < params.length; i++) params[i] += rng.symmetric(0.3); // non-zero biases too
  const coords = imageGrid(4);
  const targets = Float64Array.from({ length: 2 * 16 * 2 }, () => rng.uniform());

  it('central differences agree with backprop for every parameter', () => {
    const { grad } = sirenLossAndGrad(spec, params, coords, targets);
    const h = 1e-6;
    const numeric = new Float64Array(params.length);
    for (let i = 0; i < params.length; i++) {
      const b = Math.floor(i / paramCount);
      const saved = params[i];
      params[i] = saved + h;
      const plus = sirenLossAndGrad(spec, params, coords, targets).loss[b];
      params[i] = saved - h;
      const minus = sirenLossAndGrad(spec, params, coords, targets).loss[b];
      params[i] = saved;
      numeric[i] = (plus - minus) / (2 * h);
    }
    expect(maxRelativeError(grad, numeric)).toBeLessThan(1e-6);
  });
});
