// The weight-space graph twin: finite-difference gradients, coupled-permutation equivariance of the DWS and NFN
// layers, invariance of whole models, the NFN negative test, and the NFN tables against the hand-written twin.
import { describe, expect, it } from 'vitest';
import { nfnForward, nfnLayerZeros, nfnParamArrays } from '../reference/nfnLayer';
import { twinBackward, twinForward } from '../reference/wsGraphTwin';
import { maxRelativeError } from '../testing/compare';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { permuteHidden, randomHiddenPermutation } from '../weightspace/symmetries';
import { addEquivariantLayer, addPooling, type EquivariantKind } from './equivariantLayer';
import { StatRegistry, weightTensors } from './weightTensors';
import { buildWsModel, initWsParams, type WsModelKind } from './wsModel';
import type { Block } from './gatherTable';
import { WsGraph } from './wsGraph';

// unequal widths, 2 inputs, 2 outputs, two hidden layers: first, interior and last tensors all differ
const layout = mlpLayout([2, 4, 3, 2]);
const P = layout.paramCount;
const batch = 2;
const random = (n: number, seed: number): Float64Array => {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => rng.symmetric(1));
};

function layerGraph(kind: EquivariantKind, cIn: number, cOut: number): WsGraph {
  const g = new WsGraph();
  addEquivariantLayer(g, layout, kind, g.node('x', P, cIn), cOut, kind);
  return g;
}

/** Per-network permutation of a `[batch, P, c]` feature map. */
function permuteFeatures(x: Float64Array, c: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const perms = Array.from({ length: batch }, () => randomHiddenPermutation(layout, rng));
  const out = new Float64Array(x.length);
  perms.forEach((p, n) => out.set(permuteHidden(layout, x.subarray(n * P * c, (n + 1) * P * c), p, c), n * P * c));
  return out;
}

/**
 * Θ's gradient and the input nodes' (`inputNodes`: the nodes no op makes, in order) against central differences;
 * the entries of `constants` (blocks no op trains) get none.
 */
function checkGradients(g: WsGraph, seed: number, inputNodes = [0], constants: Block[] = []): void {
  const theta = random(g.params.size, seed).map((v) => v * 0.5);
  const inputs = inputNodes.map((k, i) => random(batch * g.nodes[k].rows * g.nodes[k].channels, seed + 3 + i));
  const out = g.nodes[g.output];
  const r = random(batch * out.rows * out.channels, seed + 2); // loss = Σ r·y
  const loss = (th: Float64Array): number =>
    twinForward(g, th, inputs, batch)[g.output].reduce((s, v, i) => s + v * r[i], 0);
  const values = twinForward(g, theta, inputs, batch);
  const { dTheta, grads } = twinBackward(g, theta, values, r, batch, inputNodes);
  const h = 1e-6;
  const central = (a: Float64Array, i: number, f: () => number): number => {
    const v = a[i];
    a[i] = v + h;
    const plus = f();
    a[i] = v - h;
    const minus = f();
    a[i] = v;
    return (plus - minus) / (2 * h);
  };
  // every parameter of small models; a strided sample of bigger ones
  const stride = Math.max(1, Math.floor(theta.length / 400));
  const constant = (i: number) => constants.some((b) => i >= b.offset && i < b.offset + b.cIn * b.cOut);
  const picked = Array.from({ length: Math.ceil(theta.length / stride) }, (_, k) => k * stride).filter(
    (i) => !constant(i),
  );
  for (const b of constants)
    expect(Array.from(dTheta.subarray(b.offset, b.offset + b.cIn * b.cOut))).toEqual(new Array(b.cIn * b.cOut).fill(0));
  const numeric = picked.map((i) => central(theta, i, () => loss(theta)));
  expect(
    maxRelativeError(
      picked.map((i) => dTheta[i]),
      numeric,
    ),
  ).toBeLessThan(1e-6);
  inputNodes.forEach((k, i) => {
    const x = inputs[i];
    const numericX = Array.from(x, (_, j) => central(x, j, () => loss(theta)));
    expect(maxRelativeError(grads[k]!, numericX), `input node ${k}`).toBeLessThan(1e-6);
  });
}

describe('pooling', () => {
  it('computes a mean over two axes from the means over one (a second op), and every stat equals the mean of its entries', () => {
    const [, , W1, b1] = weightTensors(layout);
    const stats = new StatRegistry();
    const global = stats.row(W1, [true, true], [0, 0]);
    const rows = Array.from({ length: W1.shape[0] }, (_, j) => stats.row(W1, [false, true], [j, 0]));
    const cols = Array.from({ length: W1.shape[1] }, (_, k) => stats.row(W1, [true, false], [0, k]));
    const bias = stats.row(b1, [true], [0]);
    expect(stats.parts(global)).toEqual(cols);
    expect([...rows, ...cols, bias].map((r) => stats.parts(r))).toEqual([...rows, ...cols, bias].map(() => null));
    const c = 2;
    const g = new WsGraph();
    const s = addPooling(g, stats, g.node('x', P, c), 'layer');
    expect(g.ops.map((op) => op.name)).toEqual(['layer.pool', 'layer.stats']);
    const x = random(batch * P * c, 4);
    const values = twinForward(g, new Float64Array(0), x, batch)[s];
    // expected: each stat's entries averaged here, straight from x (the tables hold coefficients like 1/3 in float32)
    const mean = (n: number, entries: number[], ch: number): number =>
      entries.reduce((sum, p) => sum + x[(n * P + p) * c + ch], 0) / entries.length;
    const W1entries = Array.from({ length: W1.shape[0] * W1.shape[1] }, (_, i) =>
      W1.entry([Math.floor(i / W1.shape[1]), i % W1.shape[1]]),
    );
    for (let n = 0; n < batch; n++) {
      for (let ch = 0; ch < c; ch++) {
        expect(values[(n * stats.size + global) * c + ch]).toBeCloseTo(mean(n, W1entries, ch), 7);
        rows.forEach((r, j) =>
          expect(values[(n * stats.size + r) * c + ch]).toBeCloseTo(
            mean(
              n,
              W1entries.filter((_, i) => Math.floor(i / W1.shape[1]) === j),
              ch,
            ),
            7,
          ),
        );
        cols.forEach((r, k) =>
          expect(values[(n * stats.size + r) * c + ch]).toBeCloseTo(
            mean(
              n,
              W1entries.filter((_, i) => i % W1.shape[1] === k),
              ch,
            ),
            7,
          ),
        );
        expect(values[(n * stats.size + bias) * c + ch]).toBeCloseTo(
          mean(
            n,
            Array.from({ length: b1.shape[0] }, (_, j) => b1.entry([j])),
            ch,
          ),
          7,
        );
      }
    }
  });

  it('keeps one op when no stat is a mean of others', () => {
    const stats = new StatRegistry();
    const [W0] = weightTensors(layout);
    stats.row(W0, [true, false], [0, 1]);
    const g = new WsGraph();
    addPooling(g, stats, g.node('x', P, 1), 'layer');
    expect(g.ops.map((op) => op.name)).toEqual(['layer.pool']);
  });
});

describe.each(['dws', 'nfn'] as const)('%s layer twin', (kind) => {
  const cIn = 2;
  const cOut = 3;
  const g = layerGraph(kind, cIn, cOut);
  const theta = random(g.params.size, 7);

  it('gradients (parameters and input) match central differences', () => checkGradients(g, 11));

  it('backward plan: the adjoint onto the input with identity terms on every row writes first, the others add', () => {
    const onto = g.backwardPlan([0]).flatMap((s) => (s.kind === 'gatherT' && s.dst === 0 ? [s] : []));
    expect(onto.map((s) => s.op.name)).toEqual([`${kind}.pool`, `${kind}.main`, `${kind}.partial`]);
    expect(onto.map((s) => s.accumulate)).toEqual([false, true, true]);
    // the pool's adjoint reads stats into (nearly) every entry; main's and partial's adjoints only through blocks
    const identityRows = (s: (typeof onto)[number]): number =>
      Array.from({ length: P }, (_, r) => r).filter((r) =>
        s.table.blk.subarray(s.table.rowStart[r], s.table.rowStart[r + 1]).some((b) => b < 0),
      ).length;
    const rows = onto.map(identityRows);
    expect(rows[0]).toBeGreaterThan(P / 2);
    expect(rows.slice(1)).toEqual([0, 0]);
  });

  it('is equivariant to coupled hidden-neuron permutations', () => {
    const x = random(batch * P * cIn, 3);
    const y = twinForward(g, theta, x, batch)[g.output];
    const yOfPermuted = twinForward(g, theta, permuteFeatures(x, cIn, 5), batch)[g.output];
    expect(maxRelativeError(yOfPermuted, permuteFeatures(y, cOut, 5))).toBeLessThan(1e-12);
  });

  it('adds each entry exactly one bias: a group-wide one once, through the global partial row; pinned ones in main', () => {
    // the layer's last two ops (after its pooling, one or two ops)
    const [partial, main] = g.ops.filter((op) => op.kind === 'gather').slice(-2);
    if (partial.kind !== 'gather' || main.kind !== 'gather') throw new Error('partial, main expected');
    const biasTerms = (t: typeof main.table, r: number): number => {
      let n = 0;
      for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) if (t.row[i] < 0) n++;
      return n;
    };
    let inMain = 0;
    for (let p = 0; p < P; p++) {
      let n = biasTerms(main.table, p);
      inMain += n;
      for (let i = main.table.rowStart[p]; i < main.table.rowStart[p + 1]; i++)
        if (main.table.row[i] >= P) n += biasTerms(partial.table, main.table.row[i] - P);
      expect(n, `entry ${p}`).toBe(1);
    }
    // DWS biases are per group: none left in main; NFN pins W_0's columns and the last layer's rows
    const { nIn, nOut } = layout.layers[0];
    const last = layout.layers[layout.layers.length - 1];
    expect(inMain).toBe(kind === 'dws' ? 0 : nIn * nOut + last.nIn * last.nOut + last.nOut);
  });

  it('is not equivariant when rows of W_0 move without the matching columns of W_1 (negative test)', () => {
    const x = random(P * cIn, 3);
    const swapRows = (v: Float64Array, c: number): Float64Array => {
      const out = v.slice();
      const { weightOffset, nIn, biasOffset } = layout.layers[0];
      for (const [a, b] of [
        [0, 1],
        [1, 0],
      ]) {
        for (let k = 0; k < nIn; k++)
          out.set(
            v.subarray((weightOffset + b * nIn + k) * c, (weightOffset + b * nIn + k + 1) * c),
            (weightOffset + a * nIn + k) * c,
          );
        out.set(v.subarray((biasOffset + b) * c, (biasOffset + b + 1) * c), (biasOffset + a) * c);
      }
      return out;
    };
    const y = twinForward(g, theta, x, 1)[g.output];
    const yOfSwapped = twinForward(g, theta, swapRows(x, cIn), 1)[g.output];
    expect(maxRelativeError(yOfSwapped, swapRows(y, cOut))).toBeGreaterThan(1e-3);
  });
});

describe('layer differences', () => {
  it('DWS keeps the input axis fixed: swapping the input columns of W_0 is not a symmetry', () => {
    const g = layerGraph('dws', 1, 2);
    const theta = random(g.params.size, 9);
    const x = random(P, 4);
    const swapInputs = (v: Float64Array, c: number): Float64Array => {
      const out = v.slice();
      const { weightOffset, nIn, nOut } = layout.layers[0];
      for (let j = 0; j < nOut; j++) {
        out.set(
          v.subarray((weightOffset + j * nIn + 1) * c, (weightOffset + j * nIn + 2) * c),
          (weightOffset + j * nIn) * c,
        );
        out.set(
          v.subarray((weightOffset + j * nIn) * c, (weightOffset + j * nIn + 1) * c),
          (weightOffset + j * nIn + 1) * c,
        );
      }
      return out;
    };
    const y = twinForward(g, theta, x, 1)[g.output];
    expect(maxRelativeError(twinForward(g, theta, swapInputs(x, 1), 1)[g.output], swapInputs(y, 2))).toBeGreaterThan(
      1e-3,
    );
  });

  it('NFN tables compute the hand-written NFN-NP twin (reference/nfnLayer.ts)', () => {
    const cIn = 2;
    const cOut = 3;
    const g = new WsGraph();
    const layer = addEquivariantLayer(g, layout, 'nfn', g.node('x', P, cIn), cOut, 'nfn');
    const ref = nfnLayerZeros(layout, cIn, cOut);
    const rng = new Rng(3);
    for (const a of nfnParamArrays(ref)) for (let i = 0; i < a.length; i++) a[i] = rng.symmetric(1);
    const L = layout.layers.length;
    const theta = new Float64Array(g.params.size);
    // block[c, o] of a slot = the reference matrix [cOut, n·cIn] at column (part·cIn + c)
    const put = (group: string, slot: string, M: Float64Array, part: number, width: number): void => {
      const b = layer.blocks.get(`${group}|${slot}`);
      if (!b) throw new Error(`no block ${group}|${slot}`);
      for (let c = 0; c < cIn; c++)
        for (let o = 0; o < cOut; o++) theta[b.offset + c * cOut + o] = M[o * width * cIn + part * cIn + c];
    };
    const gNames = Array.from({ length: L }, (_, i) => `W${i}`).concat(Array.from({ length: L }, (_, i) => `b${i}`));
    ref.tensors.forEach((t, i) => {
      put(`W${i}`, 'A', t.A, 0, 1);
      [0, 1, 2].forEach((s) => (s === 0 || i > 0) && put(`W${i}`, `B${s}`, t.B, s, 3));
      [0, 1, 2].forEach((s) => (s < 2 || i + 1 < L) && put(`W${i}`, `C${s}`, t.C, s, 3));
      [0, 1, 2].forEach((s) => (s < 2 || i + 1 < L) && put(`b${i}`, `E${s}`, t.E, s, 3));
      gNames.forEach((name, s) => {
        put(`W${i}`, `G${name}`, t.D, s, 2 * L);
        put(`b${i}`, `G${name}`, t.F, s, 2 * L);
      });
      for (const [group, b] of layer.biases) {
        if (group.startsWith(`W${i}`)) theta.set(t.a, b.offset);
        if (group.startsWith(`b${i}`)) theta.set(t.e, b.offset);
      }
    });
    const x = random(batch * P * cIn, 8);
    // the tables hold the mean coefficients 1/n in float32 (as the kernels read them): agreement to ~1e-8
    expect(maxRelativeError(twinForward(g, theta, x, batch)[g.output], nfnForward(layout, ref, x))).toBeLessThan(1e-7);
  });
});

describe.each(['dws', 'nfn', 'mlp'] as WsModelKind[])('%s model twin', (kind) => {
  const model = buildWsModel(layout, { kind, depth: 2, channels: 3, outputs: 4 });
  const g = model.graph;

  it('gradients match central differences', () => checkGradients(g, 21));

  it(
    kind === 'mlp' ? 'is not invariant to hidden permutations (the baseline)' : 'is invariant to hidden permutations',
    () => {
      const theta = Float64Array.from(initWsParams(model, 1));
      const x = random(batch * P, 6);
      const y = twinForward(g, theta, x, batch)[g.output];
      const err = maxRelativeError(twinForward(g, theta, permuteFeatures(x, 1, 2), batch)[g.output], y);
      if (kind === 'mlp') expect(err).toBeGreaterThan(1e-3);
      else expect(err).toBeLessThan(1e-12);
    },
  );
});

describe.each(['dws', 'nfn'] as const)('%s with head probes', (kind) => {
  const model = buildWsModel(layout, { kind, depth: 1, channels: 3, outputs: 4, headProbes: 5 });
  const g = model.graph;

  it('has a second input node of the probe features, whose gradient matches central differences with Θ’s', () => {
    expect(model.probeNode).toBe(1);
    expect(g.nodes[1]).toEqual({ name: 'probes', rows: 5, channels: 2 });
    expect(model.probeCoords).toMatchObject({ cIn: 5, cOut: 2, fanIn: 0 });
    checkGradients(g, 31, [0, 1]);
  });

  it('its head reads the pooled weights and the probe features: it changes with either, and not under permutations', () => {
    const theta = Float64Array.from(initWsParams(model, 3));
    const x = random(batch * P, 6);
    const f = random(batch * 5 * 2, 7);
    const y = twinForward(g, theta, [x, f], batch)[g.output];
    expect(maxRelativeError(twinForward(g, theta, [permuteFeatures(x, 1, 2), f], batch)[g.output], y)).toBeLessThan(
      1e-12,
    );
    expect(maxRelativeError(twinForward(g, theta, [x.map((v) => v * 0.5), f], batch)[g.output], y)).toBeGreaterThan(
      1e-3,
    );
    expect(maxRelativeError(twinForward(g, theta, [x, f.map((v) => v * 0.5)], batch)[g.output], y)).toBeGreaterThan(
      1e-3,
    );
  });

  it('without head probes, the one input is the weights, and the twin refuses a second', () => {
    const plain = buildWsModel(layout, { kind, depth: 1, channels: 3, outputs: 4 });
    expect(plain.probeNode).toBeUndefined();
    expect(() =>
      twinForward(plain.graph, new Float64Array(plain.graph.params.size), [random(P, 1), random(4, 2)], 1),
    ).toThrow(/1 input nodes; 2 inputs given/);
  });
});

describe.each(['dws', 'nfn'] as const)('%s with a centred pool', (kind) => {
  const model = buildWsModel(layout, { kind, depth: 1, channels: 3, outputs: 4, centredPool: true });
  const g = model.graph;
  const { node, offsets } = model.poolCentre!;
  const centred = g.ops.find((op) => op.name === 'poolCentre')!.dst;

  it('adds its offsets to the pooled features: one per (row, channel), a constant of Θ no gradient reaches', () => {
    expect([offsets.cIn, offsets.cOut]).toEqual([g.nodes[node].rows, g.nodes[node].channels]);
    const theta = Float64Array.from(initWsParams(model, 3));
    for (let i = 0; i < offsets.cIn * offsets.cOut; i++) theta[offsets.offset + i] = 0.1 * i - 0.4;
    const values = twinForward(g, theta, random(batch * P, 6), batch);
    const width = offsets.cIn * offsets.cOut;
    const expected = values[node].map((v, i) => v + theta[offsets.offset + (i % width)]);
    expect(maxRelativeError(values[centred], expected)).toBeLessThan(1e-12);
    checkGradients(g, 41, [0], [offsets]);
  });

  it('stays invariant to hidden permutations', () => {
    const theta = Float64Array.from(initWsParams(model, 1));
    theta.fill(-0.3, offsets.offset, offsets.offset + offsets.cIn * offsets.cOut);
    const x = random(batch * P, 6);
    const y = twinForward(g, theta, x, batch)[g.output];
    expect(maxRelativeError(twinForward(g, theta, permuteFeatures(x, 1, 2), batch)[g.output], y)).toBeLessThan(1e-12);
  });
});
