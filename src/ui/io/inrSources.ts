/** Where the symmetry and alignment panels get INRs from: the live fit, a saved zoo, or fits made for them. */
import { digitImage, indicesOfClass, type MnistSet } from '../../data/mnistFile';
import { parseZoo } from '../../data/zoo';
import { loadZooBytes } from '../../data/zooStore';
import { inrFromSafetensors } from '../../data/zooSafetensors';
import type { SirenSpec } from '../../models/siren';
import type { PairSettings } from '../../state/alignStore';
import { fitClient } from '../workers/fitClient';

/** The architecture of INRs fitted for a pair. */
const PAIR_SPEC: SirenSpec = { dims: [2, 32, 32, 1], omega0: 30 };

export interface LoadedInr {
  name: string;
  spec: SirenSpec;
  params: Float32Array;
  target: Float32Array | null;
  /** what its file did not say and was assumed (another tool's file: ω0, dims), for the page to show */
  notices?: string[];
}

export async function liveFitInr(): Promise<LoadedInr> {
  const answer = await fitClient.request({ type: 'read-fit' });
  if (answer.kind !== 'fit') throw new Error('unexpected answer from the fit worker');
  return {
    name: `the fit above (step ${answer.step})`,
    spec: answer.spec,
    params: answer.params,
    target: answer.target,
  };
}

/** INR `row` of a saved zoo (any split), with the MNIST image it was fitted to when the zoo is of digits. */
export async function zooInr(
  zooId: string,
  row: number,
  digitImage?: (source: number) => Float32Array | null,
): Promise<LoadedInr> {
  const zoo = parseZoo(await loadZooBytes(zooId));
  if (!Number.isInteger(row) || row < 0 || row >= zoo.count)
    throw new Error(`the zoo has INRs 0–${zoo.count - 1}, not ${row}`);
  if (zoo.recipe.dims[0] !== 2) throw new Error('this view shows image INRs; the zoo is of 1-D sines');
  const params = zoo.params.slice(row * zoo.paramCount, (row + 1) * zoo.paramCount);
  const label = zoo.labels[row] >= 0 ? `digit ${zoo.labels[row]}` : '';
  return {
    name: `zoo INR #${row} ${label}`.trim(),
    spec: { dims: zoo.recipe.dims, omega0: zoo.recipe.omega0 },
    params,
    target: digitImage?.(zoo.source[row]) ?? null,
  };
}

/** An INR file's network (safetensors: seq.{k}.weight / bias, metadata dims and omega0). */
export function fileInr(bytes: Uint8Array, fileName: string): LoadedInr {
  const notices: string[] = [];
  const inr = inrFromSafetensors(bytes, fileName, notices);
  return {
    name: `${inr.name} (file)`,
    spec: { dims: inr.dims, omega0: inr.omega0 },
    params: inr.params,
    target: null,
    notices,
  };
}

/** `[B, N]` renders of `[B, P]` networks at `[N, d0]` coordinates (one dispatch on the GPU). */
export async function renderInrs(spec: SirenSpec, params: Float32Array, coords: Float32Array): Promise<Float32Array> {
  const answer = await fitClient.request({ type: 'render', spec, params, coords });
  if (answer.kind !== 'render') throw new Error('unexpected answer from the fit worker');
  return answer.images;
}

/** One SIREN per target, each from its own init seed, fitted by the recipe (stop at 40 dB or maxSteps). */
export async function fitInrs(
  spec: SirenSpec,
  targets: Float32Array,
  seeds: number[],
  maxSteps = 1000,
): Promise<{ params: Float32Array; psnr: Float32Array }> {
  const side = Math.round(Math.sqrt(targets.length / seeds.length));
  const answer = await fitClient.request({ type: 'fit-many', spec, targets, seeds, side, maxSteps, stopPsnr: 40 });
  if (answer.kind !== 'fit-many') throw new Error('unexpected answer from the fit worker');
  return answer;
}

export interface InrPair {
  spec: SirenSpec;
  a: Float32Array;
  b: Float32Array;
  names: [string, string];
  /** the image each fits (one when both fit the same image) */
  targets: Float32Array[];
}

/** The two INRs the settings name: read from the selected zoo, or fitted now by the recipe (`onBusy` says so). */
export async function loadPair(
  mnist: MnistSet | null,
  zooId: string | null,
  s: PairSettings,
  onBusy: (text: string) => void,
): Promise<InrPair> {
  if (s.kind === 'zoo') {
    if (!zooId) throw new Error('make or pick a zoo in the Learn panel first');
    const image = (source: number): Float32Array | null => (mnist && source >= 0 ? digitImage(mnist, source) : null);
    const [a, b] = await Promise.all([zooInr(zooId, s.rowA, image), zooInr(zooId, s.rowB, image)]);
    if (a.spec.dims.join() !== b.spec.dims.join()) throw new Error('the two INRs have different architectures');
    if (!a.target || !b.target) throw new Error('the zoo INRs have no source image to measure the loss against');
    const same = a.target.every((v, i) => v === b.target![i]);
    return {
      spec: a.spec,
      a: a.params,
      b: b.params,
      names: [a.name, b.name],
      targets: same ? [a.target] : [a.target, b.target],
    };
  }
  if (!mnist) throw new Error('the MNIST digits are still loading');
  const imageA = digitImage(mnist, indicesOfClass(mnist, s.digitA)[0]);
  const imageB = s.kind === 'seeds' ? imageA : digitImage(mnist, indicesOfClass(mnist, s.digitB)[0]);
  onBusy('fitting the two INRs (stop at 40 dB)…');
  const targets = new Float32Array(2 * imageA.length);
  targets.set(imageA);
  targets.set(imageB, imageA.length);
  const fit = await fitInrs(PAIR_SPEC, targets, [s.seedA, s.seedB]);
  const P = fit.params.length / 2;
  const digitB = s.kind === 'seeds' ? s.digitA : s.digitB;
  return {
    spec: PAIR_SPEC,
    a: fit.params.slice(0, P),
    b: fit.params.slice(P),
    names: [
      `digit ${s.digitA}, seed ${s.seedA} (${fit.psnr[0].toFixed(1)} dB)`,
      `digit ${digitB}, seed ${s.seedB} (${fit.psnr[1].toFixed(1)} dB)`,
    ],
    targets: s.kind === 'seeds' ? [imageA] : [imageA, imageB],
  };
}
