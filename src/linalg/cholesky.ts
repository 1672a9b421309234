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
 *
 * This file's column loop (`factorUnblocked`) is the readable twin;
 * cholesky and choleskySolve run the blocked form of the same formulas
 * (cholesky-blocked.ts), whose updates are gemm calls, and the
 * substitutions by blocks (kernels/trsm.ts). The specs compare the two.
 */
import { assertOptions } from '../errors/index.js';
import {
  assertRightHandSide, assertSquareInput, assertSymmetric, symmetricPart, symmetryToleranceOption,
} from './checks.js';
import { choleskyUpperBlocked, notPositiveDefinite } from './cholesky-blocked.js';
import { trsm } from './kernels/trsm.js';
import type { Tensor } from './tensor.js';

/** Options of cholesky and choleskySolve. */
export interface CholeskyOptions {
  /** Relative symmetry tolerance τ: |a_ij − a_ji| ≤ τ·max|a|. Default 1e-10. */
  symmetryTolerance?: number;
}

/** L of A = L·Lᵀ (n×n, zero above the diagonal) by the blocked form. Internal: A is square, finite and symmetric. */
export function factor(A: Tensor, where: string): Float64Array {
  const n = A.shape[0]!;
  const a = symmetricPart(A).data;
  choleskyUpperBlocked(a, n, where);
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) L[i * n + j] = a[j * n + i]!; // L = Uᵀ
  return L;
}

/** L of A = L·Lᵀ, column by column: the twin. Internal: A is square, finite and symmetric. */
export function factorUnblocked(A: Tensor, where: string): Float64Array {
  const n = A.shape[0]!;
  const a = symmetricPart(A).data;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) {
      const ljk = L[j * n + k]!;
      d -= ljk * ljk;
    }
    if (!(d > 0)) throw notPositiveDefinite(where, j, d);
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
  trsm(true, false, false, n, k, L, 0, n, x, 0, k); // L·y = b
  trsm(true, true, false, n, k, L, 0, n, x, 0, k); // Lᵀ·x = y
  return { shape: [...b.shape], data: x };
}
