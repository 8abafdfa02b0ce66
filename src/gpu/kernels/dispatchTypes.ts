/**
 * The shapes the dispatch builders share (wsGraphDispatches.ts and blockGradDispatches.ts): one recorded compute
 * dispatch, and what a builder is given to make them. Types only, so both builders can name them.
 */
import type { WsGraph } from '../../models/wsGraph';
import type { GpuRuntime } from '../runtime';
import type { PassPolicy } from './blockPasses';

export interface Dispatch {
  label: string;
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  uniform: GPUBuffer;
  /** workgroups for a batch, and the uniform contents for a batch (null: never changes) */
  grid: (batch: number) => [number, number];
  uniformFor: ((batch: number) => ArrayBuffer) | null;
}

export interface DispatchContext {
  gpu: GpuRuntime;
  graph: WsGraph;
  passPolicy: PassPolicy;
  /** the largest batch the dispatches will run (sizes the split block gradients' tiles) */
  maxBatch: number;
  theta: GPUBuffer;
  dTheta: GPUBuffer;
  values: GPUBuffer[];
  grads: (GPUBuffer | null)[];
  /** a buffer the executor owns (and destroys), its size rounded up to whole vec4s */
  make: (label: string, bytes: number, usage?: number) => GPUBuffer;
}
