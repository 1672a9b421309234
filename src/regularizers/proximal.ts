/**
 * Proximal steps: how L1 reaches exact zeros (EQ-REGULARIZERS-03; 001 "L1
 * regularization … reduce the magnitude of some weights to exactly zero,
 * effectively performing feature selection").
 *
 * Plain (sub)gradient descent on L + λ‖w‖₁ moves a weight by ±ηλ every
 * step and so jumps across 0 forever: the weights become small, never 0.
 * The proximal gradient method (ISTA) takes the gradient step on the data
 * loss alone, u = w − η∇L(w), then solves the penalty's part exactly:
 *
 *   w ← argmin_v (1/2η)‖v − u‖² + λ‖v‖₁ = S_{ηλ}(u)
 *   S_τ(u) = sign(u)·max(|u| − τ, 0)                     soft thresholding
 *
 * which sets every |u_k| ≤ ηλ to exactly 0. For the elastic net (EQ-
 * REGULARIZERS-05) R_EN = α‖w‖₁ + (1 − α)‖w‖², the same argument gives
 *
 *   w ← S_{ηλα}(u) / (1 + 2ηλ(1 − α))
 *
 * e.g. on an orthonormal design (XᵀX = I) with the sum loss ‖y − Xw‖² +
 * λ‖w‖₁ the fixed point is w_j = S_{λ/2}(z_j), z = Xᵀy, and w = 0 once
 * λ ≥ 2‖Xᵀy‖∞.
 *
 *   for (…) { loss.backward(); sgd step on the data loss; proxL1Into(weights, eta * lambda); }
 */
import { ArgumentTypeError, assertNumber, describeValue } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Var } from '../autodiff/index.js';

/** S_τ(u) = sign(u)·max(|u| − τ, 0) entry-wise, τ ≥ 0 (a new tensor; |u| ≤ τ gives exactly 0). */
export function softThreshold(u: Tensor, tau: number): Tensor {
  const where = 'softThreshold';
  linalg.assertTensor(u, 'u', where);
  const t = assertNumber(tau, 'tau', where, { min: 0 });
  return linalg.map(u, (x) => shrink(x, t));
}

/** Internal: S_τ(x) for one number. */
function shrink(x: number, tau: number): number {
  if (x > tau) return x - tau;
  if (x < -tau) return x + tau;
  return Number.isNaN(x) ? x : 0;
}

/** Internal: the Vars or Tensors to change in place, checked. */
function targetsOf(weights: unknown, where: string): Tensor[] {
  const list = Array.isArray(weights) ? weights : [weights];
  return list.map((w: unknown, i) => {
    if (w instanceof Var) return w.value;
    if (typeof w === 'object' && w !== null && 'data' in w) {
      linalg.assertTensor(w, Array.isArray(weights) ? `weights[${i}]` : 'weights', where);
      return w as Tensor;
    }
    throw new ArgumentTypeError(`${where}: weights must be a Var, a Tensor or an array of them, got ${describeValue(w)}`);
  });
}

/**
 * w ← S_τ(w) in place for every tensor, τ = ηλ ≥ 0: the proximal step of
 * λ‖w‖₁ after a gradient step of size η on the data loss. Takes Vars (their
 * values change) or Tensors.
 */
export function proxL1Into(weights: Var | Tensor | readonly (Var | Tensor)[], tau: number): void {
  const where = 'proxL1Into';
  const targets = targetsOf(weights, where);
  const t = assertNumber(tau, 'tau', where, { min: 0 });
  for (const w of targets) {
    const d = w.data;
    for (let k = 0; k < d.length; k++) d[k] = shrink(d[k]!, t);
  }
}

/**
 * w ← S_{τα}(w)/(1 + 2τ(1 − α)) in place, τ = ηλ ≥ 0, α ∈ [0, 1]: the
 * proximal step of λ·(α‖w‖₁ + (1 − α)‖w‖²). α = 1 is proxL1Into; α = 0
 * only shrinks, w/(1 + 2τ), and makes no zeros.
 */
export function proxElasticNetInto(weights: Var | Tensor | readonly (Var | Tensor)[], tau: number, alpha: number): void {
  const where = 'proxElasticNetInto';
  const targets = targetsOf(weights, where);
  const t = assertNumber(tau, 'tau', where, { min: 0 });
  const a = assertNumber(alpha, 'alpha', where, { min: 0, max: 1 });
  const threshold = t * a, divisor = 1 + 2 * t * (1 - a);
  for (const w of targets) {
    const d = w.data;
    for (let k = 0; k < d.length; k++) d[k] = shrink(d[k]!, threshold) / divisor;
  }
}
