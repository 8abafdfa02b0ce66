/** The link table's rows (linkSchema.ts) of the Learn panel: the reader's recipe, the learning curve, editing INRs. */
import { IMAGE_EDITS } from '../data/imageEdits';
import { WS_MODEL_KINDS } from '../models/wsModel';
import { CURVE_READERS } from '../train/curvePlan';
import { EDIT_MODEL_KINDS } from '../train/editTrainConfig';
import { DEFAULT_WS_TRAIN } from '../train/wsTrainConfig';
import { listToText } from './augmentationList';
import { CURVE_SIZE_CHOICES, DEFAULT_CURVE_SETTINGS } from './curveStore';
import { DEFAULT_EDIT_SETTINGS } from './editStore';
import { curve, editSetting, train, trainAugmentations } from './linkBindings';
import { seed } from './linkRows';
import type { KeySpec } from './linkTypes';

const ed = DEFAULT_EDIT_SETTINGS;

const t = DEFAULT_WS_TRAIN;

/** The weight-space model and its recipe. */
export const TRAIN_ROWS: readonly KeySpec[] = [
  {
    key: 'model',
    kind: 'enum',
    default: t.kind,
    values: [...WS_MODEL_KINDS],
    about: 'weight-space model',
    bind: train('kind'),
  },
  { key: 'mlayers', kind: 'int', default: t.depth, min: 1, max: 6, about: 'model layers', bind: train('depth') },
  { key: 'mch', kind: 'int', default: t.channels, min: 1, max: 256, about: 'channels', bind: train('channels') },
  { key: 'mlr', kind: 'number', default: t.lr, min: 1e-5, max: 1, about: 'model learning rate', bind: train('lr') },
  {
    key: 'mwd',
    kind: 'number',
    default: t.weightDecay,
    min: 0,
    max: 1,
    about: 'model weight decay',
    bind: train('weightDecay'),
  },
  { key: 'epochs', kind: 'int', default: t.epochs, min: 1, max: 1000, about: 'epochs', bind: train('epochs') },
  seed('mseed', t.seed, 'model seed', train('seed')),
  { key: 'ff', kind: 'int', default: t.fourier, min: 0, max: 16, about: 'Fourier features', bind: train('fourier') },
  { key: 'probes', kind: 'int', default: t.probes, min: 1, max: 256, about: 'probe points', bind: train('probes') },
  {
    key: 'hprobes',
    kind: 'int',
    default: t.headProbes,
    min: 0,
    max: 256,
    about: 'probe points the head reads',
    bind: train('headProbes'),
  },
  { key: 'canon', kind: 'bool', default: t.canonical, about: 'canonical signs', bind: train('canonical') },
  {
    key: 'mnorm',
    kind: 'enum',
    default: t.normalisation,
    values: ['tensor', 'weight'],
    about: 'input normalisation',
    bind: train('normalisation'),
  },
  {
    key: 'augs',
    kind: 'augmentations',
    default: listToText(t.augmentations),
    about: 'training augmentations',
    bind: trainAugmentations,
  },
  {
    key: 'views',
    kind: 'int',
    default: t.views,
    min: 0,
    max: 16,
    about: 'fits per image used (0: all)',
    bind: train('views'),
  },
];

export const CURVE_ROWS: readonly KeySpec[] = [
  {
    key: 'creaders',
    kind: 'list',
    default: DEFAULT_CURVE_SETTINGS.readers.join(','),
    values: CURVE_READERS,
    about: 'learning-curve readers',
    hideable: false,
    bind: curve('readers'),
  },
  {
    key: 'csizes',
    kind: 'list',
    default: DEFAULT_CURVE_SETTINGS.sizes.join(','),
    values: CURVE_SIZE_CHOICES,
    about: 'learning-curve training INRs',
    hideable: false,
    bind: curve('sizes'),
  },
  {
    key: 'cseeds',
    kind: 'int',
    default: DEFAULT_CURVE_SETTINGS.seeds,
    min: 1,
    max: 5,
    about: 'learning-curve seeds',
    bind: curve('seeds'),
  },
  {
    key: 'cepochs',
    kind: 'int',
    default: DEFAULT_CURVE_SETTINGS.epochs,
    min: 1,
    max: 1000,
    about: 'learning-curve step budget (epochs of the whole split)',
    bind: curve('epochs'),
  },
];

export const EDIT_ROWS: readonly KeySpec[] = [
  {
    key: 'ekind',
    kind: 'enum',
    default: ed.kind,
    values: EDIT_MODEL_KINDS,
    about: 'editing model',
    bind: editSetting('kind'),
  },
  { key: 'eedit', kind: 'enum', default: ed.edit, values: IMAGE_EDITS, about: 'the edit', bind: editSetting('edit') },
  {
    key: 'elayers',
    kind: 'int',
    default: ed.depth,
    min: 0,
    max: 4,
    about: 'editing layers',
    bind: editSetting('depth'),
  },
  {
    key: 'ech',
    kind: 'int',
    default: ed.channels,
    min: 1,
    max: 64,
    about: 'editing channels',
    bind: editSetting('channels'),
  },
  {
    key: 'elr',
    kind: 'number',
    default: ed.lr,
    min: 1e-5,
    max: 1e-1,
    about: 'editing learning rate',
    bind: editSetting('lr'),
  },
  {
    key: 'eepochs',
    kind: 'int',
    default: ed.epochs,
    min: 1,
    max: 500,
    about: 'editing epochs',
    bind: editSetting('epochs'),
  },
  seed('eseed', ed.seed, 'editing seed', editSetting('seed')),
];
