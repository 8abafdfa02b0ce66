import { describe, expect, it } from 'vitest';
import { digitImage, imageSetCache, indicesOfClass, parseMnistFile } from './mnistFile';

function file(labels: number[], side = 2): ArrayBuffer {
  const n = labels.length;
  const bytes = new Uint8Array(12 + n + n * side * side);
  bytes.set([0x57, 0x53, 0x4d, 0x31]);
  new DataView(bytes.buffer).setUint32(4, n, true);
  new DataView(bytes.buffer).setUint32(8, side, true);
  bytes.set(labels, 12);
  for (let i = 0; i < n * side * side; i++) bytes[12 + n + i] = (i * 37) % 256;
  return bytes.buffer;
}

describe('MNIST file codec', () => {
  it('parses labels and images', () => {
    const set = parseMnistFile(file([3, 1, 3]));
    expect(set.count).toBe(3);
    expect(indicesOfClass(set, 3)).toEqual([0, 2]);
    expect(digitImage(set, 1)).toEqual(Float32Array.from([148, 185, 222, 3], (v) => v / 255));
  });

  it('rejects a bad header, a truncated file and bad labels with clear messages', () => {
    expect(() => parseMnistFile(new ArrayBuffer(40))).toThrow(/bad header/);
    expect(() => parseMnistFile(file([1, 2]).slice(0, 20))).toThrow(/truncated or corrupt/);
    expect(() => parseMnistFile(file([1, 12]))).toThrow(/label is outside/);
  });
});

describe('image set cache', () => {
  it('fetches each dataset once, and again after a failed load', async () => {
    const urls: string[] = [];
    let fail = true;
    const load = imageSetCache(async (url) => {
      urls.push(url);
      if (url.includes('fmnist') && fail) {
        fail = false;
        return { ok: false, reason: 'HTTP 404' };
      }
      return { ok: true, bytes: file([0, 1]) };
    });
    expect((await load('/', 'mnist')).count).toBe(2);
    await load('/', 'mnist');
    await expect(load('/', 'fmnist')).rejects.toThrow(/Fashion-MNIST images.*HTTP 404/);
    expect((await load('/', 'fmnist')).dataset).toBe('fmnist');
    expect(urls).toEqual(['/mnist/mnist-10k.bin', '/fmnist/fmnist-70k.bin', '/fmnist/fmnist-70k.bin']);
  });
});
