/** Training-run histories saved in the browser (data/browserDb.ts), as the records the Learn panel keeps. */
import { deleteItem, listAll, putItem, STORES } from './browserDb';

export async function listRuns<T extends { id: number }>(): Promise<T[]> {
  return (await listAll<T>(STORES.runs)).sort((a, b) => a.id - b.id);
}

export function saveRun<T extends { id: number }>(run: T): Promise<void> {
  return putItem(STORES.runs, null, run, null, `run #${run.id}`);
}

export function deleteRun(id: number): Promise<void> {
  return deleteItem(STORES.runs, null, id);
}
