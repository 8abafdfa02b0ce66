// The pipeline cache's bookkeeping against a stand-in device: least-recently-used pipelines and modules go beyond
// the capacity, and a compile that failed is tried again on the next request instead of failing for good.
import { describe, expect, it } from 'vitest';
import { PipelineCache } from './pipelineCache';

/** A device that counts compiles; `failNext` makes the next asynchronous compile reject. */
function standIn() {
  const counts = { modules: 0, pipelines: 0 };
  let failNext = false;
  const device = {
    createShaderModule: () => ({ id: ++counts.modules }),
    createComputePipeline: () => ({ id: ++counts.pipelines }),
    createComputePipelineAsync: () => {
      counts.pipelines++;
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('compile failed'));
      }
      return Promise.resolve({ id: counts.pipelines });
    },
  } as unknown as GPUDevice;
  return { device, counts, failOnce: () => (failNext = true) };
}

describe('pipeline cache', () => {
  it('keeps the most recently used pipelines up to its capacity', () => {
    const { device, counts } = standIn();
    const cache = new PipelineCache(device, 3);
    for (const key of ['a', 'b', 'c']) cache.get('k', key, () => '', 'main');
    cache.get('k', 'a', () => '', 'main'); // a is now the most recent: b is the oldest
    cache.get('k', 'd', () => '', 'main');
    expect([cache.size, cache.moduleCount]).toEqual([3, 3]);
    expect(counts.pipelines).toBe(4);
    cache.get('k', 'a', () => '', 'main'); // still there
    expect(counts.pipelines).toBe(4);
    cache.get('k', 'b', () => '', 'main'); // dropped: compiled again
    expect(counts.pipelines).toBe(5);
  });

  it('a failed compile is not remembered: the next request compiles again', async () => {
    const { device, counts, failOnce } = standIn();
    const cache = new PipelineCache(device);
    failOnce();
    await expect(cache.prepare('k', 'x', () => '', 'main')).rejects.toThrow('compile failed');
    await cache.prepare('k', 'x', () => '', 'main');
    expect(counts.pipelines).toBe(2);
    expect(cache.size).toBe(1);
  });
});
