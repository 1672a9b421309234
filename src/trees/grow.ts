/**
 * Greedy top-down training (EQ-TREES-03), with the stopping rules of
 * EQ-TREES-10:
 *
 *   grow(node):
 *     if node is pure, or depth = maxDepth, or m < minSamplesSplit,
 *        or m < 2·minSamplesLeaf:                          make it a leaf
 *     (f, t, gain) ← the splitter's best condition x_f ≥ t (splitter.ts)
 *     if there is none (every feature constant here),
 *        or (m/n)·gain < minImpurityDecrease:              make it a leaf
 *     send the examples with x_f ≥ t right ("yes"), the others left ("no")
 *     grow(left child); grow(right child)
 *
 * The lecture's slide stops when "no satisfying condition" is found; here
 * minImpurityDecrease says what satisfies. Its default 0 accepts a split
 * with zero gain, as scikit-learn does, so that a node keeps splitting until
 * it is pure (XOR-like data, where every single split has gain 0, is then
 * learnt exactly); any positive value turns zero-gain splits into leaves.
 * Its threshold is on the gain weighted by the node's share m/n of the
 * training examples, as in scikit-learn.
 *
 * A leaf predicts the majority of its examples through its class
 * proportions (classifier) or their mean (regressor, the constant that
 * minimises the leaf's squared error). Nodes are written in pre-order (the
 * left subtree before the right) by an explicit stack.
 */
import type { Rng } from '../random/index.js';
import { entropyOf, giniOf } from './impurity.js';
import { SplitterScratch, findSplit } from './splitter.js';
import type { Criterion, NodeStats, SplitData } from './splitter.js';
import { TreeBuilder } from './tree-arrays.js';
import type { ColumnRanks } from './ranks.js';
import type { TreeArrays } from './tree-arrays.js';

/** The stopping rules and the splitter's settings (validated by the estimators). */
export interface GrowParams {
  readonly criterion: Criterion;
  /** Deepest level a node may have (Infinity: unlimited). */
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly minImpurityDecrease: number;
  /** Features scored per node (≤ d); fewer than d needs `rng`. */
  readonly maxFeatures: number;
  /** Shuffles the features visited at each node; null visits 0 … d−1 in order. */
  readonly rng: Rng | null;
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isRight: boolean;
}

/**
 * Grow a tree on the examples listed in `samples` (row indices of X, a row
 * may repeat, as in a bootstrap sample), with `columns` the ranks of X
 * (ranks.ts). Reorders `samples` in place.
 * Internal: assumes validated data and parameters and samples.length ≥ 1.
 */
export function growTree(data: SplitData, columns: ColumnRanks, samples: Int32Array, params: GrowParams): TreeArrays {
  const n = samples.length;
  const K = data.K;
  const regression = data.targets !== null;
  const scratch = new SplitterScratch(columns, n, K, data.d, params.criterion);
  const builder = new TreeBuilder();
  const counts = new Float64Array(K);
  const value = new Float64Array(regression ? 1 : K);
  const stack: Pending[] = [{ start: 0, end: n, depth: 0, parent: -1, isRight: false }];
  while (stack.length > 0) {
    const { start, end, depth, parent, isRight } = stack.pop()!;
    const m = end - start;
    let mean = 0, impurity: number, pure: boolean;
    if (regression) {
      const y = data.targets!;
      let sum = 0;
      for (let k = start; k < end; k++) sum += y[samples[k]!]!;
      mean = sum / m;
      let ss = 0;
      const first = y[samples[start]!]!;
      pure = true;
      for (let k = start; k < end; k++) {
        const yk = y[samples[k]!]!;
        ss += (yk - mean) * (yk - mean);
        if (yk !== first) pure = false;
      }
      impurity = pure ? 0 : ss / m;
      value[0] = mean;
    } else {
      counts.fill(0);
      const labels = data.labels!;
      for (let k = start; k < end; k++) {
        const c = labels[samples[k]!]!;
        counts[c] = counts[c]! + 1;
      }
      let present = 0;
      for (let c = 0; c < K; c++) {
        if (counts[c]! > 0) present++;
        value[c] = counts[c]! / m;
      }
      pure = present <= 1;
      impurity = pure ? 0 : params.criterion === 'entropy' ? entropyOf(counts) : giniOf(counts);
    }
    const t = builder.add(value, m, impurity);
    if (parent >= 0) (isRight ? builder.right : builder.left)[parent] = t;
    if (pure || depth >= params.maxDepth || m < params.minSamplesSplit || m < 2 * params.minSamplesLeaf) continue;
    const stats: NodeStats = { m, counts, mean };
    const split = findSplit(data, samples, start, end, stats, params.criterion, params.minSamplesLeaf, params.maxFeatures, params.rng, scratch);
    if (split.feature < 0) continue;
    if (params.minImpurityDecrease > 0 && (m / n) * split.gain < params.minImpurityDecrease) continue;
    // Partition samples[start … end−1]: x_f < t to the front (left, "no"), x_f ≥ t to the back (right, "yes").
    const { X, d } = data;
    const f = split.feature, threshold = split.threshold;
    let i = start, j = end - 1;
    while (i <= j) {
      if (X[samples[i]! * d + f]! < threshold) i++;
      else {
        const tmp = samples[i]!;
        samples[i] = samples[j]!;
        samples[j] = tmp;
        j--;
      }
    }
    builder.feature[t] = f;
    builder.threshold[t] = threshold;
    // Pushed right first so that the left subtree is written first (pre-order).
    stack.push({ start: i, end, depth: depth + 1, parent: t, isRight: true });
    stack.push({ start, end: i, depth: depth + 1, parent: t, isRight: false });
  }
  return builder.finish(value.length);
}
