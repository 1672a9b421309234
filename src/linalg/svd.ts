/**
 * Singular value decomposition (EQ-LINALG-05):  X = U·Σ·Vᵀ
 *
 *   X: m×n.  p = min(m, n).  S = (σ₀ ≥ σ₁ ≥ … ≥ σ_{p−1} ≥ 0), Σ = diag(S)
 *   thin (default): U: m×p, V: n×p, UᵀU = VᵀV = I_p,  X = U·diag(S)·Vᵀ
 *   full:           U: m×m, V: n×n, both orthogonal,  X = U·Σ·Vᵀ with Σ m×n
 *
 * Algorithm (default, `method: 'bidiagonal'`): Golub–Kahan bidiagonalisation
 * X = U_B·B·V_Bᵀ by Householder reflections, then implicit-shift QR on the
 * bidiagonal B, the rotations accumulated onto U_B and V_B
 * (svd-bidiagonal.ts). For m < n, as below, the SVD of Xᵀ.
 *
 * Twin (`method: 'jacobi'`): one-sided Jacobi (Hestenes). For m ≥ n, rotate pairs of columns
 * (g_p, g_q) of G = X·V until all columns are mutually orthogonal; then
 * GᵀG = VᵀXᵀXV is diagonal, σ_j = ‖g_j‖ and u_j = g_j/σ_j. With
 *   α = g_pᵀg_p,  β = g_qᵀg_q,  γ = g_pᵀg_q,
 *   ζ = (β − α)/(2γ),  t = sign(ζ)/(|ζ| + √(1 + ζ²)),  c = 1/√(1 + t²),  s = c·t
 *   g′_p = c·g_p − s·g_q,  g′_q = s·g_p + c·g_q   (and the same on v_p, v_q)
 * makes g′_pᵀg′_q = 0: this is the Jacobi rotation of eigen.ts (jacobiRotation
 * in checks.ts, with θ = ζ) applied to the Gram matrix XᵀX, without ever
 * forming it (forming it would square the condition number and lose the
 * small σ). A pair is rotated while |γ| > m·ε·√α·√β; the sweeps end when
 * none is. Accuracy: every σ to about m·ε·σ₀ absolute, also for
 * rank-deficient or ill-conditioned X.
 * For m < n, the SVD of Xᵀ = U′ΣV′ᵀ gives X = V′ΣU′ᵀ.
 *
 * Range: the work is on X/s, s a power of two ≈ max|x_ij| (exact). A column
 * with ‖g_j‖ < 1e-145 (so ‖g_j‖² < 1e-290, near float64's underflow) counts as
 * zero: it is not rotated and its σ_j is 0. That changes X by less than
 * 1e-145·s·√n, far below the rounding of X itself, and keeps α, β, γ and ζ
 * finite (|ζ| < ~1e161; ζ² may overflow, which jacobiRotation avoids).
 *
 * Basis completion: a column with σ_j = 0 gives no u_j, and a full U has m − n
 * columns more than X. Both are filled with the next columns of the
 * Householder Q (qr.ts) of the u_j already found: those are orthonormal
 * and orthogonal to them, and only as many are formed as U needs (a thin U
 * of a tall X never costs an m×m matrix). So U and V are orthogonal even for
 * rank-deficient X.
 *
 * The spectral norm ‖X‖₂ = max_{‖v‖₂=1} ‖Xv‖₂ = σ₀ (`spectralNorm`) is the
 * largest singular value: ‖Xv‖₂² = vᵀXᵀXv is largest at v = v₀.
 *
 * Sign convention: for j < p, the entry of largest magnitude of v_j (the first
 * such, on a tie) is positive, and u_j carries the matching sign. (This is the
 * eigenvector convention of eigSym, so V matches the eigenvectors of XᵀX when
 * the σ are distinct and no two entries of a v_j tie in magnitude up to
 * rounding.) Completion columns of a full U or V (j ≥ p) have no sign convention.
 */
import { ConvergenceError, assertBoolean, assertOneOf, assertOptions } from '../errors/index.js';
import { EPSILON, assertMatrixInput, jacobiRotation, largestEntrySign, maxSweepsOption, powerOfTwoScale } from './checks.js';
import { transpose } from './matmul.js';
import { maxAbsArray, norm2Array } from './norms.js';
import { householder } from './qr.js';
import { svdBidiagonal } from './svd-bidiagonal.js';
import { assertMatrix, eye } from './tensor.js';
import type { Tensor } from './tensor.js';
import { allocate } from './validate.js';

/** Options of svd. */
export interface SVDOptions {
  /** false (default): thin U m×p, V n×p.  true: full U m×m, V n×n. */
  full?: boolean;
  /** Give up (ConvergenceError) after this many Jacobi sweeps (bidiagonal: maxSweeps·min(m, n) QR sweeps). Default 100. */
  maxSweeps?: number;
  /** 'bidiagonal' (default): Golub–Kahan + implicit-shift QR. 'jacobi': one-sided Jacobi, the slower accurate twin. */
  method?: 'bidiagonal' | 'jacobi';
}

/** The factors of X = U·diag(S)·Vᵀ. */
export interface SVDResult {
  /** m×p (thin) or m×m (full); column j is u_j. */
  U: Tensor;
  /** σ: length p = min(m, n), descending, ≥ 0. */
  S: Tensor;
  /** n×p (thin) or n×n (full); column j is v_j. */
  V: Tensor;
}

/** The algorithm of svd (options.method). */
type SVDMethod = 'bidiagonal' | 'jacobi';

/** A column with ‖g‖² below this (‖g‖ < 1e-145 after scaling) counts as zero; see the file comment. */
const NEGLIGIBLE = 1e-290;

/**
 * One-sided Jacobi on the rows of Gt = Xᵀ (n×m: row j is column j of X) and
 * Vt = Vᵀ (n×n: row j is v_j), so every rotation works on contiguous rows.
 * Internal: n ≤ m, arrays are modified in place.
 */
function hestenes(Gt: Float64Array, Vt: Float64Array, m: number, n: number, maxSweeps: number, where: string): void {
  const tolerance = m * EPSILON;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotations = 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < m; i++) {
          const gp = Gt[p * m + i]!, gq = Gt[q * m + i]!;
          alpha += gp * gp; beta += gq * gq; gamma += gp * gq;
        }
        if (alpha < NEGLIGIBLE || beta < NEGLIGIBLE) continue;
        if (!(Math.abs(gamma) > tolerance * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
        const { c, s } = jacobiRotation(alpha, beta, gamma); // ζ = (β − α)/(2γ)
        rotateRows(Gt, m, p, q, c, s);
        rotateRows(Vt, n, p, q, c, s);
        rotations++;
      }
    }
    if (rotations === 0) return;
  }
  throw new ConvergenceError(`${where}: one-sided Jacobi did not converge in ${maxSweeps} sweeps`);
}

/** (x_p, x_q) ← (c·x_p − s·x_q, s·x_p + c·x_q) on rows p, q of a row-major matrix with `len` columns. */
function rotateRows(X: Float64Array, len: number, p: number, q: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const xp = X[p * len + i]!, xq = X[q * len + i]!;
    X[p * len + i] = c * xp - s * xq;
    X[q * len + i] = s * xp + c * xq;
  }
}

/**
 * SVD of a tall m×n matrix G (m ≥ n), given as Gt = Gᵀ (n×m, row-major: the
 * columns of G as rows, a fresh buffer this function overwrites), U with
 * `uCols` columns (n or m). Internal: G is finite. Returns U: m×uCols, S: n,
 * V: n×n (row-major), S descending, signs fixed.
 */
function tallSVD(
  Gt: Float64Array, m: number, n: number, uCols: number, maxSweeps: number, where: string, method: SVDMethod,
): { U: Float64Array; S: Float64Array; V: Float64Array } {
  const U = allocate([m, uCols], where); // first, so that a U too large fails before any work
  const scale = powerOfTwoScale({ shape: [n, m], data: Gt }); // work on G/scale (exact): no α, β, γ over- or underflows
  for (let i = 0; i < Gt.length; i++) Gt[i] = Gt[i]! / scale;
  if (method === 'bidiagonal') return orderBidiagonal(svdBidiagonal(Gt, m, n, U, uCols, maxSweeps, where), m, n, uCols, scale);
  const Vt = eye(n).data;
  hestenes(Gt, Vt, m, n, maxSweeps, where);

  const norms = Array.from({ length: n }, (_, j) => norm2Array(Gt, j * m, m, 1)); // σ_j/s
  const order = Array.from({ length: n }, (_, j) => j).sort((i, j) => norms[j]! - norms[i]!);
  const S = new Float64Array(n), V = new Float64Array(n * n);
  let rank = 0; // columns 0 … rank−1 of U are found; the rest need completion
  order.forEach((from, j) => {
    const sigma = norms[from]!;
    const sign = largestEntrySign(Vt, from * n, n, 1); // row `from` of Vᵀ = v_from
    for (let r = 0; r < n; r++) V[r * n + j] = sign * Vt[from * n + r]!;
    if (sigma * sigma < NEGLIGIBLE) return; // σ_j = 0: u_j is left to the completion
    S[j] = scale * sigma;
    for (let i = 0; i < m; i++) U[i * uCols + j] = (sign * Gt[from * m + i]!) / sigma;
    rank++;
  });
  if (rank < uCols) completeColumns(U, m, uCols, rank, where);
  return { U, S, V };
}

/**
 * The bidiagonal route's U (m×uCols), S (n, unsorted, ≥ 0), V (n×n) of
 * G/scale, put in svd's order and sign convention: σ descending (times
 * scale), the largest entry of each v_j positive and u_j with the same sign;
 * U's columns from n on as they are. Internal.
 */
function orderBidiagonal(
  f: { U: Float64Array; S: Float64Array; V: Float64Array }, m: number, n: number, uCols: number, scale: number,
): { U: Float64Array; S: Float64Array; V: Float64Array } {
  const order = Array.from({ length: n }, (_, j) => j).sort((i, j) => f.S[j]! - f.S[i]!);
  const U = f.U.slice(), S = new Float64Array(n), V = new Float64Array(n * n);
  order.forEach((from, j) => {
    S[j] = scale * f.S[from]!;
    const sign = largestEntrySign(f.V, from, n, n); // column `from` of V
    for (let r = 0; r < n; r++) V[r * n + j] = sign * f.V[r * n + from]!;
    for (let i = 0; i < m; i++) U[i * uCols + j] = sign * f.U[i * uCols + from]!;
  });
  return { U, S, V };
}

/**
 * Fill columns rank … cols−1 of U (m×cols, columns 0 … rank−1 orthonormal)
 * with an orthonormal basis of part of the complement: columns rank … cols−1
 * of the Householder Q (its first cols columns, m×cols) of U[:, 0:rank],
 * whose first rank columns span the same space. Internal.
 */
function completeColumns(U: Float64Array, m: number, cols: number, rank: number, where: string): void {
  const found = new Float64Array(m * rank);
  for (let i = 0; i < m; i++) for (let j = 0; j < rank; j++) found[i * rank + j] = U[i * cols + j]!;
  const Q = householder({ shape: [m, rank], data: found }, cols, where).Q; // m×cols
  for (let i = 0; i < m; i++) for (let j = rank; j < cols; j++) U[i * cols + j] = Q[i * cols + j]!;
}

/** The SVD of a checked X (see the file comment). Internal: X is a finite, non-empty m×n matrix. */
function decompose(X: Tensor, full: boolean, maxSweeps: number, where: string, method: SVDMethod = 'bidiagonal'): SVDResult {
  const m = X.shape[0]!, n = X.shape[1]!;
  const p = Math.min(m, n);
  if (m >= n) {
    const { U, S, V } = tallSVD(transpose(X).data, m, n, full ? m : n, maxSweeps, where, method);
    return { U: { shape: [m, full ? m : n], data: U }, S: { shape: [p], data: S }, V: { shape: [n, n], data: V } };
  }
  // X = (Xᵀ)ᵀ = (U′ΣV′ᵀ)ᵀ = V′ΣU′ᵀ: the roles of U and V swap. The sign
  // convention is then fixed on the new V (= U′) and carried to U (= V′).
  const t = tallSVD(X.data.slice(), n, m, full ? n : m, maxSweeps, where, method); // (Xᵀ)ᵀ = X: the rows of X are the columns of Xᵀ
  const vCols = full ? n : m;
  const U = t.V, V = t.U; // U: m×m, V: n×vCols
  for (let j = 0; j < p; j++) {
    if (largestEntrySign(V, j, n, vCols) > 0) continue; // column j of V (n×vCols)
    for (let r = 0; r < n; r++) V[r * vCols + j] = -V[r * vCols + j]!;
    for (let r = 0; r < m; r++) U[r * m + j] = -U[r * m + j]!;
  }
  return { U: { shape: [m, m], data: U }, S: { shape: [p], data: t.S }, V: { shape: [n, vCols], data: V } };
}

/**
 * X = U·diag(S)·Vᵀ with S = (σ₀ ≥ σ₁ ≥ … ≥ 0) and orthonormal columns in U
 * and V (bidiagonal QR, or one-sided Jacobi).
 *   X: m×n, row-major, any m and n.  Shapes of U, S, V: see the file comment.
 * Options: full (default false: thin U m×p, V n×p), maxSweeps (default 100),
 * method ('bidiagonal', the default, or 'jacobi').
 * Throws ShapeError (not a matrix), ValueError (NaN/∞, empty, bad option),
 * ConvergenceError (maxSweeps reached).
 */
export function svd(X: Tensor, options?: SVDOptions): SVDResult {
  assertMatrixInput(X, 'X', 'svd');
  const { full = false, maxSweeps, method = 'bidiagonal' } = assertOptions(options, ['full', 'maxSweeps', 'method'], 'svd');
  assertBoolean(full, 'full', 'svd');
  assertOneOf(method, ['bidiagonal', 'jacobi'], 'method', 'svd');
  return decompose(X, full, maxSweepsOption(maxSweeps, 'svd'), 'svd', method);
}

/**
 * ‖A‖₂ = σ₀(A) = max_{‖v‖₂=1} ‖Av‖₂, the spectral norm of a matrix: its
 * largest singular value (from the SVD). 0 for an empty matrix, NaN if an
 * entry is NaN, ∞ if an entry is ±∞ (‖A‖₂ ≥ max|a_ij|).
 * For a vector, ‖x‖₂ is norm2(x); the entry-wise ‖A‖_F is frobenius(A).
 */
export function spectralNorm(A: Tensor): number {
  const [m, n] = assertMatrix(A, 'A', 'spectralNorm');
  if (m === 0 || n === 0) return 0;
  const biggest = maxAbsArray(A.data);
  if (!Number.isFinite(biggest)) return biggest; // NaN, or ∞
  return decompose(A, false, maxSweepsOption(undefined, 'spectralNorm'), 'spectralNorm').S.data[0]!;
}
