/**
 * LU decomposition with partial pivoting:  P·A = L·U
 *
 *   A: n×n      L: unit lower triangular (ℓ_ii = 1)      U: upper triangular
 *   P: the permutation matrix with (P·A)[i, :] = A[perm[i], :]
 *
 * Gaussian elimination, column by column (k = 0 … n−1):
 *   1. pivot:     p = argmax_{i ≥ k} |a_ik|; swap rows k and p (and perm, sign)
 *   2. multiply:  ℓ_ik = a_ik / a_kk                        for i > k
 *   3. eliminate: a_ij ← a_ij − ℓ_ik·a_kj                   for i, j > k
 * Choosing the largest pivot keeps every |ℓ_ik| ≤ 1, which makes the
 * elimination backward stable in practice. L and U are stored in one array
 * (ℓ below the diagonal, u on and above it), as LAPACK's dgetrf does.
 *
 * Uses: det A = sign(P)·Π u_kk;  A·x = b ⇔ L·y = P·b, U·x = y;  A⁻¹ = solve(A, I).
 *
 * This file's elimination (`factorUnblocked`) is the readable twin; lu,
 * solve, det and inv run the blocked form of the same elimination
 * (lu-blocked.ts), whose trailing updates are gemm calls, and the
 * substitutions by blocks (kernels/trsm.ts). The specs compare the two.
 *
 * Singularity rule (for `solve` and `inv`): A is reported singular when a
 * pivot is negligible, |u_kk| ≤ n·ε·max_ij |a_ij| (ε = 2⁻⁵²). Such a pivot is
 * of the size of the rounding errors of the elimination, so the solution
 * would be noise; an exactly zero pivot (an exactly singular A) is the
 * special case u_kk = 0. `lu` and `det` never throw for singularity:
 * the factors exist for every square matrix, and det is then (near) 0.
 */
import { SingularMatrixError } from '../errors/index.js';
import { EPSILON, assertRightHandSide, assertSquareInput } from './checks.js';
import { trsm } from './kernels/trsm.js';
import { factorBlocked } from './lu-blocked.js';
import { maxAbsArray } from './norms.js';
import { eye, zeros } from './tensor.js';
import type { Tensor } from './tensor.js';

/** The readable factors of P·A = L·U. */
export interface LUResult {
  /** n×n unit lower triangular. */
  L: Tensor;
  /** n×n upper triangular. */
  U: Tensor;
  /** n×n permutation matrix: P[i, perm[i]] = 1. */
  P: Tensor;
  /** Row i of P·A is row perm[i] of A. */
  perm: Int32Array;
  /** det P = (−1)^(number of row swaps) = ±1. */
  sign: number;
}

/** The compact factorisation: LU holds ℓ_ij (i > j) and u_ij (i ≤ j), n×n row-major. Internal. */
export interface CompactLU {
  LU: Float64Array;
  n: number;
  perm: Int32Array;
  sign: number;
}

/** The blocked elimination (lu-blocked.ts) on a copy of A. Internal: A is square and finite. */
export function factor(A: Tensor): CompactLU {
  const n = A.shape[0]!;
  const LU = A.data.slice();
  const perm = new Int32Array(n);
  const sign = factorBlocked(LU, n, perm);
  return { LU, n, perm, sign };
}

/** Partial-pivoting elimination on a copy of A, column by column: the twin. Internal: A is square and finite. */
export function factorUnblocked(A: Tensor): CompactLU {
  const n = A.shape[0]!;
  const LU = A.data.slice();
  const perm = new Int32Array(n).map((_, i) => i);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k, pivot = Math.abs(LU[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const aik = Math.abs(LU[i * n + k]!);
      if (aik > pivot) {
        p = i;
        pivot = aik;
      }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const akj = LU[k * n + j]!;
        LU[k * n + j] = LU[p * n + j]!;
        LU[p * n + j] = akj;
      }
      const permK = perm[k]!;
      perm[k] = perm[p]!;
      perm[p] = permK;
      sign = -sign;
    }
    const ukk = LU[k * n + k]!;
    if (ukk === 0) continue; // the column is zero from row k down: nothing to eliminate
    for (let i = k + 1; i < n; i++) {
      const lik = LU[i * n + k]! / ukk;
      LU[i * n + k] = lik;
      for (let j = k + 1; j < n; j++) {
        const aij = LU[i * n + j]!, ukj = LU[k * n + j]!;
        LU[i * n + j] = aij - lik * ukj;
      }
    }
  }
  return { LU, n, perm, sign };
}

/** Throw SingularMatrixError if a pivot is negligible (rule in the file comment). */
function assertNonsingular(f: CompactLU, A: Tensor, where: string): void {
  const { LU, n } = f;
  const threshold = n * EPSILON * maxAbsArray(A.data);
  for (let k = 0; k < n; k++) {
    const ukk = LU[k * n + k]!;
    if (Math.abs(ukk) <= threshold) {
      throw new SingularMatrixError(
        `${where}: the matrix is singular to working precision: pivot u[${k}, ${k}] = ${ukk}, ` +
          `|u_kk| ≤ n·ε·max|a| = ${threshold}`,
      );
    }
  }
}

/** X = A⁻¹·B from the factors. B: n×k row-major (rows of P·B are rows perm[i] of B). Internal. */
export function solveFactored(f: CompactLU, B: Float64Array, k: number): Float64Array {
  const { LU, n, perm } = f;
  const X = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = perm[i]!;
    X.set(B.subarray(row * k, row * k + k), i * k); // X = P·B
  }
  trsm(true, false, true, n, k, LU, 0, n, X, 0, k); // L·Y = P·B
  trsm(false, false, false, n, k, LU, 0, n, X, 0, k); // U·X = Y
  return X;
}

/**
 * P·A = L·U with partial pivoting: L unit lower triangular, U upper
 * triangular, P a permutation ((P·A)[i, :] = A[perm[i], :]).
 *   A: n×n, row-major, finite. Returns { L, U, P, perm, sign }.
 * Throws ShapeError for a non-square A, ValueError for NaN/∞ or an empty A.
 */
export function lu(A: Tensor): LUResult {
  const n = assertSquareInput(A, 'A', 'lu');
  const { LU, perm, sign } = factor(A);
  const L = eye(n), U = zeros([n, n]), P = zeros([n, n]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = LU[i * n + j]!;
      if (j < i) L.data[i * n + j] = x;
      else U.data[i * n + j] = x;
    }
    P.data[i * n + perm[i]!] = 1;
  }
  return { L, U, P, perm, sign };
}

/**
 * x = A⁻¹·b, the solution of A·x = b, through P·A = L·U: L·y = P·b, then U·x = y.
 *   A: n×n, row-major.  b: a vector of length n, or n×k (k right-hand sides).
 *   Returns x with the shape of b.
 * Throws ShapeError (shapes), ValueError (NaN/∞), SingularMatrixError (rule above).
 */
export function solve(A: Tensor, b: Tensor): Tensor {
  const n = assertSquareInput(A, 'A', 'solve');
  const k = assertRightHandSide(A, b, n, 'solve');
  const f = factor(A);
  assertNonsingular(f, A, 'solve');
  return { shape: [...b.shape], data: solveFactored(f, b.data, k) };
}

/**
 * det A = sign(P)·Π_k u_kk, from P·A = L·U.  A: n×n, row-major.
 * Never throws for singularity (an exactly singular A gives 0).
 */
export function det(A: Tensor): number {
  assertSquareInput(A, 'A', 'det');
  const { LU, n, sign } = factor(A);
  let d = sign;
  for (let k = 0; k < n; k++) d *= LU[k * n + k]!;
  return d;
}

/**
 * A⁻¹, the n×n matrix with A·A⁻¹ = A⁻¹·A = I, by solving A·X = I.
 * Throws as `solve` does. (To solve A·x = b, call `solve`: it is cheaper and
 * more accurate than forming A⁻¹.)
 */
export function inv(A: Tensor): Tensor {
  const n = assertSquareInput(A, 'A', 'inv');
  const f = factor(A);
  assertNonsingular(f, A, 'inv');
  return { shape: [n, n], data: solveFactored(f, eye(n).data, n) };
}
