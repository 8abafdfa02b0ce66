import { useEffect, useRef } from 'react';

/** A side×side grayscale image (values in [0, 1], clipped) drawn pixel-exact and scaled up by CSS. */
export function ImageCanvas({
  image,
  side,
  testId,
  label,
}: {
  image: Float32Array | null;
  side: number;
  testId: string;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const pixels = context.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const v = image ? Math.round(255 * Math.min(1, Math.max(0, image[i]))) : 0;
      pixels.data.set([v, v, v, 255], 4 * i);
    }
    context.putImageData(pixels, 0, 0);
  }, [image, side]);
  return (
    <figure className="image-canvas">
      <canvas ref={ref} width={side} height={side} data-testid={testId} aria-label={label} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
