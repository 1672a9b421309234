/**
 * The SVD by the standard route (EQ-LINALG-05, LAPACK's dgebrd + dorgbr +
 * dbdsqr), for a tall X (m ≥ n; svd.ts turns a wide X around):
 *
 * 1. Golub–Kahan bidiagonalisation X = U_B·B·V_Bᵀ. For k = 0 … n−1 a
 *    reflection from the left (kernels/reflector.ts) zeroes column k below
 *    the diagonal, then one from the right zeroes row k beyond the
 *    superdiagonal:
 *      H_k·X[k:, k] = q_k·e₁,    X[k, k+1:]·G_k = f_k·e₁ᵀ
 *    B has diagonal q and superdiagonal f (4mn² − 4n³/3 flops). X is held
 *    transposed (its columns as rows), so that both updates run along rows.
 * 2. U_B = H₀···H_{n−1} (its first n or m columns) and V_B = G₀···G_{n−3},
 *    built block by block as I − V·T·Vᵀ in gemm calls (as blocked QR's Q).
 * 3. Implicit-shift QR on B (Golub and Kahan; Golub and Van Loan's
 *    Algorithm 8.6.1): on each unreduced block lo … hi, the shift μ is the
 *    eigenvalue of the trailing 2×2 of BᵀB nearer to its last entry
 *    (Wilkinson's); a rotation from the right on columns (lo, lo+1) chosen
 *    from (q_lo² − μ, q_lo·f_lo) starts a bulge that rotations from the left
 *    and right, alternately, chase down to the corner. That is one step of
 *    QR on BᵀB − μI without forming it. The right rotations go onto the
 *    columns of V, the left ones onto the columns of U (each sweep's
 *    rotations recorded, then applied in one pass over the rows).
 *    Negligible entries are set to zero:
 *      |f_i| ≤ ε·(|q_i| + |q_{i+1}|)   (the block splits), and
 *      |q_i| < 1e-145 (X scaled so that max|x_ij| ≈ 1: svd.ts's range rule,
 *                     under which a σ counts as zero; then rotations move
 *                     f_i, the entry beside it, out of the matrix: a zero
 *                     singular value deflates).
 *    No larger q_i is set to zero: with the relative test on f, a tiny σ of
 *    a graded X (σ₂ = e/√2 of [[1, e], [1, 0], [0, 0]]) keeps its digits.
 *    Finally σ_i = |q_i| (a negative q_i flips column i of V).
 *
 * Cost ≈ 4mn² (reduction) + 4mn² (U, V in gemm) + ~6·n²·(m + n) (rotations),
 * against the ~8–10 sweeps × 3·m·n² of one-sided Jacobi (svd.ts), which
 * stays as the accurate twin (`method: 'jacobi'`).
 *
 * Accuracy: backward stable: ‖X − UΣVᵀ‖ ≈ max(m, n)·ε·‖X‖, U and V
 * orthogonal to ~n·ε, every σ within that absolute error (Jacobi also
 * gets the small σ of a graded X to high relative accuracy). U's columns
 * are orthonormal also where σ = 0 (they come from the reflections and
 * rotations, not from X·v/σ), so no completion is needed.
 */
import { ConvergenceError } from '../errors/index.js';
import { hypot } from '../math/index.js';
import { EPSILON } from './checks.js';
import { householderBlocked } from './qr-blocked.js';
import { gemm } from './kernels/gemm.js';
import { accumulateReflectors, makeReflector } from './kernels/reflector.js';
import { rotateAscending } from './kernels/rotations.js';

/** A q_i below this (X scaled to max|x_ij| ≈ 1) is zero: svd.ts's range rule. */
const NEGLIGIBLE = 1e-145;

/**
 * Rows per column from which a thin SVD starts with a QR (viaQR). At
 * 1000 × 50 the bidiagonal route alone took 51 ms of CPU, with the QR first
 * 13 ms (loaded 2-core machine). LAPACK's crossover is m ≈ 1.6·n; 2 keeps
 * nearly square matrices on the direct route.
 */
export const QR_FIRST = 2;

/** Reflections per block when U_B and V_B are built. */
export const BIDIAGONAL_BLOCK = 32;

/**
 * The bidiagonal SVD of a tall G (m×n, m ≥ n) given as Gt = Gᵀ (n×m
 * row-major, overwritten): U m×uCols (uCols = n or m; zeros on entry, the
 * caller's buffer, filled), S (n, unsorted, ≥ 0),
 * V n×n, row-major, columns the singular vectors. At most maxIterations·n
 * QR sweeps in all, else ConvergenceError naming `where`. Internal: G is
 * finite and scaled so that nothing over- or underflows.
 */
export function svdBidiagonal(
  Gt: Float64Array, m: number, n: number, U: Float64Array, uCols: number, maxIterations: number, where: string,
): { U: Float64Array; S: Float64Array; V: Float64Array } {
  if (uCols === n && m >= QR_FIRST * n) return viaQR(Gt, m, n, U, maxIterations, where);
  const q = new Float64Array(n), f = new Float64Array(Math.max(0, n - 1));
  const VtL = new Float64Array(n * m), tauL = new Float64Array(n);
  const rR = Math.max(0, n - 2), ldR = Math.max(1, n - 1);
  const VtR = new Float64Array(rR * ldR), tauR = new Float64Array(rR);
  const w = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    // From the left: column k of X (row k of Gt), rows k … m−1.
    const ck = k * m + k, lenL = m - k;
    const tl = lenL > 1 ? makeReflector(Gt, ck, 1, lenL) : 0;
    q[k] = Gt[ck]!;
    tauL[k] = tl;
    VtL[ck] = 1;
    for (let i = 1; i < lenL; i++) VtL[ck + i] = Gt[ck + i]!;
    if (tl !== 0) {
      for (let j = k + 1; j < n; j++) { // column j of X: x ← x − τ·v·(vᵀx)
        const cj = j * m + k;
        let s = Gt[cj]!;
        for (let i = 1; i < lenL; i++) s += VtL[ck + i]! * Gt[cj + i]!;
        const ts = tl * s;
        Gt[cj] = Gt[cj]! - ts;
        for (let i = 1; i < lenL; i++) Gt[cj + i] = Gt[cj + i]! - ts * VtL[ck + i]!;
      }
    }
    if (k >= n - 1) continue;
    // From the right: row k of X, columns k+1 … n−1 (column k of Gt, rows k+1 … n−1: stride m).
    const rk = (k + 1) * m + k, lenR = n - k - 1;
    if (lenR === 1) {
      f[k] = Gt[rk]!;
      continue;
    }
    const tr = makeReflector(Gt, rk, m, lenR);
    f[k] = Gt[rk]!;
    tauR[k] = tr;
    const vr = k * ldR + k; // row k of VtR, over indices 1 … n−1
    VtR[vr] = 1;
    for (let j = 1; j < lenR; j++) VtR[vr + j] = Gt[rk + j * m]!;
    if (tr === 0) continue;
    // Rows i = k+1 … m−1 of X: w_i = Σ_j x_{i, k+1+j}·u_j (u = row k of VtR), then x_{i, k+1+j} −= τ·u_j·w_i.
    const len = m - k - 1;
    w.fill(0, 0, len);
    for (let j = 0; j < lenR; j++) {
      const uj = VtR[vr + j]!, row = (k + 1 + j) * m + k + 1;
      for (let i = 0; i < len; i++) w[i] = w[i]! + uj * Gt[row + i]!;
    }
    for (let j = 0; j < lenR; j++) {
      const tu = tr * VtR[vr + j]!, row = (k + 1 + j) * m + k + 1;
      for (let i = 0; i < len; i++) Gt[row + i] = Gt[row + i]! - tu * w[i]!;
    }
  }
  for (let i = 0; i < Math.min(m, uCols); i++) U[i * uCols + i] = 1;
  accumulateReflectors(n, m, uCols, VtL, m, tauL, U, 0, uCols, BIDIAGONAL_BLOCK);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  if (rR > 0) accumulateReflectors(rR, n - 1, n - 1, VtR, ldR, tauR, V, n + 1, n, BIDIAGONAL_BLOCK);
  bidiagonalQR(q, f, U, m, uCols, V, n, maxIterations, where);
  for (let j = 0; j < n; j++) {
    if (q[j]! >= 0) continue;
    q[j] = -q[j]!;
    for (let r = 0; r < n; r++) V[r * n + j] = -V[r * n + j]!;
  }
  return { U, S: q, V };
}

/**
 * A thin SVD of a tall G (m ≥ QR_FIRST·n) through its QR first (LAPACK's
 * dgesvd path for m ≫ n): G = Q·R (blocked, in gemm), R = U_R·Σ·Vᵀ (n×n,
 * the bidiagonal route), U = Q·U_R (one gemm). The reflections and
 * rotations of the bidiagonal route then work on n×n matrices instead of
 * m×n ones. Internal: svdBidiagonal's contract with uCols = n.
 */
function viaQR(
  Gt: Float64Array, m: number, n: number, U: Float64Array, maxIterations: number, where: string,
): { U: Float64Array; S: Float64Array; V: Float64Array } {
  const G = new Float64Array(m * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) G[i * n + j] = Gt[j * m + i]!;
  const { Q, R } = householderBlocked({ shape: [m, n], data: G }, n, where);
  const Rt = new Float64Array(n * n); // Rᵀ: the columns of R as rows
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) Rt[j * n + i] = R[i * n + j]!;
  const small = svdBidiagonal(Rt, n, n, new Float64Array(n * n), n, maxIterations, where);
  gemm(false, false, m, n, n, 1, Q, small.U, 0, U);
  return { U, S: small.S, V: small.V };
}

/** √(x² + y²) without a spurious 0 or ∞ (the plain formula, the careful one out of range). Internal. */
function safeHypot(x: number, y: number): number {
  const r = Math.sqrt(x * x + y * y);
  return r > 1e-150 && r < 1e150 ? r : hypot(x, y);
}

/**
 * Step 3 of the file comment on B (q, f, overwritten: q ends as ±σ), the
 * rotations applied to the first n columns of U (m×ldu) and to V (n×n).
 * Internal.
 */
function bidiagonalQR(
  q: Float64Array, f: Float64Array, U: Float64Array, m: number, ldu: number, V: Float64Array, n: number,
  maxIterations: number, where: string,
): void {
  const cl = new Float64Array(n), sl = new Float64Array(n), cr = new Float64Array(n), sr = new Float64Array(n);
  const limit = maxIterations * n;
  let sweeps = 0;
  let hi = n - 1;
  while (hi > 0) {
    // Negligible entries to zero, then the unreduced block lo … hi at the bottom.
    for (let i = 0; i <= hi; i++) if (Math.abs(q[i]!) < NEGLIGIBLE) q[i] = 0;
    for (let i = 0; i < hi; i++) {
      const fi = Math.abs(f[i]!);
      if (fi <= EPSILON * (Math.abs(q[i]!) + Math.abs(q[i + 1]!)) || fi < 1e-300) f[i] = 0;
    }
    if (f[hi - 1] === 0) {
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && f[lo - 1] !== 0) lo--;
    if (++sweeps > limit) throw new ConvergenceError(`${where}: implicit bidiagonal QR did not converge in ${limit} sweeps`);
    // A zero on the block's diagonal: chase its row's f out (a zero σ deflates).
    let zero = -1;
    for (let i = lo; i <= hi; i++) if (q[i] === 0) zero = i;
    if (zero >= 0) {
      if (zero < hi) chaseRow(q, f, U, m, ldu, zero, hi);
      else chaseColumn(q, f, V, n, lo, hi);
      continue;
    }
    // Wilkinson's shift from the trailing 2×2 of BᵀB.
    const a = hi - 1;
    const fa = f[a]!, qa = q[a]!, qb = q[hi]!, fPrev = a > lo ? f[a - 1]! : 0;
    const t11 = qa * qa + fPrev * fPrev, t12 = qa * fa, t22 = qb * qb + fa * fa;
    const half = (t11 - t22) / 2;
    const mu = t12 === 0 ? t22 : t22 - (t12 * t12) / (half + (half >= 0 ? 1 : -1) * safeHypot(half, t12));
    let y = q[lo]! * q[lo]! - mu, z = q[lo]! * f[lo]!;
    for (let k = lo; k < hi; k++) {
      // From the right, columns (k, k+1): zero z against y.
      let r = safeHypot(y, z), c = y / r, s = z / r;
      if (k > lo) f[k - 1] = r;
      const qk = q[k]!, fk = f[k]!, qk1 = q[k + 1]!;
      let dk = c * qk + s * fk; // new q_k
      let ek = -s * qk + c * fk; // new f_k
      const bulge = s * qk1; // entry (k+1, k)
      let dk1 = c * qk1;
      cr[k] = c;
      sr[k] = s;
      // From the left, rows (k, k+1): zero the bulge against q_k.
      r = safeHypot(dk, bulge);
      c = dk / r;
      s = bulge / r;
      dk = r;
      const ek2 = c * ek + s * dk1;
      dk1 = -s * ek + c * dk1;
      ek = ek2;
      q[k] = dk;
      f[k] = ek;
      q[k + 1] = dk1;
      cl[k] = c;
      sl[k] = s;
      if (k + 1 < hi) {
        const fk1 = f[k + 1]!;
        y = ek;
        z = s * fk1; // entry (k, k+2)
        f[k + 1] = c * fk1;
      }
    }
    rotateAscending(V, n, n, lo, hi, cr, sr);
    rotateAscending(U, m, ldu, lo, hi, cl, sl);
  }
}

/** Columns (i, j) of M (rows×ld): z_i ← c·z_i + s·z_j, z_j ← −s·z_i + c·z_j. Internal. */
function rotatePair(M: Float64Array, rows: number, ld: number, i: number, j: number, c: number, s: number): void {
  for (let row = 0, at = 0; row < rows; row++, at += ld) {
    const zi = M[at + i]!, zj = M[at + j]!;
    M[at + i] = c * zi + s * zj;
    M[at + j] = -s * zi + c * zj;
  }
}

/**
 * q_i = 0 with i < hi: rotations from the left on rows (j, i), j = i+1 … hi,
 * move f_i along row i and out of the matrix (row i of B becomes zero). U's
 * columns (j, i) follow. Internal.
 */
function chaseRow(q: Float64Array, f: Float64Array, U: Float64Array, m: number, ldu: number, i: number, hi: number): void {
  let x = f[i]!;
  f[i] = 0;
  for (let j = i + 1; j <= hi && x !== 0; j++) {
    const r = safeHypot(q[j]!, x), c = q[j]! / r, s = x / r;
    q[j] = r;
    if (j < hi) {
      x = -s * f[j]!;
      f[j] = c * f[j]!;
    }
    rotatePair(U, m, ldu, j, i, c, s);
  }
}

/**
 * q_hi = 0: rotations from the right on columns (k, hi), k = hi−1 … lo,
 * move f_{hi−1} up column hi and out of the matrix (column hi becomes
 * zero). V's columns (k, hi) follow. Internal.
 */
function chaseColumn(q: Float64Array, f: Float64Array, V: Float64Array, n: number, lo: number, hi: number): void {
  let x = f[hi - 1]!;
  f[hi - 1] = 0;
  for (let k = hi - 1; k >= lo && x !== 0; k--) {
    const r = safeHypot(q[k]!, x), c = q[k]! / r, s = x / r;
    q[k] = r;
    if (k > lo) {
      x = -s * f[k - 1]!;
      f[k - 1] = c * f[k - 1]!;
    }
    rotatePair(V, n, n, k, hi, c, s);
  }
}
