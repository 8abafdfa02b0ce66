/**
 * Weight-space models (docs/design.md §4): an equivariant trunk (DWS or NFN-NP layers with ReLU) followed by the
 * invariant head (mean pools keeping the input/output axes → dense → ReLU → dense), or the flattened-weights MLP
 * baseline. Input: one network's (normalised) weights as `[P, 1]`, or `[P, 1 + 2m]` with Fourier features. Output: `[1, outputs]` (class logits or
 * regression values).
 */
import type { MlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { addDense, addInvariantPool } from './denseLayers';
import { addEquivariantLayer } from './equivariantLayer';
import { WsGraph } from './wsGraph';

export type WsModelKind = 'dws' | 'nfn' | 'mlp';

export interface WsModelSpec {
  kind: WsModelKind;
  /** equivariant layers (dws, nfn) or hidden dense layers (mlp) */
  depth: number;
  /** channels of the equivariant layers; width of the MLP's hidden layers and of the head */
  channels: number;
  outputs: number;
  /** channels of each input entry (1: the raw weight; 1 + 2m with m Fourier features) */
  inputChannels?: number;
}

export interface WsModel {
  spec: WsModelSpec;
  graph: WsGraph;
}

export function buildWsModel(layout: MlpLayout, spec: WsModelSpec): WsModel {
  const graph = new WsGraph();
  let h = graph.node('weights', layout.paramCount, spec.inputChannels ?? 1);
  if (spec.kind === 'mlp') {
    for (let l = 0; l < spec.depth; l++) h = graph.relu(addDense(graph, h, spec.channels, `dense${l}`));
  } else {
    for (let l = 0; l < spec.depth; l++)
      h = graph.relu(addEquivariantLayer(graph, layout, spec.kind, h, spec.channels, `${spec.kind}${l}`).output);
    h = addInvariantPool(graph, layout, h, 'invariantPool');
    h = graph.relu(addDense(graph, h, spec.channels, 'head0'));
  }
  addDense(graph, h, spec.outputs, 'out');
  return { spec, graph };
}

/** Initial parameters: every block U(±1/√fanIn) (PyTorch's nn.Linear rule over the block's whole fan-in), biases 0. */
export function initWsParams(graph: WsGraph, seed: number): Float32Array {
  const rng = new Rng(seed);
  const theta = new Float32Array(graph.params.size);
  for (const b of graph.params.blocks) {
    if (b.fanIn === 0) continue;
    const bound = 1 / Math.sqrt(b.fanIn);
    for (let i = 0; i < b.cIn * b.cOut; i++) theta[b.offset + i] = rng.symmetric(bound);
  }
  return theta;
}
