/**
 * Helpers of the layers specs: small data sets of the lectures (the four
 * points of {0, 1}² with AND, OR and XOR labels), plain reference loops that
 * do not use the library, and hand-written gradient descent (optimizers
 * live in their own module).
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';

/** The four points of {0, 1}² as a 4×2 matrix, in the order 00, 01, 10, 11. */
export const BINARY_INPUTS: Tensor = linalg.tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
export const AND: Tensor = linalg.tensor([0, 0, 0, 1], [4]);
export const OR: Tensor = linalg.tensor([0, 1, 1, 1], [4]);
export const XOR: Tensor = linalg.tensor([0, 1, 1, 0], [4]);

/** An m×n matrix with N(0, std²) entries. */
export const gaussian = (shape: readonly number[], rng: Rng, std = 1): Tensor => linalg.randn(shape, rng, 0, std);

/** Y = X·W + b by three loops. X: n×k, W: k×m, b: [m] or null. */
export function affineByLoops(X: Tensor, W: Tensor, b: Tensor | null): Tensor {
  const [n, k] = X.shape as [number, number];
  const m = W.shape[1]!;
  const Y = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = b === null ? 0 : b.data[j]!;
      for (let p = 0; p < k; p++) s += X.data[i * k + p]! * W.data[p * m + j]!;
      Y[i * m + j] = s;
    }
  }
  return { shape: [n, m], data: Y };
}

/** mean((ŷ − y)²) by autodiff ops: the loss for hand-written gradient descent. */
export const mseOps = (yHat: Var, y: Tensor): Var => ad.mean(ad.pow(ad.sub(yHat, y), 2));

/**
 * `steps` steps of plain gradient descent θ ← θ − η∇L on `params`, with
 * the loss rebuilt each step by `loss()`. Returns the last loss value.
 */
export function gradientDescent(params: readonly Var[], loss: () => Var, eta: number, steps: number): number {
  let last = NaN;
  for (let t = 0; t < steps; t++) {
    for (const p of params) p.zeroGrad();
    const L = loss();
    L.backward();
    last = L.item();
    for (const p of params) linalg.addScaledInto(p.value, p.grad, -eta);
  }
  return last;
}

/** Accuracy of 0/1 predictions (p > 0.5 or z > threshold) against 0/1 labels. */
export function accuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if ((scores[i]! > threshold ? 1 : 0) === labels[i]) right++;
  return right / labels.length;
}

/**
 * gradCheck of a module through its own parameters: the analytic gradient
 * of L = Σᵢ uᵢ·f(X)ᵢ (fixed weights u drawn from `rng`) for every parameter
 * and for the input, against central differences that perturb the
 * parameter's values in place. Returns the worst ratio
 * |a − n| / (atol + rtol·max(|a|, |n|)) (≤ 1 passes) and where it was.
 */
export function moduleGradCheck(
  module: { forward(x: Var): Var; parameters(): Var[] }, X: Tensor, rng: Rng, tolerance = { atol: 1e-7, rtol: 1e-6 }, h = 1e-6,
): { ratio: number; where: string } {
  const x = ad.variable(linalg.clone(X));
  const yShape = module.forward(ad.constant(X)).value.shape;
  const u = linalg.randn(yShape, rng);
  const loss = (input: Var): Var => ad.sum(ad.mul(module.forward(input), u));
  const params = module.parameters();
  for (const p of params) p.zeroGrad();
  loss(x).backward();
  let worst = { ratio: 0, where: 'nothing checked' };
  const compare = (analytic: Tensor, values: Tensor, name: string): void => {
    for (let j = 0; j < values.data.length; j++) {
      const v = values.data[j]!;
      values.data[j] = v + h;
      const plus = ad.noGrad(() => loss(ad.constant(x.value))).item();
      values.data[j] = v - h;
      const minus = ad.noGrad(() => loss(ad.constant(x.value))).item();
      values.data[j] = v;
      const numeric = (plus - minus) / (2 * h), a = analytic.data[j]!;
      const ratio = a === numeric ? 0 : Math.abs(a - numeric) / (tolerance.atol + tolerance.rtol * Math.max(Math.abs(a), Math.abs(numeric)));
      if (!(ratio <= worst.ratio)) worst = { ratio: Number.isNaN(ratio) ? Infinity : ratio, where: `${name}[${j}]: analytic ${a}, numeric ${numeric}` };
    }
  };
  params.forEach((p, k) => compare(linalg.clone(p.grad), p.value, p.name ?? `parameter ${k}`));
  compare(linalg.clone(x.grad), x.value, 'input');
  return worst;
}

/** The arbitrary of a seeded property whose case is a seed: `property(name, seeds, withRng((rng) => …))`. */
export const seeds = (rng: Rng): number => rng.int(0, 2 ** 30);

/** The predicate for `seeds`: `check` draws what it needs from `new Rng(seed)`, and a failure prints that seed. */
export const withRng = (check: (rng: Rng) => void) => (seed: number): void => check(new Rng(seed));
