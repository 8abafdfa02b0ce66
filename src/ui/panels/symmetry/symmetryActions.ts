/**
 * The symmetry panel's actions: load an INR, apply a symmetry or an input-space transform to its weights, undo /
 * redo, and render the original and the current INR (GPU) to show what changed and what did not.
 */
import { MNIST_SIDE } from '../../../data/mnistFile';
import { errorText } from '../../../data/errorText';
import { imageGrid, sirenLayout } from '../../../models/siren';
import { useSymmetryStore, type SymmetryStep } from '../../../state/symmetryStore';
import {
  affineOf,
  applyAffine,
  composeAffine,
  identityAffine,
  transformInputs,
  type InputTransform,
} from '../../../weightspace/inputTransforms';
import { Rng } from '../../../weightspace/rng';
import {
  negateSirenNeuron,
  permuteHidden,
  randomHiddenPermutation,
  shiftSirenBias,
  sortByOutgoingNorm,
  swapPermutation,
  type HiddenPermutation,
} from '../../../weightspace/symmetries';
import type { LoadedInr } from '../../io/inrSources';
import { renderInrs } from '../../io/inrSources';

/** seeds the random permutations: the n-th random action of a history uses seed + n */
export const SYMMETRY_SEED = 7;

const store = useSymmetryStore.getState;

function current(): SymmetryStep | null {
  const { history, cursor } = store();
  return history[cursor] ?? null;
}

export async function loadInr(load: () => Promise<LoadedInr>): Promise<void> {
  store().set({ busy: 'loading the INR…', error: null });
  try {
    const inr = await load();
    if (inr.spec.dims[0] !== 2) throw new Error('this view shows image INRs (2-D inputs)');
    const first: SymmetryStep = { label: 'original', params: inr.params, affine: identityAffine(2), move: null };
    store().set({
      source: { name: inr.name, spec: inr.spec, target: inr.target, notices: inr.notices ?? [] },
      history: [first],
      cursor: 0,
      selected: [],
      renders: null,
    });
    await refreshRenders();
  } catch (err) {
    store().set({ error: `The INR could not be loaded: ${errorText(err)}` });
  } finally {
    store().set({ busy: null });
  }
}

/** Adds a step after the current one (dropping any redo steps) and renders it. */
async function push(label: string, make: (step: SymmetryStep) => Omit<SymmetryStep, 'label'>): Promise<void> {
  const step = current();
  const { source, history, cursor } = store();
  if (!step || !source) return;
  const next = { label, ...make(step) };
  store().set({ history: [...history.slice(0, cursor + 1), next], cursor: cursor + 1 });
  await refreshRenders();
}

function permutationStep(step: SymmetryStep, perms: HiddenPermutation): Omit<SymmetryStep, 'label'> {
  const layout = sirenLayout(store().source!.spec);
  return { params: permuteHidden(layout, step.params, perms), affine: step.affine, move: perms };
}

export function randomPermutation(): Promise<void> {
  const layout = sirenLayout(store().source!.spec);
  const perms = randomHiddenPermutation(layout, new Rng(SYMMETRY_SEED + store().cursor));
  return push('random permutation of every hidden layer', (s) => permutationStep(s, perms));
}

export function sortNeurons(): Promise<void> {
  return push('neurons sorted by outgoing-weight norm', (s) =>
    permutationStep(s, sortByOutgoingNorm(sirenLayout(store().source!.spec), s.params)),
  );
}

export function swapSelected(): Promise<void> {
  const [a, b] = store().selected;
  if (!a || !b || a.hidden !== b.hidden) return Promise.resolve();
  store().set({ selected: [] });
  return push(`swap neurons ${a.j} and ${b.j} of hidden layer ${a.hidden}`, (s) =>
    permutationStep(s, swapPermutation(sirenLayout(store().source!.spec), a.hidden, a.j, b.j)),
  );
}

export function negateSelected(): Promise<void> {
  const picks = store().selected;
  if (picks.length === 0) return Promise.resolve();
  const layout = sirenLayout(store().source!.spec);
  return push(`negate ${picks.map((p) => `neuron ${p.j}`).join(' and ')} of hidden layer ${picks[0].hidden}`, (s) => ({
    params: picks.reduce((params, p) => negateSirenNeuron(layout, params, p.hidden, p.j), s.params),
    affine: s.affine,
    move: null,
  }));
}

export function shiftSelectedBias(k: number): Promise<void> {
  const picks = store().selected;
  if (picks.length === 0) return Promise.resolve();
  const { spec } = store().source!;
  const layout = sirenLayout(spec);
  return push(
    `shift the bias of ${picks.map((p) => `neuron ${p.j}`).join(' and ')} of hidden layer ${picks[0].hidden} by ${k}π/ω0`,
    (s) => ({
      params: picks.reduce((params, p) => shiftSirenBias(layout, params, spec.omega0, p.hidden, p.j, k), s.params),
      affine: s.affine,
      move: null,
    }),
  );
}

export function transformInput(transform: InputTransform, label: string): Promise<void> {
  const layout = sirenLayout(store().source!.spec);
  return push(label, (s) => ({
    params: transformInputs(layout, s.params, transform),
    affine: composeAffine(s.affine, affineOf(transform, 2), 2),
    move: null,
  }));
}

/** Picks (or unpicks) neuron j of a hidden layer; at most two, of one layer. */
export function toggleNeuron(hidden: number, j: number): void {
  const selected = store().selected.filter((p) => p.hidden === hidden);
  const at = selected.findIndex((p) => p.j === j);
  store().set({ selected: at >= 0 ? selected.filter((_, i) => i !== at) : [...selected, { hidden, j }].slice(-2) });
}

export async function moveInHistory(delta: number): Promise<void> {
  const { history, cursor } = store();
  const to = Math.max(0, Math.min(history.length - 1, cursor + delta));
  if (to === cursor) return;
  store().set({ cursor: to, selected: [] });
  await refreshRenders();
}

const maxAbsDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** Renders the original, the current INR and the original at the transformed coordinates in one GPU batch. */
export async function refreshRenders(): Promise<void> {
  const step = current();
  const { source, history } = store();
  if (!step || !source) return;
  try {
    const grid = imageGrid(MNIST_SIDE);
    const original = history[0].params;
    const n = MNIST_SIDE * MNIST_SIDE;
    const pair = new Float32Array(2 * original.length);
    pair.set(original);
    pair.set(step.params, original.length);
    const [both, expected] = await Promise.all([
      renderInrs(source.spec, pair, grid),
      renderInrs(source.spec, original, applyAffine(grid, 2, ...step.affine)),
    ]);
    if (current() !== step) return; // a newer action is on its way
    const [originalImage, currentImage] = [both.slice(0, n), both.slice(n, 2 * n)];
    store().set({
      renders: {
        step,
        original: originalImage,
        current: currentImage,
        expected,
        maxDiff: maxAbsDiff(currentImage, expected),
        maxDiffOriginal: maxAbsDiff(currentImage, originalImage),
      },
    });
  } catch (err) {
    store().set({ error: `The render failed: ${errorText(err)}` });
  }
}
