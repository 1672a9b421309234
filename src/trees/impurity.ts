/**
 * Impurity of a node and the score of a split (EQ-TREES-05/06/07/08/09).
 *
 *   entropy       H = −Σ_c p_c·log₂ p_c            (bits; 0·log 0 := 0)     EQ-TREES-05
 *   Gini index    G = 1 − Σ_c p_c²                                          EQ-TREES-08
 *   variance      V = (1/n)·Σ_i (y_i − ȳ)²        (the MSE of predicting ȳ) EQ-TREES-09
 *
 * with p_c = n_c/n the class proportions of the node. A split of a parent
 * into children c = 1 … C scores by how much it lowers the impurity I on
 * average, each child weighted by its share of the examples:
 *
 *   gain = I(parent) − Σ_c (n_c/n)·I(child_c)
 *
 * With I = H this is the information gain IG (EQ-TREES-06), equal to the
 * mutual information between the label and the child indicator; with I = G
 * the Gini gain; with I = V the variance reduction. All three are ≥ 0 for
 * every split, because H, G and V are concave in the proportions (for V: the
 * law of total variance). The lecture's "IG(x | a = a) ≥ 0" reads as if it
 * held for one child alone; it does not (EQ-TREES-07): a parent [9, 1] split
 * into [8, 0] and [1, 1] has H(parent) = 0.469 bits but H(right) = 1 bit,
 * while the weighted gain is 0.269 bits > 0.
 *
 * Entropy is in bits (log base 2), so 0 ≤ H ≤ log₂ K; in nats it would be
 * smaller by the factor ln 2. These functions are the readable reference;
 * the splitter (splitter.ts) computes the same scores from running counts.
 */
import { ShapeError, ValueError } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { log } from '../math/index.js';

const LN2 = Math.LN2;

/** H of non-negative counts (or probabilities) in bits; internal: assumes a valid vector with Σ > 0. */
export function entropyOf(counts: ArrayLike<number>, offset = 0, length = counts.length - offset): number {
  let n = 0;
  for (let c = 0; c < length; c++) n += counts[offset + c]!;
  let h = 0;
  for (let c = 0; c < length; c++) {
    const nc = counts[offset + c]!;
    if (nc > 0) {
      const p = nc / n;
      h -= p * log(p);
    }
  }
  return h / LN2 + 0; // + 0 turns −0 (a pure node) into 0
}

/** G of non-negative counts (or probabilities); internal: assumes a valid vector with Σ > 0. */
export function giniOf(counts: ArrayLike<number>, offset = 0, length = counts.length - offset): number {
  let n = 0;
  for (let c = 0; c < length; c++) n += counts[offset + c]!;
  let s = 0;
  for (let c = 0; c < length; c++) {
    const p = counts[offset + c]! / n;
    s += p * p;
  }
  return 1 - s;
}

/** Checks a vector of counts: rank 1, finite, ≥ 0, Σ > 0. */
function assertCounts(counts: unknown, where: string): asserts counts is Tensor {
  assertTensor(counts, 'counts', where);
  if (counts.shape.length !== 1) throw new ShapeError(`${where}: counts must be a vector [K], got shape [${counts.shape.join(', ')}]`);
  checkNonNegative(counts.data, 'counts', where);
}

/** Checks a table of counts: rank 2 (children × classes), finite, ≥ 0, Σ > 0. */
function assertTable(table: unknown, where: string): asserts table is Tensor {
  assertTensor(table, 'table', where);
  if (table.shape.length !== 2) {
    throw new ShapeError(`${where}: table must be a matrix [children, classes], got shape [${table.shape.join(', ')}]`);
  }
  checkNonNegative(table.data, 'table', where);
}

function checkNonNegative(data: Float64Array, name: string, where: string): void {
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(Number.isFinite(v) && v >= 0)) throw new ValueError(`${where}: ${name} must be finite and ≥ 0, got ${v} at entry ${i}`);
    total += v;
  }
  if (!(total > 0)) throw new ValueError(`${where}: ${name} must have a positive sum, got ${total}`);
}

/**
 * Entropy in bits, H = −Σ_c p_c·log₂ p_c, of a vector of class counts or
 * probabilities `counts: [K]` (p_c = counts_c / Σ counts; 0·log 0 := 0).
 * 0 ≤ H ≤ log₂ K: 0 iff one class holds everything, log₂ K iff uniform.
 */
export function entropy(counts: Tensor): number {
  assertCounts(counts, 'entropy');
  return entropyOf(counts.data);
}

/**
 * Gini index G = 1 − Σ_c p_c² of a vector of class counts or probabilities
 * `counts: [K]`. 0 ≤ G ≤ 1 − 1/K: 0 iff pure, 1 − 1/K iff uniform.
 */
export function gini(counts: Tensor): number {
  assertCounts(counts, 'gini');
  return giniOf(counts.data);
}

/** I(parent) − Σ_c (n_c/n)·I(child_c) over a C×K table of counts; internal. */
function weightedGain(table: Tensor, impurity: (counts: ArrayLike<number>, offset: number, length: number) => number): number {
  const [C, K] = table.shape as [number, number];
  const parent = new Float64Array(K);
  let n = 0;
  for (let c = 0; c < C; c++) {
    for (let k = 0; k < K; k++) parent[k] = parent[k]! + table.data[c * K + k]!;
  }
  for (let k = 0; k < K; k++) n += parent[k]!;
  let children = 0;
  for (let c = 0; c < C; c++) {
    let nc = 0;
    for (let k = 0; k < K; k++) nc += table.data[c * K + k]!;
    if (nc > 0) children += (nc / n) * impurity(table.data, c * K, K);
  }
  return impurity(parent, 0, K) - children;
}

/**
 * Information gain of a split in bits, IG = H(parent) − Σ_c (n_c/n)·H(child_c).
 * `table: C×K`, row c the class counts of child c; the parent is their sum.
 * Always ≥ 0 (up to rounding): it is the mutual information between the
 * class and the child. Empty children (rows of zeros) weigh nothing.
 */
export function informationGain(table: Tensor): number {
  assertTable(table, 'informationGain');
  return weightedGain(table, entropyOf);
}

/** Gini gain of a split, G(parent) − Σ_c (n_c/n)·G(child_c), over the C×K count table `table`. ≥ 0. */
export function giniGain(table: Tensor): number {
  assertTable(table, 'giniGain');
  return weightedGain(table, giniOf);
}

/**
 * Variance reduction of a regression split, V(parent) − Σ_c (n_c/n)·V(child_c),
 * with V the population variance (1/n)·Σ(y − ȳ)². `y: [n]` the targets,
 * `child: [n]` the child index 0 … C−1 of each example. ≥ 0 (law of total
 * variance); this is the decrease of the mean squared error when each child
 * predicts its own mean instead of the parent predicting ȳ.
 */
export function varianceReduction(y: Tensor, child: Tensor): number {
  const where = 'varianceReduction';
  assertTensor(y, 'y', where);
  assertTensor(child, 'child', where);
  if (y.shape.length !== 1) throw new ShapeError(`${where}: y must be a vector [n], got shape [${y.shape.join(', ')}]`);
  if (y.shape[0] === 0) throw new ValueError(`${where}: y must not be empty`);
  if (child.shape.length !== 1 || child.shape[0] !== y.shape[0]) {
    throw new ShapeError(`${where}: child must be a vector [${y.shape[0]}] like y, got shape [${child.shape.join(', ')}]`);
  }
  const n = y.data.length;
  const sum = new Map<number, number>(), count = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const yi = y.data[i]!, c = child.data[i]!;
    if (!Number.isFinite(yi)) throw new ValueError(`${where}: y must be finite, got ${yi} at entry ${i}`);
    if (!(Number.isSafeInteger(c) && c >= 0)) throw new ValueError(`${where}: child must hold integers ≥ 0, got ${c} at entry ${i}`);
    sum.set(c, (sum.get(c) ?? 0) + yi);
    count.set(c, (count.get(c) ?? 0) + 1);
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += y.data[i]!;
  const mean = total / n;
  let parent = 0, children = 0;
  for (let i = 0; i < n; i++) {
    const c = child.data[i]!, yi = y.data[i]!;
    parent += (yi - mean) * (yi - mean);
    const r = yi - sum.get(c)! / count.get(c)!;
    children += r * r;
  }
  return (parent - children) / n;
}
