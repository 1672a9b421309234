/**
 * Curvature and step size (EQ-OPTIMIZERS-22, 23, 24; the 000 deck's
 * "Newton's method: Using curvature", after Goodfellow et al. §4.3).
 * Near x⁽⁰⁾, with gradient g and Hessian H, the second-order Taylor model
 * along the gradient is (eq. 4.9)
 *
 *   f(x⁽⁰⁾ − εg) ≈ f(x⁽⁰⁾) − ε·gᵀg + ½ε²·gᵀHg
 *
 * If the curvature gᵀHg ≤ 0 the model falls without bound as ε grows. If
 * gᵀHg > 0 it is least at the optimal steepest-descent step (eq. 4.10)
 *
 *   ε* = gᵀg / gᵀHg        (1/λ_max ≤ ε* ≤ 1/λ_min; 1/λ when g is an eigenvector)
 *
 * which is exact line search on a quadratic. The slide is titled Newton's
 * method, but eq. 4.10 is not the Newton step; that one uses the whole
 * Hessian, not only its value along g:
 *
 *   x₁ = x₀ − H⁻¹g          (one step to the minimum of a strictly convex quadratic)
 *
 * It is affine invariant, and it goes to any stationary point, a saddle
 * too. Each step needs H (d Hessian-vector products for d parameters) and
 * a linear solve, against one gradient for gradient descent ("each step is
 * better, but evaluating each one is very expensive").
 *
 * Shapes: g and x are vectors [d], H is d×d, row-major (symmetric in
 * the lecture's use; not checked).
 */
import { ShapeError, SingularMatrixError, assertNumber, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** Internal: g a finite vector [d] and H a finite d×d matrix. */
function assertGradientHessian(g: Tensor, H: Tensor, where: string): number {
  linalg.assertFinite(g, 'g', where);
  linalg.assertFinite(H, 'H', where);
  if (g.shape.length !== 1) throw new ShapeError(`${where}: g must be a vector [d], got ${formatShape(g.shape)}`);
  const d = g.shape[0]!;
  if (H.shape.length !== 2 || H.shape[0] !== d || H.shape[1] !== d) {
    throw new ShapeError(`${where}: H must be ${d}×${d} for g of shape [${d}], got ${formatShape(H.shape)}`);
  }
  return d;
}

/** Internal: gᵀHg for g: [d], H: d×d (valid input assumed). */
function quadraticForm(g: Float64Array, H: Float64Array, d: number): number {
  let total = 0;
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += H[i * d + j]! * g[j]!;
    total += g[i]! * row;
  }
  return total;
}

/** The curvature along g: gᵀHg (g: [d], H: d×d). */
export function curvature(g: Tensor, H: Tensor): number {
  const d = assertGradientHessian(g, H, 'curvature');
  return quadraticForm(g.data, H.data, d);
}

/** The second-order model f₀ − ε·gᵀg + ½ε²·gᵀHg of f(x − εg) for a step ε (f₀ = f(x), finite). */
export function secondOrderModel(f0: number, g: Tensor, H: Tensor, epsilon: number): number {
  const where = 'secondOrderModel';
  assertNumber(f0, 'f0', where);
  const d = assertGradientHessian(g, H, where);
  assertNumber(epsilon, 'epsilon', where);
  return f0 - epsilon * linalg.dot(g, g) + 0.5 * epsilon * epsilon * quadraticForm(g.data, H.data, d);
}

/**
 * ε* = gᵀg / gᵀHg, the step along −g that minimises the second-order
 * model; +∞ when gᵀHg ≤ 0 and g ≠ 0 (no finite optimum: the model falls
 * without bound), 0 when g = 0.
 */
export function optimalStepSize(g: Tensor, H: Tensor): number {
  const d = assertGradientHessian(g, H, 'optimalStepSize');
  const gg = linalg.dot(g, g);
  if (gg === 0) return 0;
  const gHg = quadraticForm(g.data, H.data, d);
  return gHg > 0 ? gg / gHg : Infinity;
}

/** The Newton step x − H⁻¹g (x, g: [d], H: d×d); SingularMatrixError when H is singular. */
export function newtonStep(x: Tensor, g: Tensor, H: Tensor): Tensor {
  const where = 'newtonStep';
  const d = assertGradientHessian(g, H, where);
  linalg.assertFinite(x, 'x', where);
  if (x.shape.length !== 1 || x.shape[0] !== d) throw new ShapeError(`${where}: x must have the shape of g, [${d}], got ${formatShape(x.shape)}`);
  let p: Tensor;
  try {
    p = linalg.solve(H, g);
  } catch (error) {
    if (error instanceof SingularMatrixError) throw new SingularMatrixError(`${where}: the Hessian is singular (${error.message}); the Newton step is undefined`);
    throw error;
  }
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = x.data[i]! - p.data[i]!;
  return { shape: [d], data: out };
}
