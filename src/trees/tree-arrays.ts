/**
 * A fitted tree as flat arrays, one entry per node (EQ-TREES-01): the
 * hierarchy of conditions, and inference by walking it from the root.
 *
 *   node t internal:  condition x_{feature[t]} ≥ threshold[t]
 *                     yes → right[t],  no → left[t]
 *   node t leaf:      feature[t] = left[t] = right[t] = −1, threshold[t] = NaN
 *
 *   predict(x): t ← 0; while t is internal: t ← (x_{feature[t]} ≥ threshold[t]) ? right[t] : left[t]
 *
 * Each condition is axis-aligned (EQ-TREES-02): it tests one feature,
 * x_f ≥ t, which is the oblique condition wᵀx ≥ t with w = e_f; its
 * boundary is perpendicular to axis f. So a strictly increasing change of
 * one feature's scale (x ↦ eˣ) moves the thresholds but not the partition.
 * A value equal to the threshold takes the "yes" branch, as in the
 * lecture's "num_legs ≥ 3". (scikit-learn writes the same test the other
 * way round, x ≤ t going left; the two differ only for x = t exactly, which
 * a midpoint threshold never equals on training values.) Nodes are numbered
 * in pre-order: a node's children have larger indices than the node, so a
 * walk always ends and a loop from the last node to the first visits
 * children before parents.
 *
 *   value[t, :]   what node t predicts: class proportions [K] (classifier)
 *                 or the mean target [1] (regressor)
 *   nSamples[t]   training examples that reached t (with bootstrap multiplicity)
 *   impurity[t]   I(t) in the criterion's units (gini, bits, or variance)
 */
import { ShapeError, ValueError, describeValue, isPlainObject } from '../errors/index.js';
import { float64FromJSON, float64ToJSON, tensorFromJSON, tensorToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor, TensorJSON } from '../linalg/index.js';

/** The arrays of a fitted tree, readable by name (see the file comment). */
export interface TreeArrays {
  /** Number of nodes. */
  readonly nodeCount: number;
  /** Feature tested at each node; −1 at leaves. */
  readonly feature: Int32Array;
  /** Threshold t of each condition x_f ≥ t; NaN at leaves. */
  readonly threshold: Float64Array;
  /** Child taken when x_f < t ("no"); −1 at leaves. */
  readonly left: Int32Array;
  /** Child taken when x_f ≥ t ("yes"); −1 at leaves. */
  readonly right: Int32Array;
  /** nodeCount × outputs: class proportions (classifier) or the mean (regressor). */
  readonly value: Tensor;
  /** Training examples reaching each node. */
  readonly nSamples: Float64Array;
  /** Impurity of each node in the criterion's units. */
  readonly impurity: Float64Array;
}

/** A tree under construction: one push per node, in pre-order. Internal. */
export class TreeBuilder {
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];
  readonly nSamples: number[] = [];
  readonly impurity: number[] = [];

  /** Append a node (as a leaf) and return its index. */
  add(value: ArrayLike<number>, nSamples: number, impurity: number): number {
    const t = this.feature.length;
    this.feature.push(-1);
    this.threshold.push(NaN);
    this.left.push(-1);
    this.right.push(-1);
    for (let k = 0; k < value.length; k++) this.value.push(value[k]!);
    this.nSamples.push(nSamples);
    this.impurity.push(impurity);
    return t;
  }

  /** The typed arrays of the finished tree. */
  finish(outputs: number): TreeArrays {
    const nodeCount = this.feature.length;
    return {
      nodeCount,
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: { shape: [nodeCount, outputs], data: Float64Array.from(this.value) },
      nSamples: Float64Array.from(this.nSamples),
      impurity: Float64Array.from(this.impurity),
    };
  }
}

/** The leaf that row i of X (n×d, row-major) reaches. Internal: assumes a valid tree and row. */
export function leafOf(tree: TreeArrays, X: Float64Array, i: number, d: number): number {
  const { feature, threshold, left, right } = tree;
  let t = 0;
  let f = feature[0]!;
  while (f >= 0) {
    t = X[i * d + f]! >= threshold[t]! ? right[t]! : left[t]!;
    f = feature[t]!;
  }
  return t;
}

/** Depth of every node (root 0); internal. */
export function nodeDepths(tree: TreeArrays): Int32Array {
  const depth = new Int32Array(tree.nodeCount);
  for (let t = 0; t < tree.nodeCount; t++) {
    const l = tree.left[t]!;
    if (l >= 0) {
      depth[l] = depth[t]! + 1;
      depth[tree.right[t]!] = depth[t]! + 1;
    }
  }
  return depth;
}

/** The largest depth of a leaf (0 for a single leaf). */
export function treeDepth(tree: TreeArrays): number {
  let max = 0;
  for (const depth of nodeDepths(tree)) if (depth > max) max = depth;
  return max;
}

/** Number of leaves. */
export function leafCount(tree: TreeArrays): number {
  let leaves = 0;
  for (let t = 0; t < tree.nodeCount; t++) if (tree.feature[t]! < 0) leaves++;
  return leaves;
}

/**
 * Feature importances (mean decrease in impurity): for each feature f,
 *   Σ_{t splits on f} (n_t·I(t) − n_L·I(L) − n_R·I(R)) / n_root,
 * divided by the sum over all features so that they add up to 1 (all 0 when
 * the tree is a single leaf). `d` features; internal.
 */
export function impurityImportances(tree: TreeArrays, d: number): Float64Array {
  const out = new Float64Array(d);
  const { feature, left, right, nSamples, impurity } = tree;
  let total = 0;
  for (let t = 0; t < tree.nodeCount; t++) {
    const f = feature[t]!;
    if (f < 0) continue;
    const l = left[t]!, r = right[t]!;
    const decrease = Math.max(0, nSamples[t]! * impurity[t]! - nSamples[l]! * impurity[l]! - nSamples[r]! * impurity[r]!);
    out[f] = out[f]! + decrease;
    total += decrease;
  }
  if (total > 0) for (let f = 0; f < d; f++) out[f] = out[f]! / total;
  return out;
}

/** A tree written for JSON: each array as a list (floats through float64ToJSON, bit for bit). */
export interface TreeJSON {
  feature: number[];
  threshold: Float64JSONValue[];
  left: number[];
  right: number[];
  value: TensorJSON;
  nSamples: Float64JSONValue[];
  impurity: Float64JSONValue[];
}

export function treeToJSON(tree: TreeArrays): TreeJSON {
  return {
    feature: Array.from(tree.feature),
    threshold: float64ToJSON(tree.threshold),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    value: tensorToJSON(tree.value),
    nSamples: float64ToJSON(tree.nSamples),
    impurity: float64ToJSON(tree.impurity),
  };
}

function intArray(json: unknown, name: string, where: string): Int32Array {
  if (!Array.isArray(json) || !json.every((v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= -1 && v <= 0x7fffffff)) {
    throw new ValueError(`${where}: ${name} must be an array of integers ≥ −1, got ${describeValue(json)}`);
  }
  return Int32Array.from(json as number[]);
}

/**
 * Read a tree back, checking that it is one: arrays of one length, node 0
 * the root, each internal node with two distinct children of larger index,
 * each node but the root the child of exactly one node, features in
 * 0 … d−1, finite thresholds, `value` of shape [nodeCount, outputs] with
 * finite entries, counts and impurities finite and ≥ 0. ValueError or
 * ShapeError naming `where` otherwise.
 */
export function treeFromJSON(json: unknown, d: number, outputs: number, where: string): TreeArrays {
  if (!isPlainObject(json)) throw new ValueError(`${where}: the tree must be an object, got ${describeValue(json)}`);
  const feature = intArray(json['feature'], 'tree.feature', where);
  const left = intArray(json['left'], 'tree.left', where);
  const right = intArray(json['right'], 'tree.right', where);
  const threshold = float64FromJSON(json['threshold'], 'tree.threshold', where);
  const nSamples = float64FromJSON(json['nSamples'], 'tree.nSamples', where);
  const impurity = float64FromJSON(json['impurity'], 'tree.impurity', where);
  const value = tensorFromJSON(json['value'], 'tree.value', where);
  const nodeCount = feature.length;
  if (nodeCount === 0) throw new ValueError(`${where}: the tree has no node`);
  for (const [name, array] of [['left', left], ['right', right], ['threshold', threshold], ['nSamples', nSamples], ['impurity', impurity]] as const) {
    if (array.length !== nodeCount) throw new ShapeError(`${where}: tree.${name} has ${array.length} entries, tree.feature ${nodeCount}`);
  }
  if (value.shape.length !== 2 || value.shape[0] !== nodeCount || value.shape[1] !== outputs) {
    throw new ShapeError(`${where}: tree.value must have shape [${nodeCount}, ${outputs}], got [${value.shape.join(', ')}]`);
  }
  for (let i = 0; i < value.data.length; i++) {
    if (!Number.isFinite(value.data[i]!)) throw new ValueError(`${where}: tree.value must be finite, got ${value.data[i]} at entry ${i}`);
  }
  const parents = new Int32Array(nodeCount);
  for (let t = 0; t < nodeCount; t++) {
    if (!(Number.isFinite(nSamples[t]!) && nSamples[t]! >= 0 && Number.isFinite(impurity[t]!) && impurity[t]! >= 0)) {
      throw new ValueError(`${where}: node ${t} needs finite nSamples and impurity ≥ 0, got ${nSamples[t]} and ${impurity[t]}`);
    }
    const f = feature[t]!, l = left[t]!, r = right[t]!;
    if (f < 0) {
      if (l !== -1 || r !== -1 || f !== -1) throw new ValueError(`${where}: leaf ${t} must have feature, left and right −1`);
      continue;
    }
    if (f >= d) throw new ValueError(`${where}: node ${t} tests feature ${f}, but the model has ${d} features`);
    if (!Number.isFinite(threshold[t]!)) throw new ValueError(`${where}: node ${t} needs a finite threshold, got ${threshold[t]}`);
    if (!(l > t && r > t && l !== r && l < nodeCount && r < nodeCount)) {
      throw new ValueError(`${where}: node ${t} needs two distinct children after it (pre-order), got ${l} and ${r}`);
    }
    parents[l] = parents[l]! + 1;
    parents[r] = parents[r]! + 1;
  }
  for (let t = 1; t < nodeCount; t++) {
    if (parents[t] !== 1) throw new ValueError(`${where}: node ${t} has ${parents[t]} parents; every node but the root needs one`);
  }
  return { nodeCount, feature, threshold, left, right, value, nSamples, impurity };
}
