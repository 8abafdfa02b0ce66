// Picking zoo A, then zoo B before A has loaded: B stays selected and its gallery is drawn, whatever order the two
// loads finish in. The zoo files come from a stand-in store whose loads the test releases by hand.
import { describe, expect, it, vi } from 'vitest';
import { serializeZoo } from '../../data/zoo';
import { useLearnStore } from '../../state/learnStore';
import { zooOf } from '../../testing/zooFixture';
import { mlpLayout } from '../../weightspace/layout';

const pending = new Map<string, (bytes: ArrayBuffer) => void>();
vi.mock('../../data/zooStore', () => ({
  loadZooBytes: (id: string) => new Promise<ArrayBuffer>((resolve) => pending.set(id, resolve)),
  listZoos: () => Promise.resolve([]),
  saveZoo: () => Promise.reject(new Error('not in this test')),
  deleteZoo: () => Promise.resolve(),
}));
const { selectZoo } = await import('./learnLibrary');

/** A zoo of 12 test INRs of [2, 4, 1] whose labels are all `label`. */
function zooBytes(label: number): ArrayBuffer {
  const dims = [2, 4, 1];
  const n = 12;
  const params = new Float32Array(n * mlpLayout(dims).paramCount).fill(0.1);
  return serializeZoo(zooOf(dims, params, new Int32Array(n).fill(label), new Uint8Array(n).fill(2)));
}

describe('selecting zoos', () => {
  it('A then B, with A loading last: B is selected and the gallery is B’s', async () => {
    const a = selectZoo('A');
    const b = selectZoo('B');
    pending.get('B')!(zooBytes(7));
    await b;
    pending.get('A')!(zooBytes(3));
    await a;
    const { selectedZooId, thumbnails } = useLearnStore.getState();
    expect(selectedZooId).toBe('B');
    expect(thumbnails).toHaveLength(12);
    expect(new Set(thumbnails.map((t) => t.label))).toEqual(new Set([7]));
  });
});
