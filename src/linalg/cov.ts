/**
 * Covariance matrix of data (EQ-LINALG-06):
 *
 *   X: m×n, row-major — rows are the m samples, columns the n features
 *   μ = (1/m)·Σ_i x_i          the column means (a length-n vector)
 *   X_c = X − 1·μᵀ             centred data: every column has mean 0
 *   K = X_cᵀ·X_c / (m − ddof)  n×n, K_jk = Σ_i (x_ij − μ_j)(x_ik − μ_k) / (m − ddof)
 *
 * `cov` ALWAYS centres internally, as NumPy's `np.cov(X, rowvar=False)` and
 * every statistics text do, so cov(X) = cov(X + 1·cᵀ) for any shift c. For
 * already centred X, K = XᵀX/(m − 1) = V·diag(σ²)·Vᵀ/(m − 1) with X = UΣVᵀ:
 * the eigenvectors of K are the right singular vectors of X, and its
 * eigenvalues are σ²/(m − 1) (the lecture's link between PCA by eigen-
 * decomposition and PCA by SVD). For uncentred X the raw XᵀX/(m − 1) differs
 * from cov(X) by exactly m/(m − 1)·μμᵀ.
 *
 * ddof ("delta degrees of freedom"): 1 (default) gives the unbiased sample
 * covariance with 1/(m − 1), the lecture's K; 0 gives the maximum-likelihood
 * 1/m. K is returned exactly symmetric.
 */
import { ValueError, assertInteger, assertOptions } from '../errors/index.js';
import { assertMatrixInput } from './checks.js';
import { sub } from './elementwise.js';
import { matmulTransA } from './matmul.js';
import { mean } from './reduce.js';
import type { Tensor } from './tensor.js';
import { checkedSize } from './validate.js';

/** Options of cov. */
export interface CovOptions {
  /** The divisor is m − ddof: 1 (default, sample covariance) or 0 (1/m). */
  ddof?: 0 | 1;
}

/**
 * X_c = X − 1·μᵀ, μ = (1/m)·Σᵢ xᵢ: each column minus its mean.
 *   X: m×n, row-major (rows = samples).  Returns a new m×n matrix.
 * Throws ShapeError (not a matrix), ValueError (NaN/∞, empty).
 */
export function center(X: Tensor): Tensor {
  assertMatrixInput(X, 'X', 'center');
  return sub(X, mean(X, { axis: 0, keepDims: true })); // μᵀ as a 1×n row, broadcast down the m rows
}

/**
 * K = X_cᵀ·X_c / (m − ddof), the n×n covariance of the columns of X:
 * K_jk = Σᵢ (x_ij − μ_j)(x_ik − μ_k) / (m − ddof).
 *   X: m×n, row-major (rows = samples, columns = features); centred internally.
 * Options: ddof 1 (default, the sample covariance, 1/(m − 1)) or 0 (1/m).
 * Throws ShapeError (not a matrix), ValueError (NaN/∞, empty, ddof not 0 or 1,
 * or m − ddof ≤ 0, e.g. a single sample with ddof = 1).
 */
export function cov(X: Tensor, options?: CovOptions): Tensor {
  const [m, n] = assertMatrixInput(X, 'X', 'cov');
  const { ddof = 1 } = assertOptions(options, ['ddof'], 'cov');
  assertInteger(ddof, 'ddof', 'cov', { min: 0, max: 1 });
  if (m - ddof <= 0) throw new ValueError(`cov: need more than ${ddof} sample(s) for ddof = ${ddof}, got m = ${m}`);
  checkedSize([n, n], 'cov');
  const Xc = center(X);
  const K = matmulTransA(Xc, Xc);
  // Exactly symmetric: gemm sums K_jk and K_kj over the same products
  // x_ij·x_ik in the same order (kernels/gemm.ts), on one thread or many.
  const k = K.data, divisor = m - ddof;
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / divisor;
  return K;
}
