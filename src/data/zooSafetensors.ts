/**
 * Zoos and single INRs as safetensors files, for PyTorch and for other tools' zoos.
 * Zoo: `seq.{k}.weight` F32 [N, out, in], `seq.{k}.bias` F32 [N, out], `labels` I32 [N] (I64 read too), `split` U8 [N]
 * (0 train, 1 val, 2 test), `psnr` F32 [N], `steps` I32 [N], `source` I32 [N] (MNIST index, −1 none), `values`
 * F32 [N, d] for regression zoos; metadata `format`, `dims` (JSON), `omega0`, `output_offset` ("0.5": a render is
 * f(x) + 0.5), `recipe` (JSON), the zoo's name, date, rejected count and wall time, and `shard` ("i/n") for a shard.
 * Another tool's zoo needs only `seq.*` and `labels`: the dims are read from the weights' shapes (metadata `dims`, JSON
 * or a comma list, must agree), ω0 defaults to 30 with a notice, and without `split` it is all train.
 * INR: the same `seq.*` tensors without the batch axis.
 */
import { OUTPUT_OFFSET } from '../models/siren';
import { mlpLayout } from '../weightspace/layout';
import { dimsFromTensors, inrTensors, paramsFromTensors } from './inrTensors';
import { fail, metadataDims, metadataJson } from './metadataFields';
import { labelRange, ZooRecipeSchema } from './zooChecks';
import { decodeSafetensors, encodeSafetensors, type SafetensorsContents, type Tensor } from './safetensors';
import { isWszFile, parseZoo, SPLIT, type Zoo, type ZooRecipe } from './zoo';

export const ZOO_FORMAT = 'weightscape-zoo';
export const INR_FORMAT = 'weightscape-inr';

/** ω0 of a file that does not say: SIREN's and DWSNets' value. */
export const DEFAULT_OMEGA0 = 30;

/**
 * The SIREN of a file: dims from the weights' shapes (metadata "dims", JSON or a comma list, must agree with them),
 * ω0 from the metadata or DEFAULT_OMEGA0, and the output offset this project renders with. What was not in the
 * metadata is said in `notices`, for the page and the CLI to show.
 */
function sirenOf(c: SafetensorsContents, batched: boolean, notices: string[]): { dims: number[]; omega0: number } {
  const { metadata } = c;
  const dims = dimsFromTensors(c.tensors, batched);
  if (metadata.dims === undefined)
    notices.push(`no "dims" in the file's metadata: [${dims.join(', ')}], from the weights' shapes`);
  else if (metadataDims(metadata.dims).join() !== dims.join())
    fail(`metadata "dims" is ${metadata.dims}, but the weights' shapes give [${dims.join(', ')}]`);
  let omega0 = DEFAULT_OMEGA0;
  if (metadata.omega0 === undefined)
    notices.push(`no "omega0" in the file's metadata: read as ω0 = ${DEFAULT_OMEGA0}, SIREN's and DWSNets' value`);
  else {
    omega0 = Number(metadata.omega0);
    if (metadata.omega0.trim() === '' || !Number.isFinite(omega0) || omega0 <= 0)
      fail(`metadata "omega0" is "${metadata.omega0}", not a positive number`);
  }
  if (metadata.output_offset !== undefined && Number(metadata.output_offset) !== OUTPUT_OFFSET) {
    fail(`metadata "output_offset" is ${metadata.output_offset}; this project renders f(x) + ${OUTPUT_OFFSET}`);
  }
  return { dims, omega0 };
}

function sirenMetadata(format: string, dims: readonly number[], omega0: number): Record<string, string> {
  return { format, dims: JSON.stringify(dims), omega0: String(omega0), output_offset: String(OUTPUT_OFFSET) };
}

export function zooToSafetensors(zoo: Zoo): Uint8Array<ArrayBuffer> {
  const n = zoo.count;
  const tensors: Record<string, Tensor> = {
    ...inrTensors(zoo.recipe.dims, zoo.params, n),
    labels: { dtype: 'I32', shape: [n], data: zoo.labels },
    split: { dtype: 'U8', shape: [n], data: zoo.split },
    psnr: { dtype: 'F32', shape: [n], data: zoo.psnr },
    steps: { dtype: 'I32', shape: [n], data: new Int32Array(zoo.steps.buffer, zoo.steps.byteOffset, n) }, // I32: PyTorch has no uint32
    source: { dtype: 'I32', shape: [n], data: zoo.source },
  };
  if (zoo.valueDim > 0) tensors.values = { dtype: 'F32', shape: [n, zoo.valueDim], data: zoo.values };
  return encodeSafetensors(tensors, {
    ...sirenMetadata(ZOO_FORMAT, zoo.recipe.dims, zoo.recipe.omega0),
    recipe: JSON.stringify(zoo.recipe),
    name: zoo.name,
    created_at: zoo.createdAt,
    rejected: String(zoo.rejected),
    wall_ms: String(zoo.wallMs),
    ...(zoo.shard ? { shard: zoo.shard.join('/') } : {}),
  });
}

/** A per-INR tensor `[n]` (or `[n, width]`) of one of `dtypes`, or null when absent and optional. */
function column(
  c: SafetensorsContents,
  name: string,
  n: number,
  dtypes: readonly Tensor['dtype'][],
  width = 0,
): Tensor['data'] | null {
  const t = c.tensors.get(name);
  if (!t) return null;
  if (!dtypes.includes(t.dtype)) fail(`tensor "${name}" is ${t.dtype}, expected ${dtypes.join(' or ')}`);
  const shape = width > 0 ? [n, width] : [n];
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))
    fail(`tensor "${name}" has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
  return t.data;
}

/** Integers of an I32/I64/U8/U32 tensor as Int32Array, each checked to lie in [lo, hi]. */
function integers(data: Tensor['data'], name: string, lo: number, hi: number): Int32Array {
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const x = Number(data[i]);
    if (!Number.isInteger(x) || x < lo || x > hi)
      fail(`tensor "${name}" has value ${String(data[i])} at ${i}, outside ${lo}…${hi}`);
    out[i] = x;
  }
  return out;
}

/** `notices`: what the file did not say and was assumed (sirenOf), one line each. */
export function zooFromSafetensors(bytes: Uint8Array, fileName = 'imported zoo', notices: string[] = []): Zoo {
  const c = decodeSafetensors(bytes);
  const m = c.metadata;
  if (m.format === INR_FORMAT) fail('this is a single-INR file, not a zoo');
  const first = c.tensors.get('seq.0.weight') ?? fail('missing tensor "seq.0.weight": not a zoo of SIRENs');
  if (first.shape.length !== 3)
    fail(`tensor "seq.0.weight" has shape [${first.shape.join(', ')}]; a zoo's weights are [N, out, in]`);
  const { dims, omega0 } = sirenOf(c, true, notices);
  const n = first.shape[0];
  const params = paramsFromTensors(c.tensors, dims, n);
  const values = column(c, 'values', n, ['F32'], c.tensors.get('values')?.shape[1] ?? 0) as Float32Array | null;
  const valueDim = values ? values.length / Math.max(1, n) : 0;
  const labelData = column(c, 'labels', n, ['I32', 'I64']) ?? fail('missing tensor "labels" ([N] int32 or int64)');
  const labels = integers(labelData, 'labels', ...labelRange(valueDim));
  const splitData = column(c, 'split', n, ['U8', 'I32', 'I64']);
  const split = splitData
    ? Uint8Array.from(integers(splitData, 'split', SPLIT.train, SPLIT.test))
    : new Uint8Array(n).fill(SPLIT.train);
  const psnr = (column(c, 'psnr', n, ['F32']) as Float32Array | null) ?? new Float32Array(n).fill(NaN);
  const stepData = column(c, 'steps', n, ['I32', 'U32']);
  const steps = stepData ? Uint32Array.from(integers(stepData, 'steps', 0, 2 ** 31 - 1)) : new Uint32Array(n);
  const sourceData = column(c, 'source', n, ['I32', 'I64']);
  const source = sourceData ? integers(sourceData, 'source', -1, 2 ** 31 - 1) : new Int32Array(n).fill(-1);
  const recipe: ZooRecipe =
    m.recipe !== undefined
      ? metadataJson(m.recipe, ZooRecipeSchema, 'recipe')
      : {
          task: valueDim > 0 ? 'sine' : 'mnist',
          count: n,
          dims,
          omega0,
          seed: 0,
          sharedInit: false,
          lr: 0,
          maxSteps: 0,
          stopPsnr: null,
          minPsnr: null,
          splits: [1, 0, 0],
        };
  if (recipe.dims.join() !== dims.join() || recipe.omega0 !== omega0)
    fail('metadata "recipe" disagrees with "dims" / "omega0"');
  const shard = m.shard === undefined ? undefined : parseShard(m.shard);
  const numberOr = (text: string | undefined, fallback: number): number =>
    text !== undefined && Number.isFinite(Number(text)) ? Number(text) : fallback;
  return {
    name: m.name ?? fileName,
    recipe,
    createdAt: m.created_at ?? new Date(0).toISOString(),
    count: n,
    paramCount: mlpLayout(dims).paramCount,
    params,
    labels,
    valueDim,
    values: values ?? new Float32Array(0),
    split,
    psnr,
    steps,
    source,
    rejected: numberOr(m.rejected, 0),
    wallMs: numberOr(m.wall_ms, 0),
    ...(shard ? { shard } : {}),
  };
}

function parseShard(text: string): [number, number] {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  const [i, n] = match ? [Number(match[1]), Number(match[2])] : [-1, 0];
  return i >= 0 && i < n ? [i, n] : fail(`metadata "shard" is "${text}", expected "i/n" with 0 ≤ i < n`);
}

export interface InrRecord {
  name: string;
  dims: readonly number[];
  omega0: number;
  params: Float32Array;
  /** the Adam step size fits from it take: a learned init's meta-training inner step size (absent: the usual) */
  fitLr?: number;
}

/** The inner step size a learned init's recorded recipe (metadata `meta_init`) names, if it names a valid one. */
function fitLrOf(metaInit: string | undefined): number | undefined {
  if (metaInit === undefined) return undefined;
  try {
    const lr = (JSON.parse(metaInit) as { innerLr?: unknown }).innerLr;
    return typeof lr === 'number' && lr > 0 && lr < 1 ? lr : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A zoo file of either format: the app's own `.wsz`, or safetensors (this project's or another tool's; `notices`:
 * what it did not say and was assumed).
 */
export function zooFromFile(bytes: Uint8Array, fileName: string, notices: string[] = []): Zoo {
  return isWszFile(bytes) ? parseZoo(bytes.slice().buffer) : zooFromSafetensors(bytes, fileName, notices);
}

/** `extra`: further metadata (a learned init's recipe, say), kept as it is */
export function inrToSafetensors(inr: InrRecord, extra: Record<string, string> = {}): Uint8Array<ArrayBuffer> {
  return encodeSafetensors(inrTensors(inr.dims, inr.params, 1, false), {
    ...extra,
    ...sirenMetadata(INR_FORMAT, inr.dims, inr.omega0),
    name: inr.name,
  });
}

/** `notices`: what the file did not say and was assumed (sirenOf), one line each. */
export function inrFromSafetensors(bytes: Uint8Array, fileName = 'imported INR', notices: string[] = []): InrRecord {
  const c = decodeSafetensors(bytes);
  if (c.metadata.format === ZOO_FORMAT) fail('this is a zoo file, not a single INR (pick an INR of it instead)');
  const { dims, omega0 } = sirenOf(c, false, notices);
  const fitLr = fitLrOf(c.metadata.meta_init);
  return {
    name: c.metadata.name ?? fileName,
    dims,
    omega0,
    params: paramsFromTensors(c.tensors, dims, 1, false),
    ...(fitLr === undefined ? {} : { fitLr }),
  };
}
