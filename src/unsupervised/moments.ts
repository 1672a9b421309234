/**
 * Column means and sums of squared deviations of data X: n×d (row-major),
 * the statistics of standardisation (EQ-DATA-07) and of PCA's centring:
 *
 *   μ_j  = x_0j + (1/n)·Σᵢ (x_ij − x_0j)    (the shift by the first row makes
 *                                          μ exact for a constant column)
 *   SS_j = Σᵢ (x_ij − μ_j)²                 (two passes: no cancellation)
 *
 * Internal: X finite with n ≥ 1.
 */
export function columnMoments(x: Float64Array, n: number, d: number): { mean: Float64Array; ss: Float64Array } {
  const mean = new Float64Array(d), ss = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const x0 = x[j]!;
    let shift = 0;
    for (let i = 0; i < n; i++) shift += x[i * d + j]! - x0;
    const mu = x0 + shift / n;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = x[i * d + j]! - mu;
      s += c * c;
    }
    mean[j] = mu;
    ss[j] = s;
  }
  return { mean, ss };
}
