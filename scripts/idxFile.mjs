// IDX files (the format MNIST and Fashion-MNIST are distributed in, gzipped): a big-endian header — two zero bytes,
// the element type (0x08: unsigned byte), the number of dimensions d — then d u32 sizes, then the elements row-major.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * Parses one IDX file of unsigned bytes (gzipped or not) into its shape and its data.
 * @param {Uint8Array} raw
 * @param {string} name what the file is called in messages
 * @returns {{ shape: number[], data: Uint8Array }}
 */
export function parseIdx(raw, name) {
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? new Uint8Array(gunzipSync(raw)) : raw;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0)
    throw new Error(`${name} is not an IDX file (its first two bytes are not zero)`);
  if (bytes[2] !== 0x08) throw new Error(`${name}: element type 0x${bytes[2].toString(16)}, expected 0x08 (u8)`);
  const dims = bytes[3];
  if (dims < 1 || bytes.length < 4 + 4 * dims) throw new Error(`${name}: a header of ${dims} dimensions is cut short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * dims;
  if (bytes.length !== start + size)
    throw new Error(`${name}: ${bytes.length - start} bytes of data, the header says ${size}`);
  return { shape, data: bytes.subarray(start) };
}

/**
 * One split of an MNIST-format dataset from its two IDX files: images `[count, side, side]` and labels `[count]`.
 * @returns {{ count: number, side: number, labels: Uint8Array, pixels: Uint8Array }}
 */
export function readIdxSplit(imagesPath, labelsPath) {
  const images = parseIdx(new Uint8Array(readFileSync(imagesPath)), imagesPath);
  const labels = parseIdx(new Uint8Array(readFileSync(labelsPath)), labelsPath);
  if (images.shape.length !== 3 || images.shape[1] !== images.shape[2])
    throw new Error(`${imagesPath}: shape [${images.shape}], expected [count, side, side]`);
  if (labels.shape.length !== 1 || labels.shape[0] !== images.shape[0])
    throw new Error(`${labelsPath}: ${labels.shape[0]} labels for ${images.shape[0]} images`);
  return { count: images.shape[0], side: images.shape[1], labels: labels.data, pixels: images.data };
}
