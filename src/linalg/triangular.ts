/**
 * Triangular solves: forward and back substitution.
 *
 *   lower  T·X = B:  x_i = (b_i − Σ_{j<i} t_ij x_j) / t_ii     for i = 0, 1, …, n−1
 *   upper  T·X = B:  x_i = (b_i − Σ_{j>i} t_ij x_j) / t_ii     for i = n−1, …, 0
 *
 * Each x_i, b_i is a row of k right-hand sides, so one pass solves them all.
 * With `unitDiagonal` the diagonal is taken as 1 and not read (the L of LU).
 * With `transpose` the system is Tᵀ·X = B: Tᵀ is read in place by swapping
 * the row and column strides, and a lower T gives an upper Tᵀ.
 * Only the triangle named by `lower` is read (without the diagonal when
 * `unitDiagonal`), and only those entries must be finite: the other triangle
 * may hold anything, e.g. the other factor of a compact LU.
 * `solveTriangular` validates its input and runs the unchecked kernel
 * `substituteInto` (substitute.ts), which `solve` (LU), `choleskySolve` and
 * `lstsq` call directly on factors they have already checked.
 */
import { SingularMatrixError, ValueError, assertBoolean, assertOptions } from '../errors/index.js';
import { assertMatrixShape, assertRightHandSide } from './checks.js';
import { substituteInto } from './substitute.js';
import { assertSquare } from './tensor.js';
import type { Tensor } from './tensor.js';

/** Options of solveTriangular (`lower` is required). */
export interface TriangularOptions {
  /** T is lower triangular (true) or upper triangular (false). Required. */
  lower: boolean;
  /** Take t_ii = 1 without reading the diagonal. Default false. */
  unitDiagonal?: boolean;
  /** Solve Tᵀ·X = B instead of T·X = B. Default false. */
  transpose?: boolean;
}

/**
 * Throw a ValueError naming the first NaN/∞ among the entries that are read:
 * t_ij with j ≤ i (lower) or j ≥ i (upper), without i = j when `unitDiagonal`.
 * T: n×n, row-major.
 */
function assertTriangleFinite(T: Float64Array, n: number, lower: boolean, unitDiagonal: boolean): void {
  for (let i = 0; i < n; i++) {
    const from = lower ? 0 : i, to = lower ? i + 1 : n;
    for (let j = from; j < to; j++) {
      if (unitDiagonal && i === j) continue;
      const t = T[i * n + j]!;
      if (!Number.isFinite(t)) throw new ValueError(`solveTriangular: expected finite values, got t[${i}, ${j}] = ${t}`);
    }
  }
}

/**
 * X = op(T)⁻¹·B by substitution.
 *   T: n×n triangular; only the triangle named by `lower` is read (and must
 *      be finite), the diagonal included unless `unitDiagonal`
 *   b: a vector of length n, or n×k (k right-hand sides, one per column)
 *   returns X with the shape of b
 * Throws ShapeError for non-square T or a b that does not fit, ValueError for
 * NaN/∞ in b or in the entries of T that are read, SingularMatrixError for an
 * exactly zero diagonal entry (a triangular matrix is singular exactly when
 * one of its diagonal entries is 0).
 */
export function solveTriangular(T: Tensor, b: Tensor, options: TriangularOptions): Tensor {
  assertSquare(T, 'T', 'solveTriangular');
  const [n] = assertMatrixShape(T, 'T', 'solveTriangular');
  const k = assertRightHandSide(T, b, n, 'solveTriangular');
  const { lower, unitDiagonal = false, transpose = false } =
    assertOptions(options, ['lower', 'unitDiagonal', 'transpose'], 'solveTriangular');
  assertBoolean(lower, 'options.lower (required)', 'solveTriangular');
  assertBoolean(unitDiagonal, 'options.unitDiagonal', 'solveTriangular');
  assertBoolean(transpose, 'options.transpose', 'solveTriangular');
  assertTriangleFinite(T.data, n, lower, unitDiagonal);
  if (!unitDiagonal) {
    for (let i = 0; i < n; i++) {
      if (T.data[i * n + i] === 0) throw new SingularMatrixError(`solveTriangular: t[${i}, ${i}] = 0, the matrix is singular`);
    }
  }
  const X = b.data.slice();
  // op(T) = Tᵀ reads T[j, i] for (i, j), and turns lower into upper.
  const [rowStride, colStride] = transpose ? [1, n] : [n, 1];
  substituteInto(T.data, n, rowStride, colStride, lower !== transpose, unitDiagonal, X, k);
  return { shape: [...b.shape], data: X };
}
