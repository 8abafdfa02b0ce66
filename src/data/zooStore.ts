/**
 * Zoos saved in IndexedDB: a listing store (summaries, small) and a data store (the serialized zoo file), written
 * in one transaction, so a zoo is either wholly saved or absent (a cancelled or failed generation writes nothing).
 */
import { summarizeZoo, type Zoo, type ZooSummary } from './zoo';
import { serializeZoo } from './zoo';

const DB_NAME = 'weightscape';
const DB_VERSION = 1;
const META = 'zoo-meta';
const DATA = 'zoo-data';

export interface SavedZoo extends ZooSummary {
  id: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('this browser has no IndexedDB: zoos cannot be saved'));
  opening ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      r.result.createObjectStore(META, { keyPath: 'id' });
      r.result.createObjectStore(DATA);
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('could not open IndexedDB'));
  });
  return opening;
}

export async function listZoos(): Promise<SavedZoo[]> {
  const db = await open();
  const all = await request(db.transaction(META).objectStore(META).getAll() as IDBRequest<SavedZoo[]>);
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Saves a zoo (its serialized bytes, and its summary for the listing); returns its id. */
export async function saveZoo(zoo: Zoo, bytes: ArrayBuffer = serializeZoo(zoo)): Promise<SavedZoo> {
  const db = await open();
  const saved: SavedZoo = { ...summarizeZoo(zoo), id: `${zoo.createdAt}|${zoo.name}` };
  const tx = db.transaction([META, DATA], 'readwrite');
  tx.objectStore(DATA).put(bytes, saved.id);
  tx.objectStore(META).put(saved);
  await done(tx);
  return saved;
}

/** The zoo's file bytes, as saved (callers parse them: parseZoo says what is wrong with a corrupt one). */
export async function loadZooBytes(id: string): Promise<ArrayBuffer> {
  const db = await open();
  const bytes = await request(db.transaction(DATA).objectStore(DATA).get(id) as IDBRequest<ArrayBuffer | undefined>);
  if (!bytes) throw new Error('this zoo is no longer in the browser storage');
  return bytes;
}

export async function deleteZoo(id: string): Promise<void> {
  const db = await open();
  const tx = db.transaction([META, DATA], 'readwrite');
  tx.objectStore(DATA).delete(id);
  tx.objectStore(META).delete(id);
  await done(tx);
}
