/**
 * Helpers of the optimizer specs: parameters as plain `{ value, grad }`
 * objects, quadratics with known eigenvalues, and a loop that feeds an
 * optimizer a gradient function step by step. The reference recurrences
 * themselves are written inside each spec, on plain numbers.
 */
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import type { Optimizer, Parameter } from '../../src/optimizers/index.js';
import { orthonormalColumns } from '../harness/generators.js';

/** The arbitrary of a seeded property whose case is a seed: `property(name, seeds, withRng((rng) => …))`. */
export const seeds = (rng: Rng): number => rng.int(0, 2 ** 30);

/** The predicate for `seeds`: `check` draws what it needs from `new Rng(seed)`, and a failure prints that seed. */
export const withRng = (check: (rng: Rng) => void) => (seed: number): void => check(new Rng(seed));

/** A parameter { value, grad } holding a copy of `values` (a vector) and a zero gradient. */
export function vectorParameter(values: ArrayLike<number>): Parameter & { grad: Tensor } {
  const n = values.length;
  return { value: linalg.tensor(Array.from(values), [n]), grad: linalg.zeros([n]) };
}

/** Random parameters of random shapes (1 to 3 tensors), values ~ N(0, 1). */
export function randomParameters(rng: Rng): (Parameter & { grad: Tensor })[] {
  const count = rng.int(1, 4);
  return Array.from({ length: count }, () => {
    const shape = rng.next() < 0.5 ? [rng.int(1, 6)] : [rng.int(1, 4), rng.int(1, 4)];
    return { value: linalg.randn(shape, rng), grad: linalg.zeros(shape) };
  });
}

/** Fill every parameter's gradient with fresh N(0, scale²) draws. */
export function drawGradients(parameters: readonly (Parameter & { grad: Tensor })[], rng: Rng, scale = 1): void {
  for (const p of parameters) for (let i = 0; i < p.grad.data.length; i++) p.grad.data[i] = rng.normal(0, scale);
}

/** The flat values of parameters, as plain numbers (a copy). */
export const valuesOf = (parameters: readonly Parameter[]): number[] => parameters.flatMap((p) => Array.from(p.value.data));

/** A symmetric d×d matrix H = Q·diag(λ)·Qᵀ with the given eigenvalues and a random orthogonal Q. */
export function withEigenvalues(lambda: readonly number[], rng: Rng): { H: Tensor; Q: Tensor } {
  const d = lambda.length;
  const Q = orthonormalColumns(d, d, rng);
  const H = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Q.data[i * d + k]! * lambda[k]! * Q.data[j * d + k]!;
      H[i * d + j] = s;
    }
  }
  // Symmetrise exactly.
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) H[i * d + j] = H[j * d + i] = (H[i * d + j]! + H[j * d + i]!) / 2;
  return { H: { shape: [d, d], data: H }, Q };
}

/** Random eigenvalues in [low, high] with both ends present (λ_min = low, λ_max = high). */
export function eigenvalues(d: number, low: number, high: number, rng: Rng): number[] {
  const lambda = Array.from({ length: d }, () => rng.uniform(low, high));
  lambda[0] = high;
  if (d > 1) lambda[d - 1] = low;
  return lambda;
}

/** H·θ − b for the quadratic f(θ) = ½θᵀHθ − bᵀθ (by loops). */
export function quadraticGradient(H: Tensor, b: Tensor | null): (theta: Tensor) => Tensor {
  const d = H.shape[0]!;
  return (theta) => {
    const out = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = b === null ? 0 : -b.data[i]!;
      for (let j = 0; j < d; j++) s += H.data[i * d + j]! * theta.data[j]!;
      out[i] = s;
    }
    return { shape: [d], data: out };
  };
}

/** ½θᵀHθ − bᵀθ (by loops). */
export function quadraticValue(H: Tensor, b: Tensor | null, theta: Tensor): number {
  const d = H.shape[0]!;
  let s = 0;
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += H.data[i * d + j]! * theta.data[j]!;
    s += 0.5 * theta.data[i]! * row - (b === null ? 0 : b.data[i]! * theta.data[i]!);
  }
  return s;
}

/**
 * Run `steps` steps of `optimizer` on its single parameter, the gradient
 * recomputed at the parameter's value each time; returns the values after
 * each step (θ₁ … θ_T) as plain arrays.
 */
export function trajectory(optimizer: Optimizer, gradient: (theta: Tensor) => Tensor, steps: number): number[][] {
  const p = optimizer.parameters[0]!;
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    p.grad.data.set(gradient(p.value).data);
    optimizer.step();
    out.push(Array.from(p.value.data));
  }
  return out;
}

/** ‖a − b‖₂ of two plain arrays. */
export const distance = (a: readonly number[], b: ArrayLike<number>): number => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));

/** The bits of a double, for comparisons that must be exact (−0 ≠ 0, NaN = NaN). */
export const bitsOf = (values: ArrayLike<number>): string[] => Array.from(values, (x) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
});
