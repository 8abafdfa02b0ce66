// The weight-space Worker's run slot, through its own messages: a run asked for while another holds the slot is
// refused with the reason (the running one goes on), and pause / stop act only on the run they name.
import { afterAll, describe, expect, it } from 'vitest';
import { serializeZoo } from '../data/zoo';
import { zooOf } from '../testing/zooFixture';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { ablationArms } from './ablationPlan';
import { DEFAULT_WS_TRAIN } from './wsTrainConfig';
import type { WsEvent, WsRequest } from './wsProtocol';

const worker = new Worker(new URL('./wsWorker.ts', import.meta.url), { type: 'module' });
afterAll(() => worker.terminate());
const events: WsEvent[] = [];
worker.onmessage = (e: MessageEvent<WsEvent>) => events.push(e.data);
const send = (r: WsRequest): void => worker.postMessage(r);

/** Waits for the first event after `from` that `match` accepts. */
async function next(match: (e: WsEvent) => boolean, from = 0, timeoutMs = 60_000): Promise<WsEvent> {
  const started = performance.now();
  for (;;) {
    const found = events.slice(from).find(match);
    if (found) return found;
    if (performance.now() - started > timeoutMs) throw new Error(`no such event; got ${events.map((e) => e.type)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function zooBytes(): ArrayBuffer {
  const dims = [2, 4, 1];
  const count = 40;
  const rng = new Rng(3);
  const params = Float32Array.from({ length: count * mlpLayout(dims).paramCount }, () => rng.symmetric(1));
  const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
  const split = Uint8Array.from({ length: count }, (_, i) => (i < 20 ? 0 : i < 30 ? 1 : 2));
  return serializeZoo(zooOf(dims, params, labels, split));
}

describe('the weight-space Worker runs one thing at a time', () => {
  it('a second run is refused with the reason, pause and stop reach only the run they name', async () => {
    send({ type: 'init' });
    await next((e) => e.type === 'ready');
    const config = { ...DEFAULT_WS_TRAIN, kind: 'mlp' as const, depth: 1, channels: 4, epochs: 400, augmentations: [] };
    send({ type: 'train', runId: 1, zoo: zooBytes(), config });
    await next((e) => e.type === 'epoch' && e.runId === 1);

    const before = events.length;
    send({ type: 'ablation', zoo: zooBytes(), base: config, arms: ablationArms([]), seeds: [0] });
    send({ type: 'curve', zoo: zooBytes(), readers: ['mlp'], sizes: [10], seeds: [0], epochs: 1 });
    send({ type: 'train', runId: 2, zoo: zooBytes(), config });
    const holder = { kind: 'train', runId: 1 };
    for (const kind of ['ablation', 'curve', 'train'])
      expect(await next((e) => e.type === 'run-refused' && e.run.kind === kind, before)).toMatchObject({
        holder,
        message: expect.stringContaining('training run #1 is running'),
      });

    // a stop for the ablation and a pause for run 2 are not for run 1: it trains on
    send({ type: 'stop', run: { kind: 'ablation' } });
    send({ type: 'pause', run: { kind: 'train', runId: 2 } });
    const later = events.length;
    await next((e) => e.type === 'epoch' && e.runId === 1, later);
    await next((e) => e.type === 'epoch' && e.runId === 1, events.length);
    expect(events.slice(before).filter((e) => e.type === 'train-done' || e.type === 'train-paused')).toEqual([]);

    send({ type: 'pause', run: { kind: 'train', runId: 1 } });
    expect(await next((e) => e.type === 'train-paused', later)).toMatchObject({ runId: 1, paused: true });
    send({ type: 'stop', run: { kind: 'train', runId: 1 } });
    expect(await next((e) => e.type === 'train-done', later)).toMatchObject({ runId: 1, stopped: true });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);

    // the Worker holds a finished run's model until the page takes it, then lets it go
    const exported = events.length;
    send({ type: 'export-model', runId: 1 });
    expect(await next((e) => e.type === 'model-exported', exported)).toMatchObject({ runId: 1 });
    send({ type: 'export-model', runId: 1 });
    expect(await next((e) => e.type === 'error', exported)).toMatchObject({
      scope: 'model',
      message: expect.stringContaining('Run #1 has no trained model here'),
    });
  });
});
