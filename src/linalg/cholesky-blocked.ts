/**
 * Blocked Cholesky, right-looking (LAPACK's dpotrf on the upper triangle):
 * A = Uᵀ·U with U = Lᵀ, computed NB rows at a time, so that nearly all of
 * the n³/3 flops run in the gemm kernel.
 *
 * Row-major storage makes the upper form the natural one: a block row of U
 * is contiguous. With A split at row j₀ + b:
 *   1. U₁₁ᵀ·U₁₁ = A₁₁      (cholesky.ts's formula on the b×b diagonal block:
 *                          u_jj = √(a_jj − Σ_k u_kj²), u_ji = (a_ji − Σ_k u_kj·u_ki)/u_jj,
 *                          the sums subtracted row by row)
 *   2. U₁₂ = U₁₁⁻ᵀ·A₁₂     (trsm: a lower triangular system, U₁₁ᵀ)
 *   3. A₂₂ ← A₂₂ − U₁₂ᵀ·U₁₂ (the upper triangle, by blocks of SYRK_ROWS rows:
 *                          gemm on the columns from each block's diagonal on)
 *   4. continue with A₂₂.
 * The radicand d_j = a_jj − Σ u_kj² is the same number as in the column
 * formula (a_jj − Σ_{k<j} ℓ_jk²), summed in another order; d_j ≤ 0 throws
 * NotPositiveDefiniteError at the same column j as the twin does, except
 * where d_j is within rounding of 0.
 */
import { NotPositiveDefiniteError } from '../errors/index.js';
import { gemmStrided } from './kernels/gemm-strided.js';
import { trsm } from './kernels/trsm.js';

/**
 * Rows per block. Measured with `npm run bench -- decompositions --blocks
 * 32,64,128 --sizes 300,1000` (CPU times of interleaved rounds, a 2-core
 * machine at load 10–12): against 32, 64 took 1.02× at n = 300 and 0.96×
 * at 1000, 128 took 1.66× and 1.02× (its diagonal blocks, b³/3 scalar
 * flops each, grow with b).
 */
export const CHOLESKY_BLOCK = 64;

/**
 * Rows per gemm call of step 3. Rows rather than columns, so that each call
 * is wide (a gemm with 32 columns ran at half the rate of a square one);
 * each call also computes the lower half of its h×h diagonal block, h²/2
 * wasted multiply-adds per row block. Measured at n = 300 and 1000 (CPU
 * time, loaded machine): 64 and 128 within 5 % of each other, 32 slower.
 */
export const SYRK_ROWS = 64;

/** The error of a radicand d ≤ 0 at column j, for both forms. */
export function notPositiveDefinite(where: string, j: number, d: number): NotPositiveDefiniteError {
  return new NotPositiveDefiniteError(`${where}: the matrix is not positive definite: at column ${j}, a_jj − Σ ℓ_jk² = ${d} ≤ 0`);
}

/**
 * Overwrite the upper triangle of a (n×n, row-major, symmetric) with U,
 * A = UᵀU; the strict lower triangle is left with meaningless values.
 * Throws NotPositiveDefiniteError (naming `where`) at the first d_j ≤ 0.
 * `block` rows per block (default CHOLESKY_BLOCK; the benchmark tries
 * others). Internal: a is finite and symmetric.
 */
export function choleskyUpperBlocked(a: Float64Array, n: number, where: string, block = CHOLESKY_BLOCK): void {
  for (let j0 = 0; j0 < n; j0 += block) {
    const b = Math.min(block, n - j0), j1 = j0 + b, rest = n - j1;
    factorDiagonalBlock(a, n, j0, j1, where);
    if (rest === 0) continue;
    trsm(false, true, false, b, rest, a, j0 * n + j0, n, a, j0 * n + j1, n); // U₁₂ = U₁₁⁻ᵀ·A₁₂
    for (let r0 = 0; r0 < rest; r0 += SYRK_ROWS) {
      // A₂₂[r0:r0+h, r0:] −= U₁₂[:, r0:r0+h]ᵀ·U₁₂[:, r0:]: the upper triangle, h rows at a time
      // (and the h×h block's lower half, which nothing reads).
      const h = Math.min(SYRK_ROWS, rest - r0), at = j0 * n + j1 + r0;
      gemmStrided(true, false, h, rest - r0, b, -1, a, at, n, a, at, n, 1, a, (j1 + r0) * n + j1 + r0, n);
    }
  }
}

/**
 * U of the diagonal block, rows/columns j0 … j1−1 (already updated by the
 * blocks above), in place, row by row: u_jj = √d_j, row j of U is row j of
 * the block over u_jj, and the rows below lose u_rj·(row j) (only their
 * upper triangle). d_j is then a_jj less the Σ u_kj² of the rows above,
 * subtracted one at a time. Internal.
 */
function factorDiagonalBlock(a: Float64Array, n: number, j0: number, j1: number, where: string): void {
  for (let j = j0; j < j1; j++) {
    const d = a[j * n + j]!;
    if (!(d > 0)) throw notPositiveDefinite(where, j, d);
    const ujj = Math.sqrt(d);
    a[j * n + j] = ujj;
    for (let i = j + 1; i < j1; i++) a[j * n + i] = a[j * n + i]! / ujj;
    for (let r = j + 1; r < j1; r++) {
      const ujr = a[j * n + r]!;
      for (let i = r; i < j1; i++) {
        const ari = a[r * n + i]!, uji = a[j * n + i]!;
        a[r * n + i] = ari - ujr * uji;
      }
    }
  }
}
