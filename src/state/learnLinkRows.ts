/** The link table's rows (linkSchema.ts) of the learning curve and of editing INRs. */
import { IMAGE_EDITS } from '../data/imageEdits';
import { CURVE_READERS } from '../train/curvePlan';
import { EDIT_MODEL_KINDS } from '../train/editTrainConfig';
import { CURVE_SIZE_CHOICES, DEFAULT_CURVE_SETTINGS } from './curveStore';
import { DEFAULT_EDIT_SETTINGS } from './editStore';
import { curve, editSetting } from './linkBindings';
import { seed } from './linkRows';
import type { KeySpec } from './linkTypes';

const ed = DEFAULT_EDIT_SETTINGS;

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
