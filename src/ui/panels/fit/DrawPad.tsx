import { MNIST_SIDE } from '../../../data/mnistFile';
import { useEffect, useRef } from 'react';

const SCALE = 8;

/** A 28×28 pad: drag to paint with a soft round brush; each finished stroke is sent as the new target. */
export function DrawPad({ onDrawn }: { onDrawn: (image: Float32Array) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const image = useRef(new Float32Array(MNIST_SIDE * MNIST_SIDE));
  const drawing = useRef(false);

  const paint = (): void => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const pixels = context.createImageData(MNIST_SIDE, MNIST_SIDE);
    image.current.forEach((v, i) => pixels.data.set([v * 255, v * 255, v * 255, 255], 4 * i));
    context.putImageData(pixels, 0, 0);
  };
  useEffect(paint, []);

  const brush = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const cx = ((event.clientX - rect.left) / rect.width) * MNIST_SIDE;
    const cy = ((event.clientY - rect.top) / rect.height) * MNIST_SIDE;
    for (let y = Math.floor(cy - 2); y <= cy + 2; y++) {
      for (let x = Math.floor(cx - 2); x <= cx + 2; x++) {
        if (x < 0 || y < 0 || x >= MNIST_SIDE || y >= MNIST_SIDE) continue;
        // Gaussian brush, σ ≈ 0.9 px: strokes about as thick as MNIST's
        const d2 = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2;
        const i = y * MNIST_SIDE + x;
        image.current[i] = Math.min(1, image.current[i] + Math.exp(-d2 / 1.6));
      }
    }
    paint();
  };

  return (
    <div className="draw-pad">
      <canvas
        ref={canvas}
        width={MNIST_SIDE}
        height={MNIST_SIDE}
        style={{ width: MNIST_SIDE * SCALE, height: MNIST_SIDE * SCALE }}
        data-testid="draw-pad"
        aria-label="drawing pad"
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          brush(e);
        }}
        onPointerMove={(e) => drawing.current && brush(e)}
        onPointerUp={() => {
          drawing.current = false;
          onDrawn(image.current.slice());
        }}
      />
      <button
        className="secondary"
        onClick={() => {
          image.current.fill(0);
          paint();
        }}
      >
        Clear
      </button>
    </div>
  );
}
