/**
 * k-means initialisation (EQ-UNSUPERVISED-02; 001, "k-means": "initializing
 * k different centroids to different values"): k pairwise-distinct rows of
 * X (n×d) as the first centroids μ_1 … μ_k.
 *
 *   random      rows visited in a random order (rng.permutation), each taken
 *               unless it equals a row already taken
 *   k-means++   μ_1 = a uniformly random row; then each next μ is row i drawn
 *               with probability D(x_i)² / Σ_l D(x_l)², where D(x) is the
 *               distance from x to the nearest centroid chosen so far
 *               (Arthur & Vassilvitskii, 2007: the expected inertia is then
 *               within a factor 8(ln k + 2) of the optimum)
 *
 * Both take data points (a centroid is always one of the rows) and give k
 * distinct ones; a point already taken has D = 0 and cannot be drawn again.
 * Both throw a ValueError when X has fewer than k distinct rows. The draws
 * come from `rng` only, so one seed gives the same centroids.
 */
import { ValueError, assertInstance, assertInteger } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { squaredDistance } from './kmeans-steps.js';
import { assertData } from './validate.js';

/** Is row i of x equal to one of the rows `chosen` (entry by entry)? Internal. */
function taken(x: Float64Array, i: number, chosen: readonly number[], d: number): boolean {
  return chosen.some((r) => rowEqual(x, i, r, d));
}

function rowEqual(x: Float64Array, a: number, b: number, d: number): boolean {
  for (let l = 0; l < d; l++) if (x[a * d + l] !== x[b * d + l]) return false;
  return true;
}

/** The rows `rows` of x as a k×d tensor. */
function gather(x: Float64Array, rows: readonly number[], d: number): Tensor {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, j) => out.set(x.subarray(r * d, r * d + d), j * d));
  return { shape: [rows.length, d], data: out };
}

const fewer = (where: string, k: number, found: number): ValueError =>
  new ValueError(`${where}: X has only ${found} distinct rows, fewer than k = ${k} distinct centroids need`);

/**
 * Throw the ValueError of the file comment unless X (n×d) has at least k
 * distinct rows; checked before any draw, so a failed call leaves the Rng as it was.
 */
export function assertDistinctRows(X: Tensor, k: number, where: string): void {
  const n = X.shape[0]!, d = X.shape[1]!, found: number[] = [];
  for (let i = 0; i < n && found.length < k; i++) if (!taken(X.data, i, found, d)) found.push(i);
  if (found.length < k) throw fewer(where, k, found.length);
}

/** Checked arguments of the initialisers: [n, d]. */
function checkArgs(X: Tensor, k: number, rng: Rng, where: string): [number, number] {
  const [n, d] = assertData(X, 'X', where);
  assertInteger(k, 'k', where, { min: 1 });
  assertInstance(rng, Rng, 'rng', where);
  if (k > n) throw new ValueError(`${where}: k = ${k} is larger than the number of samples n = ${n}`);
  assertDistinctRows(X, k, where);
  return [n, d];
}

/** Internal form of randomCentroids: the chosen row indices. */
export function randomRows(X: Tensor, k: number, rng: Rng, where: string): number[] {
  const n = X.shape[0]!, d = X.shape[1]!;
  const order = rng.permutation(n), chosen: number[] = [];
  for (let t = 0; t < n && chosen.length < k; t++) {
    const i = order[t]!;
    if (!taken(X.data, i, chosen, d)) chosen.push(i);
  }
  if (chosen.length < k) throw fewer(where, k, chosen.length);
  return chosen;
}

/** Internal form of kmeansPlusPlus: the chosen row indices. */
export function plusPlusRows(X: Tensor, k: number, rng: Rng, where: string): number[] {
  const n = X.shape[0]!, d = X.shape[1]!, x = X.data;
  const chosen = [rng.int(0, n)];
  const D2 = new Float64Array(n); // D(x_i)², the squared distance to the nearest centroid so far
  for (let i = 0; i < n; i++) D2[i] = squaredDistance(x, i, x, chosen[0]!, d);
  while (chosen.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) total += D2[i]!;
    if (!(total > 0)) throw fewer(where, k, chosen.length);
    const next = rng.choice(D2);
    chosen.push(next);
    for (let i = 0; i < n; i++) {
      const dn = squaredDistance(x, i, x, next, d);
      if (dn < D2[i]!) D2[i] = dn;
    }
  }
  return chosen;
}

/**
 * k distinct rows of X (n×d) in a random order: the "random" initialisation.
 * ValueError when k > n or X has fewer than k distinct rows. Returns k×d.
 */
export function randomCentroids(X: Tensor, k: number, rng: Rng): Tensor {
  checkArgs(X, k, rng, 'randomCentroids');
  return gather(X.data, randomRows(X, k, rng, 'randomCentroids'), X.shape[1]!);
}

/**
 * k-means++ seeding: the first centroid uniform over the rows, each next one
 * drawn with probability ∝ D(x)², the squared distance to the nearest chosen
 * centroid. ValueError when k > n or X has fewer than k distinct rows. Returns k×d.
 */
export function kmeansPlusPlus(X: Tensor, k: number, rng: Rng): Tensor {
  checkArgs(X, k, rng, 'kmeansPlusPlus');
  return gather(X.data, plusPlusRows(X, k, rng, 'kmeansPlusPlus'), X.shape[1]!);
}

export { gather as gatherRows };
