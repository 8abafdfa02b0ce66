import { describe, expect, it } from 'vitest';
import { Rng } from '../weightspace/rng';
import { SINE_A_RANGE, SINE_B_RANGE, sampleSines, sineCoords, sineTargets } from './sineTask';

describe('sine regression task', () => {
  it('samples (a, b) in range, reproducibly from the seed', () => {
    const s = sampleSines(500, new Rng(1));
    expect(
      s.every(({ a, b }) => a >= SINE_A_RANGE[0] && a < SINE_A_RANGE[1] && b >= SINE_B_RANGE[0] && b < SINE_B_RANGE[1]),
    ).toBe(true);
    expect(sampleSines(500, new Rng(1))).toEqual(s);
    expect(sampleSines(500, new Rng(2))).not.toEqual(s);
  });

  it('targets are a·sin(πbx) plus the output offset on linspace(-1, 1)', () => {
    const x = sineCoords(5);
    expect(Array.from(x)).toEqual([-1, -0.5, 0, 0.5, 1]);
    const t = sineTargets([{ a: 2, b: 0.5 }], x, 0.5);
    expect(t[2]).toBeCloseTo(0.5, 6);
    expect(t[4]).toBeCloseTo(2.5, 6); // 2·sin(π/2) + 0.5
    expect(t[0]).toBeCloseTo(-1.5, 6);
  });
});
