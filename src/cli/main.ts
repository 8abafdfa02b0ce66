/**
 * The headless CLI (`npm run ws -- <command>`): the app's zoo generator, trainer and kernels in Node through Dawn.
 * Human-readable results on stdout (or one JSON object with --json), progress on stderr, exit codes in cliErrors.ts.
 */
import { errorText } from '../data/errorText';
import { IMAGE_DATASETS } from '../data/imageDatasets';
import './webgpuGlobals';
import { parseArgs } from 'node:util';
import { GpuUnavailableError } from '../gpu/device';
import type { GpuRuntime } from '../gpu/runtime';
import { CliError, EXIT, usageError } from './cliErrors';
import { evalCommand } from './evalCommand';
import { mergeCommand } from './mergeCommand';
import { metainitCommand } from './metainitCommand';
import { DEFAULT_META_INIT } from '../train/metaInit';
import { hasInvariantHead, WS_MODEL_KINDS } from '../models/wsModel';
import { CURVE_READERS, DEFAULT_CURVE, type CurveReader } from '../train/curvePlan';
import { curveCommand } from './curveCommand';
import { recommendedRecipe } from '../train/wsTrainConfig';
import { nodeGpu } from './nodeGpu';
import { renderCommand } from './renderCommand';
import { trainCommand } from './trainCommand';
import { editTrainCommand } from './editCommands';
import { IMAGE_EDITS, type ImageEdit } from '../data/imageEdits';
import { DEFAULT_EDIT_TRAIN, EDIT_MODEL_KINDS } from '../train/editTrainer';
import { parseShard, zooCommand } from './zooCommand';

const USAGE = `usage: npm run ws -- <command> [flags]
  metainit [--dataset mnist|fmnist] [--outer 100] [--inner 10] [--meta-batch 32] [--inner-lr 2e-3] [--seed 0] [--curve-images 200 (0: no curves)] --out init.safetensors
  zoo    --count 100 [--seed S] [--shared-init | --init init.safetensors] [--lr X] [--steps N] [--stop-psnr dB|off (40)] [--min-psnr dB|off (image tasks: 35, sine: off)] [--views K] [--task mnist|fmnist|sine] [--shard i/n] [--batch B] --out zoo.safetensors
  train  --zoo train.safetensors --model ${WS_MODEL_KINDS.join('|')} [--epochs N] [--seed S] [--lr X] [--weight-decay X] [--channels C] [--depth D] [--probes K] [--head-probes K (dws, nfn)] [--fourier F] [--canonical] [--normalisation tensor|weight] [--batch B] --out model.safetensors
         (each model's recommended recipe unless a flag says otherwise)
  train  --task dilate|erode|invert --zoo train.safetensors --model dws|nfn|mlp [--epochs 60] [--seed S] [--lr 5e-3] [--channels 8] [--depth 2] [--batch 16] --out edit.safetensors
         (an editing model: weights in, weights out; the default --task classify trains a reader)
  curve  --zoo zoo.safetensors [--readers dws,probe,pixels] [--sizes 100,300,1000,3000] [--seeds 0,1] [--epochs 40 (every run: the steps of this many epochs of the whole split)] [--csv curve.csv]
         readers: ${CURVE_READERS.join(', ')}; sizes above the training split become the whole split
  eval   --model model.safetensors --zoo test.safetensors [--split all|train|val|test] [--seed S]
         (an editing model: mse of the edited renders against the edit of the INRs' own, and mseNoEdit)
  render --zoo zoo.safetensors --index I [--size 28] [--model edit.safetensors: the INR as it edits it] --out inr.png
  merge  shard0.safetensors shard1.safetensors ... --out zoo.safetensors
every command: --json (one JSON object on stdout). Exit codes: 0 ok, 1 failed, 2 usage, 3 bad input file, 4 no GPU.`;

type Flag = { type: 'string' | 'boolean'; default?: string | boolean };
const FLAGS: Record<string, Record<string, Flag>> = {
  metainit: {
    dataset: { type: 'string', default: 'mnist' },
    outer: { type: 'string', default: String(DEFAULT_META_INIT.outerSteps) },
    inner: { type: 'string', default: String(DEFAULT_META_INIT.innerSteps) },
    'meta-batch': { type: 'string', default: String(DEFAULT_META_INIT.metaBatch) },
    'inner-lr': { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_META_INIT.seed) },
    'curve-images': { type: 'string', default: '200' },
    out: { type: 'string' },
  },
  zoo: {
    count: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    'shared-init': { type: 'boolean', default: false },
    init: { type: 'string' },
    lr: { type: 'string' },
    steps: { type: 'string', default: '1000' },
    'stop-psnr': { type: 'string' },
    'min-psnr': { type: 'string' },
    views: { type: 'string', default: '1' },
    task: { type: 'string', default: 'mnist' },
    shard: { type: 'string' },
    batch: { type: 'string', default: '256' },
    out: { type: 'string' },
  },
  train: {
    zoo: { type: 'string' },
    model: { type: 'string', default: 'dws' },
    epochs: { type: 'string' },
    seed: { type: 'string', default: '0' },
    lr: { type: 'string' },
    channels: { type: 'string' },
    depth: { type: 'string' },
    probes: { type: 'string' },
    'head-probes': { type: 'string' },
    fourier: { type: 'string' },
    canonical: { type: 'boolean' },
    normalisation: { type: 'string' },
    task: { type: 'string', default: 'classify' },
    'weight-decay': { type: 'string' },
    batch: { type: 'string' },
    out: { type: 'string' },
  },
  curve: {
    zoo: { type: 'string' },
    readers: { type: 'string', default: DEFAULT_CURVE.readers.join(',') },
    sizes: { type: 'string', default: DEFAULT_CURVE.sizes.join(',') },
    seeds: { type: 'string', default: DEFAULT_CURVE.seeds.join(',') },
    epochs: { type: 'string', default: String(DEFAULT_CURVE.epochs) },
    csv: { type: 'string' },
  },
  eval: {
    model: { type: 'string' },
    zoo: { type: 'string' },
    split: { type: 'string', default: 'all' },
    seed: { type: 'string', default: '12345' },
  },
  render: {
    zoo: { type: 'string' },
    index: { type: 'string', default: '0' },
    size: { type: 'string', default: '28' },
    model: { type: 'string' },
    out: { type: 'string' },
  },
  merge: { out: { type: 'string' } },
};

function int(values: Record<string, unknown>, name: string, min: number, max: number): number {
  const text = String(values[name]);
  const v = Number(text);
  if (!/^-?\d+$/.test(text) || v < min || v > max)
    throw usageError(`--${name} ${text}: expected an integer in ${min}…${max}`);
  return v;
}

/** An integer flag, or `fallback` (the recipe's) when it is left out. */
function given(values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  return values[name] === undefined ? fallback : int(values, name, min, max);
}

/** The flags every `train` shares (readers and editing models), each left out taking the recipe's value. */
function trainFlags(
  v: Record<string, unknown>,
  recipe: { epochs: number; lr: number; weightDecay: number; channels: number; batchSize: number },
) {
  const weightDecay = v['weight-decay'] === undefined ? recipe.weightDecay : Number(v['weight-decay']);
  if (!(weightDecay >= 0 && weightDecay < 10))
    throw usageError(`--weight-decay ${String(v['weight-decay'])}: expected a number in [0, 10)`);
  return {
    zoo: required(v, 'zoo'),
    epochs: given(v, 'epochs', recipe.epochs, 1, 10_000),
    seed: int(v, 'seed', 0, 2 ** 31 - 1),
    lr: rate(v, 'lr', recipe.lr),
    weightDecay,
    channels: given(v, 'channels', recipe.channels, 1, 256),
    batch: given(v, 'batch', recipe.batchSize, 1, 4096),
    out: required(v, 'out'),
  };
}

/** A step size in (0, 1), or `fallback` (the recipe's) when the flag is left out. */
function rate(v: Record<string, unknown>, name: string, fallback: number): number {
  const lr = v[name] === undefined ? fallback : Number(v[name]);
  if (!(lr > 0 && lr < 1)) throw usageError(`--${name} ${String(v[name])}: expected a number in (0, 1)`);
  return lr;
}

/** A PSNR in dB, or "off" (the fidelity gate, the early stop). */
function psnrOrOff(text: string, flag: string): number | null {
  if (text === 'off') return null;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw usageError(`--${flag} ${text}: expected a PSNR in dB or "off"`);
  return v;
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw usageError(`--${name} is required`);
  return v;
}

function oneOf<T extends string>(values: Record<string, unknown>, name: string, options: readonly T[]): T {
  const v = String(values[name]);
  if (!options.includes(v as T)) throw usageError(`--${name} ${v}: expected one of ${options.join(', ')}`);
  return v as T;
}

async function run(argv: string[]): Promise<{ result: Record<string, unknown>; json: boolean }> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') throw usageError(USAGE);
  const flags = FLAGS[command];
  if (!flags) throw usageError(`unknown command "${command}"\n${USAGE}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...flags, json: { type: 'boolean', default: false } },
      allowPositionals: command === 'merge',
      strict: true,
    });
  } catch (err) {
    throw usageError(`${(err as Error).message}\n${USAGE}`);
  }
  const v = parsed.values as Record<string, unknown>;
  const json = Boolean(v.json);
  // the arguments are checked before the GPU starts: a typo fails at once
  let task: (gpu: GpuRuntime) => Promise<Record<string, unknown>>;
  if (command === 'zoo') {
    const a = {
      task: oneOf(v, 'task', [...IMAGE_DATASETS, 'sine'] as const),
      count: int(v, 'count', 1, 1_000_000),
      seed: int(v, 'seed', 0, 2 ** 31 - 1),
      sharedInit: Boolean(v['shared-init']),
      steps: int(v, 'steps', 1, 100_000),
      minPsnr: v['min-psnr'] === undefined ? undefined : psnrOrOff(String(v['min-psnr']), 'min-psnr'),
      stopPsnr: v['stop-psnr'] === undefined ? undefined : psnrOrOff(String(v['stop-psnr']), 'stop-psnr'),
      init: v.init === undefined ? undefined : String(v.init),
      lr: v.lr === undefined ? undefined : rate(v, 'lr', 0),
      views: int(v, 'views', 1, 64),
      shard: v.shard === undefined ? undefined : parseShard(String(v.shard)),
      batch: int(v, 'batch', 1, 65_536),
      out: required(v, 'out'),
    };
    if (a.init !== undefined && a.sharedInit) throw usageError('--init and --shared-init: pick one');
    if (a.init !== undefined && a.task === 'sine') throw usageError('--init: a learned init is for an image zoo');
    task = (gpu) => zooCommand(gpu, a);
  } else if (command === 'metainit') {
    const a = {
      dataset: oneOf(v, 'dataset', IMAGE_DATASETS),
      outer: int(v, 'outer', 1, 100_000),
      inner: int(v, 'inner', 1, 10_000),
      metaBatch: int(v, 'meta-batch', 1, 4096),
      innerLr: rate(v, 'inner-lr', DEFAULT_META_INIT.innerLr),
      seed: int(v, 'seed', 0, 2 ** 31 - 1),
      curveImages: int(v, 'curve-images', 0, 3000),
      out: required(v, 'out'),
    };
    if (a.curveImages % 10 !== 0) throw usageError(`--curve-images ${a.curveImages}: expected a multiple of 10`);
    task = (gpu) => metainitCommand(gpu, a);
  } else if (command === 'train' && v.task !== 'classify') {
    const edit = oneOf(v, 'task', ['classify', ...IMAGE_EDITS] as const) as ImageEdit;
    const model = oneOf(v, 'model', EDIT_MODEL_KINDS);
    const d = DEFAULT_EDIT_TRAIN;
    const a = {
      ...trainFlags(v, d),
      edit,
      model,
      depth: given(v, 'depth', d.depth, model === 'mlp' ? 1 : 0, 8),
    };
    task = (gpu) => editTrainCommand(gpu, a);
  } else if (command === 'train') {
    const model = oneOf(v, 'model', WS_MODEL_KINDS);
    // every flag left out takes the model's recommended recipe (wsTrainConfig.ts)
    const recipe = recommendedRecipe(model);
    const a = {
      ...trainFlags(v, recipe),
      model,
      depth: given(v, 'depth', recipe.depth, model === 'probe' ? 0 : 1, 8),
      probes: given(v, 'probes', recipe.probes, 1, 1024),
      headProbes: given(v, 'head-probes', recipe.headProbes, 0, 1024),
      fourier: given(v, 'fourier', recipe.fourier, 0, 64),
      canonical: v.canonical === undefined ? recipe.canonical : v.canonical === true,
      normalisation:
        v.normalisation === undefined ? recipe.normalisation : oneOf(v, 'normalisation', ['tensor', 'weight'] as const),
    };
    if (a.headProbes > 0 && !hasInvariantHead(model))
      throw usageError(`--head-probes: only a DWS or NFN reads probe features beside its pools`);
    if (a.normalisation === 'weight' && model !== 'mlp')
      throw usageError(`--normalisation weight: only the flattened MLP (per-weight statistics break invariance)`);
    task = (gpu) => trainCommand(gpu, a);
  } else if (command === 'curve') {
    const list = (name: string): string[] =>
      String(v[name])
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const ints = (name: string, min: number, max: number): number[] =>
      list(name).map((s) => int({ [name]: s }, name, min, max));
    const readers = list('readers');
    const unknown = readers.filter((r) => !(CURVE_READERS as readonly string[]).includes(r));
    if (unknown.length > 0 || readers.length === 0)
      throw usageError(`--readers ${String(v.readers)}: expected some of ${CURVE_READERS.join(', ')}`);
    const a = {
      zoo: required(v, 'zoo'),
      readers: readers as CurveReader[],
      sizes: ints('sizes', 1, 1_000_000),
      seeds: ints('seeds', 0, 2 ** 31 - 1),
      epochs: int(v, 'epochs', 1, 10_000),
      csv: typeof v.csv === 'string' ? v.csv : undefined,
    };
    if (a.sizes.length === 0 || a.seeds.length === 0) throw usageError('--sizes and --seeds: at least one each');
    task = (gpu) => curveCommand(gpu, a);
  } else if (command === 'eval') {
    const a = {
      model: required(v, 'model'),
      zoo: required(v, 'zoo'),
      split: oneOf(v, 'split', ['all', 'train', 'val', 'test'] as const),
      seed: int(v, 'seed', 0, 2 ** 31 - 1),
    };
    task = (gpu) => evalCommand(gpu, a);
  } else if (command === 'render') {
    const a = {
      zoo: required(v, 'zoo'),
      index: int(v, 'index', 0, 2 ** 31 - 1),
      size: int(v, 'size', 1, 4096),
      model: typeof v.model === 'string' ? v.model : undefined,
      out: required(v, 'out'),
    };
    task = (gpu) => renderCommand(gpu, a);
  } else {
    const out = required(v, 'out');
    return { result: mergeCommand(parsed.positionals, out), json };
  }
  let gpu: GpuRuntime;
  try {
    gpu = await nodeGpu();
  } catch (err) {
    if (err instanceof GpuUnavailableError) {
      throw new CliError(
        `${err.message}\nIn Node the GPU comes from the \`webgpu\` package (Dawn) over Vulkan: on a GPU machine install its Vulkan driver; without a GPU install Debian's chromium (its SwiftShader driver is used).`,
        EXIT.noGpu,
      );
    }
    throw err;
  }
  return { result: await task(gpu), json };
}

function show(result: Record<string, unknown>): string {
  return Object.entries(result)
    .filter(([k]) => k !== 'predictions')
    .map(([k, x]) => `${k}: ${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
    .join('\n');
}

const wantsJson = process.argv.includes('--json');
try {
  const { result, json } = await run(process.argv.slice(2));
  console.log(json ? JSON.stringify(result) : show(result));
  process.exit(EXIT.ok);
} catch (err) {
  const code = err instanceof CliError ? err.exitCode : EXIT.failed;
  const message = errorText(err);
  if (wantsJson) console.log(JSON.stringify({ error: message, exitCode: code }));
  console.error(`ws: ${message}`);
  process.exit(code);
}
