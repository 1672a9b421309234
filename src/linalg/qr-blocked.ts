/**
 * Blocked Householder QR in the compact WY form (LAPACK's dgeqrf and
 * dorgqr): A = Q·R with NB reflections at a time, so that nearly all of the
 * work runs in the gemm kernel.
 *
 * For the panel of columns j₀ … j₀+b−1 (rows j₀ … m−1):
 *   1. panel:  b reflections H_k = I − τ_k·v_k·v_kᵀ (kernels/reflector.ts),
 *              by halves (panelQR), with
 *   2. block:  H_{j₀}···H_{j₀+b−1} = I − V·T·Vᵀ   (T: b×b upper triangular);
 *   3. update: A[j₀:, j₀+b:] ← (I − V·Tᵀ·Vᵀ)·A[j₀:, j₀+b:]   (two gemm calls).
 * Then Q = H₀···H_{p−1} applied to the first qCols columns of I, one block
 * at a time from the last: Q[j₀:, j₀:] ← (I − V·T·Vᵀ)·Q[j₀:, j₀:] (the
 * columns left of j₀ are still e_j there, which the block leaves alone).
 *
 * The reflections are those of the unblocked twin (qr.ts) up to the
 * scaling of v (v₀ = 1 here, ‖v‖ = 1 there) and rounding; the same sign
 * fix follows (diag(R) ≥ 0), so both give the same factors up to rounding.
 */
import { gemmStrided } from './kernels/gemm-strided.js';
import { applyBlockReflector, blockReflectorT, makeReflector } from './kernels/reflector.js';
import type { Tensor } from './tensor.js';
import { allocate } from './validate.js';

/**
 * Reflections per block. Measured with `npm run bench -- decompositions
 * --blocks 32,64,128 --sizes 300,1000` (CPU times of interleaved rounds, a
 * 2-core machine at load 10–12): against 32, 64 took 1.11× at n = 300 and
 * 0.99× at 1000, 128 took 1.25× and 0.94×.
 */
export const QR_BLOCK = 32;

/** Columns at which the panel's halving stops (panelQR). */
const PANEL_LEAF = 8;

/**
 * Householder QR by blocks: Q (m×qCols, qCols = p or m) and R (m×n, zero
 * below the diagonal), diag(R) ≥ 0, Q allocated first in the name of
 * `where`; `block` reflections per block (default QR_BLOCK; the benchmark
 * tries others). Internal: A is a finite m×n matrix.
 */
export function householderBlocked(
  A: Tensor, qCols: number, where: string, block = QR_BLOCK,
): { Q: Float64Array; R: Float64Array } {
  const m = A.shape[0]!, n = A.shape[1]!;
  const p = Math.min(m, n);
  const Q = allocate([m, qCols], where); // first, so that a Q too large fails before any work
  const R = A.data.slice();
  const Vt = new Float64Array(p * m); // row k: v_k over rows 0 … m−1 (0 above k, 1 at k)
  const tau = new Float64Array(p);
  const Ts: Float64Array[] = [];
  const width = Math.max(n, qCols), W = new Float64Array(block * width), W2 = new Float64Array(block * width);
  for (let j0 = 0; j0 < p; j0 += block) {
    const b = Math.min(block, p - j0), j1 = j0 + b;
    const T = new Float64Array(b * b);
    panelQR({ R, m, n, Vt, tau, T, ldt: b, j0, W, W2 }, j0, b);
    Ts.push(T);
    if (j1 < n) applyBlockReflector(true, b, m - j0, n - j1, Vt, j0 * m + j0, m, T, 0, b, R, j0 * n + j1, n, W, W2);
  }
  for (let i = 0; i < Math.min(m, qCols); i++) Q[i * qCols + i] = 1;
  for (let index = Ts.length - 1; index >= 0; index--) {
    const j0 = index * block, b = Math.min(block, p - j0);
    applyBlockReflector(false, b, m - j0, qCols - j0, Vt, j0 * m + j0, m, Ts[index]!, 0, b, Q, j0 * qCols + j0, qCols, W, W2);
  }
  for (let k = 0; k < p; k++) {
    if (R[k * n + k]! >= 0) continue;
    for (let j = k; j < n; j++) R[k * n + j] = -R[k * n + j]!;
    for (let i = 0; i < m; i++) Q[i * qCols + k] = -Q[i * qCols + k]!;
  }
  return { Q, R };
}

/** The arrays of one panel: R (m×n), Vt (p×m), τ, the panel's T (b×b, ld ldt) whose first column is j0, and scratch. */
interface Panel {
  R: Float64Array; m: number; n: number; Vt: Float64Array; tau: Float64Array;
  T: Float64Array; ldt: number; j0: number; W: Float64Array; W2: Float64Array;
}

/**
 * Reflections of columns c0 … c0+w−1 (rows c0 … m−1) and their block T,
 * by halves (the recursive QR of Elmroth and Gustavson, LAPACK's dgeqrt3):
 *   left half:   V₁, T₁;   right half ← (I − V₁T₁ᵀV₁ᵀ)·right half;
 *   right half:  V₂, T₂;   T = [T₁  −T₁·(V₁ᵀV₂)·T₂; 0  T₂]
 * so that the panel's own updates run in gemm too; PANEL_LEAF columns or
 * fewer one reflection at a time. Internal.
 */
function panelQR(P: Panel, c0: number, w: number): void {
  const { R, m, n, Vt, tau, T, ldt, j0, W, W2 } = P;
  const t0 = (c0 - j0) * ldt + (c0 - j0); // this part's block of T
  if (w <= PANEL_LEAF) {
    for (let k = c0; k < c0 + w; k++) reflectColumn(R, m, n, Vt, tau, k, c0 + w);
    blockReflectorT(w, m - c0, Vt, c0 * m + c0, m, tau, c0, T, t0, ldt);
    return;
  }
  const w1 = w >> 1, w2 = w - w1, c1 = c0 + w1;
  panelQR(P, c0, w1);
  applyBlockReflector(true, w1, m - c0, w2, Vt, c0 * m + c0, m, T, t0, ldt, R, c0 * n + c1, n, W, W2);
  panelQR(P, c1, w2);
  // X = V₁ᵀ·V₂ over rows c1 … m−1 (V₂ is zero above), then T₁₂ = −T₁·X·T₂.
  const X = W.subarray(0, w1 * w2), Y = W2.subarray(0, w1 * w2);
  gemmStrided(false, true, w1, w2, m - c1, 1, Vt, c0 * m + c1, m, Vt, c1 * m + c1, m, 0, X, 0, w2);
  gemmStrided(false, false, w1, w2, w1, 1, T, t0, ldt, X, 0, w2, 0, Y, 0, w2);
  gemmStrided(false, false, w1, w2, w2, -1, Y, 0, w2, T, t0 + w1 * ldt + w1, ldt, 0, T, t0 + w1, ldt);
}
/**
 * The reflection of column k (rows k … m−1) of R (m×n): v_k into row k of
 * Vt, τ_k into tau, β onto r_kk and zeros below it, then H_k applied to
 * columns k+1 … j1−1 (the rest of the panel). Internal.
 */
function reflectColumn(R: Float64Array, m: number, n: number, Vt: Float64Array, tau: Float64Array, k: number, j1: number): void {
  const v = k * m; // row k of Vt
  for (let i = k; i < m; i++) Vt[v + i] = R[i * n + k]!;
  const tauK = makeReflector(Vt, v + k, 1, m - k);
  tau[k] = tauK;
  R[k * n + k] = Vt[v + k]!; // β (or the zero column's 0)
  Vt[v + k] = 1;
  for (let i = k + 1; i < m; i++) R[i * n + k] = 0;
  if (tauK === 0 || k + 1 >= j1) return;
  // w_j = v·R[k:, j] for the panel's columns j > k, then R[k:, j] −= τ·w_j·v.
  const cols = j1 - k - 1, w = new Float64Array(cols);
  for (let i = k; i < m; i++) {
    const vi = Vt[v + i]!, row = i * n + k + 1;
    for (let c = 0; c < cols; c++) w[c] = w[c]! + vi * R[row + c]!;
  }
  for (let i = k; i < m; i++) {
    const f = tauK * Vt[v + i]!, row = i * n + k + 1;
    for (let c = 0; c < cols; c++) R[row + c] = R[row + c]! - f * w[c]!;
  }
}
