// The render loss of an edit, θ' = θ + γσ⊙Δ → MSE of the render against a target: its gradients with respect to
// Δ and γ against central finite differences of the loss itself.
import { describe, expect, it } from 'vitest';
import { imageGrid, initSirenBatch } from '../models/siren';
import { Rng } from '../weightspace/rng';
import { editRenderLoss } from './editCompose';

const spec = { dims: [2, 6, 6, 1], omega0: 30 };
const P = 2 * 6 + 6 + 6 * 6 + 6 + 6 + 1;
const B = 2;
const rng = new Rng(12);
const nets = initSirenBatch(spec, B, 5);
const sigma = Float64Array.from({ length: P }, () => 0.05 + rng.uniform() * 0.2);
const delta = Float64Array.from({ length: B * P }, () => rng.symmetric(1));
const coords = imageGrid(5);
const targets = Float64Array.from({ length: B * 25 }, () => rng.uniform());
const gamma = 0.3;

describe('the render loss of an edit', () => {
  it('∂L/∂Δ and ∂L/∂γ match central finite differences', () => {
    const loss = (d: Float64Array, g: number): number => editRenderLoss(spec, nets, d, sigma, g, coords, targets).loss;
    const { dDelta, dGamma } = editRenderLoss(spec, nets, delta, sigma, gamma, coords, targets);
    const h = 1e-6;
    for (const i of [0, 7, P + 3, P + 40, 2 * P - 1]) {
      const [up, down] = [delta.slice(), delta.slice()];
      up[i] += h;
      down[i] -= h;
      const fd = (loss(up, gamma) - loss(down, gamma)) / (2 * h);
      expect(Math.abs(dDelta[i] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    }
    const fdGamma = (loss(delta, gamma + h) - loss(delta, gamma - h)) / (2 * h);
    expect(Math.abs(dGamma - fdGamma)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fdGamma)));
    expect(Math.abs(dGamma)).toBeGreaterThan(1e-4); // a gradient that says something
  });
});
