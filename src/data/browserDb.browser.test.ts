/** The page's storage in Chromium's own IndexedDB: what a user imports is never silently replaced. */
import { describe, expect, it } from 'vitest';
import { zooOf } from '../testing/zooFixture';
import { deleteModel, listModels, loadModelBytes, saveModel } from './modelStore';
import { deleteZoo, listZoos, loadZooBytes, saveZoo } from './zooStore';
import { parseZoo } from './zoo';

describe('browser storage', () => {
  it('two imported zoos of the same name and date are both kept, each with its own bytes', async () => {
    const dims = [2, 4, 1];
    const a = { ...zooOf(dims, new Float32Array(2 * 17).fill(0.25), Int32Array.of(1, 2), Uint8Array.of(0, 0)) };
    const b = { ...zooOf(dims, new Float32Array(2 * 17).fill(-0.5), Int32Array.of(3, 4), Uint8Array.of(0, 0)) };
    a.name = b.name = 'same name';
    a.createdAt = b.createdAt = '2026-01-01T00:00:00.000Z';
    const savedA = await saveZoo(a);
    const savedB = await saveZoo(b);
    try {
      expect(savedB.id).not.toBe(savedA.id);
      const listed = (await listZoos()).filter((z) => z.name === 'same name');
      expect(listed.map((z) => z.id).sort()).toEqual([savedA.id, savedB.id].sort());
      expect([...parseZoo(await loadZooBytes(savedA.id)).labels]).toEqual([1, 2]);
      expect([...parseZoo(await loadZooBytes(savedB.id)).labels]).toEqual([3, 4]);
    } finally {
      await deleteZoo(savedA.id);
      await deleteZoo(savedB.id);
    }
  });

  it('two models of the same name are both kept', async () => {
    const meta = {
      name: 'model',
      kind: 'dws',
      dims: [2, 4, 1],
      zooName: null,
      testAccuracy: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const first = await saveModel(meta, Uint8Array.of(1).buffer);
    const second = await saveModel(meta, Uint8Array.of(2).buffer);
    try {
      expect((await listModels()).filter((m) => m.name === 'model')).toHaveLength(2);
      expect([...new Uint8Array(await loadModelBytes(first.id))]).toEqual([1]);
      expect([...new Uint8Array(await loadModelBytes(second.id))]).toEqual([2]);
    } finally {
      await deleteModel(first.id);
      await deleteModel(second.id);
    }
  });
});
