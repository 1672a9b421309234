/**
 * Helpers of the linear specs: seeded regression and classification data,
 * and the objectives written out by plain loops.
 */
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';

/** y = X·w + b + noise, X: n×d with columns of different scales. */
export function regression(rng: Rng, n = rng.int(5, 60), d = rng.int(1, 6), noise = 0.5): { X: Tensor; y: Tensor; w: Tensor; b: number } {
  const scales = linalg.tensor(Array.from({ length: d }, () => 10 ** rng.uniform(-1, 1)), [d]);
  const X = linalg.add(linalg.mul(linalg.randn([n, d], rng), scales), linalg.randn([d], rng, 0, 3));
  const w = linalg.randn([d], rng, 0, 2), b = rng.normal(0, 3);
  const y = linalg.add(linalg.add(linalg.matmul(X, w), b), linalg.randn([n], rng, 0, noise));
  return { X, y, w, b };
}

/** Labels from a noisy linear rule over K classes (not separable: labels flipped at random). */
export function classification(rng: Rng, n: number, d: number, K: number, flip = 0.15): { X: Tensor; y: Tensor } {
  const X = linalg.randn([n, d], rng), W = linalg.randn([d, K], rng, 0, 2), Z = linalg.matmul(X, W);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < K; c++) if (Z.data[i * K + c]! > Z.data[i * K + best]!) best = c;
    y[i] = rng.next() < flip ? rng.int(0, K) : best;
  }
  for (let c = 0; c < K; c++) y[c] = c; // every class present
  return { X, y: { shape: [n], data: y } };
}

/** (1/n)·‖y − ŷ‖². */
export const meanSquare = (y: Tensor, p: Tensor): number => y.data.reduce((a, v, i) => a + (v - p.data[i]!) ** 2, 0) / y.data.length;

/** X − column means, y − mean. */
export function centred(X: Tensor, y: Tensor): { Xc: Tensor; yc: Tensor } {
  return { Xc: linalg.center(X), yc: linalg.sub(y, linalg.mean(y)) };
}
