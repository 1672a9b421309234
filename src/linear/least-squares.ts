/**
 * The least-squares solution of X_c·W = Y_c (X_c: n×d, Y_c: n×k), the
 * normal equations X_cᵀX_c·W = X_cᵀY_c solved without forming X_cᵀX_c:
 *
 *   QR    X_c = QR  ⇒  W = R⁻¹·Qᵀ·Y_c                  (full column rank)
 *   SVD   X_c = UΣVᵀ ⇒ W = V·Σ⁺·Uᵀ·Y_c, σ⁺ = 1/σ for σ > max(n, d)·ε·σ₁, else 0
 *
 * QR first (linalg's lstsq, which also gives the minimum-norm solution when
 * n < d); when X_c is rank-deficient to working precision (a repeated or
 * constant column, a polynomial basis of too high a degree) QR has no
 * unique answer and the SVD gives the minimum-norm one. Internal: checked
 * finite inputs.
 */
import { SingularMatrixError, lstsq, matmul, matmulTransA, svd } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

const EPSILON = Number.EPSILON;

/** W = argmin ‖X·W − Y‖_F of least ‖W‖_F; and whether the SVD route was taken. */
export function leastSquares(X: Tensor, Y: Tensor): { W: Tensor; rankDeficient: boolean } {
  try {
    return { W: lstsq(X, Y), rankDeficient: false };
  } catch (error) {
    if (!(error instanceof SingularMatrixError)) throw error;
  }
  const { U, S, V } = svd(X);
  const n = X.shape[0]!, d = X.shape[1]!, p = S.data.length, k = Y.shape[1]!;
  const cutoff = Math.max(n, d) * EPSILON * (S.data[0] ?? 0);
  const UtY = matmulTransA(U, Y); // p×k
  for (let j = 0; j < p; j++) {
    const s = S.data[j]!, inv = s > cutoff ? 1 / s : 0;
    for (let c = 0; c < k; c++) UtY.data[j * k + c]! *= inv;
  }
  return { W: matmul(V, UtY), rankDeficient: true };
}
