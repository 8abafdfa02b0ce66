/**
 * The augmentation panel's one action: get the INRs, draw the augmentation, render every result in one GPU batch,
 * and measure each render against the image(s) the INRs fit. Single augmentations draw 8 samples of A from the
 * panel's seed; mixup shows every variant at α ∈ {1, .75, .5, .25, 0} (θ = α·A + (1 − α)·T(B)).
 */
import { MNIST_SIDE } from '../../../data/mnistFile';
import { errorText } from '../../../data/errorText';
import type { MnistSet } from '../../../data/mnistFile';
import { imageGrid, meanSquaredError, psnrFromMse, sirenLayout } from '../../../models/siren';
import { useAugmentStore, type AugmentOutcome, type RenderedInr } from '../../../state/augmentStore';
import { AUGMENTATIONS, augmentNetwork } from '../../../weightspace/augmentations';
import { blend, isMixup, MIXUP_IDS, mixupPartner } from '../../../weightspace/mixup';
import { Rng } from '../../../weightspace/rng';
import { loadPair, renderInrs, type InrPair } from '../../io/inrSources';

export const SAMPLES = 8;
export const MIXUP_ALPHAS = [1, 0.75, 0.5, 0.25, 0];
const store = useAugmentStore.getState;

/** The last pair loaded, so that drawing again does not refit the same two INRs. */
let cached: { key: string; pair: Promise<InrPair> } | null = null;

function pairFor(mnist: MnistSet | null, zooId: string | null): Promise<InrPair> {
  const { pair } = store().settings;
  const key = JSON.stringify([pair, pair.kind === 'zoo' ? zooId : null]);
  if (cached?.key !== key) {
    const loading = loadPair(mnist, zooId, pair, (busy) => store().set({ busy }));
    cached = { key, pair: loading };
    loading.catch(() => cached?.pair === loading && (cached = null));
  }
  return cached.pair;
}

export async function applyAugmentation(mnist: MnistSet | null, zooId: string | null): Promise<void> {
  const { settings: s } = store();
  store().set({ busy: 'preparing…', error: null });
  try {
    const pair = await pairFor(mnist, zooId);
    const layout = sirenLayout(pair.spec);
    const P = layout.paramCount;
    const nets: Float32Array[] = [];
    const labels: string[] = [];
    if (isMixup(s.id)) {
      for (const variant of MIXUP_IDS) {
        const partner = mixupPartner(variant, layout, pair.a, pair.b, new Rng(s.seed));
        for (const alpha of MIXUP_ALPHAS) {
          nets.push(blend(pair.a, partner, alpha));
          labels.push(`α = ${alpha}`);
        }
      }
    } else {
      nets.push(pair.a);
      labels.push(`A: ${pair.names[0]}`);
      const rng = new Rng(s.seed);
      const setting = s.setting ?? AUGMENTATIONS[s.id].setting?.default;
      for (let k = 0; k < SAMPLES; k++) {
        nets.push(augmentNetwork(s.id, layout, pair.a, rng, pair.spec.omega0, setting));
        labels.push(`sample ${k + 1}`);
      }
    }
    store().set({ busy: `rendering ${nets.length} INRs…` });
    const batch = new Float32Array(nets.length * P);
    nets.forEach((n, i) => batch.set(n, i * P));
    const side = MNIST_SIDE;
    const images = await renderInrs(pair.spec, batch, imageGrid(side));
    const rendered: RenderedInr[] = nets.map((_, i) => {
      const image = images.slice(i * side * side, (i + 1) * side * side);
      return { image, label: labels[i], psnr: pair.targets.map((t) => psnrFromMse(meanSquaredError(image, t))) };
    });
    const outcome: AugmentOutcome = isMixup(s.id)
      ? {
          kind: 'mixup',
          alphas: MIXUP_ALPHAS,
          names: pair.names,
          rows: MIXUP_IDS.map((variant, v) => ({
            variant,
            blends: rendered.slice(v * MIXUP_ALPHAS.length, (v + 1) * MIXUP_ALPHAS.length),
          })),
        }
      : { kind: 'single', id: s.id, original: rendered[0], samples: rendered.slice(1) };
    store().set({ outcome });
  } catch (err) {
    store().set({ error: `The augmentation failed: ${errorText(err)}` });
  } finally {
    store().set({ busy: null });
  }
}
