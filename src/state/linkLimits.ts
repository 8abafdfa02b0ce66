/** The link table's limits that span keys (linkSchema.ts holds the per-key ones). */
import { MAX_TRAIN_PARAMS } from '../gpu/kernels/sirenShader';
import { mlpLayout, sirenDims } from '../weightspace/layout';
import type { LinkState } from './linkTypes';

/**
 * Limits that span keys, applied after each key is read on its own: each brings a state within it (changing the
 * fewest keys) and says what it changed, for the link's notice; null when the state was already within it.
 */
export const CROSS_FIELD_LIMITS: readonly ((state: LinkState) => string | null)[] = [
  // the fitting kernel takes at most MAX_TRAIN_PARAMS parameters: keep the width, drop hidden layers until it fits
  (state) => {
    const width = Number(state.width);
    const params = (depth: number): number => mlpLayout(sirenDims(2, width, depth, 1)).paramCount;
    const depth = state.depth as number;
    if (params(depth) <= MAX_TRAIN_PARAMS) return null;
    let fits = depth;
    while (fits > 1 && params(fits) > MAX_TRAIN_PARAMS) fits--;
    state.depth = fits;
    return `width=${width} with depth=${depth} is a SIREN of ${params(depth)} parameters, over the ${MAX_TRAIN_PARAMS} the fitting kernel takes; using depth=${fits}.`;
  },
];
