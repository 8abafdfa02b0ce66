/**
 * What an augmentation ablation compares and what it reports: its arms (no augmentation, each chosen augmentation
 * alone, more fits per image), every run's score, the mean ± sample standard deviation per arm, and a CSV of both.
 */
import { AUGMENTATIONS, type AugmentationChoice } from '../weightspace/augmentations';
import type { SplitMetrics } from './wsMetrics';

export interface AblationArm {
  /** short name: the augmentation's id, 'none' or 'views×2' */
  name: string;
  augmentations: AugmentationChoice[];
  /** fits per training image (1: the first fit only) */
  views: number;
}

export interface AblationRun {
  arm: string;
  seed: number;
  epochs: number;
  /** the best-validation checkpoint's test score (accuracy or mean R²) */
  score: number;
  /** its training score (running, over the epoch's augmented batches): how well the arm fits what it sees */
  trainScore: number;
  /** score of the validation split (or test when there is none) after every epoch */
  curve: number[];
}

export interface ArmSummary {
  arm: string;
  mean: number;
  std: number;
  scores: number[];
}

/** The arms for a selection of augmentation ids (each alone, p = 1 — mixup p = 0.5), 'none' first, views last. */
export function ablationArms(ids: readonly string[], views: number[] = []): AblationArm[] {
  const arms: AblationArm[] = [{ name: 'none', augmentations: [], views: 1 }];
  for (const id of ids) {
    if (!(id in AUGMENTATIONS)) throw new Error(`unknown augmentation "${id}"`);
    const group = AUGMENTATIONS[id as keyof typeof AUGMENTATIONS].group;
    arms.push({
      name: id,
      augmentations: [{ id: id as AugmentationChoice['id'], p: group === 'mixup' ? 0.5 : 1 }],
      views: 1,
    });
  }
  for (const v of views) arms.push({ name: `views×${v}`, augmentations: [], views: v });
  return arms;
}

export function scoreOf(m: SplitMetrics): number {
  return m.accuracy ?? (m.r2 ?? []).reduce((s, v) => s + v, 0) / Math.max(1, m.r2?.length ?? 0);
}

export function summarise(runs: readonly AblationRun[], arms: readonly AblationArm[]): ArmSummary[] {
  return arms.map(({ name }) => {
    const scores = runs.filter((r) => r.arm === name).map((r) => r.score);
    const mean = scores.reduce((s, v) => s + v, 0) / Math.max(1, scores.length);
    const std = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, scores.length - 1));
    return { arm: name, mean, std, scores };
  });
}

/** CSV of every run and then every arm's mean ± std. */
export function ablationCsv(runs: readonly AblationRun[], summary: readonly ArmSummary[]): string {
  const lines = [
    'arm,seed,epochs,test_score,train_score',
    ...runs.map((r) => `${r.arm},${r.seed},${r.epochs},${r.score},${r.trainScore}`),
    '',
    'arm,mean,std,runs',
  ];
  for (const s of summary) lines.push(`${s.arm},${s.mean},${s.std},${s.scores.length}`);
  return lines.join('\n') + '\n';
}
