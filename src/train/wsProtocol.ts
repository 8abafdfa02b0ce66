/** Messages between the UI thread and the weight-space Worker (zoo generation and weight-space training). */
import type { ZooRecipe } from '../data/zoo';
import type { GpuFailure } from '../gpu/device';
import type { AblationArm, AblationRun } from './ablationPlan';
import type { InitCurve } from './initCurve';
import type { CurveProgress, CurveReader, CurveRow } from './curvePlan';
import type { MetaInitProgress, MetaInitRecipe } from './metaInit';
import type { EpochReport, WsTrainConfig } from './wsTrainer';
import type { EditEpochReport, EditOutcome, EditTrainConfig } from './editTrainConfig';
import type { ZooProgress } from './zooGen';

/**
 * A run in the Worker's one run slot: a training run (by its id), the ablation, or the learning curve. Pause, resume
 * and stop name the run they are for, and act only on it; a run asked for while another holds the slot is refused
 * (`run-refused`), never started over it.
 */
export type RunRef = { kind: 'train'; runId: number } | { kind: 'ablation' } | { kind: 'curve' } | { kind: 'edit' };

export function sameRun(a: RunRef, b: RunRef): boolean {
  return a.kind === b.kind && (a.kind !== 'train' || a.runId === (b as { runId: number }).runId);
}

/** How the page names a run in a sentence. */
export function runName(run: RunRef): string {
  if (run.kind === 'train') return `training run #${run.runId}`;
  return { ablation: 'the ablation', curve: 'the learning curve', edit: 'the editing run' }[run.kind];
}

export type WsRequest =
  | { type: 'init' }
  /** `dataUrl`: absolute base URL of the app's static data (the MNIST file) */
  /** `init`: the learned init the recipe names (`recipe.learnedInit`) */
  | { type: 'generate'; recipe: ZooRecipe; name: string; dataUrl: string; init?: Float32Array }
  | { type: 'cancel-generate' }
  /** `zoo`: a serialized zoo (data/zoo.ts), transferred */
  | { type: 'train'; runId: number; zoo: ArrayBuffer; config: WsTrainConfig }
  | { type: 'pause'; run: RunRef }
  /** `lr`: continue at this learning rate (after a divergence) */
  | { type: 'resume'; run: RunRef; lr?: number }
  /** the trained model of a finished run as a safetensors file (the best checkpoint) */
  | { type: 'export-model'; runId: number }
  /** a model file evaluated on a zoo's test split, plain and permuted */
  | { type: 'evaluate-model'; model: ArrayBuffer; zoo: ArrayBuffer }
  /** fault injection for tests (the page's ?faults hooks): NaN parameters before the next epoch, a lost device */
  | { type: 'inject-nan' }
  | { type: 'lose-device' }
  /** stops a training run, the ablation or the learning curve: the one named */
  | { type: 'stop'; run: RunRef }
  | { type: 'ablation'; zoo: ArrayBuffer; base: WsTrainConfig; arms: AblationArm[]; seeds: number[] }
  /** an editing model trained on a zoo (editJob.ts) */
  | { type: 'edit'; zoo: ArrayBuffer; config: EditTrainConfig }
  /** the learning curve (learningCurve.ts): every run the steps of `epochs` epochs of the whole training split */
  | { type: 'curve'; zoo: ArrayBuffer; readers: CurveReader[]; sizes: number[]; seeds: number[]; epochs: number }
  /** meta-train an init, then measure the fit from it and from the standard init on `curveImages` held-out digits */
  | { type: 'metainit'; recipe: MetaInitRecipe; curveImages: number; curveSteps: number; dataUrl: string }
  | { type: 'metainit-pause'; paused: boolean }
  | { type: 'metainit-stop' };

/** A finished meta-training: the init and how the fit goes from it, against the standard init. */
export interface MetaInitOutcome {
  recipe: MetaInitRecipe;
  /** `[P]` */
  init: Float32Array;
  /** the meta-batch's PSNR after k inner steps along the outer steps */
  curve: { outer: number; psnr: number }[];
  /** on the same held-out digits */
  standard: InitCurve;
  learned: InitCurve;
  images: number;
  /** wall time of meta-training, and of measuring both curves */
  seconds: number;
  curveSeconds: number;
}

/** The model's outputs on symmetric copies of one test INR (the invariance demo). */
export interface SymmetricCopies {
  /** zoo index of the INR */
  row: number;
  /** `[copies, outputs]` */
  outputs: Float32Array;
  /** what each copy is: a random hidden permutation, or a permutation and random neuron negations */
  kinds: ('permutation' | 'permutation + negation')[];
}

/** Test-set outputs of the best checkpoint, for the confusion matrix, the gallery and the scatter plots. */
export interface TestPredictions {
  copies: SymmetricCopies;
  runId: number;
  /** `[count, outputs]` model outputs (logits, or standardised values) */
  outputs: Float32Array;
  /** `[count, outputs]` on the permuted copies */
  outputsPermuted: Float32Array;
  task: 'class' | 'regression';
  /** zoo index of each test row */
  rows: number[];
  /** true class of each test row (classification) */
  labels: number[];
  /** true values `[count, valueDim]` (regression) */
  values: number[];
  /** to turn standardised regression outputs back into values */
  valueMean: number[];
  valueStd: number[];
}

export type WsEvent =
  | { type: 'ready'; adapterName: string }
  | { type: 'gpu-failed'; failure: GpuFailure }
  | { type: 'zoo-progress'; progress: ZooProgress }
  /** a finished zoo, serialized */
  | { type: 'zoo-done'; zoo: ArrayBuffer }
  | { type: 'zoo-cancelled' }
  | { type: 'train-started'; runId: number; parameters: number }
  | { type: 'epoch'; runId: number; report: EpochReport }
  | { type: 'train-paused'; runId: number; paused: boolean }
  /** `run` was not started: `holder` holds the run slot */
  | { type: 'run-refused'; run: RunRef; holder: RunRef; message: string }
  /** the epoch's loss was not finite: the run is paused with its best checkpoint restored */
  | { type: 'train-diverged'; runId: number; epoch: number; loss: number; bestEpoch: number; lr: number }
  | { type: 'model-exported'; runId: number; file: ArrayBuffer }
  | { type: 'model-evaluated'; count: number; accuracy: number; accuracyPermuted: number; agreement: number }
  | { type: 'train-done'; runId: number; predictions: TestPredictions; stopped: boolean }
  /** runs finished so far of `total`, and where the current one is */
  | { type: 'ablation-progress'; done: number; total: number; arm: string; seed: number; epoch: number; epochs: number }
  | { type: 'ablation-run'; run: AblationRun }
  | { type: 'ablation-done'; stopped: boolean }
  | ({ type: 'curve-progress' } & CurveProgress)
  | { type: 'curve-row'; row: CurveRow }
  | { type: 'curve-done'; stopped: boolean }
  | { type: 'edit-started'; parameters: number; noEdit: { val: number; test: number } }
  | { type: 'edit-epoch'; report: EditEpochReport }
  | { type: 'edit-paused'; paused: boolean }
  /** `outcome` and the best checkpoint's model `file`: null when stopped before a first epoch */
  | { type: 'edit-done'; outcome: EditOutcome | null; file: ArrayBuffer | null; stopped: boolean }
  | { type: 'metainit-progress'; progress: MetaInitProgress; phase: 'meta' | 'curves' }
  | { type: 'metainit-paused'; paused: boolean }
  | { type: 'metainit-done'; outcome: MetaInitOutcome }
  | { type: 'metainit-stopped' }
  /** `runId`: the training run that failed (scope 'train') */
  | {
      type: 'error';
      scope: 'zoo' | 'train' | 'ablation' | 'curve' | 'edit' | 'gpu' | 'model' | 'metainit';
      message: string;
      runId?: number;
    };
