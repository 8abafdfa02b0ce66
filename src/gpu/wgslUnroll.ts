/**
 * A tiny WGSL preprocessor: a `for` loop marked `// @unroll` on the line above, of the form
 * `for (var i = A; i < B; i++) { ... }` with A and B constant expressions over the given constants, is replaced
 * by B - A copies of its body with `i` replaced by the literal `0u`, `1u`, ... (nested marks unroll too).
 * With every index a literal, private arrays keep static offsets, which CPU adapters (SwiftShader) turn into
 * registers instead of per-lane gathers and scatters.
 */
export type WgslConstants = Record<string, number | readonly number[]>;

const MARK = /\/\/ @unroll[^\n]*\n(\s*)for \(var (\w+) = ([^;]+); \2 < ([^;]+); \2\+\+\) \{/;

/** Evaluates a constant WGSL integer expression such as `(DIMS[1u] + 3u) / 4u` (integer division, as in WGSL). */
export function evalConstExpr(expr: string, constants: WgslConstants): number {
  const big = (n: number): string => `${n}n`;
  const js = expr
    .replace(/\b(\d+)u?\b/g, '$1n')
    .replace(/\b[A-Za-z_]\w*\b/g, (name) => {
      if (!(name in constants)) throw new Error(`@unroll: '${name}' is not a known constant in '${expr}'`);
      const value = constants[name];
      return typeof value === 'number' ? big(value) : `[${value.map(big).join(',')}]`;
    });
  if (!/^[\dn\s+\-*/%()[\],]*$/.test(js)) throw new Error(`@unroll: cannot evaluate '${expr}'`);
  // BigInt arithmetic: integer division truncates, like WGSL's
  const value = Function(`"use strict"; return (${js});`)() as unknown;
  if (typeof value !== 'bigint') throw new Error(`@unroll: '${expr}' is not an integer`);
  return Number(value);
}

function matchingBrace(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return i;
  }
  throw new Error('@unroll: unbalanced braces');
}

/**
 * Unrolls every marked loop. A `const NAME = EXPR;` inside an unrolled copy whose EXPR is constant becomes known to
 * the loops nested in that copy (so a copy may derive, say, `const l = N_LAYERS - 1u - li;` and loop to `DIMS[l]`).
 */
export function unrollLoops(source: string, constants: WgslConstants): string {
  const m = MARK.exec(source);
  if (!m) return source;
  const [whole, indent, name, from, to] = m;
  const open = m.index + whole.length - 1;
  const close = matchingBrace(source, open);
  const body = source.slice(open + 1, close);
  const copies: string[] = [];
  for (let i = evalConstExpr(from, constants), end = evalConstExpr(to, constants); i < end; i++) {
    const copy = body.replace(new RegExp(`\\b${name}\\b`, 'g'), `${i}u`);
    const local = { ...constants };
    for (const [, constName, expr] of copy.matchAll(/\bconst (\w+)(?:: *\w+)? = ([^;]+);/g)) {
      try {
        local[constName] = evalConstExpr(expr, local);
      } catch {
        // not an integer constant: leave it to WGSL
      }
    }
    copies.push(`${indent}{${unrollLoops(copy, local)}}`);
  }
  return source.slice(0, m.index) + copies.join('\n') + unrollLoops(source.slice(close + 1), constants);
}
