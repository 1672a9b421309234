/**
 * Bernoulli naive Bayes: each feature a yes/no event (a k-mer present or
 * absent), independent of the others given the class (EQ-BAYES-06/07).
 *
 *   b_j = 1 if f_j > threshold else 0          (binarising, option `binarize`)
 *   P(f | c_k) = Π_j p_kj^{b_j}·(1 − p_kj)^{1 − b_j}
 *   log P(f | c_k) = Σ_j [b_j·log p_kj + (1 − b_j)·log(1 − p_kj)]
 *
 *   p_kj = (N_kj + α) / (n_k + 2α)     N_kj = #{i in class k : b_ij = 1}
 *
 * Unlike the multinomial model, an absent feature counts as evidence too
 * (the factor 1 − p_kj). With α = 0 these are the raw frequencies
 * p_kj = N_kj/n_k (EQ-BAYES-07); α = 1 (the default) is Laplace's rule and
 * keeps every p_kj inside (0, 1).
 *
 * Options: alpha ≥ 0 (default 1); binarize, the threshold (default 0, so
 * that any positive count is "present"), or null when X already holds 0/1
 * (anything else is then a ValueError); priors, nClasses (naive-bayes.ts).
 * Fitted attributes: featureCount (N_kj), featureLogProb (log p_kj),
 * classCount, classLogPrior.
 */
import { ArgumentTypeError, ValueError, assertNumber, describeValue } from '../errors/index.js';
import { float64ToJSON } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { NaiveBayesBase, parseSavedBase, resolveBase, savedArray } from './naive-bayes.js';
import type { Fitted, NaiveBayesOptions } from './naive-bayes.js';
import type { EntryRule } from './validate.js';
import { log } from '../math/index.js';

export interface BernoulliNBOptions extends NaiveBayesOptions {
  /** Additive smoothing α ≥ 0 (default 1, Laplace). */
  alpha?: number;
  /** b = x > binarize (default 0); null: X holds 0/1 already. */
  binarize?: number | null;
}

interface BernoulliStats {
  /** N_kj, K×d. */
  featureCount: Float64Array;
  /** Derived: log p_kj and log(1 − p_kj), K×d. */
  logP: Float64Array;
  logNotP: Float64Array;
}

/**
 * log p = log(N_kj + α) − log(n_k + 2α) and log(1 − p) = log(n_k − N_kj + α) − log(n_k + 2α),
 * each from counts (no 1 − p rounding); −∞ for a class with n_k + 2α = 0. Internal.
 */
function derive(featureCount: Float64Array, count: Float64Array, alpha: number, K: number, d: number): BernoulliStats {
  const logP = new Float64Array(K * d), logNotP = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    const denominator = count[k]! + 2 * alpha;
    const logDenominator = log(denominator);
    for (let j = 0; j < d; j++) {
      const N = featureCount[k * d + j]!;
      logP[k * d + j] = denominator > 0 ? log(N + alpha) - logDenominator : -Infinity;
      logNotP[k * d + j] = denominator > 0 ? log(count[k]! - N + alpha) - logDenominator : -Infinity;
    }
  }
  return { featureCount, logP, logNotP };
}

function resolveOptions(options: unknown, where: string): ReturnType<typeof resolveBase> & { alpha: number; binarize: number | null } {
  const base = resolveBase(options, ['alpha', 'binarize'], where);
  const alpha = assertNumber(base.o['alpha'] ?? 1, 'alpha', where, { min: 0 });
  const b = base.o['binarize'];
  if (b !== undefined && b !== null && typeof b !== 'number') {
    throw new ArgumentTypeError(`${where}: binarize must be a number (the threshold) or null, got ${describeValue(b)}`);
  }
  const binarize = b === null ? null : assertNumber(b ?? 0, 'binarize', where);
  return { ...base, alpha, binarize };
}

/** Bernoulli naive Bayes (file comment). */
export class BernoulliNB extends NaiveBayesBase<BernoulliStats> {
  protected readonly kind = 'BernoulliNB';
  /** The additive smoothing α. */
  readonly alpha: number;
  /** The binarising threshold (b = x > binarize), or null for 0/1 input. */
  readonly binarize: number | null;

  /** A Bernoulli naive-Bayes model with the options of the file comment; throws before anything is made if one is invalid. */
  constructor(options?: BernoulliNBOptions) {
    const { priors, nClasses, alpha, binarize } = resolveOptions(options, 'BernoulliNB');
    super(priors, nClasses);
    this.alpha = alpha;
    this.binarize = binarize;
  }

  protected entryRule(): EntryRule {
    return this.binarize === null ? 'binary' : 'finite';
  }

  /** b = 1 if x > threshold (or x itself when binarize is null). */
  private bit(x: number): number {
    return this.binarize === null ? x : x > this.binarize ? 1 : 0;
  }

  protected emptyStats(K: number, d: number): BernoulliStats {
    return derive(new Float64Array(K * d), new Float64Array(K), this.alpha, K, d);
  }

  protected addBatch(stats: BernoulliStats, count: Float64Array, X: Float64Array, n: number, d: number, labels: Int32Array, K: number): BernoulliStats {
    const featureCount = stats.featureCount.slice(), newCount = count.slice();
    for (let i = 0; i < n; i++) {
      const k = labels[i]!;
      newCount[k] = newCount[k]! + 1;
      for (let j = 0; j < d; j++) featureCount[k * d + j] = featureCount[k * d + j]! + this.bit(X[i * d + j]!);
    }
    return derive(featureCount, newCount, this.alpha, K, d);
  }

  protected addLogLikelihood(out: Float64Array, X: Float64Array, n: number, fitted: Fitted<BernoulliStats>): void {
    const { K, d } = fitted;
    const { logP, logNotP } = fitted.stats;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let s = 0;
        // Choose the term rather than multiply by b, so that 0·(−∞) never appears.
        for (let j = 0; j < d; j++) s += this.bit(X[i * d + j]!) === 1 ? logP[k * d + j]! : logNotP[k * d + j]!;
        out[i * K + k] = out[i * K + k]! + s;
      }
    }
  }

  /** N_kj, the examples of class k with feature j present; K×d. */
  get featureCount(): Tensor {
    const { K, d, stats } = this.need('featureCount');
    return { shape: [K, d], data: stats.featureCount.slice() };
  }

  /** log p_kj, the log-probability that feature j is present in class k; K×d. */
  get featureLogProb(): Tensor {
    const { K, d, stats } = this.need('featureLogProb');
    return { shape: [K, d], data: stats.logP.slice() };
  }

  protected optionsJSON(): Record<string, unknown> {
    return { alpha: this.alpha, binarize: this.binarize };
  }

  protected statsJSON(s: BernoulliStats): Record<string, unknown> {
    return { featureCount: float64ToJSON(s.featureCount) };
  }

  /** Rebuild a model from toJSON's output, validating it first. */
  static fromJSON(json: unknown): BernoulliNB {
    const where = 'BernoulliNB.fromJSON';
    const { options, fitted } = parseSavedBase(json, 'BernoulliNB', where);
    resolveOptions(options, where);
    const model = new BernoulliNB(options as BernoulliNBOptions);
    if (fitted === null) return model['restore'](null);
    const { K, d, classCount, raw } = fitted;
    const featureCount = savedArray(raw['featureCount'], K * d, 'fitted.featureCount', where);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) {
        if (featureCount[k * d + j]! > classCount[k]!) {
          throw new ValueError(`${where}: fitted.featureCount[${k}, ${j}] exceeds classCount[${k}]`);
        }
      }
    }
    return model['restore']({ K, d, classCount, stats: derive(featureCount, classCount, model.alpha, K, d) });
  }
}
