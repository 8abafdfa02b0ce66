/**
 * Learned inits saved in the browser (data/browserDb.ts): a listing and the init's INR file (safetensors, with its
 * meta-training recipe and checksum in the metadata: the same file `ws metainit` writes).
 */
import { deleteItem, getBytes, listAll, putItem, STORES } from './browserDb';

export interface SavedInit {
  id: string;
  name: string;
  dims: number[];
  omega0: number;
  checksum: string;
  /** mean held-out PSNR after 50 and 100 steps from the standard init and from this one, when measured here */
  heldOut: { standard: [number, number]; learned: [number, number] } | null;
  createdAt: string;
  bytes: number;
}

export async function listInits(): Promise<SavedInit[]> {
  return (await listAll<SavedInit>(STORES.initMeta)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Saved under its checksum: the same init saved twice is one entry. */
export async function saveInit(meta: Omit<SavedInit, 'id' | 'bytes'>, file: ArrayBuffer): Promise<SavedInit> {
  const saved: SavedInit = { ...meta, id: meta.checksum, bytes: file.byteLength };
  await putItem(STORES.initMeta, STORES.initData, saved, file, `the init "${meta.name}"`);
  return saved;
}

export function loadInitBytes(id: string): Promise<ArrayBuffer> {
  return getBytes(STORES.initData, id, 'this init');
}

export function deleteInit(id: string): Promise<void> {
  return deleteItem(STORES.initMeta, STORES.initData, id);
}
