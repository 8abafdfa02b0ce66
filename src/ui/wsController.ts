/**
 * The UI side of the weight-space Worker: starts it lazily (the panel is below the fold), saves finished zoos to
 * IndexedDB, sends zoos to train on, and turns the Worker's events into wsStore updates.
 */
import { parseZoo, type Zoo, type ZooRecipe } from '../data/zoo';
import { deleteZoo, listZoos, loadZooBytes, saveZoo } from '../data/zooStore';
import { GPU_FAILURE_MESSAGES } from '../gpu/device';
import { imageGrid } from '../models/siren';
import { renderSirensCpu } from '../train/renderSirens';
import { useWsStore, type Thumbnail } from '../state/wsStore';
import type { WsEvent, WsRequest } from '../train/wsProtocol';
import { ablationArms } from '../train/ablationPlan';
import { DEFAULT_MNIST_ZOO, DEFAULT_SINE_ZOO, defaultZooName } from '../train/zooGen';

/** test INRs decoded for the gallery */
const GALLERY_SIZE = 12;

class WsController {
  private worker: Worker | null = null;
  private nextRunId = 1;
  /** the selected zoo, parsed (for the gallery) */
  private zoo: Zoo | null = null;

  start(): void {
    if (this.worker) return;
    void this.refreshZoos();
    if (!navigator.gpu) {
      useWsStore.getState().set({ failure: `${GPU_FAILURE_MESSAGES['no-webgpu']} Zoo generation and weight-space training need WebGPU.` });
      return;
    }
    this.worker = new Worker(new URL('../train/wsWorker.ts', import.meta.url), { type: 'module', name: 'weight-space' });
    this.worker.onmessage = (event: MessageEvent<WsEvent>) => this.onEvent(event.data);
    this.worker.onerror = (event) => this.notice('error', `The weight-space worker failed: ${event.message}`);
    this.send({ type: 'init' });
  }

  private send(request: WsRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(request, transfer);
  }

  private notice(level: 'info' | 'error', text: string): void {
    useWsStore.getState().set({ notice: { level, text } });
  }

  async refreshZoos(): Promise<void> {
    try {
      const zoos = await listZoos();
      const { selectedZooId } = useWsStore.getState();
      useWsStore.getState().set({ zoos });
      if (!zoos.some((z) => z.id === selectedZooId) && zoos.length > 0) await this.selectZoo(zoos[0].id);
    } catch (err) {
      this.notice('error', `Saved zoos could not be listed: ${String(err instanceof Error ? err.message : err)}`);
    }
  }

  generate(): void {
    const s = useWsStore.getState().zooSettings;
    const base = s.task === 'mnist' ? DEFAULT_MNIST_ZOO : DEFAULT_SINE_ZOO;
    const recipe: ZooRecipe = { ...base, count: s.count, sharedInit: s.sharedInit, seed: s.seed, maxSteps: s.maxSteps, minPsnr: s.task === 'mnist' && s.minPsnr > 0 ? s.minPsnr : null, viewsPerImage: s.task === 'mnist' ? s.viewsPerImage : 1 };
    useWsStore.getState().set({ generating: { done: 0, finished: 0, total: recipe.count, phase: 'fit', startedAt: performance.now() }, notice: null });
    // the worker's own URL is under assets/: give it the page's base for the data files
    this.send({ type: 'generate', recipe, name: defaultZooName(recipe), dataUrl: new URL(import.meta.env.BASE_URL, location.href).href });
  }

  cancelGenerate(): void {
    this.send({ type: 'cancel-generate' });
  }

  async selectZoo(id: string): Promise<void> {
    useWsStore.getState().set({ selectedZooId: id, thumbnails: [] });
    try {
      const zoo = parseZoo(await loadZooBytes(id));
      this.zoo = zoo;
      const rows = zoo.split.reduce<number[]>((rows, s, i) => (s === 2 && rows.length < GALLERY_SIZE ? [...rows, i] : rows), []);
      // one INR per task: a decode on the CPU twin takes milliseconds, twelve of them in one task would be a long task
      const thumbnails: Thumbnail[] = [];
      for (const row of rows) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.zoo !== zoo) return;
        thumbnails.push(...this.decode([row]));
        useWsStore.getState().set({ thumbnails: [...thumbnails] });
      }
    } catch (err) {
      this.zoo = null;
      this.notice('error', `The zoo could not be loaded: ${String(err instanceof Error ? err.message : err)}`);
    }
  }

  /** A zoo file (e.g. the demo zoo shipped in public/) saved to IndexedDB and selected; a corrupt file says why. */
  async importZoo(bytes: ArrayBuffer): Promise<void> {
    try {
      const saved = await saveZoo(parseZoo(bytes), bytes);
      await this.refreshZoos();
      await this.selectZoo(saved.id);
      this.notice('info', `Loaded "${saved.name}": ${saved.count} INRs, mean ${saved.meanPsnr.toFixed(1)} dB.`);
    } catch (err) {
      this.notice('error', `The zoo file could not be loaded: ${String(err instanceof Error ? err.message : err)}`);
    }
  }

  async removeZoo(id: string): Promise<void> {
    await deleteZoo(id);
    if (useWsStore.getState().selectedZooId === id) {
      this.zoo = null;
      useWsStore.getState().set({ selectedZooId: null, thumbnails: [] });
    }
    await this.refreshZoos();
  }

  /** Renders zoo INRs with the CPU twin (a few 28×28 or 200-point decodes). */
  private decode(rows: number[]): { row: number; image: Float32Array; label: number }[] {
    const zoo = this.zoo;
    if (!zoo) return [];
    const spec = { dims: zoo.recipe.dims, omega0: zoo.recipe.omega0 };
    const coords = zoo.recipe.dims[0] === 2 ? imageGrid(28) : Float32Array.from({ length: 200 }, (_, i) => -1 + (2 * i) / 199);
    return rows.map((row) => ({
      row,
      image: renderSirensCpu(spec, zoo.params.subarray(row * zoo.paramCount, (row + 1) * zoo.paramCount), coords),
      label: zoo.labels[row],
    }));
  }

  async train(): Promise<void> {
    const { selectedZooId, zoos, trainSettings } = useWsStore.getState();
    const saved = zoos.find((z) => z.id === selectedZooId);
    if (!saved) return this.notice('error', 'Generate or pick a zoo first.');
    let bytes: ArrayBuffer;
    try {
      bytes = await loadZooBytes(saved.id);
    } catch (err) {
      return this.notice('error', `The zoo could not be loaded: ${String(err instanceof Error ? err.message : err)}`);
    }
    const id = this.nextRunId++;
    useWsStore.getState().set({
      runs: [...useWsStore.getState().runs, { id, zooId: saved.id, zooName: saved.name, config: trainSettings, parameters: 0, history: [], status: 'starting' }],
      notice: null,
    });
    this.send({ type: 'train', runId: id, zoo: bytes, config: trainSettings }, [bytes]);
  }

  /** The ablation of the selected augmentations on the selected zoo, with the training settings as the shared recipe. */
  async runAblation(): Promise<void> {
    const { selectedZooId, zoos, trainSettings, ablationSettings: a } = useWsStore.getState();
    const saved = zoos.find((z) => z.id === selectedZooId);
    if (!saved) return this.notice('error', 'Generate or pick a zoo first.');
    const zooViews = saved.recipe.viewsPerImage ?? 1;
    if (a.views > zooViews) return this.notice('error', `The zoo has ${zooViews} fit${zooViews > 1 ? 's' : ''} per image; make one with ${a.views} for the views arm.`);
    let bytes: ArrayBuffer;
    try {
      bytes = await loadZooBytes(saved.id);
    } catch (err) {
      return this.notice('error', `The zoo could not be loaded: ${String(err instanceof Error ? err.message : err)}`);
    }
    const arms = ablationArms(a.ids, a.views > 1 ? [a.views] : []);
    const seeds = Array.from({ length: a.seeds }, (_, i) => trainSettings.seed + i);
    useWsStore.getState().set({ ablation: { arms, seeds, zooName: saved.name, base: trainSettings, runs: [], progress: null, status: 'running' }, notice: null });
    this.send({ type: 'ablation', zoo: bytes, base: trainSettings, arms, seeds }, [bytes]);
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  private onEvent(event: WsEvent): void {
    const store = useWsStore.getState();
    switch (event.type) {
      case 'ready':
        store.set({ ready: true, adapterName: event.adapterName, failure: null });
        break;
      case 'gpu-failed':
        store.set({ ready: false, failure: event.failure.message, generating: null });
        break;
      case 'zoo-progress': {
        // a new pass (the refit of weak fits) gets its own clock for the time left
        const samePass = store.generating && store.generating.phase === event.progress.phase;
        store.set({ generating: { ...event.progress, startedAt: samePass ? store.generating!.startedAt : performance.now() } });
        break;
      }
      case 'zoo-done': {
        const zoo = parseZoo(event.zoo);
        void saveZoo(zoo, event.zoo).then(
          async (saved) => {
            store.set({ generating: null });
            this.notice('info', `Saved "${saved.name}": ${saved.count} INRs, mean ${saved.meanPsnr.toFixed(1)} dB${saved.rejected ? `, ${saved.rejected} rejected` : ''}.`);
            await this.refreshZoos();
            await this.selectZoo(saved.id);
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
      case 'train-started':
        store.updateRun(event.runId, () => ({ parameters: event.parameters, status: 'training' }));
        break;
      case 'epoch':
        store.updateRun(event.runId, (r) => ({ history: [...r.history, event.report] }));
        break;
      case 'train-paused':
        store.updateRun(event.runId, () => ({ status: event.paused ? 'paused' : 'training' }));
        break;
      case 'train-done':
        store.updateRun(event.runId, (r) => ({ status: r.status === 'failed' ? 'failed' : event.stopped ? 'stopped' : 'done' }));
        store.set({ predictions: { ...store.predictions, [event.runId]: event.predictions } });
        break;
      case 'ablation-progress':
        if (store.ablation) store.set({ ablation: { ...store.ablation, progress: event } });
        break;
      case 'ablation-run':
        if (store.ablation) store.set({ ablation: { ...store.ablation, runs: [...store.ablation.runs, event.run] } });
        break;
      case 'ablation-done':
        if (store.ablation) store.set({ ablation: { ...store.ablation, progress: null, status: event.stopped ? 'stopped' : 'done' } });
        break;
      case 'error':
        if (event.scope === 'zoo') store.set({ generating: null });
        if (event.scope === 'ablation' && store.ablation) store.set({ ablation: { ...store.ablation, progress: null, status: 'failed' } });
        if (event.scope === 'train') for (const r of store.runs) if (r.status === 'starting' || r.status === 'training') store.updateRun(r.id, () => ({ status: 'failed' }));
        this.notice('error', event.message);
        break;
    }
  }
}

export const wsController = new WsController();
