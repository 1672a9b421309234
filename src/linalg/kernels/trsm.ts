/**
 * TRSM — a triangular system with many right-hand sides, solved in place:
 *
 *   op(T)·X = B,   X overwrites B,   T: n×n triangular,  B, X: n×k
 *
 * op(T) = T or Tᵀ; op(T) is lower triangular when T is lower and not
 * transposed, or upper and transposed. Forward substitution for a lower
 * op(T), row block by row block (back substitution, from the last block up,
 * for an upper one):
 *
 *   X₁ = op(T)₁₁⁻¹·B₁                  (substitution on a block of NB rows)
 *   B₂ ← B₂ − op(T)₂₁·X₁               (gemm: the rows below, all at once)
 *
 * With k right-hand sides the substitution costs n·NB·k/2 multiply-adds and
 * the gemm updates the other n²·k/2, so for k in the tens or more nearly all
 * the work runs in the gemm kernel. `trsmNaive` is the substitution alone
 * (x_i = (b_i − Σ_j t_ij·x_j)/t_ii, row by row), the twin the specs compare
 * with and the kernel of the diagonal blocks.
 *
 * Views as in gemm-strided.ts: T[tOff + i·ldt + j] is t_ij of the stored T,
 * B[bOff + i·ldb + c] is row i, column c of B. Only op(T)'s triangle is read
 * (not the diagonal when `unit`: t_ii = 1). Internal: the views are valid,
 * the diagonal is non-zero unless `unit` (callers check), B does not overlap
 * the triangle of T that is read.
 */
import { gemmStrided } from './gemm-strided.js';

/**
 * Rows per diagonal block. CPU times on a loaded 2-core machine, blocks of
 * 4, 8, 16, 32 and 64 rows: for 32×268 and 64×936 systems (the shapes of
 * blocked Cholesky) 8 and 16 were fastest (16: 1.1 and 2.1 GFLOP/s, 64:
 * 0.75 and 0.84), for 300×300 16 and 32 (3.2 and 3.8 GFLOP/s).
 */
export const TRSM_BLOCK = 16;

/** Solve op(T)·X = B by plain substitution, row by row (the twin). */
export function trsmNaive(
  lower: boolean, trans: boolean, unit: boolean, n: number, k: number,
  T: Float64Array, tOff: number, ldt: number, B: Float64Array, bOff: number, ldb: number,
): void {
  const rowStride = trans ? 1 : ldt, colStride = trans ? ldt : 1; // op(T)(i, j) = T[tOff + i·rowStride + j·colStride]
  const forward = lower !== trans;
  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    const from = forward ? 0 : i + 1, to = forward ? i : n; // the x_j already known
    const xi = bOff + i * ldb;
    for (let j = from; j < to; j++) {
      const tij = T[tOff + i * rowStride + j * colStride]!, xj = bOff + j * ldb;
      for (let c = 0; c < k; c++) {
        const bic = B[xi + c]!, xjc = B[xj + c]!;
        B[xi + c] = bic - tij * xjc;
      }
    }
    if (!unit) {
      const tii = T[tOff + i * rowStride + i * colStride]!;
      for (let c = 0; c < k; c++) {
        const bic = B[xi + c]!;
        B[xi + c] = bic / tii;
      }
    }
  }
}

/**
 * trsmNaive's contract and order of rows, with the known rows taken four at
 * a time: x_i ← x_i − (t_ij·x_j + t_i,j+1·x_{j+1} + t_i,j+2·x_{j+2} + t_i,j+3·x_{j+3}),
 * so that row i is read and written once per four rows instead of once per
 * row (the sum of four products is rounded in its own order). The kernel of
 * trsm's diagonal blocks. Internal.
 */
export function substituteBlock(
  lower: boolean, trans: boolean, unit: boolean, n: number, k: number,
  T: Float64Array, tOff: number, ldt: number, B: Float64Array, bOff: number, ldb: number,
): void {
  const rowStride = trans ? 1 : ldt, colStride = trans ? ldt : 1;
  const forward = lower !== trans;
  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    const from = forward ? 0 : i + 1, to = forward ? i : n;
    const xi = bOff + i * ldb, ti = tOff + i * rowStride;
    let j = from;
    for (; j + 4 <= to; j += 4) {
      const t0 = T[ti + j * colStride]!, t1 = T[ti + (j + 1) * colStride]!;
      const t2 = T[ti + (j + 2) * colStride]!, t3 = T[ti + (j + 3) * colStride]!;
      const x0 = bOff + j * ldb, x1 = x0 + ldb, x2 = x1 + ldb, x3 = x2 + ldb;
      for (let c = 0; c < k; c++) {
        const b0 = B[x0 + c]!, b1 = B[x1 + c]!, b2 = B[x2 + c]!, b3 = B[x3 + c]!, bic = B[xi + c]!;
        B[xi + c] = bic - (t0 * b0 + t1 * b1 + t2 * b2 + t3 * b3);
      }
    }
    for (; j < to; j++) {
      const tij = T[ti + j * colStride]!, xj = bOff + j * ldb;
      for (let c = 0; c < k; c++) {
        const bic = B[xi + c]!, xjc = B[xj + c]!;
        B[xi + c] = bic - tij * xjc;
      }
    }
    if (!unit) {
      const tii = T[ti + i * colStride]!;
      for (let c = 0; c < k; c++) {
        const bic = B[xi + c]!;
        B[xi + c] = bic / tii;
      }
    }
  }
}

/**
 * Solve op(T)·X = B by blocks of `block` rows (default TRSM_BLOCK), the
 * off-diagonal work in gemm (trsmNaive's contract).
 */
export function trsm(
  lower: boolean, trans: boolean, unit: boolean, n: number, k: number,
  T: Float64Array, tOff: number, ldt: number, B: Float64Array, bOff: number, ldb: number, block = TRSM_BLOCK,
): void {
  // op(T)[r0…, c0…] as gemm's A: T itself from (r0, c0), or Tᵀ, stored from (c0, r0).
  const at = (r0: number, c0: number): number => (trans ? tOff + c0 * ldt + r0 : tOff + r0 * ldt + c0);
  if (lower !== trans) {
    for (let i0 = 0; i0 < n; i0 += block) {
      const rows = Math.min(block, n - i0), below = n - i0 - rows;
      substituteBlock(lower, trans, unit, rows, k, T, at(i0, i0), ldt, B, bOff + i0 * ldb, ldb);
      if (below > 0) {
        gemmStrided(trans, false, below, k, rows, -1, T, at(i0 + rows, i0), ldt,
          B, bOff + i0 * ldb, ldb, 1, B, bOff + (i0 + rows) * ldb, ldb);
      }
    }
    return;
  }
  for (let i1 = n; i1 > 0; i1 -= block) {
    const i0 = Math.max(0, i1 - block), rows = i1 - i0;
    substituteBlock(lower, trans, unit, rows, k, T, at(i0, i0), ldt, B, bOff + i0 * ldb, ldb);
    if (i0 > 0) gemmStrided(trans, false, i0, k, rows, -1, T, at(0, i0), ldt, B, bOff + i0 * ldb, ldb, 1, B, bOff, ldb);
  }
}
