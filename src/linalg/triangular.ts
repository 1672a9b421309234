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
 * These are the building blocks of `solve` (LU), `choleskySolve` and `lstsq`.
 */
import { SingularMatrixError, ValueError } from './errors.js';
import { assertRightHandSide, assertSquareInput } from './checks.js';
import { Tensor } from './tensor.js';

export interface TriangularOptions {
  /** T is lower triangular (true) or upper triangular (false). Required. */
  lower: boolean;
  /** Take t_ii = 1 without reading the diagonal. Default false. */
  unitDiagonal?: boolean;
  /** Solve Tᵀ·X = B instead of T·X = B. Default false. */
  transpose?: boolean;
}

/**
 * Solve op(T)·X = B in place: on return X overwrites B.
 *   T: n×n, row-major; entry (i, j) of op(T) is T[i*rowStride + j*colStride]
 *      (rowStride = n, colStride = 1 for T itself; swapped for Tᵀ)
 *   X: n×k, row-major, X[i*k + c]
 * `lower` describes op(T). Internal: sizes are valid, the diagonal is non-zero
 * unless `unitDiagonal` (a zero gives ±∞, the callers check first).
 */
export function substituteInto(
  T: Float64Array, n: number, rowStride: number, colStride: number,
  lower: boolean, unitDiagonal: boolean, X: Float64Array, k: number,
): void {
  for (let step = 0; step < n; step++) {
    const i = lower ? step : n - 1 - step;
    const from = lower ? 0 : i + 1, to = lower ? i : n; // the known x_j
    for (let j = from; j < to; j++) {
      const t = T[i * rowStride + j * colStride];
      for (let c = 0; c < k; c++) X[i * k + c] -= t * X[j * k + c];
    }
    if (!unitDiagonal) {
      const tii = T[i * rowStride + i * colStride];
      for (let c = 0; c < k; c++) X[i * k + c] /= tii;
    }
  }
}

/**
 * X = op(T)⁻¹·B by substitution.
 *   T: n×n triangular (only the triangle named by `lower` is read)
 *   b: a vector of length n, or n×k (k right-hand sides, one per column)
 *   returns X with the shape of b
 * Throws ShapeError for non-square T or a b that does not fit, ValueError for
 * NaN/∞, SingularMatrixError for an exactly zero diagonal entry (a triangular
 * matrix is singular exactly when one of its diagonal entries is 0).
 */
export function solveTriangular(T: Tensor, b: Tensor, options: TriangularOptions): Tensor {
  const n = assertSquareInput(T, 'solveTriangular');
  const k = assertRightHandSide(T, b, n, 'solveTriangular');
  if (typeof options?.lower !== 'boolean') {
    throw new ValueError(`solveTriangular: options.lower must be true or false, got ${options?.lower}`);
  }
  const unit = options.unitDiagonal ?? false;
  if (!unit) {
    for (let i = 0; i < n; i++) {
      if (T.data[i * n + i] === 0) throw new SingularMatrixError(`solveTriangular: t[${i}, ${i}] = 0, the matrix is singular`);
    }
  }
  const transpose = options.transpose ?? false;
  const X = b.data.slice();
  // op(T) = Tᵀ reads T[j, i] for (i, j), and turns lower into upper.
  const [rowStride, colStride] = transpose ? [1, n] : [n, 1];
  substituteInto(T.data, n, rowStride, colStride, options.lower !== transpose, unit, X, k);
  return { shape: [...b.shape], data: X };
}
