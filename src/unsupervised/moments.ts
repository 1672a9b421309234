/**
 * Column means and sums of squared deviations of data X: n×d (row-major),
 * the statistics of standardisation (EQ-DATA-07) and of PCA's centring:
 *
 *   μ_j  = x_0j + (1/n)·Σᵢ (x_ij − x_0j)    (the shift by the first row makes
 *                                          μ exact for a constant column)
 *   SS_j = Σᵢ (x_ij − μ_j)²                 (two passes: no cancellation)
 *
 * Internal: X finite with n ≥ 1. Without `withSquares` the SS_j are left 0.
 */
export function columnMoments(x: Float64Array, n: number, d: number, withSquares = true): { mean: Float64Array; ss: Float64Array } {
  const mean = new Float64Array(d), ss = new Float64Array(d);
  // Row by row (the memory order), each column accumulating its own sum.
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]! - x[j]!;
  for (let j = 0; j < d; j++) mean[j] = x[j]! + mean[j]! / n;
  if (!withSquares) return { mean, ss };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const c = x[i * d + j]! - mean[j]!;
      ss[j]! += c * c;
    }
  }
  return { mean, ss };
}
