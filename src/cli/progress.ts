/** A progress bar on stderr (drawn only on a terminal; stdout stays free for --json). */
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** `total`: a new total (a pass with another size) */
  update(value: number, detail?: string, total?: number): void;
  stop(): void;
}

export function progressBar(label: string, total: number, unit: string): Progress {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left {detail}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { detail: '' });
  return {
    update: (value, detail = '', newTotal = total) => {
      if (newTotal !== total) bar.setTotal((total = newTotal));
      bar.update(Math.min(total, Math.round(value)), { detail });
    },
    stop: () => bar.stop(),
  };
}
