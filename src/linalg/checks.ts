/**
 * Input checks and the small internal helpers shared by the decompositions
 * (LU, Cholesky, QR, eigSym, SVD, the triangular solves). index.ts does not
 * re-export this file: every function here is internal to linalg.
 *
 *   symmetric within τ:   |a_ij − a_ji| ≤ τ · max_kl |a_kl|      for all i, j
 *   symmetric part:       sym(A) = ½(A + Aᵀ)
 *   Jacobi rotation:      θ = (a_qq − a_pp) / (2·a_pq),   t = sign(θ) / (|θ| + √(θ² + 1)),
 *                         c = 1/√(t² + 1),   s = t·c
 *   sign convention:      v ← ±v, so that its entry of largest magnitude
 *                         (the first such, on a tie) is positive
 *
 * The symmetry test is relative to the largest entry, so that a matrix that
 * is symmetric up to rounding (computed as (AB)Aᵀ, say, whose two triangles
 * may differ in the last bits) passes, while a genuinely non-symmetric one
 * does not.
 * The default τ = 1e-10 leaves six orders of magnitude above rounding
 * (≈ 1e-16) and still rejects any matrix a user meant to be non-symmetric.
 *
 * The rotation J = [[c, s], [−s, c]] in the (p, q) plane makes the 2×2 block
 * [[a_pp, a_pq], [a_pq, a_qq]] of JᵀAJ diagonal: t = tan φ is the root of
 * t² + 2θt − 1 = 0 of smaller magnitude (|φ| ≤ π/4), written so that nothing
 * cancels. eigSym applies it to A itself, svd (one-sided Jacobi) to the Gram
 * entries α = a_pp, β = a_qq, γ = a_pq of two columns.
 */
import { ShapeError, ValueError, assertInteger, assertNumber, formatShape } from '../errors/index.js';
import { hypot, log2, pow } from '../math/index.js';
import { maxAbsArray } from './norms.js';
import { assertFinite, assertMatrix, assertSquare } from './tensor.js';
import type { Tensor } from './tensor.js';
import { assertTensor } from './validate.js';

/** The default relative symmetry tolerance τ of cholesky and eigSym. */
export const SYMMETRY_TOLERANCE = 1e-10;

/** Machine epsilon of float64, 2⁻⁵², the unit of every rounding rule here. */
export const EPSILON = Number.EPSILON;

/**
 * A power of two s ≈ max_ij |a_ij| (1 for a zero matrix). Dividing by s is
 * exact, so an iteration can run on A/s, where no square over- or underflows,
 * and scale its results back without any rounding.
 */
export function powerOfTwoScale(a: Tensor): number {
  const m = maxAbsArray(a.data);
  return m === 0 ? 1 : pow(2, Math.floor(log2(m)));
}

/**
 * Throw unless `a` is a non-empty matrix (its entries are not read); returns [rows, cols].
 * ArgumentTypeError for a non-Tensor, ShapeError for a non-matrix, ValueError for an empty one.
 */
export function assertMatrixShape(a: Tensor, name: string, where: string): [number, number] {
  const [m, n] = assertMatrix(a, name, where);
  if (m === 0 || n === 0) throw new ValueError(`${where}: ${name} must be a non-empty matrix, got shape ${formatShape(a.shape)}`);
  return [m, n];
}

/**
 * Throw unless `a` is a non-empty matrix of finite numbers; returns [rows, cols].
 * ShapeError for a non-matrix, ValueError for an empty one or NaN/∞ entries.
 */
export function assertMatrixInput(a: Tensor, name: string, where: string): [number, number] {
  const shape = assertMatrixShape(a, name, where);
  assertFinite(a, name, where);
  return shape;
}

/** As assertMatrixInput, and square; returns n. */
export function assertSquareInput(a: Tensor, name: string, where: string): number {
  assertSquare(a, name, where);
  return assertMatrixInput(a, name, where)[0];
}

/**
 * The `symmetryTolerance` option τ of cholesky and eigSym: SYMMETRY_TOLERANCE
 * when absent, else a finite number ≥ 0 (ValueError naming the value).
 */
export function symmetryToleranceOption(tolerance: unknown, where: string): number {
  return assertNumber(tolerance ?? SYMMETRY_TOLERANCE, 'symmetryTolerance', where, { min: 0 });
}

/**
 * Throw a ValueError unless the square matrix `a` is symmetric within τ
 * (see the file comment); the message names the worst pair (i, j).
 * Internal: `a` is a finite square matrix and τ a finite number ≥ 0.
 */
export function assertSymmetric(a: Tensor, name: string, where: string, tolerance: number): void {
  const n = a.shape[0]!, x = a.data;
  const bound = tolerance * maxAbsArray(x);
  let worst = 0, wi = 0, wj = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(x[i * n + j]! - x[j * n + i]!);
      if (gap > worst) {
        worst = gap;
        wi = i;
        wj = j;
      }
    }
  }
  if (worst > bound) {
    throw new ValueError(
      `${where}: ${name} must be symmetric, but |a[${wi}, ${wj}] − a[${wj}, ${wi}]| = ${worst} > ` +
        `${tolerance}·max|a| = ${bound}`,
    );
  }
}

/** sym(A) = ½(A + Aᵀ), a new n×n matrix. Internal: `a` is square. */
export function symmetricPart(a: Tensor): Tensor {
  const n = a.shape[0]!, x = a.data;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) s[i * n + j] = 0.5 * (x[i * n + j]! + x[j * n + i]!);
  }
  return { shape: [n, n], data: s };
}

/**
 * A right-hand side b of A·x = b: a finite vector of length n or an n×k matrix.
 * Returns k (1 for a vector); ShapeError naming both shapes otherwise.
 */
export function assertRightHandSide(a: Tensor, b: Tensor, n: number, where: string): number {
  assertTensor(b, 'b', where);
  const fits = (b.shape.length === 1 || b.shape.length === 2) && b.shape[0] === n;
  if (!fits) {
    throw new ShapeError(
      `${where}: b must be a vector of length ${n} or a matrix with ${n} rows, ` +
        `got A ${formatShape(a.shape)} and b ${formatShape(b.shape)}`,
    );
  }
  assertFinite(b, 'b', where);
  return b.shape[1] ?? 1;
}

/** The default `maxSweeps` of eigSym and svd. */
export const DEFAULT_MAX_SWEEPS = 100;

/**
 * The `maxSweeps` option of a Jacobi iteration: DEFAULT_MAX_SWEEPS when
 * absent; else an integer ≥ 1 (ValueError naming the value).
 */
export function maxSweepsOption(maxSweeps: unknown, where: string): number {
  return assertInteger(maxSweeps ?? DEFAULT_MAX_SWEEPS, 'maxSweeps', where, { min: 1 });
}

/** The rotation of the file comment: t = tan φ, c = cos φ, s = sin φ. */
export interface JacobiRotation {
  t: number;
  c: number;
  s: number;
}

/**
 * The Jacobi rotation that zeroes a_pq of [[a_pp, a_pq], [a_pq, a_qq]] (file comment).
 * Internal: a_pq ≠ 0 and θ is finite (the callers' stopping rules bound |θ|, below).
 * Overflow: θ² overflows once |θ| > 1.3e154, so √(θ² + 1) is hypot(1, θ),
 * which divides by max(1, |θ|) before squaring and is finite for every finite θ.
 * Then |t| ≤ 1, so t² + 1 ≤ 2 and c ∈ [1/√2, 1]. (Only for |θ| > 9e307 would
 * |θ| + √(θ² + 1) overflow, giving t = 0 in place of a t below 1e-308; eigSym
 * keeps |θ| < 2e31 (see its `rotate`) and svd |ζ| < 1e161 (its file comment).)
 */
export function jacobiRotation(app: number, aqq: number, apq: number): JacobiRotation {
  const theta = (aqq - app) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + hypot(1, theta));
  const c = 1 / Math.sqrt(t * t + 1);
  return { t, c, s: t * c };
}

/**
 * The sign convention of the file comment: ±1, the sign of the entry of largest
 * magnitude of x (the first such, on a tie; +1 for a zero vector), so that
 * sign·x has that entry positive. x is read as x[offset + r·stride] for
 * r = 0 … length−1: a row of a row-major matrix has stride 1, a column has
 * stride = its number of columns. Internal: the indices are in range.
 */
export function largestEntrySign(x: Float64Array, offset: number, length: number, stride: number): 1 | -1 {
  let big = offset;
  let bigAbs = Math.abs(x[offset]!);
  for (let r = 1; r < length; r++) {
    const k = offset + r * stride, xk = Math.abs(x[k]!);
    if (xk > bigAbs) {
      big = k;
      bigAbs = xk;
    }
  }
  return x[big]! < 0 ? -1 : 1;
}
