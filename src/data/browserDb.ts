/**
 * The app's IndexedDB database: zoos, trained models, learned inits and run histories, each kind a listing store
 * (small records) and, for zoos, models and inits, a data store of file bytes. Writes go in one transaction per item, so an item is either
 * wholly saved or absent; a full disk is reported as what was not saved.
 */
const DB_NAME = 'weightscape';
/** 1: zoos; 2: + models and runs; 3: + learned inits */
const DB_VERSION = 3;
export const STORES = {
  zooMeta: 'zoo-meta',
  zooData: 'zoo-data',
  modelMeta: 'model-meta',
  modelData: 'model-data',
  runs: 'runs',
  initMeta: 'init-meta',
  initData: 'init-data',
} as const;

export function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction commits; a quota failure names what was not saved. */
export function done(tx: IDBTransaction, what = 'the data'): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (): void => {
      const err = tx.error;
      if (err?.name === 'QuotaExceededError')
        reject(
          new Error(
            `the browser's storage is full: ${what} was not saved. Free space in the Storage panel (delete zoos or models) and try again.`,
          ),
        );
      else reject(err ?? new Error(`IndexedDB transaction failed: ${what} was not saved`));
    };
    tx.oncomplete = () => resolve();
    tx.onerror = failed;
    tx.onabort = failed;
  });
}

let opening: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined')
    return Promise.reject(new Error('this browser has no IndexedDB: nothing can be saved'));
  opening ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      const db = r.result;
      for (const [name, keyPath] of [
        [STORES.zooMeta, 'id'],
        [STORES.zooData, null],
        [STORES.modelMeta, 'id'],
        [STORES.modelData, null],
        [STORES.runs, 'id'],
        [STORES.initMeta, 'id'],
        [STORES.initData, null],
      ] as const) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, keyPath ? { keyPath } : undefined);
      }
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('could not open IndexedDB'));
  });
  return opening;
}

/** Every record of a listing store. */
export async function listAll<T>(store: string): Promise<T[]> {
  const db = await openDb();
  return request(db.transaction(store).objectStore(store).getAll() as IDBRequest<T[]>);
}

/** A listing record and its file bytes, in one transaction. */
export async function putItem(
  meta: string,
  data: string | null,
  record: { id: string | number },
  bytes: ArrayBuffer | null,
  what: string,
): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(data ? [meta, data] : [meta], 'readwrite');
  if (data && bytes) tx.objectStore(data).put(bytes, record.id);
  tx.objectStore(meta).put(record);
  await done(tx, what);
}

/**
 * Like putItem, but never replaces an item: when `record.id` is taken the item is stored as `<id> #2`, `#3`, …
 * (two imported files of the same name are both kept). Returns the id it was stored under.
 */
export async function addItem(
  meta: string,
  data: string | null,
  record: { id: string },
  bytes: ArrayBuffer | null,
  what: string,
): Promise<string> {
  const db = await openDb();
  const tx = db.transaction(data ? [meta, data] : [meta], 'readwrite');
  const committed = done(tx, what);
  let id = record.id;
  try {
    const taken = new Set((await request(tx.objectStore(meta).getAllKeys())).map(String));
    for (let k = 2; taken.has(id); k++) id = `${record.id} #${k}`;
    if (data && bytes) tx.objectStore(data).put(bytes, id);
    tx.objectStore(meta).put({ ...record, id });
  } catch (err) {
    committed.catch(() => undefined); // the request's own error is the one to report
    throw err;
  }
  await committed;
  return id;
}

export async function getBytes(data: string, id: string, what: string): Promise<ArrayBuffer> {
  const db = await openDb();
  const bytes = await request(db.transaction(data).objectStore(data).get(id) as IDBRequest<ArrayBuffer | undefined>);
  if (!bytes) throw new Error(`${what} is no longer in the browser storage`);
  return bytes;
}

export async function deleteItem(meta: string, data: string | null, id: string | number): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(data ? [meta, data] : [meta], 'readwrite');
  if (data) tx.objectStore(data).delete(id);
  tx.objectStore(meta).delete(id);
  await done(tx, 'the deletion');
}
