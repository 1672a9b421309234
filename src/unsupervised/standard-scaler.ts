/**
 * Standardisation (EQ-DATA-07; step 1 of PCA, EQ-UNSUPERVISED-07): per
 * feature j, fitted on the training data only,
 *
 *   μ_j = (1/n)·Σᵢ x_ij
 *   s_j = √( Σᵢ (x_ij − μ_j)² / (n − ddof) )     ddof 0 (default, population) or 1 (sample)
 *   x′_ij = (x_ij − μ_j) / s_j                   transform
 *   x_ij  = x′_ij·s_j + μ_j                      inverseTransform
 *
 * Validation and test data are transformed with the training μ and s and
 * never refit, so their means are not 0 in general. A constant column
 * (s_j = 0) is left unscaled: s_j is taken as 1, so it becomes 0, never NaN.
 * ddof = 0 is scikit-learn's StandardScaler; with ddof = 1 the columns of the
 * result have sample variance 1, so X′ᵀX′/(n − 1) is the correlation matrix
 * with an exact unit diagonal (EQ-LINALG-06).
 */
import { ArgumentTypeError, ValueError, assertBoolean, assertInteger, assertOptions, describeValue, isPlainObject } from '../errors/index.js';
import { float64FromJSON, float64ToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor } from '../linalg/index.js';
import { columnMoments } from './moments.js';
import { assertData, notFitted, savedObject } from './validate.js';

/** Options of StandardScaler. */
export interface StandardScalerOptions {
  /** Subtract the mean (default true). */
  withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
  /** The divisor of the variance is n − ddof: 0 (default, population) or 1 (sample). */
  ddof?: 0 | 1;
}

interface Fitted {
  mean: Float64Array;
  scale: Float64Array;
  variance: Float64Array;
  nSamples: number;
}

/** The saved form of a StandardScaler (toJSON). */
export interface StandardScalerJSON {
  type: 'StandardScaler';
  options: { withMean: boolean; withStd: boolean; ddof: 0 | 1 };
  fitted: null | { mean: Float64JSONValue[]; scale: Float64JSONValue[]; variance: Float64JSONValue[]; nSamples: number };
}

/**
 * Per-feature standardisation x′ = (x − μ)/s, fitted on training data.
 *
 *   const scaler = new StandardScaler().fit(XTrain);
 *   const Z = scaler.transform(XTest);          // the training μ and s
 *
 * Options: withMean (true), withStd (true), ddof 0 (population std, default) or 1.
 * Fitted: mean μ [d], scale s [d] (1 for a constant column), variance [d], nSamples.
 */
export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  readonly ddof: 0 | 1;
  #fitted: Fitted | null = null;

  constructor(options?: StandardScalerOptions) {
    ({ withMean: this.withMean, withStd: this.withStd, ddof: this.ddof } = scalerOptions(options, 'StandardScaler'));
  }

  /** Learn μ and s from X (n×d, finite; n > ddof). Returns this. */
  fit(X: Tensor): this {
    return this.#fit(X, 'StandardScaler.fit');
  }

  #fit(X: Tensor, where: string): this {
    const [n, d] = assertData(X, 'X', where);
    if (n - this.ddof <= 0) throw new ValueError(`${where}: ddof = ${this.ddof} needs more than ${this.ddof} sample(s), got n = ${n}`);
    const { mean, ss } = columnMoments(X.data, n, d);
    const variance = ss.map((s) => s / (n - this.ddof));
    const scale = variance.map((v) => (v > 0 ? Math.sqrt(v) : 1));
    this.#fitted = { mean, scale, variance, nSamples: n };
    return this;
  }

  /** x′ = (x − μ)/s with the fitted μ and s (each only if enabled). X: m×d. */
  transform(X: Tensor): Tensor {
    const f = this.#state('StandardScaler.transform');
    const [m, d] = assertData(X, 'X', 'StandardScaler.transform', f.mean.length);
    const out = new Float64Array(m * d), x = X.data;
    const mu = this.withMean ? f.mean : new Float64Array(d), s = this.withStd ? f.scale : new Float64Array(d).fill(1);
    for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j]! - mu[j]!) / s[j]!;
    return { shape: [m, d], data: out };
  }

  /** fit(X), then transform(X). */
  fitTransform(X: Tensor): Tensor {
    return this.#fit(X, 'StandardScaler.fitTransform').transform(X);
  }

  /** x = x′·s + μ, undoing transform. Z: m×d. */
  inverseTransform(Z: Tensor): Tensor {
    const f = this.#state('StandardScaler.inverseTransform');
    const [m, d] = assertData(Z, 'Z', 'StandardScaler.inverseTransform', f.mean.length);
    const out = new Float64Array(m * d), z = Z.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < d; j++) {
        const v = z[i * d + j]! * (this.withStd ? f.scale[j]! : 1);
        out[i * d + j] = this.withMean ? v + f.mean[j]! : v;
      }
    }
    return { shape: [m, d], data: out };
  }

  /** Has fit run? */
  get fitted(): boolean {
    return this.#fitted !== null;
  }
  /** μ, the training mean of each feature [d]. */
  get mean(): Tensor {
    return vector(this.#state('StandardScaler.mean').mean);
  }
  /** s, the training standard deviation of each feature [d] (1 for a constant column). */
  get scale(): Tensor {
    return vector(this.#state('StandardScaler.scale').scale);
  }
  /** The training variance of each feature [d], with divisor n − ddof. */
  get variance(): Tensor {
    return vector(this.#state('StandardScaler.variance').variance);
  }
  /** n, the number of training samples. */
  get nSamples(): number {
    return this.#state('StandardScaler.nSamples').nSamples;
  }

  #state(where: string): Fitted {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  /** The options and fitted statistics as plain JSON data (bit-exact). */
  toJSON(): StandardScalerJSON {
    const f = this.#fitted;
    return {
      type: 'StandardScaler',
      options: { withMean: this.withMean, withStd: this.withStd, ddof: this.ddof },
      fitted: f === null ? null : {
        mean: float64ToJSON(f.mean), scale: float64ToJSON(f.scale), variance: float64ToJSON(f.variance), nSamples: f.nSamples,
      },
    };
  }

  /** Rebuild a scaler from toJSON output, checking every field first. */
  static fromJSON(json: unknown): StandardScaler {
    const where = 'StandardScaler.fromJSON';
    const o = savedObject(json, 'StandardScaler', where);
    const scaler = new StandardScaler(scalerOptions(o['options'] as StandardScalerOptions | undefined, where));
    const f = o['fitted'];
    if (f === null) return scaler;
    if (!isPlainObject(f)) throw new ArgumentTypeError(`${where}: fitted must be null or an object, got ${describeValue(f)}`);
    const mean = float64FromJSON(f['mean'], 'fitted.mean', where);
    const scale = float64FromJSON(f['scale'], 'fitted.scale', where);
    const variance = float64FromJSON(f['variance'], 'fitted.variance', where);
    const nSamples = assertInteger(f['nSamples'], 'fitted.nSamples', where, { min: 1 });
    const d = mean.length;
    if (d === 0 || scale.length !== d || variance.length !== d) {
      throw new ValueError(`${where}: fitted.mean, scale and variance must have one length ≥ 1, got ${d}, ${scale.length}, ${variance.length}`);
    }
    if (scale.some((s) => !(s > 0 && Number.isFinite(s))) || mean.some((m) => !Number.isFinite(m))) {
      throw new ValueError(`${where}: fitted.scale must be finite and positive and fitted.mean finite`);
    }
    scaler.#fitted = { mean, scale, variance, nSamples };
    return scaler;
  }
}

/** The checked options, defaults filled in. */
function scalerOptions(options: StandardScalerOptions | undefined, where: string): Required<StandardScalerOptions> {
  const o = assertOptions(options, ['withMean', 'withStd', 'ddof'], where);
  return {
    withMean: assertBoolean(o.withMean ?? true, 'withMean', where),
    withStd: assertBoolean(o.withStd ?? true, 'withStd', where),
    ddof: assertInteger(o.ddof ?? 0, 'ddof', where, { min: 0, max: 1 }) as 0 | 1,
  };
}

const vector = (x: Float64Array): Tensor => ({ shape: [x.length], data: x.slice() });
