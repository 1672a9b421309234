/**
 * The two steps of k-means (001, "k-means"), for data X: n×d (row-major,
 * x_i = X[i*d … i*d + d − 1]) and centroids C: k×d (μ_j = row j):
 *
 *   score       score_j(x) = −‖x − μ_j‖²,  z = argmax_j score_j(x)    EQ-UNSUPERVISED-01
 *   assignment  z_i ← argmin_j ‖x_i − μ_j‖²                          EQ-UNSUPERVISED-03
 *   update      μ_j ← (1/n_j)·Σ_{i : z_i = j} x_i                    EQ-UNSUPERVISED-04
 *   inertia     J = Σᵢ ‖x_i − μ_{z_i}‖²
 *
 * Assignment by one matrix product: ‖x − μ_j‖² = ‖x‖² − 2·x·μ_j + ‖μ_j‖², and
 * ‖x‖² is the same for every j, so z_i = argmin_j (‖μ_j‖² − 2·(X·Cᵀ)_ij): one
 * GEMM of n×d by d×k instead of n·k loops over d. That form loses digits to
 * cancellation when two centroids are nearly as close, so a row whose best
 * two values are within the GEMM's rounding bound, 8(d + 2)·ε·(‖x‖² + max‖μ‖²),
 * is decided again by the direct sums Σ_l (x_l − μ_jl)². The result is the
 * brute-force argmin of the direct distances, and ties go to the lowest
 * index j (document of EQ-UNSUPERVISED-01).
 *
 * Empty clusters: when no point is assigned to μ_j, the mean is 0/0. The rule
 * here (scikit-learn's): the empty cluster takes the point farthest from its
 * own centroid (lowest index on ties), among clusters that keep at least one
 * point, and that point becomes its centroid; its old cluster's mean is taken
 * without it. If every such distance is 0 (all points sit on their centroids)
 * the empty centroid is kept. No NaN can appear, and the inertia does not
 * grow: the moved point's term drops to 0 and a mean minimises its cluster's sum.
 */
import { ShapeError, ValueError, formatShape } from '../errors/index.js';
import { assertTensor, matmulTransB } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { assertData } from './validate.js';

const EPSILON = Number.EPSILON;

/** ‖x_i‖² of each row. Internal: x is n×d. */
export function rowNorms(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let l = 0; l < d; l++) {
      const v = x[i * d + l]!;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/** ‖x_i − μ_j‖² by the direct sum. Internal. */
export function squaredDistance(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let l = 0; l < d; l++) {
    const r = x[i * d + l]! - c[j * d + l]!;
    s += r * r;
  }
  return s;
}

/**
 * Write z_i = argmin_j ‖x_i − μ_j‖² into `labels` (see the file comment);
 * returns how many labels changed. Internal: X n×d and C k×d finite, xNorms = rowNorms(X).
 */
export function assignInto(X: Tensor, xNorms: Float64Array, C: Tensor, labels: Int32Array): number {
  const n = X.shape[0]!, d = X.shape[1]!, k = C.shape[0]!;
  const x = X.data, c = C.data;
  const cNorms = rowNorms(c, k, d);
  let cMax = 0;
  for (let j = 0; j < k; j++) if (cNorms[j]! > cMax) cMax = cNorms[j]!;
  const G = matmulTransB(C, X).data; // G[j*n + i] = μ_j·x_i: C·Xᵀ, k×n (the cheaper orientation for the kernel when k ≪ n)
  const bound = 8 * (d + 2) * EPSILON;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    let best = 0, v1 = Infinity, v2 = Infinity;
    for (let j = 0; j < k; j++) {
      const v = cNorms[j]! - 2 * G[j * n + i]!;
      if (v < v1) { v2 = v1; v1 = v; best = j; } else if (v < v2) v2 = v;
    }
    if (v2 - v1 <= bound * (xNorms[i]! + cMax)) { // too close to call from the product: the direct sums decide
      let dBest = Infinity;
      for (let j = 0; j < k; j++) {
        const dj = squaredDistance(x, i, c, j, d);
        if (dj < dBest) { dBest = dj; best = j; }
      }
    }
    if (labels[i] !== best) { labels[i] = best; changed++; }
  }
  return changed;
}

/**
 * μ_j = mean of the rows with z_i = j, into `out` (k×d), with the empty-cluster
 * rule of the file comment, which may move points: `labels` is updated in
 * place. Returns the number of clusters that were empty. Internal: checked inputs.
 */
export function updateInto(X: Tensor, labels: Int32Array, C: Tensor, out: Float64Array): number {
  const n = X.shape[0]!, d = X.shape[1]!, k = C.shape[0]!;
  const x = X.data;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]!]! += 1;
  let empty = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty++;
  if (empty > 0) relocate(X, labels, C, counts);
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const z = labels[i]!;
    for (let l = 0; l < d; l++) out[z * d + l]! += x[i * d + l]!;
  }
  for (let j = 0; j < k; j++) {
    const nj = counts[j]!;
    if (nj === 0) out.set(C.data.subarray(j * d, j * d + d), j * d); // every point sits on its centroid: keep μ_j
    else for (let l = 0; l < d; l++) out[j * d + l]! /= nj;
  }
  return empty;
}

/** Give each empty cluster the farthest point (file comment). Internal: updates labels and counts in place. */
function relocate(X: Tensor, labels: Int32Array, C: Tensor, counts: Float64Array): void {
  const n = X.shape[0]!, d = X.shape[1]!, k = C.shape[0]!;
  const far = new Float64Array(n);
  for (let i = 0; i < n; i++) far[i] = squaredDistance(X.data, i, C.data, labels[i]!, d);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => far[b]! - far[a]! || a - b);
  let next = 0;
  for (let j = 0; j < k; j++) {
    if (counts[j] !== 0) continue;
    while (next < n && counts[labels[order[next]!]!]! <= 1) next++;
    const i = order[next];
    if (i === undefined || far[i] === 0) return;
    counts[labels[i]!]! -= 1;
    labels[i] = j;
    counts[j] = 1;
    next++;
  }
}

/** Checks of X (n×d) and C (k×d) shared by the step functions. Returns [n, d, k]. */
function assertStepInputs(X: Tensor, C: Tensor, where: string): [number, number, number] {
  const [n, d] = assertData(X, 'X', where);
  assertTensor(C, 'centroids', where);
  if (C.shape.length !== 2 || C.shape[1] !== d || C.shape[0] === 0) {
    throw new ShapeError(`${where}: centroids must be k×${d} with k ≥ 1 (the columns of X), got ${formatShape(C.shape)}`);
  }
  assertData(C, 'centroids', where);
  return [n, d, C.shape[0]!];
}

/** Labels [n] as cluster indices 0 … k−1. */
function assertLabels(labels: Tensor, n: number, k: number, where: string): Int32Array {
  assertTensor(labels, 'labels', where);
  if (labels.shape.length !== 1 || labels.shape[0] !== n) {
    throw new ShapeError(`${where}: labels must be a vector [${n}] (one per row of X), got ${formatShape(labels.shape)}`);
  }
  const z = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = labels.data[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < k)) throw new ValueError(`${where}: labels must be cluster indices 0 … ${k - 1}, got ${v} at index ${i}`);
    z[i] = v;
  }
  return z;
}

const asTensor = (z: Int32Array): Tensor => ({ shape: [z.length], data: Float64Array.from(z) });

/**
 * The assignment step: z_i = argmin_j ‖x_i − μ_j‖² for each row of X (n×d),
 * ties to the lowest j. centroids: k×d. Returns the labels [n] (as float64 integers).
 */
export function assignClusters(X: Tensor, centroids: Tensor): Tensor {
  const [n, d] = assertStepInputs(X, centroids, 'assignClusters');
  const labels = new Int32Array(n).fill(-1);
  assignInto(X, rowNorms(X.data, n, d), centroids, labels);
  return asTensor(labels);
}

/**
 * The update step: μ_j = (1/n_j)·Σ_{z_i = j} x_i. X: n×d; labels: [n] in
 * 0 … k−1; centroids: the current k×d (used by the empty-cluster rule).
 * Returns the new centroids and the labels after that rule (changed only
 * when a cluster was empty), and how many clusters were empty.
 */
export function updateCentroids(X: Tensor, labels: Tensor, centroids: Tensor): { centroids: Tensor; labels: Tensor; empty: number } {
  const [n, d, k] = assertStepInputs(X, centroids, 'updateCentroids');
  const z = assertLabels(labels, n, k, 'updateCentroids');
  const out = new Float64Array(k * d);
  const empty = updateInto(X, z, centroids, out);
  return { centroids: { shape: [k, d], data: out }, labels: asTensor(z), empty };
}

/** J = Σᵢ ‖x_i − μ_{z_i}‖² by direct sums. X: n×d, centroids: k×d, labels: [n] in 0 … k−1. */
export function inertia(X: Tensor, centroids: Tensor, labels: Tensor): number {
  const [n, d, k] = assertStepInputs(X, centroids, 'inertia');
  const z = assertLabels(labels, n, k, 'inertia');
  return inertiaOf(X.data, n, d, centroids.data, z);
}

/** Σᵢ ‖x_i − μ_{z_i}‖². Internal. */
export function inertiaOf(x: Float64Array, n: number, d: number, c: Float64Array, z: Int32Array): number {
  let J = 0;
  for (let i = 0; i < n; i++) J += squaredDistance(x, i, c, z[i]!, d);
  return J;
}
