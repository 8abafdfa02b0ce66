import { afterEach, describe, expect, it, vi } from 'vitest';
import { bytesOf, fetchBytes } from './fetchBytes';

afterEach(() => vi.unstubAllGlobals());

describe('fetchBytes', () => {
  it('returns the body of a good response', async () => {
    vi.stubGlobal('fetch', async () => new Response(new Uint8Array([1, 2, 3])));
    const reply = await fetchBytes('/x.bin');
    expect([...new Uint8Array(bytesOf(reply, 'x'))]).toEqual([1, 2, 3]);
  });

  it('says the status of a failed response, and bytesOf names what could not be loaded', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const reply = await fetchBytes('/missing.bin');
    expect(reply).toEqual({ ok: false, reason: '404 Not Found' });
    expect(() => bytesOf(reply, 'the MNIST digits')).toThrow('could not load the MNIST digits (404 Not Found)');
  });

  it('turns a network error into a reason instead of throwing', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchBytes('/x.bin')).toEqual({ ok: false, reason: 'Failed to fetch' });
  });
});
