import { describe, expect, it } from 'vitest';
import { toTarget } from './imageResize';

function image(
  width: number,
  height: number,
  pixel: (x: number, y: number) => number,
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixel(x, y);
      data.set([v, v, v, 255], 4 * (y * width + x));
    }
  }
  return { width, height, data };
}

describe('image → 28×28 target', () => {
  it('area-averages a large image', () => {
    // a 56×56 image whose left half is white: every 2×2 cell is uniform
    const t = toTarget(image(56, 56, (x) => (x < 28 ? 255 : 0)));
    expect(t[0]).toBeCloseTo(1, 6);
    expect(t[27]).toBeCloseTo(0, 6);
    expect(t[14 * 28 + 13]).toBeCloseTo(1, 6);
  });

  it('averages inside a cell and inverts light pictures', () => {
    // dark strokes on white paper: mean > 0.5 ⇒ inverted to light on dark
    const t = toTarget(image(28, 28, (x, y) => (x === 5 && y === 5 ? 0 : 255)));
    expect(t[5 * 28 + 5]).toBeCloseTo(1, 6);
    expect(t[0]).toBeCloseTo(0, 6);
    const half = toTarget(image(56, 28, (x) => (x % 2 === 0 ? 255 : 0)));
    expect(half[0]).toBeCloseTo(0.5, 6);
  });

  it('rejects an empty image', () => {
    expect(() => toTarget({ width: 0, height: 0, data: [] })).toThrow(/no pixels/);
  });
});
