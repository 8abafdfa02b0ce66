import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUGMENTATION_IDS, AUGMENTATIONS } from '../weightspace/augmentations';
import { listToText } from './augmentationList';
import { decodeLink, encodeLink } from './linkCodec';
import { CROSS_FIELD_LIMITS } from './linkLimits';
import { defaultLinkState, LINK_SCHEMA, type KeySpec, type LinkState } from './linkSchema';

/** any valid value of one key */
function arbitraryOf(spec: KeySpec): fc.Arbitrary<number | boolean | string> {
  if (spec.kind === 'bool') return fc.boolean();
  if (spec.kind === 'enum') return fc.constantFrom(...spec.values);
  if (spec.kind === 'augmentations') {
    // a list of distinct ids, each with p in [0, 1] (and sometimes a setting in its range)
    return fc.uniqueArray(fc.constantFrom(...AUGMENTATION_IDS), { maxLength: 6 }).chain((ids) =>
      fc
        .tuple(
          ...ids.map((id) =>
            fc.record({
              p: fc.double({ min: 0, max: 1, noNaN: true }),
              setting: fc.option(
                fc.double({
                  min: AUGMENTATIONS[id].setting?.min ?? 0,
                  max: AUGMENTATIONS[id].setting?.max ?? 0,
                  noNaN: true,
                }),
                { nil: undefined },
              ),
            }),
          ),
        )
        .map((picks) =>
          listToText(
            ids.map((id, i) => ({
              id,
              p: picks[i].p,
              ...(AUGMENTATIONS[id].setting && picks[i].setting !== undefined
                ? { setting: AUGMENTATIONS[id].setting!.integer ? Math.round(picks[i].setting!) : picks[i].setting }
                : {}),
            })),
          ),
        ),
    );
  }
  if (spec.kind === 'list') return fc.subarray([...spec.values]).map((items) => items.join(','));
  if (spec.kind === 'int') return fc.integer({ min: spec.min, max: spec.max });
  return fc.double({ min: spec.min, max: spec.max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0); // -0 is written as 0
}

const arbitraryState: fc.Arbitrary<LinkState> = fc
  .record(Object.fromEntries(LINK_SCHEMA.map((s) => [s.key, arbitraryOf(s)])))
  .filter((state) => CROSS_FIELD_LIMITS.every((limit) => limit({ ...state }) === null)) as fc.Arbitrary<LinkState>;

describe('experiment links', () => {
  it('every key of any valid state survives encode → decode, with no problem reported', () => {
    fc.assert(
      fc.property(arbitraryState, (state) => {
        const { state: back, problems } = decodeLink(encodeLink(state));
        expect(problems).toEqual([]);
        for (const spec of LINK_SCHEMA) expect(back[spec.key]).toBe(state[spec.key]);
        // the short form (defaults left out) reads back as the same state
        expect(decodeLink(encodeLink(state, true)).state).toEqual(back);
      }),
      { numRuns: 300 },
    );
  });

  it('an architecture over the fitting kernel’s 5000 parameters keeps its width and loses hidden layers, with a notice', () => {
    // by hand: [2,64,64,64,1] = (2·64+64) + 2·(64·64+64) + (64+1) = 8577; without one layer 4417
    const wide = decodeLink('#v=1&width=64&depth=3');
    expect(wide.state.width).toBe('64');
    expect(wide.state.depth).toBe(2);
    expect(wide.problems).toEqual([
      'width=64 with depth=3 is a SIREN of 8577 parameters, over the 5000 the fitting kernel takes; using depth=2.',
    ]);
    // [2,48,48,48,48,1] = (2·48+48) + 3·(48·48+48) + 49 = 144 + 7056 + 49 = 7249; depth 3: 4897
    const deep = decodeLink('#v=1&width=48&depth=4');
    expect(deep.state.depth).toBe(3);
    expect(deep.problems[0]).toContain('7249 parameters');
    expect(decodeLink('#v=1&width=64&depth=2').problems).toEqual([]);
  });

  it('a link with some keys sets those and leaves the rest at their defaults', () => {
    const { state, present, problems } = decodeLink('#v=1&digit=7&model=nfn');
    expect(problems).toEqual([]);
    expect([...present].sort()).toEqual(['digit', 'model']);
    expect(state.digit).toBe(7);
    expect(state.model).toBe('nfn');
    expect(state.w0).toBe(defaultLinkState().w0);
  });

  it('hostile values fall back to defaults (or their range) with a notice, and pollute nothing', () => {
    const defaults = defaultLinkState();
    const long = 'x'.repeat(10_000);
    const cases: [string, string, number | boolean | string][] = [
      ['w0', 'NaN', defaults.w0],
      ['lr', '1e309', defaults.lr],
      ['lr', '-1e309', defaults.lr],
      ['zn', '-5', 10],
      ['mch', '-3', 1],
      ['digit', '<script>alert(1)</script>', defaults.digit],
      ['model', 'transformer', defaults.model],
      ['seed', long, defaults.seed],
      ['stop', 'maybe', defaults.stop],
      ['epochs', '2.5', defaults.epochs],
    ];
    for (const [key, raw, expected] of cases) {
      const { state, problems } = decodeLink(`#v=1&${key}=${encodeURIComponent(raw)}`);
      expect(state[key], `${key}=${raw.slice(0, 20)}`).toBe(expected);
      expect(problems).toHaveLength(1);
      expect(problems[0].length).toBeLessThan(200);
    }
    const { state, problems } = decodeLink('#v=1&__proto__=1&constructor=2&toString=3&digit=%E0%A4%A');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(state)).toBeNull();
    expect(state.digit).toBe(defaults.digit);
    expect(problems).toEqual([expect.stringContaining('broken %-encoding')]);
    expect(decodeLink('#v=1&__proto__[polluted]=1').problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('augmentation lists: unknown ids, repeats, p and settings out of range are dropped or clamped, with a notice', () => {
    const { state, problems } = decodeLink(
      `#v=1&augs=${encodeURIComponent('negate:2,evil:1,negate:0.5,noise:0.5:99,<img src=x>,biasShift:1:2.6,rotate:x')}`,
    );
    expect(state.augs).toBe('negate:1,noise:0.5:2,biasShift:1:3');
    expect(problems).toHaveLength(7);
    for (const p of problems) expect(p.length).toBeLessThan(200);
    expect(decodeLink(`#v=1&augs=${'negate:1,'.repeat(100)}`).state.augs).toBe('');
  });

  it('hide lists keep known control keys only, once each', () => {
    const { state, problems } = decodeLink('#v=1&hide=w0,lr,w0,%3Cscript%3E,panel');
    expect(state.hide).toBe('w0,lr');
    expect(problems).toEqual([expect.stringContaining('"<script>", "panel" not known')]);
  });

  it('migrates old links and says when a link is newer than this page', () => {
    const old = decodeLink('#omega0=12&initSeed=5&digit=2');
    expect(old.problems).toEqual([]);
    expect([old.state.w0, old.state.seed, old.state.digit]).toEqual([12, 5, 2]);
    const newer = decodeLink('#v=9&digit=4');
    expect(newer.state.digit).toBe(4);
    expect(newer.problems).toEqual([expect.stringContaining('newer version')]);
  });

  it('the empty link is the default experiment', () => {
    expect(decodeLink('')).toEqual({ state: defaultLinkState(), problems: [], present: new Set() });
    expect(decodeLink(encodeLink(defaultLinkState())).state).toEqual(defaultLinkState());
  });
});
