/** `ws curve`: the learning curve headless (train/learningCurve.ts): readers × nested subset sizes × seeds. */
import type { GpuRuntime } from '../gpu/runtime';
import { curveCsv, curveSizesOf, type CurveReader, type CurveRow } from '../train/curvePlan';
import { runLearningCurve } from '../train/learningCurve';
import { CliError, EXIT } from './cliErrors';
import { readZoo, writeOutput } from './cliFiles';
import { progressBar } from './progress';

export interface CurveArgs {
  zoo: string;
  readers: CurveReader[];
  sizes: number[];
  seeds: number[];
  /** every run's step budget, as epochs of the whole training split */
  epochs: number;
  /** the rows as CSV too, rewritten after every run */
  csv?: string;
}

export async function curveCommand(gpu: GpuRuntime, a: CurveArgs) {
  const zoo = readZoo(a.zoo);
  let sizes: number[];
  try {
    sizes = curveSizesOf(zoo, a.sizes);
  } catch (err) {
    throw new CliError(`${a.zoo}: ${(err as Error).message}`, EXIT.badInput);
  }
  const total = a.readers.length * sizes.length * a.seeds.length;
  const bar = progressBar('curve', total, 'runs');
  let rows: CurveRow[];
  const done: CurveRow[] = [];
  const started = performance.now();
  try {
    rows = await runLearningCurve(gpu, zoo, {
      readers: a.readers,
      sizes,
      seeds: a.seeds,
      fullEpochs: a.epochs,
      onEpoch: (reader, size, seed, epoch, epochs) =>
        bar.update(done.length, `${reader} ${size} INRs seed ${seed}: epoch ${epoch}/${epochs}`),
      onRow: (row) => {
        done.push(row);
        // a long curve leaves its rows so far on disk
        if (a.csv) writeOutput(a.csv, new TextEncoder().encode(curveCsv(done)));
      },
    });
  } catch (err) {
    throw new CliError((err as Error).message, zoo.valueDim > 0 ? EXIT.badInput : EXIT.failed);
  } finally {
    bar.stop();
  }
  if (a.csv) writeOutput(a.csv, new TextEncoder().encode(curveCsv(rows)));
  return { zoo: a.zoo, sizes, rows, seconds: (performance.now() - started) / 1000, ...(a.csv ? { csv: a.csv } : {}) };
}
