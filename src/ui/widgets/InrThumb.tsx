import { MNIST_SIDE } from '../../data/mnistFile';
import { useEffect, useRef } from 'react';

/** A decoded INR, small: a 28×28 image, or the curve of a 1-D INR. */
export function InrThumb({ image, caption, tone }: { image: Float32Array; caption?: string; tone?: 'good' | 'bad' }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const side = MNIST_SIDE;
  const isImage = image.length === side * side;
  useEffect(() => {
    const c = ref.current?.getContext('2d');
    if (!c) return;
    if (isImage) {
      const pixels = c.createImageData(side, side);
      for (let i = 0; i < side * side; i++) {
        const v = Math.round(255 * Math.min(1, Math.max(0, image[i])));
        pixels.data.set([v, v, v, 255], 4 * i);
      }
      c.putImageData(pixels, 0, 0);
      return;
    }
    // 1-D: the curve f(x) + 0.5 over x ∈ [-1, 1], y range ±2.5 around the offset
    const { width, height } = c.canvas;
    c.fillStyle = '#000';
    c.fillRect(0, 0, width, height);
    c.strokeStyle = '#7c9cff';
    c.lineWidth = 1.5;
    c.beginPath();
    image.forEach((v, i) => {
      const x = (i / (image.length - 1)) * width;
      const y = height / 2 - ((v - 0.5) / 5) * height;
      if (i === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    });
    c.stroke();
  }, [image, isImage]);
  return (
    <figure className={`inr-thumb ${tone ?? ''}`}>
      <canvas
        ref={ref}
        width={isImage ? side : 96}
        height={isImage ? side : 56}
        className={isImage ? 'pixelated' : ''}
      />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
