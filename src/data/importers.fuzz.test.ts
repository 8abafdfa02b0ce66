/**
 * Every importer against mutated and truncated files: each file is either loaded cleanly or rejected with an Error
 * that carries a message — never a TypeError / RangeError from inside the parser, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleModel } from '../testing/modelFixture';
import { zooOf } from '../testing/zooFixture';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { modelFromSafetensors, modelToSafetensors } from './modelSafetensors';
import { SafetensorsError } from './safetensors';
import { parseZoo, serializeZoo } from './zoo';
import { inrFromSafetensors, inrToSafetensors, zooFromSafetensors, zooToSafetensors } from './zooSafetensors';

const DIMS = [2, 4, 3, 1];
const P = mlpLayout(DIMS).paramCount;
const rng = new Rng(5);
const zoo = zooOf(
  DIMS,
  Float32Array.from({ length: 4 * P }, () => rng.symmetric(1)),
  Int32Array.of(1, 2, 3, 4),
  Uint8Array.of(0, 0, 1, 2),
);

const importers: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
  ['zoo (safetensors)', zooToSafetensors(zoo), (b) => zooFromSafetensors(b)],
  [
    'INR (safetensors)',
    inrToSafetensors({ name: 'x', dims: DIMS, omega0: 30, params: zoo.params.slice(0, P) }),
    (b) => inrFromSafetensors(b),
  ],
  ['model (safetensors)', modelToSafetensors(sampleModel()), (b) => modelFromSafetensors(b)],
  ['zoo (.wsz)', new Uint8Array(serializeZoo(zoo)), (b) => parseZoo(b.slice().buffer)],
];

/** One mutation of a valid file: truncation, byte flips, a rewritten header length, or text spliced into the header. */
const mutation = (size: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(size) }),
    fc.record({
      kind: fc.constant('flip' as const),
      flips: fc.array(fc.tuple(fc.nat(size - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
    }),
    fc.record({
      kind: fc.constant('length' as const),
      value: fc.oneof(fc.nat(2 * size), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
    }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(Math.min(size, 400)),
      text: fc.string({ maxLength: 12 }),
    }),
  );

type Mutation = ReturnType<typeof mutation> extends fc.Arbitrary<infer T> ? T : never;

function mutate(file: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'truncate':
      return file.slice(0, m.at);
    case 'flip': {
      const out = file.slice();
      for (const [i, x] of m.flips) out[i] ^= x;
      return out;
    }
    case 'length': {
      const out = file.slice();
      if (out.length >= 8) new DataView(out.buffer).setBigUint64(0, BigInt(m.value), true);
      return out;
    }
    case 'splice': {
      const text = new TextEncoder().encode(m.text);
      const out = new Uint8Array(file.length + text.length);
      out.set(file.subarray(0, 8 + m.at));
      out.set(text, 8 + m.at);
      out.set(file.subarray(8 + m.at), 8 + m.at + text.length);
      return out;
    }
  }
}

/** A `.wsz` file with the header `json` (any text) and the arrays of `zoo` after it, sized as the header says. */
function wszWithHeader(json: string, arrays = serializeZoo(zoo)): Uint8Array {
  const valid = new Uint8Array(arrays);
  const tail = valid.subarray(8 + new DataView(arrays).getUint32(4, true));
  const text = new TextEncoder().encode(json + ' '.repeat((4 - (json.length % 4)) % 4));
  const out = new Uint8Array(8 + text.length + tail.length);
  out.set(valid.subarray(0, 4));
  new DataView(out.buffer).setUint32(4, text.length, true);
  out.set(text, 8);
  out.set(tail, 8 + text.length);
  return out;
}

const header = (): Record<string, unknown> => {
  const { params, labels, values, split, psnr, steps, source, ...rest } = zoo;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
};

describe('the .wsz importer against headers that are valid JSON of the wrong meaning', () => {
  const recipe = header().recipe as Record<string, unknown>;
  it.each([
    ['null', 'null', /header/],
    ['an array', '[]', /header/],
    ['a header without a recipe', JSON.stringify({ ...header(), recipe: undefined }), /recipe/],
    ['a name that is a number', JSON.stringify({ ...header(), name: 7 }), /name/],
    ['a negative count', JSON.stringify({ ...header(), count: -4 }), /count/],
    [
      'a paramCount that disagrees with dims (arrays sized for it)',
      JSON.stringify({ ...header(), recipe: { ...recipe, dims: [2, 4, 4, 1] } }),
      /paramCount 31, but dims \[2, 4, 4, 1\] have 37/,
    ],
    ['an unknown task', JSON.stringify({ ...header(), recipe: { ...recipe, task: 'cifar' } }), /recipe.task/],
    ['ω0 of 0', JSON.stringify({ ...header(), recipe: { ...recipe, omega0: 0 } }), /recipe.omega0/],
  ])('%s is refused with a message', (_, json, message) => {
    const read = () => parseZoo(wszWithHeader(json).slice().buffer);
    expect(read).toThrow(/^zoo file is corrupt \(header/);
    expect(read).toThrow(message);
  });

  it('labels outside 0–9 in a classification zoo are refused', () => {
    const bad = { ...zoo, labels: Int32Array.of(1, 2, 42, 4) };
    expect(() => parseZoo(serializeZoo(bad))).toThrow(/label 42 at 2, outside 0…9/);
  });

  it('the file as written reads back', () => {
    expect(parseZoo(wszWithHeader(JSON.stringify(header())).slice().buffer).labels).toEqual(zoo.labels);
  });
});

// 1000 parses take ~3 s on a quiet 2-core machine (a model file builds its graph each time): more than the default 5 s
// once the machine is shared
describe('importers under fuzzing', { timeout: 30_000 }, () => {
  it.each(importers)('%s: 1000 mutated files, each loaded cleanly or rejected with a message', (_, file, read) => {
    let rejected = 0;
    fc.assert(
      fc.property(mutation(file.length), (m) => {
        try {
          read(mutate(file, m));
        } catch (err) {
          rejected++;
          // a parser's own message, not a TypeError / RangeError escaping from inside it
          expect(err instanceof SafetensorsError || (err as Error).constructor === Error).toBe(true);
          expect((err as Error).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 1000, seed: 20261202 },
    );
    expect(rejected).toBeGreaterThan(500);
  });
});
