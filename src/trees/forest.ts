/**
 * Random forests (Breiman 2001): many decision trees, each grown on a
 * bootstrap sample and scoring a random subset of the features at each
 * node, their predictions averaged.
 *
 *   fit(X, y):
 *     for b = 1 … B:
 *       S_b ← n row indices drawn with replacement from 0 … n−1 (bootstrap; from `rng`)
 *       T_b ← a decision tree grown on the rows S_b, each node scoring
 *             maxFeatures features drawn from `rng` (default √d for
 *             classification, all d for regression)
 *   predictProba(x) = (1/B)·Σ_b P_b(class | x)      (classifier; predict: its argmax)
 *   predict(x)      = (1/B)·Σ_b T_b(x)              (regressor)
 *
 * Out-of-bag score (option `oob`): each row i is predicted by the trees
 * whose bootstrap sample missed it (about e⁻¹ ≈ 37 % of them), averaged as
 * above; the accuracy (classifier) or R² (regressor) of those predictions
 * over the rows that have at least one such tree estimates the test score
 * without a held-out set. A row that every tree saw has no out-of-bag
 * prediction: NaN in oobDecisionFunction / oobPrediction.
 *
 * Options: those of the trees (decision-tree.ts) except ccpAlpha and plus
 *   nEstimators   B, the number of trees (default 100)
 *   bootstrap     draw bootstrap samples (default true); false grows every
 *                 tree on all rows, so only the features drawn differ
 *   oob           compute the out-of-bag score (default false; needs bootstrap)
 *   rng           the forest's Rng, forked once when the forest is
 *                 constructed (default: seed 0); every fit restarts that
 *                 stream, so fitting twice gives the same forest
 * The trees are ordinary DecisionTreeClassifier / DecisionTreeRegressor
 * objects (`estimators`), each grown on its bootstrap rows (a row drawn
 * twice counts twice) over column ranks computed once for the forest.
 */
import { ArgumentTypeError, NotFittedError, ValueError, assertBoolean, assertInteger, assertOptions, describeValue, isPlainObject } from '../errors/index.js';
import { Rng } from '../random/index.js';
import { float64FromJSON, float64ToJSON, tensorFromJSON, tensorToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor, TensorJSON } from '../linalg/index.js';
import {
  DecisionTreeClassifier, DecisionTreeRegressor, checkRngState, featuresPerNode, fitTreeOnSamples, loadClassifier, loadRegressor,
  resolveTreeSettings, settingsToOptions,
} from './decision-tree.js';
import type { DecisionTreeClassifierOptions, DecisionTreeJSON, DecisionTreeOptions, DecisionTreeRegressorOptions, TreeSettings } from './decision-tree.js';
import { accuracy, r2 } from '../metrics/index.js';
import { leafOf } from './tree-arrays.js';
import { rankColumns } from './ranks.js';
import type { SplitData } from './splitter.js';
import { checkLabels, checkPredictX, checkTargets, checkTrainingX } from './validate.js';

/** Options of both forests (file comment). */
export interface RandomForestOptions extends Omit<DecisionTreeOptions, 'ccpAlpha'> {
  nEstimators?: number;
  bootstrap?: boolean;
  oob?: boolean;
}

export interface RandomForestClassifierOptions extends RandomForestOptions {
  criterion?: 'gini' | 'entropy';
  nClasses?: number;
}

export interface RandomForestRegressorOptions extends RandomForestOptions {
  criterion?: 'mse';
}

/** The resolved options of a forest, as saved. */
export interface ForestSettings {
  nEstimators: number;
  bootstrap: boolean;
  oob: boolean;
  tree: TreeSettings;
}

/** A saved forest. */
export interface RandomForestJSON {
  type: 'RandomForestClassifier' | 'RandomForestRegressor';
  options: ForestSettings;
  rngState: number[];
  fitted: null | { nFeatures: number; nOutputs: number; trees: DecisionTreeJSON[]; oobScore: Float64JSONValue[] | null; oob: TensorJSON | null };
}

type Tree = DecisionTreeClassifier | DecisionTreeRegressor;

interface Fitted<T extends Tree> {
  trees: T[];
  nFeatures: number;
  nOutputs: number;
  oobScore: number | null;
  oob: Tensor | null;
}

const FOREST_KEYS = ['nEstimators', 'bootstrap', 'oob'];

function resolveForestSettings(options: unknown, classifier: boolean, where: string): { settings: ForestSettings; rng: Rng | undefined } {
  const treeKeys = ['criterion', 'maxDepth', 'minSamplesSplit', 'minSamplesLeaf', 'minImpurityDecrease', 'maxFeatures', 'rng', ...(classifier ? ['nClasses'] : [])];
  const o = assertOptions(options as Record<string, unknown> | undefined, [...FOREST_KEYS, ...treeKeys], where);
  const nEstimators = assertInteger(o['nEstimators'] ?? 100, 'nEstimators', where, { min: 1 });
  const bootstrap = assertBoolean(o['bootstrap'] ?? true, 'bootstrap', where);
  const oob = assertBoolean(o['oob'] ?? false, 'oob', where);
  if (oob && !bootstrap) throw new ValueError(`${where}: oob needs bootstrap samples; set bootstrap: true or oob: false`);
  const treeOptions: Record<string, unknown> = {};
  for (const key of treeKeys) if (o[key] !== undefined) treeOptions[key] = o[key];
  const { settings, rng } = resolveTreeSettings(treeOptions, classifier, where, classifier ? 'sqrt' : 'all');
  return { settings: { nEstimators, bootstrap, oob, tree: settings }, rng };
}

/** The entries `rows` of a vector, as a Tensor [rows.length]. */
function pick(values: ArrayLike<number>, rows: readonly number[]): Tensor {
  return { shape: [rows.length], data: Float64Array.from(rows, (i) => values[i]!) };
}

/** What both forests share. */
abstract class RandomForestBase<T extends Tree> {
  protected abstract readonly kind: 'RandomForestClassifier' | 'RandomForestRegressor';
  protected settings: ForestSettings;
  protected rngState: number[];
  protected fitted: Fitted<T> | null = null;

  protected constructor(settings: ForestSettings, rng: Rng | undefined) {
    this.settings = settings;
    this.rngState = (rng === undefined ? new Rng(0) : rng.fork()).state();
  }

  protected need(method: string): Fitted<T> {
    if (this.fitted === null) throw new NotFittedError(`${this.kind}.${method}: this forest is not fitted yet; call fit(X, y) first`);
    return this.fitted;
  }

  /** A fresh tree for one bootstrap sample, its Rng forked from the forest's. */
  protected abstract makeTree(K: number, rng: Rng): T;

  /**
   * Grow the trees on validated data (the rows of X, with class labels or
   * targets), ranking the columns once for all of them; returns the trees
   * with the out-of-bag sums (Σ of per-tree outputs, and counts per row).
   */
  protected growTrees(X: Tensor, labels: Int32Array | null, targets: Float64Array | null, K: number): {
    trees: T[]; oobSum: Float64Array; oobVotes: Float64Array;
  } {
    const [n, d] = X.shape as [number, number];
    const { nEstimators, bootstrap, oob } = this.settings;
    const rng = Rng.fromState(this.rngState);
    const data: SplitData = { X: X.data, d, labels, K, targets };
    const columns = rankColumns(X.data, n, d);
    const trees: T[] = [];
    const oobSum = new Float64Array(oob ? n * K : 0), oobVotes = new Float64Array(oob ? n : 0);
    const samples = new Int32Array(n);
    const inBag = new Uint8Array(n);
    for (let b = 0; b < nEstimators; b++) {
      inBag.fill(0);
      for (let k = 0; k < n; k++) {
        const i = bootstrap ? rng.int(0, n) : k;
        inBag[i] = 1;
        samples[k] = i;
      }
      const tree = this.makeTree(K, rng);
      fitTreeOnSamples(tree, data, columns, samples);
      trees.push(tree);
      if (!oob) continue;
      const arrays = tree.tree;
      const v = arrays.value.data;
      for (let i = 0; i < n; i++) {
        if (inBag[i] === 1) continue;
        const t = leafOf(arrays, X.data, i, d);
        for (let c = 0; c < K; c++) oobSum[i * K + c] = oobSum[i * K + c]! + v[t * K + c]!;
        oobVotes[i] = oobVotes[i]! + 1;
      }
    }
    return { trees, oobSum, oobVotes };
  }

  /** Σ_b of each tree's leaf values for the rows of X (n×d, validated), divided by B: n×K. */
  protected average(X: Tensor): Float64Array {
    const { trees, nFeatures, nOutputs: K } = this.fitted!;
    const n = X.shape[0]!;
    const out = new Float64Array(n * K);
    for (const tree of trees) {
      const arrays = tree.tree;
      const v = arrays.value.data;
      for (let i = 0; i < n; i++) {
        const t = leafOf(arrays, X.data, i, nFeatures);
        for (let c = 0; c < K; c++) out[i * K + c] = out[i * K + c]! + v[t * K + c]!;
      }
    }
    for (let j = 0; j < out.length; j++) out[j] = out[j]! / trees.length;
    return out;
  }

  /** The fitted trees T_1 … T_B (a copy of the list). */
  get estimators(): T[] {
    return [...this.need('estimators').trees];
  }

  /** d, the number of features seen by fit. */
  get nFeatures(): number {
    return this.need('nFeatures').nFeatures;
  }

  /** The mean of the trees' feature importances; a vector [d] summing to 1 (or 0 when every tree is a single leaf). */
  get featureImportances(): Tensor {
    const { trees, nFeatures } = this.need('featureImportances');
    const out = new Float64Array(nFeatures);
    for (const tree of trees) {
      const f = tree.featureImportances.data;
      for (let j = 0; j < nFeatures; j++) out[j] = out[j]! + f[j]!;
    }
    for (let j = 0; j < nFeatures; j++) out[j] = out[j]! / trees.length;
    return { shape: [nFeatures], data: out };
  }

  /** The out-of-bag score: accuracy (classifier) or R² (regressor); needs the option oob. */
  get oobScore(): number {
    const { oobScore } = this.need('oobScore');
    if (oobScore === null) throw new ValueError(`${this.kind}.oobScore: the forest was fitted without oob: true`);
    return oobScore;
  }

  toJSON(): RandomForestJSON {
    const f = this.fitted;
    return {
      type: this.kind,
      options: { ...this.settings, tree: { ...this.settings.tree } },
      rngState: [...this.rngState],
      fitted: f === null ? null : {
        nFeatures: f.nFeatures,
        nOutputs: f.nOutputs,
        trees: f.trees.map((tree) => tree.toJSON()),
        oobScore: f.oobScore === null ? null : float64ToJSON([f.oobScore]),
        oob: f.oob === null ? null : tensorToJSON(f.oob),
      },
    };
  }

  protected restore(rngState: number[], fitted: Fitted<T> | null): this {
    this.rngState = rngState;
    this.fitted = fitted;
    return this;
  }
}

/** Read a saved forest (toJSON's output), validating every part first. Internal. */
function parseSavedForest<T extends Tree>(
  json: unknown, type: RandomForestJSON['type'], where: string, readTree: (json: unknown) => T,
): { settings: ForestSettings; rngState: number[]; fitted: Fitted<T> | null } {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected a saved ${type} (toJSON's output), got ${describeValue(json)}`);
  if (json['type'] !== type) throw new ValueError(`${where}: expected type '${type}', got ${describeValue(json['type'])}`);
  const classifier = type === 'RandomForestClassifier';
  const raw = json['options'];
  if (!isPlainObject(raw) || !isPlainObject(raw['tree'])) throw new ValueError(`${where}: options must be a saved forest's options, got ${describeValue(raw)}`);
  const tree = settingsToOptions({ ...(raw['tree'] as unknown as TreeSettings) });
  delete tree['ccpAlpha'];
  if (!classifier) delete tree['nClasses'];
  const { settings } = resolveForestSettings({ nEstimators: raw['nEstimators'], bootstrap: raw['bootstrap'], oob: raw['oob'], ...tree }, classifier, where);
  const rngState = checkRngState(json['rngState'], where);
  const saved = json['fitted'];
  if (saved === null) return { settings, rngState, fitted: null };
  if (!isPlainObject(saved)) throw new ValueError(`${where}: fitted must be null or an object, got ${describeValue(saved)}`);
  const nFeatures = assertInteger(saved['nFeatures'], 'fitted.nFeatures', where, { min: 1 });
  const nOutputs = assertInteger(saved['nOutputs'], 'fitted.nOutputs', where, { min: 1 });
  const list = saved['trees'];
  if (!Array.isArray(list) || list.length !== settings.nEstimators) {
    throw new ValueError(`${where}: fitted.trees must be a list of ${settings.nEstimators} saved trees, got ${describeValue(list)}`);
  }
  const trees = list.map((item: unknown) => readTree(item));
  for (const t of trees) {
    const arrays = t.tree;
    if (t.nFeatures !== nFeatures || arrays.value.shape[1] !== nOutputs) {
      throw new ValueError(`${where}: every tree must have ${nFeatures} features and ${nOutputs} outputs`);
    }
  }
  const oobScore = saved['oobScore'] === null ? null : float64FromJSON(saved['oobScore'], 'fitted.oobScore', where)[0] ?? NaN;
  const oob = saved['oob'] === null ? null : tensorFromJSON(saved['oob'], 'fitted.oob', where);
  return { settings, rngState, fitted: { trees, nFeatures, nOutputs, oobScore, oob } };
}

/** A random forest of classification trees (file comment). */
export class RandomForestClassifier extends RandomForestBase<DecisionTreeClassifier> {
  protected readonly kind = 'RandomForestClassifier';

  /** A forest with the options of the file comment (maxFeatures 'sqrt' by default); throws before anything is made if one is invalid. */
  constructor(options?: RandomForestClassifierOptions) {
    const { settings, rng } = resolveForestSettings(options, true, 'RandomForestClassifier');
    super(settings, rng);
  }

  protected makeTree(K: number, rng: Rng): DecisionTreeClassifier {
    return new DecisionTreeClassifier({ ...(settingsToOptions(this.settings.tree) as DecisionTreeClassifierOptions), nClasses: K, rng });
  }

  /** Grow the forest on X (n×d) and class indices y ([n]); returns this. Nothing changes when the data is refused. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'RandomForestClassifier.fit';
    checkTrainingX(X, where);
    const [n, d] = X.shape as [number, number];
    const { labels, K } = checkLabels(y, n, this.settings.tree.nClasses, where);
    featuresPerNode(this.settings.tree.maxFeatures, d, where);
    const { trees, oobSum, oobVotes } = this.growTrees(X, labels, null, K);
    let oobScore: number | null = null, oob: Tensor | null = null;
    if (this.settings.oob) {
      const rows: number[] = [];
      const predicted = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (oobVotes[i] === 0) {
          oobSum.fill(NaN, i * K, i * K + K);
          continue;
        }
        rows.push(i);
        let best = 0;
        for (let c = 0; c < K; c++) {
          oobSum[i * K + c] = oobSum[i * K + c]! / oobVotes[i]!;
          if (oobSum[i * K + c]! > oobSum[i * K + best]!) best = c;
        }
        predicted[i] = best;
      }
      oobScore = rows.length === 0 ? NaN : accuracy(pick(labels, rows), pick(predicted, rows));
      oob = { shape: [n, K], data: oobSum };
    }
    this.fitted = { trees, nFeatures: d, nOutputs: K, oobScore, oob };
    return this;
  }

  /** K, the number of classes. */
  get nClasses(): number {
    return this.need('nClasses').nOutputs;
  }

  /** The out-of-bag class probabilities, n×K (NaN rows for rows every tree saw); needs the option oob. */
  get oobDecisionFunction(): Tensor {
    const { oob } = this.need('oobDecisionFunction');
    if (oob === null) throw new ValueError('RandomForestClassifier.oobDecisionFunction: the forest was fitted without oob: true');
    return { shape: [...oob.shape], data: oob.data.slice() };
  }

  /** The mean of the trees' class probabilities for each row of X (n×d): n×K. */
  predictProba(X: Tensor): Tensor {
    const { nFeatures, nOutputs } = this.need('predictProba');
    checkPredictX(X, nFeatures, 'RandomForestClassifier.predictProba');
    return { shape: [X.shape[0]!, nOutputs], data: this.average(X) };
  }

  /** The argmax of predictProba for each row of X (ties: the lowest index); a vector [n]. */
  predict(X: Tensor): Tensor {
    const { nFeatures, nOutputs: K } = this.need('predict');
    checkPredictX(X, nFeatures, 'RandomForestClassifier.predict');
    const p = this.average(X), n = X.shape[0]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < K; c++) if (p[i * K + c]! > p[i * K + best]!) best = c;
      out[i] = best;
    }
    return { shape: [n], data: out };
  }

  /** Rebuild a forest from toJSON's output, validating it first. */
  static fromJSON(json: unknown): RandomForestClassifier {
    const where = 'RandomForestClassifier.fromJSON';
    const { settings, rngState, fitted } = parseSavedForest(json, 'RandomForestClassifier', where, (item) => loadClassifier(item, where));
    return new RandomForestClassifier(forestOptions(settings) as RandomForestClassifierOptions).restore(rngState, fitted);
  }
}

/** A random forest of regression trees (file comment). */
export class RandomForestRegressor extends RandomForestBase<DecisionTreeRegressor> {
  protected readonly kind = 'RandomForestRegressor';

  /** A forest with the options of the file comment (maxFeatures 'all' by default); throws before anything is made if one is invalid. */
  constructor(options?: RandomForestRegressorOptions) {
    const { settings, rng } = resolveForestSettings(options, false, 'RandomForestRegressor');
    super(settings, rng);
  }

  protected makeTree(_K: number, rng: Rng): DecisionTreeRegressor {
    return new DecisionTreeRegressor({ ...(settingsToOptions(this.settings.tree) as DecisionTreeRegressorOptions), rng });
  }

  /** Grow the forest on X (n×d) and real targets y ([n]); returns this. Nothing changes when the data is refused. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'RandomForestRegressor.fit';
    checkTrainingX(X, where);
    const [n, d] = X.shape as [number, number];
    const targets = checkTargets(y, n, where);
    featuresPerNode(this.settings.tree.maxFeatures, d, where);
    const { trees, oobSum, oobVotes } = this.growTrees(X, null, targets, 1);
    let oobScore: number | null = null, oob: Tensor | null = null;
    if (this.settings.oob) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) {
        oobSum[i] = oobVotes[i] === 0 ? NaN : oobSum[i]! / oobVotes[i]!;
        if (oobVotes[i]! > 0) rows.push(i);
      }
      oobScore = rows.length === 0 ? NaN : r2(pick(targets, rows), pick(oobSum, rows));
      oob = { shape: [n], data: oobSum };
    }
    this.fitted = { trees, nFeatures: d, nOutputs: 1, oobScore, oob };
    return this;
  }

  /** The out-of-bag prediction of each training row, [n] (NaN for rows every tree saw); needs the option oob. */
  get oobPrediction(): Tensor {
    const { oob } = this.need('oobPrediction');
    if (oob === null) throw new ValueError('RandomForestRegressor.oobPrediction: the forest was fitted without oob: true');
    return { shape: [...oob.shape], data: oob.data.slice() };
  }

  /** The mean of the trees' predictions for each row of X (n×d); a vector [n]. */
  predict(X: Tensor): Tensor {
    const { nFeatures } = this.need('predict');
    checkPredictX(X, nFeatures, 'RandomForestRegressor.predict');
    return { shape: [X.shape[0]!], data: this.average(X) };
  }

  /** Rebuild a forest from toJSON's output, validating it first. */
  static fromJSON(json: unknown): RandomForestRegressor {
    const where = 'RandomForestRegressor.fromJSON';
    const { settings, rngState, fitted } = parseSavedForest(json, 'RandomForestRegressor', where, (item) => loadRegressor(item, where));
    return new RandomForestRegressor(forestOptions(settings) as RandomForestRegressorOptions).restore(rngState, fitted);
  }
}

/** Constructor options that reproduce resolved forest settings. Internal. */
function forestOptions(settings: ForestSettings): Record<string, unknown> {
  const tree = settingsToOptions(settings.tree);
  delete tree['ccpAlpha'];
  return { nEstimators: settings.nEstimators, bootstrap: settings.bootstrap, oob: settings.oob, ...tree };
}
