/**
 * The teaching demos: each a preset link (its settings, the panel it opens on, the controls it hides) with a short
 * guided text in steps. A step may carry an action the guide's "Do it" button runs (ui/demoActions.ts); the first
 * step of every demo has one, so a demo shows something on its first click.
 */
import type { LinkState } from './linkTypes';
import { DEFAULT_MLP_TRAIN, DEFAULT_PROBE_TRAIN, DEFAULT_WS_TRAIN, type WsTrainConfig } from '../train/wsTrainConfig';

/** The equivariance demo's training runs (the guide's buttons; README "Readers at playground scale" has the figures). */
export const DEMO_RUNS: Record<'mlp' | 'probe' | 'dws', Partial<WsTrainConfig> & { epochs: number }> = {
  mlp: { ...DEFAULT_MLP_TRAIN, channels: 32, epochs: 12 },
  probe: { ...DEFAULT_PROBE_TRAIN, epochs: 10 },
  dws: { ...DEFAULT_WS_TRAIN, kind: 'dws', epochs: 10 },
};

export type DemoAction =
  | 'fit-play'
  | 'fit-omega-5'
  | 'fit-omega-90'
  | 'symmetry-permute'
  | 'demo-zoo'
  | 'train-mlp'
  | 'train-probe'
  | 'train-dws'
  | 'augment-blend'
  | 'align';

export interface DemoStep {
  text: string;
  action?: DemoAction;
  /** what the button says */
  label?: string;
}

export interface Demo {
  id: string;
  title: string;
  /** one line for the gallery */
  summary: string;
  panel: 'fit' | 'symmetry' | 'learn' | 'align' | 'augment';
  /** link keys the demo sets (a link's own keys win) */
  preset: Partial<LinkState>;
  /** link keys of controls the demo hides */
  hide: string[];
  steps: DemoStep[];
  /** the MNIST digit its thumbnail shows */
  thumbDigit: number;
  /**
   * what its live steps compute, in words (no times: the guide measures each step on the visitor's own device as it
   * runs, ui/demos/DemoTiming.tsx)
   */
  work: string;
}

export const DEMOS: readonly Demo[] = [
  {
    id: 'omega',
    title: 'Fitting an INR, and what ω0 does',
    summary: 'A SIREN learns a digit as a function of (x, y); ω0 sets which frequencies it can use.',
    panel: 'fit',
    preset: { digit: 3, w0: 30, seed: 0 },
    hide: ['spf', 'lr', 'width', 'depth', 'stop'],
    thumbDigit: 3,
    work: 'one fit of about 500 steps',
    steps: [
      {
        text: 'A SIREN [2, 32, 32, 1] maps a pixel position to its intensity. Play fits it to the digit; it stops at 40 dB, a near-perfect copy, in about 500 steps.',
        action: 'fit-play',
        label: 'Play',
      },
      {
        text: 'ω0 = 5: sin(5·(Wx + b)) varies slowly across the image, so only blurry shapes are reachable. The PSNR stalls well below 40 dB.',
        action: 'fit-omega-5',
        label: 'Fit with ω0 = 5',
      },
      {
        text: 'ω0 = 90: the fit is fast, but nothing ties the function down between pixels, so fine noise is as easy as the digit. ω0 = 30 is the usual compromise.',
        action: 'fit-omega-90',
        label: 'Fit with ω0 = 90',
      },
    ],
  },
  {
    id: 'permutation',
    title: 'Permutation symmetry: the weights move, the image does not',
    summary: 'Reorder the hidden neurons of a fitted INR: every weight matrix changes, the function stays.',
    panel: 'symmetry',
    preset: { digit: 3 },
    hide: [],
    thumbDigit: 5,
    work: 'a fit of 300 steps, then a permutation',
    steps: [
      {
        text: 'Fits the digit above for a few hundred steps, loads it into the symmetry view and permutes every hidden layer at random: the heatmaps’ rows and columns move, the render does not (max |Δ| ~1e-7, float rounding).',
        action: 'symmetry-permute',
        label: 'Fit, load and permute',
      },
      {
        text: 'Click two rows of a hidden layer and Swap, or Negate one (sin is odd, so the next layer’s column flips with it). Each is an exact symmetry: n! · 2ⁿ equivalent weight vectors per layer.',
      },
      {
        text: 'Rotate instead: the first layer absorbs a rotation of the input, and the image turns. That is not a symmetry but a transform of the function.',
      },
    ],
  },
  {
    id: 'equivariance',
    title: 'Why equivariance: readers that ignore neuron order against a flattened MLP',
    summary: 'A weight-space MLP reads neuron order; a symmetry-aware reader cannot, and still learns.',
    panel: 'learn',
    preset: { model: 'mlp', epochs: 12, mch: 32, zviews: 1 },
    hide: ['zn', 'zsteps', 'zseed', 'zmin', 'zviews', 'zshared', 'ztask', 'ff', 'augs', 'views'],
    thumbDigit: 8,
    work: `the MLP trains ${DEMO_RUNS.mlp.epochs} epochs, the probe reader ${DEMO_RUNS.probe.epochs}, DWS ${DEMO_RUNS.dws.epochs}, each on 210 INRs`,
    steps: [
      {
        text: 'Loads a zoo of 300 MNIST INRs shipped with the app, every one fitted from one learned init (as in "Learn an init"), so nothing has to be fitted now: 210 train, 30 validate, 60 test.',
        action: 'demo-zoo',
        label: 'Load the demo zoo',
      },
      {
        text: 'The flattened MLP reads the 1185 weights as one vector, each standardised across the zoo. From one shared init, position k means neuron k in every INR, so it learns well; on permuted copies of the same test INRs (the same functions, hidden neurons reordered) it falls towards chance.',
        action: 'train-mlp',
        label: 'Train the MLP',
      },
      {
        text: 'The probe reader evaluates each INR at 64 input points it learns, and reads those values. Reordering or negating hidden neurons leaves the function, so the values, unchanged: test and permuted test are equal by construction, and it learns the digits.',
        action: 'train-probe',
        label: 'Train the probe reader',
      },
      {
        text: 'DWS layers commute with neuron permutations, so they too score the permuted copies exactly as the originals. Reading raw weights, they learn far less from 210 INRs than the probe reader does (README, "Readers at playground scale").',
        action: 'train-dws',
        label: 'Train DWS',
      },
    ],
  },
  {
    id: 'mixup',
    title: 'Mixup in weight space: vanilla against aligned',
    summary: 'Average two INRs’ weights: meaningless unless the neurons are matched first.',
    panel: 'augment',
    preset: { gaug: 'mixupAlignedSigned', gpair: 'seeds', gdigit: 3, gseeda: 1, gseedb: 2 },
    hide: ['gaug', 'gset'],
    thumbDigit: 2,
    work: 'two fits of one digit, then the blends',
    steps: [
      {
        text: 'Fits one digit from two seeds and blends the weights, θ = α·A + (1 − α)·T(B), for every mixup variant. Vanilla averages neuron k with neuron k: unrelated units, and the middle is noise.',
        action: 'augment-blend',
        label: 'Blend',
      },
      {
        text: 'Aligned mixup matches B’s neurons to A’s first (weight matching), and with signs also undoes sin’s sign flips: the blends keep more of the digit. Mixup trains on such blends with mixed labels.',
      },
    ],
  },
  {
    id: 'rebasin',
    title: 'Re-basin and the interpolation barrier',
    summary: 'Two fits of one digit, and the loss along the straight line between them, before and after alignment.',
    panel: 'align',
    preset: { apair: 'seeds', adigit: 3, aseed: 1, aseedb: 2 },
    hide: [],
    thumbDigit: 0,
    work: 'two fits of one digit, then the line between them',
    steps: [
      {
        text: 'Fits the digit from two seeds and walks the line between their weights: naive, permutation-aligned and permutation + sign aligned. The barrier is how far the loss rises above the line joining the ends.',
        action: 'align',
        label: 'Align',
      },
      {
        text: 'Drag λ: the aligned midpoints keep a blurred digit, the naive one loses it. At ω0 = 30 the barrier shrinks; it does not vanish.',
      },
    ],
  },
];

export const DEMO_IDS = DEMOS.map((d) => d.id);

export const demoById = (id: string): Demo | undefined => DEMOS.find((d) => d.id === id);
