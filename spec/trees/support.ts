/**
 * Data and helpers shared by the trees specs: small seeded data sets
 * (features drawn from a few distinct values so that ties and duplicates
 * are common, or continuous), tensors from plain arrays, and an independent
 * walk of a tree's arrays.
 */
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';
import type { TreeArrays } from '../../src/trees/index.js';

export const vec = (values: readonly number[]): Tensor => ({ shape: [values.length], data: Float64Array.from(values) });

export const mat = (rows: readonly (readonly number[])[]): Tensor => {
  const d = rows[0]?.length ?? 0;
  return { shape: [rows.length, d], data: Float64Array.from(rows.flat()) };
};

/** Row i of X (n×d) as a plain array. */
export const row = (X: Tensor, i: number): number[] => {
  const d = X.shape[1]!;
  return Array.from(X.data.subarray(i * d, i * d + d));
};

/** A classification set: n×d features and labels 0 … K−1. `levels` > 0 draws integer features 0 … levels−1 (many ties), 0 draws Gaussians. */
export function classification(rng: Rng, n: number, d: number, K: number, levels = 0): { X: Tensor; y: Tensor } {
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = levels > 0 ? rng.int(0, levels) : rng.normal();
    // The label leans on the first two features so that trees have something to find.
    const signal = X[i * d]! + (d > 1 ? X[i * d + 1]! : 0);
    y[i] = rng.next() < 0.7 ? Math.abs(Math.floor(signal * 3)) % K : rng.int(0, K);
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y } };
}

/** A regression set: y = x₀ − 2·x₁² + noise (levels as in classification). */
export function regression(rng: Rng, n: number, d: number, levels = 0): { X: Tensor; y: Tensor } {
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = levels > 0 ? rng.int(0, levels) : rng.normal();
    y[i] = X[i * d]! - 2 * (d > 1 ? X[i * d + 1]! ** 2 : 0) + 0.3 * rng.normal();
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y } };
}

/** Share of equal entries. */
export function accuracy(y: Tensor, p: Tensor): number {
  let hits = 0;
  for (let i = 0; i < y.data.length; i++) if (y.data[i] === p.data[i]) hits++;
  return hits / y.data.length;
}

/** The nodes on the path of x from the root, following the conditions x_f ≥ t by hand. */
export function pathOf(tree: TreeArrays, x: readonly number[]): number[] {
  const path = [0];
  let t = 0;
  while (tree.feature[t]! >= 0) {
    t = x[tree.feature[t]!]! >= tree.threshold[t]! ? tree.right[t]! : tree.left[t]!;
    path.push(t);
  }
  return path;
}

/** For each node, the training rows that pass through it (by pathOf). */
export function membership(tree: TreeArrays, X: Tensor): number[][] {
  const sets: number[][] = Array.from({ length: tree.nodeCount }, () => []);
  for (let i = 0; i < X.shape[0]!; i++) for (const t of pathOf(tree, row(X, i))) sets[t]!.push(i);
  return sets;
}

/** Depth of every node, from the children arrays. */
export function depths(tree: TreeArrays): number[] {
  const depth = new Array<number>(tree.nodeCount).fill(0);
  for (let t = 0; t < tree.nodeCount; t++) {
    if (tree.left[t]! >= 0) depth[tree.left[t]!] = depth[tree.right[t]!] = depth[t]! + 1;
  }
  return depth;
}
