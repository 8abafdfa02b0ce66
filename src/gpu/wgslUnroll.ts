/**
 * A tiny WGSL preprocessor: a `for` loop marked `// @unroll` on the line above, of the form
 * `for (var i = A; i < B; i++) { ... }` with A and B constant expressions over the given constants, is replaced
 * by B - A copies of its body with `i` replaced by the literal `0u`, `1u`, ... (nested marks unroll too).
 * A loop marked `// @unroll-sum` whose body is the single statement `{ acc += TERM; }` becomes one statement
 * `acc = acc + TERM_0 + TERM_1 + ...;` (the same additions in the same order, one store instead of B - A).
 * With every index a literal, private arrays keep static offsets, which CPU adapters (SwiftShader) turn into
 * plain vector loads instead of per-lane gathers and scatters; fewer stores mean fewer masked writes.
 */
export type WgslConstants = Record<string, number | readonly number[]>;

const MARK = /\/\/ @unroll(-sum)?[^\n]*\n(\s*)for \(var (\w+) = ([^;]+); \3 < ([^;]+); \3\+\+\) \{/;
const SUM_BODY = /^\s*([^;]+?) \+= ([^;]+);\s*$/;

/** Evaluates a constant WGSL integer expression such as `(DIMS[1u] + 3u) / 4u` (integer division, as in WGSL). */
export function evalConstExpr(expr: string, constants: WgslConstants): number {
  const big = (n: number): string => `${n}n`;
  const js = expr.replace(/\b(\d+)u?\b/g, '$1n').replace(/\b[A-Za-z_]\w*\b/g, (name) => {
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
  const [whole, isSum, indent, name, from, to] = m;
  const open = m.index + whole.length - 1;
  const close = matchingBrace(source, open);
  const body = source.slice(open + 1, close);
  const rest = unrollLoops(source.slice(close + 1), constants);
  const index = (i: number, text: string): string => text.replace(new RegExp(`\\b${name}\\b`, 'g'), `${i}u`);
  const [start, end] = [evalConstExpr(from, constants), evalConstExpr(to, constants)];
  if (isSum) {
    const sum = SUM_BODY.exec(body);
    if (!sum) throw new Error(`@unroll-sum: the body must be one 'acc += term;', got '${body.trim()}'`);
    const terms = Array.from({ length: end - start }, (_, i) => ` + ${index(start + i, sum[2])}`).join('');
    return `${source.slice(0, m.index)}${indent}${sum[1]} = ${sum[1]}${terms};${rest}`;
  }
  const copies: string[] = [];
  for (let i = start; i < end; i++) {
    const copy = index(i, body);
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
  return source.slice(0, m.index) + copies.join('\n') + rest;
}

/**
 * The same source with every marked loop kept a loop: markers dropped, `const`s inside marked loops turned into
 * `let`s (they depend on the loop variable). For architectures too large to unroll.
 */
export function keepLoops(source: string): string {
  const m = MARK.exec(source);
  if (!m) return source;
  const open = m.index + m[0].length - 1;
  const close = matchingBrace(source, open);
  const loop = m[0].replace(/\/\/ @unroll[^\n]*\n/, '');
  const body = keepLoops(source.slice(open + 1, close).replace(/\bconst (\w+)/g, 'let $1'));
  return `${source.slice(0, m.index)}${loop}${body}}${keepLoops(source.slice(close + 1))}`;
}
