import type { FetchReply } from './fetchBytes';

/** Fetches a same-origin URL in a short-lived worker, so the body is never read on the page's main thread. */
export function fetchOffThread(url: string): Promise<FetchReply> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./fetchWorker.ts', import.meta.url), { type: 'module', name: 'fetch' });
    worker.onmessage = (event: MessageEvent<FetchReply>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ ok: false, reason: `the loader did not start: ${event.message || 'worker error'}` });
    };
    worker.postMessage(new URL(url, location.href).href);
  });
}
