/**
 * Keeps the page's settings and its link in step through the link table (state/linkSchema.ts), whose rows say
 * which store field each key stands for. On load, and on back / forward or a hand-edited hash, the link is decoded and
 * applied (invalid values listed in the URL notice); every settings change writes the link back, leaving out
 * defaults: with replaceState for edits, pushState when a discrete key (a digit, the panel) changed.
 */
import { digitImage, indicesOfClass } from '../../data/mnistFile';
import { useAlignStore } from '../../state/alignStore';
import { useAugmentStore } from '../../state/augmentStore';
import { demoById } from '../../state/demos';
import { useDemoStore } from '../../state/demoStore';
import { useFitStore, type Experiment } from '../../state/fitStore';
import { decodeLink, encodeLink } from '../../state/linkCodec';
import { LINK_SCHEMA, type LinkState } from '../../state/linkSchema';
import { useLinkStore } from '../../state/linkStore';
import { useLearnStore } from '../../state/learnStore';
import { useMetaInitStore } from '../../state/metaInitStore';
import { useCurveStore } from '../../state/curveStore';
import { useEditStore } from '../../state/editStore';
import { fitClient } from '../workers/fitClient';
import { mnistSet } from '../hooks/useMnist';
import { LinkNavigation } from './linkNavigation';

export function currentLinkState(): LinkState {
  const state: LinkState = Object.create(null) as LinkState;
  for (const spec of LINK_SCHEMA) state[spec.key] = spec.bind.get();
  return state;
}

const exp = (): Experiment => useFitStore.getState().experiment;
const setExp = (patch: Partial<Experiment>): void => useFitStore.getState().setExperiment(patch);

let applying = false;

/** Sets every key, then tells the fit what changed: a new digit, a new architecture or seed, live settings. */
async function apply(state: LinkState): Promise<void> {
  const before = exp();
  applying = true;
  try {
    for (const spec of LINK_SCHEMA) if (spec.bind.get() !== state[spec.key]) spec.bind.set(state[spec.key]);
  } finally {
    applying = false;
  }
  const after = exp();
  if (after.lr !== before.lr) fitClient.setLearningRate(after.lr);
  if (after.stepsPerFrame !== before.stepsPerFrame) fitClient.setStepsPerFrame(after.stepsPerFrame);
  if (after.stopAtTarget !== before.stopAtTarget) fitClient.setStopPsnr(after.stopAtTarget ? after.targetPsnr : null);
  const newTarget = after.digit !== before.digit || after.sample !== before.sample;
  if (newTarget) {
    setExp({ source: 'mnist' });
    const set = await mnistSet();
    const indices = indicesOfClass(set, after.digit);
    useFitStore.getState().setRuntime({ target: digitImage(set, indices[Math.min(after.sample, indices.length - 1)]) });
  }
  if (
    newTarget ||
    after.width !== before.width ||
    after.depth !== before.depth ||
    after.omega0 !== before.omega0 ||
    after.seed !== before.seed
  )
    fitClient.setup();
}

/** A demo's preset under the link's own keys: what the link says wins. */
function withDemo(state: LinkState, present: Set<string>): LinkState {
  const demo = demoById(state.demo as string);
  if (!demo) return state;
  const out = { ...state };
  for (const [key, value] of Object.entries(demo.preset))
    if (!present.has(key) && value !== undefined) out[key] = value;
  if (!present.has('panel')) out.panel = demo.panel;
  if (!present.has('hide')) out.hide = demo.hide.join(',');
  return out;
}

async function applyHash(hash: string): Promise<void> {
  const decoded = decodeLink(hash);
  const { problems } = decoded;
  const state = withDemo(decoded.state, decoded.present);
  useLinkStore.getState().set({ problems });
  await apply(state);
  written = encodeLink(currentLinkState(), true);
}

const navigation = new LinkNavigation(applyHash);

/** The link last written (or read), so an unchanged state writes nothing. */
let written = '';
let timer: ReturnType<typeof setTimeout> | null = null;

function write(): void {
  timer = null;
  const next = encodeLink(currentLinkState(), true);
  if (next === written) return;
  const previous = decodeLink(written).state;
  const now = decodeLink(next).state;
  const discrete = LINK_SCHEMA.some((s) => s.discrete && previous[s.key] !== now[s.key]);
  written = next;
  const url = `${location.pathname}${location.search}${next}`;
  if (discrete) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  navigation.wrote(location.hash);
}

function scheduleWrite(): void {
  if (applying || timer) return;
  timer = setTimeout(write, 250);
}

/** Opens a demo (or, with '', leaves it): the link becomes the demo's, as if it had been opened. */
export function openDemo(id: string): void {
  history.pushState(null, '', `${location.pathname}${location.search}${id ? `#v=1&demo=${id}` : '#v=1'}`);
  void navigation.force(location.hash).then(() => scrollToPanel(useLinkStore.getState().panel));
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

export function startLinkSync(): void {
  if (started) return;
  started = true;
  void navigation.force(location.hash).then(() => scrollToPanel(useLinkStore.getState().panel));
  // settings only: the fit's metrics change every frame and are not in the link
  useFitStore.subscribe((s, prev) => s.experiment !== prev.experiment && scheduleWrite());
  useLearnStore.subscribe(
    (s, prev) =>
      (s.zooSettings !== prev.zooSettings ||
        s.trainSettings !== prev.trainSettings ||
        s.ablationSettings !== prev.ablationSettings) &&
      scheduleWrite(),
  );
  useMetaInitStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useCurveStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useEditStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useAlignStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useAugmentStore.subscribe((s, prev) => s.settings !== prev.settings && scheduleWrite());
  useDemoStore.subscribe((s, prev) => (s.demo !== prev.demo || s.hide !== prev.hide) && scheduleWrite());
  // back / forward fire both for one hash: the navigation applies it once, and one link at a time
  addEventListener('popstate', () => void navigation.request(location.hash));
  addEventListener('hashchange', () => void navigation.request(location.hash));
}
