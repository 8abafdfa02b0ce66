/**
 * Keeps the page's settings and its link in step. Every key of the schema (state/urlSchema.ts) is bound here to
 * the store field it stands for. On load, and on back / forward or a hand-edited hash, the link is decoded and
 * applied (invalid values listed in the URL notice); every settings change writes the link back, leaving out
 * defaults: with replaceState for edits, pushState when a discrete key (a digit, the panel) changed.
 */
import { digitImage, indicesOfClass } from '../data/mnistFile';
import { useAlignStore, type PairKind, type PairSettings } from '../state/alignStore';
import { listToText, textToList } from '../state/augmentationList';
import { useAugmentStore } from '../state/augmentStore';
import { demoById } from '../state/demos';
import { useDemoStore } from '../state/demoStore';
import { useStore, type Experiment } from '../state/store';
import { decodeUrl, encodeUrl } from '../state/urlCodec';
import { URL_SCHEMA, type UrlState } from '../state/urlSchema';
import { useUrlStore } from '../state/urlStore';
import { useWsStore } from '../state/wsStore';
import type { WsModelKind } from '../models/wsModel';
import type { ZooTask } from '../data/zoo';
import type { AugmentationId } from '../weightspace/augmentations';
import { fitController } from './fitController';
import { mnistSet } from './useMnist';

type Value = number | boolean | string;
interface Binding {
  get: () => Value;
  set: (v: Value) => void;
}

const exp = (): Experiment => useStore.getState().experiment;
const setExp = (patch: Partial<Experiment>): void => useStore.getState().setExperiment(patch);
const ws = useWsStore.getState;
const zoo = <K extends keyof ReturnType<typeof ws>['zooSettings']>(k: K): Binding => ({
  get: () => ws().zooSettings[k] as Value,
  set: (v) => ws().set({ zooSettings: { ...ws().zooSettings, [k]: v } }),
});
const train = <K extends keyof ReturnType<typeof ws>['trainSettings']>(k: K): Binding => ({
  get: () => ws().trainSettings[k] as Value,
  set: (v) => ws().set({ trainSettings: { ...ws().trainSettings, [k]: v } }),
});
const ablation = <K extends 'seeds' | 'views'>(k: K): Binding => ({
  get: () => ws().ablationSettings[k],
  set: (v) => ws().set({ ablationSettings: { ...ws().ablationSettings, [k]: v as number } }),
});
const pair = (get: () => PairSettings, put: (p: PairSettings) => void, k: keyof PairSettings): Binding => ({
  get: () => get()[k],
  set: (v) => put({ ...get(), [k]: k === 'kind' ? (v as PairKind) : (v as number) }),
});
const align = (k: keyof PairSettings): Binding => pair(() => useAlignStore.getState().settings, (settings) => useAlignStore.getState().set({ settings }), k);
const aug = useAugmentStore.getState;
const augPair = (k: keyof PairSettings): Binding => pair(() => aug().settings.pair, (p) => aug().set({ settings: { ...aug().settings, pair: p } }), k);

/** The panel a link opens on (scrolled to once, on load). */
let panel = 'fit';

const BINDINGS: Record<string, Binding> = {
  digit: { get: () => exp().digit, set: (v) => setExp({ digit: v as number }) },
  sample: { get: () => exp().sample, set: (v) => setExp({ sample: v as number }) },
  width: { get: () => String(exp().width), set: (v) => setExp({ width: Number(v) }) },
  depth: { get: () => exp().depth, set: (v) => setExp({ depth: v as number }) },
  w0: { get: () => exp().omega0, set: (v) => setExp({ omega0: v as number }) },
  lr: { get: () => exp().lr, set: (v) => setExp({ lr: v as number }) },
  spf: { get: () => String(exp().stepsPerFrame), set: (v) => setExp({ stepsPerFrame: Number(v) }) },
  seed: { get: () => exp().seed, set: (v) => setExp({ seed: v as number }) },
  stop: { get: () => exp().stopAtTarget, set: (v) => setExp({ stopAtTarget: v as boolean }) },
  ztask: { get: () => ws().zooSettings.task, set: (v) => ws().set({ zooSettings: { ...ws().zooSettings, task: v as ZooTask } }) },
  zn: zoo('count'),
  zsteps: zoo('maxSteps'),
  zseed: zoo('seed'),
  zmin: zoo('minPsnr'),
  zviews: zoo('viewsPerImage'),
  zshared: zoo('sharedInit'),
  model: { get: () => ws().trainSettings.kind, set: (v) => ws().set({ trainSettings: { ...ws().trainSettings, kind: v as WsModelKind } }) },
  mlayers: train('depth'),
  mch: train('channels'),
  mlr: train('lr'),
  epochs: train('epochs'),
  mseed: train('seed'),
  ff: train('fourier'),
  augs: { get: () => listToText(ws().trainSettings.augmentations), set: (v) => ws().set({ trainSettings: { ...ws().trainSettings, augmentations: textToList(v as string) } }) },
  views: train('views'),
  abl: {
    get: () => listToText(ws().ablationSettings.ids.map((id) => ({ id, p: 1 }))),
    set: (v) => ws().set({ ablationSettings: { ...ws().ablationSettings, ids: textToList(v as string).map((c) => c.id) } }),
  },
  ablseeds: ablation('seeds'),
  ablviews: ablation('views'),
  apair: align('kind'),
  adigit: align('digitA'),
  adigitb: align('digitB'),
  aseed: align('seedA'),
  aseedb: align('seedB'),
  arow: align('rowA'),
  arowb: align('rowB'),
  gaug: { get: () => aug().settings.id, set: (v) => aug().set({ settings: { ...aug().settings, id: v as AugmentationId } }) },
  gset: { get: () => aug().settings.setting ?? -1, set: (v) => aug().set({ settings: { ...aug().settings, setting: (v as number) < 0 ? null : (v as number) } }) },
  gseed: { get: () => aug().settings.seed, set: (v) => aug().set({ settings: { ...aug().settings, seed: v as number } }) },
  gpair: augPair('kind'),
  gdigit: augPair('digitA'),
  gdigitb: augPair('digitB'),
  gseeda: augPair('seedA'),
  gseedb: augPair('seedB'),
  grow: augPair('rowA'),
  growb: augPair('rowB'),
  panel: { get: () => panel, set: (v) => (panel = v as string) },
  demo: { get: () => useDemoStore.getState().demo, set: (v) => useDemoStore.getState().set({ demo: v as string, step: 0 }) },
  hide: { get: () => useDemoStore.getState().hide.join(','), set: (v) => useDemoStore.getState().set({ hide: (v as string).split(',').filter(Boolean) }) },
};

for (const spec of URL_SCHEMA) if (!BINDINGS[spec.key]) throw new Error(`the link key "${spec.key}" is bound to no setting`);

export function currentUrlState(): UrlState {
  const state: UrlState = Object.create(null) as UrlState;
  for (const spec of URL_SCHEMA) state[spec.key] = BINDINGS[spec.key].get();
  return state;
}

let applying = false;

/** Sets every key, then tells the fit what changed: a new digit, a new architecture or seed, live settings. */
async function apply(state: UrlState): Promise<void> {
  const before = exp();
  applying = true;
  try {
    for (const spec of URL_SCHEMA) if (BINDINGS[spec.key].get() !== state[spec.key]) BINDINGS[spec.key].set(state[spec.key]);
  } finally {
    applying = false;
  }
  const after = exp();
  if (after.lr !== before.lr) fitController.setLearningRate(after.lr);
  if (after.stepsPerFrame !== before.stepsPerFrame) fitController.setStepsPerFrame(after.stepsPerFrame);
  if (after.stopAtTarget !== before.stopAtTarget) fitController.setStopPsnr(after.stopAtTarget ? after.targetPsnr : null);
  const newTarget = after.digit !== before.digit || after.sample !== before.sample;
  if (newTarget) {
    setExp({ source: 'mnist' });
    const set = await mnistSet();
    const indices = indicesOfClass(set, after.digit);
    useStore.getState().setRuntime({ target: digitImage(set, indices[Math.min(after.sample, indices.length - 1)]) });
  }
  if (newTarget || after.width !== before.width || after.depth !== before.depth || after.omega0 !== before.omega0 || after.seed !== before.seed) fitController.setup();
}

/** A demo's preset under the link's own keys: what the link says wins. */
function withDemo(state: UrlState, present: Set<string>): UrlState {
  const demo = demoById(state.demo as string);
  if (!demo) return state;
  const out = { ...state };
  for (const [key, value] of Object.entries(demo.preset)) if (!present.has(key) && value !== undefined) out[key] = value;
  if (!present.has('panel')) out.panel = demo.panel;
  if (!present.has('hide')) out.hide = demo.hide.join(',');
  return out;
}

async function applyLink(): Promise<void> {
  const decoded = decodeUrl(location.hash);
  const { problems } = decoded;
  const state = withDemo(decoded.state, decoded.present);
  useUrlStore.getState().set({ problems });
  await apply(state);
  written = encodeUrl(currentUrlState(), true);
}

/** The link last written (or read), so an unchanged state writes nothing. */
let written = '';
let timer: ReturnType<typeof setTimeout> | null = null;

function write(): void {
  timer = null;
  const next = encodeUrl(currentUrlState(), true);
  if (next === written) return;
  const previous = decodeUrl(written).state;
  const now = decodeUrl(next).state;
  const discrete = URL_SCHEMA.some((s) => s.discrete && previous[s.key] !== now[s.key]);
  written = next;
  const url = `${location.pathname}${location.search}${next}`;
  if (discrete) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function scheduleWrite(): void {
  if (applying || timer) return;
  timer = setTimeout(write, 250);
}

/** Opens a demo (or, with '', leaves it): the link becomes the demo's, as if it had been opened. */
export function openDemo(id: string): void {
  history.pushState(null, '', `${location.pathname}${location.search}${id ? `#v=1&demo=${id}` : '#v=1'}`);
  void applyLink().then(() => scrollToPanel(panel));
}

/** Scrolls a panel's heading to the top (the panels below the fold load lazily: waits up to 5 s for it). */
function scrollToPanel(name: string, tries = 25): void {
  if (name === 'fit') return;
  const el = document.getElementById(name === 'symmetry' ? 'sym-title' : `${name}-title`);
  if (el) el.scrollIntoView({ block: 'start' });
  else if (tries > 0) setTimeout(() => scrollToPanel(name, tries - 1), 200);
}

/** The link of the page as it is now (written at once). */
export function shareLink(): string {
  if (timer) clearTimeout(timer);
  write();
  return `${location.origin}${location.pathname}${location.search}${written}`;
}

let started = false;

export function startUrlSync(): void {
  if (started) return;
  started = true;
  void applyLink().then(() => scrollToPanel(panel));
  // settings only: the fit's metrics change every frame and are not in the link
  useStore.subscribe((s, prev) => s.experiment !== prev.experiment && scheduleWrite());
  useWsStore.subscribe((s, prev) => (s.zooSettings !== prev.zooSettings || s.trainSettings !== prev.trainSettings || s.ablationSettings !== prev.ablationSettings) && scheduleWrite());
  useAlignStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useAugmentStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useDemoStore.subscribe((s, prev) => (s.demo !== prev.demo || s.hide !== prev.hide) && scheduleWrite());
  addEventListener('popstate', () => void applyLink());
  addEventListener('hashchange', () => void applyLink());
}
