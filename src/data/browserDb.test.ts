import { describe, expect, it } from 'vitest';
import { done } from './browserDb';

/** The parts of an IDBTransaction that `done` listens to. */
function fakeTransaction(error: { name: string; message?: string } | null) {
  return { error, oncomplete: null, onerror: null, onabort: null } as unknown as IDBTransaction & {
    onabort: () => void;
    oncomplete: () => void;
  };
}

describe('saving to IndexedDB', () => {
  it('reports a full disk as what was not saved and where to free space', async () => {
    const tx = fakeTransaction({ name: 'QuotaExceededError' });
    const saving = done(tx, 'the zoo "mnist ×1000" (4.6 MB)');
    tx.onabort();
    await expect(saving).rejects.toThrow(
      'the browser\'s storage is full: the zoo "mnist ×1000" (4.6 MB) was not saved. Free space in the Storage panel',
    );
  });

  it('passes other failures on, and resolves on commit', async () => {
    const failed = fakeTransaction({ name: 'AbortError', message: 'aborted' });
    const saving = done(failed, 'x');
    failed.onabort();
    await expect(saving).rejects.toMatchObject({ name: 'AbortError' });
    const ok = fakeTransaction(null);
    const committed = done(ok, 'x');
    ok.oncomplete();
    await expect(committed).resolves.toBeUndefined();
  });
});
