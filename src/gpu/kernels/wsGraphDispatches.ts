/**
 * The dispatches of a weight-space graph's steps, each with its pipeline, bind group and uniform, and its grid and
 * uniform contents for a batch: for a gather step its rest (the gather kernel), block passes, block waves
 * and rewritten long rows; block gradients; ReLUs. And the list of their pipelines, to compile ahead. The executor
 * (wsGraphKernels.ts) owns the buffers and runs them.
 */
import type { GatherTable, GradTable } from '../../models/gatherTable';
import type { GatherOp, WsGraph } from '../../models/wsGraph';
import { gemmGroups, WAVE_ROWS, WAVE_WORKGROUP } from './blockGemmShader';
import { blockLoops, type BlockLoop, type BlockPass, type BlockWave, type PassPolicy } from './blockPasses';
import { blockGradDispatches, blockGradPipelines } from './blockGradDispatches';
import type { Dispatch, DispatchContext } from './dispatchTypes';
import { NETWORKS_PER_INVOCATION } from './gatherShader';
import { groupByKind, unusedBindings, type TermKind } from './gatherTerms';
import {
  gatherSteps,
  gemmPipeline,
  loopPipeline,
  MAX_GRID,
  ownRowsPipeline,
  packTerms,
  packWavePairs,
  reassociated,
  reluPipeline,
  restPipeline,
  split,
  tableRows,
  wavePipeline,
  type GatherStep,
  type PipelineArgs,
} from './wsGraphSteps';

const GATHER_WORKGROUP = 64;
const RELU_PER_WORKGROUP = 256 * 4;

/** Every pipeline the graph's forward and backward dispatches use (as dispatchBuilders splits its steps). */
export function graphPipelines(graph: WsGraph, inputGrads: readonly number[], passPolicy: PassPolicy): PipelineArgs[] {
  const list: PipelineArgs[] = [];
  for (const whole of gatherSteps(graph, inputGrads)) {
    const { step, ownRows } = reassociated(whole, passPolicy);
    const { rest, passes, waves } = split(graph, step, passPolicy);
    if (ownRows) list.push(ownRowsPipeline(step.lanes));
    const runs = tableRows(rest, step.accumulate).table; // none: no rest dispatch
    if (runs.dstRows > 0) list.push(restPipeline(graph, step, runs).args);
    const blockPipelines = passPolicy.gemmLoop
      ? blockLoops(passes).map((l) => loopPipeline(step.kind, l))
      : passes.map((p) => gemmPipeline(step.kind, p.block));
    list.push(...blockPipelines, ...waves.map((w) => wavePipeline(step.kind, w)));
  }
  if (graph.ops.some((op) => op.kind === 'relu')) list.push(reluPipeline('relu_forward'));
  for (const s of graph.backwardPlan(inputGrads)) {
    if (s.kind === 'blockGrad') list.push(...blockGradPipelines(graph, s.op, s.grad, passPolicy));
    else if (s.kind === 'reluT') list.push(reluPipeline('relu_backward', s.accumulate));
  }
  return list;
}

export function dispatchBuilders({
  gpu,
  graph,
  passPolicy,
  maxBatch,
  theta,
  dTheta,
  values,
  grads,
  make,
}: DispatchContext): {
  gather: (label: string, whole: GatherStep, srcs: GPUBuffer[], dst: GPUBuffer) => Dispatch[];
  blockGrad: (label: string, op: GatherOp, g: GradTable) => Dispatch[];
  relu: (
    label: string,
    entry: 'relu_forward' | 'relu_backward',
    x: GPUBuffer,
    dy: GPUBuffer,
    out: GPUBuffer,
    perNetwork: number,
    accumulate: boolean,
  ) => Dispatch;
} {
  const { device } = gpu;
  const upload = (label: string, data: ArrayBuffer): GPUBuffer => {
    const b = make(label, data.byteLength);
    device.queue.writeBuffer(b, 0, data);
    return b;
  };
  const uniformBuffer = (label: string): GPUBuffer => make(label, 48, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);

  // the op's terms left after its block passes, written (or added) first; then each block pass and wave adds its
  // share, then the long rows rewritten from shorter ones (rowReassociation.ts) are added from those rows
  const gather = (label: string, whole: GatherStep, srcs: GPUBuffer[], dst: GPUBuffer): Dispatch[] => {
    const { step, ownRows } = reassociated(whole, passPolicy);
    const [a, b] = step.srcNodes.map((k) => graph.nodes[k]);
    const { table, lanes, kind } = step;
    for (let i = 0; i < table.row.length; i++) {
      const row = table.row[i];
      if (table.blk[i] < 0 && row >= 0 && (row < a.rows ? a : b).channels !== lanes)
        throw new Error(`${label}: an identity term joins ${(row < a.rows ? a : b).channels} channels to ${lanes}`);
    }
    const { rest: fullRest, passes, waves } = split(graph, step, passPolicy);
    const { table: rest, rowIds } = tableRows(fullRest, step.accumulate);
    const blockDispatches = [
      ...(passPolicy.gemmLoop
        ? blockLoops(passes).map((l, i) =>
            blockLoop(`${label}.loop${i}`, kind, l, srcs[l.source], step.srcNodes[l.source], dst, table.dstRows),
          )
        : passes.map((pass, i) =>
            gemm(`${label}.gemm${i}`, kind, pass, srcs[pass.source], step.srcNodes[pass.source], dst, table.dstRows),
          )),
      ...waves.map((wave, i) =>
        blockWave(`${label}.wave${i}`, kind, wave, srcs[wave.source], step.srcNodes[wave.source], dst, table.dstRows),
      ),
      // the rewritten long rows, from the rows the dispatches above wrote
      ...(ownRows ? [ownRowSums(`${label}.own`, ownRows, dst, lanes)] : []),
    ];
    if (rest.dstRows === 0) return blockDispatches; // adds, and every term is in a block pass or wave
    const { args, kinds } = restPipeline(graph, step, rest);
    // automatic layouts leave out what a shader does not read
    return [
      tableDispatch(label, args, { table: rest, rowIds }, kinds, srcs, dst, unusedBindings(kinds), [
        table.dstRows,
        a.rows,
        b?.rows ?? 0,
      ]),
      ...blockDispatches,
    ];
  };

  // the rewritten long rows: the gather kernel over the destination's own rows (one kind: identities), reading no
  // source and no Θ; its only source is the destination, so every row it reads counts as source 0 (rows0 = dstRows)
  const ownRowSums = (label: string, ownRows: GatherTable, dst: GPUBuffer, lanes: number): Dispatch =>
    tableDispatch(
      label,
      ownRowsPipeline(lanes),
      tableRows(ownRows, true),
      ['identity0'],
      [dst],
      dst,
      [1, 2, 3],
      [ownRows.dstRows, ownRows.dstRows, 0],
    );

  /**
   * A gather kernel's dispatch over the rows of `run.table` (destination rows `run.rowIds`), its terms grouped by
   * `kinds`; `rows`: the destination's rows and those of sources 0 and 1; `unused`: bindings its shader does not read.
   */
  const tableDispatch = (
    label: string,
    args: PipelineArgs,
    run: { table: GatherTable; rowIds: Uint32Array },
    kinds: readonly TermKind[],
    srcs: GPUBuffer[],
    dst: GPUBuffer,
    unused: number[],
    [dstRows, rows0, rows1]: [number, number, number],
  ): Dispatch => {
    const { table, rowIds } = run;
    const grouped = groupByKind(table, rows0, kinds);
    const p = gpu.pipelines.get(...args);
    const uniform = uniformBuffer(`${label}.op`);
    const bindGroup = device.createBindGroup({
      label,
      layout: p.getBindGroupLayout(0),
      entries: [
        uniform,
        theta,
        srcs[0],
        srcs[1] ?? srcs[0],
        dst,
        upload(`${label}.kindStart`, grouped.kindStart.slice().buffer),
        upload(`${label}.terms`, packTerms(grouped.row, grouped.blk, grouped.coef)),
        upload(`${label}.rowIds`, rowIds.slice().buffer),
      ]
        .map((buffer, binding) => ({ binding, resource: { buffer } }))
        .filter(({ binding }) => !unused.includes(binding)),
    });
    return {
      label,
      pipeline: p,
      bindGroup,
      uniform,
      grid: (batch) => [Math.ceil(table.dstRows / GATHER_WORKGROUP), Math.ceil(batch / NETWORKS_PER_INVOCATION)],
      uniformFor: (batch) => new Uint32Array([dstRows, rows0, rows1, batch, table.dstRows]).buffer,
    };
  };

  const gemm = (
    label: string,
    kind: 'forward' | 'adjoint',
    pass: BlockPass,
    src: GPUBuffer,
    srcNode: number,
    dst: GPUBuffer,
    dstRows: number,
  ): Dispatch => {
    const pairs = pass.dst.length;
    const p = gpu.pipelines.get(...gemmPipeline(kind, pass.block));
    const uniform = uniformBuffer(`${label}.op`);
    const window = 16 * Math.ceil((pass.block.cIn * pass.block.cOut) / 4);
    const bindGroup = device.createBindGroup({
      label,
      layout: p.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: uniform } },
        { binding: 1, resource: { buffer: theta, offset: 4 * pass.block.offset, size: window } },
        { binding: 2, resource: { buffer: src } },
        { binding: 3, resource: { buffer: dst } },
        {
          binding: 4,
          resource: {
            buffer: upload(
              `${label}.pairs`,
              packTerms(Int32Array.from(pass.dst), Int32Array.from(pass.src), pass.coef),
            ),
          },
        },
      ],
    });
    return {
      label,
      pipeline: p,
      bindGroup,
      uniform,
      grid: (batch) => [gemmGroups(batch * pairs, pass.block.cIn, pass.block.cOut), 1],
      uniformFor: (batch) => new Uint32Array([batch, pairs, dstRows, graph.nodes[srcNode].rows]).buffer,
    };
  };

  // one workgroup per item (a run of one pass's pairs, all networks); the items' passes write distinct rows
  const blockLoop = (
    label: string,
    kind: 'forward' | 'adjoint',
    loop: BlockLoop,
    src: GPUBuffer,
    srcNode: number,
    dst: GPUBuffer,
    dstRows: number,
  ): Dispatch => {
    const p = gpu.pipelines.get(...loopPipeline(kind, loop));
    const uniform = uniformBuffer(`${label}.op`);
    const pairs = upload(`${label}.pairs`, packTerms(Int32Array.from(loop.dst), Int32Array.from(loop.src), loop.coef));
    const bindGroup = device.createBindGroup({
      label,
      layout: p.getBindGroupLayout(0),
      entries: [uniform, theta, src, dst, pairs, upload(`${label}.items`, loop.items.slice().buffer)].map(
        (buffer, binding) => ({ binding, resource: { buffer } }),
      ),
    });
    const items = loop.items.length / 4;
    if (items > MAX_GRID) throw new Error(`${label}: ${items} items exceed one dispatch`);
    return {
      label,
      pipeline: p,
      bindGroup,
      uniform,
      grid: () => [items, 1],
      uniformFor: (batch) => new Uint32Array([batch, dstRows, graph.nodes[srcNode].rows]).buffer,
    };
  };

  const blockWave = (
    label: string,
    kind: 'forward' | 'adjoint',
    wave: BlockWave,
    src: GPUBuffer,
    srcNode: number,
    dst: GPUBuffer,
    dstRows: number,
  ): Dispatch => {
    const p = gpu.pipelines.get(...wavePipeline(kind, wave));
    const uniform = uniformBuffer(`${label}.op`);
    const bindGroup = device.createBindGroup({
      label,
      layout: p.getBindGroupLayout(0),
      entries: [uniform, theta, src, dst, upload(`${label}.pairs`, packWavePairs(wave))].map((buffer, binding) => ({
        binding,
        resource: { buffer },
      })),
    });
    return {
      label,
      pipeline: p,
      bindGroup,
      uniform,
      grid: (batch) => [Math.ceil(Math.ceil(batch / WAVE_ROWS) / WAVE_WORKGROUP), wave.dst.length],
      uniformFor: (batch) => new Uint32Array([batch, dstRows, graph.nodes[srcNode].rows]).buffer,
    };
  };

  const blockGrad = (label: string, op: GatherOp, g: GradTable): Dispatch[] =>
    blockGradDispatches(
      { gpu, graph, passPolicy, maxBatch, dTheta, values, grads, make, upload, uniformBuffer },
      label,
      op,
      g,
    );

  const relu = (
    label: string,
    entry: 'relu_forward' | 'relu_backward',
    x: GPUBuffer,
    dy: GPUBuffer,
    out: GPUBuffer,
    perNetwork: number,
    accumulate: boolean,
  ): Dispatch => {
    const uniform = uniformBuffer(`${label}.op`);
    const p = gpu.pipelines.get(...reluPipeline(entry, accumulate));
    const bindGroup = device.createBindGroup({
      label,
      layout: p.getBindGroupLayout(0),
      // relu_forward reads no dy, so its automatic layout has no binding 2
      entries: (entry === 'relu_forward'
        ? [
            [0, uniform],
            [1, x],
            [3, out],
          ]
        : [
            [0, uniform],
            [1, x],
            [2, dy],
            [3, out],
          ]
      ).map(([binding, buffer]) => ({
        binding: binding as number,
        resource: { buffer: buffer as GPUBuffer },
      })),
    });
    return {
      label,
      pipeline: p,
      bindGroup,
      uniform,
      grid: (batch) => [Math.ceil((batch * perNetwork) / 4 / RELU_PER_WORKGROUP), 1],
      uniformFor: (batch) => new Uint32Array([Math.ceil((batch * perNetwork) / 4)]).buffer,
    };
  };

  return { gather, blockGrad, relu };
}
