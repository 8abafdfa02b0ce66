/**
 * The UI side of the weight-space Worker: starts it lazily (the panel is below the fold), saves finished zoos to
 * IndexedDB, sends zoos to train on, and turns the Worker's events into learnStore updates (what is kept in the browser: ../io/learnLibrary.ts).
 */
import { errorText } from '../../data/errorText';
import { useMetaInitStore } from '../../state/metaInitStore';
import type { MetaInitRecipe } from '../../train/metaInit';
import { parseZoo, type ZooRecipe } from '../../data/zoo';
import { loadZooBytes, saveZoo, type SavedZoo } from '../../data/zooStore';
import { GPU_FAILURE_MESSAGES } from '../../gpu/device';
import { useLearnStore } from '../../state/learnStore';
import type { RunRef, WsEvent, WsRequest } from '../../train/wsProtocol';
import { slotBusyReason } from '../../state/runSlot';
import { ablationArms } from '../../train/ablationPlan';
import { defaultZooName } from '../../train/zooGen';
import {
  learnNotice,
  loadRuns,
  persistRun,
  refreshInits,
  refreshModels,
  refreshZoos,
  selectZoo,
} from '../io/learnLibrary';
import { curveLost, onCurveEvent } from './curveEvents';
import { onRunEvent } from './runEvents';
import { editLost, onEditEvent } from './editEvents';
import { onMetaInitEvent } from './metaInitEvents';
import { RESTARTS_PER_MINUTE, WorkerClient } from './workerClient';

/** The page's base for the data files (the worker's own URL is under assets/). */
const dataUrl = (): string => new URL(import.meta.env.BASE_URL, location.href).href;

class LearnClient {
  private readonly worker = new WorkerClient<WsRequest, WsEvent>(
    () => new Worker(new URL('../../train/wsWorker.ts', import.meta.url), { type: 'module', name: 'weight-space' }),
    'weight-space worker',
  );
  private nextRunId = 1;
  /** what to tell the user once the new device is ready */
  private recovered: string | null = null;
  /** names of model files sent for evaluation, by order */
  private evaluating: { modelName: string; zooName: string } | null = null;

  start(): void {
    if (this.worker.running) return;
    void refreshZoos();
    void refreshModels();
    void refreshInits();
    void loadRuns().then((ids) => (this.nextRunId = Math.max(this.nextRunId, ...ids.map((id) => id + 1))));
    this.startWorker();
  }

  private startWorker(): void {
    if (!navigator.gpu) {
      useLearnStore
        .getState()
        .set({ failure: `${GPU_FAILURE_MESSAGES['no-webgpu']} Zoo generation and weight-space training need WebGPU.` });
      return;
    }
    this.worker.start(
      (event) => this.onEvent(event),
      (message) => this.notice('error', message),
    );
    this.send({ type: 'init' });
  }

  /** A request to the Worker (what it answers comes back through onEvent). */
  send(request: WsRequest, transfer: Transferable[] = []): void {
    this.worker.post(request, transfer);
  }

  private notice(level: 'info' | 'error', text: string): void {
    learnNotice(level, text);
  }

  /** Generates a zoo of `recipe` (its learned init, if it names one, in `init`); saved when done. */
  generate(recipe: ZooRecipe, init?: Float32Array): void {
    useLearnStore.getState().set({
      generating: { done: 0, finished: 0, total: recipe.count, phase: 'fit', startedAt: performance.now() },
      notice: null,
    });
    this.send({ type: 'generate', recipe, name: defaultZooName(recipe), dataUrl: dataUrl(), init });
  }

  /** Meta-trains an init, then measures it on held-out digits (the outcome: metaInitEvents.ts). */
  learnInit(recipe: MetaInitRecipe, curveImages: number, curveSteps: number): void {
    useMetaInitStore.getState().set({
      run: { status: 'running', outer: 0, total: recipe.outerSteps, curve: [], startedAt: performance.now() },
      outcome: null,
    });
    this.send({ type: 'metainit', recipe, curveImages, curveSteps, dataUrl: dataUrl() });
  }

  pauseInit(paused: boolean): void {
    this.send({ type: 'metainit-pause', paused });
  }

  stopInit(): void {
    this.send({ type: 'metainit-stop' });
  }

  cancelGenerate(): void {
    this.send({ type: 'cancel-generate' });
  }

  /** The selected zoo's record and bytes; or, said in the panel's notice, why there are none. */
  async selectedZoo(id: string | null, zoos: SavedZoo[]): Promise<{ saved: SavedZoo; bytes: ArrayBuffer } | null> {
    const saved = zoos.find((z) => z.id === id);
    if (!saved) {
      this.notice('error', 'Generate or pick a zoo first.');
      return null;
    }
    try {
      return { saved, bytes: await loadZooBytes(saved.id) };
    } catch (err) {
      this.notice('error', `The zoo could not be loaded: ${errorText(err)}`);
      return null;
    }
  }

  /** True (and said in the notice) when another run holds the Worker's run slot: nothing is started or changed. */
  private slotBusy(what: string): boolean {
    const reason = slotBusyReason();
    if (reason) this.notice('error', `${what} was not started: ${reason}.`);
    return reason !== null;
  }

  async train(): Promise<void> {
    if (this.slotBusy('Training')) return;
    const { selectedZooId, zoos, trainSettings } = useLearnStore.getState();
    const loaded = await this.selectedZoo(selectedZooId, zoos);
    if (!loaded) return;
    const { saved, bytes } = loaded;
    const id = this.nextRunId++;
    useLearnStore.getState().set({
      runs: [
        ...useLearnStore.getState().runs,
        {
          id,
          zooId: saved.id,
          zooName: saved.name,
          config: trainSettings,
          parameters: 0,
          history: [],
          status: 'starting',
        },
      ],
      notice: null,
    });
    this.send({ type: 'train', runId: id, zoo: bytes, config: trainSettings }, [bytes]);
  }

  /** The ablation of the selected augmentations on the selected zoo, with the training settings as the shared recipe. */
  async runAblation(): Promise<void> {
    if (this.slotBusy('The ablation')) return;
    const { selectedZooId, zoos, trainSettings, ablationSettings: a } = useLearnStore.getState();
    const picked = zoos.find((z) => z.id === selectedZooId);
    const zooViews = picked?.recipe.viewsPerImage ?? 1;
    if (picked && a.views > zooViews)
      return this.notice(
        'error',
        `The zoo has ${zooViews} fit${zooViews > 1 ? 's' : ''} per image; make one with ${a.views} for the views arm.`,
      );
    const loaded = await this.selectedZoo(selectedZooId, zoos);
    if (!loaded) return;
    const { saved, bytes } = loaded;
    const arms = ablationArms(a.ids, a.views > 1 ? [a.views] : []);
    const seeds = Array.from({ length: a.seeds }, (_, i) => trainSettings.seed + i);
    useLearnStore.getState().set({
      ablation: {
        arms,
        seeds,
        zooName: saved.name,
        base: trainSettings,
        runs: [],
        progress: null,
        status: 'running',
      },
      notice: null,
    });
    this.send({ type: 'ablation', zoo: bytes, base: trainSettings, arms, seeds }, [bytes]);
  }

  pause(runId: number): void {
    this.send({ type: 'pause', run: { kind: 'train', runId } });
  }

  resume(runId: number): void {
    this.send({ type: 'resume', run: { kind: 'train', runId } });
  }

  /** Resumes a diverged run (best checkpoint already restored) at a lower learning rate. */
  resumeAt(runId: number, lr: number): void {
    useLearnStore.getState().updateRun(runId, () => ({ diverged: null }));
    this.send({ type: 'resume', run: { kind: 'train', runId }, lr });
  }

  /** A model file evaluated on the selected zoo's test split, in the Worker. */
  async evaluateModel(modelName: string, file: ArrayBuffer): Promise<void> {
    const { selectedZooId, zoos } = useLearnStore.getState();
    const saved = zoos.find((z) => z.id === selectedZooId);
    if (!saved) return this.notice('error', 'Pick a zoo to evaluate the model on.');
    try {
      const zoo = await loadZooBytes(saved.id);
      this.evaluating = { modelName, zooName: saved.name };
      useLearnStore
        .getState()
        .set({ evaluation: null, notice: { level: 'info', text: `Evaluating "${modelName}" on "${saved.name}"…` } });
      this.send({ type: 'evaluate-model', model: file, zoo }, [file, zoo]);
    } catch (err) {
      this.notice('error', `The zoo could not be loaded: ${errorText(err)}`);
    }
  }

  /** Fault injection for tests (the page's ?faults hooks). */
  injectFault(kind: 'inject-nan' | 'lose-device'): void {
    this.send({ type: kind });
  }

  /** After a lost device: a fresh Worker and device, the selected zoo reloaded from IndexedDB, the user told. */
  private recover(message: string): void {
    const store = useLearnStore.getState();
    const interrupted = store.runs.filter(
      (r) => r.status === 'starting' || r.status === 'training' || r.status === 'paused',
    );
    for (const r of interrupted) {
      store.updateRun(r.id, () => ({ status: 'interrupted', diverged: null }));
      persistRun(r.id);
    }
    curveLost();
    editLost();
    const init = useMetaInitStore.getState().run;
    const initLost = init !== null && ['running', 'paused', 'curves'].includes(init.status);
    if (initLost) useMetaInitStore.getState().set({ run: { ...init, status: 'stopped' } });
    store.set({
      ready: false,
      generating: null,
      ...(store.ablation?.status === 'running'
        ? { ablation: { ...store.ablation, status: 'failed', progress: null } }
        : {}),
    });
    if (!this.worker.takeRestart()) {
      store.set({
        failure: `${message} It was lost ${RESTARTS_PER_MINUTE} times in a minute: reload the page to try again.`,
      });
      return;
    }
    this.worker.terminate('the GPU was restarted');
    const runs = interrupted.map(
      (r) => `run #${r.id} was interrupted at epoch ${r.history.length} (its history is kept)`,
    );
    this.recovered =
      [
        `${message} A new GPU device was acquired`,
        store.selectedZooId ? 'the zoo was reloaded from browser storage' : '',
        ...runs,
        initLost ? 'learning the init was interrupted (learn it again)' : '',
      ]
        .filter(Boolean)
        .join('; ') + '.';
    this.startWorker();
  }

  /** Stops `run`, and only it (a stop sent as another run starts never reaches the new one). */
  stop(run: RunRef): void {
    this.send({ type: 'stop', run });
  }

  private onEvent(event: WsEvent): void {
    const store = useLearnStore.getState();
    switch (event.type) {
      case 'ready':
        store.set({ ready: true, adapterName: event.adapterName, failure: null });
        if (this.recovered) {
          this.notice('info', this.recovered);
          this.recovered = null;
          if (store.selectedZooId) void selectZoo(store.selectedZooId);
        }
        break;
      case 'gpu-failed':
        if (event.failure.reason === 'device-lost') this.recover(event.failure.message);
        else store.set({ ready: false, failure: event.failure.message, generating: null });
        break;
      case 'model-evaluated':
        store.set({
          evaluation: { ...(this.evaluating ?? { modelName: 'model', zooName: 'zoo' }), ...event },
          notice: null,
        });
        break;
      case 'zoo-progress': {
        // a new pass (the refit of weak fits) gets its own clock for the time left
        const samePass = store.generating && store.generating.phase === event.progress.phase;
        store.set({
          generating: { ...event.progress, startedAt: samePass ? store.generating!.startedAt : performance.now() },
        });
        break;
      }
      case 'zoo-done': {
        const zoo = parseZoo(event.zoo);
        void saveZoo(zoo, event.zoo).then(
          async (saved) => {
            store.set({ generating: null });
            this.notice(
              'info',
              `Saved "${saved.name}": ${saved.count} INRs, mean ${saved.meanPsnr.toFixed(1)} dB${saved.rejected ? `, ${saved.rejected} rejected` : ''}.`,
            );
            await refreshZoos(saved.id);
          },
          (err: unknown) => {
            store.set({ generating: null });
            this.notice('error', `The zoo could not be saved: ${String(err)}`);
          },
        );
        break;
      }
      case 'zoo-cancelled':
        store.set({ generating: null });
        this.notice('info', 'Generation cancelled; nothing was saved.');
        break;
      case 'metainit-progress':
      case 'metainit-paused':
      case 'metainit-stopped':
      case 'metainit-done':
        onMetaInitEvent(event);
        break;
      case 'curve-progress':
      case 'curve-row':
      case 'curve-done':
        onCurveEvent(event);
        break;
      case 'train-started':
      case 'epoch':
      case 'train-paused':
      case 'train-diverged':
      case 'train-done':
      case 'model-exported':
      case 'ablation-progress':
      case 'ablation-run':
      case 'ablation-done':
        onRunEvent(event, (request) => this.send(request));
        break;
      case 'edit-started':
      case 'edit-epoch':
      case 'edit-paused':
      case 'edit-done':
        onEditEvent(event);
        break;
      case 'run-refused':
        onRunEvent(event, (request) => this.send(request));
        onCurveEvent(event);
        onEditEvent(event);
        this.notice('error', event.message);
        break;
      case 'error':
        onMetaInitEvent(event);
        onCurveEvent(event);
        onEditEvent(event);
        onRunEvent(event, (request) => this.send(request));
        if (event.scope === 'zoo') store.set({ generating: null });
        this.notice('error', event.message);
        break;
    }
  }
}

export const learnClient = new LearnClient();
