/**
 * A strict safetensors codec (the format of Hugging Face's `safetensors`):
 *   u64 little-endian header length n, n bytes of JSON header, then the tensors' raw little-endian bytes.
 *   header: { "<name>": { "dtype": "F32", "shape": [..], "data_offsets": [begin, end] }, ..., "__metadata__": {str: str} }
 * Offsets count from the first byte after the header; the tensors tile that buffer exactly (no gaps, no overlap), as
 * the reference implementation requires. Decoding checks every one of these rules and the size limit before it
 * allocates, and throws a SafetensorsError that names what is wrong. Typed arrays are read as little-endian (every
 * platform a browser or Node runs on).
 */
export type Dtype = 'F32' | 'F64' | 'I32' | 'I64' | 'U32' | 'U8';
export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint32Array | Uint8Array;

export interface Tensor {
  dtype: Dtype;
  shape: number[];
  data: TensorData;
}

export interface SafetensorsContents {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

/** The largest file (header-declared) any importer accepts. */
export const MAX_SAFETENSORS_BYTES = 512 * 2 ** 20;
/** The largest JSON header accepted (the reference implementation's own limit). */
const MAX_HEADER_BYTES = 100_000_000;

const DTYPES: Record<Dtype, { bytes: number; make: (b: ArrayBuffer) => TensorData }> = {
  F32: { bytes: 4, make: (b) => new Float32Array(b) },
  F64: { bytes: 8, make: (b) => new Float64Array(b) },
  I32: { bytes: 4, make: (b) => new Int32Array(b) },
  I64: { bytes: 8, make: (b) => new BigInt64Array(b) },
  U32: { bytes: 4, make: (b) => new Uint32Array(b) },
  U8: { bytes: 1, make: (b) => new Uint8Array(b) },
};
/** dtypes of the format that this project does not read (named in the message, so a user knows to convert) */
const OTHER_DTYPES = new Set(['BOOL', 'I8', 'I16', 'U16', 'U64', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2']);

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

const fail = (message: string): never => {
  throw new SafetensorsError(message);
};

const elements = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

/** Encodes tensors (written in the order given) and string metadata. */
export function encodeSafetensors(
  tensors: Record<string, Tensor> | Map<string, Tensor>,
  metadata: Record<string, string> = {},
): Uint8Array<ArrayBuffer> {
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__') fail('"__metadata__" is not a tensor name');
    if (elements(t.shape) !== t.data.length)
      fail(`tensor "${name}": shape [${t.shape.join(', ')}] does not match its ${t.data.length} values`);
    const end = offset + t.data.byteLength;
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // pad the header with spaces so the data starts 8-byte aligned (as the reference writer does)
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.fill(0x20, 8, 8 + padded);
  out.set(json, 8);
  let at = 8 + padded;
  for (const [, t] of entries) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Decodes and validates a safetensors file; the returned arrays are copies (aligned, independent of `bytes`). */
export function decodeSafetensors(bytes: Uint8Array, maxBytes = MAX_SAFETENSORS_BYTES): SafetensorsContents {
  if (bytes.length < 8) fail(`not a safetensors file: ${bytes.length} bytes, shorter than its 8-byte header length`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(Math.min(MAX_HEADER_BYTES, maxBytes)))
    fail(`not a safetensors file, or an oversized one: its header claims ${declared} bytes`);
  const n = Number(declared);
  if (8 + n > bytes.length)
    fail(`truncated file: the header needs ${n} bytes, the file has ${bytes.length - 8} after the length`);
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
    if (!text.startsWith('{')) fail('corrupt header: it is not a JSON object');
    header = JSON.parse(text);
  } catch (err) {
    if (err instanceof SafetensorsError) throw err;
    fail('corrupt header: it is not valid UTF-8 JSON');
  }
  if (!isRecord(header)) fail('corrupt header: it is not a JSON object');
  const h = header as Record<string, unknown>;
  const metadata: Record<string, string> = {};
  const meta = Object.hasOwn(h, '__metadata__') ? h.__metadata__ : {};
  if (!isRecord(meta)) fail('corrupt header: "__metadata__" is not an object of strings');
  for (const [k, v] of Object.entries(meta as Record<string, unknown>)) {
    if (typeof v !== 'string') fail(`corrupt header: metadata "${k}" is not a string`);
    Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true });
  }

  const dataStart = 8 + n;
  const dataBytes = bytes.length - dataStart;
  const specs: { name: string; dtype: Dtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(h)) {
    if (name === '__metadata__') continue;
    if (!isRecord(raw)) fail(`corrupt header: tensor "${name}" is not an object`);
    const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
    if (typeof dtype !== 'string') fail(`corrupt header: tensor "${name}" has no dtype`);
    if (!Object.hasOwn(DTYPES, dtype as string)) {
      fail(
        OTHER_DTYPES.has(dtype as string)
          ? `tensor "${name}" is ${dtype as string}; this importer reads F32, F64, I32, I64, U32 and U8 (convert it, e.g. tensor.float())`
          : `corrupt header: tensor "${name}" has an unknown dtype`,
      );
    }
    if (!Array.isArray(shape) || !shape.every(isCount)) fail(`corrupt header: tensor "${name}" has a bad shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
      fail(`corrupt header: tensor "${name}" has bad data_offsets`);
    const [begin, end] = offsets as number[];
    const d = dtype as Dtype;
    const count = (shape as number[]).reduce((p, s) => p * s, 1);
    if (!Number.isSafeInteger(count) || end < begin || end - begin !== count * DTYPES[d].bytes) {
      fail(
        `corrupt header: tensor "${name}" (${d} [${(shape as number[]).join(', ')}]) does not fit its ${end - begin} bytes`,
      );
    }
    specs.push({ name, dtype: d, shape: shape as number[], begin, end });
  }
  // the tensors must tile the data buffer exactly
  specs.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const s of specs) {
    if (s.begin !== expected)
      fail(`corrupt header: tensor "${s.name}" starts at byte ${s.begin}, expected ${expected} (gap or overlap)`);
    expected = s.end;
  }
  if (expected > maxBytes)
    fail(`file too large: its tensors declare ${expected} bytes, over the ${maxBytes / 2 ** 20} MB limit`);
  if (expected > dataBytes)
    fail(`truncated file: the tensors need ${expected} bytes of data, the file has ${dataBytes}`);
  if (expected < dataBytes) fail(`corrupt file: ${dataBytes - expected} bytes after the last tensor`);

  const tensors = new Map<string, Tensor>();
  for (const s of specs) {
    // a copy into a fresh buffer (not bytes.slice: on a Node Buffer that is a view of a shared pool)
    const copy = new Uint8Array(bytes.subarray(dataStart + s.begin, dataStart + s.end)).buffer;
    tensors.set(s.name, { dtype: s.dtype, shape: s.shape, data: DTYPES[s.dtype].make(copy) });
  }
  return { tensors, metadata };
}
