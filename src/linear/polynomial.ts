/**
 * Polynomial basis features (000, "Why limit yourself to linear models?":
 * "Varying the degree of basis function results in different fits";
 * EQ-METRICS-08): a model linear in θ over non-linear features,
 *
 *   f(x; θ) = Σ_a θ_a·φ_a(x),   φ_a(x) = Π_j p_{a_j}(x_j),   |a| = Σ_j a_j ≤ degree
 *
 * over every multi-index a of total degree ≤ degree, in graded order: the
 * constant, then x_1 … x_d, then the degree-2 terms (x_1², x_1x_2, …, x_d²),
 * and so on (scikit-learn's order). The one-dimensional factor p_m is
 *
 *   'monomial'  p_m(x) = x^m
 *   'legendre'  P_m(x): P_0 = 1, P_1 = x, (m + 1)·P_{m+1} = (2m + 1)·x·P_m − m·P_{m−1}
 *
 * Legendre polynomials are orthogonal on [−1, 1], so for inputs scaled to
 * [−1, 1] their design matrix stays well conditioned where the monomial
 * (Vandermonde) one loses every digit: degree 14 on 15 points interpolates
 * with the Legendre basis. Inputs outside [−1, 1] are allowed; the basis is
 * then just less well conditioned.
 *
 * PolynomialRegression is these features (without the constant, which the
 * intercept replaces) followed by least squares, or ridge when alpha > 0.
 * Underfitting and overfitting by degree: the training error falls with the
 * degree, the test error falls and then rises.
 */
import { ArgumentTypeError, ValueError, assertBoolean, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue, isPlainObject } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { r2 } from '../metrics/index.js';
import { assertDesign, assertTargets, centre, coefOf, fitFromJSON, fitToJSON, interceptOf, interceptTensor, notFitted, predictWith, savedObject } from './model.js';
import type { LinearFit, LinearFitJSON } from './model.js';
import { ridgeWeights } from './ridge.js';

/** The largest number of features a basis may have. */
export const MAX_FEATURES = 1_000_000;

/** The multi-indices a (each [d] exponents) of total degree ≤ degree, in graded lexicographic order. */
export function exponents(d: number, degree: number): number[][] {
  const out: number[][] = [new Array<number>(d).fill(0)];
  // Degree t from degree t − 1: raise one variable at or after the last raised one (combinations with replacement).
  let previous: { a: number[]; last: number }[] = [{ a: new Array<number>(d).fill(0), last: 0 }];
  for (let t = 1; t <= degree; t++) {
    const next: { a: number[]; last: number }[] = [];
    for (const { a, last } of previous) {
      for (let j = last; j < d; j++) {
        const b = [...a];
        b[j]! += 1;
        next.push({ a: b, last: j });
      }
    }
    for (const { a } of next) out.push(a);
    previous = next;
  }
  return out;
}

/** C(d + degree, degree): the number of multi-indices, or Infinity past MAX_FEATURES. */
function termCount(d: number, degree: number): number {
  let c = 1;
  for (let t = 1; t <= degree; t++) {
    c = (c * (d + t)) / t;
    if (c > MAX_FEATURES) return Infinity;
  }
  return Math.round(c);
}

/** p_0(x) … p_degree(x) of one input. Internal. */
function factors(x: number, degree: number, basis: 'monomial' | 'legendre', out: Float64Array): void {
  out[0] = 1;
  if (degree >= 1) out[1] = x;
  for (let m = 1; m < degree; m++) {
    out[m + 1] = basis === 'monomial' ? out[m]! * x : ((2 * m + 1) * x * out[m]! - m * out[m - 1]!) / (m + 1);
  }
}

/** Options of PolynomialFeatures and polynomialFeatures. */
export interface PolynomialOptions {
  /** The largest total degree (default 2). */
  degree?: number;
  /** 'monomial' (default) or 'legendre'. */
  basis?: 'monomial' | 'legendre';
  /** Keep the constant feature φ = 1 (default true). */
  includeBias?: boolean;
}

type Settings = Required<PolynomialOptions>;

function settingsOf(options: PolynomialOptions | undefined, where: string): Settings {
  const o = assertOptions(options, ['degree', 'basis', 'includeBias'], where);
  return {
    degree: assertInteger(o.degree ?? 2, 'degree', where, { min: 0 }),
    basis: assertOneOf(o.basis ?? 'monomial', ['monomial', 'legendre'], 'basis', where),
    includeBias: assertBoolean(o.includeBias ?? true, 'includeBias', where),
  };
}

/** Φ(X): the features of the rows of X (n×d, checked) for the settings. Internal. */
function expand(X: Tensor, s: Settings, where: string): Tensor {
  const n = X.shape[0]!, d = X.shape[1]!;
  const count = termCount(d, s.degree);
  if (count > MAX_FEATURES || n * count > 2 ** 31 - 1) {
    throw new ValueError(`${where}: degree ${s.degree} in ${d} variables gives more than ${MAX_FEATURES} features (or more entries than a tensor holds)`);
  }
  const terms = exponents(d, s.degree).slice(s.includeBias ? 0 : 1);
  const m = terms.length, out = new Float64Array(n * m);
  const table = new Float64Array(d * (s.degree + 1)), row = new Float64Array(s.degree + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      factors(X.data[i * d + j]!, s.degree, s.basis, row);
      table.set(row, j * (s.degree + 1));
    }
    for (let t = 0; t < m; t++) {
      const a = terms[t]!;
      let v = 1;
      for (let j = 0; j < d; j++) if (a[j] !== 0) v *= table[j * (s.degree + 1) + a[j]!]!;
      out[i * m + t] = v;
    }
  }
  return { shape: [n, m], data: out };
}

/**
 * The polynomial features Φ(X) of the rows of X (n×d): n×C(d + degree, degree)
 * (one column fewer without the bias). Options: degree (2), basis ('monomial'), includeBias (true).
 */
export function polynomialFeatures(X: Tensor, options?: PolynomialOptions): Tensor {
  const s = settingsOf(options, 'polynomialFeatures');
  assertDesign(X, 'polynomialFeatures');
  return expand(X, s, 'polynomialFeatures');
}

/** Options of PolynomialRegression. */
export interface PolynomialRegressionOptions {
  degree?: number;
  basis?: 'monomial' | 'legendre';
  /** Ridge weight α ≥ 0 on the feature weights (default 0: least squares). */
  alpha?: number;
}

/** The saved form of a PolynomialRegression. */
export interface PolynomialRegressionJSON {
  type: 'PolynomialRegression';
  options: { degree: number; basis: 'monomial' | 'legendre'; alpha: number };
  fitted: null | (LinearFitJSON & { nFeatures: number });
}

/**
 * Polynomial regression: ŷ = Φ(x)·θ + b, with Φ the polynomial features
 * (without the constant) of the given degree and basis, fitted by least
 * squares (QR; SVD when rank-deficient) or by ridge with alpha > 0.
 *
 *   new PolynomialRegression({ degree: 3, basis: 'legendre' }).fit(X, y)
 */
export class PolynomialRegression {
  readonly degree: number;
  readonly basis: 'monomial' | 'legendre';
  readonly alpha: number;
  #fitted: (LinearFit & { nFeatures: number }) | null = null;

  constructor(options?: PolynomialRegressionOptions) {
    ({ degree: this.degree, basis: this.basis, alpha: this.alpha } = regressionSettings(options, 'PolynomialRegression'));
  }

  #features(X: Tensor, where: string): Tensor {
    return expand(X, { degree: this.degree, basis: this.basis, includeBias: false }, where);
  }

  /** Fit θ and b to X (n×d) and y ([n] or n×k). Returns this. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'PolynomialRegression.fit';
    const [n, d] = assertDesign(X, where);
    const { Y, vector } = assertTargets(y, n, where);
    const Phi = this.#features(X, where);
    if (Phi.shape[1] === 0) { // degree 0: the constant alone, which the intercept is
      const { yMean } = centre(X, Y, true);
      this.#fitted = { W: { shape: [0, Y.shape[1]!], data: new Float64Array(0) }, b: yMean, vector, nFeatures: d };
      return this;
    }
    const { Xc, Yc, xMean, yMean } = centre(Phi, Y, true);
    const W = ridgeWeights(Xc, Yc, this.alpha);
    this.#fitted = { W, b: interceptOf(W, xMean, yMean), vector, nFeatures: d };
    return this;
  }

  /** ŷ for the rows of X (m×d). */
  predict(X: Tensor): Tensor {
    const f = this.#state('PolynomialRegression.predict');
    assertDesign(X, 'PolynomialRegression.predict', f.nFeatures);
    return this.#predict(f, X, 'PolynomialRegression.predict');
  }

  #predict(f: LinearFit & { nFeatures: number }, X: Tensor, where: string): Tensor {
    const m = X.shape[0]!, k = f.b.length;
    if (f.W.shape[0] === 0) {
      const data = new Float64Array(m * k);
      for (let i = 0; i < m; i++) data.set(f.b, i * k);
      return f.vector ? { shape: [m], data } : { shape: [m, k], data };
    }
    return predictWith(f, this.#features(X, where));
  }

  /** R² on X, y. */
  score(X: Tensor, y: Tensor): number {
    const f = this.#state('PolynomialRegression.score');
    const [m] = assertDesign(X, 'PolynomialRegression.score', f.nFeatures);
    assertTargets(y, m, 'PolynomialRegression.score');
    return r2(y, this.#predict(f, X, 'PolynomialRegression.score'));
  }

  get fitted(): boolean { return this.#fitted !== null; }
  /** θ, one weight per feature after the constant (graded order). */
  get coef(): Tensor { return coefOf(this.#state('PolynomialRegression.coef')); }
  /** b. */
  get intercept(): Tensor { return interceptTensor(this.#state('PolynomialRegression.intercept')); }

  #state(where: string): LinearFit & { nFeatures: number } {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  toJSON(): PolynomialRegressionJSON {
    const f = this.#fitted;
    return {
      type: 'PolynomialRegression', options: { degree: this.degree, basis: this.basis, alpha: this.alpha },
      fitted: f === null ? null : { ...fitToJSON(f), nFeatures: f.nFeatures },
    };
  }

  static fromJSON(json: unknown): PolynomialRegression {
    const where = 'PolynomialRegression.fromJSON';
    const o = savedObject(json, 'PolynomialRegression', where);
    const model = new PolynomialRegression(regressionSettings(o['options'] as PolynomialRegressionOptions, where));
    const f = o['fitted'];
    if (f === null) return model;
    if (!isPlainObject(f)) throw new ArgumentTypeError(`${where}: fitted must be null or an object, got ${describeValue(f)}`);
    const nFeatures = assertInteger(f['nFeatures'], 'fitted.nFeatures', where, { min: 1 });
    const expected = termCount(nFeatures, model.degree) - 1;
    const fit = fitFromJSON(f, where, 0);
    if (fit.W.shape[0] !== expected) throw new ValueError(`${where}: fitted.W has ${fit.W.shape[0]} rows, but degree ${model.degree} in ${nFeatures} variables has ${expected} features`);
    model.#fitted = { ...fit, nFeatures };
    return model;
  }
}

function regressionSettings(options: PolynomialRegressionOptions | undefined, where: string): { degree: number; basis: 'monomial' | 'legendre'; alpha: number } {
  const o = assertOptions(options, ['degree', 'basis', 'alpha'], where);
  return {
    degree: assertInteger(o.degree ?? 2, 'degree', where, { min: 0 }),
    basis: assertOneOf(o.basis ?? 'monomial', ['monomial', 'legendre'], 'basis', where),
    alpha: assertNumber(o.alpha ?? 0, 'alpha', where, { min: 0 }),
  };
}
