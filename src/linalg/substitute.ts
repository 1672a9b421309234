/**
 * Forward and back substitution on raw arrays, the kernel of every
 * triangular solve in linalg (solveTriangular, LU's solve and inv,
 * choleskySolve, lstsq):
 *
 *   lower  T·X = B:  x_i = (b_i − Σ_{j<i} t_ij x_j) / t_ii     for i = 0, 1, …, n−1
 *   upper  T·X = B:  x_i = (b_i − Σ_{j>i} t_ij x_j) / t_ii     for i = n−1, …, 0
 *
 * Internal: index.ts does not re-export this file, and nothing here checks
 * its input. The validated public form is `solveTriangular` (triangular.ts).
 */

/**
 * Solve op(T)·X = B in place: on return X overwrites B.
 *   T: n×n, row-major; entry (i, j) of op(T) is T[i*rowStride + j*colStride]
 *      (rowStride = n, colStride = 1 for T itself; swapped for Tᵀ)
 *   X: n×k, row-major, X[i*k + c]
 * `lower` describes op(T); only its triangle (and the diagonal unless
 * `unitDiagonal`) is read. Internal: sizes are valid, the entries read are
 * finite, and the diagonal is non-zero unless `unitDiagonal` (a zero gives
 * ±∞; the callers check first).
 */
export function substituteInto(
  T: Float64Array, n: number, rowStride: number, colStride: number,
  lower: boolean, unitDiagonal: boolean, X: Float64Array, k: number,
): void {
  for (let step = 0; step < n; step++) {
    const i = lower ? step : n - 1 - step;
    const from = lower ? 0 : i + 1, to = lower ? i : n; // the known x_j
    for (let j = from; j < to; j++) {
      const tij = T[i * rowStride + j * colStride]!;
      for (let c = 0; c < k; c++) {
        const xi = X[i * k + c]!, xj = X[j * k + c]!;
        X[i * k + c] = xi - tij * xj;
      }
    }
    if (!unitDiagonal) {
      const tii = T[i * rowStride + i * colStride]!;
      for (let c = 0; c < k; c++) {
        const xi = X[i * k + c]!;
        X[i * k + c] = xi / tii;
      }
    }
  }
}
