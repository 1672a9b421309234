/**
 * GEMM on parts of larger matrices (EQ-LINALG-01 with α, β and the
 * transpose forms): the blocked decompositions (LU, Cholesky, QR, the
 * Householder reductions of eigSym and svd) update a block of a matrix from
 * other blocks of the same matrix, in place, without copying them out.
 *
 *   C ← α·op(A)·op(B) + β·C,     C: m×n,  op(A): m×k,  op(B): k×n
 *
 * Each matrix is a view (array, offset, leading dimension ld): entry (i, j)
 * of the stored matrix is X[off + i·ld + j], so a block of a row-major
 * N×N matrix starting at (r, c) is (X, r·N + c, N). As in gemm.ts,
 * op(A) = Aᵀ reads A stored k×m: op(A)(i, p) = A[aOff + p·lda + i].
 *
 * `gemmStridedNaive` is the triple loop (the twin the specs compare with).
 * `gemmStrided` runs gemm.ts's blocked algorithm on the views: the packing
 * routines already read through row and column strides, and the
 * macro-kernel writes C through its leading dimension, so the only change
 * is where each view starts. Its summation order is gemm's (blocks of KC
 * along the sum), so it gives the same bits as `gemm` on the same numbers
 * copied into contiguous arrays. Small or thin products (gemm's
 * `usesSmallPath`) run the naive loop once per block of KC steps of the sum
 * (the first block applies β, later ones add), which is that same order.
 *
 * Internal: callers pass valid views (every entry read or written lies in
 * its array) and a C that does not overlap the parts of A and B read (they
 * may be other blocks of the same array).
 */
import { KC, MC, NC, macroKernel, packA, packB } from './gemm-micro.js';
import { usesSmallPath } from './gemm.js';

/** The plain loop: for each (i, j), the sum over p in order 0 … k−1, then α·s + β·C_ij (α·s when β = 0). */
export function gemmStridedNaive(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number,
  beta: number, C: Float64Array, cOff: number, ldc: number,
): void {
  const sai = transA ? 1 : lda, sap = transA ? lda : 1;
  const sbp = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = A[aOff + i * sai + p * sap]!, b = B[bOff + p * sbp + j * sbj]!;
        s += a * b;
      }
      const at = cOff + i * ldc + j;
      if (beta === 0) {
        C[at] = alpha * s;
      } else {
        const cij = C[at]!;
        C[at] = alpha * s + beta * cij;
      }
    }
  }
}

/** The fast kernel (gemmStridedNaive's contract): gemm's blocked loops over the views. */
export function gemmStrided(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number,
  beta: number, C: Float64Array, cOff: number, ldc: number,
): void {
  if (m === 0 || n === 0) return;
  const sai = transA ? 1 : lda, sap = transA ? lda : 1;
  const sbp = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  if (k === 0 || usesSmallPath(m, n, k)) {
    let pc = 0, betaBlock = beta;
    do {
      const kc = Math.min(KC, k - pc);
      gemmStridedNaive(transA, transB, m, n, kc, alpha, A, aOff + pc * sap, lda, B, bOff + pc * sbp, ldb, betaBlock, C, cOff, ldc);
      betaBlock = 1;
      pc += KC;
    } while (pc < k);
    return;
  }
  const a = aOff === 0 ? A : A.subarray(aOff), b = bOff === 0 ? B : B.subarray(bOff);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const betaBlock = pc === 0 ? beta : 1; // later blocks of the sum add to what the first wrote
      packB(b, sbp, sbj, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, sai, sap, ic, mc, pc, kc);
        macroKernel(kc, mc, nc, C, cOff + ic * ldc + jc, ldc, alpha, betaBlock);
      }
    }
  }
}
