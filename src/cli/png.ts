/**
 * Grey-scale 8-bit PNG files (a render of an INR): signature, IHDR, one IDAT of zlib-deflated scanlines (filter 0),
 * IEND; each chunk length, type, data, CRC-32 of type + data (PNG spec, ISO/IEC 15948).
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** `pixels` row-major, values in [0, 1] (clamped), `width × height`. */
export function greyPng(pixels: ArrayLike<number>, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: grey
  const rows = Buffer.alloc(height * (width + 1)); // each scanline: filter byte 0, then the pixels
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      rows[y * (width + 1) + 1 + x] = Math.round(255 * Math.min(1, Math.max(0, pixels[y * width + x])));
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
