/**
 * What the fit and learn clients share about their Worker: starting it, posting to it, requests that wait for one
 * answer (by request id), and the budget of restarts after a lost device.
 */

/** Automatic restarts after a lost device, at most, within a minute (a device that keeps failing is left alone). */
export const RESTARTS_PER_MINUTE = 3;

interface Waiting<Answer> {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/** The part of a Worker a client uses (a test passes a stand-in). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

export class WorkerClient<Request, Event, Answer = never> {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Waiting<Answer>>();
  private restarts: number[] = [];

  /** `spawn` makes the Worker (written out where it is called, so the bundler finds its module); `name` is what messages call it */
  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly name: string,
  ) {}

  get running(): boolean {
    return this.worker !== null;
  }

  /** Starts the Worker: its events go to `onEvent`; an uncaught error in it is said through `onError`. */
  start(onEvent: (event: Event) => void, onError: (message: string) => void): void {
    const worker = this.spawn();
    worker.onmessage = (e: MessageEvent<Event>) => onEvent(e.data);
    worker.onerror = (e: ErrorEvent) => onError(`The ${this.name} failed: ${e.message}`);
    this.worker = worker;
  }

  post(request: Request, transfer: Transferable[] = []): void {
    this.worker?.postMessage(request, transfer);
  }

  /** A request answered once: `build` makes it with its id; the answer comes back through `settle`. */
  ask(build: (id: number) => Request): Promise<Answer> {
    if (!this.worker) return Promise.reject(new Error(`the ${this.name} is not running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post(build(id));
    });
  }

  /** The answer (or the failure) of request `id`; an id that waits for nothing is ignored. */
  settle(id: number, outcome: { answer: Answer } | { error: string }): void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (!waiting) return;
    if ('answer' in outcome) waiting.resolve(outcome.answer);
    else waiting.reject(new Error(outcome.error));
  }

  /** Ends the Worker (and its GPU device); every request still waiting fails with `reason`. */
  terminate(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
  }

  /** Whether one more automatic restart is allowed now (RESTARTS_PER_MINUTE within a minute); counts it if so. */
  takeRestart(now = performance.now()): boolean {
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length >= RESTARTS_PER_MINUTE) return false;
    this.restarts.push(now);
    return true;
  }
}
