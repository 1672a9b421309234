/**
 * Helpers of the bayes specs: tensors from arrays, random probability
 * tables (Dirichlet draws), and seeded data from conditionally independent
 * generators (each feature drawn from its class's own distribution).
 */
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';

export const vec = (values: readonly number[]): Tensor => ({ shape: [values.length], data: Float64Array.from(values) });

export const mat = (rows: readonly (readonly number[])[]): Tensor => {
  const d = rows[0]?.length ?? 0;
  return { shape: [rows.length, d], data: Float64Array.from(rows.flat()) };
};

/** Row i of an n×K tensor as an array. */
export const row = (t: Tensor, i: number): number[] => {
  const K = t.shape[1]!;
  return Array.from(t.data.subarray(i * K, i * K + K));
};

/** A Dirichlet(1, …, 1) draw of length k: normalised exponentials. */
export function dirichlet(rng: Rng, k: number): number[] {
  const g = Array.from({ length: k }, () => -Math.log(1 - rng.next()) + 1e-12);
  const s = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / s);
}

/** Bernoulli data: classes with priors `prior`, feature j of class k present with probability p[k][j]. */
export function bernoulliData(rng: Rng, n: number, prior: readonly number[], p: readonly (readonly number[])[]): { X: Tensor; y: Tensor } {
  const d = p[0]!.length;
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.choice(prior);
    y[i] = k;
    for (let j = 0; j < d; j++) X[i * d + j] = rng.next() < p[k]![j]! ? 1 : 0;
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y } };
}

/** Gaussian data: class k's feature j ~ N(μ_kj, σ_kj²), classes drawn with probabilities `prior`. */
export function gaussianData(rng: Rng, n: number, K: number, d: number): { X: Tensor; y: Tensor } {
  const mu = Array.from({ length: K * d }, () => rng.normal(0, 3));
  const sigma = Array.from({ length: K * d }, () => 0.5 + rng.next() * 2);
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = i < K ? i : rng.int(0, K); // every class present
    y[i] = k;
    for (let j = 0; j < d; j++) X[i * d + j] = rng.normal(mu[k * d + j]!, sigma[k * d + j]!);
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y } };
}

/** Count data: class k draws N ~ U{0…30} words from its own word distribution θ_k. */
export function countData(rng: Rng, n: number, K: number, d: number): { X: Tensor; y: Tensor } {
  const theta = Array.from({ length: K }, () => dirichlet(rng, d));
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = i < K ? i : rng.int(0, K);
    y[i] = k;
    const N = rng.int(0, 31);
    for (let w = 0; w < N; w++) X[i * d + rng.choice(theta[k]!)]! += 1;
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y } };
}

/** Every binary vector of length d, as rows. */
export function allBinary(d: number): number[][] {
  return Array.from({ length: 2 ** d }, (_, m) => Array.from({ length: d }, (_, j) => (m >> j) & 1));
}
