/**
 * An INR zoo: many fitted SIRENs with their labels, in the weight-space layout (docs/design.md §2), plus the recipe that
 * made them. Stored as one binary file ("WSZ1") — in IndexedDB by the app, on disk by the lab scripts.
 *   magic "WSZ1", u32 header length, header JSON (padded with spaces to 4 bytes), then little-endian arrays:
 *   params f32[count·P], labels i32[count], values f32[count·valueDim], split u8[count] (padded to 4),
 *   psnr f32[count], steps u32[count], source i32[count]
 */
import * as v from 'valibot';
import { mlpLayout } from '../weightspace/layout';
import type { ImageDataset } from './imageDatasets';
import { firstIssue, labelRange, ZooHeaderSchema } from './zooChecks';

/** INRs of the images of a dataset (classification), or of sines (regression). */
export type ZooTask = ImageDataset | 'sine';

export const SPLIT = { train: 0, val: 1, test: 2 } as const;
export type SplitName = keyof typeof SPLIT;

export interface ZooRecipe {
  task: ZooTask;
  /** INRs to make (an image task: a multiple of 10, the same number per class) */
  count: number;
  dims: number[];
  omega0: number;
  /** data and init seed */
  seed: number;
  /** every INR starts from one shared initialisation (else each has its own) */
  sharedInit: boolean;
  lr: number;
  maxSteps: number;
  /** stop a fit early at this PSNR (dB); null: always maxSteps */
  stopPsnr: number | null;
  /** fidelity gate: fits below this PSNR are refitted once with twice the steps, then dropped */
  minPsnr: number | null;
  /** fractions of train / val / test (by image: every view of an image lands in the same split) */
  splits: [number, number, number];
  /**
   * independent fits of every training image (an image task; each from its own init, or with a shared init the init of
   * seed + view); val and test keep one. Absent in older files: 1.
   */
  viewsPerImage?: number;
  /**
   * every INR (every view too) starts from this learned init (train/metaInit.ts), named and identified by the
   * checksum of its parameters; absent: the init `sharedInit` says
   */
  learnedInit?: { name: string; checksum: string };
}

export interface Zoo {
  name: string;
  recipe: ZooRecipe;
  createdAt: string;
  count: number;
  paramCount: number;
  /** `[count, P]` */
  params: Float32Array;
  /** class of each INR (mnist digit), -1 where the task is regression */
  labels: Int32Array;
  /** regression targets `[count, valueDim]` (sine: a, b); valueDim 0 for classification */
  valueDim: number;
  values: Float32Array;
  /** SPLIT value of each INR */
  split: Uint8Array;
  psnr: Float32Array;
  steps: Uint32Array;
  /** the image each INR fits (index in the MNIST file), -1 for synthetic targets */
  source: Int32Array;
  /** INRs dropped by the fidelity gate */
  rejected: number;
  /** wall time of the generation */
  wallMs: number;
  /** [i, n]: this zoo is shard i of n of its recipe (data/zooMerge.ts joins them); absent for a whole zoo */
  shard?: [number, number];
}

/** What a listing shows of a zoo (no arrays). */
export type ZooSummary = Pick<Zoo, 'name' | 'recipe' | 'createdAt' | 'count' | 'rejected' | 'wallMs'> & {
  meanPsnr: number;
};

export function summarizeZoo(zoo: Zoo): ZooSummary {
  const { name, recipe, createdAt, count, rejected, wallMs } = zoo;
  const meanPsnr = zoo.psnr.reduce((s, v) => s + v, 0) / Math.max(1, count);
  return { name, recipe, createdAt, count, rejected, wallMs, meanPsnr };
}

export function splitIndices(zoo: Zoo, split: SplitName): number[] {
  const out: number[] = [];
  zoo.split.forEach((s, i) => s === SPLIT[split] && out.push(i));
  return out;
}

/**
 * The view of every INR: 0 for the first fit of its image, v for its (v + 1)-th fit in index order. INRs without an
 * image (source −1) are all view 0.
 */
export function viewIndices(zoo: Pick<Zoo, 'source' | 'count'>): Uint16Array {
  const seen = new Map<number, number>();
  return Uint16Array.from(zoo.source.subarray(0, zoo.count), (src) => {
    if (src < 0) return 0;
    const v = seen.get(src) ?? 0;
    seen.set(src, v + 1);
    return v;
  });
}

const MAGIC = 'WSZ1';

/** Whether `bytes` start as the app's own zoo file (`.wsz`) does. */
export const isWszFile = (bytes: Uint8Array): boolean => new TextDecoder().decode(bytes.subarray(0, 4)) === MAGIC;
type Header = Omit<Zoo, 'params' | 'labels' | 'values' | 'split' | 'psnr' | 'steps' | 'source'>;

const pad4 = (n: number): number => (n + 3) & ~3;

export function serializeZoo(zoo: Zoo): ArrayBuffer {
  const { params, labels, values, split, psnr, steps, source, ...header } = zoo;
  let json = JSON.stringify(header satisfies Header);
  json += ' '.repeat(pad4(json.length) - json.length);
  const jsonBytes = new TextEncoder().encode(json);
  const headerBytes = pad4(jsonBytes.length);
  const n = zoo.count;
  const size = 8 + headerBytes + 4 * (params.length + n + values.length) + pad4(n) + 12 * n;
  const out = new ArrayBuffer(size);
  const bytes = new Uint8Array(out);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out).setUint32(4, headerBytes, true);
  bytes.fill(32, 8, 8 + headerBytes);
  bytes.set(jsonBytes, 8);
  let at = 8 + headerBytes;
  const put = (a: ArrayBufferView, byteLength: number): void => {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += byteLength;
  };
  put(params, 4 * params.length);
  put(labels, 4 * n);
  put(values, 4 * values.length);
  put(split, pad4(n));
  put(psnr, 4 * n);
  put(steps, 4 * n);
  put(source, 4 * n);
  return out;
}

/** Parses and validates a zoo file; throws an Error that says what is wrong. */
export function parseZoo(buffer: ArrayBuffer): Zoo {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a Weightscape zoo file (bad header)');
  const headerBytes = new DataView(buffer).getUint32(4, true);
  if (8 + headerBytes > bytes.length) throw new Error('zoo file is truncated (header)');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerBytes)));
  } catch {
    throw new Error('zoo file is corrupt (header is not JSON)');
  }
  const checked = v.safeParse(ZooHeaderSchema, json);
  if (!checked.success) throw new Error(`zoo file is corrupt (header ${firstIssue(checked.issues)})`);
  const header: Header = checked.output;
  const { count: n, paramCount: P, valueDim } = header;
  const dimsParams = mlpLayout(header.recipe.dims).paramCount;
  if (P !== dimsParams)
    throw new Error(
      `zoo file is corrupt (header: paramCount ${P}, but dims [${header.recipe.dims.join(', ')}] have ${dimsParams})`,
    );
  const expected = 8 + headerBytes + 4 * (n * P + n + n * valueDim) + pad4(n) + 12 * n;
  if (bytes.length !== expected)
    throw new Error(`zoo file is truncated or corrupt: ${bytes.length} bytes, expected ${expected}`);
  let at = 8 + headerBytes;
  const copy = <T>(make: (b: ArrayBuffer) => T, byteLength: number, taken = byteLength): T => {
    const part = buffer.slice(at, at + byteLength);
    at += taken;
    return make(part);
  };
  const params = copy((b) => new Float32Array(b), 4 * n * P);
  const labels = copy((b) => new Int32Array(b), 4 * n);
  const values = copy((b) => new Float32Array(b), 4 * n * valueDim);
  const split = copy((b) => new Uint8Array(b), n, pad4(n));
  const psnr = copy((b) => new Float32Array(b), 4 * n);
  const steps = copy((b) => new Uint32Array(b), 4 * n);
  const source = copy((b) => new Int32Array(b), 4 * n);
  if (!params.every(Number.isFinite)) throw new Error('zoo file is corrupt (non-finite weights)');
  if (!values.every(Number.isFinite)) throw new Error('zoo file is corrupt (non-finite regression targets)');
  if (split.some((s) => s > SPLIT.test)) throw new Error('zoo file is corrupt (bad split)');
  const [lo, hi] = labelRange(valueDim);
  const badLabel = labels.findIndex((l) => l < lo || l > hi);
  if (badLabel >= 0)
    throw new Error(`zoo file is corrupt (label ${labels[badLabel]} at ${badLabel}, outside ${lo}…${hi})`);
  if (source.some((s) => s < -1)) throw new Error('zoo file is corrupt (an image index below −1)');
  return { ...header, params, labels, values, split, psnr, steps, source };
}
