// The house's direction (docs/architecture.md): ui / cli → state → train → gpu / reference → models / data →
// shaders / weightspace, nothing pointing back up, no import circles (type-only imports count), no app code on the
// test helpers. Run by `npm test` (npm run check:imports).
const layer = (name, path, above) => ({
  name: `${name}-not-up`,
  comment: `${name} imports nothing from the layers above it`,
  severity: 'error',
  from: { path, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/(${above.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no module imports itself back through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('cli', '^src/cli/', ['ui']),
    layer('ui', '^src/ui/', ['cli']),
    layer('state', '^src/state/', ['ui', 'cli']),
    layer('train', '^src/train/', ['ui', 'cli', 'state']),
    layer('gpu-reference', '^src/(gpu|reference)/', ['ui', 'cli', 'state', 'train']),
    layer('models-data', '^src/(models|data)/', ['ui', 'cli', 'state', 'train', 'gpu', 'reference']),
    layer('weightspace', '^src/weightspace/', ['ui', 'cli', 'state', 'train', 'gpu', 'reference', 'models', 'data']),
    {
      name: 'no-test-helpers-in-app',
      comment: 'src/testing/ serves tests only',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/testing/', '\\.test\\.ts$'] },
      to: { path: '^src/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.wgsl\\?raw$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
