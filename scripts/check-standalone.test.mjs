import { describe, expect, it } from 'vitest';
import { outsideReferences } from './check-standalone.mjs';

// the paths are assembled so that this file does not itself hold a reference the checker flags
const UP = '.' + '.' + '/';

describe('check-standalone', () => {
  it('flags paths that climb out of the repository and the folder beside the checkout', () => {
    expect(outsideReferences('src/testing/golden.ts', `import g from '${UP.repeat(3)}x/siren.json';`)).toHaveLength(1);
    expect(outsideReferences('README.md', `see [notes](${UP}DESIGN.md)`)).toHaveLength(1);
    expect(outsideReferences('vite.config.ts', `allow: ['${UP}shared']`).length).toBeGreaterThan(0);
  });

  it('accepts paths that stay inside', () => {
    expect(outsideReferences('src/ui/App.tsx', `import x from '${UP.repeat(2)}shaders/siren.wgsl?raw';`)).toEqual([]);
    expect(outsideReferences('src/testing/golden.ts', "import g from './fixtures/siren-golden.json';")).toEqual([]);
    expect(outsideReferences('docs/kernels.md', `see [layout](${UP}src/weightspace/layout.ts)`)).toEqual([]);
  });
});
