/** State of the augmentation panel: which INRs, which augmentation, and the renders of the last draw. */
import { create } from 'zustand';
import type { AugmentationId } from '../weightspace/augmentations';
import type { MixupId } from '../weightspace/mixup';
import { DEFAULT_ALIGN, type PairSettings } from './alignStore';

export interface AugmentSettings {
  pair: PairSettings;
  id: AugmentationId;
  /** the augmentation's setting; null: its default */
  setting: number | null;
  /** seeds the draws */
  seed: number;
}

export const DEFAULT_AUGMENT: AugmentSettings = {
  pair: { ...DEFAULT_ALIGN, kind: 'digits' },
  id: 'rotate',
  setting: null,
  seed: 0,
};

export interface RenderedInr {
  image: Float32Array;
  /** PSNR (dB) to A's image, and to B's when the two fit different images */
  psnr: number[];
  label: string;
}

export type AugmentOutcome =
  | { kind: 'single'; id: AugmentationId; original: RenderedInr; samples: RenderedInr[] }
  | { kind: 'mixup'; alphas: number[]; rows: { variant: MixupId; blends: RenderedInr[] }[]; names: [string, string] };

interface AugmentState {
  settings: AugmentSettings;
  outcome: AugmentOutcome | null;
  busy: string | null;
  error: string | null;
  set: (patch: Partial<Omit<AugmentState, 'set'>>) => void;
}

export const useAugmentStore = create<AugmentState>((set) => ({
  settings: DEFAULT_AUGMENT,
  outcome: null,
  busy: null,
  error: null,
  set: (patch) => set(patch),
}));
