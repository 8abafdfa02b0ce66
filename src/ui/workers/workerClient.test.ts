import { describe, expect, it } from 'vitest';
import { RESTARTS_PER_MINUTE, WorkerClient, type WorkerLike } from './workerClient';

/** a Worker stand-in that records what is posted */
function fakeWorker(): WorkerLike & { posted: unknown[]; terminated: boolean } {
  return {
    posted: [] as unknown[],
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message: unknown) {
      this.posted.push(message);
    },
    terminate() {
      this.terminated = true;
    },
  };
}

describe('WorkerClient', () => {
  it('numbers its requests and settles each with its own answer', async () => {
    const worker = fakeWorker();
    const client = new WorkerClient<{ id: number }, never, string>(() => worker, 'test worker');
    client.start(
      () => {},
      () => {},
    );
    const first = client.ask((id) => ({ id }));
    const second = client.ask((id) => ({ id }));
    expect(worker.posted).toEqual([{ id: 1 }, { id: 2 }]);
    client.settle(2, { answer: 'two' });
    client.settle(1, { error: 'no' });
    await expect(second).resolves.toBe('two');
    await expect(first).rejects.toThrow('no');
  });

  it('fails what waits when the Worker ends, and refuses requests without one', async () => {
    const worker = fakeWorker();
    const client = new WorkerClient<{ id: number }, never, string>(() => worker, 'test worker');
    await expect(client.ask((id) => ({ id }))).rejects.toThrow('the test worker is not running');
    client.start(
      () => {},
      () => {},
    );
    const waiting = client.ask((id) => ({ id }));
    client.terminate('the GPU was restarted');
    await expect(waiting).rejects.toThrow('the GPU was restarted');
    expect(worker.terminated).toBe(true);
    expect(client.running).toBe(false);
  });

  it(`allows ${RESTARTS_PER_MINUTE} restarts a minute`, () => {
    const client = new WorkerClient(() => fakeWorker(), 'test worker');
    const allowed = [0, 10_000, 20_000, 30_000, 59_999, 60_001, 70_001].map((t) => client.takeRestart(t));
    expect(allowed).toEqual([true, true, true, false, false, true, true]);
  });
});
