import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError, type Tensor } from './safetensors';

/** A file assembled by hand from the format's definition (not by encodeSafetensors). */
function handMade(header: string | Uint8Array, data: number[], declared?: number): Uint8Array {
  const h = typeof header === 'string' ? new TextEncoder().encode(header) : header;
  const bytes = new Uint8Array(8 + h.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(declared ?? h.length), true);
  bytes.set(h, 8);
  bytes.set(data, 8 + h.length);
  return bytes;
}

const bitsOf = (t: Tensor): number[] => Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));

describe('safetensors codec', () => {
  it('reads a file assembled by hand: F32 1.0 and −2.5, I64 7, metadata', () => {
    const f32 = [0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]; // 1.0, −2.5 little-endian
    const i64 = [7, 0, 0, 0, 0, 0, 0, 0];
    const header =
      '{"__metadata__":{"k":"v"},"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]}}';
    const { tensors, metadata } = decodeSafetensors(handMade(header, [...f32, ...i64]));
    expect(metadata).toEqual({ k: 'v' });
    expect(tensors.get('a')).toEqual({ dtype: 'F32', shape: [2, 1], data: Float32Array.of(1, -2.5) });
    expect(tensors.get('b')!.data).toEqual(BigInt64Array.of(7n));
  });

  it('writes what the format defines: u64 header length, JSON header padded to 8 with spaces, raw bytes in order', () => {
    const bytes = encodeSafetensors({ x: { dtype: 'U8', shape: [3], data: Uint8Array.of(1, 2, 3) } }, { a: 'b' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({ __metadata__: { a: 'b' }, x: { dtype: 'U8', shape: [3], data_offsets: [0, 3] } });
    expect(Array.from(bytes.subarray(8 + n))).toEqual([1, 2, 3]);
  });

  it('round-trips every dtype bit for bit (NaN payloads, −0, extremes)', () => {
    const nanBits = new Float32Array(new Uint32Array([0x7fc00001, 0xffc12345]).buffer);
    const tensors: Record<string, Tensor> = {
      f32: { dtype: 'F32', shape: [2, 3], data: Float32Array.of(-0, 3.4e38, 1e-45, Math.PI, nanBits[0], nanBits[1]) },
      f64: { dtype: 'F64', shape: [2], data: Float64Array.of(Number.MIN_VALUE, -Math.E) },
      i32: { dtype: 'I32', shape: [3], data: Int32Array.of(-(2 ** 31), 0, 2 ** 31 - 1) },
      i64: { dtype: 'I64', shape: [2], data: BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n) },
      u32: { dtype: 'U32', shape: [1], data: Uint32Array.of(2 ** 32 - 1) },
      u8: { dtype: 'U8', shape: [0], data: new Uint8Array(0) },
    };
    const back = decodeSafetensors(encodeSafetensors(tensors)).tensors;
    for (const [name, t] of Object.entries(tensors)) {
      expect(back.get(name)!.dtype).toBe(t.dtype);
      expect(back.get(name)!.shape).toEqual(t.shape);
      expect(bitsOf(back.get(name)!)).toEqual(bitsOf(t));
    }
  });

  const ok = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
  it.each([
    ['fewer than 8 bytes', new Uint8Array(5), /shorter than/],
    ['a header longer than the file', handMade(ok, [0, 0, 0, 0], 1000), /truncated file: the header/],
    ['a header length of 2^60', handMade(ok, [0, 0, 0, 0], 2 ** 60), /oversized/],
    ['a header that is not JSON', handMade('{"a":', []), /not valid UTF-8 JSON/],
    ['a header that is an array', handMade('[1,2]', []), /not a JSON object/],
    ['invalid UTF-8', handMade(Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d), []), /not valid UTF-8 JSON/],
    [
      'an unknown dtype',
      handMade('{"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /unknown dtype/,
    ],
    [
      'a dtype this project does not read',
      handMade('{"a":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /is BF16; this importer reads/,
    ],
    [
      'a negative dimension',
      handMade('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /bad shape/,
    ],
    [
      'a shape that does not fit its bytes',
      handMade('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /does not fit its 4 bytes/,
    ],
    ['missing data', handMade(ok, [0, 0]), /truncated file: the tensors need 4 bytes/],
    ['bytes after the last tensor', handMade(ok, [0, 0, 0, 0, 9]), /1 bytes after the last tensor/],
    [
      'overlapping tensors',
      handMade(
        '{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}',
        [1, 2, 3],
      ),
      /gap or overlap/,
    ],
    [
      'a gap between tensors',
      handMade('{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}', [1, 2]),
      /starts at byte 1, expected 0/,
    ],
    ['metadata that is not strings', handMade('{"__metadata__":{"a":1}}', []), /metadata "a" is not a string/],
    [
      'tensors declaring more than the limit',
      handMade('{"a":{"dtype":"F64","shape":[100000000],"data_offsets":[0,800000000]}}', []),
      /over the 512 MB limit/,
    ],
  ])('rejects %s with a message', (_, bytes, message) => {
    expect(() => decodeSafetensors(bytes)).toThrow(SafetensorsError);
    expect(() => decodeSafetensors(bytes)).toThrow(message);
  });

  it('keeps "__proto__" a plain metadata key', () => {
    const { metadata } = decodeSafetensors(handMade('{"__metadata__":{"__proto__":"x","b":"y"}}', []));
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(metadata.__proto__ === 'x' || Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value === 'x').toBe(
      true,
    );
    expect(metadata.b).toBe('y');
  });
});

describe('safetensors codec on Node Buffers', () => {
  it('copies each tensor out of a pooled Buffer (whose slice is a view)', async () => {
    const { Buffer } = await import('node:buffer');
    const file = encodeSafetensors({
      a: { dtype: 'U8', shape: [3], data: Uint8Array.of(1, 2, 3) },
      b: { dtype: 'F32', shape: [1], data: Float32Array.of(2.5) },
    });
    const pooled = Buffer.from(file); // small Buffers share one pool: their byteOffset is not 0
    const { tensors } = decodeSafetensors(pooled);
    expect(tensors.get('b')!.data).toEqual(Float32Array.of(2.5));
    expect(tensors.get('a')!.data.buffer.byteLength).toBe(3);
  });
});
