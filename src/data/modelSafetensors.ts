/**
 * A trained weight-space model as a safetensors file: `theta` F32 [size] (Θ in the graph's parameter layout),
 * `blocks` I32 [blocks, 4] (offset, cIn, cOut, fan-in of every parameter block, for readers outside this project),
 * `input.mean` / `input.std` F64 [tensors] (per-tensor normalisation) or, for a flattened MLP, F64 [P] (per-weight
 * normalisation), `input.frequencies` F64 [m] (Fourier features), `output.mean` / `output.std` F64 [d] (regression
 * targets); metadata `format`, `architecture` (JSON model spec), `dims`, `omega0`, `task` and `training` (the recipe,
 * JSON).
 */
import * as v from 'valibot';
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel, hasInvariantHead, readsOutputs, WS_MODEL_KINDS } from '../models/wsModel';
import { mlpLayout } from '../weightspace/layout';
import { IMAGE_EDITS, type ImageEdit } from './imageEdits';
import { fail, metadataDims, metadataJson } from './metadataFields';
import { decodeSafetensors, encodeSafetensors, type Tensor } from './safetensors';

export const MODEL_FORMAT = 'weightscape-model';
const MAX_INR_PARAMS = 100_000;

const Int = (lo: number, hi: number) => v.pipe(v.number(), v.integer(), v.minValue(lo), v.maxValue(hi));
const Architecture = v.object({
  kind: v.picklist(WS_MODEL_KINDS),
  depth: Int(0, 8),
  channels: Int(1, 256),
  outputs: Int(1, 256),
  inputChannels: Int(1, 257),
  probes: v.optional(Int(1, 1024)),
  headProbes: v.optional(Int(1, 1024)),
  centredPool: v.optional(v.boolean()),
  canonical: v.optional(v.boolean()),
  edit: v.optional(v.boolean()),
});

export function modelToSafetensors(m: TrainedModel): Uint8Array<ArrayBuffer> {
  const { graph } = buildWsModel(mlpLayout(m.dims), m.spec);
  const blocks = Int32Array.from(graph.params.blocks.flatMap((b) => [b.offset, b.cIn, b.cOut, b.fanIn]));
  const f64 = (data: Float64Array): Tensor => ({ dtype: 'F64', shape: [data.length], data });
  return encodeSafetensors(
    {
      theta: { dtype: 'F32', shape: [m.theta.length], data: m.theta },
      blocks: { dtype: 'I32', shape: [graph.params.blocks.length, 4], data: blocks },
      'input.mean': f64(m.mean),
      'input.std': f64(m.std),
      'input.frequencies': f64(m.frequencies),
      'output.mean': f64(m.valueMean),
      'output.std': f64(m.valueStd),
    },
    {
      format: MODEL_FORMAT,
      architecture: JSON.stringify({ ...m.spec, inputChannels: m.spec.inputChannels ?? 1 }),
      dims: JSON.stringify(m.dims),
      omega0: String(m.omega0),
      task: m.task,
      training: m.training,
      ...(m.edit ? { edit: m.edit } : {}),
    },
  );
}

export function modelFromSafetensors(bytes: Uint8Array): TrainedModel {
  const { tensors, metadata } = decodeSafetensors(bytes);
  if (metadata.format !== MODEL_FORMAT)
    fail(
      metadata.format
        ? `this is a ${metadata.format} file, not a trained model`
        : 'not a Weightscape model file (metadata "format" is missing)',
    );
  const spec = metadataJson(metadata.architecture, Architecture, 'architecture');
  const dims = metadataDims(metadata.dims ?? fail('metadata "dims" is missing'));
  const omega0 = Number(metadata.omega0);
  if (!(omega0 > 0) || !Number.isFinite(omega0)) fail('metadata "omega0" is not a positive number');
  const task =
    metadata.task === 'class' || metadata.task === 'regression' || metadata.task === 'edit'
      ? metadata.task
      : fail('metadata "task" is none of "class", "regression", "edit"');
  if ((task === 'edit') !== (spec.edit === true))
    fail('architecture: an editing model ("edit": true) is the model of the task "edit", and only of it');
  const edit = task === 'edit' ? metadata.edit : undefined;
  if (task === 'edit' && !IMAGE_EDITS.includes(edit as ImageEdit))
    fail(`metadata "edit" is "${edit}", not one of ${IMAGE_EDITS.join(', ')}`);
  if ((spec.inputChannels - 1) % 2 !== 0) fail('architecture: input channels must be 1 + 2·(Fourier features)');
  if ((spec.kind === 'probe') !== (spec.probes !== undefined))
    fail('architecture: "probes" (the probe points) belongs to the probe reader, and only to it');
  if (spec.headProbes !== undefined && (!hasInvariantHead(spec.kind) || spec.edit))
    fail('architecture: "headProbes" (probe points read by an invariant head) belongs to a DWS or NFN reader only');
  if (spec.centredPool && (!hasInvariantHead(spec.kind) || spec.edit))
    fail('architecture: "centredPool" (offsets of an invariant pool) belongs to a DWS or NFN reader only');
  if (readsOutputs(spec.kind) && spec.inputChannels !== 1)
    fail(`architecture: the ${spec.kind} reader reads no Fourier features`);
  const layout = mlpLayout(dims);
  // the graph is built before Θ is checked against it: bound its size first
  if (layout.paramCount > MAX_INR_PARAMS)
    fail(`dims [${dims.join(', ')}] give ${layout.paramCount} weights per INR, over this project's ${MAX_INR_PARAMS}`);
  const { graph } = buildWsModel(layout, spec);
  const tensorCount = 2 * layout.layers.length;
  const valueDim = task === 'regression' ? spec.outputs : 0;
  const get = <T extends Tensor['data']>(name: string, dtype: Tensor['dtype'], length: number): T => {
    const t = tensors.get(name) ?? fail(`missing tensor "${name}"`);
    if (t.dtype !== dtype) fail(`tensor "${name}" is ${t.dtype}, expected ${dtype}`);
    if (t.data.length !== length)
      fail(`tensor "${name}" has ${t.data.length} values, the architecture needs ${length}`);
    return t.data as T;
  };
  const theta = get<Float32Array>('theta', 'F32', graph.params.size);
  if (!theta.every(Number.isFinite)) fail('tensor "theta" contains NaN or infinite values');
  // statistics per tensor, or per weight (the flattened MLP's option: wsData.ts)
  const perWeight = spec.kind === 'mlp' && tensors.get('input.mean')?.data.length === layout.paramCount;
  const statCount = perWeight ? layout.paramCount : tensorCount;
  const std = get<Float64Array>('input.std', 'F64', statCount);
  if (!std.every((s) => s > 0 && Number.isFinite(s))) fail('tensor "input.std" must be positive and finite');
  const valueStd = get<Float64Array>('output.std', 'F64', valueDim);
  return {
    spec,
    dims,
    omega0,
    task,
    theta,
    frequencies: get<Float64Array>('input.frequencies', 'F64', (spec.inputChannels - 1) / 2),
    mean: get<Float64Array>('input.mean', 'F64', statCount),
    std,
    valueMean: get<Float64Array>('output.mean', 'F64', valueDim),
    valueStd,
    training: metadata.training ?? '{}',
    ...(edit ? { edit } : {}),
  };
}
