/** The align & merge panel's one action: get the two INRs (fit them, or read them from a zoo), align, interpolate. */
import { digitImage, indicesOfClass, type MnistSet } from '../data/mnistFile';
import { imageGrid, type SirenSpec } from '../models/siren';
import { useAlignStore } from '../state/alignStore';
import { alignAndInterpolate } from '../train/alignExperiment';
import { fitInrs, renderInrs, zooInr } from './inrSources';

const SPEC: SirenSpec = { dims: [2, 32, 32, 1], omega0: 30 };
const store = useAlignStore.getState;

async function pairOf(mnist: MnistSet | null, zooId: string | null): Promise<{ spec: SirenSpec; a: Float32Array; b: Float32Array; names: [string, string]; targets: Float32Array[] }> {
  const s = store().settings;
  if (s.kind === 'zoo') {
    if (!zooId) throw new Error('make or pick a zoo in the Learn panel first');
    const image = (source: number): Float32Array | null => (mnist && source >= 0 ? digitImage(mnist, source) : null);
    const [a, b] = await Promise.all([zooInr(zooId, s.rowA, image), zooInr(zooId, s.rowB, image)]);
    if (a.spec.dims.join() !== b.spec.dims.join()) throw new Error('the two INRs have different architectures');
    if (!a.target || !b.target) throw new Error('the zoo INRs have no source image to measure the loss against');
    const same = a.target.every((v, i) => v === b.target![i]);
    return { spec: a.spec, a: a.params, b: b.params, names: [a.name, b.name], targets: same ? [a.target] : [a.target, b.target] };
  }
  if (!mnist) throw new Error('the MNIST digits are still loading');
  const imageA = digitImage(mnist, indicesOfClass(mnist, s.digitA)[0]);
  const imageB = s.kind === 'seeds' ? imageA : digitImage(mnist, indicesOfClass(mnist, s.digitB)[0]);
  store().set({ busy: 'fitting the two INRs (stop at 40 dB)…' });
  const targets = new Float32Array(2 * imageA.length);
  targets.set(imageA);
  targets.set(imageB, imageA.length);
  const fit = await fitInrs(SPEC, targets, [s.seedA, s.seedB]);
  const P = fit.params.length / 2;
  const digitB = s.kind === 'seeds' ? s.digitA : s.digitB;
  return {
    spec: SPEC,
    a: fit.params.slice(0, P),
    b: fit.params.slice(P),
    names: [`digit ${s.digitA}, seed ${s.seedA} (${fit.psnr[0].toFixed(1)} dB)`, `digit ${digitB}, seed ${s.seedB} (${fit.psnr[1].toFixed(1)} dB)`],
    targets: s.kind === 'seeds' ? [imageA] : [imageA, imageB],
  };
}

export async function runAlignment(mnist: MnistSet | null, zooId: string | null): Promise<void> {
  store().set({ busy: 'preparing…', error: null });
  try {
    const pair = await pairOf(mnist, zooId);
    store().set({ busy: 'weight matching and 75 interpolated renders…' });
    const result = await alignAndInterpolate(pair.spec, pair.a, pair.b, pair.targets, renderInrs);
    const both = new Float32Array(2 * pair.a.length);
    both.set(pair.a);
    both.set(pair.b, pair.a.length);
    const ends = await renderInrs(pair.spec, both, imageGrid(28));
    const n = 28 * 28;
    store().set({ outcome: { ...result, spec: pair.spec, names: pair.names, endpoints: [ends.slice(0, n), ends.slice(n)], targets: pair.targets }, lambdaIndex: Math.floor(result.lambdas.length / 2) });
  } catch (err) {
    store().set({ error: `The alignment failed: ${String(err instanceof Error ? err.message : err)}` });
  } finally {
    store().set({ busy: null });
  }
}
