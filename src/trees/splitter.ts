/**
 * The splitter (EQ-TREES-04): the routine that finds a node's best
 * condition x_f ≥ t, the bottleneck of training.
 *
 * For each feature f it takes the node's m examples, sorts them by x_f
 * once, and sweeps the sorted list from left to right, moving one example
 * at a time from the right child to the left one and updating running
 * totals in O(1):
 *
 *   gini      per-class counts and S = Σ_c n_c²   (moving one example of class c:
 *             S_L += 2·n_{L,c} + 1,  S_R −= 2·n_{R,c} − 1)
 *   entropy   per-class counts, and Σ_c n_c·ln n_c read from a table of k·ln k
 *   mse       the running sum of the centred targets y − ȳ
 *
 * A candidate threshold lies between two consecutive distinct values a < b,
 * at the midpoint t = (a + b)/2 (nudged to b if rounding gives t = a), so a
 * feature with q distinct values has q − 1 candidates and a constant feature
 * none. Each candidate is scored by the impurity decrease of impurity.ts,
 *
 *   gain = I(parent) − (n_L/m)·I(L) − (n_R/m)·I(R)
 *
 * through a proxy that orders candidates the same way and is cheap to update:
 *
 *   gini      P = S_L/n_L + S_R/n_R                  gain = (P − S/m)/m
 *   entropy   P = Σ_c(n_Lc ln n_Lc + n_Rc ln n_Rc) − n_L ln n_L − n_R ln n_R
 *                                                     gain = (P + m ln m − Σ_c n_c ln n_c)/(m ln 2)
 *   mse       P = s_L²/n_L + s_R²/n_R  (s = Σ(y − ȳ))  gain = (P − s²/m)/m
 *
 * Candidates leaving fewer than `minSamplesLeaf` examples on a side are
 * skipped. The best candidate is the first with the largest proxy, in the
 * order features are visited and thresholds ascending.
 *
 * The sort: the node sorts the ranks of its values (ranks.ts: each column
 * of X sorted once per fit, each value replaced by its rank among the
 * column's distinct values), which order the rows as the values do; a
 * radix sort orders small integer ranks in one or two O(m) passes
 * (radix-sort.ts). So one node costs O(d·m) after the O(d·n log n) ranking,
 * at most the O(d·m log m) of sorting values, instead of the O(d·m²) of
 * scoring every threshold from scratch, which `bestSplitNaive` at the end
 * does as the readable twin.
 */
import type { Rng } from '../random/index.js';
import { tensor } from '../linalg/index.js';
import { giniGain, informationGain, varianceReduction } from './impurity.js';
import { RankScratch, radixSortRanks } from './radix-sort.js';
import type { ColumnRanks } from './ranks.js';
import { log } from '../math/index.js';

/** The split score: 'gini' and 'entropy' for classification, 'mse' for regression. */
export type Criterion = 'gini' | 'entropy' | 'mse';

/** The training data as the splitter reads it. X: n×d row-major, X[i*d + j]. */
export interface SplitData {
  readonly X: Float64Array;
  readonly d: number;
  /** Class index of each row (classification), or null. */
  readonly labels: Int32Array | null;
  /** Number of classes K (1 for regression). */
  readonly K: number;
  /** Target of each row (regression), or null. */
  readonly targets: Float64Array | null;
}

/** What a node knows about its examples before it is split. */
export interface NodeStats {
  /** m, the number of examples (with multiplicity). */
  readonly m: number;
  /** Class counts n_c (classification; length K). */
  readonly counts: Float64Array;
  /** ȳ of the node (regression). */
  readonly mean: number;
}

/** The best condition of a node: x_feature ≥ threshold goes right ("yes"). feature −1: none found. */
export interface Split {
  feature: number;
  threshold: number;
  /** gain = I(parent) − Σ (n_c/m)·I(child_c), in the criterion's units. */
  gain: number;
}

/** Buffers reused by every node of one tree (allocated once per fit), over the shared column ranks. */
export class SplitterScratch {
  /** The node's ranks of one feature, and its rows, sorted together. */
  readonly values: Int32Array;
  readonly order: Int32Array;
  readonly left: Float64Array;
  readonly right: Float64Array;
  /** k·ln k for k = 0 … m (entropy only). */
  readonly kLnK: Float64Array;
  /** The visiting order of the features (shuffled in place when features are sampled). */
  readonly features: Int32Array;
  readonly rankScratch: RankScratch;

  /** Scratch for nodes of at most `m` examples with K classes and d features, reading `columns`. */
  constructor(readonly columns: ColumnRanks, m: number, K: number, d: number, criterion: Criterion) {
    this.values = new Int32Array(m);
    this.order = new Int32Array(m);
    this.rankScratch = new RankScratch(m);
    this.left = new Float64Array(K);
    this.right = new Float64Array(K);
    this.kLnK = new Float64Array(criterion === 'entropy' ? m + 1 : 0);
    for (let k = 1; k < this.kLnK.length; k++) this.kLnK[k] = k * log(k);
    this.features = new Int32Array(d);
    for (let j = 0; j < d; j++) this.features[j] = j;
  }
}

/** The best proxy and its position found by one sweep (module-level, reused). */
let sweepProxy = -Infinity;
let sweepPos = -1;

/** Gini sweep over the sorted values; internal: values/order hold the node's m examples sorted. */
function sweepGini(s: SplitterScratch, labels: Int32Array, stats: NodeStats, minLeaf: number): void {
  const { values, order, left, right } = s;
  const m = stats.m, K = left.length;
  let sL = 0, sR = 0;
  for (let c = 0; c < K; c++) {
    const nc = stats.counts[c]!;
    left[c] = 0;
    right[c] = nc;
    sR += nc * nc;
  }
  sweepProxy = -Infinity;
  sweepPos = -1;
  const last = m - minLeaf;
  for (let i = 0; i < last; i++) {
    const c = labels[order[i]!]!;
    const l = left[c]!, r = right[c]!;
    sL += 2 * l + 1;
    sR -= 2 * r - 1;
    left[c] = l + 1;
    right[c] = r - 1;
    const nL = i + 1;
    if (nL < minLeaf || !(values[i]! < values[i + 1]!)) continue;
    const proxy = sL / nL + sR / (m - nL);
    if (proxy > sweepProxy) {
      sweepProxy = proxy;
      sweepPos = i;
    }
  }
}

/** Entropy sweep; internal, as sweepGini. Σ_c n ln n is read from the table at each candidate. */
function sweepEntropy(s: SplitterScratch, labels: Int32Array, stats: NodeStats, minLeaf: number): void {
  const { values, order, left, right, kLnK } = s;
  const m = stats.m, K = left.length;
  for (let c = 0; c < K; c++) {
    left[c] = 0;
    right[c] = stats.counts[c]!;
  }
  sweepProxy = -Infinity;
  sweepPos = -1;
  const last = m - minLeaf;
  for (let i = 0; i < last; i++) {
    const c = labels[order[i]!]!;
    left[c] = left[c]! + 1;
    right[c] = right[c]! - 1;
    const nL = i + 1;
    if (nL < minLeaf || !(values[i]! < values[i + 1]!)) continue;
    let proxy = -kLnK[nL]! - kLnK[m - nL]!;
    for (let k = 0; k < K; k++) proxy += kLnK[left[k]!]! + kLnK[right[k]!]!;
    if (proxy > sweepProxy) {
      sweepProxy = proxy;
      sweepPos = i;
    }
  }
}

/** MSE sweep on centred targets; internal, as sweepGini. `total` = Σ(y − ȳ) over the node. */
function sweepMse(s: SplitterScratch, targets: Float64Array, stats: NodeStats, total: number, minLeaf: number): void {
  const { values, order } = s;
  const m = stats.m, mean = stats.mean;
  let sL = 0;
  sweepProxy = -Infinity;
  sweepPos = -1;
  const last = m - minLeaf;
  for (let i = 0; i < last; i++) {
    sL += targets[order[i]!]! - mean;
    const nL = i + 1;
    if (nL < minLeaf || !(values[i]! < values[i + 1]!)) continue;
    const sR = total - sL;
    const proxy = (sL * sL) / nL + (sR * sR) / (m - nL);
    if (proxy > sweepProxy) {
      sweepProxy = proxy;
      sweepPos = i;
    }
  }
}

/** The threshold between consecutive distinct values a < b: their midpoint, kept in (a, b]. */
export function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t > a && t <= b ? t : b;
}

/**
 * The best split of the node whose examples are samples[start … end−1]
 * (see the file comment). Visits the features in scratch.features order;
 * with `rng`, that order is reshuffled lazily (Fisher–Yates) and the search
 * stops once `maxFeatures` features with at least two distinct values have
 * been scored. Internal: assumes valid data and m ≥ 2·minSamplesLeaf.
 */
export function findSplit(
  data: SplitData, samples: Int32Array, start: number, end: number, stats: NodeStats,
  criterion: Criterion, minLeaf: number, maxFeatures: number, rng: Rng | null, s: SplitterScratch,
): Split {
  const d = data.d;
  const m = end - start;
  const { values, order, features } = s;
  const { ranks, rows, bits, distinct, offset } = s.columns;
  let bestProxy = -Infinity, bestFeature = -1, bestThreshold = NaN;
  let total = 0;
  if (criterion === 'mse') {
    const targets = data.targets!;
    for (let k = start; k < end; k++) total += targets[samples[k]!]! - stats.mean;
  }
  let scored = 0;
  for (let visit = 0; visit < d && scored < maxFeatures; visit++) {
    if (rng !== null) {
      const j = rng.int(visit, d);
      const tmp = features[visit]!;
      features[visit] = features[j]!;
      features[j] = tmp;
    }
    const f = features[visit]!;
    const column = f * rows;
    let lo = Infinity, hi = -Infinity;
    for (let k = 0; k < m; k++) {
      const i = samples[start + k]!;
      const x = ranks[column + i]!;
      values[k] = x;
      order[k] = i;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (!(lo < hi)) continue; // a constant feature has no candidate
    scored++;
    radixSortRanks(values, order, m, bits[f]!, s.rankScratch);
    if (criterion === 'gini') sweepGini(s, data.labels!, stats, minLeaf);
    else if (criterion === 'entropy') sweepEntropy(s, data.labels!, stats, minLeaf);
    else sweepMse(s, data.targets!, stats, total, minLeaf);
    if (sweepPos >= 0 && sweepProxy > bestProxy) {
      bestProxy = sweepProxy;
      bestFeature = f;
      const o = offset[f]!; // values hold ranks: the threshold lies between the values they stand for
      bestThreshold = midpoint(distinct[o + values[sweepPos]!]!, distinct[o + values[sweepPos + 1]!]!);
    }
  }
  if (bestFeature < 0) return { feature: -1, threshold: NaN, gain: 0 };
  return { feature: bestFeature, threshold: bestThreshold, gain: gainOfProxy(criterion, bestProxy, stats, total, s) };
}

/** Turn a sweep's proxy into the impurity decrease (file comment); internal. */
function gainOfProxy(criterion: Criterion, proxy: number, stats: NodeStats, total: number, s: SplitterScratch): number {
  const m = stats.m;
  if (criterion === 'gini') {
    let sq = 0;
    for (let c = 0; c < stats.counts.length; c++) sq += stats.counts[c]! * stats.counts[c]!;
    return (proxy - sq / m) / m;
  }
  if (criterion === 'entropy') {
    let parent = s.kLnK[m]!;
    for (let c = 0; c < stats.counts.length; c++) parent -= s.kLnK[stats.counts[c]!]!;
    return (proxy + parent) / (m * Math.LN2);
  }
  return (proxy - (total * total) / m) / m;
}

/**
 * The readable twin of `findSplit` (all features, no sampling): for every
 * feature and every midpoint between consecutive distinct values, split the
 * examples from scratch and score the split with impurity.ts
 * (informationGain, giniGain or varianceReduction): O(d·m²). Returns the
 * first best candidate in the order (feature, threshold ascending), as
 * findSplit does. Internal: assumes valid data.
 */
export function bestSplitNaive(data: SplitData, samples: Int32Array, criterion: Criterion, minLeaf: number): Split {
  const { X, d, K } = data;
  const m = samples.length;
  let best: Split = { feature: -1, threshold: NaN, gain: -Infinity };
  for (let f = 0; f < d; f++) {
    const distinct = [...new Set(Array.from(samples, (i) => X[i * d + f]!))].sort((a, b) => a - b);
    for (let q = 0; q + 1 < distinct.length; q++) {
      const t = midpoint(distinct[q]!, distinct[q + 1]!);
      const side = Array.from(samples, (i) => (X[i * d + f]! >= t ? 1 : 0));
      const nRight = side.reduce((a: number, b) => a + b, 0);
      if (m - nRight < minLeaf || nRight < minLeaf) continue;
      let gain: number;
      if (criterion === 'mse') {
        gain = varianceReduction(tensor(Array.from(samples, (i) => data.targets![i]!), [m]), tensor(side, [m]));
      } else {
        const table = new Float64Array(2 * K);
        samples.forEach((i, k) => {
          const cell = side[k]! * K + data.labels![i]!;
          table[cell] = table[cell]! + 1;
        });
        gain = criterion === 'gini' ? giniGain(tensor(table, [2, K])) : informationGain(tensor(table, [2, K]));
      }
      if (gain > best.gain) best = { feature: f, threshold: t, gain };
    }
  }
  return best.feature < 0 ? { feature: -1, threshold: NaN, gain: 0 } : best;
}
