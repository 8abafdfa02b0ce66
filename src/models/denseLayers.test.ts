import { describe, expect, it } from 'vitest';
import { twinForward } from '../reference/wsGraphTwin';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { addInvariantPool } from './denseLayers';
import { WsGraph } from './wsGraph';

describe('addInvariantPool', () => {
  it("gives each tensor's mean over its hidden axes, per fixed index, computed directly from the layout", () => {
    const layout = mlpLayout([2, 5, 4, 3]);
    const C = 2;
    const g = new WsGraph();
    const x = g.node('x', layout.paramCount, C);
    const pooled = addInvariantPool(g, layout, x, 'pool');
    const rng = new Rng(3);
    const input = Float64Array.from({ length: layout.paramCount * C }, () => rng.symmetric(1));
    const out = twinForward(g, new Float64Array(0), input, 1)[pooled];
    const at = (p: number, c: number): number => input[p * C + c];
    const [l0, l1, l2] = layout.layers;
    const mean = (entries: number[], c: number): number => entries.reduce((s, p) => s + at(p, c), 0) / entries.length;
    const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
    // W0 (5×2): a row per input k, over the hidden outputs j; b0; W1 (4×5): every entry, both axes hidden; b1;
    // W2 (3×4): a row per output j, over the hidden inputs k; b2: every entry as it is (no hidden axis)
    const expected: number[][] = [
      ...range(2).map((k) => range(5).map((j) => l0.weightOffset + j * 2 + k)),
      range(5).map((j) => l0.biasOffset + j),
      range(20).map((e) => l1.weightOffset + e),
      range(4).map((j) => l1.biasOffset + j),
      ...range(3).map((j) => range(4).map((k) => l2.weightOffset + j * 4 + k)),
      ...range(3).map((j) => [l2.biasOffset + j]),
    ];
    expect(g.nodes[pooled].rows).toBe(expected.length);
    // coefficients are float32 (1/n rounded): agreement to ~1e-8
    expected.forEach((entries, r) => {
      for (let c = 0; c < C; c++) expect(out[r * C + c]).toBeCloseTo(mean(entries, c), 7);
    });
  });
});
