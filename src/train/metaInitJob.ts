/**
 * The weight-space Worker's meta-training job: meta-train an init (metaInit.ts) on the training part of the digits,
 * pausable between outer steps and stoppable, then measure the fit from it and from the standard init on held-out
 * digits (initCurve.ts). One job at a time, in a slot of its own: it never stops a training run, nor one it.
 */
import { imageParts, type MnistSet } from '../data/mnistFile';
import type { GpuRuntime } from '../gpu/runtime';
import { compareOnHeldOut } from './initCurve';
import { metaInitSpec, metaTrainInit, type MetaInitRecipe } from './metaInit';
import type { WsEvent } from './wsProtocol';

interface Job {
  stop: AbortController;
  paused: boolean;
  wake: (() => void) | null;
}

let job: Job | null = null;

export function pauseMetaInit(paused: boolean, emit: (e: WsEvent) => void): void {
  if (!job) return;
  job.paused = paused;
  emit({ type: 'metainit-paused', paused });
  if (!paused) job.wake?.();
}

export function stopMetaInit(): void {
  job?.stop.abort();
  job?.wake?.();
}

export async function runMetaInit(
  gpu: GpuRuntime,
  mnist: MnistSet,
  r: { recipe: MetaInitRecipe; curveImages: number; curveSteps: number },
  emit: (e: WsEvent, transfer?: Transferable[]) => void,
): Promise<void> {
  if (job) {
    emit({ type: 'error', scope: 'metainit', message: 'An init is being learned already: stop it first.' });
    return;
  }
  const mine: Job = { stop: new AbortController(), paused: false, wake: null };
  job = mine;
  try {
    const parts = imageParts(mnist);
    const started = performance.now();
    const result = await metaTrainInit(gpu, r.recipe, mnist, parts.train, {
      // about 60 points on the meta-loss curve (each check is a readback: the queue drains)
      checkEvery: Math.max(1, Math.floor(r.recipe.outerSteps / 60)),
      signal: mine.stop.signal,
      onProgress: (progress) => emit({ type: 'metainit-progress', progress, phase: 'meta' }),
      whilePaused: async () => {
        while (mine.paused && !mine.stop.signal.aborted) await new Promise<void>((wake) => (mine.wake = wake));
        if (mine.stop.signal.aborted) throw new DOMException('meta-training was stopped', 'AbortError');
      },
    });
    const seconds = (performance.now() - started) / 1000;
    emit({
      type: 'metainit-progress',
      progress: { outer: r.recipe.outerSteps, total: r.recipe.outerSteps, metaPsnr: null },
      phase: 'curves',
    });
    const curveStarted = performance.now();
    const spec = metaInitSpec(r.recipe);
    const held = await compareOnHeldOut(
      gpu,
      mnist,
      spec,
      result.init,
      r.curveImages,
      r.recipe.seed + 1,
      r.curveSteps,
      r.recipe.innerLr,
    );
    const outcome = {
      recipe: r.recipe,
      init: result.init,
      curve: result.curve,
      ...held,
      seconds,
      curveSeconds: (performance.now() - curveStarted) / 1000,
    };
    emit({ type: 'metainit-done', outcome }, [result.init.buffer]);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') emit({ type: 'metainit-stopped' });
    else throw err;
  } finally {
    if (job === mine) job = null;
  }
}
