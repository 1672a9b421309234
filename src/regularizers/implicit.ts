/**
 * Implicit regularisation by the gradient method (EQ-REGULARIZERS-11; 003
 * "The gradient method itself is considered a method for
 * regularization"). Gradient descent on the mean squared error of a linear
 * model X: n×d, w: [d], y: [n],
 *
 *   L(w) = (1/n)·‖Xw − y‖²        w_{t+1} = w_t − η·(2/n)·Xᵀ(Xw_t − y)
 *
 * only ever moves w inside the row space of X (every step is Xᵀ times
 * something). With more unknowns than examples (d > n) there are many
 * interpolants Xw = y, all with zero training loss; started from w₀ = 0,
 * gradient descent converges to the one of least norm, X⁺y, without any
 * penalty in the loss. From another w₀ it converges to X⁺y + (I − X⁺X)w₀:
 * the component of w₀ in the null space of X never changes.
 *
 * 0 < η < n/λ_max(XᵀX) converges; a larger η diverges (ValueError is not
 * raised for it: the result is then ±∞ or NaN, as the lecture shows).
 *
 * `minimumNormLeastSquares(X, y)` is where that run ends, computed
 * directly: w = X⁺y = V·diag(1/σ)·Uᵀy from the SVD, singular values below
 * max(n, d)·ε·σ_max counted as 0 (so it works for rank-deficient X too,
 * e.g. random ReLU features that are 0 on every training point: the
 * double-descent demonstration, EQ-REGULARIZERS-12).
 */
import { ShapeError, assertInteger, assertNumber, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** Options of leastSquaresGD. */
export interface LeastSquaresGDOptions {
  /** η > 0 (default 0.01). */
  eta?: number;
  /** Number of steps, ≥ 0 (default 1000). */
  steps?: number;
  /** The start w₀: [d] (default zeros). */
  w0?: Tensor;
}

/** w after `steps` gradient steps on (1/n)‖Xw − y‖² from w₀ (default 0). X: n×d, y: [n]; returns w: [d]. */
export function leastSquaresGD(X: Tensor, y: Tensor, options?: LeastSquaresGDOptions): Tensor {
  const where = 'leastSquaresGD';
  linalg.assertMatrix(X, 'X', where);
  linalg.assertVector(y, 'y', where);
  const [n, d] = X.shape as [number, number];
  if (y.shape[0] !== n || n === 0) throw new ShapeError(`${where}: y must have one entry per row of X (n ≥ 1), got X ${formatShape(X.shape)} and y ${formatShape(y.shape)}`);
  const o = assertOptions(options, ['eta', 'steps', 'w0'], where);
  const eta = assertNumber(o.eta ?? 0.01, 'eta', where, { min: 0, minExclusive: true });
  const steps = assertInteger(o.steps ?? 1000, 'steps', where, { min: 0 });
  let w = linalg.zeros([d]);
  if (o.w0 !== undefined) {
    linalg.assertVector(o.w0, 'w0', where);
    if (o.w0.shape[0] !== d) throw new ShapeError(`${where}: w0 must have ${d} entries (the columns of X), got ${formatShape(o.w0.shape)}`);
    w = linalg.clone(o.w0);
  }
  const col = (v: Tensor): Tensor => linalg.reshape(v, [v.data.length, 1]);
  const yc = col(y);
  for (let t = 0; t < steps; t++) {
    const r = linalg.sub(linalg.matmul(X, col(w)), yc); // Xw − y: n×1
    const g = linalg.matmulTransA(X, r); // Xᵀ(Xw − y): d×1
    linalg.addScaledInto(w, linalg.reshape(g, [d]), (-2 * eta) / n);
  }
  return w;
}

/** w = X⁺y, the least-squares solution of least norm, by the SVD. X: n×d, y: [n]; returns w: [d]. */
export function minimumNormLeastSquares(X: Tensor, y: Tensor): Tensor {
  const where = 'minimumNormLeastSquares';
  linalg.assertMatrix(X, 'X', where);
  linalg.assertVector(y, 'y', where);
  const [n, d] = X.shape as [number, number];
  if (y.shape[0] !== n || n === 0 || d === 0) throw new ShapeError(`${where}: y must have one entry per row of a non-empty X, got X ${formatShape(X.shape)} and y ${formatShape(y.shape)}`);
  linalg.assertFinite(X, 'X', where);
  linalg.assertFinite(y, 'y', where);
  const { U, S, V } = linalg.svd(X);
  const p = S.data.length, tol = Math.max(n, d) * Number.EPSILON * (S.data[0] ?? 0);
  // c = diag(1/σ)·Uᵀy over the singular values above tol (0 below it), then w = V·c
  const c = linalg.matmulTransA(U, linalg.reshape(y, [n, 1])); // p×1
  for (let k = 0; k < p; k++) {
    const sigma = S.data[k]!;
    c.data[k] = sigma > tol ? c.data[k]! / sigma : 0;
  }
  return linalg.reshape(linalg.matmul(V, c), [d]);
}
