/**
 * Helpers of the regularizers specs: seeded cases, an orthonormal design
 * (XᵀX = I) with its targets, the closed-form ridge solution, and the
 * proximal gradient method (ISTA) written out with the library's own
 * gradient of the data loss.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { gen } from '../harness/index.js';

/** The arbitrary of a seeded property whose case is a seed: `property(name, seeds, withRng((rng) => …))`. */
export const seeds = (rng: Rng): number => rng.int(0, 2 ** 30);

/** The predicate for `seeds`: `check` draws what it needs from `new Rng(seed)`. */
export const withRng = (check: (rng: Rng) => void) => (seed: number): void => check(new Rng(seed));

/** A design X: m×d with orthonormal columns, targets y: [m], and z = Xᵀy: [d]. */
export function orthonormalDesign(m: number, d: number, rng: Rng, scale = 1): { X: Tensor; y: Tensor; z: Tensor } {
  const X = gen.orthonormalColumns(m, d, rng);
  const y = linalg.randn([m], rng, 0, scale);
  const z = linalg.reshape(linalg.matmulTransA(X, linalg.reshape(y, [m, 1])), [d]);
  return { X, y, z };
}

/** Xw as a vector Var: X: m×d (constant), w: [d]. */
export const predict = (X: Tensor, w: Var): Var => ad.reshape(ad.matmul(X, ad.reshape(w, [X.shape[1]!, 1])), [X.shape[0]!]);

/** The sum loss ‖y − Xw‖² as a Var. */
export const sumOfSquares = (X: Tensor, y: Tensor, w: Var): Var => ad.sum(ad.pow(ad.sub(predict(X, w), y), 2));

/** The mean loss (1/M)‖y − Xw‖² as a Var. */
export const meanOfSquares = (X: Tensor, y: Tensor, w: Var): Var => ad.mean(ad.pow(ad.sub(predict(X, w), y), 2));

/** w* = (XᵀX + MλI)⁻¹Xᵀy, the minimiser of (1/M)‖Xw − y‖² + λ‖w‖² (linalg.solve). */
export function ridge(X: Tensor, y: Tensor, lambda: number): Tensor {
  const [M, d] = X.shape as [number, number];
  const A = linalg.add(linalg.matmulTransA(X, X), linalg.scale(linalg.eye(d), M * lambda));
  return linalg.reshape(linalg.solve(A, linalg.matmulTransA(X, linalg.reshape(y, [M, 1]))), [d]);
}

/**
 * `steps` proximal gradient steps from w = 0: u = w − η∇data(w) by
 * backward(), then `prox(w)` in place. Returns w.
 */
export function ista(d: number, data: (w: Var) => Var, eta: number, steps: number, prox: (w: Var) => void): Var {
  const w = ad.variable(linalg.zeros([d]));
  for (let t = 0; t < steps; t++) {
    w.zeroGrad();
    data(w).backward();
    linalg.addScaledInto(w.value, w.grad, -eta);
    prox(w);
  }
  return w;
}

/** The number of entries exactly 0 (either sign). */
export const zerosIn = (t: Tensor | Float64Array): number => Array.from('data' in t ? t.data : t).filter((v) => v === 0).length;
