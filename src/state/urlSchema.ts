/**
 * The one table of everything an experiment link carries (DESIGN §6): each key's type, default and range, and
 * the setting it stands for. Parsing, validation, clamping, defaults and encoding are all driven by it
 * (urlCodec.ts). Never in a link: weights, images, histories.
 */
import { DEFAULT_WS_TRAIN } from '../train/wsTrainConfig';
import { AUGMENTATION_IDS } from '../weightspace/augmentations';
import { DEFAULT_ALIGN } from './alignStore';
import { listToText } from './augmentationList';
import { DEFAULT_AUGMENT } from './augmentStore';
import { DEMO_IDS } from './demos';
import { DEFAULT_EXPERIMENT } from './store';
import { DEFAULT_ABLATION, DEFAULT_ZOO_SETTINGS } from './wsStore';

export type KeySpec =
  | { key: string; kind: 'int' | 'number'; default: number; min: number; max: number; about: string; discrete?: boolean }
  | { key: string; kind: 'bool'; default: boolean; about: string; discrete?: boolean }
  | { key: string; kind: 'enum'; default: string; values: readonly string[]; about: string; discrete?: boolean }
  /** an augmentation list as text (augmentationList.ts); bare ids read as p = 1 (the ablation's selection) */
  | { key: string; kind: 'augmentations'; default: string; about: string; discrete?: boolean }
  /** a comma-separated subset of `values`, in any order */
  | { key: string; kind: 'list'; default: string; values: readonly string[]; about: string; discrete?: boolean };

const SEED_MAX = 4294967295;
const e = DEFAULT_EXPERIMENT;
const z = DEFAULT_ZOO_SETTINGS;
const t = DEFAULT_WS_TRAIN;
const a = DEFAULT_ALIGN;
const g = DEFAULT_AUGMENT;
const PAIR_KINDS = ['seeds', 'digits', 'zoo'] as const;

/** Link format version: links of older versions are migrated (urlCodec.ts MIGRATIONS). */
export const URL_VERSION = 1;

/** every setting of every panel, and where the page opens */
const SETTINGS: readonly KeySpec[] = [
  // the fit: target digit and SIREN recipe
  { key: 'digit', kind: 'int', default: e.digit, min: 0, max: 9, about: 'MNIST digit to fit', discrete: true },
  { key: 'sample', kind: 'int', default: e.sample, min: 0, max: 5000, about: 'which image of that digit', discrete: true },
  { key: 'width', kind: 'enum', default: String(e.width), values: ['8', '16', '24', '32', '48', '64'], about: 'SIREN width' },
  { key: 'depth', kind: 'int', default: e.depth, min: 1, max: 4, about: 'SIREN hidden layers' },
  { key: 'w0', kind: 'number', default: e.omega0, min: 1, max: 100, about: 'ω0' },
  { key: 'lr', kind: 'number', default: e.lr, min: 1e-5, max: 1e-1, about: 'fit learning rate' },
  { key: 'spf', kind: 'enum', default: String(e.stepsPerFrame), values: ['1', '5', '10', '25', '50'], about: 'steps per frame' },
  { key: 'seed', kind: 'int', default: e.seed, min: 0, max: SEED_MAX, about: 'init seed' },
  { key: 'stop', kind: 'bool', default: e.stopAtTarget, about: `stop at ${e.targetPsnr} dB` },
  // the zoo recipe
  { key: 'ztask', kind: 'enum', default: z.task, values: ['mnist', 'sine'], about: 'zoo task' },
  { key: 'zn', kind: 'int', default: z.count, min: 10, max: 5000, about: 'INRs in the zoo' },
  { key: 'zsteps', kind: 'int', default: z.maxSteps, min: 1, max: 5000, about: 'max steps per INR' },
  { key: 'zseed', kind: 'int', default: z.seed, min: 0, max: SEED_MAX, about: 'zoo seed' },
  { key: 'zmin', kind: 'number', default: z.minPsnr, min: 0, max: 60, about: 'fidelity gate (dB)' },
  { key: 'zviews', kind: 'int', default: z.viewsPerImage, min: 1, max: 16, about: 'fits per training image' },
  { key: 'zshared', kind: 'bool', default: z.sharedInit, about: 'one shared init' },
  // the weight-space model and its recipe
  { key: 'model', kind: 'enum', default: t.kind, values: ['dws', 'nfn', 'mlp'], about: 'weight-space model' },
  { key: 'mlayers', kind: 'int', default: t.depth, min: 1, max: 6, about: 'model layers' },
  { key: 'mch', kind: 'int', default: t.channels, min: 1, max: 256, about: 'channels' },
  { key: 'mlr', kind: 'number', default: t.lr, min: 1e-5, max: 1, about: 'model learning rate' },
  { key: 'epochs', kind: 'int', default: t.epochs, min: 1, max: 1000, about: 'epochs' },
  { key: 'mseed', kind: 'int', default: t.seed, min: 0, max: SEED_MAX, about: 'model seed' },
  { key: 'ff', kind: 'int', default: t.fourier, min: 0, max: 16, about: 'Fourier features' },
  { key: 'augs', kind: 'augmentations', default: listToText(t.augmentations), about: 'training augmentations' },
  { key: 'views', kind: 'int', default: t.views, min: 0, max: 16, about: 'fits per image used (0: all)' },
  // the augmentation ablation
  { key: 'abl', kind: 'augmentations', default: listToText(DEFAULT_ABLATION.ids.map((id) => ({ id, p: 1 }))), about: 'augmentations compared' },
  { key: 'ablseeds', kind: 'int', default: DEFAULT_ABLATION.seeds, min: 1, max: 10, about: 'ablation seeds' },
  { key: 'ablviews', kind: 'int', default: DEFAULT_ABLATION.views, min: 0, max: 16, about: 'ablation views arm' },
  // align & merge
  { key: 'apair', kind: 'enum', default: a.kind, values: PAIR_KINDS, about: 'the two INRs' },
  { key: 'adigit', kind: 'int', default: a.digitA, min: 0, max: 9, about: 'digit A' },
  { key: 'adigitb', kind: 'int', default: a.digitB, min: 0, max: 9, about: 'digit B' },
  { key: 'aseed', kind: 'int', default: a.seedA, min: 0, max: SEED_MAX, about: 'seed A' },
  { key: 'aseedb', kind: 'int', default: a.seedB, min: 0, max: SEED_MAX, about: 'seed B' },
  { key: 'arow', kind: 'int', default: a.rowA, min: 0, max: 100000, about: 'zoo INR A' },
  { key: 'arowb', kind: 'int', default: a.rowB, min: 0, max: 100000, about: 'zoo INR B' },
  // the augmentation panel
  { key: 'gaug', kind: 'enum', default: g.id, values: AUGMENTATION_IDS, about: 'augmentation shown' },
  { key: 'gset', kind: 'number', default: -1, min: -1, max: 180, about: 'its setting (−1: default)' },
  { key: 'gseed', kind: 'int', default: g.seed, min: 0, max: SEED_MAX, about: 'augmentation seed' },
  { key: 'gpair', kind: 'enum', default: g.pair.kind, values: PAIR_KINDS, about: 'the INRs augmented' },
  { key: 'gdigit', kind: 'int', default: g.pair.digitA, min: 0, max: 9, about: 'digit A' },
  { key: 'gdigitb', kind: 'int', default: g.pair.digitB, min: 0, max: 9, about: 'digit B' },
  { key: 'gseeda', kind: 'int', default: g.pair.seedA, min: 0, max: SEED_MAX, about: 'seed A' },
  { key: 'gseedb', kind: 'int', default: g.pair.seedB, min: 0, max: SEED_MAX, about: 'seed B' },
  { key: 'grow', kind: 'int', default: g.pair.rowA, min: 0, max: 100000, about: 'zoo INR A' },
  { key: 'growb', kind: 'int', default: g.pair.rowB, min: 0, max: 100000, about: 'zoo INR B' },
  // where the page opens, and as what
  { key: 'panel', kind: 'enum', default: 'fit', values: ['fit', 'symmetry', 'learn', 'align', 'augment'], about: 'panel shown first', discrete: true },
  { key: 'demo', kind: 'enum', default: '', values: ['', ...DEMO_IDS], about: 'teaching demo', discrete: true },
];

/** Keys whose control a link may hide (`hide=w0,lr`): every setting with one control on the page. */
export const HIDEABLE_KEYS: readonly string[] = SETTINGS.map((s) => s.key).filter((k) => !['panel', 'demo', 'digit', 'sample', 'abl', 'ablseeds', 'ablviews'].includes(k));

export const URL_SCHEMA: readonly KeySpec[] = [...SETTINGS, { key: 'hide', kind: 'list', default: '', values: HIDEABLE_KEYS, about: 'hidden controls' }];

/** Every key's value: numbers, booleans or enum strings. */
export type UrlState = Record<string, number | boolean | string>;

export function defaultUrlState(): UrlState {
  const s: UrlState = Object.create(null) as UrlState;
  for (const spec of URL_SCHEMA) s[spec.key] = spec.default;
  return s;
}
