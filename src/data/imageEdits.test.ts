import { describe, expect, it } from 'vitest';
import { applyEdit } from './imageEdits';

// a 4×4 image with one lit pixel at (1, 2) and a dim one at (3, 0)
const image = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0.5, 0, 0, 0];

describe('image edits, computed by hand', () => {
  it('dilation (3×3 ones, one iteration) grows each pixel into its 3×3 square, the brighter winning', () => {
    // prettier-ignore
    expect(Array.from(applyEdit('dilate', image, 4))).toEqual([
      0, 1, 1, 1,
      0, 1, 1, 1,
      0.5, 1, 1, 1,
      0.5, 0.5, 0, 0,
    ]);
  });

  it('erosion keeps a pixel only where its whole 3×3 neighbourhood is lit', () => {
    const block = [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0];
    // prettier-ignore
    expect(Array.from(applyEdit('erode', block, 4))).toEqual([
      1, 1, 0, 0,
      1, 1, 0, 0,
      0, 0, 0, 0,
      0, 0, 0, 0,
    ]);
  });

  it('invert is 1 − x', () => {
    expect(Array.from(applyEdit('invert', [0, 0.25, 1, 0.5], 2))).toEqual([1, 0.75, 0, 0.5]);
  });
});
