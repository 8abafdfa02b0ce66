/**
 * Weight-space models (docs/design.md §4): an equivariant trunk (DWS or NFN-NP layers with ReLU) followed by the
 * invariant head (mean pools keeping the input/output axes, centred on the training INRs → dense → ReLU → dense; with
 * head probes, the probe reader's head reading the pools beside the network's outputs at K learned points), the
 * flattened-weights MLP
 * baseline, the probe reader (dense layers on the network's outputs at K learned points: docs/design.md §9), or the
 * pixel reader (the same on its render's 28×28 grid: the ceiling a reader of the images themselves sets).
 * Input: one network's (normalised) weights as `[P, 1]`, or `[P, 1 + 2m]` with Fourier features; the probe reader's
 * input node is its features `[K, dL]` (probe_features.wgsl), its K points a block of Θ; a head with probes reads
 * them from a second input node. Output: `[1, outputs]` (class logits or regression values).
 */
import type { MlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import type { Block } from './gatherTable';
import { imageGrid } from './siren';
import { addDense, addDenseRows, addInvariantPool, addOffsets } from './denseLayers';
import { addEquivariantLayer } from './equivariantLayer';
import { WsGraph } from './wsGraph';

export const WS_MODEL_KINDS = ['dws', 'nfn', 'mlp', 'probe', 'pixels'] as const;
export type WsModelKind = (typeof WS_MODEL_KINDS)[number];

export interface WsModelSpec {
  kind: WsModelKind;
  /** equivariant layers (dws, nfn) or hidden dense layers (mlp) */
  depth: number;
  /** channels of the equivariant layers; width of the MLP's hidden layers and of the head */
  channels: number;
  outputs: number;
  /** channels of each input entry (1: the raw weight; 1 + 2m with m Fourier features) */
  inputChannels?: number;
  /** probe points K (the probe reader) */
  probes?: number;
  /**
   * probe points K whose features a DWS or NFN head reads beside its invariant pools (absent: weights only): the head
   * is then the probe reader's, HEAD_PROBE_WIDTH wide, on the pools and the K features concatenated
   */
  headProbes?: number;
  /** it reads networks in their sign and phase canonical form (weightspace/canonical.ts), put there before it */
  canonical?: boolean;
  /**
   * a DWS or NFN reader whose invariant pool is centred before its head: constant offsets (addOffsets) that the
   * trainer sets to minus the mean pooled features of its training INRs. Absent in files of earlier readers.
   */
  centredPool?: boolean;
  /**
   * an editing model (dws, nfn, mlp): its output is Δ `[P, 1]`, one entry per weight of the INR it reads (from a
   * last equivariant layer, or the MLP's last dense layer, addDenseRows), and the edited INR is
   * θ + γ σ ⊙ Δ with γ a learned scalar (shaders/edit_compose.wgsl); `outputs` is unused
   */
  edit?: boolean;
}

export interface WsModel {
  spec: WsModelSpec;
  graph: WsGraph;
  /** the learned probe points `[K, d0]` in Θ (the probe reader's, or a DWS/NFN head's) */
  probeCoords?: Block;
  /** the input node the probe points' features `[K, dL]` are written into (probe_features.wgsl): 0, or 1 for a head's */
  probeNode?: number;
  /** the pixel reader's fixed points `[side^d0, d0]`: the render's grid */
  pixelGrid?: Float32Array;
  /** an editing model's γ: a 1×1 block of Θ that no op uses (the edit kernel reads it and writes its gradient) */
  editScale?: Block;
  /** a centred pool: the pool's node and the offsets added to it (set by the trainer, never trained) */
  poolCentre?: { node: number; offsets: Block };
}

/** γ at initialisation: an edit starts small, the INR nearly as it was. */
export const EDIT_SCALE_INIT = 0.1;

/** The readers of a network's outputs (probe and pixel): invariant to every symmetry of its weights by construction. */
export const readsOutputs = (kind: WsModelKind): boolean => kind === 'probe' || kind === 'pixels';

/** The equivariant models, whose invariant head may read probe features beside its pools (headProbes). */
export const hasInvariantHead = (kind: WsModelKind): boolean => kind === 'dws' || kind === 'nfn';

/** Width of the two dense layers of a head with probes: the probe reader's recipe (wsTrainConfig.ts). */
export const HEAD_PROBE_WIDTH = 32;

/** The pixel reader's grid: 28 points a side, MNIST's (models/siren.ts imageGrid). */
export const PIXEL_SIDE = 28;

/** The fixed points of the pixel reader: the image grid for 2-D inputs, 28 evenly spaced points for 1-D ones. */
export function pixelGrid(inputDim: number): Float32Array {
  if (inputDim === 2) return imageGrid(PIXEL_SIDE);
  if (inputDim === 1) return Float32Array.from({ length: PIXEL_SIDE }, (_, i) => -1 + (2 * i) / (PIXEL_SIDE - 1));
  throw new Error(`the pixel reader renders 1-D or 2-D inputs, not ${inputDim}-D`);
}

export function buildWsModel(layout: MlpLayout, spec: WsModelSpec): WsModel {
  const graph = new WsGraph();
  if (spec.kind === 'probe' || spec.kind === 'pixels') {
    // a network read through its outputs at points: K learned ones (a block of Θ) or the render's fixed grid
    const d0 = layout.dims[0];
    const grid = spec.kind === 'pixels' ? pixelGrid(d0) : undefined;
    const points = grid ? grid.length / d0 : (spec.probes ?? 0);
    if (points < 1) throw new Error('the probe reader needs at least one probe point');
    // K rows of dL channels: the first dense layer is K small blocks (dL → width), cheap to compile on a CPU adapter
    let h = graph.node(spec.kind, points, layout.dims[layout.dims.length - 1]);
    const probeCoords = grid ? undefined : graph.params.block(points, d0, 0);
    for (let l = 0; l < spec.depth; l++) h = graph.relu(addDense(graph, h, spec.channels, `dense${l}`));
    addDense(graph, h, spec.outputs, 'out');
    return grid ? { spec, graph, pixelGrid: grid } : { spec, graph, probeCoords, probeNode: 0 };
  }
  let h = graph.node('weights', layout.paramCount, spec.inputChannels ?? 1);
  if (spec.edit) return buildEditModel(graph, layout, spec, h);
  if (spec.kind === 'mlp') {
    for (let l = 0; l < spec.depth; l++) h = graph.relu(addDense(graph, h, spec.channels, `dense${l}`));
    addDense(graph, h, spec.outputs, 'out');
    return { spec, graph };
  }
  const headProbes = spec.headProbes ?? 0;
  // a head's probe features: a second input node, no op makes it
  const probeNode = headProbes > 0 ? graph.node('probes', headProbes, layout.dims[layout.dims.length - 1]) : -1;
  for (let l = 0; l < spec.depth; l++)
    h = graph.relu(addEquivariantLayer(graph, layout, spec.kind, h, spec.channels, `${spec.kind}${l}`).output);
  h = addInvariantPool(graph, layout, h, 'invariantPool');
  let poolCentre: WsModel['poolCentre'];
  if (spec.centredPool) {
    const pool = h;
    const centred = addOffsets(graph, pool, 'poolCentre');
    h = centred.output;
    poolCentre = { node: pool, offsets: centred.offsets };
  }
  if (probeNode < 0) {
    h = graph.relu(addDense(graph, h, spec.channels, 'head0'));
    addDense(graph, h, spec.outputs, 'out');
    return { spec, graph, poolCentre };
  }
  const probeCoords = graph.params.block(headProbes, layout.dims[0], 0);
  h = graph.relu(addDense(graph, [h, probeNode], HEAD_PROBE_WIDTH, 'head0'));
  h = graph.relu(addDense(graph, h, HEAD_PROBE_WIDTH, 'head1'));
  addDense(graph, h, spec.outputs, 'out');
  return { spec, graph, probeCoords, probeNode, poolCentre };
}

/** An editing model: the trunk, then one channel per weight (equivariant) or P outputs (the MLP), and γ. */
function buildEditModel(graph: WsGraph, layout: MlpLayout, spec: WsModelSpec, input: number): WsModel {
  if (spec.kind !== 'dws' && spec.kind !== 'nfn' && spec.kind !== 'mlp')
    throw new Error(`an editing model is a DWS, NFN or MLP, not ${spec.kind}`);
  let h = input;
  if (spec.kind === 'mlp') {
    for (let l = 0; l < spec.depth; l++) h = graph.relu(addDense(graph, h, spec.channels, `dense${l}`));
    addDenseRows(graph, h, layout.paramCount, 'delta');
  } else {
    for (let l = 0; l < spec.depth; l++)
      h = graph.relu(addEquivariantLayer(graph, layout, spec.kind, h, spec.channels, `${spec.kind}${l}`).output);
    addEquivariantLayer(graph, layout, spec.kind, h, 1, 'delta');
  }
  return { spec, graph, editScale: graph.params.block(1, 1, 0) };
}

/**
 * Initial parameters: every block U(±1/√fanIn) (PyTorch's nn.Linear rule over the block's whole fan-in), biases 0;
 * probe points uniform on the input square [-1, 1]^d0 (the INRs' coordinate domain); an edit's γ EDIT_SCALE_INIT.
 */
export function initWsParams({ graph, probeCoords, editScale }: WsModel, seed: number): Float32Array {
  const rng = new Rng(seed);
  const theta = new Float32Array(graph.params.size);
  for (const b of graph.params.blocks) {
    if (b.fanIn === 0) continue;
    const bound = 1 / Math.sqrt(b.fanIn);
    for (let i = 0; i < b.cIn * b.cOut; i++) theta[b.offset + i] = rng.symmetric(bound);
  }
  if (probeCoords)
    for (let i = 0; i < probeCoords.cIn * probeCoords.cOut; i++) theta[probeCoords.offset + i] = rng.symmetric(1);
  if (editScale) theta[editScale.offset] = EDIT_SCALE_INIT;
  return theta;
}
