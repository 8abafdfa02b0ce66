/** The align & merge panel's one action: get the two INRs (fit them, or read them from a zoo), align, interpolate. */
import { MNIST_SIDE } from '../../../data/mnistFile';
import { errorText } from '../../../data/errorText';
import type { MnistSet } from '../../../data/mnistFile';
import { imageGrid } from '../../../models/siren';
import { useAlignStore } from '../../../state/alignStore';
import { alignAndInterpolate } from '../../../train/alignExperiment';
import { loadPair, renderInrs } from '../../io/inrSources';

const store = useAlignStore.getState;

export async function runAlignment(mnist: MnistSet | null, zooId: string | null): Promise<void> {
  store().set({ busy: 'preparing…', error: null });
  try {
    const pair = await loadPair(mnist, zooId, store().settings, (busy) => store().set({ busy }));
    store().set({ busy: 'weight matching and 75 interpolated renders…' });
    const result = await alignAndInterpolate(pair.spec, pair.a, pair.b, pair.targets, renderInrs);
    const both = new Float32Array(2 * pair.a.length);
    both.set(pair.a);
    both.set(pair.b, pair.a.length);
    const ends = await renderInrs(pair.spec, both, imageGrid(MNIST_SIDE));
    const n = MNIST_SIDE * MNIST_SIDE;
    store().set({
      outcome: {
        ...result,
        spec: pair.spec,
        names: pair.names,
        endpoints: [ends.slice(0, n), ends.slice(n)],
        targets: pair.targets,
      },
      lambdaIndex: Math.floor(result.lambdas.length / 2),
    });
  } catch (err) {
    store().set({ error: `The alignment failed: ${errorText(err)}` });
  } finally {
    store().set({ busy: null });
  }
}
