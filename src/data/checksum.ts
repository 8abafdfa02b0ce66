/** FNV-1a (32-bit) of an array's bytes, as 8 hex digits: names a parameter vector bit for bit (not a security hash). */
export function checksumOf(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
