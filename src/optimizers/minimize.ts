/**
 * The gradient-descent algorithm of the 002 deck (EQ-OPTIMIZERS-02, 03),
 * for a function whose gradient the caller computes:
 *
 *   Input: ∇f, θ₀, an update rule (default: θ ← θ − η∇f(θ))
 *   1. θ ← θ₀
 *   2. loop until convergence (‖∇f(θ)‖₂ ≤ tolerance) or maxIterations steps:
 *   3.   g ← ∇f(θ)
 *   4.   θ ← θ + Δθ(g)                  (the optimizer's step)
 *   Output: θ̂ ≈ argmin f
 *
 * Any optimizer of this module can be the update rule; the gradient is
 * always evaluated at the point the optimizer holds (for Nesterov, the
 * look-ahead point). `fit` is the same loop for a model and a data set.
 */
import { ConvergenceError, ShapeError, ValueError, assertFunction, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Optimizer } from './optimizer.js';
import type { Parameter } from './optimizer.js';
import { SGD } from './sgd.js';

export interface MinimizeOptions {
  /** The update rule, made for the one parameter θ: `(params) => new Adam(params, { lr: 0.1 })` (default: SGD with `lr`). */
  optimizer?: (parameters: Parameter[]) => Optimizer;
  /** η of the default SGD (default 0.01; not with `optimizer`). */
  lr?: number;
  /** Stop when ‖∇f(θ)‖₂ ≤ tolerance (default 1e-8; 0 runs every iteration). */
  tolerance?: number;
  /** At most this many steps (default 10 000). */
  maxIterations?: number;
}

export interface MinimizeResult {
  /** θ̂, the last iterate (a tensor of θ₀'s shape). */
  theta: Tensor;
  /** Steps taken. */
  iterations: number;
  /** ‖∇f(θ̂)‖₂ ≤ tolerance. */
  converged: boolean;
  /** ‖∇f(θ̂)‖₂, or of the last gradient evaluated when maxIterations ran out. */
  gradientNorm: number;
  /** The optimizer, with its state after the last step. */
  optimizer: Optimizer;
}

/**
 * Minimise f from θ₀ given its gradient `gradient(θ)` (a tensor of θ's
 * shape; the θ it receives is the optimizer's own tensor, not to be
 * changed). ConvergenceError when a gradient has a NaN or ±∞ entry (the
 * iteration diverged).
 */
export function minimize(gradient: (theta: Tensor) => Tensor, theta0: Tensor, options?: MinimizeOptions): MinimizeResult {
  const where = 'minimize';
  assertFunction(gradient, 'gradient', where);
  linalg.assertFinite(theta0, 'theta0', where);
  const o = assertOptions(options, ['optimizer', 'lr', 'tolerance', 'maxIterations'], where);
  if (o.optimizer !== undefined && o.lr !== undefined) throw new ValueError(`${where}: lr is the default SGD's; with an optimizer, give it to the optimizer`);
  if (o.optimizer !== undefined) assertFunction(o.optimizer, 'optimizer', where);
  const lr = assertNumber(o.lr ?? 0.01, 'lr', where, { min: 0 });
  const tolerance = assertNumber(o.tolerance ?? 1e-8, 'tolerance', where, { min: 0 });
  const maxIterations = assertInteger(o.maxIterations ?? 10_000, 'maxIterations', where, { min: 0 });
  const theta = linalg.clone(theta0);
  const g = linalg.zeros(theta0.shape);
  const parameter: Parameter = { value: theta, grad: g };
  const optimizer = o.optimizer === undefined ? new SGD([parameter], { lr }) : o.optimizer([parameter]);
  if (!(optimizer instanceof Optimizer) || optimizer.parameters.length !== 1 || optimizer.parameters[0] !== parameter) {
    throw new ValueError(`${where}: optimizer must return an Optimizer over the one parameter it is given, got ${describeValue(optimizer)}`);
  }
  let iterations = 0, norm = NaN;
  for (;;) {
    const gt = gradient(theta);
    linalg.assertTensor(gt, 'the gradient returned', where);
    if (!linalg.sameShape(gt.shape, theta.shape)) {
      throw new ShapeError(`${where}: the gradient has shape ${formatShape(gt.shape)}, but θ has shape ${formatShape(theta.shape)}`);
    }
    let squares = 0;
    for (let i = 0; i < gt.data.length; i++) squares += gt.data[i]! * gt.data[i]!;
    norm = Math.sqrt(squares);
    if (!Number.isFinite(norm)) throw new ConvergenceError(`${where}: the gradient is not finite after ${iterations} steps; the iteration diverged`);
    if (norm <= tolerance || iterations >= maxIterations) break;
    g.data.set(gt.data);
    optimizer.step();
    iterations++;
  }
  return { theta: linalg.clone(theta), iterations, converged: norm <= tolerance, gradientNorm: norm, optimizer };
}
