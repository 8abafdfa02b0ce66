/**
 * Float64 twin of the weight-space graph executor: the gathered linear map (forward and adjoint), its block
 * gradients and ReLU: the terms the WGSL kernels sum (shaders/gather_rows.wgsl, block_gemm.wgsl, block_grad.wgsl),
 * each row in table order (the kernels' order differs, within the tests' tolerances).
 */
import type { GatherTable, GradTable } from '../models/gatherTable';
import type { WsGraph } from '../models/wsGraph';

type Vec = Float64Array;

export interface TwinSource {
  data: Vec;
  rows: number;
  channels: number;
}

/**
 * dst[n, r, lane] (+)= Σ_terms coef · view, reading Θ[blk + k·strideK + lane·strideLane] for block terms (k runs
 * over the source's channels). Forward: strideK = lanes, strideLane = 1; adjoint: strideK = 1, strideLane = the
 * forward op's output channels.
 */
export function gatherApply(
  t: GatherTable,
  theta: Vec,
  sources: TwinSource[],
  dst: Vec,
  lanes: number,
  batch: number,
  strideK: number,
  strideLane: number,
  accumulate: boolean,
): void {
  const rows0 = sources[0].rows;
  for (let n = 0; n < batch; n++) {
    for (let r = 0; r < t.dstRows; r++) {
      for (let lane = 0; lane < lanes; lane++) {
        let acc = 0;
        for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) {
          const blk = t.blk[i];
          const row = t.row[i];
          let v = 0;
          if (row < 0) v = theta[blk + lane * strideLane];
          else {
            const s = row < rows0 ? sources[0] : sources[1];
            const base = (n * s.rows + (row < rows0 ? row : row - rows0)) * s.channels;
            if (blk < 0) v = s.data[base + lane];
            else
              for (let k = 0; k < s.channels; k++) v += theta[blk + k * strideK + lane * strideLane] * s.data[base + k];
          }
          acc += t.coef[i] * v;
        }
        const at = (n * t.dstRows + r) * lanes + lane;
        dst[at] = accumulate ? dst[at] + acc : acc;
      }
    }
  }
}

/** dΘ for every block of a grad table, written into dTheta. */
export function blockGrads(g: GradTable, ddst: TwinSource, sources: TwinSource[], batch: number, dTheta: Vec): void {
  const rows0 = sources[0].rows;
  g.blocks.forEach((b, bi) => {
    for (let c = 0; c < b.cIn; c++) {
      for (let o = 0; o < b.cOut; o++) {
        let acc = 0;
        for (let n = 0; n < batch; n++) {
          for (let i = g.termStart[bi]; i < g.termStart[bi + 1]; i++) {
            const row = g.srcRow[i];
            let v = 1;
            if (row >= 0) {
              const s = row < rows0 ? sources[0] : sources[1];
              v = s.data[(n * s.rows + (row < rows0 ? row : row - rows0)) * s.channels + c];
            }
            acc += g.coef[i] * ddst.data[(n * ddst.rows + g.dstRow[i]) * ddst.channels + o] * v;
          }
        }
        dTheta[b.offset + c * b.cOut + o] = acc;
      }
    }
  });
}

/**
 * Values of every node for a batch. The input: node 0's values, or those of every node no op makes, in node order
 * (a DWS head's probe features are a second input node).
 */
export function twinForward(graph: WsGraph, theta: Vec, input: Vec | readonly Vec[], batch: number): Vec[] {
  const made = new Set(graph.ops.map((op) => op.dst));
  const inputs = input instanceof Float64Array ? [input] : input;
  const inputNodes = graph.nodes.map((_, k) => k).filter((k) => !made.has(k));
  if (inputs.length !== inputNodes.length)
    throw new Error(`the graph has ${inputNodes.length} input nodes; ${inputs.length} inputs given`);
  const values: Vec[] = graph.nodes.map((n) => new Float64Array(batch * n.rows * n.channels));
  inputNodes.forEach((k, i) => (values[k] = inputs[i]));
  const source = (k: number): TwinSource => ({
    data: values[k],
    rows: graph.nodes[k].rows,
    channels: graph.nodes[k].channels,
  });
  for (const op of graph.ops) {
    if (op.kind === 'relu') values[op.dst] = values[op.src].map((v) => Math.max(v, 0));
    else {
      const lanes = graph.nodes[op.dst].channels;
      gatherApply(op.table, theta, op.src.map(source), values[op.dst], lanes, batch, lanes, 1, false);
    }
  }
  return values;
}

export interface TwinGradients {
  dTheta: Vec;
  /** gradient of every node (an input node's only when it is one of inputGrads) */
  grads: (Vec | null)[];
}

/** Backward from dOut = dLoss/d(output node). */
export function twinBackward(
  graph: WsGraph,
  theta: Vec,
  values: Vec[],
  dOut: Vec,
  batch: number,
  inputGrads: readonly number[] = [],
): TwinGradients {
  const grads: (Vec | null)[] = graph.nodes.map(() => null);
  grads[graph.output] = dOut;
  const dTheta = new Float64Array(graph.params.size);
  const source = (data: Vec, k: number): TwinSource => ({
    data,
    rows: graph.nodes[k].rows,
    channels: graph.nodes[k].channels,
  });
  for (const step of graph.backwardPlan(inputGrads)) {
    if (step.kind === 'reluT') {
      const { src, dst } = step.op;
      const g = (grads[src] ??= new Float64Array(values[src].length));
      values[src].forEach((v, i) => (g[i] = (step.accumulate ? g[i] : 0) + (v > 0 ? grads[dst]![i] : 0)));
    } else if (step.kind === 'gatherT') {
      const { op } = step;
      const node = graph.nodes[step.dst];
      const g = (grads[step.dst] ??= new Float64Array(batch * node.rows * node.channels));
      gatherApply(
        step.table,
        theta,
        [source(grads[op.dst]!, op.dst)],
        g,
        node.channels,
        batch,
        1,
        graph.nodes[op.dst].channels,
        step.accumulate,
      );
    } else {
      const { op } = step;
      blockGrads(
        step.grad,
        source(grads[op.dst]!, op.dst),
        op.src.map((k) => source(values[k], k)),
        batch,
        dTheta,
      );
    }
  }
  return { dTheta, grads };
}
