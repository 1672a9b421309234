/**
 * The data checks of the naive-Bayes estimators, run before anything changes.
 *
 *   X   n×d Tensor, row-major (X.data[i*d + j]), finite; the multinomial
 *       model also needs counts ≥ 0, the Bernoulli model without
 *       binarising needs entries 0 or 1
 *   y   [n] Tensor of class indices 0 … K−1 stored as float64 integers
 *
 * Labels must already be indices: K is the `nClasses` option (or the length
 * of given priors), else the largest label of the first fit + 1. A class that
 * never occurs is allowed: it has no data, so it is never predicted. Labels
 * that are not integers in 0 … K−1 are a ValueError whose message says to
 * map them first.
 */
import { ShapeError, ValueError } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** The largest number of classes accepted (a guard against a stray huge label allocating gigabytes). */
export const MAX_CLASSES = 1 << 20;

/** What a model requires of the entries of X. */
export type EntryRule = 'finite' | 'counts' | 'binary';

const RULE_TEXT: Record<EntryRule, string> = {
  finite: 'finite',
  counts: 'finite counts ≥ 0',
  binary: '0 or 1 (or set binarize to a threshold)',
};

/**
 * X as an n×d matrix whose entries obey `rule`; `d` the expected number of
 * columns (null: any d ≥ 1), `allowEmpty` whether n = 0 is fine (predicting).
 */
export function checkX(X: unknown, d: number | null, rule: EntryRule, allowEmpty: boolean, where: string): asserts X is Tensor {
  assertTensor(X, 'X', where);
  if (X.shape.length !== 2) throw new ShapeError(`${where}: X must be a matrix n×d, got shape [${X.shape.join(', ')}]`);
  const [n, cols] = X.shape as [number, number];
  if (d !== null && cols !== d) throw new ShapeError(`${where}: X must have ${d} columns (the features the model has seen), got shape [${n}, ${cols}]`);
  if (cols === 0) throw new ValueError(`${where}: X has 0 features; a model needs at least one`);
  if (n === 0 && !allowEmpty) throw new ValueError(`${where}: X is empty (0 rows); fitting needs at least one example`);
  const bad = firstBadEntry(X.data, rule);
  if (bad >= 0) {
    throw new ValueError(`${where}: X must hold ${RULE_TEXT[rule]}, got ${X.data[bad]} at row ${Math.floor(bad / cols)}, column ${bad % cols}`);
  }
}

/** The index of the first entry that breaks `rule`, or −1 (one loop per rule, no call per entry). */
function firstBadEntry(data: Float64Array, rule: EntryRule): number {
  const n = data.length;
  if (rule === 'finite') {
    for (let i = 0; i < n; i++) if (!Number.isFinite(data[i]!)) return i;
  } else if (rule === 'counts') {
    for (let i = 0; i < n; i++) {
      const v = data[i]!;
      if (!(v >= 0 && v < Infinity)) return i;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = data[i]!;
      if (v !== 0 && v !== 1) return i;
    }
  }
  return -1;
}

/**
 * Class labels y ([n]): integers 0 … K−1, with K = `nClasses` when given, else
 * the largest label + 1 (at most MAX_CLASSES). Returns the labels and K.
 */
export function checkLabels(y: unknown, n: number, nClasses: number | null, where: string): { labels: Int32Array; K: number } {
  assertTensor(y, 'y', where);
  if (y.shape.length !== 1 || y.shape[0] !== n) {
    throw new ShapeError(`${where}: y must be a vector [${n}] (one entry per row of X), got shape [${y.shape.join(', ')}]`);
  }
  const limit = nClasses ?? MAX_CLASSES;
  const labels = new Int32Array(n);
  let K = 0;
  for (let i = 0; i < n; i++) {
    const v = y.data[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < limit)) {
      const range = nClasses === null ? 'integers ≥ 0' : `integers in 0 … ${nClasses - 1} (K = ${nClasses})`;
      throw new ValueError(`${where}: y must hold class indices, ${range}; got ${v} at entry ${i}. Map labels to 0 … K−1 first`);
    }
    labels[i] = v;
    if (v + 1 > K) K = v + 1;
  }
  return { labels, K: nClasses ?? K };
}
