/**
 * Files a user opens in the page: the size checked before anything is read (a file over the importers' limit is
 * refused without loading it), then the bytes, and the kind of a safetensors file from its metadata.
 */
import { MAX_SAFETENSORS_BYTES } from '../../data/safetensors';
import { isWszFile } from '../../data/zoo';

export async function readChosenFile(file: File): Promise<Uint8Array> {
  if (file.size > MAX_SAFETENSORS_BYTES)
    throw new Error(
      `"${file.name}" is ${(file.size / 2 ** 20).toFixed(0)} MB, over the ${MAX_SAFETENSORS_BYTES / 2 ** 20} MB limit`,
    );
  return new Uint8Array(await file.arrayBuffer());
}

export type FileKind = 'wsz' | 'zoo' | 'inr' | 'model' | 'unknown';

/** What a file claims to be (its magic or its "format" metadata); the importer then checks every detail. */
export function fileKind(bytes: Uint8Array): FileKind {
  if (isWszFile(bytes)) return 'wsz';
  if (bytes.length < 8) return 'unknown';
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const head = new TextDecoder().decode(bytes.subarray(8, 8 + Math.min(n, 4096, bytes.length - 8)));
  const format = /"format"\s*:\s*"(weightscape-[a-z]+)"/.exec(head)?.[1];
  if (format === 'weightscape-model') return 'model';
  if (format === 'weightscape-inr') return 'inr';
  if (format === 'weightscape-zoo' || /"seq\.0\.weight"/.test(head))
    return /"seq\.0\.weight"\s*:\s*\{[^}]*"shape"\s*:\s*\[\s*\d+\s*,\s*\d+\s*\]/.test(head) ? 'inr' : 'zoo';
  return 'unknown';
}
