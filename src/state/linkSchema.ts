/**
 * The one table of everything an experiment link carries (docs/design.md §6): one row per key with its type,
 * default and range, what it stands for, and its binding to the store field that holds it (linkBindings.ts). Parsing, validation,
 * clamping, defaults and encoding (linkCodec.ts), applying a link and writing it back (ui/link/linkSync.ts), the
 * number fields' ranges (`ruleOf`) and the controls a link may hide (found by their `data-link-key`) are all driven
 * by it: adding a setting is a row here and a control that names its key. Never in a link: weights, images,
 * histories.
 */
import { PAGE_DATASETS } from '../data/imageDatasets';
import { AUGMENTATION_IDS } from '../weightspace/augmentations';
import { DEFAULT_ALIGN } from './alignStore';
import { listToText } from './augmentationList';
import { DEFAULT_AUGMENT } from './augmentStore';
import { DEMO_IDS } from './demos';
import { DEFAULT_EXPERIMENT } from './fitStore';
import { DEFAULT_ABLATION, DEFAULT_ZOO_SETTINGS } from './learnStore';
import {
  ablation,
  ablationIds,
  align,
  augPair,
  augSetting,
  augSettingValue,
  demo,
  exp,
  hidden,
  metaInit,
  panel,
  zoo,
} from './linkBindings';
import { DEFAULT_META_INIT_SETTINGS } from './metaInitStore';
import { CURVE_ROWS, EDIT_ROWS, TRAIN_ROWS } from './learnLinkRows';
import { digit, seed, zooRow } from './linkRows';
import type { KeySpec, LinkState, NumberRule } from './linkTypes';

export type { KeySpec, LinkState, NumberRule } from './linkTypes';

/** Link format version: links of older versions are migrated (linkCodec.ts MIGRATIONS). */
export const LINK_VERSION = 1;

const PAIR_KINDS = ['seeds', 'digits', 'zoo'] as const;
const PANELS = ['fit', 'symmetry', 'learn', 'align', 'augment'] as const;

const e = DEFAULT_EXPERIMENT;
const z = DEFAULT_ZOO_SETTINGS;
const a = DEFAULT_ALIGN;
const g = DEFAULT_AUGMENT;
const m = DEFAULT_META_INIT_SETTINGS;
/** every setting of every panel, where the page opens, and as what */
const SETTINGS: readonly KeySpec[] = [
  // the fit: target digit and SIREN recipe
  {
    key: 'digit',
    kind: 'int',
    default: e.digit,
    min: 0,
    max: 9,
    about: 'MNIST digit to fit',
    discrete: true,
    hideable: false,
    bind: exp('digit'),
  },
  {
    key: 'sample',
    kind: 'int',
    default: e.sample,
    min: 0,
    max: 5000,
    about: 'which image of that digit',
    discrete: true,
    hideable: false,
    bind: exp('sample'),
  },
  {
    key: 'width',
    kind: 'enum',
    default: String(e.width),
    values: ['8', '16', '24', '32', '48', '64'],
    about: 'SIREN width',
    bind: exp('width', true),
  },
  { key: 'depth', kind: 'int', default: e.depth, min: 1, max: 4, about: 'SIREN hidden layers', bind: exp('depth') },
  { key: 'w0', kind: 'number', default: e.omega0, min: 1, max: 100, about: 'ω0', bind: exp('omega0') },
  { key: 'lr', kind: 'number', default: e.lr, min: 1e-5, max: 1e-1, about: 'fit learning rate', bind: exp('lr') },
  {
    key: 'spf',
    kind: 'enum',
    default: String(e.stepsPerFrame),
    values: ['1', '5', '10', '25', '50'],
    about: 'steps per frame',
    bind: exp('stepsPerFrame', true),
  },
  seed('seed', e.seed, 'init seed', exp('seed')),
  {
    key: 'stop',
    kind: 'bool',
    default: e.stopAtTarget,
    about: `stop at ${e.targetPsnr} dB`,
    bind: exp('stopAtTarget'),
  },
  // the zoo recipe
  {
    key: 'ztask',
    kind: 'enum',
    default: z.task,
    values: [...PAGE_DATASETS, 'sine'],
    about: 'zoo task',
    bind: zoo('task'),
  },
  { key: 'zn', kind: 'int', default: z.count, min: 10, max: 5000, about: 'INRs in the zoo', bind: zoo('count') },
  {
    key: 'zsteps',
    kind: 'int',
    default: z.maxSteps,
    min: 1,
    max: 5000,
    about: 'max steps per INR',
    bind: zoo('maxSteps'),
  },
  {
    key: 'ztarget',
    kind: 'number',
    default: z.targetPsnr,
    min: 20,
    max: 60,
    about: 'stop fits at (dB)',
    bind: zoo('targetPsnr'),
  },
  seed('zseed', z.seed, 'zoo seed', zoo('seed')),
  {
    key: 'zmin',
    kind: 'number',
    default: z.minPsnr,
    min: 0,
    max: 60,
    about: 'fidelity gate (dB)',
    bind: zoo('minPsnr'),
  },
  {
    key: 'zviews',
    kind: 'int',
    default: z.viewsPerImage,
    min: 1,
    max: 16,
    about: 'fits per training image',
    bind: zoo('viewsPerImage'),
  },
  { key: 'zshared', kind: 'bool', default: z.sharedInit, about: 'one shared init', bind: zoo('sharedInit') },
  // the learned init: its meta-training recipe and seed, and the held-out curves
  {
    key: 'idata',
    kind: 'enum',
    default: m.dataset,
    values: PAGE_DATASETS,
    about: 'meta-training images',
    bind: metaInit('dataset'),
  },
  {
    key: 'iouter',
    kind: 'int',
    default: m.outerSteps,
    min: 1,
    max: 5000,
    about: 'meta-training outer steps',
    bind: metaInit('outerSteps'),
  },
  {
    key: 'iinner',
    kind: 'int',
    default: m.innerSteps,
    min: 1,
    max: 100,
    about: 'inner steps per task',
    bind: metaInit('innerSteps'),
  },
  {
    key: 'ilr',
    kind: 'number',
    default: m.innerLr,
    min: 1e-5,
    max: 0.1,
    about: 'inner fit step size',
    bind: metaInit('innerLr'),
  },
  {
    key: 'ibatch',
    kind: 'int',
    default: m.metaBatch,
    min: 1,
    max: 256,
    about: 'meta-batch',
    bind: metaInit('metaBatch'),
  },
  seed('iseed', m.seed, 'meta-training seed', metaInit('seed')),
  {
    key: 'iimages',
    kind: 'int',
    default: m.curveImages,
    min: 10,
    max: 500,
    about: 'held-out digits measured',
    bind: metaInit('curveImages'),
  },
  {
    key: 'isteps',
    kind: 'enum',
    default: String(m.curveSteps),
    values: ['100', '200', '500'],
    about: 'curves up to k steps',
    bind: metaInit('curveSteps', true),
  },
  // the weight-space model and its recipe
  ...TRAIN_ROWS,
  // the augmentation ablation
  {
    key: 'abl',
    kind: 'augmentations',
    default: listToText(DEFAULT_ABLATION.ids.map((id) => ({ id, p: 1 }))),
    about: 'augmentations compared',
    hideable: false,
    bind: ablationIds,
  },
  {
    key: 'ablseeds',
    kind: 'int',
    default: DEFAULT_ABLATION.seeds,
    min: 1,
    max: 10,
    about: 'ablation seeds',
    hideable: false,
    bind: ablation('seeds'),
  },
  {
    key: 'ablviews',
    kind: 'int',
    default: DEFAULT_ABLATION.views,
    min: 0,
    max: 16,
    about: 'ablation views arm',
    hideable: false,
    bind: ablation('views'),
  },
  ...CURVE_ROWS,
  ...EDIT_ROWS,
  // align & merge
  { key: 'apair', kind: 'enum', default: a.kind, values: PAIR_KINDS, about: 'the two INRs', bind: align('kind') },
  digit('adigit', a.digitA, 'digit A', align('digitA')),
  digit('adigitb', a.digitB, 'digit B', align('digitB')),
  seed('aseed', a.seedA, 'seed A', align('seedA')),
  seed('aseedb', a.seedB, 'seed B', align('seedB')),
  zooRow('arow', a.rowA, 'zoo INR A', align('rowA')),
  zooRow('arowb', a.rowB, 'zoo INR B', align('rowB')),
  // the augmentation panel
  {
    key: 'gaug',
    kind: 'enum',
    default: g.id,
    values: AUGMENTATION_IDS,
    about: 'augmentation shown',
    bind: augSetting('id'),
  },
  {
    key: 'gset',
    kind: 'number',
    default: -1,
    min: -1,
    max: 180,
    about: 'its setting (−1: default)',
    bind: augSettingValue,
  },
  seed('gseed', g.seed, 'augmentation seed', augSetting('seed')),
  {
    key: 'gpair',
    kind: 'enum',
    default: g.pair.kind,
    values: PAIR_KINDS,
    about: 'the INRs augmented',
    bind: augPair('kind'),
  },
  digit('gdigit', g.pair.digitA, 'digit A', augPair('digitA')),
  digit('gdigitb', g.pair.digitB, 'digit B', augPair('digitB')),
  seed('gseeda', g.pair.seedA, 'seed A', augPair('seedA')),
  seed('gseedb', g.pair.seedB, 'seed B', augPair('seedB')),
  zooRow('grow', g.pair.rowA, 'zoo INR A', augPair('rowA')),
  zooRow('growb', g.pair.rowB, 'zoo INR B', augPair('rowB')),
  // where the page opens, and as what
  {
    key: 'panel',
    kind: 'enum',
    default: 'fit',
    values: PANELS,
    about: 'panel shown first',
    discrete: true,
    hideable: false,
    bind: panel,
  },
  {
    key: 'demo',
    kind: 'enum',
    default: '',
    values: ['', ...DEMO_IDS],
    about: 'teaching demo',
    discrete: true,
    hideable: false,
    bind: demo,
  },
];

/** Keys whose control a link may hide (`hide=w0,lr`): every setting with one control on the page. */
export const HIDEABLE_KEYS: readonly string[] = SETTINGS.filter((s) => s.hideable !== false).map((s) => s.key);

export const LINK_SCHEMA: readonly KeySpec[] = [
  ...SETTINGS,
  {
    key: 'hide',
    kind: 'list',
    default: '',
    values: HIDEABLE_KEYS,
    about: 'hidden controls',
    hideable: false,
    bind: hidden,
  },
];

const BY_KEY = new Map(LINK_SCHEMA.map((s) => [s.key, s]));

export function defaultLinkState(): LinkState {
  const s: LinkState = Object.create(null) as LinkState;
  for (const spec of LINK_SCHEMA) s[spec.key] = spec.default;
  return s;
}

/** The range a number field of `key` enforces: the row's, whole numbers for an integer key. */
export function ruleOf(key: string): NumberRule {
  const spec = BY_KEY.get(key);
  if (!spec || (spec.kind !== 'int' && spec.kind !== 'number'))
    throw new Error(`"${key}" is not a number key of the link`);
  return { min: spec.min, max: spec.max, ...(spec.kind === 'int' ? { multipleOf: 1 } : {}) };
}

/** The values an enum key takes, in the table's order (a select's options). */
export function valuesOf(key: string): readonly string[] {
  const spec = BY_KEY.get(key);
  if (!spec || spec.kind !== 'enum') throw new Error(`"${key}" is not an enum key of the link`);
  return spec.values;
}
