/**
 * What the weight-space executor (wsGraphKernels.ts) builds from a graph: its gather steps (each op's forward and
 * adjoints), their split into block passes, waves and rest, the pipelines each needs, and tables packed as the
 * shaders' structs lay them out.
 */
import reluWgsl from '../../../shaders/relu.wgsl?raw';
import type { Block, GatherTable, GradTable } from '../../models/gatherTable';
import type { BackwardStep, GatherOp, WsGraph } from '../../models/wsGraph';
import { blockGemmShader, blockLoopShader, blockWaveShader } from './blockGemmShader';
import { splitBlockPasses, type BlockLoop, type BlockWave, type PassPolicy, type SplitTable } from './blockPasses';
import { blockGradTilesShader, type TileGroup } from './blockGradTiles';
import {
  blockGradReduceShader,
  blockGradShader,
  gatherOwnRowsShader,
  gatherShader,
  type GradExtent,
  type GradShape,
} from './gatherShader';
import { termKinds, type TermKind } from './gatherTerms';
import { reassociateRows } from './rowReassociation';

/** (u32, u32, f32, u32) quadruples as the WGSL struct WavePair lays them out (16 bytes each); `blk` in floats, stored in vec4s. */
export function packWavePairs(w: BlockWave): ArrayBuffer {
  const out = new ArrayBuffer(16 * w.dst.length);
  const ints = new Uint32Array(out);
  const floats = new Float32Array(out);
  w.dst.forEach((d, i) => {
    ints.set([d, w.src[i]], 4 * i);
    floats[4 * i + 2] = w.coef[i];
    ints[4 * i + 3] = w.blk[i] / 4;
  });
  return out;
}

/** (i32, i32, f32) triples as the WGSL structs Term and GradTerm lay them out (12 bytes each). */
export function packTerms(first: Int32Array, second: Int32Array, coef: Float32Array): ArrayBuffer {
  const out = new ArrayBuffer(12 * Math.max(1, first.length));
  const ints = new Int32Array(out);
  const floats = new Float32Array(out);
  for (let i = 0; i < first.length; i++) {
    ints[3 * i] = first[i];
    ints[3 * i + 1] = second[i];
    floats[3 * i + 2] = coef[i];
  }
  return out;
}

/** Most workgroups along one dimension of a dispatch (WebGPU's default maxComputeWorkgroupsPerDimension). */
export const MAX_GRID = 65535;

export type PipelineArgs = [
  name: string,
  key: string,
  code: () => string,
  entryPoint: string,
  constants?: Record<string, number>,
];

/**
 * The gather kernel for what is left of a gather op's table after its block passes, built for the kinds of term it
 * has (also returned: they decide its bindings and how its terms are grouped).
 */
export function restPipeline(
  graph: WsGraph,
  step: GatherStep,
  rest: GatherTable,
): { args: PipelineArgs; kinds: TermKind[] } {
  const [a, b] = step.srcNodes.map((k) => graph.nodes[k]);
  const kinds = termKinds(rest, a.rows);
  const shader = gatherShader(step.kind, { lanes: step.lanes, ch0: a.channels, ch1: b?.channels ?? 0 }, kinds);
  return {
    args: ['gather_rows', shader.key, () => shader.code, 'gather_rows', { ACCUMULATE: Number(step.accumulate) }],
    kinds,
  };
}

export function gemmPipeline(kind: 'forward' | 'adjoint', block: Block): PipelineArgs {
  const shader = blockGemmShader(kind, block.cIn, block.cOut);
  return ['block_gemm', shader.key, () => shader.code, 'block_gemm'];
}

export function loopPipeline(kind: 'forward' | 'adjoint', loop: BlockLoop): PipelineArgs {
  const shader = blockLoopShader(kind, loop.cIn, loop.cOut);
  return ['block_loop', shader.key, () => shader.code, 'block_loop'];
}

export function wavePipeline(kind: 'forward' | 'adjoint', wave: BlockWave): PipelineArgs {
  const shader = blockWaveShader(kind, wave.cIn, wave.cOut);
  return ['block_wave', shader.key, () => shader.code, 'block_wave'];
}

/** A gather step of the graph: the forward of an op, or its adjoint onto one source. */
export interface GatherStep {
  kind: 'forward' | 'adjoint';
  table: GatherTable;
  srcNodes: number[];
  lanes: number;
  blocks: Block[];
  /** adds into its destination (another step wrote it first) instead of writing it */
  accumulate: boolean;
}

export const forwardStep = (graph: WsGraph, op: GatherOp): GatherStep => ({
  kind: 'forward',
  table: op.table,
  srcNodes: op.src,
  lanes: graph.nodes[op.dst].channels,
  blocks: op.blocks,
  accumulate: false,
});

export const adjointStep = (graph: WsGraph, s: Extract<BackwardStep, { kind: 'gatherT' }>): GatherStep => ({
  kind: 'adjoint',
  table: s.table,
  srcNodes: [s.op.dst],
  lanes: graph.nodes[s.dst].channels,
  blocks: s.op.blocks,
  accumulate: s.accumulate,
});

export function gatherSteps(graph: WsGraph, inputGrads: readonly number[]): GatherStep[] {
  const steps: GatherStep[] = [];
  for (const op of graph.ops) if (op.kind === 'gather') steps.push(forwardStep(graph, op));
  for (const s of graph.backwardPlan(inputGrads)) if (s.kind === 'gatherT') steps.push(adjointStep(graph, s));
  return steps;
}

/**
 * The table's rows that have terms, as a table of their own, and the destination row of each. A step that adds
 * into its destination runs only these (an adjoint onto a node another adjoint has written: often a few rows, or
 * none when its blocks all run as passes); a step that writes runs every row (`rowIds` the identity).
 */
export function tableRows(t: GatherTable, onlyWithTerms: boolean): { table: GatherTable; rowIds: Uint32Array } {
  const ids: number[] = [];
  for (let r = 0; r < t.dstRows; r++) if (!onlyWithTerms || t.rowStart[r + 1] > t.rowStart[r]) ids.push(r);
  if (ids.length === t.dstRows) return { table: t, rowIds: Uint32Array.from(ids) };
  const rowStart = new Uint32Array(ids.length + 1);
  ids.forEach((r, i) => (rowStart[i + 1] = rowStart[i] + t.rowStart[r + 1] - t.rowStart[r]));
  // rows with no terms hold none, so the terms stay as they are, in the same order
  return { table: { ...t, dstRows: ids.length, rowStart }, rowIds: Uint32Array.from(ids) };
}

/**
 * A step with its long identity rows taken out (rowReassociation.ts; only a step that writes its destination), and
 * the table that adds them back from the destination's own rows after the step's other dispatches.
 */
export function reassociated(step: GatherStep, policy: PassPolicy): { step: GatherStep; ownRows: GatherTable | null } {
  const re =
    step.accumulate || !Number.isFinite(policy.reassociateFrom)
      ? null
      : reassociateRows(step.table, policy.reassociateFrom);
  return re ? { step: { ...step, table: re.table }, ownRows: re.derived } : { step, ownRows: null };
}

export function ownRowsPipeline(lanes: number): PipelineArgs {
  const shader = gatherOwnRowsShader(lanes);
  return ['gather_rows', shader.key, () => shader.code, 'gather_rows', { ACCUMULATE: 1 }];
}

export const split = (graph: WsGraph, step: GatherStep, policy: PassPolicy): SplitTable =>
  splitBlockPasses(step.table, step.blocks, graph.nodes[step.srcNodes[0]].rows, policy);

/** Whether a block of the op reads its second source (else block_grad is built without it). */
export const readsSource1 = (graph: WsGraph, op: GatherOp, g: GradTable): boolean =>
  op.src.length > 1 && g.srcRow.some((row) => row >= graph.nodes[op.src[0]].rows);

/** The most terms and the most input channels one block of the op has. */
export const gradExtent = (g: GradTable): GradExtent => ({
  maxTerms: Math.max(...g.blocks.map((_, i) => g.termStart[i + 1] - g.termStart[i])),
  maxCIn: Math.max(...g.blocks.map((b) => b.cIn)),
});

/** block_grad's shape under a policy: split when it cuts pairs into slices (gradSlicePairs), wide workgroups or not. */
export const gradShape = (policy: PassPolicy): GradShape => ({
  split: Number.isFinite(policy.gradSlicePairs),
  wide: policy.gradWideWorkgroups,
});

export function blockGradPipeline(graph: WsGraph, op: GatherOp, g: GradTable, policy: PassPolicy): PipelineArgs {
  const [a, b] = op.src.map((k) => graph.nodes[k]);
  const shader = blockGradShader(
    { lanes: graph.nodes[op.dst].channels, ch0: a.channels, ch1: readsSource1(graph, op, g) ? b.channels : 0 },
    gradExtent(g),
    gradShape(policy),
  );
  return ['block_grad', shader.key, () => shader.code, 'block_grad'];
}

/** block_grad_reduce for the block gradients of an op with `lanes` output channels, summed in tiles of `tile` vectors. */
export function blockGradReducePipeline(lanes: number, tile: number): PipelineArgs {
  const shader = blockGradReduceShader(lanes, tile);
  return ['block_grad_reduce', shader.key, () => shader.code, 'block_grad_reduce'];
}

/** block_grad_tiles for one group of an op's blocks (blockGradTiles.ts), writing tiles of `tile` vectors. */
export function tilesPipeline(graph: WsGraph, op: GatherOp, group: TileGroup, tile: number): PipelineArgs {
  const srcChannels = group.source === 'bias' ? null : graph.nodes[op.src[group.source]].channels;
  const shader = blockGradTilesShader(graph.nodes[op.dst].channels, group.channels, srcChannels, tile);
  return ['block_grad_tiles', shader.key, () => shader.code, 'block_grad_tiles'];
}

export const reluPipeline = (entry: 'relu_forward' | 'relu_backward', accumulate = false): PipelineArgs =>
  entry === 'relu_forward'
    ? ['relu', '', () => reluWgsl, entry]
    : ['relu', '', () => reluWgsl, entry, { ACCUMULATE: Number(accumulate) }];
