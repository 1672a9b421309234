/**
 * Input checks shared by the decompositions (LU, Cholesky, QR, eigSym, SVD).
 *
 *   symmetric within τ:   |a_ij − a_ji| ≤ τ · max_kl |a_kl|      for all i, j
 *   symmetric part:       sym(A) = ½(A + Aᵀ)
 *
 * The symmetry test is relative to the largest entry, so that a matrix
 * computed as XᵀX by a blocked product (whose two triangles may differ in
 * the last bit) passes, while a genuinely non-symmetric one does not.
 * The default τ = 1e-10 leaves six orders of magnitude above rounding
 * (≈ 1e-16) and still rejects any matrix a user meant to be non-symmetric.
 */
import { ShapeError, ValueError, formatShape } from './errors.js';
import { Tensor, assertFinite, assertMatrix, assertSquare } from './tensor.js';

/** The default relative symmetry tolerance τ of cholesky and eigSym. */
export const SYMMETRY_TOLERANCE = 1e-10;

/** Machine epsilon of float64, 2⁻⁵², the unit of every rounding rule here. */
export const EPSILON = Number.EPSILON;

/** max_ij |a_ij| (0 for an empty matrix). */
export function maxAbs(a: Tensor): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]));
  return m;
}

/**
 * A power of two s ≈ max_ij |a_ij| (1 for a zero matrix). Dividing by s is
 * exact, so an iteration can run on A/s, where no square over- or underflows,
 * and scale its results back without any rounding.
 */
export function powerOfTwoScale(a: Tensor): number {
  const m = maxAbs(a);
  return m === 0 ? 1 : 2 ** Math.floor(Math.log2(m));
}

/**
 * Throw unless `a` is a non-empty matrix of finite numbers; returns [rows, cols].
 * ShapeError for a non-matrix, ValueError for an empty one or NaN/∞ entries.
 */
export function assertMatrixInput(a: Tensor, where: string): [number, number] {
  const [m, n] = assertMatrix(a, where);
  if (m === 0 || n === 0) throw new ValueError(`${where}: expected a non-empty matrix, got shape ${formatShape(a.shape)}`);
  assertFinite(a, where);
  return [m, n];
}

/** As assertMatrixInput, and square; returns n. */
export function assertSquareInput(a: Tensor, where: string): number {
  assertSquare(a, where);
  return assertMatrixInput(a, where)[0];
}

/**
 * Throw a ValueError unless the square matrix `a` is symmetric within τ
 * (see the file comment); the message names the worst pair (i, j).
 * The tolerance itself must be a finite number ≥ 0.
 */
export function assertSymmetric(a: Tensor, where: string, tolerance = SYMMETRY_TOLERANCE): void {
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) {
    throw new ValueError(`${where}: symmetryTolerance must be a finite number ≥ 0, got ${tolerance}`);
  }
  const n = a.shape[0], x = a.data;
  const bound = tolerance * maxAbs(a);
  let worst = 0, wi = 0, wj = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(x[i * n + j] - x[j * n + i]);
      if (gap > worst) [worst, wi, wj] = [gap, i, j];
    }
  }
  if (worst > bound) {
    throw new ValueError(
      `${where}: expected a symmetric matrix, but |a[${wi}, ${wj}] − a[${wj}, ${wi}]| = ${worst} > ` +
        `${tolerance}·max|a| = ${bound}`,
    );
  }
}

/** sym(A) = ½(A + Aᵀ), a new n×n matrix. Internal: `a` is square. */
export function symmetricPart(a: Tensor): Tensor {
  const n = a.shape[0], x = a.data;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) s[i * n + j] = 0.5 * (x[i * n + j] + x[j * n + i]);
  }
  return { shape: [n, n], data: s };
}

/**
 * A right-hand side b of A·x = b: a vector of length n or an n×k matrix.
 * Returns k (1 for a vector); ShapeError naming both shapes otherwise.
 */
export function assertRightHandSide(a: Tensor, b: Tensor, n: number, where: string): number {
  const fits = (b.shape.length === 1 || b.shape.length === 2) && b.shape[0] === n;
  if (!fits) {
    throw new ShapeError(
      `${where}: b must be a vector of length ${n} or a matrix with ${n} rows, ` +
        `got A ${formatShape(a.shape)} and b ${formatShape(b.shape)}`,
    );
  }
  assertFinite(b, where);
  return b.shape.length === 1 ? 1 : b.shape[1];
}
