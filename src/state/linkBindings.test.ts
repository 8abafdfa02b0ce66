import { describe, expect, it } from 'vitest';
import { useCurveStore } from './curveStore';
import { LINK_SCHEMA } from './linkSchema';

describe('link bindings', () => {
  it('a number or flag from a link reaches its store as a number or a flag, and reads back the same', () => {
    for (const spec of LINK_SCHEMA) {
      if (spec.kind !== 'int' && spec.kind !== 'number' && spec.kind !== 'bool') continue;
      const value =
        spec.kind === 'bool' ? !spec.default : spec.kind === 'int' ? Number(spec.min ?? 0) + 1 : spec.default;
      spec.bind.set(value);
      expect([spec.key, spec.bind.get()]).toEqual([spec.key, value]);
      spec.bind.set(spec.default);
    }
  });

  it('the learning curve’s lists and numbers: cepochs is a number, csizes a list of numbers', () => {
    const byKey = (key: string) => LINK_SCHEMA.find((s) => s.key === key)!.bind;
    byKey('cepochs').set(20);
    byKey('csizes').set('30,100');
    const { epochs, sizes } = useCurveStore.getState().settings;
    expect([epochs, sizes]).toEqual([20, [30, 100]]);
  });
});
