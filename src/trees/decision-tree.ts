/**
 * Decision trees, CART (EQ-TREES-01 … 10 meet here): a classifier scored by
 * the Gini index or the entropy, a regressor scored by the MSE.
 *
 *   fit(X, y):
 *     grow the tree greedily from the root (grow.ts): at each node the
 *     splitter (splitter.ts) sorts every feature once and sweeps the
 *     midpoints between distinct values for the condition x_f ≥ t with the
 *     largest impurity decrease; stop at pure nodes, maxDepth,
 *     minSamplesSplit, minSamplesLeaf, minImpurityDecrease
 *     if ccpAlpha > 0: prune the weakest links while g(t) ≤ ccpAlpha (prune.ts)
 *   predict(x): walk from the root, "yes" (x_f ≥ t) to the right, to a leaf;
 *     the leaf's majority class (ties: the lowest index) or mean target
 *
 * Options (all optional):
 *   criterion            'gini' (default) or 'entropy' (classifier), 'mse' (regressor)
 *   maxDepth             deepest level of a node, root = 0 (default: unlimited);
 *                        0 gives a single leaf
 *   minSamplesSplit      a node with fewer examples is not split (default 2)
 *   minSamplesLeaf       every leaf keeps at least this many examples (default 1).
 *                        The lecture's slide names this rule but describes the
 *                        previous one; both exist, under their own names.
 *   minImpurityDecrease  a split must lower the impurity, weighted by the node's
 *                        share m/n of the examples, by at least this (default 0,
 *                        which also accepts zero-gain splits; see grow.ts)
 *   maxFeatures          features scored per node: an integer, 'sqrt', 'log2'
 *                        or 'all' (default 'all'); fewer than d draws them from `rng`
 *   ccpAlpha             cost-complexity pruning strength α ≥ 0 (default 0: none)
 *   nClasses             K (classifier; default: the largest label + 1)
 *   rng                  an Rng for the features drawn when maxFeatures < d;
 *                        the tree forks it once when constructed (default: seed 0),
 *                        so every fit of the same tree draws the same features
 *
 * Data: X is n×d, row-major (X.data[i*d + j]); y is a vector [n] of class
 * indices 0 … K−1 stored as float64 integers (classifier; see validate.ts for
 * labels that are not) or of finite reals (regressor). Fitted attributes:
 * `tree` (the arrays of tree-arrays.ts), `featureImportances`, `nFeatures`,
 * `nClasses`, `depth`, `nLeaves`.
 */
import {
  ArgumentTypeError, NotFittedError, ValueError, assertInstance, assertInteger, assertNumber, assertOneOf, assertOptions,
  describeValue, isPlainObject,
} from '../errors/index.js';
import { Rng } from '../random/index.js';
import type { Tensor } from '../linalg/index.js';
import { growTree } from './grow.js';
import { rankColumns } from './ranks.js';
import type { ColumnRanks } from './ranks.js';
import { pruneTree, pruningPath } from './prune.js';
import { renderTree } from './render.js';
import type { RenderOptions } from './render.js';
import type { Criterion, SplitData } from './splitter.js';
import { impurityImportances, leafCount, leafOf, treeDepth, treeFromJSON, treeToJSON } from './tree-arrays.js';
import type { TreeArrays, TreeJSON } from './tree-arrays.js';
import { MAX_CLASSES, checkLabels, checkPredictX, checkTargets, checkTrainingX } from './validate.js';

/** How many features a node scores: a count, or a rule of d. */
export type MaxFeatures = number | 'sqrt' | 'log2' | 'all';

/** Options shared by both trees (file comment). */
export interface DecisionTreeOptions {
  maxDepth?: number;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
  minImpurityDecrease?: number;
  maxFeatures?: MaxFeatures;
  ccpAlpha?: number;
  rng?: Rng;
}

export interface DecisionTreeClassifierOptions extends DecisionTreeOptions {
  /** 'gini' (default) or 'entropy' (information gain, in bits). */
  criterion?: 'gini' | 'entropy';
  /** Number of classes K (default: the largest label + 1). */
  nClasses?: number;
}

export interface DecisionTreeRegressorOptions extends DecisionTreeOptions {
  /** 'mse' (variance reduction), the only regression criterion. */
  criterion?: 'mse';
}

/** The resolved options, as saved by toJSON (null: unlimited depth, K from the labels). */
export interface TreeSettings {
  criterion: Criterion;
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxFeatures: MaxFeatures;
  ccpAlpha: number;
  nClasses: number | null;
}

/** A saved tree estimator: plain data that JSON.stringify writes. */
export interface DecisionTreeJSON {
  type: 'DecisionTreeClassifier' | 'DecisionTreeRegressor';
  options: TreeSettings;
  rngState: number[];
  fitted: null | { nFeatures: number; nOutputs: number; tree: TreeJSON };
}

/** The cost-complexity pruning path: effective alphas (ascending) and the total leaf impurity of each pruned tree. */
export interface CostComplexityPath {
  ccpAlphas: Tensor;
  impurities: Tensor;
}

const KEYS = ['criterion', 'maxDepth', 'minSamplesSplit', 'minSamplesLeaf', 'minImpurityDecrease', 'maxFeatures', 'ccpAlpha', 'nClasses', 'rng'] as const;

/** Validate and resolve options; `classifier` selects the criteria and nClasses. Internal to the trees. */
export function resolveTreeSettings(options: unknown, classifier: boolean, where: string, defaultMaxFeatures: MaxFeatures = 'all'): {
  settings: TreeSettings; rng: Rng | undefined;
} {
  const keys = classifier ? KEYS : KEYS.filter((key) => key !== 'nClasses');
  const o = assertOptions(options as Record<string, unknown> | undefined, keys as unknown as string[], where);
  const criteria: Criterion[] = classifier ? ['gini', 'entropy'] : ['mse'];
  const criterion = assertOneOf(o['criterion'] ?? criteria[0], criteria, 'criterion', where);
  const maxDepth = o['maxDepth'] === undefined ? null : assertInteger(o['maxDepth'], 'maxDepth', where, { min: 0 });
  const minSamplesSplit = assertInteger(o['minSamplesSplit'] ?? 2, 'minSamplesSplit', where, { min: 2 });
  const minSamplesLeaf = assertInteger(o['minSamplesLeaf'] ?? 1, 'minSamplesLeaf', where, { min: 1 });
  const minImpurityDecrease = assertNumber(o['minImpurityDecrease'] ?? 0, 'minImpurityDecrease', where, { min: 0 });
  const maxFeatures = checkMaxFeatures(o['maxFeatures'] ?? defaultMaxFeatures, where);
  const ccpAlpha = assertNumber(o['ccpAlpha'] ?? 0, 'ccpAlpha', where, { min: 0 });
  const nClasses = o['nClasses'] === undefined ? null : assertInteger(o['nClasses'], 'nClasses', where, { min: 1, max: MAX_CLASSES });
  const rng = o['rng'] === undefined ? undefined : assertInstance(o['rng'], Rng, 'rng', where);
  return { settings: { criterion, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxFeatures, ccpAlpha, nClasses }, rng };
}

function checkMaxFeatures(x: unknown, where: string): MaxFeatures {
  if (typeof x === 'number') return assertInteger(x, 'maxFeatures', where, { min: 1 });
  return assertOneOf(x, ['sqrt', 'log2', 'all'] as const, 'maxFeatures', where);
}

/** maxFeatures as a count for d features; ValueError when a count exceeds d. Internal to the trees. */
export function featuresPerNode(maxFeatures: MaxFeatures, d: number, where: string): number {
  if (maxFeatures === 'all') return d;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (maxFeatures === 'log2') return Math.max(1, 31 - Math.clz32(d));
  if (maxFeatures > d) throw new ValueError(`${where}: maxFeatures = ${maxFeatures} exceeds the ${d} features of X`);
  return maxFeatures;
}

/** Options (for a constructor) that reproduce resolved settings. Internal to the trees. */
export function settingsToOptions(settings: TreeSettings): Record<string, unknown> {
  const options: Record<string, unknown> = { ...settings };
  if (settings.maxDepth === null) delete options['maxDepth'];
  if (settings.nClasses === null) delete options['nClasses'];
  return options;
}

/** A saved Rng state: four integers in 0 … 2³² − 1. Internal to the trees. */
export function checkRngState(x: unknown, where: string): number[] {
  if (!Array.isArray(x) || x.length !== 4 || !x.every((w: unknown) => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
    throw new ValueError(`${where}: rngState must be four integers in 0 … 2³² − 1, got ${describeValue(x)}`);
  }
  return [...(x as number[])];
}

interface Fitted {
  tree: TreeArrays;
  nFeatures: number;
  importances: Float64Array;
}

/** What both trees share: the fitted arrays and everything computed from them. */
abstract class DecisionTreeBase {
  /** The class name, for messages and the saved type. */
  protected abstract readonly kind: 'DecisionTreeClassifier' | 'DecisionTreeRegressor';
  protected settings: TreeSettings;
  /** The state of the tree's own Rng stream, restarted at every fit. */
  protected rngState: number[];
  protected fitted: Fitted | null = null;

  protected constructor(settings: TreeSettings, rng: Rng | undefined) {
    this.settings = settings;
    this.rngState = (rng === undefined ? new Rng(0) : rng.fork()).state();
  }

  /** The validated data of a fit: the splitter's view of X and y. */
  protected abstract prepare(X: unknown, y: unknown, where: string): { data: SplitData; n: number };

  /** Whether leaves predict classes. */
  protected abstract readonly classifier: boolean;

  protected need(method: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(`${this.kind}.${method}: this tree is not fitted yet; call fit(X, y) first`);
    return this.fitted;
  }

  /** Grow the unpruned tree on the rows `samples` of validated data, with the ranks of its columns. */
  private growOn(data: SplitData, columns: ColumnRanks, samples: Int32Array, where: string): TreeArrays {
    const maxFeatures = featuresPerNode(this.settings.maxFeatures, data.d, where);
    return growTree(data, columns, samples, {
      criterion: this.settings.criterion,
      maxDepth: this.settings.maxDepth ?? Infinity,
      minSamplesSplit: this.settings.minSamplesSplit,
      minSamplesLeaf: this.settings.minSamplesLeaf,
      minImpurityDecrease: this.settings.minImpurityDecrease,
      maxFeatures,
      rng: maxFeatures < data.d ? Rng.fromState(this.rngState) : null,
    });
  }

  /** Grow the unpruned tree on all n rows of validated data. */
  private grow(data: SplitData, n: number, where: string): TreeArrays {
    const samples = new Int32Array(n);
    for (let i = 0; i < n; i++) samples[i] = i;
    return this.growOn(data, rankColumns(data.X, n, data.d), samples, where);
  }

  /** Fit on the rows `samples` (a row may repeat) of validated data, pruned at ccpAlpha; used by the forests. */
  protected fitSamples(data: SplitData, columns: ColumnRanks, samples: Int32Array): void {
    const tree = pruneTree(this.growOn(data, columns, samples, `${this.kind}.fit`), this.settings.ccpAlpha);
    this.fitted = { tree, nFeatures: data.d, importances: impurityImportances(tree, data.d) };
  }

  /** Fit the tree to X (n×d) and y ([n]); returns this. Nothing changes when the data is refused. */
  fit(X: Tensor, y: Tensor): this {
    const where = `${this.kind}.fit`;
    const { data, n } = this.prepare(X, y, where);
    const tree = pruneTree(this.grow(data, n, where), this.settings.ccpAlpha);
    this.fitted = { tree, nFeatures: data.d, importances: impurityImportances(tree, data.d) };
    return this;
  }

  /**
   * The cost-complexity pruning path of the tree these options grow on (X, y)
   * without pruning: alphas α₀ = 0 ≤ α₁ ≤ … and the total leaf impurity
   * Σ_leaves (n_ℓ/n)·I(ℓ) of the tree pruned at each. Refitting with
   * ccpAlpha = αᵢ gives that tree. The estimator itself is not changed.
   */
  costComplexityPruningPath(X: Tensor, y: Tensor): CostComplexityPath {
    const where = `${this.kind}.costComplexityPruningPath`;
    const { data, n } = this.prepare(X, y, where);
    const { alphas, impurities } = pruningPath(this.grow(data, n, where));
    return { ccpAlphas: { shape: [alphas.length], data: alphas }, impurities: { shape: [impurities.length], data: impurities } };
  }

  /** The index of the leaf each row of X (n×d) reaches, as a vector [n] (node indices of `tree`). */
  apply(X: Tensor): Tensor {
    const { tree, nFeatures } = this.need('apply');
    checkPredictX(X, nFeatures, `${this.kind}.apply`);
    const n = X.shape[0]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = leafOf(tree, X.data, i, nFeatures);
    return { shape: [n], data: out };
  }

  /** The tree as arrays (tree-arrays.ts): feature, threshold, left, right, value, nSamples, impurity. */
  get tree(): TreeArrays {
    return this.need('tree').tree;
  }

  /** Mean decrease in impurity per feature, normalised to sum 1 (all 0 for a single leaf); a vector [d]. */
  get featureImportances(): Tensor {
    const { importances } = this.need('featureImportances');
    return { shape: [importances.length], data: importances.slice() };
  }

  /** d, the number of features seen by fit. */
  get nFeatures(): number {
    return this.need('nFeatures').nFeatures;
  }

  /** The depth of the deepest leaf (root = 0). */
  get depth(): number {
    return treeDepth(this.need('depth').tree);
  }

  /** The number of leaves. */
  get nLeaves(): number {
    return leafCount(this.need('nLeaves').tree);
  }

  /**
   * The tree as text, a "tree of questions" (render.ts): `featureNames` (d
   * strings), `classNames` (K strings, classifier), `digits` (default 4).
   */
  toText(options?: RenderOptions): string {
    const where = `${this.kind}.toText`;
    const o = assertOptions(options, ['featureNames', 'classNames', 'digits'], where);
    const { tree, nFeatures } = this.need('toText');
    const K = tree.value.shape[1]!;
    checkNames(o.featureNames, nFeatures, 'featureNames', where);
    if (o.classNames !== undefined && !this.classifier) throw new ValueError(`${where}: classNames applies to classifiers only`);
    checkNames(o.classNames, K, 'classNames', where);
    if (o.digits !== undefined) assertInteger(o.digits, 'digits', where, { min: 1, max: 17 });
    return renderTree(tree, this.settings.criterion, this.classifier, o);
  }

  /** The saved state: options, the Rng stream and the fitted arrays (floats bit for bit). */
  toJSON(): DecisionTreeJSON {
    const f = this.fitted;
    return {
      type: this.kind,
      options: { ...this.settings },
      rngState: [...this.rngState],
      fitted: f === null ? null : { nFeatures: f.nFeatures, nOutputs: f.tree.value.shape[1]!, tree: treeToJSON(f.tree) },
    };
  }

  /** Restore a model's state from validated parts (fromJSON). Internal. */
  protected restore(rngState: number[], fitted: Fitted | null): this {
    this.rngState = rngState;
    this.fitted = fitted;
    return this;
  }
}

function checkNames(names: unknown, length: number, name: string, where: string): void {
  if (names === undefined) return;
  if (!Array.isArray(names) || names.length !== length || !names.every((s: unknown) => typeof s === 'string')) {
    throw new ArgumentTypeError(`${where}: ${name} must be an array of ${length} strings, got ${describeValue(names)}`);
  }
}

/**
 * Read a saved tree (toJSON's output), checking the type, the options, the
 * Rng state and the tree's arrays before anything is built. Internal.
 */
function parseSaved(json: unknown, type: DecisionTreeJSON['type'], where: string, defaultMaxFeatures: MaxFeatures = 'all'): {
  settings: TreeSettings; rngState: number[]; fitted: Fitted | null;
} {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected a saved ${type} (toJSON's output), got ${describeValue(json)}`);
  if (json['type'] !== type) throw new ValueError(`${where}: expected type '${type}', got ${describeValue(json['type'])}`);
  const classifier = type === 'DecisionTreeClassifier';
  const raw = json['options'];
  if (!isPlainObject(raw)) throw new ValueError(`${where}: options must be an object, got ${describeValue(raw)}`);
  const options: Record<string, unknown> = { ...raw };
  if (options['maxDepth'] === null) delete options['maxDepth'];
  if (options['nClasses'] === null || !classifier) delete options['nClasses'];
  const { settings } = resolveTreeSettings(options, classifier, where, defaultMaxFeatures);
  const rngState = checkRngState(json['rngState'], where);
  const saved = json['fitted'];
  if (saved === null) return { settings, rngState, fitted: null };
  if (!isPlainObject(saved)) throw new ValueError(`${where}: fitted must be null or an object, got ${describeValue(saved)}`);
  const nFeatures = assertInteger(saved['nFeatures'], 'fitted.nFeatures', where, { min: 1 });
  const nOutputs = classifier ? assertInteger(saved['nOutputs'], 'fitted.nOutputs', where, { min: 1, max: MAX_CLASSES }) : 1;
  if (!classifier && saved['nOutputs'] !== 1) throw new ValueError(`${where}: a regressor has fitted.nOutputs = 1, got ${describeValue(saved['nOutputs'])}`);
  if (settings.nClasses !== null && nOutputs !== settings.nClasses) {
    throw new ValueError(`${where}: fitted.nOutputs = ${nOutputs} but options.nClasses = ${settings.nClasses}`);
  }
  const tree = treeFromJSON(saved['tree'], nFeatures, nOutputs, where);
  return { settings, rngState, fitted: { tree, nFeatures, importances: impurityImportances(tree, nFeatures) } };
}

/**
 * A classification tree (file comment): leaves hold class proportions;
 * `predictProba` returns them and `predict` their argmax.
 */
export class DecisionTreeClassifier extends DecisionTreeBase {
  protected readonly kind = 'DecisionTreeClassifier';
  protected readonly classifier = true;

  /** A tree with the options of the file comment; throws before anything is made if one is invalid. */
  constructor(options?: DecisionTreeClassifierOptions) {
    const { settings, rng } = resolveTreeSettings(options, true, 'DecisionTreeClassifier');
    super(settings, rng);
  }

  protected prepare(X: unknown, y: unknown, where: string): { data: SplitData; n: number } {
    checkTrainingX(X, where);
    const [n, d] = X.shape as [number, number];
    const { labels, K } = checkLabels(y, n, this.settings.nClasses, where);
    featuresPerNode(this.settings.maxFeatures, d, where);
    return { data: { X: X.data, d, labels, K, targets: null }, n };
  }

  /** K, the number of classes (columns of predictProba). */
  get nClasses(): number {
    return this.need('nClasses').tree.value.shape[1]!;
  }

  /** P(class k | leaf of x) for each row of X (n×d): the leaf's class proportions, n×K. */
  predictProba(X: Tensor): Tensor {
    const { tree, nFeatures } = this.need('predictProba');
    checkPredictX(X, nFeatures, 'DecisionTreeClassifier.predictProba');
    const n = X.shape[0]!, K = tree.value.shape[1]!;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const t = leafOf(tree, X.data, i, nFeatures);
      out.set(tree.value.data.subarray(t * K, t * K + K), i * K);
    }
    return { shape: [n, K], data: out };
  }

  /** The predicted class of each row of X (n×d): the majority class of its leaf (ties: the lowest index); a vector [n]. */
  predict(X: Tensor): Tensor {
    const { tree, nFeatures } = this.need('predict');
    checkPredictX(X, nFeatures, 'DecisionTreeClassifier.predict');
    const n = X.shape[0]!, K = tree.value.shape[1]!;
    const v = tree.value.data;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = leafOf(tree, X.data, i, nFeatures);
      let best = 0;
      for (let c = 1; c < K; c++) if (v[t * K + c]! > v[t * K + best]!) best = c;
      out[i] = best;
    }
    return { shape: [n], data: out };
  }

  /** Rebuild a classifier from toJSON's output, validating it first (ArgumentTypeError, ValueError, ShapeError). */
  static fromJSON(json: unknown): DecisionTreeClassifier {
    return loadClassifier(json, 'DecisionTreeClassifier.fromJSON');
  }
}

/** A regression tree (file comment): leaves hold the mean target of their examples. */
export class DecisionTreeRegressor extends DecisionTreeBase {
  protected readonly kind = 'DecisionTreeRegressor';
  protected readonly classifier = false;

  /** A tree with the options of the file comment (criterion 'mse'); throws before anything is made if one is invalid. */
  constructor(options?: DecisionTreeRegressorOptions) {
    const { settings, rng } = resolveTreeSettings(options, false, 'DecisionTreeRegressor');
    super(settings, rng);
  }

  protected prepare(X: unknown, y: unknown, where: string): { data: SplitData; n: number } {
    checkTrainingX(X, where);
    const [n, d] = X.shape as [number, number];
    const targets = checkTargets(y, n, where);
    featuresPerNode(this.settings.maxFeatures, d, where);
    return { data: { X: X.data, d, labels: null, K: 1, targets }, n };
  }

  /** The predicted value of each row of X (n×d): the mean target of its leaf; a vector [n]. */
  predict(X: Tensor): Tensor {
    const { tree, nFeatures } = this.need('predict');
    checkPredictX(X, nFeatures, 'DecisionTreeRegressor.predict');
    const n = X.shape[0]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = tree.value.data[leafOf(tree, X.data, i, nFeatures)]!;
    return { shape: [n], data: out };
  }

  /** Rebuild a regressor from toJSON's output, validating it first. */
  static fromJSON(json: unknown): DecisionTreeRegressor {
    return loadRegressor(json, 'DecisionTreeRegressor.fromJSON');
  }
}


/** A classifier rebuilt from its saved state; errors name `where`. Internal to the trees (fromJSON, the forest's). */
export function loadClassifier(json: unknown, where: string): DecisionTreeClassifier {
  const { settings, rngState, fitted } = parseSaved(json, 'DecisionTreeClassifier', where);
  return new DecisionTreeClassifier(settingsToOptions(settings) as DecisionTreeClassifierOptions)['restore'](rngState, fitted);
}

/** A regressor rebuilt from its saved state; errors name `where`. Internal to the trees. */
export function loadRegressor(json: unknown, where: string): DecisionTreeRegressor {
  const { settings, rngState, fitted } = parseSaved(json, 'DecisionTreeRegressor', where);
  return new DecisionTreeRegressor(settingsToOptions(settings) as DecisionTreeRegressorOptions)['restore'](rngState, fitted);
}

/**
 * Fit a tree on the rows `samples` (a row may repeat) of data already
 * validated and ranked: how a forest grows each tree on its bootstrap sample
 * without copying rows or ranking the columns again. Internal to the trees.
 */
export function fitTreeOnSamples(model: DecisionTreeClassifier | DecisionTreeRegressor, data: SplitData, columns: ColumnRanks, samples: Int32Array): void {
  model['fitSamples'](data, columns, samples);
}
