/** Turning any picture into a 28×28 target: box-filter downsampling to grayscale, strokes bright on dark. */
export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA bytes, row-major */
  data: ArrayLike<number>;
}

/**
 * Area-average of the image's luminance (Rec. 601 weights, alpha over black) onto a side×side grid in [0, 1];
 * when the picture is mostly light (mean > 0.5) it is inverted, since MNIST-like targets are light on dark.
 */
export function toTarget(image: RgbaImage, side = 28): Float32Array {
  const { width, height, data } = image;
  if (width < 1 || height < 1 || data.length < width * height * 4) throw new Error('the image has no pixels');
  const out = new Float32Array(side * side);
  const weight = new Float32Array(side * side);
  for (let y = 0; y < height; y++) {
    const row = Math.min(side - 1, Math.floor((y * side) / height));
    for (let x = 0; x < width; x++) {
      const col = Math.min(side - 1, Math.floor((x * side) / width));
      const i = 4 * (y * width + x);
      const alpha = data[i + 3] / 255;
      const luminance = (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]) / 255;
      out[row * side + col] += luminance * alpha;
      weight[row * side + col] += 1;
    }
  }
  let mean = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = weight[i] > 0 ? out[i] / weight[i] : 0;
    mean += out[i] / out.length;
  }
  if (mean > 0.5) for (let i = 0; i < out.length; i++) out[i] = 1 - out[i];
  return out;
}

/** Decodes an uploaded file (browser only) and returns its 28×28 target; rejects with a readable message. */
export async function targetFromFile(file: Blob, side = 28): Promise<Float32Array> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('That file could not be read as an image (PNG, JPEG, GIF, WebP or BMP).');
  }
  // cap the work for huge photos: the box filter only needs a few pixels per cell
  const scale = Math.min(1, 280 / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the image (no 2D canvas).');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return toTarget(context.getImageData(0, 0, width, height), side);
}
