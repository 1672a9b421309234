/**
 * Cholesky decomposition of a symmetric positive definite matrix:  A = L·Lᵀ
 *
 *   A: n×n, symmetric, xᵀAx > 0 for every x ≠ 0
 *   L: n×n lower triangular with ℓ_jj > 0 (then L is unique)
 *
 * Column by column (j = 0 … n−1), from A = L·Lᵀ read entry by entry:
 *   ℓ_jj = √(a_jj − Σ_{k<j} ℓ_jk²)
 *   ℓ_ij = (a_ij − Σ_{k<j} ℓ_ik·ℓ_jk) / ℓ_jj          for i > j
 * A is positive definite exactly when every radicand d_j = a_jj − Σ ℓ_jk² is
 * > 0, so the factorisation itself is the test: a d_j ≤ 0 throws
 * NotPositiveDefiniteError. No pivoting is needed, and it costs half of LU.
 *
 * Symmetry: A must be symmetric within the relative tolerance τ,
 * |a_ij − a_ji| ≤ τ·max|a| (default τ = 1e-10, option `symmetryTolerance`),
 * else ValueError. The factorisation then uses the symmetric part ½(A + Aᵀ),
 * so both triangles count and a last-bit asymmetry does no harm.
 *
 * choleskySolve:  A·x = b  ⇔  L·y = b (forward),  Lᵀ·x = y (back).
 */
import { NotPositiveDefiniteError, assertOptions } from '../errors/index.js';
import {
  assertRightHandSide, assertSquareInput, assertSymmetric, symmetricPart, symmetryToleranceOption,
} from './checks.js';
import { substituteInto } from './substitute.js';
import type { Tensor } from './tensor.js';

/** Options of cholesky and choleskySolve. */
export interface CholeskyOptions {
  /** Relative symmetry tolerance τ: |a_ij − a_ji| ≤ τ·max|a|. Default 1e-10. */
  symmetryTolerance?: number;
}

/** L of A = L·Lᵀ. Internal: A is square, finite and symmetric. */
function factor(A: Tensor, where: string): Float64Array {
  const n = A.shape[0]!;
  const a = symmetricPart(A).data;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) {
      const ljk = L[j * n + k]!;
      d -= ljk * ljk;
    }
    if (!(d > 0)) {
      throw new NotPositiveDefiniteError(
        `${where}: the matrix is not positive definite: at column ${j}, a_jj − Σ ℓ_jk² = ${d} ≤ 0`,
      );
    }
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) {
        const lik = L[i * n + k]!, ljk = L[j * n + k]!;
        s -= lik * ljk;
      }
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Validate A and the options for the Cholesky functions; returns n. */
function validate(A: Tensor, options: CholeskyOptions | undefined, where: string): number {
  const n = assertSquareInput(A, 'A', where);
  const { symmetryTolerance } = assertOptions(options, ['symmetryTolerance'], where);
  assertSymmetric(A, 'A', where, symmetryToleranceOption(symmetryTolerance, where));
  return n;
}

/**
 * L with A = L·Lᵀ, L lower triangular with a positive diagonal:
 *   ℓ_jj = √(a_jj − Σ_{k<j} ℓ_jk²),   ℓ_ij = (a_ij − Σ_{k<j} ℓ_ik·ℓ_jk) / ℓ_jj.
 *   A: n×n, row-major, symmetric positive definite.  Returns L: n×n.
 * Options: symmetryTolerance τ (default 1e-10).
 * Throws ShapeError (non-square), ValueError (NaN/∞, empty, non-symmetric, bad
 * option), NotPositiveDefiniteError (some d_j ≤ 0).
 */
export function cholesky(A: Tensor, options?: CholeskyOptions): Tensor {
  const n = validate(A, options, 'cholesky');
  return { shape: [n, n], data: factor(A, 'cholesky') };
}

/**
 * x = A⁻¹·b for symmetric positive definite A, through A = L·Lᵀ:
 * L·y = b (forward), then Lᵀ·x = y (back).
 *   A: n×n.  b: a vector of length n, or n×k.  Returns x with the shape of b.
 * Throws as `cholesky` does, plus ShapeError for a b that does not fit.
 */
export function choleskySolve(A: Tensor, b: Tensor, options?: CholeskyOptions): Tensor {
  const n = validate(A, options, 'choleskySolve');
  const k = assertRightHandSide(A, b, n, 'choleskySolve');
  const L = factor(A, 'choleskySolve');
  const x = b.data.slice();
  substituteInto(L, n, n, 1, true, false, x, k); // L·y = b
  substituteInto(L, n, 1, n, false, false, x, k); // Lᵀ·x = y (Lᵀ read with swapped strides)
  return { shape: [...b.shape], data: x };
}
