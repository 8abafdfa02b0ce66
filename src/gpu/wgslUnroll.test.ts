import { describe, expect, it } from 'vitest';
import { evalConstExpr, keepLoops, unrollLoops } from './wgslUnroll';

describe('WGSL @unroll preprocessor', () => {
  it('evaluates constant expressions with WGSL integer division', () => {
    expect(evalConstExpr('(DIMS[1u] + 3u) / 4u', { DIMS: [2, 33, 1] })).toBe(9);
    expect(() => evalConstExpr('n_points', {})).toThrow(/not a known constant/);
  });

  it('unrolls nested loops, with constants derived inside a copy', () => {
    const src = `// @unroll\nfor (var l = 0u; l < 2u; l++) {\n  const n = DIMS[l];\n  // @unroll\n  for (var k = 0u; k < n; k++) { x[l][k] = 1.0; }\n}`;
    const out = unrollLoops(src, { DIMS: [2, 1] });
    expect(out).not.toMatch(/for \(/);
    expect(out.match(/x\[\d+u\]\[\d+u\] = 1\.0/g)).toEqual(['x[0u][0u] = 1.0', 'x[0u][1u] = 1.0', 'x[1u][0u] = 1.0']);
  });

  it('turns an @unroll-sum loop into one statement that adds in the same order', () => {
    const out = unrollLoops('// @unroll-sum\nfor (var k = 0u; k < 3u; k++) { s += w[k] * a[k]; }', {});
    expect(out.trim()).toBe('s = s + w[0u] * a[0u] + w[1u] * a[1u] + w[2u] * a[2u];');
  });

  it('keepLoops keeps marked loops as loops, their constants as lets', () => {
    const src = `// @unroll\nfor (var l = 0u; l < N; l++) {\n  const n = DIMS[l];\n  // @unroll-sum\n  for (var k = 0u; k < n; k++) { s += x[k]; }\n}\nconst KEEP = 1u;`;
    const out = keepLoops(src);
    expect(out).not.toMatch(/@unroll/);
    expect(out).toMatch(/for \(var l = 0u; l < N; l\+\+\) \{\n  let n = DIMS\[l\];/);
    expect(out).toMatch(/for \(var k = 0u; k < n; k\+\+\) \{ s \+= x\[k\]; \}/);
    expect(out).toMatch(/const KEEP = 1u;$/);
  });

  it('leaves unmarked loops alone', () => {
    const src = 'for (var k = 0u; k < n; k++) { s += 1.0; }';
    expect(unrollLoops(src, {})).toBe(src);
  });
});
