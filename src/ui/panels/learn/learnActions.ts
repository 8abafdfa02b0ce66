/** The Learn panel's recipe actions: the zoo card's and the init card's recipes from their settings, sent to the Worker. */
import { checksumOf } from '../../../data/checksum';
import { DATASET_INFO, isImageDataset } from '../../../data/imageDatasets';
import { errorText } from '../../../data/errorText';
import { loadInitBytes } from '../../../data/initStore';
import type { ZooRecipe } from '../../../data/zoo';
import { inrFromSafetensors, type InrRecord } from '../../../data/zooSafetensors';
import { useLearnStore } from '../../../state/learnStore';
import { useMetaInitStore } from '../../../state/metaInitStore';
import { DEFAULT_META_INIT } from '../../../train/metaInit';
import { DEFAULT_MNIST_ZOO, DEFAULT_SINE_ZOO } from '../../../train/zooGen';
import { learnNotice } from '../../io/learnLibrary';
import { learnClient } from '../../workers/learnClient';

/** A zoo of the card's recipe; from the learned init it names, loaded from the browser's storage. */
export async function generateZoo(): Promise<void> {
  const s = useLearnStore.getState().zooSettings;
  const image = isImageDataset(s.task);
  const base = image ? { ...DEFAULT_MNIST_ZOO, task: s.task } : DEFAULT_SINE_ZOO;
  let learned: InrRecord | null = null;
  if (image && s.learnedInitId) {
    try {
      learned = inrFromSafetensors(new Uint8Array(await loadInitBytes(s.learnedInitId)));
    } catch (err) {
      return learnNotice('error', `The learned init could not be loaded: ${errorText(err)}`);
    }
  }
  const recipe: ZooRecipe = {
    ...base,
    count: s.count,
    sharedInit: s.sharedInit && !learned,
    seed: s.seed,
    maxSteps: s.maxSteps,
    stopPsnr: image ? s.targetPsnr : base.stopPsnr,
    minPsnr: image && s.minPsnr > 0 ? s.minPsnr : null,
    viewsPerImage: image ? s.viewsPerImage : 1,
    // from a learned init, the fits take the step size it was meta-trained for
    lr: learned?.fitLr ?? base.lr,
    ...(learned ? { learnedInit: { name: learned.name, checksum: checksumOf(learned.params) } } : {}),
  };
  learnClient.generate(recipe, learned?.params);
}

/** Meta-trains an init with the init card's recipe. */
export function learnInit(): void {
  const s = useMetaInitStore.getState().settings;
  learnNotice(
    'info',
    `Learning an init: ${s.outerSteps} outer steps of ${s.metaBatch} ${DATASET_INFO[s.dataset].label} images × ${s.innerSteps} steps…`,
  );
  learnClient.learnInit(
    {
      ...DEFAULT_META_INIT,
      dataset: s.dataset,
      outerSteps: s.outerSteps,
      innerSteps: s.innerSteps,
      innerLr: s.innerLr,
      metaBatch: s.metaBatch,
      seed: s.seed,
    },
    s.curveImages,
    s.curveSteps,
  );
}
