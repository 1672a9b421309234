/**
 * Gaussian naive Bayes: each feature, within each class, normally
 * distributed and independent of the others given the class (EQ-BAYES-06/07).
 *
 *   P(f_j | c_k) = N(f_j; μ_kj, σ²_kj) = exp(−(f_j − μ_kj)²/(2σ²_kj)) / √(2π σ²_kj)
 *   log P(f | c_k) = −½ Σ_j log(2π σ²_kj) − ½ Σ_j (f_j − μ_kj)²/σ²_kj
 *
 *   μ_kj  = mean of feature j over the n_k examples of class k
 *   σ²_kj = (1/n_k)·Σ (x_ij − μ_kj)² + ε       (maximum likelihood, plus smoothing)
 *   ε     = varSmoothing · max_j Var(x_j)        (Var over all training rows)
 *
 * Variance smoothing, `varSmoothing` (default 1e-9, scikit-learn's): a
 * feature that is constant within a class has σ² = 0, and its density is
 * infinite at μ and zero elsewhere; ε keeps every σ² > 0 and every
 * log-likelihood finite while changing the variances of informative features
 * by a relative 1e-9 of the widest one, which is negligible. When every
 * feature is constant (max Var = 0), ε = varSmoothing itself.
 *
 * Statistics kept: per class n_k, μ_kj and M2_kj = Σ (x_ij − μ_kj)², and the
 * same over all rows (for ε). A batch (its own two-pass mean and M2) merges
 * into them by Chan et al.'s formula, so `partialFit` over batches matches
 * one `fit`:
 *   n = n_a + n_b,  δ = μ_b − μ_a,  μ = μ_a + δ·n_b/n,  M2 = M2_a + M2_b + δ²·n_a·n_b/n
 *
 * Options: varSmoothing ≥ 0 (default 1e-9), and priors, nClasses (naive-bayes.ts).
 * Fitted attributes: means, variances (K×d), epsilon, classCount, classLogPrior.
 */
import { assertNumber } from '../errors/index.js';
import { float64ToJSON } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { NaiveBayesBase, parseSavedBase, resolveBase, savedArray } from './naive-bayes.js';
import type { Fitted, NaiveBayesOptions } from './naive-bayes.js';
import type { EntryRule } from './validate.js';
import { log } from '../math/index.js';

export interface GaussianNBOptions extends NaiveBayesOptions {
  /** ε = varSmoothing · max_j Var(x_j) added to every variance (default 1e-9). */
  varSmoothing?: number;
}

/** Sufficient statistics and the parameters derived from them. Internal. */
interface GaussianStats {
  /** μ_kj, K×d. */
  mean: Float64Array;
  /** M2_kj = Σ (x − μ_kj)², K×d. */
  m2: Float64Array;
  /** Over all rows: count, mean [d] and M2 [d] (for ε). */
  totalCount: number;
  totalMean: Float64Array;
  totalM2: Float64Array;
  /** Derived: ε, σ²_kj (K×d) and −½ Σ_j log(2π σ²_kj) per class. */
  epsilon: number;
  variance: Float64Array;
  logNormaliser: Float64Array;
}

/** n_a, μ_a, M2_a merged with n_b, μ_b, M2_b into the arrays `mean`, `m2` at `at`; internal. */
function merge(mean: Float64Array, m2: Float64Array, at: number, na: number, nb: number, meanB: number, m2B: number): void {
  if (nb === 0) return;
  if (na === 0) {
    mean[at] = meanB;
    m2[at] = m2B;
    return;
  }
  const n = na + nb, delta = meanB - mean[at]!;
  mean[at] = mean[at]! + (delta * nb) / n;
  m2[at] = m2[at]! + m2B + (delta * delta * na * nb) / n;
}

/** ε, σ² and the log-normalisers from the statistics; internal. */
function derive(s: Omit<GaussianStats, 'epsilon' | 'variance' | 'logNormaliser'>, count: Float64Array, varSmoothing: number, K: number, d: number): GaussianStats {
  let widest = 0;
  for (let j = 0; j < d; j++) widest = Math.max(widest, s.totalCount > 0 ? s.totalM2[j]! / s.totalCount : 0);
  const epsilon = varSmoothing * (widest > 0 ? widest : 1);
  const variance = new Float64Array(K * d), logNormaliser = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const nk = count[k]!;
    let c = 0;
    for (let j = 0; j < d; j++) {
      const v = (nk > 0 ? s.m2[k * d + j]! / nk : 0) + epsilon;
      variance[k * d + j] = v;
      c += log(2 * Math.PI * v);
    }
    logNormaliser[k] = -0.5 * c;
  }
  return { ...s, epsilon, variance, logNormaliser };
}

/** The validated options; `where` names the public function for messages. */
function resolveOptions(options: unknown, where: string): ReturnType<typeof resolveBase> & { varSmoothing: number } {
  const base = resolveBase(options, ['varSmoothing'], where);
  return { ...base, varSmoothing: assertNumber(base.o['varSmoothing'] ?? 1e-9, 'varSmoothing', where, { min: 0 }) };
}

/** Gaussian naive Bayes (file comment). */
export class GaussianNB extends NaiveBayesBase<GaussianStats> {
  protected readonly kind = 'GaussianNB';
  /** ε = varSmoothing · max_j Var(x_j). */
  readonly varSmoothing: number;

  /** A Gaussian naive-Bayes model with the options of the file comment; throws before anything is made if one is invalid. */
  constructor(options?: GaussianNBOptions) {
    const { priors, nClasses, varSmoothing } = resolveOptions(options, 'GaussianNB');
    super(priors, nClasses);
    this.varSmoothing = varSmoothing;
  }

  protected entryRule(): EntryRule {
    return 'finite';
  }

  protected emptyStats(K: number, d: number): GaussianStats {
    const empty = { mean: new Float64Array(K * d), m2: new Float64Array(K * d), totalCount: 0, totalMean: new Float64Array(d), totalM2: new Float64Array(d) };
    return derive(empty, new Float64Array(K), this.varSmoothing, K, d);
  }

  protected addBatch(stats: GaussianStats, count: Float64Array, X: Float64Array, n: number, d: number, labels: Int32Array, K: number): GaussianStats {
    // The batch's own per-class mean and M2 (two passes), then Chan's merge.
    const nb = new Float64Array(K), sum = new Float64Array(K * d), dev = new Float64Array(K * d);
    for (let i = 0; i < n; i++) {
      const k = labels[i]!, row = i * d, base = k * d;
      nb[k] = nb[k]! + 1;
      for (let j = 0; j < d; j++) sum[base + j] = sum[base + j]! + X[row + j]!;
    }
    for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) if (nb[k]! > 0) sum[k * d + j] = sum[k * d + j]! / nb[k]!;
    for (let i = 0; i < n; i++) {
      const row = i * d, base = labels[i]! * d;
      for (let j = 0; j < d; j++) {
        const r = X[row + j]! - sum[base + j]!;
        dev[base + j] = dev[base + j]! + r * r;
      }
    }
    // The batch over all classes, from its classes by the same merge (the law of total variance).
    const totalSum = new Float64Array(d), totalDev = new Float64Array(d);
    let seen = 0;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) merge(totalSum, totalDev, j, seen, nb[k]!, sum[k * d + j]!, dev[k * d + j]!);
      seen += nb[k]!;
    }
    const mean = stats.mean.slice(), m2 = stats.m2.slice(), totalMean = stats.totalMean.slice(), totalM2 = stats.totalM2.slice();
    const newCount = count.slice();
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) merge(mean, m2, k * d + j, count[k]!, nb[k]!, sum[k * d + j]!, dev[k * d + j]!);
      newCount[k] = count[k]! + nb[k]!;
    }
    for (let j = 0; j < d; j++) merge(totalMean, totalM2, j, stats.totalCount, n, totalSum[j]!, totalDev[j]!);
    return derive({ mean, m2, totalCount: stats.totalCount + n, totalMean, totalM2 }, newCount, this.varSmoothing, K, d);
  }

  protected addLogLikelihood(out: Float64Array, X: Float64Array, n: number, fitted: Fitted<GaussianStats>): void {
    const { K, d } = fitted;
    const { mean, variance, logNormaliser } = fitted.stats;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let q = 0;
        for (let j = 0; j < d; j++) {
          const r = X[i * d + j]! - mean[k * d + j]!;
          q += (r * r) / variance[k * d + j]!;
        }
        out[i * K + k] = out[i * K + k]! + logNormaliser[k]! - 0.5 * q;
      }
    }
  }

  /** μ_kj, the mean of each feature within each class; K×d. */
  get means(): Tensor {
    const { K, d, stats } = this.need('means');
    return { shape: [K, d], data: stats.mean.slice() };
  }

  /** σ²_kj, the smoothed variance of each feature within each class; K×d. */
  get variances(): Tensor {
    const { K, d, stats } = this.need('variances');
    return { shape: [K, d], data: stats.variance.slice() };
  }

  /** ε, the variance added to every σ²_kj. */
  get epsilon(): number {
    return this.need('epsilon').stats.epsilon;
  }

  protected optionsJSON(): Record<string, unknown> {
    return { varSmoothing: this.varSmoothing };
  }

  protected statsJSON(s: GaussianStats): Record<string, unknown> {
    return {
      mean: float64ToJSON(s.mean), m2: float64ToJSON(s.m2), totalCount: s.totalCount,
      totalMean: float64ToJSON(s.totalMean), totalM2: float64ToJSON(s.totalM2),
    };
  }

  /** Rebuild a model from toJSON's output, validating it first. */
  static fromJSON(json: unknown): GaussianNB {
    const where = 'GaussianNB.fromJSON';
    const { options, fitted } = parseSavedBase(json, 'GaussianNB', where);
    resolveOptions(options, where);
    const model = new GaussianNB(options as GaussianNBOptions);
    if (fitted === null) return model['restore'](null);
    const { K, d, classCount, raw } = fitted;
    const stats = {
      mean: savedArray(raw['mean'], K * d, 'fitted.mean', where, true),
      m2: savedArray(raw['m2'], K * d, 'fitted.m2', where),
      totalCount: savedArray([raw['totalCount']], 1, 'fitted.totalCount', where)[0]!,
      totalMean: savedArray(raw['totalMean'], d, 'fitted.totalMean', where, true),
      totalM2: savedArray(raw['totalM2'], d, 'fitted.totalM2', where),
    };
    return model['restore']({ K, d, classCount, stats: derive(stats, classCount, model.varSmoothing, K, d) });
  }
}
