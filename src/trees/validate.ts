/**
 * The data checks of the tree estimators, run before anything changes.
 *
 *   X   n×d Tensor, row-major (X.data[i*d + j]), finite; n ≥ 1 and d ≥ 1 to fit
 *   y   [n] Tensor: class indices 0 … K−1 stored as float64 integers
 *       (classification), or finite reals (regression)
 *
 * Class labels must already be indices: K is the `nClasses` option, or the
 * largest label + 1; a class that never occurs is allowed and gets
 * probability 0. Labels that are not integers in 0 … K−1 (1.5, −1, "a", a
 * label ≥ nClasses) are a ValueError whose message says to map them first.
 */
import { ShapeError, ValueError } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** The largest number of classes accepted (a guard against a stray huge label allocating gigabytes). */
export const MAX_CLASSES = 1 << 20;

/** X for fitting: an n×d matrix with n ≥ 1, d ≥ 1 and finite entries; returns [n, d]. */
export function checkTrainingX(X: unknown, where: string): asserts X is Tensor {
  assertTensor(X, 'X', where);
  if (X.shape.length !== 2) throw new ShapeError(`${where}: X must be a matrix n×d, got shape [${X.shape.join(', ')}]`);
  if (X.shape[0] === 0) throw new ValueError(`${where}: X is empty (0 rows); fitting needs at least one example`);
  if (X.shape[1] === 0) throw new ValueError(`${where}: X has 0 features; fitting needs at least one`);
  checkFinite(X.data, 'X', where, X.shape[1]!);
}

/** X for predicting: an n×d matrix with the d the model was fitted on (n = 0 allowed), finite. */
export function checkPredictX(X: unknown, d: number, where: string): asserts X is Tensor {
  assertTensor(X, 'X', where);
  if (X.shape.length !== 2 || X.shape[1] !== d) {
    throw new ShapeError(`${where}: X must be a matrix n×${d} (the model was fitted on ${d} features), got shape [${X.shape.join(', ')}]`);
  }
  checkFinite(X.data, 'X', where, d);
}

/** Every entry finite; `d` columns for the message of a matrix, null for a vector. */
function checkFinite(data: Float64Array, name: string, where: string, d: number | null): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isFinite(v)) continue;
    const at = d === null ? `entry ${i}` : `row ${Math.floor(i / d)}, column ${i % d}`;
    throw new ValueError(`${where}: ${name} must be finite, got ${v} at ${at}`);
  }
}

/** y of n entries: a vector [n]. */
function checkTargetShape(y: unknown, n: number, where: string): asserts y is Tensor {
  assertTensor(y, 'y', where);
  if (y.shape.length !== 1 || y.shape[0] !== n) {
    throw new ShapeError(`${where}: y must be a vector [${n}] (one entry per row of X), got shape [${y.shape.join(', ')}]`);
  }
}

/**
 * Class labels: integers 0 … K−1 with K = nClasses when given, else the
 * largest label + 1 (at most MAX_CLASSES). Returns the labels as Int32Array and K.
 */
export function checkLabels(y: unknown, n: number, nClasses: number | null, where: string): { labels: Int32Array; K: number } {
  checkTargetShape(y, n, where);
  const limit = nClasses ?? MAX_CLASSES;
  const labels = new Int32Array(n);
  let K = 0;
  for (let i = 0; i < n; i++) {
    const v = y.data[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < limit)) {
      const range = nClasses === null ? `integers ≥ 0` : `integers in 0 … ${nClasses - 1} (nClasses = ${nClasses})`;
      throw new ValueError(`${where}: y must hold class indices, ${range}; got ${v} at entry ${i}. Map labels to 0 … K−1 first`);
    }
    labels[i] = v;
    if (v + 1 > K) K = v + 1;
  }
  return { labels, K: nClasses ?? K };
}

/** Regression targets: finite reals [n]; returns y.data. */
export function checkTargets(y: unknown, n: number, where: string): Float64Array {
  checkTargetShape(y, n, where);
  checkFinite(y.data, 'y', where, null);
  return y.data;
}
