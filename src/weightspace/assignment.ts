/** Linear assignment (the `munkres` package's Hungarian algorithm), as the maximisation weight matching needs. */
import { munkres } from 'munkres';

/**
 * The permutation π maximising Σ_j profit[j, π(j)] for an n×n row-major profit matrix: `result[j] = π(j)`.
 */
export function maximizeAssignment(profit: ArrayLike<number>, n: number): Uint32Array {
  if (profit.length !== n * n)
    throw new Error(`a ${n}×${n} profit matrix needs ${n * n} entries, got ${profit.length}`);
  // munkres minimises: the cost is the negated profit
  const cost = Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, k) => -profit[j * n + k]));
  const result = new Uint32Array(n);
  const seen = new Uint8Array(n);
  for (const [row, col] of munkres(cost)) {
    result[row] = col;
    seen[col] = 1;
  }
  if (seen.some((v) => v === 0)) throw new Error('the assignment solver returned no full permutation');
  return result;
}
