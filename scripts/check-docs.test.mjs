import { describe, expect, it } from 'vitest';
import { architectureProblems } from './check-docs.mjs';

describe('check-docs', () => {
  const exists = (p) => ['src/ui/', 'src/ui/app/App.tsx', 'src/state/'].includes(p);

  it('accepts a doc that names every folder and only paths that exist', () => {
    expect(
      architectureProblems('`src/ui/` has `src/ui/app/App.tsx`; `src/state/`.', exists, ['src/ui/', 'src/state/']),
    ).toEqual([]);
  });

  it('flags a named path that is gone and a folder the doc leaves out', () => {
    expect(architectureProblems('`src/ui/` and `src/ui/old/Gone.tsx`', exists, ['src/ui/', 'src/state/'])).toEqual([
      'names src/ui/old/Gone.tsx, which does not exist',
      'does not name the folder src/state/',
    ]);
  });
});
