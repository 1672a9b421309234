/**
 * QR decomposition by Householder reflections:  A = Q·R
 *
 *   A: m×n.  p = min(m, n).
 *   thin: Q: m×p with QᵀQ = I_p,  R: p×n upper triangular (r_ij = 0 for i > j)
 *   full: Q: m×m orthogonal,      R: m×n upper triangular
 * (for m ≤ n the two coincide.) Q is the library's source of orthogonal
 * matrices (EQ-LINALG-07: QᵀQ = I; a thin Q with p < m has QQᵀ ≠ I, a projector).
 *
 * For k = 0 … p−1, the reflection H_k = I − 2·v·vᵀ (‖v‖ = 1) maps the column
 * x = R[k:m, k] onto a multiple of e₁, zeroing everything below the diagonal:
 *   α = ‖x‖₂,   v ∝ x + sign(x₀)·α·e₁,   H_k·x = −sign(x₀)·α·e₁
 * (adding, never subtracting, α avoids cancellation). Then
 *   H_{p−1}···H₁·H₀·A = R   and   Q = H₀·H₁···H_{p−1}   (each H is its own inverse),
 * Q accumulated backwards on the first columns of I. That is this file's
 * `householderUnblocked`, the readable twin; qr and lstsq run the blocked
 * form (qr-blocked.ts: NB reflections at a time as I − V·T·Vᵀ, applied by
 * gemm calls), which the specs compare with it.
 *
 * Sign convention: diag(R) ≥ 0. Where a reflection leaves r_kk < 0, row k of
 * R and column k of Q are negated (Q·R is unchanged). With this convention
 * the thin factors of a full-column-rank A are unique. The extra columns
 * of a full Q (k ≥ n) complete the basis and carry no sign convention.
 *
 * lstsq — least squares, min_x ‖A·x − b‖₂:
 *   m ≥ n (over-determined):  A = QR (thin),  x = R⁻¹·Qᵀ·b
 *   m < n (under-determined): Aᵀ = QR (thin), x = Q·R⁻ᵀ·b, the solution of least ‖x‖₂
 * Rank rule: A is rank-deficient when some |r_kk| ≤ max(m, n)·ε·‖A‖_F;
 * lstsq then throws SingularMatrixError (the solution is not unique; use the
 * SVD for a minimum-norm solution of a rank-deficient problem).
 */
import { SingularMatrixError, assertOneOf, assertOptions } from '../errors/index.js';
import { EPSILON, assertMatrixInput, assertRightHandSide } from './checks.js';
import { matmul, matmulTransA, transpose } from './matmul.js';
import { norm2Array } from './norms.js';
import { householderBlocked } from './qr-blocked.js';
import { substituteInto } from './substitute.js';
import type { Tensor } from './tensor.js';
import { allocate } from './validate.js';

/** 'thin' (Q: m×min(m,n)) or 'full' (Q: m×m). */
export type QRMode = 'thin' | 'full';

/** Options of qr. */
export interface QROptions {
  /** 'thin' (default): Q m×min(m,n), R min(m,n)×n.  'full': Q m×m, R m×n. */
  mode?: QRMode;
}

/** The factors of A = Q·R. */
export interface QRResult {
  /** m×p (thin) or m×m (full), orthonormal columns: QᵀQ = I. */
  Q: Tensor;
  /** p×n (thin) or m×n (full), upper triangular with diag(R) ≥ 0. */
  R: Tensor;
}

/** Apply H = I − 2vvᵀ (v over rows k … m−1) to columns c0 … cols−1 of X (m×cols, row-major). */
function reflect(v: Float64Array, k: number, X: Float64Array, cols: number, c0: number): void {
  const m = k + v.length;
  for (let j = c0; j < cols; j++) {
    let w = 0; // vᵀx
    for (let i = k; i < m; i++) w += v[i - k]! * X[i * cols + j]!;
    w *= 2;
    for (let i = k; i < m; i++) {
      const xij = X[i * cols + j]!;
      X[i * cols + j] = xij - w * v[i - k]!;
    }
  }
}

/**
 * Householder QR (the blocked form); Q has `qCols` columns (p or m),
 * allocated in the name of `where`. Internal (svd completes its bases with
 * it): A is a finite m×n matrix.
 */
export function householder(A: Tensor, qCols: number, where: string): { Q: Float64Array; R: Float64Array } {
  return householderBlocked(A, qCols, where);
}

/** Householder QR one reflection at a time: the twin of `householder`, same contract. */
export function householderUnblocked(A: Tensor, qCols: number, where: string): { Q: Float64Array; R: Float64Array } {
  const m = A.shape[0]!, n = A.shape[1]!;
  const p = Math.min(m, n);
  const Q = allocate([m, qCols], where); // first, so that a Q too large fails before any work
  const R = A.data.slice();
  const reflectors: (Float64Array | null)[] = [];
  for (let k = 0; k < p; k++) {
    const alpha = norm2Array(R, k * n + k, m - k, n);
    if (alpha === 0) { reflectors.push(null); continue; } // the column is already zero: H_k = I
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = R[i * n + k]!;
    const v0 = v[0]!;
    v[0] = v0 + (v0 >= 0 ? 1 : -1) * alpha;
    const vNorm = norm2Array(v, 0, v.length, 1);
    for (let i = 0; i < v.length; i++) v[i] = v[i]! / vNorm;
    reflect(v, k, R, n, k);
    for (let i = k + 1; i < m; i++) R[i * n + k] = 0; // exactly zero below the diagonal
    reflectors.push(v);
  }
  // Q = H₀·H₁···H_{p−1} applied to the first qCols columns of I_m, last reflection first.
  for (let i = 0; i < Math.min(m, qCols); i++) Q[i * qCols + i] = 1;
  for (let k = p - 1; k >= 0; k--) {
    const v = reflectors[k];
    if (v) reflect(v, k, Q, qCols, 0);
  }
  for (let k = 0; k < p; k++) {
    if (R[k * n + k]! >= 0) continue;
    for (let j = k; j < n; j++) R[k * n + j] = -R[k * n + j]!;
    for (let i = 0; i < m; i++) Q[i * qCols + k] = -Q[i * qCols + k]!;
  }
  return { Q, R };
}

/**
 * A = Q·R by Householder reflections, with diag(R) ≥ 0: QᵀQ = I, R upper triangular.
 *   A: m×n, row-major, any m and n.  Shapes of Q and R: see the file comment.
 * Options: mode 'thin' (default, Q: m×min(m,n)) or 'full' (Q: m×m).
 * Throws ShapeError (not a matrix), ValueError (NaN/∞, empty, unknown mode,
 * a full Q too large to allocate).
 */
export function qr(A: Tensor, options?: QROptions): QRResult {
  const [m, n] = assertMatrixInput(A, 'A', 'qr');
  const { mode = 'thin' } = assertOptions(options, ['mode'], 'qr');
  assertOneOf(mode, ['thin', 'full'], 'mode', 'qr');
  const p = Math.min(m, n);
  const rows = mode === 'full' ? m : p; // columns of Q = rows of R
  const { Q, R } = householder(A, rows, 'qr');
  return { Q: { shape: [m, rows], data: Q }, R: { shape: [rows, n], data: R.slice(0, rows * n) } };
}

/** Throw SingularMatrixError if R (p×n, p = rows) has a negligible diagonal entry (rank rule above). */
function assertFullRank(R: Tensor, A: Tensor): void {
  const p = R.shape[0]!, n = R.shape[1]!;
  const threshold = Math.max(...A.shape) * EPSILON * norm2Array(A.data, 0, A.data.length, 1);
  for (let k = 0; k < p; k++) {
    const rkk = R.data[k * n + k]!;
    if (rkk <= threshold) {
      throw new SingularMatrixError(
        `lstsq: the matrix is rank-deficient to working precision: r[${k}, ${k}] = ${rkk} ≤ ` +
          `max(m, n)·ε·‖A‖_F = ${threshold}; QR gives no unique least-squares solution (the SVD gives the minimum-norm one)`,
      );
    }
  }
}

/**
 * The least-squares solution x = argmin ‖A·x − b‖₂ (of least ‖x‖₂ when m < n):
 * x = R⁻¹·Qᵀ·b from A = QR (m ≥ n), x = Q·R⁻ᵀ·b from Aᵀ = QR (m < n).
 *   A: m×n, full rank (rank = min(m, n)).
 *   b: a vector of length m, or m×k (one right-hand side per column).
 *   Returns x: length n, or n×k.
 * Throws ShapeError, ValueError (NaN/∞), SingularMatrixError (rank-deficient A).
 */
export function lstsq(A: Tensor, b: Tensor): Tensor {
  const [m, n] = assertMatrixInput(A, 'A', 'lstsq');
  const k = assertRightHandSide(A, b, m, 'lstsq');
  const B: Tensor = { shape: [m, k], data: b.data };
  const shape = b.shape.length === 1 ? [n] : [n, k];
  if (m >= n) {
    const { Q, R } = qr(A); // Q: m×n, R: n×n
    assertFullRank(R, A);
    const x = matmulTransA(Q, B).data; // Qᵀb: n×k
    substituteInto(R.data, n, n, 1, false, false, x, k); // R·x = Qᵀb
    return { shape, data: x };
  }
  const { Q, R } = qr(transpose(A)); // Aᵀ = QR, Q: n×m, R: m×m, so A = RᵀQᵀ
  assertFullRank(R, A);
  const y = B.data.slice();
  substituteInto(R.data, m, 1, m, true, false, y, k); // Rᵀ·y = b (Rᵀ is lower)
  return { shape, data: matmul(Q, { shape: [m, k], data: y }).data }; // x = Q·y
}
