import { describe, expect, it } from 'vitest';
import { initSirenBatch } from '../models/siren';
import { zooOf } from '../testing/zooFixture';
import { ablationArms, ablationCsv, summarise, type AblationRun } from './ablationPlan';
import { buildDataset } from './wsData';

describe('ablation bookkeeping', () => {
  it('arms: none first, each augmentation alone (mixup at p = 0.5), views last; unknown ids refused', () => {
    const arms = ablationArms(['noise', 'mixupAligned'], [2]);
    expect(arms.map((a) => a.name)).toEqual(['none', 'noise', 'mixupAligned', 'views×2']);
    expect(arms[1].augmentations).toEqual([{ id: 'noise', p: 1 }]);
    expect(arms[2].augmentations).toEqual([{ id: 'mixupAligned', p: 0.5 }]);
    expect(arms[3]).toEqual({ name: 'views×2', augmentations: [], views: 2 });
    expect(() => ablationArms(['<script>'])).toThrow(/unknown augmentation/);
  });

  it('mean ± sample std per arm, and a CSV with every run and every arm', () => {
    const runs: AblationRun[] = [
      { arm: 'none', seed: 0, epochs: 4, score: 0.2, trainScore: 0.3, curve: [] },
      { arm: 'none', seed: 1, epochs: 4, score: 0.4, trainScore: 0.5, curve: [] },
      { arm: 'noise', seed: 0, epochs: 4, score: 0.5, trainScore: 0.6, curve: [] },
    ];
    const summary = summarise(runs, ablationArms(['noise']));
    expect(summary[0].mean).toBeCloseTo(0.3, 12);
    expect(summary[0].std).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(summary[1]).toEqual({ arm: 'noise', mean: 0.5, std: 0, scores: [0.5] });
    const csv = ablationCsv(runs, summary).trim().split('\n');
    expect(csv[0]).toBe('arm,seed,epochs,test_score,train_score');
    expect(csv).toContain('none,1,4,0.4,0.5');
    expect(csv[csv.length - 1]).toBe('noise,0.5,0,1');
  });
});

describe('training views', () => {
  it('buildDataset keeps the first k fits of every training image; val and test are untouched', () => {
    const dims = [2, 4, 1];
    // images 100, 101 train with 2 views each (rows 0, 1 then 3, 4), image 102 test (row 2)
    const zoo = zooOf(
      dims,
      initSirenBatch({ dims, omega0: 30 }, 5, 1),
      Int32Array.from([1, 2, 3, 1, 2]),
      Uint8Array.from([0, 0, 2, 0, 0]),
    );
    zoo.source = Int32Array.from([100, 101, 102, 100, 101]);
    expect(buildDataset(zoo, { views: 1 }).rows).toEqual({ train: [0, 1], val: [], test: [2] });
    expect(buildDataset(zoo, { views: 2 }).rows.train).toEqual([0, 1, 3, 4]);
    expect(buildDataset(zoo).rows.train).toEqual([0, 1, 3, 4]);
  });
});
