/** Zoos saved in the browser (data/browserDb.ts): the listing (summaries with their size) and the zoo file bytes. */
import { addItem, deleteItem, getBytes, listAll, STORES } from './browserDb';
import { serializeZoo, summarizeZoo, type Zoo, type ZooSummary } from './zoo';

export interface SavedZoo extends ZooSummary {
  id: string;
  /** bytes of the stored file (absent in listings saved before sizes were kept) */
  bytes?: number;
}

export async function listZoos(): Promise<SavedZoo[]> {
  return (await listAll<SavedZoo>(STORES.zooMeta)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Saves a zoo (its serialized bytes, and its summary for the listing) beside any of the same name; returns its listing. */
export async function saveZoo(zoo: Zoo, bytes: ArrayBuffer = serializeZoo(zoo)): Promise<SavedZoo> {
  const saved: SavedZoo = { ...summarizeZoo(zoo), id: `${zoo.createdAt}|${zoo.name}`, bytes: bytes.byteLength };
  saved.id = await addItem(
    STORES.zooMeta,
    STORES.zooData,
    saved,
    bytes,
    `the zoo "${zoo.name}" (${(bytes.byteLength / 2 ** 20).toFixed(1)} MB)`,
  );
  return saved;
}

/** The zoo's file bytes, as saved (callers parse them: parseZoo says what is wrong with a corrupt one). */
export function loadZooBytes(id: string): Promise<ArrayBuffer> {
  return getBytes(STORES.zooData, id, 'this zoo');
}

export function deleteZoo(id: string): Promise<void> {
  return deleteItem(STORES.zooMeta, STORES.zooData, id);
}
