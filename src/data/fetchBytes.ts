import { errorText } from './errorText';

/** A fetch's outcome as plain data, so it can cross from a worker: the bytes, or why there are none. */
export type FetchReply = { ok: true; bytes: ArrayBuffer } | { ok: false; reason: string };

export async function fetchBytes(url: string): Promise<FetchReply> {
  try {
    const response = await fetch(url);
    if (!response.ok) return { ok: false, reason: `${response.status} ${response.statusText}`.trim() };
    return { ok: true, bytes: await response.arrayBuffer() };
  } catch (err) {
    return { ok: false, reason: errorText(err) };
  }
}

/** The bytes of a reply, or an error saying what could not be loaded and why. */
export function bytesOf(reply: FetchReply, what: string): ArrayBuffer {
  if (!reply.ok) throw new Error(`could not load ${what} (${reply.reason})`);
  return reply.bytes;
}
