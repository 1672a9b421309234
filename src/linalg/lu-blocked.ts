/**
 * Blocked LU with partial pivoting, right-looking (LAPACK's dgetrf):
 * P·A = L·U computed NB columns at a time, so that nearly all of the
 * 2n³/3 flops run in the gemm kernel.
 *
 * With A split at column j₀ + b into the panel [A₁₁; A₂₁] (b columns) and
 * the rest [A₁₂; A₂₂]:
 *   1. panel:    P₁·[A₁₁; A₂₁] = [L₁₁; L₂₁]·U₁₁   (lu.ts's elimination on
 *                b columns; each row swap is applied to whole rows, so the
 *                columns left and right of the panel follow)
 *   2. U₁₂ = L₁₁⁻¹·A₁₂                          (trsm, unit lower)
 *   3. A₂₂ ← A₂₂ − L₂₁·U₁₂                      (gemm: (n − j₀ − b)²·b multiply-adds)
 *   4. continue with A₂₂.
 * In exact arithmetic this is the unblocked elimination reordered (the
 * same pivots, the same factors): every a_ij receives the same updates,
 * block by block instead of column by column. In floating point the sums
 * are rounded in another order, so entries differ by rounding, and a pivot
 * choice between two candidates of equal magnitude up to rounding may differ.
 *
 * The panel itself is factored by halves (factorPanelRecursive), so that
 * its updates run in gemm too. Block size: LU_BLOCK.
 */
import { gemmStrided } from './kernels/gemm-strided.js';
import { trsm } from './kernels/trsm.js';

/**
 * Columns per panel. Measured with `npm run bench -- decompositions
 * --blocks 32,64,128 --sizes 300,1000` (CPU times of interleaved rounds, a
 * 2-core machine at load 10–12): at n = 300, 64 took 0.95× the time of 32
 * and 128 1.09×; at n = 1000, 0.94× and 0.88×. Wider panels give the
 * trailing gemm a deeper sum (k = NB: a 1000×1000×32 update ran at 4.3
 * GFLOP/s, ×64 at 5.7, a square product at 6.8 on that machine), narrower
 * ones less work in the panel; 64 is the middle.
 */
export const LU_BLOCK = 64;

/**
 * Overwrite LU (n×n, row-major, holding A) with L (below the diagonal, unit
 * diagonal not stored) and U (on and above it), fill perm (row i of P·A is
 * row perm[i] of A) and return det P = ±1; `block` columns per panel
 * (default LU_BLOCK; the benchmark tries others). Internal: LU is finite.
 */
export function factorBlocked(LU: Float64Array, n: number, perm: Int32Array, block = LU_BLOCK): number {
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign = 1;
  for (let j0 = 0; j0 < n; j0 += block) {
    const b = Math.min(block, n - j0), j1 = j0 + b, rest = n - j1;
    sign *= factorPanelRecursive(LU, n, perm, j0, b);
    if (rest === 0) continue;
    trsm(true, false, true, b, rest, LU, j0 * n + j0, n, LU, j0 * n + j1, n); // U₁₂ = L₁₁⁻¹·A₁₂
    gemmStrided(false, false, rest, rest, b, -1, LU, j1 * n + j0, n, LU, j0 * n + j1, n, 1, LU, j1 * n + j1, n); // A₂₂ −= L₂₁·U₁₂
  }
  return sign;
}

/**
 * The panel's factorisation, columns c0 … c0+w−1 (rows c0 … n−1), by
 * halves (LAPACK's dgetrf2): factor the left half, then U₁₂ = L₁₁⁻¹·A₁₂ and
 * A₂₂ ← A₂₂ − L₂₁·U₁₂ on the right half (trsm and gemm), then factor the
 * right half; PANEL_LEAF columns or fewer by `factorPanel`. The same
 * elimination, with the panel's own updates in gemm too. Returns (−1)^(swaps).
 */
function factorPanelRecursive(LU: Float64Array, n: number, perm: Int32Array, c0: number, w: number): number {
  if (w <= PANEL_LEAF) return factorPanel(LU, n, perm, c0, c0 + w);
  const w1 = w >> 1, w2 = w - w1, c1 = c0 + w1;
  let sign = factorPanelRecursive(LU, n, perm, c0, w1);
  trsm(true, false, true, w1, w2, LU, c0 * n + c0, n, LU, c0 * n + c1, n);
  gemmStrided(false, false, n - c1, w2, w1, -1, LU, c1 * n + c0, n, LU, c0 * n + c1, n, 1, LU, c1 * n + c1, n);
  sign *= factorPanelRecursive(LU, n, perm, c1, w2);
  return sign;
}

/** Columns at which the panel's halving stops. */
const PANEL_LEAF = 8;

/**
 * Partial-pivoting elimination of columns j0 … j1−1, rows j0 … n−1 (the
 * panel); row swaps move whole rows. Returns (−1)^(swaps). Internal.
 */
function factorPanel(LU: Float64Array, n: number, perm: Int32Array, j0: number, j1: number): number {
  let sign = 1;
  for (let k = j0; k < j1; k++) {
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
      for (let j = k + 1; j < j1; j++) {
        const aij = LU[i * n + j]!, ukj = LU[k * n + j]!;
        LU[i * n + j] = aij - lik * ukj;
      }
    }
  }
  return sign;
}
