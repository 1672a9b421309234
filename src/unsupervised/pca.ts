/**
 * Principal component analysis (001, "PCA step by step"), for data X: n×d
 * (rows are samples):
 *
 *   1. standardise (optional, EQ-UNSUPERVISED-07):  x′_j = (x_j − μ_j)/s_j,
 *      s_j the sample standard deviation (ddof 1), so that K below is the
 *      correlation matrix; otherwise only centre: x′ = x − μ
 *   2. decompose (EQ-UNSUPERVISED-08), either route:
 *        'eigen'  K = X′ᵀX′/(n − 1) = W·Λ·Wᵀ          (eigSym of the covariance)
 *        'svd'    X′ = U·Σ·Wᵀ,  λ_j = σ_j²/(n − 1)      (svd of the centred data)
 *      the two give the same W and λ (EQ-LINALG-06): K = WΣ²Wᵀ/(n − 1)
 *   3. sort λ descending and keep the top k eigenvectors, W_k: d×k
 *   4. the projection matrix W_k (stored as `components` = W_kᵀ, k×d, one
 *      principal axis per row, as scikit-learn stores it)
 *   5. transform  Z = X′·W_k  (m×k);  inverse  X̂ = Z·W_kᵀ, then undo step 1
 *
 * Properties the specs check: W_kᵀW_k = I_k; Z′ᵀZ′ = diag(σ₁², …, σ_k²) for
 * the training data, so the new features are uncorrelated (EQ-UNSUPERVISED-10);
 * the squared reconstruction error ‖X′ − X′W_kW_kᵀ‖²_F = Σ_{j>k} σ_j² is the
 * least of any rank-k orthonormal projection (Eckart–Young, EQ-UNSUPERVISED-09).
 *
 * Sign convention: each component's entry of largest magnitude (the first
 * such on a tie) is positive; so both routes give the same signs. With
 * k = d, W is orthogonal with det W = ±1: a rotation possibly composed with
 * a reflection (the lecture's "rotation" holds up to that sign).
 *
 * Whitening divides each column of Z by √λ_j, so the training Z has unit
 * sample variance per component; a component of zero variance is left as is.
 *
 * The eigen route costs one n×d by d×n product and a d×d eigendecomposition
 * (fast when n ≫ d, the default); the SVD route works on X′ itself and keeps
 * the small σ more accurately (K squares the condition number).
 */
import { ArgumentTypeError, ShapeError, ValueError, assertBoolean, assertInteger, assertOneOf, assertOptions, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import { eigSym, float64FromJSON, float64ToJSON, matmul, matmulTransA, matmulTransB, svd, tensorFromJSON, tensorToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor, TensorJSON } from '../linalg/index.js';
import { columnMoments } from './moments.js';
import { assertData, notFitted, savedObject } from './validate.js';

/** Options of PCA. */
export interface PCAOptions {
  /** k, the number of components kept (default min(n, d) at fit). */
  nComponents?: number;
  /** 'eigen' (default: eigSym of the covariance) or 'svd' (svd of the centred data). */
  solver?: 'eigen' | 'svd';
  /** Divide each feature by its sample standard deviation first (default false: centre only). */
  standardize?: boolean;
  /** Scale each component of Z to unit variance (default false). */
  whiten?: boolean;
}

interface Fitted {
  components: Tensor; // k×d
  explainedVariance: Float64Array; // λ_1 … λ_k
  totalVariance: number; // Σ_j λ_j over all d (trace of K)
  mean: Float64Array;
  scale: Float64Array;
  nSamples: number;
}

/** The saved form of a PCA (toJSON). */
export interface PCAJSON {
  type: 'PCA';
  options: { nComponents: number | null; solver: 'eigen' | 'svd'; standardize: boolean; whiten: boolean };
  fitted: null | {
    components: TensorJSON; explainedVariance: Float64JSONValue[]; totalVariance: Float64JSONValue;
    mean: Float64JSONValue[]; scale: Float64JSONValue[]; nSamples: number;
  };
}

/**
 * PCA by eigendecomposition of the covariance or by SVD of the centred data
 * (see the file comment).
 *
 *   const pca = new PCA({ nComponents: 2 }).fit(X);     // X: n×d
 *   const Z = pca.transform(X);                         // n×2
 *   pca.explainedVarianceRatio;                         // share of the variance per component
 *
 * Options: nComponents (min(n, d)), solver ('eigen' | 'svd'), standardize (false), whiten (false).
 */
export class PCA {
  readonly nComponentsOption: number | undefined;
  readonly solver: 'eigen' | 'svd';
  readonly standardize: boolean;
  readonly whiten: boolean;
  #fitted: Fitted | null = null;

  constructor(options?: PCAOptions) {
    const o = pcaOptions(options, 'PCA');
    this.nComponentsOption = o.nComponents;
    this.solver = o.solver;
    this.standardize = o.standardize;
    this.whiten = o.whiten;
  }

  /** Find the principal axes of X (n×d, finite, n ≥ 2). Returns this. */
  fit(X: Tensor): this {
    return this.#fit(X, 'PCA.fit');
  }

  #fit(X: Tensor, where: string): this {
    const [n, d] = assertData(X, 'X', where);
    if (n < 2) throw new ValueError(`${where}: the covariance needs at least 2 samples, got n = ${n}`);
    const k = this.nComponentsOption ?? Math.min(n, d);
    if (k > Math.min(n, d)) {
      throw new ValueError(`${where}: nComponents = ${k} is more than min(n, d) = ${Math.min(n, d)} (X is ${n}×${d})`);
    }
    const { mean, scale } = columnStatistics(X.data, n, d, this.standardize);
    const Xc = scaled(X, mean, scale);
    let W: Tensor, lambda: Float64Array, totalVariance: number;
    if (this.solver === 'eigen') {
      // K = X′ᵀX′/(n − 1): X′ is centred already, so one product (cov would centre again); made exactly symmetric.
      const K = matmulTransA(Xc, Xc);
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          const kab = (K.data[a * d + b]! + K.data[b * d + a]!) / 2 / (n - 1);
          K.data[a * d + b] = kab;
          K.data[b * d + a] = kab;
        }
      }
      const { values, vectors } = eigSym(K);
      W = vectors;
      lambda = values.data;
      totalVariance = 0;
      for (let j = 0; j < d; j++) totalVariance += K.data[j * d + j]!;
    } else {
      const { S, V } = svd(Xc);
      W = V;
      lambda = S.data.map((s) => (s * s) / (n - 1));
      totalVariance = 0;
      for (const x of Xc.data) totalVariance += x * x;
      totalVariance /= n - 1;
    }
    const p = W.shape[1]!;
    const components = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      let big = 0, sign = 1;
      for (let j = 0; j < d; j++) {
        const w = W.data[j * p + c]!;
        if (Math.abs(w) > big) { big = Math.abs(w); sign = w < 0 ? -1 : 1; }
      }
      for (let j = 0; j < d; j++) components[c * d + j] = sign * W.data[j * p + c]!;
    }
    const explainedVariance = Float64Array.from({ length: k }, (_, c) => Math.max(lambda[c]!, 0));
    this.#fitted = { components: { shape: [k, d], data: components }, explainedVariance, totalVariance, mean, scale, nSamples: n };
    return this;
  }

  /** Z = X′·W_k: the coordinates of the rows of X (m×d) on the k components, m×k (whitened if set). */
  transform(X: Tensor): Tensor {
    const f = this.#state('PCA.transform');
    assertData(X, 'X', 'PCA.transform', f.mean.length);
    const Z = matmulTransB(scaled(X, f.mean, f.scale), f.components);
    if (this.whiten) {
      const k = f.explainedVariance.length;
      for (let t = 0; t < Z.data.length; t++) {
        const lambda = f.explainedVariance[t % k]!;
        if (lambda > 0) Z.data[t]! /= Math.sqrt(lambda);
      }
    }
    return Z;
  }

  /** fit(X), then transform(X). */
  fitTransform(X: Tensor): Tensor {
    return this.#fit(X, 'PCA.fitTransform').transform(X);
  }

  /** X̂ = Z·W_kᵀ with step 1 undone (× s, + μ): back to the original features, m×d. Z: m×k. */
  inverseTransform(Z: Tensor): Tensor {
    const f = this.#state('PCA.inverseTransform');
    const k = f.explainedVariance.length, d = f.mean.length;
    const [m] = assertData(Z, 'Z', 'PCA.inverseTransform', k);
    let Zu = Z;
    if (this.whiten) {
      Zu = { shape: [m, k], data: Z.data.slice() };
      for (let t = 0; t < Zu.data.length; t++) {
        const lambda = f.explainedVariance[t % k]!;
        if (lambda > 0) Zu.data[t]! *= Math.sqrt(lambda);
      }
    }
    const Xh = matmul(Zu, f.components);
    for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) Xh.data[i * d + j] = Xh.data[i * d + j]! * f.scale[j]! + f.mean[j]!;
    return Xh;
  }

  /** Has fit run? */
  get fitted(): boolean { return this.#fitted !== null; }
  /** W_kᵀ: the k principal axes as rows, k×d, orthonormal, in order of decreasing variance. */
  get components(): Tensor { const c = this.#state('PCA.components').components; return { shape: [...c.shape], data: c.data.slice() }; }
  /** λ_1 ≥ … ≥ λ_k, the variance along each component (eigenvalues of K, divisor n − 1) [k]. */
  get explainedVariance(): Tensor { return vector(this.#state('PCA.explainedVariance').explainedVariance); }
  /** λ_j / Σ_all λ: the share of the total variance along each component [k] (0 for constant data). */
  get explainedVarianceRatio(): Tensor {
    const f = this.#state('PCA.explainedVarianceRatio');
    return vector(f.explainedVariance.map((l) => (f.totalVariance > 0 ? l / f.totalVariance : 0)));
  }
  /** σ_j = √((n − 1)·λ_j), the singular values of the centred (scaled) training data [k]. */
  get singularValues(): Tensor {
    const f = this.#state('PCA.singularValues');
    return vector(f.explainedVariance.map((l) => Math.sqrt((f.nSamples - 1) * l)));
  }
  /** μ, the training mean of each feature [d]. */
  get mean(): Tensor { return vector(this.#state('PCA.mean').mean); }
  /** s, the training standard deviation of each feature when standardising (1 for a constant column), else ones [d]. */
  get scale(): Tensor { return vector(this.#state('PCA.scale').scale); }
  /** k, the number of components kept. */
  get nComponents(): number { return this.#state('PCA.nComponents').explainedVariance.length; }
  /** d, the number of features seen by fit. */
  get nFeatures(): number { return this.#state('PCA.nFeatures').mean.length; }
  /** n, the number of training samples. */
  get nSamples(): number { return this.#state('PCA.nSamples').nSamples; }

  #state(where: string): Fitted {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  /** The options and the fitted model as plain JSON data, bit-exact. */
  toJSON(): PCAJSON {
    const f = this.#fitted;
    return {
      type: 'PCA',
      options: { nComponents: this.nComponentsOption ?? null, solver: this.solver, standardize: this.standardize, whiten: this.whiten },
      fitted: f === null ? null : {
        components: tensorToJSON(f.components), explainedVariance: float64ToJSON(f.explainedVariance),
        totalVariance: float64ToJSON([f.totalVariance])[0]!, mean: float64ToJSON(f.mean), scale: float64ToJSON(f.scale), nSamples: f.nSamples,
      },
    };
  }

  /** Rebuild a PCA from toJSON output, checking every field first. */
  static fromJSON(json: unknown): PCA {
    const where = 'PCA.fromJSON';
    const o = savedObject(json, 'PCA', where);
    const raw = o['options'];
    if (!isPlainObject(raw)) throw new ArgumentTypeError(`${where}: options must be an object, got ${describeValue(raw)}`);
    const options = { ...raw, nComponents: raw['nComponents'] === null ? undefined : raw['nComponents'] } as PCAOptions;
    pcaOptions(options, where);
    const model = new PCA(options);
    const f = o['fitted'];
    if (f === null) return model;
    if (!isPlainObject(f)) throw new ArgumentTypeError(`${where}: fitted must be null or an object, got ${describeValue(f)}`);
    const components = tensorFromJSON(f['components'], 'fitted.components', where);
    const explainedVariance = float64FromJSON(f['explainedVariance'], 'fitted.explainedVariance', where);
    const [totalVariance = NaN] = float64FromJSON([f['totalVariance']], 'fitted.totalVariance', where);
    const mean = float64FromJSON(f['mean'], 'fitted.mean', where), scale = float64FromJSON(f['scale'], 'fitted.scale', where);
    const nSamples = assertInteger(f['nSamples'], 'fitted.nSamples', where, { min: 2 });
    const k = explainedVariance.length, d = mean.length;
    if (components.shape.length !== 2 || components.shape[0] !== k || components.shape[1] !== d || d === 0 || k === 0 || scale.length !== d) {
      throw new ShapeError(`${where}: fitted.components must be k×d with k = ${k} variances and d = ${d} means and scales, got ${formatShape(components.shape)}`);
    }
    if (![...components.data, ...explainedVariance, totalVariance, ...mean].every(Number.isFinite) || !scale.every((s) => s > 0 && Number.isFinite(s))) {
      throw new ValueError(`${where}: the fitted values must be finite, and the scales positive`);
    }
    model.#fitted = { components, explainedVariance, totalVariance, mean, scale, nSamples };
    return model;
  }
}

/** The checked options, defaults filled in (nComponents stays undefined until fit). */
function pcaOptions(options: PCAOptions | undefined, where: string):
  { nComponents: number | undefined; solver: 'eigen' | 'svd'; standardize: boolean; whiten: boolean } {
  const o = assertOptions(options, ['nComponents', 'solver', 'standardize', 'whiten'], where);
  return {
    nComponents: o.nComponents === undefined ? undefined : assertInteger(o.nComponents, 'nComponents', where, { min: 1 }),
    solver: assertOneOf(o.solver ?? 'eigen', ['eigen', 'svd'], 'solver', where),
    standardize: assertBoolean(o.standardize ?? false, 'standardize', where),
    whiten: assertBoolean(o.whiten ?? false, 'whiten', where),
  };
}

/** μ and s (sample standard deviation when standardising, 1 for a constant column; else ones). Internal. */
function columnStatistics(x: Float64Array, n: number, d: number, standardize: boolean): { mean: Float64Array; scale: Float64Array } {
  const { mean, ss } = columnMoments(x, n, d, standardize);
  const scale = standardize ? ss.map((s) => (s > 0 ? Math.sqrt(s / (n - 1)) : 1)) : new Float64Array(d).fill(1);
  return { mean, scale };
}

/** (x − μ)/s row by row: a new m×d tensor. Internal. */
function scaled(X: Tensor, mean: Float64Array, scale: Float64Array): Tensor {
  const d = mean.length, m = X.data.length / d, out = new Float64Array(X.data.length);
  for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) out[i * d + j] = (X.data[i * d + j]! - mean[j]!) / scale[j]!;
  return { shape: [m, d], data: out };
}

const vector = (x: Float64Array): Tensor => ({ shape: [x.length], data: x.slice() });
