/**
 * A worker that fetches one URL and hands its bytes back (transferred, not copied). Chromium reads a response body
 * on the thread that fetched it: the 7.8 MB MNIST file cost the page's main thread two tasks of 60–90 ms of CPU on
 * a 2-core machine; read here, the main thread only receives the finished buffer.
 */
import { fetchBytes, type FetchReply } from './fetchBytes';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<string>) => void) | null;
  postMessage(message: FetchReply, transfer?: Transferable[]): void;
};

scope.onmessage = async (event) => {
  const reply = await fetchBytes(event.data);
  scope.postMessage(reply, reply.ok ? [reply.bytes] : []);
};
