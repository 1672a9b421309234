/**
 * Multinomial naive Bayes, for counts such as the k-mer counts of a DNA
 * sequence: each example is a bag of N = Σ_j f_j draws of "words" j, drawn
 * independently with class-dependent probabilities θ_kj (EQ-BAYES-06/07).
 *
 *   P(f | c_k) = N!/(Π_j f_j!) · Π_j θ_kj^{f_j}
 *   log P(f | c_k) = Σ_j f_j·log θ_kj + log(N!/Π_j f_j!)
 *
 * The multinomial coefficient N!/Π f_j! is the same for every class, so it
 * cancels in the posterior and is left out: predictJointLogProba returns
 * log P(c_k) + Σ_j f_j·log θ_kj. A zero count contributes nothing
 * (0·log θ := 0, even where θ = 0).
 *
 *   θ_kj = (N_kj + α) / (N_k + α·d)     N_kj = Σ_{i in class k} x_ij,  N_k = Σ_j N_kj
 *
 * Additive smoothing α (option `alpha`, default 1): α = 1 is Laplace's rule,
 * 0 < α < 1 Lidstone's. Without it (α = 0, the raw frequencies N_kj/N_k) a
 * word never seen in class k has θ_kj = 0, and one occurrence of it makes
 * the class impossible; an example impossible under every class has no
 * posterior, and predicting it is a ValueError.
 *
 * X holds counts: finite and ≥ 0 (fractional values such as tf–idf weights
 * are accepted, as the formula does not need integers). Options: alpha ≥ 0
 * (default 1), priors, nClasses (naive-bayes.ts). Fitted attributes:
 * featureCount (N_kj), featureLogProb (log θ_kj), classCount, classLogPrior.
 */
import { assertNumber } from '../errors/index.js';
import { float64ToJSON } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { NaiveBayesBase, parseSavedBase, resolveBase, savedArray } from './naive-bayes.js';
import type { Fitted, NaiveBayesOptions } from './naive-bayes.js';
import type { EntryRule } from './validate.js';
import { log } from '../math/index.js';

export interface MultinomialNBOptions extends NaiveBayesOptions {
  /** Additive smoothing α ≥ 0 (default 1, Laplace). */
  alpha?: number;
}

interface MultinomialStats {
  /** N_kj, K×d. */
  featureCount: Float64Array;
  /** Derived: log θ_kj, K×d. */
  featureLogProb: Float64Array;
}

/** log θ_kj = log(N_kj + α) − log(N_k + α·d); −∞ throughout for a class with N_k + α·d = 0. Internal. */
function derive(featureCount: Float64Array, alpha: number, K: number, d: number): MultinomialStats {
  const featureLogProb = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    let Nk = 0;
    for (let j = 0; j < d; j++) Nk += featureCount[k * d + j]!;
    const denominator = Nk + alpha * d;
    const logDenominator = log(denominator);
    for (let j = 0; j < d; j++) {
      featureLogProb[k * d + j] = denominator > 0 ? log(featureCount[k * d + j]! + alpha) - logDenominator : -Infinity;
    }
  }
  return { featureCount, featureLogProb };
}

function resolveOptions(options: unknown, where: string): ReturnType<typeof resolveBase> & { alpha: number } {
  const base = resolveBase(options, ['alpha'], where);
  return { ...base, alpha: assertNumber(base.o['alpha'] ?? 1, 'alpha', where, { min: 0 }) };
}

/** Multinomial naive Bayes (file comment). */
export class MultinomialNB extends NaiveBayesBase<MultinomialStats> {
  protected readonly kind = 'MultinomialNB';
  /** The additive smoothing α. */
  readonly alpha: number;

  /** A multinomial naive-Bayes model with the options of the file comment; throws before anything is made if one is invalid. */
  constructor(options?: MultinomialNBOptions) {
    const { priors, nClasses, alpha } = resolveOptions(options, 'MultinomialNB');
    super(priors, nClasses);
    this.alpha = alpha;
  }

  protected entryRule(): EntryRule {
    return 'counts';
  }

  protected emptyStats(K: number, d: number): MultinomialStats {
    return derive(new Float64Array(K * d), this.alpha, K, d);
  }

  protected addBatch(stats: MultinomialStats, _count: Float64Array, X: Float64Array, n: number, d: number, labels: Int32Array, K: number): MultinomialStats {
    const featureCount = stats.featureCount.slice();
    for (let i = 0; i < n; i++) {
      const k = labels[i]!;
      for (let j = 0; j < d; j++) featureCount[k * d + j] = featureCount[k * d + j]! + X[i * d + j]!;
    }
    return derive(featureCount, this.alpha, K, d);
  }

  protected addLogLikelihood(out: Float64Array, X: Float64Array, n: number, fitted: Fitted<MultinomialStats>): void {
    const { K, d } = fitted;
    const logTheta = fitted.stats.featureLogProb;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const x = X[i * d + j]!;
          if (x !== 0) s += x * logTheta[k * d + j]!; // 0·log θ := 0
        }
        out[i * K + k] = out[i * K + k]! + s;
      }
    }
  }

  /** N_kj, the total count of feature j in class k; K×d. */
  get featureCount(): Tensor {
    const { K, d, stats } = this.need('featureCount');
    return { shape: [K, d], data: stats.featureCount.slice() };
  }

  /** log θ_kj, the smoothed log-probability of feature j in class k; K×d. */
  get featureLogProb(): Tensor {
    const { K, d, stats } = this.need('featureLogProb');
    return { shape: [K, d], data: stats.featureLogProb.slice() };
  }

  protected optionsJSON(): Record<string, unknown> {
    return { alpha: this.alpha };
  }

  protected statsJSON(s: MultinomialStats): Record<string, unknown> {
    return { featureCount: float64ToJSON(s.featureCount) };
  }

  /** Rebuild a model from toJSON's output, validating it first. */
  static fromJSON(json: unknown): MultinomialNB {
    const where = 'MultinomialNB.fromJSON';
    const { options, fitted } = parseSavedBase(json, 'MultinomialNB', where);
    resolveOptions(options, where);
    const model = new MultinomialNB(options as MultinomialNBOptions);
    if (fitted === null) return model['restore'](null);
    const { K, d, classCount, raw } = fitted;
    const featureCount = savedArray(raw['featureCount'], K * d, 'fitted.featureCount', where);
    return model['restore']({ K, d, classCount, stats: derive(featureCount, model.alpha, K, d) });
  }
}
