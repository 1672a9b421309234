/**
 * Helpers of the unsupervised specs: seeded Gaussian blobs, and the
 * quantities of k-means and PCA written out by plain loops that do not use
 * the library (brute-force nearest centroids, cluster means, sums of squares).
 */
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';

/** n points in d dimensions around k random centres (spread `std`, centres N(0, sep²)); y holds each point's blob. */
export function blobs(rng: Rng, n: number, d: number, k: number, std = 1, sep = 10): { X: Tensor; y: Tensor; centres: Tensor } {
  const centres = linalg.randn([k, d], rng, 0, sep);
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    y[i] = c;
    for (let l = 0; l < d; l++) X[i * d + l] = centres.data[c * d + l]! + rng.normal(0, std);
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y }, centres };
}

/** ‖x_i − μ_j‖² by one loop. */
export function dist2(X: Tensor, i: number, C: Tensor, j: number): number {
  const d = X.shape[1]!;
  let s = 0;
  for (let l = 0; l < d; l++) s += (X.data[i * d + l]! - C.data[j * d + l]!) ** 2;
  return s;
}

/** argmin_j ‖x_i − μ_j‖² by brute force, the first j on a tie. */
export function nearest(X: Tensor, i: number, C: Tensor): number {
  let best = 0;
  for (let j = 1; j < C.shape[0]!; j++) if (dist2(X, i, C, j) < dist2(X, i, C, best)) best = j;
  return best;
}

/** Σᵢ ‖x_i − μ_{z_i}‖². */
export function sse(X: Tensor, C: Tensor, z: Tensor): number {
  let s = 0;
  for (let i = 0; i < X.shape[0]!; i++) s += dist2(X, i, C, z.data[i]!);
  return s;
}

/** The mean of the rows with z_i = j, and how many there are. */
export function clusterMean(X: Tensor, z: Tensor, j: number): { mean: number[]; count: number } {
  const d = X.shape[1]!, mean = new Array<number>(d).fill(0);
  let count = 0;
  for (let i = 0; i < X.shape[0]!; i++) {
    if (z.data[i] !== j) continue;
    count++;
    for (let l = 0; l < d; l++) mean[l]! += X.data[i * d + l]!;
  }
  return { mean: mean.map((s) => s / count), count };
}

/** Row i of a matrix as a plain array. */
export const row = (t: Tensor, i: number): number[] => Array.from(t.data.subarray(i * t.shape[1]!, (i + 1) * t.shape[1]!));

/** Rows `rows` of X (and entries of y), in that order. */
export function take(t: Tensor, rows: ArrayLike<number>): Tensor {
  const d = t.shape.length > 1 ? t.shape[1]! : 1, out = new Float64Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) out.set(t.data.subarray(rows[r]! * d, rows[r]! * d + d), r * d);
  return { shape: t.shape.length > 1 ? [rows.length, d] : [rows.length], data: out };
}
