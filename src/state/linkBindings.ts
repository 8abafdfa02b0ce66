/**
 * Where each link key's value lives (the bindings of the link table's rows, linkSchema.ts): read from and written
 * to the store field it stands for.
 */
import type { AugmentationId } from '../weightspace/augmentations';
import { useAlignStore, type PairSettings } from './alignStore';
import { listToText, textToList } from './augmentationList';
import { useAugmentStore } from './augmentStore';
import { useDemoStore } from './demoStore';
import { useFitStore, type Experiment } from './fitStore';
import { useLearnStore, type ZooSettings } from './learnStore';
import { useLinkStore } from './linkStore';
import type { LinkBinding, LinkValue } from './linkTypes';
import { useCurveStore, type CurveSettings } from './curveStore';
import { useMetaInitStore, type MetaInitSettings } from './metaInitStore';
import { useEditStore } from './editStore';
import type { EditTrainConfig } from '../train/editTrainConfig';

const fit = useFitStore.getState;
const learn = useLearnStore.getState;
const aug = useAugmentStore.getState;
const demoState = useDemoStore.getState;
/** an experiment field; `text` for one the link spells as an enum string */
export const exp = (k: keyof Experiment, text = false): LinkBinding => ({
  get: () => (text ? String(fit().experiment[k]) : fit().experiment[k]),
  set: (v) => fit().setExperiment({ [k]: text ? Number(v) : v }),
});
export const zoo = (k: keyof ZooSettings): LinkBinding => ({
  get: () => learn().zooSettings[k] as LinkValue,
  set: (v) => learn().set({ zooSettings: { ...learn().zooSettings, [k]: v } }),
});
export const train = (
  k:
    | 'kind'
    | 'depth'
    | 'channels'
    | 'lr'
    | 'weightDecay'
    | 'epochs'
    | 'seed'
    | 'fourier'
    | 'views'
    | 'probes'
    | 'headProbes'
    | 'canonical'
    | 'normalisation',
): LinkBinding => ({
  get: () => learn().trainSettings[k],
  set: (v) => learn().set({ trainSettings: { ...learn().trainSettings, [k]: v } }),
});
/** a learning-curve setting; the reader and size lists as comma-separated link text, the numbers as they are */
export const curve = (k: keyof CurveSettings): LinkBinding => ({
  get: () => {
    const v = useCurveStore.getState().settings[k];
    return Array.isArray(v) ? v.join(',') : v;
  },
  set: (v) => {
    const s = useCurveStore.getState().settings;
    const value = Array.isArray(s[k])
      ? String(v)
          .split(',')
          .filter(Boolean)
          .map((x) => (k === 'sizes' ? Number(x) : x))
      : v;
    useCurveStore.getState().set({ settings: { ...s, [k]: value } });
  },
});
/** an editing-model setting (the Edit INRs card) */
export const editSetting = (k: keyof EditTrainConfig): LinkBinding => ({
  get: () => useEditStore.getState().settings[k],
  set: (v) => useEditStore.getState().set({ settings: { ...useEditStore.getState().settings, [k]: v } }),
});
export const metaInit = (k: keyof MetaInitSettings, text = false): LinkBinding => ({
  get: () => (text ? String(useMetaInitStore.getState().settings[k]) : useMetaInitStore.getState().settings[k]),
  set: (v) =>
    useMetaInitStore
      .getState()
      .set({ settings: { ...useMetaInitStore.getState().settings, [k]: text ? Number(v) : v } }),
});
export const ablation = (k: 'seeds' | 'views'): LinkBinding => ({
  get: () => learn().ablationSettings[k],
  set: (v) => learn().set({ ablationSettings: { ...learn().ablationSettings, [k]: v as number } }),
});
const pair = (get: () => PairSettings, put: (p: PairSettings) => void, k: keyof PairSettings): LinkBinding => ({
  get: () => get()[k],
  set: (v) => put({ ...get(), [k]: v }),
});
export const align = (k: keyof PairSettings): LinkBinding =>
  pair(
    () => useAlignStore.getState().settings,
    (settings) => useAlignStore.getState().set({ settings }),
    k,
  );
export const augPair = (k: keyof PairSettings): LinkBinding =>
  pair(
    () => aug().settings.pair,
    (p) => aug().set({ settings: { ...aug().settings, pair: p } }),
    k,
  );
export const augSetting = <K extends 'id' | 'seed'>(k: K): LinkBinding => ({
  get: () => aug().settings[k],
  set: (v) => aug().set({ settings: { ...aug().settings, [k]: v as AugmentationId & number } }),
});

/** the training augmentations, as link text */
export const trainAugmentations: LinkBinding = {
  get: () => listToText(learn().trainSettings.augmentations),
  set: (v) => learn().set({ trainSettings: { ...learn().trainSettings, augmentations: textToList(v as string) } }),
};
/** the ablation's augmentations, as link text of bare ids (p = 1) */
export const ablationIds: LinkBinding = {
  get: () => listToText(learn().ablationSettings.ids.map((id) => ({ id, p: 1 }))),
  set: (v) =>
    learn().set({
      ablationSettings: { ...learn().ablationSettings, ids: textToList(v as string).map((c) => c.id) },
    }),
};
/** the augmentation panel's setting; −1 in the link for its default (null) */
export const augSettingValue: LinkBinding = {
  get: () => aug().settings.setting ?? -1,
  set: (v) => aug().set({ settings: { ...aug().settings, setting: (v as number) < 0 ? null : (v as number) } }),
};
export const panel: LinkBinding = {
  get: () => useLinkStore.getState().panel,
  set: (v) => useLinkStore.getState().set({ panel: v as string }),
};
export const demo: LinkBinding = {
  get: () => demoState().demo,
  set: (v) => demoState().set({ demo: v as string, step: 0 }),
};
/** the controls a link hides, as a comma-separated list */
export const hidden: LinkBinding = {
  get: () => demoState().hide.join(','),
  set: (v) => demoState().set({ hide: (v as string).split(',').filter(Boolean) }),
};
