/**
 * The curse of dimensionality (EQ-DATA-09): "the higher-dimensional the
 * data, the more we need of it".
 *
 *   volume fraction of the cube [−1, 1]^d inside the inscribed unit ball
 *     F_d = π^{d/2} / (Γ(d/2 + 1)·2^d)
 *   computed by the recurrence V_d = V_{d−2}·2π/d of the unit ball's volume:
 *     F_0 = F_1 = 1,  F_d = F_{d−2}·π/(2d)          (0.785 at d = 2, 0.00249 at d = 10)
 *
 *   a grid of b bins per axis has b^d cells (10^d for ten bins)
 *
 *   relative contrast of distances to a query q:
 *     (max_i ‖xᵢ − q‖ − min_i ‖xᵢ − q‖) / min_i ‖xᵢ − q‖
 *   which falls towards 0 as d grows for uniform points: the nearest and the
 *   farthest neighbour become almost equally far.
 */
import { ShapeError, ValueError, assertInstance, assertInteger } from '../errors/index.js';
import { assertMatrix, assertTensor, assertVector, assertFinite } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/** F_d = π^{d/2}/(Γ(d/2 + 1)·2^d), the fraction of [−1, 1]^d inside the unit ball; d an integer ≥ 1. */
export function ballVolumeFraction(d: number): number {
  assertInteger(d, 'd', 'ballVolumeFraction', { min: 1, max: 100000 });
  let f = 1;
  for (let j = d % 2 === 0 ? 2 : 3; j <= d; j += 2) f *= Math.PI / (2 * j);
  return f;
}

/**
 * A Monte-Carlo estimate of F_d: the share of n points drawn uniformly from
 * [−1, 1]^d (d draws per point, point by point) with ‖x‖ ≤ 1, and its
 * standard error √(p̂(1 − p̂)/n).
 */
export function ballFractionMonteCarlo(rng: Rng, d: number, n: number): { estimate: number; standardError: number } {
  const where = 'ballFractionMonteCarlo';
  assertInstance(rng, Rng, 'rng', where);
  assertInteger(d, 'd', where, { min: 1, max: 100000 });
  assertInteger(n, 'n', where, { min: 1, max: 2 ** 30 });
  let inside = 0;
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let j = 0; j < d; j++) {
      const x = rng.uniform(-1, 1);
      r2 += x * x;
    }
    if (r2 <= 1) inside++;
  }
  const p = inside / n;
  return { estimate: p, standardError: Math.sqrt((p * (1 - p)) / n) };
}

/** b^d, the number of cells of a grid with b bins on each of d axes, exactly (a bigint). */
export function gridCellCount(bins: number, d: number): bigint {
  assertInteger(bins, 'bins', 'gridCellCount', { min: 1 });
  assertInteger(d, 'd', 'gridCellCount', { min: 0, max: 100000 });
  let cells = 1n;
  for (let j = 0; j < d; j++) cells *= BigInt(bins);
  return cells;
}

/**
 * (max − min)/min of the Euclidean distances from q (length d) to the rows
 * of X (n × d, n ≥ 2); Infinity when a row equals q.
 */
export function relativeContrast(X: Tensor, q: Tensor): number {
  const where = 'relativeContrast';
  assertTensor(X, 'X', where);
  assertTensor(q, 'q', where);
  const [n, d] = assertMatrix(X, 'X', where);
  const dq = assertVector(q, 'q', where);
  if (dq !== d) throw new ShapeError(`${where}: q has length ${dq}, X has ${d} columns`);
  if (n < 2) throw new ValueError(`${where}: X needs at least 2 rows, got ${n}`);
  assertFinite(X, 'X', where);
  assertFinite(q, 'q', where);
  let lo = Infinity, hi = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = X.data[i * d + j]! - q.data[j]!;
      s += diff * diff;
    }
    const r = Math.sqrt(s);
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  return lo === 0 ? Infinity : (hi - lo) / lo;
}
