import { useDemoStore } from '../state/demoStore';
import { HIDEABLE_KEYS } from '../state/urlSchema';

/** The control (by its test id) that sets each hideable link key. */
const CONTROL_OF: Record<string, string> = {
  width: 'width',
  depth: 'depth',
  w0: 'omega0',
  lr: 'lr',
  spf: 'steps-per-frame',
  seed: 'seed',
  stop: 'stop-at-target',
  ztask: 'zoo-task',
  zn: 'zoo-count',
  zsteps: 'zoo-steps',
  zseed: 'zoo-seed',
  zmin: 'zoo-min-psnr',
  zviews: 'zoo-views',
  zshared: 'zoo-shared-init',
  model: 'ws-model',
  mlayers: 'ws-depth',
  mch: 'ws-channels',
  mlr: 'ws-lr',
  epochs: 'ws-epochs',
  mseed: 'ws-seed',
  ff: 'ws-fourier',
  augs: 'ws-augmentations',
  views: 'ws-views',
  apair: 'align-kind',
  adigit: 'align-digit-a',
  adigitb: 'align-digit-b',
  aseed: 'align-seed-a',
  aseedb: 'align-seed-b',
  arow: 'align-row-a',
  arowb: 'align-row-b',
  gaug: 'aug-select',
  gset: 'aug-setting',
  gseed: 'aug-seed',
  gpair: 'aug-kind',
  gdigit: 'aug-digit-a',
  gdigitb: 'aug-digit-b',
  gseeda: 'aug-seed-a',
  gseedb: 'aug-seed-b',
  grow: 'aug-row-a',
  growb: 'aug-row-b',
};

for (const key of HIDEABLE_KEYS) if (!CONTROL_OF[key]) throw new Error(`the hideable link key "${key}" names no control`);

/** Hides the controls the link names (`hide=`): each control with the label around it. */
export function HiddenControls() {
  const hide = useDemoStore((s) => s.hide);
  const selectors = hide.filter((k) => CONTROL_OF[k]).flatMap((k) => [`label:has([data-testid="${CONTROL_OF[k]}"])`, `[data-testid="${CONTROL_OF[k]}"]`]);
  if (selectors.length === 0) return null;
  return <style data-testid="hidden-controls">{`${selectors.join(',\n')} { display: none !important; }`}</style>;
}
