/**
 * The edits an editing model learns (issue: weight space to weight space), applied to an INR's own render:
 * dilation and erosion with a 3×3 square of ones, one iteration (grey-level: the max / min of each pixel's 3×3
 * neighbourhood, the image's border neighbours only), as in NFN's MNIST-INR dilation benchmark; and inverting the
 * intensity (1 − x), an edit that lives in the last layer alone.
 */
export const IMAGE_EDITS = ['dilate', 'erode', 'invert'] as const;
export type ImageEdit = (typeof IMAGE_EDITS)[number];

/** `image` `[side²]` row-major, edited. */
export function applyEdit(edit: ImageEdit, image: ArrayLike<number>, side: number): Float32Array {
  const out = new Float32Array(side * side);
  if (edit === 'invert') {
    for (let i = 0; i < out.length; i++) out[i] = 1 - image[i];
    return out;
  }
  const pick = edit === 'dilate' ? Math.max : Math.min;
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      let v = image[r * side + c];
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const [rr, cc] = [r + dr, c + dc];
          if (rr >= 0 && rr < side && cc >= 0 && cc < side) v = pick(v, image[rr * side + cc]);
        }
      out[r * side + c] = v;
    }
  return out;
}

/** Every image of `[count, side²]` edited. */
export function applyEditBatch(edit: ImageEdit, images: Float32Array, side: number): Float32Array {
  const n = side * side;
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length / n; i++)
    out.set(applyEdit(edit, images.subarray(i * n, (i + 1) * n), side), i * n);
  return out;
}
