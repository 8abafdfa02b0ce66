/**
 * The dispatches of an op's block gradients, in the shape its pass policy asks for: register tiles
 * (block_grad_tiles.wgsl, a CPU adapter) or block_grad.wgsl's workgroup tiles, whole or split into slices (a GPU);
 * both but the whole shape end with block_grad_reduce.wgsl adding the parts into dΘ.
 */
import type { GradTable } from '../../models/gatherTable';
import type { GatherOp, WsGraph } from '../../models/wsGraph';
import type { PassPolicy } from './blockPasses';
import { planTiles, tileGroups, TILE_WORKGROUP } from './blockGradTiles';
import { blockGradTiling, vectorWidth } from './gatherShader';
import {
  blockGradPipeline,
  blockGradReducePipeline,
  gradExtent,
  gradShape,
  MAX_GRID,
  packTerms,
  readsSource1,
  tilesPipeline,
  type PipelineArgs,
} from './wsGraphSteps';
import type { Dispatch, DispatchContext } from './dispatchTypes';

/** Most slices a block gradient is split into (its tiles buffer grows with them). */
const MAX_GRAD_SLICES = 64;
const REDUCE_WORKGROUP = 64;

/** What the dispatch builders share (wsGraphDispatches.ts), with their upload and uniform helpers. */
export type GradContext = Omit<DispatchContext, 'theta'> & {
  upload: (label: string, data: ArrayBuffer) => GPUBuffer;
  uniformBuffer: (label: string) => GPUBuffer;
};

/** Every pipeline an op's block gradients use under the policy (to compile ahead). */
export function blockGradPipelines(graph: WsGraph, op: GatherOp, g: GradTable, policy: PassPolicy): PipelineArgs[] {
  const lanes = graph.nodes[op.dst].channels;
  if (policy.gradTiles) {
    const { groups, tile } = tileGroups(g, lanes, graph.nodes[op.src[0]].rows);
    return [...groups.map((group) => tilesPipeline(graph, op, group, tile)), blockGradReducePipeline(lanes, tile)];
  }
  const grad = blockGradPipeline(graph, op, g, policy);
  return gradShape(policy).split
    ? [grad, blockGradReducePipeline(lanes, blockGradTiling(lanes, gradExtent(g), false).tile)]
    : [grad];
}

export function blockGradDispatches(ctx: GradContext, label: string, op: GatherOp, g: GradTable): Dispatch[] {
  return ctx.passPolicy.gradTiles ? tileDispatches(ctx, label, op, g) : workgroupDispatches(ctx, label, op, g);
}

/** block_grad_reduce over `tiles` into dΘ: `targets` as (dΘ vector, own vectors, first, count), `slices` per unit. */
function reduceDispatch(
  ctx: GradContext,
  label: string,
  lanes: number,
  tile: number,
  tiles: GPUBuffer,
  targets: Uint32Array,
  slicesFor: (batch: number) => number,
): Dispatch {
  const reduce = ctx.gpu.pipelines.get(...blockGradReducePipeline(lanes, tile));
  const uniform = ctx.uniformBuffer(`${label}.reduce.op`);
  const count = targets.length / 4;
  const bindGroup = ctx.gpu.device.createBindGroup({
    label: `${label}.reduce`,
    layout: reduce.getBindGroupLayout(0),
    entries: [uniform, ctx.dTheta, tiles, ctx.upload(`${label}.targets`, targets.slice().buffer)].map(
      (buffer, binding) => ({ binding, resource: { buffer } }),
    ),
  });
  return {
    label: `${label}.reduce`,
    pipeline: reduce,
    bindGroup,
    uniform,
    grid: () => [Math.ceil((count * tile) / REDUCE_WORKGROUP), 1],
    uniformFor: (batch) => new Uint32Array([count, slicesFor(batch)]).buffer,
  };
}

/** Register tiles (blockGradTiles.ts): one dispatch per source and input-channel count, then the reduce. */
function tileDispatches(ctx: GradContext, label: string, op: GatherOp, g: GradTable): Dispatch[] {
  const { gpu, graph } = ctx;
  const d = graph.nodes[op.dst];
  const rows0 = graph.nodes[op.src[0]].rows;
  const plan = planTiles(g, d.channels, rows0, ctx.maxBatch, ctx.passPolicy.gradSlicePairs);
  const tiles = ctx.make(`${label}.tiles`, 4 * vectorWidth(d.channels) * plan.tile * plan.tileCount);
  const terms = ctx.upload(`${label}.terms`, packTerms(g.dstRow, g.srcRow, g.coef));
  const dispatches = plan.groups.map((group, k): Dispatch => {
    const name = `${label}.tiles${k}`;
    const count = group.items.length / 4;
    if (count > MAX_GRID) throw new Error(`${name}: ${count} gradient items exceed one dispatch`);
    const p = gpu.pipelines.get(...tilesPipeline(graph, op, group, plan.tile));
    const uniform = ctx.uniformBuffer(`${name}.op`);
    const srcNode = group.source === 'bias' ? null : op.src[group.source];
    const src = srcNode === null ? null : graph.nodes[srcNode];
    const bindGroup = gpu.device.createBindGroup({
      label: name,
      layout: p.getBindGroupLayout(0),
      entries: [
        uniform,
        tiles,
        ctx.grads[op.dst]!,
        srcNode === null ? null : ctx.values[srcNode],
        ctx.upload(`${name}.items`, group.items.slice().buffer),
        terms,
      ]
        .map((buffer, binding) => ({ binding, resource: { buffer: buffer! } }))
        // a bias group's shader reads no source: its automatic layout has no binding 3
        .filter(({ resource }) => resource.buffer !== null),
    });
    const first = group.source === 1 ? rows0 : 0;
    return {
      label: name,
      pipeline: p,
      bindGroup,
      uniform,
      grid: () => [count, 1],
      uniformFor: (batch) =>
        new Uint32Array([batch, d.rows, src?.rows ?? 0, first, group.firstItem * TILE_WORKGROUP]).buffer,
    };
  });
  return [...dispatches, reduceDispatch(ctx, label, d.channels, plan.tile, tiles, plan.targets, () => 1)];
}

/**
 * block_grad.wgsl: one workgroup per (block, 4·cq input channels) and slice; split (PassPolicy.gradSlicePairs), the
 * slices' tiles are then added by block_grad_reduce.
 */
function workgroupDispatches(ctx: GradContext, label: string, op: GatherOp, g: GradTable): Dispatch[] {
  const { gpu, graph, passPolicy } = ctx;
  const { split, wide } = gradShape(passPolicy);
  const d = graph.nodes[op.dst];
  const extent = gradExtent(g);
  const { cq, tile } = blockGradTiling(d.channels, extent, wide);
  const v = vectorWidth(d.channels);
  const blocks = new Uint32Array(4 * g.blocks.length);
  const items: number[] = [];
  // per item: its tile's first entry in dΘ (in vectors of v), how many of its entries are the block's, and its
  // slices (the item's index and one item's worth, in units of the batch's slices)
  const targets: number[] = [];
  g.blocks.forEach((b, i) => {
    blocks.set([b.offset, g.termStart[i], g.termStart[i + 1], b.cIn], 4 * i);
    for (let c = 0; c < Math.ceil(b.cIn / (4 * cq)); c++) {
      targets.push(
        (b.offset + 4 * cq * c * d.channels) / v,
        Math.min(tile, (b.cIn - 4 * cq * c) * (d.channels / v)),
        items.length / 2,
        1,
      );
      items.push(i, c);
    }
  });
  const count = items.length / 2;
  if (count > MAX_GRID) throw new Error(`${label}: ${count} gradient work items exceed one dispatch`);
  // enough slices that a workgroup sums about gradSlicePairs pairs of the op's longest block
  const slicesFor = (batch: number): number =>
    split
      ? Math.max(1, Math.min(MAX_GRAD_SLICES, Math.ceil((batch * extent.maxTerms) / passPolicy.gradSlicePairs)))
      : 1;
  const out = split ? ctx.make(`${label}.tiles`, 4 * v * tile * count * slicesFor(ctx.maxBatch)) : ctx.dTheta;
  const [a, b] = op.src.map((k) => graph.nodes[k]);
  const uniform = ctx.uniformBuffer(`${label}.op`);
  const p = gpu.pipelines.get(...blockGradPipeline(graph, op, g, passPolicy));
  const bindGroup = gpu.device.createBindGroup({
    label,
    layout: p.getBindGroupLayout(0),
    entries: [
      uniform,
      out,
      ctx.grads[op.dst]!,
      ctx.values[op.src[0]],
      ctx.values[op.src[1] ?? op.src[0]],
      ctx.upload(`${label}.blocks`, blocks.buffer),
      ctx.upload(`${label}.items`, new Uint32Array(items).buffer),
      ctx.upload(`${label}.terms`, packTerms(g.dstRow, g.srcRow, g.coef)),
    ]
      .map((buffer, binding) => ({ binding, resource: { buffer } }))
      // built without source 1 when no block reads it: its automatic layout has no binding 4
      .filter(({ binding }) => binding !== 4 || readsSource1(graph, op, g)),
  });
  const uniformFor = (batch: number): ArrayBuffer =>
    new Uint32Array([batch, d.rows, a.rows, b?.rows ?? 0, slicesFor(batch)]).buffer;
  const grad: Dispatch = {
    label,
    pipeline: p,
    bindGroup,
    uniform,
    grid: (batch) => [count, slicesFor(batch)],
    uniformFor,
  };
  return split
    ? [grad, reduceDispatch(ctx, label, d.channels, tile, out, Uint32Array.from(targets), slicesFor)]
    : [grad];
}
