/**
 * What every naive-Bayes classifier shares (EQ-BAYES-01 … 11): Bayes'
 * theorem with the naive likelihood, computed in log space.
 *
 *   P(c_k | f) = P(f | c_k)·P(c_k) / P(f)                        Bayes' theorem (EQ-BAYES-01)
 *   P(f) = Σ_i P(f | c_i)·P(c_i)                                  the evidence (EQ-BAYES-02)
 *   P(f, c_k) = P(f₁ | f₂, …, f_n, c_k)·P(f₂ | f₃, …, c_k)⋯P(f_n | c_k)·P(c_k)   chain rule (EQ-BAYES-05)
 *   P(f | c_k) = Π_j P(f_j | c_k)                                 the naive assumption: P(f_i | f_{i+1…n}, c_k) = P(f_i | c_k) (EQ-BAYES-06/07)
 *   z_k = log P(c_k) + Σ_j log P(f_j | c_k)                       log relative posterior (EQ-BAYES-03)
 *   log P(c_k | f) = z_k − log Σ_i e^{z_i}                        "softmax" of log-scores (EQ-BAYES-04)
 *   ĉ = argmax_k z_k                                              the MAP rule (EQ-BAYES-08/09)
 *
 * The evidence is the same for every class, so the decision needs only z;
 * the probabilities divide by it through a stable log-sum-exp (log-space.ts).
 * Ties in the argmax go to the lowest class index (c₀ in the binary case).
 *
 * Class priors, option `priors`:
 *   'learned' (default)  P(c_k) = n_k/n from the training labels: the MAP rule
 *   'uniform'            P(c_k) = 1/K, which turns MAP into the ML rule
 *                        ĉ = argmax_k Π_j P(f_j | c_k) (EQ-BAYES-10/11)
 *   a Tensor [K]         given probabilities (≥ 0, summing to 1)
 * A class without training examples has no likelihood to speak of: its
 * z_k = −∞, so it is never predicted and its posterior is 0.
 *
 * `partialFit(X, y)` adds a batch to the sufficient statistics (counts,
 * sums, and for the Gaussian model means and squared deviations merged by
 * Chan's formula), so fitting batch by batch gives the model of one `fit`
 * on all of them. `fit` starts from nothing; `partialFit` on an unfitted
 * model is a first fit. K is fixed at the first fit: the `nClasses` option,
 * the length of given priors, or the largest label + 1.
 */
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError, assertInteger, assertOptions, describeValue, isPlainObject } from '../errors/index.js';
import { float64FromJSON, float64ToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor } from '../linalg/index.js';
import { assertTensor } from '../linalg/index.js';
import { logNormaliseRowsInto, softmaxRowsInto } from './log-space.js';
import { MAX_CLASSES, checkLabels, checkX } from './validate.js';
import type { EntryRule } from './validate.js';
import { log } from '../math/index.js';

/** The class prior: learned from the labels, uniform, or given as a Tensor [K]. */
export type Priors = 'learned' | 'uniform' | Tensor;

/** Options of every naive-Bayes model (file comment). */
export interface NaiveBayesOptions {
  /** 'learned' (default, MAP), 'uniform' (ML) or a Tensor [K] of probabilities. */
  priors?: Priors;
  /** K (default: the length of given priors, or the largest label of the first fit + 1). */
  nClasses?: number;
}

/** The fitted part every model has, plus the model's own statistics S. */
export interface Fitted<S> {
  K: number;
  d: number;
  /** n_k, the training examples of each class. */
  classCount: Float64Array;
  /** log P(c_k) as used by the rule. */
  classLogPrior: Float64Array;
  stats: S;
}

/** How the options of the base are saved. */
export interface SavedBase {
  priors: 'learned' | 'uniform' | Float64JSONValue[];
  nClasses: number | null;
}

const PRIOR_SUM_TOLERANCE = 1e-9;

/** Validate the shared options; `known` adds the model's own keys. Internal to bayes. */
export function resolveBase(options: unknown, known: readonly string[], where: string): {
  o: Record<string, unknown>; priors: 'learned' | 'uniform' | Float64Array; nClasses: number | null;
} {
  const o = assertOptions(options as Record<string, unknown> | undefined, ['priors', 'nClasses', ...known], where);
  let priors: 'learned' | 'uniform' | Float64Array = 'learned';
  const p = o['priors'];
  if (typeof p === 'string') {
    if (p !== 'learned' && p !== 'uniform') throw new ValueError(`${where}: priors must be 'learned', 'uniform' or a Tensor [K], got ${describeValue(p)}`);
    priors = p;
  } else if (p !== undefined) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) {
      throw new ArgumentTypeError(`${where}: priors must be 'learned', 'uniform' or a Tensor [K], got ${describeValue(p)}`);
    }
    assertTensor(p, 'priors', where);
    priors = checkPriorValues(p.shape, p.data, where);
  }
  const nClasses = o['nClasses'] === undefined ? null : assertInteger(o['nClasses'], 'nClasses', where, { min: 1, max: MAX_CLASSES });
  if (nClasses !== null && priors instanceof Float64Array && priors.length !== nClasses) {
    throw new ShapeError(`${where}: priors has ${priors.length} entries but nClasses = ${nClasses}`);
  }
  return { o, priors, nClasses };
}

function checkPriorValues(shape: readonly number[], data: Float64Array, where: string): Float64Array {
  if (shape.length !== 1 || data.length === 0 || data.length > MAX_CLASSES) {
    throw new ShapeError(`${where}: priors must be a non-empty vector [K], got shape [${shape.join(', ')}]`);
  }
  let sum = 0;
  for (let k = 0; k < data.length; k++) {
    const p = data[k]!;
    if (!(Number.isFinite(p) && p >= 0)) throw new ValueError(`${where}: priors must be finite and ≥ 0, got ${p} at entry ${k}`);
    sum += p;
  }
  if (!(Math.abs(sum - 1) <= PRIOR_SUM_TOLERANCE)) throw new ValueError(`${where}: priors must sum to 1, got Σ = ${sum}`);
  return data.slice();
}

/** The naive-Bayes classifier skeleton; the models supply the likelihood P(f_j | c_k). */
export abstract class NaiveBayesBase<S> {
  protected abstract readonly kind: 'GaussianNB' | 'MultinomialNB' | 'BernoulliNB';
  protected priors: 'learned' | 'uniform' | Float64Array;
  protected nClassesOption: number | null;
  protected fitted: Fitted<S> | null = null;

  protected constructor(priors: 'learned' | 'uniform' | Float64Array, nClasses: number | null) {
    this.priors = priors;
    this.nClassesOption = nClasses;
  }

  /** What the entries of X must be (finite reals, counts, 0/1). */
  protected abstract entryRule(): EntryRule;
  /** The statistics of a model that has seen nothing, for K classes and d features. */
  protected abstract emptyStats(K: number, d: number): S;
  /** New statistics: `stats` (of `count`, n_k before) plus the batch X (n×d) with labels; must not change `stats`. */
  protected abstract addBatch(stats: S, count: Float64Array, X: Float64Array, n: number, d: number, labels: Int32Array, K: number): S;
  /** out[i*K + k] += Σ_j log P(x_ij | c_k) for every row i and class k with n_k > 0. X validated. */
  protected abstract addLogLikelihood(out: Float64Array, X: Float64Array, n: number, fitted: Fitted<S>): void;
  /** The model's own options, as saved. */
  protected abstract optionsJSON(): Record<string, unknown>;
  /** The model's statistics, as saved. */
  protected abstract statsJSON(stats: S): Record<string, unknown>;

  protected need(method: string): Fitted<S> {
    if (this.fitted === null) throw new NotFittedError(`${this.kind}.${method}: this model is not fitted yet; call fit(X, y) first`);
    return this.fitted;
  }

  /** Validate a batch and return the model it makes (nothing assigned). */
  private updated(X: unknown, y: unknown, from: Fitted<S> | null, where: string): Fitted<S> {
    checkX(X, from === null ? null : from.d, this.entryRule(), false, where);
    const [n, d] = X.shape as [number, number];
    const known = from?.K ?? this.nClassesOption ?? (this.priors instanceof Float64Array ? this.priors.length : null);
    const { labels, K } = checkLabels(y, n, known, where);
    const count0 = from === null ? new Float64Array(K) : from.classCount;
    const stats0 = from === null ? this.emptyStats(K, d) : from.stats;
    const stats = this.addBatch(stats0, count0, X.data, n, d, labels, K);
    const classCount = count0.slice();
    for (let i = 0; i < n; i++) classCount[labels[i]!] = classCount[labels[i]!]! + 1;
    return { K, d, classCount, classLogPrior: this.logPrior(classCount), stats };
  }

  /** log P(c_k) under the prior option, for class counts n_k. */
  protected logPrior(classCount: Float64Array): Float64Array {
    const K = classCount.length;
    const out = new Float64Array(K);
    if (this.priors === 'uniform') out.fill(log(1 / K));
    else if (this.priors === 'learned') {
      let n = 0;
      for (let k = 0; k < K; k++) n += classCount[k]!;
      // log(n_k/n): a balanced set gives n_k/n = 1/K exactly, the same bits as the uniform prior; n_k = 0 gives −∞.
      for (let k = 0; k < K; k++) out[k] = log(classCount[k]! / n);
    } else {
      for (let k = 0; k < K; k++) out[k] = log(this.priors[k]!);
    }
    return out;
  }

  /** Fit from scratch on X (n×d) and class indices y ([n]); returns this. Nothing changes when the data is refused. */
  fit(X: Tensor, y: Tensor): this {
    this.fitted = this.updated(X, y, null, `${this.kind}.fit`);
    return this;
  }

  /**
   * Add a batch X (n×d), y ([n]) to what the model has seen (a first fit if
   * it has seen nothing); returns this. The batches' union gives the model
   * of one fit on it (up to rounding in the Gaussian model's merged means).
   */
  partialFit(X: Tensor, y: Tensor): this {
    this.fitted = this.updated(X, y, this.fitted, `${this.kind}.partialFit`);
    return this;
  }

  /** z = log P(c_k) + log P(x | c_k) for each row of X, n×K (−∞ for classes without examples). */
  private scores(X: unknown, method: string): { z: Float64Array; n: number; K: number } {
    const where = `${this.kind}.${method}`;
    const fitted = this.need(method);
    checkX(X, fitted.d, this.entryRule(), true, where);
    const n = X.shape[0]!, K = fitted.K;
    const z = new Float64Array(n * K);
    this.addLogLikelihood(z, X.data, n, fitted);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        z[i * K + k] = fitted.classCount[k]! > 0 ? z[i * K + k]! + fitted.classLogPrior[k]! : -Infinity;
      }
    }
    return { z, n, K };
  }

  private impossible(row: number, method: string): never {
    throw new ValueError(`${this.kind}.${method}: row ${row} of X has probability 0 under every class (a smoothing alpha > 0 avoids this)`);
  }

  /**
   * The joint log-probability log P(x, c_k) = log P(c_k) + log P(x | c_k) of
   * each row of X (n×d) and class: the log relative posterior z, n×K.
   */
  predictJointLogProba(X: Tensor): Tensor {
    const { z, n, K } = this.scores(X, 'predictJointLogProba');
    return { shape: [n, K], data: z };
  }

  /** log P(c_k | x) = z_k − log Σ_i e^{z_i} for each row of X (n×d), n×K. */
  predictLogProba(X: Tensor): Tensor {
    const { z, n, K } = this.scores(X, 'predictLogProba');
    const bad = logNormaliseRowsInto(z, n, K);
    if (bad >= 0) this.impossible(bad, 'predictLogProba');
    return { shape: [n, K], data: z };
  }

  /** P(c_k | x) = e^{z_k}/Σ_i e^{z_i} for each row of X (n×d), n×K; each row sums to 1. */
  predictProba(X: Tensor): Tensor {
    const { z, n, K } = this.scores(X, 'predictProba');
    const bad = softmaxRowsInto(z, n, K);
    if (bad >= 0) this.impossible(bad, 'predictProba');
    return { shape: [n, K], data: z };
  }

  /** The MAP class argmax_k z_k of each row of X (n×d), ties to the lowest index; a vector [n]. */
  predict(X: Tensor): Tensor {
    const { z, n, K } = this.scores(X, 'predict');
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (z[i * K + k]! > z[i * K + best]!) best = k;
      if (z[i * K + best] === -Infinity) this.impossible(i, 'predict');
      out[i] = best;
    }
    return { shape: [n], data: out };
  }

  /** K, the number of classes. */
  get nClasses(): number {
    return this.need('nClasses').K;
  }

  /** d, the number of features. */
  get nFeatures(): number {
    return this.need('nFeatures').d;
  }

  /** n_k, the training examples seen of each class; a vector [K]. */
  get classCount(): Tensor {
    const { classCount } = this.need('classCount');
    return { shape: [classCount.length], data: classCount.slice() };
  }

  /** log P(c_k), the prior the rule uses; a vector [K]. */
  get classLogPrior(): Tensor {
    const { classLogPrior } = this.need('classLogPrior');
    return { shape: [classLogPrior.length], data: classLogPrior.slice() };
  }

  /** The saved state: options and the sufficient statistics (floats bit for bit). */
  toJSON(): { type: string; options: Record<string, unknown>; fitted: Record<string, unknown> | null } {
    const f = this.fitted;
    const base: SavedBase = {
      priors: this.priors instanceof Float64Array ? float64ToJSON(this.priors) : this.priors,
      nClasses: this.nClassesOption,
    };
    return {
      type: this.kind,
      options: { ...base, ...this.optionsJSON() },
      fitted: f === null ? null : { nClasses: f.K, nFeatures: f.d, classCount: float64ToJSON(f.classCount), ...this.statsJSON(f.stats) },
    };
  }

  /** Restore a validated state (fromJSON). Internal. */
  protected restore(parts: { K: number; d: number; classCount: Float64Array; stats: S } | null): this {
    this.fitted = parts === null ? null : { ...parts, classLogPrior: this.logPrior(parts.classCount) };
    return this;
  }
}

/**
 * Read the shared part of a saved model: the type, the options (as
 * constructor options, priors back to a Tensor), and the fitted header.
 * Internal to bayes.
 */
export function parseSavedBase(json: unknown, type: string, where: string): {
  options: Record<string, unknown>; fitted: { K: number; d: number; classCount: Float64Array; raw: Record<string, unknown> } | null;
} {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected a saved ${type} (toJSON's output), got ${describeValue(json)}`);
  if (json['type'] !== type) throw new ValueError(`${where}: expected type '${type}', got ${describeValue(json['type'])}`);
  const raw = json['options'];
  if (!isPlainObject(raw)) throw new ValueError(`${where}: options must be an object, got ${describeValue(raw)}`);
  const options: Record<string, unknown> = { ...raw };
  if (options['nClasses'] === null) delete options['nClasses'];
  if (Array.isArray(options['priors'])) {
    const data = float64FromJSON(options['priors'], 'options.priors', where);
    options['priors'] = { shape: [data.length], data };
  }
  const saved = json['fitted'];
  if (saved === null) return { options, fitted: null };
  if (!isPlainObject(saved)) throw new ValueError(`${where}: fitted must be null or an object, got ${describeValue(saved)}`);
  const K = assertInteger(saved['nClasses'], 'fitted.nClasses', where, { min: 1, max: MAX_CLASSES });
  const d = assertInteger(saved['nFeatures'], 'fitted.nFeatures', where, { min: 1 });
  const classCount = savedArray(saved['classCount'], K, 'fitted.classCount', where);
  const priors = options['priors'] as { data?: unknown } | undefined;
  if ((typeof options['nClasses'] === 'number' && options['nClasses'] !== K) || (priors?.data instanceof Float64Array && priors.data.length !== K)) {
    throw new ValueError(`${where}: fitted.nClasses = ${K} does not match options.nClasses or the length of options.priors`);
  }
  return { options, fitted: { K, d, classCount, raw: saved } };
}

/** A saved array of `length` finite entries ≥ 0 (counts) or of any finite values (`signed`). Internal to bayes. */
export function savedArray(json: unknown, length: number, name: string, where: string, signed = false): Float64Array {
  const data = float64FromJSON(json, name, where);
  if (data.length !== length) throw new ShapeError(`${where}: ${name} must have ${length} entries, got ${data.length}`);
  for (let i = 0; i < length; i++) {
    const v = data[i]!;
    if (!(Number.isFinite(v) && (signed || v >= 0))) throw new ValueError(`${where}: ${name}[${i}] must be finite${signed ? '' : ' and ≥ 0'}, got ${v}`);
  }
  return data;
}
