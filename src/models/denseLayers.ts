/**
 * Non-equivariant pieces as gathered linear ops: the invariant pooling of DWSNets' head, dense layers over all
 * rows of a node (the head's MLP, and the flattened-weights baseline: a dense layer over [P, 1] is W·flatten(θ)).
 */
import type { MlpLayout } from '../weightspace/layout';
import { addPooling } from './equivariantLayer';
import { TableBuilder, type Block } from './gatherTable';
import { indexTuples, isHiddenLayer, StatRegistry, weightTensors } from './weightTensors';
import type { WsGraph } from './wsGraph';

/**
 * Invariant features `[rows, C]` of weight-space features `[P, C]`: for every tensor, its mean over all hidden
 * axes at each index of its fixed axes (W_0: one row per input, W_{L-1} and b_{L-1}: one per output, every other
 * tensor: one row). Unchanged by any hidden-neuron permutation. A mean over two hidden axes (a hidden-to-hidden
 * weight's, 1024 entries in a [2,32,32,1] SIREN) is the mean of its column means, pooled first (addPooling): one
 * lane no longer sums the 1024 entries alone.
 */
export function addInvariantPool(graph: WsGraph, layout: MlpLayout, x: number, name: string): number {
  const stats = new StatRegistry();
  const features: number[] = [];
  for (const t of weightTensors(layout)) {
    const pooled = t.axes.map((layer) => isHiddenLayer(layout, layer));
    const fixedShape = t.shape.map((n, a) => (pooled[a] ? 1 : n));
    for (const idx of indexTuples(fixedShape)) features.push(stats.rowFromParts(t, pooled, idx));
  }
  return addPooling(graph, stats, x, name, features);
}

/**
 * Constant offsets added to every (row, channel) of node x: a `[rows, C]` block of Θ that the op reads as biases but
 * does not list, so no gradient reaches it (Adam leaves it as set, but for AdamW's decay). The invariant head's pool
 * centring: the trainer sets them once, to minus the mean pooled features of the training INRs (WsTrainer).
 */
export function addOffsets(graph: WsGraph, x: number, name: string): { output: number; offsets: Block } {
  const { rows, channels } = graph.nodes[x];
  const offsets = graph.params.block(rows, channels, 0);
  const table = new TableBuilder(rows);
  for (let r = 0; r < rows; r++) {
    table.add(r, r, -1);
    table.add(r, -1, offsets.offset + r * channels);
  }
  return { output: graph.gather(name, [x], table.finish(), channels, []), offsets };
}

/**
 * A dense layer from a node of one row (`[1, C]`) to `rows` rows of one channel, plus a bias each: row r is its own
 * `[C, 1]` block. The flattened MLP's editing output, one number per weight (the same map as a dense layer to `rows`
 * channels, in the `[P, 1]` shape the edit kernel reads, and as cheap to compile as the MLP's input layer).
 */
export function addDenseRows(graph: WsGraph, x: number, rows: number, name: string): number {
  const { rows: inRows, channels } = graph.nodes[x];
  if (inRows !== 1) throw new Error(`${name}: reads a node of one row, not ${inRows}`);
  const table = new TableBuilder(rows);
  const first = graph.params.blocks.length;
  for (let r = 0; r < rows; r++) {
    table.add(r, 0, graph.params.block(channels, 1, channels).offset);
    table.add(r, -1, graph.params.block(1, 1, 0).offset);
  }
  return graph.gather(name, [x], table.finish(), 1, graph.params.blocks.slice(first));
}

/**
 * A dense layer: every (row, channel) of node x → `width` channels in one row, plus a bias. Given two nodes, it reads
 * both (their rows stacked: a dense layer on their concatenation).
 */
export function addDense(graph: WsGraph, x: number | [number, number], width: number, name: string): number {
  const src = typeof x === 'number' ? [x] : x;
  const fanIn = src.reduce((s, k) => s + graph.nodes[k].rows * graph.nodes[k].channels, 0);
  const table = new TableBuilder(1);
  const first = graph.params.blocks.length;
  let row = 0;
  for (const k of src)
    for (let r = 0; r < graph.nodes[k].rows; r++)
      table.add(0, row++, graph.params.block(graph.nodes[k].channels, width, fanIn).offset);
  table.add(0, -1, graph.params.block(1, width, 0).offset);
  return graph.gather(name, src, table.finish(), width, graph.params.blocks.slice(first));
}
