/**
 * Linear regression (000, "What is a linear model?"; 001, "Optimizing the
 * loss function"), ŷ = X·w + b, fitted by minimising the mean squared error
 *
 *   J(w, b) = (1/n)·‖y − X·w − b‖²                       (the lecture's MSE)
 *
 * (scikit-learn's LinearRegression minimises ½‖y − Xw − b‖², the same
 * minimiser). Two solvers:
 *
 *   'lstsq'  the least-squares solution by QR of the centred data (the
 *            normal equations XᵀX·w = Xᵀy without forming XᵀX), the minimum-
 *            norm one by SVD when X is rank-deficient (least-squares.ts)
 *   'gd'     gradient descent with the lecture's gradient (EQ-AUTODIFF-08)
 *              ∇_w J = (2/n)·Xᵀ(X·w + b − y),   ∂J/∂b = (2/n)·Σᵢ (ŷᵢ − yᵢ)
 *              w ← w − η·∇_w J,   b ← b − η·∂J/∂b        (EQ-OPTIMIZERS-01)
 *            from w = 0, b = 0, until max|∇J| ≤ tol or maxIter steps; the
 *            default η = 1/L with L = 2·λ_max([X 1]ᵀ[X 1])/n, the gradient's
 *            Lipschitz constant, so J never increases (the descent lemma)
 *
 * Both products of a gradient step are GEMMs (X·W, then Xᵀ·R). A target
 * n×k fits k regressions at once (W: d×k).
 */
import { ArgumentTypeError, assertBoolean, assertInteger, assertNumber, assertOneOf, assertOptions } from '../errors/index.js';
import { eigSym, matmul, matmulTransA } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { r2 } from '../metrics/index.js';
import { leastSquares } from './least-squares.js';
import {
  assertDesign, assertTargets, centre, design, coefOf, fitFromJSON, fitToJSON, interceptOf, interceptTensor, notFitted, predictWith, savedObject,
} from './model.js';
import type { LinearFit, LinearFitJSON } from './model.js';

/** Options of LinearRegression. */
export interface LinearRegressionOptions {
  /** Fit b (default true); false fits ŷ = X·w. */
  fitIntercept?: boolean;
  /** 'lstsq' (default: QR, SVD when rank-deficient) or 'gd' (gradient descent). */
  solver?: 'lstsq' | 'gd';
  /** η of 'gd': a positive number, or 'auto' (default) for 1/L. */
  learningRate?: number | 'auto';
  /** Steps of 'gd' at most (default 100 000). */
  maxIter?: number;
  /** 'gd' stops when max|∇J| ≤ tol (default 1e-10). */
  tol?: number;
}

interface Settings { fitIntercept: boolean; solver: 'lstsq' | 'gd'; learningRate: number | 'auto'; maxIter: number; tol: number }
interface Fitted extends LinearFit { nIter: number; converged: boolean; rankDeficient: boolean }

/** The saved form of a LinearRegression. */
export interface LinearRegressionJSON {
  type: 'LinearRegression';
  options: Settings;
  fitted: null | (LinearFitJSON & { nIter: number; converged: boolean; rankDeficient: boolean });
}

function settingsOf(options: LinearRegressionOptions | undefined, where: string): Settings {
  const o = assertOptions(options, ['fitIntercept', 'solver', 'learningRate', 'maxIter', 'tol'], where);
  const learningRate = o.learningRate === undefined || o.learningRate === 'auto' ? 'auto'
    : assertNumber(o.learningRate, 'learningRate', where, { min: 0, minExclusive: true });
  return {
    fitIntercept: assertBoolean(o.fitIntercept ?? true, 'fitIntercept', where),
    solver: assertOneOf(o.solver ?? 'lstsq', ['lstsq', 'gd'], 'solver', where),
    learningRate,
    maxIter: assertInteger(o.maxIter ?? 100_000, 'maxIter', where, { min: 1 }),
    tol: assertNumber(o.tol ?? 1e-10, 'tol', where, { min: 0 }),
  };
}

/** λ_max(AᵀA) of A = [X 1] (or X): the curvature that bounds the step size. Internal. */
export function largestEigenvalue(X: Tensor, withOnes: boolean): number {
  const a = design(X, withOnes), e = a.shape[1]!, G = matmulTransA(a, a);
  for (let p = 0; p < e; p++) for (let q = p + 1; q < e; q++) G.data[q * e + p] = G.data[p * e + q]!; // exactly symmetric
  return eigSym(G).values.data[0]!;
}

/** Gradient descent on J from zero (file comment). Internal: checked inputs. */
function gradientDescent(X: Tensor, Y: Tensor, s: Settings): { W: Tensor; b: Float64Array; nIter: number; converged: boolean } {
  const n = X.shape[0]!, d = X.shape[1]!, k = Y.shape[1]!;
  const L = (2 * largestEigenvalue(X, s.fitIntercept)) / n;
  const eta = s.learningRate === 'auto' ? (L > 0 ? 1 / L : 1) : s.learningRate;
  const W: Tensor = { shape: [d, k], data: new Float64Array(d * k) }, b = new Float64Array(k);
  let nIter = 0, converged = false;
  while (nIter < s.maxIter) {
    const R = matmul(X, W); // R = X·W + b − Y, the residuals ŷ − y
    const gb = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const r = R.data[i * k + c]! + b[c]! - Y.data[i * k + c]!;
        R.data[i * k + c] = r;
        gb[c]! += (2 / n) * r;
      }
    }
    const G = matmulTransA(X, R); // Xᵀ·R, then × 2/n
    let worst = 0;
    for (let t = 0; t < G.data.length; t++) worst = Math.max(worst, Math.abs((2 / n) * G.data[t]!));
    if (s.fitIntercept) for (let c = 0; c < k; c++) worst = Math.max(worst, Math.abs(gb[c]!));
    if (worst <= s.tol) { converged = true; break; }
    for (let t = 0; t < W.data.length; t++) W.data[t]! -= eta * (2 / n) * G.data[t]!;
    if (s.fitIntercept) for (let c = 0; c < k; c++) b[c]! -= eta * gb[c]!;
    nIter++;
  }
  return { W, b, nIter, converged };
}

/**
 * Least-squares linear regression ŷ = X·w + b (see the file comment).
 *
 *   const model = new LinearRegression().fit(X, y);     // X: n×d, y: [n] or n×k
 *   model.coef; model.intercept; model.predict(XNew); model.score(XTest, yTest);  // R²
 *
 * Options: fitIntercept (true), solver ('lstsq' | 'gd'), learningRate ('auto' = 1/L),
 * maxIter (100 000), tol (1e-10) — the last three for 'gd'.
 */
export class LinearRegression {
  readonly #settings: Settings;
  #fitted: Fitted | null = null;

  constructor(options?: LinearRegressionOptions) {
    this.#settings = settingsOf(options, 'LinearRegression');
  }

  get fitIntercept(): boolean { return this.#settings.fitIntercept; }
  get solver(): 'lstsq' | 'gd' { return this.#settings.solver; }

  /** Fit w and b to X (n×d) and y ([n] or n×k), finite. Returns this. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'LinearRegression.fit';
    const [n] = assertDesign(X, where);
    const { Y, vector } = assertTargets(y, n, where);
    const s = this.#settings;
    if (s.solver === 'gd') {
      const { W, b, nIter, converged } = gradientDescent(X, Y, s);
      this.#fitted = { W, b, vector, nIter, converged, rankDeficient: false };
      return this;
    }
    const { Xc, Yc, xMean, yMean } = centre(X, Y, s.fitIntercept);
    const { W, rankDeficient } = leastSquares(Xc, Yc);
    this.#fitted = { W, b: interceptOf(W, xMean, yMean), vector, nIter: 0, converged: true, rankDeficient };
    return this;
  }

  /** ŷ = X·w + b for X (m×d): [m], or m×k for a matrix target. */
  predict(X: Tensor): Tensor {
    const f = this.#state('LinearRegression.predict');
    assertDesign(X, 'LinearRegression.predict', f.W.shape[0]);
    return predictWith(f, X);
  }

  /** R² of the predictions on X against y (metrics.r2). */
  score(X: Tensor, y: Tensor): number {
    const f = this.#state('LinearRegression.score');
    const [m] = assertDesign(X, 'LinearRegression.score', f.W.shape[0]);
    assertTargets(y, m, 'LinearRegression.score');
    return r2(y, predictWith(f, X));
  }

  get fitted(): boolean { return this.#fitted !== null; }
  /** w: [d], or d×k for a matrix target. */
  get coef(): Tensor { return coefOf(this.#state('LinearRegression.coef')); }
  /** b: a scalar tensor (shape []), or [k] for a matrix target. */
  get intercept(): Tensor { return interceptTensor(this.#state('LinearRegression.intercept')); }
  /** Gradient steps taken ('gd'; 0 for 'lstsq'). */
  get nIter(): number { return this.#state('LinearRegression.nIter').nIter; }
  /** Did 'gd' reach max|∇J| ≤ tol ('lstsq': always true)? */
  get converged(): boolean { return this.#state('LinearRegression.converged').converged; }
  /** Was X rank-deficient, so that the minimum-norm solution was taken by SVD? */
  get rankDeficient(): boolean { return this.#state('LinearRegression.rankDeficient').rankDeficient; }

  #state(where: string): Fitted {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  toJSON(): LinearRegressionJSON {
    const f = this.#fitted;
    return {
      type: 'LinearRegression', options: { ...this.#settings },
      fitted: f === null ? null : { ...fitToJSON(f), nIter: f.nIter, converged: f.converged, rankDeficient: f.rankDeficient },
    };
  }

  static fromJSON(json: unknown): LinearRegression {
    const where = 'LinearRegression.fromJSON';
    const o = savedObject(json, 'LinearRegression', where);
    const options = settingsOf(o['options'] as LinearRegressionOptions, where);
    const model = new LinearRegression(options);
    const f = o['fitted'];
    if (f === null) return model;
    const fit = fitFromJSON(f, where), rest = f as Record<string, unknown>;
    if (typeof rest['converged'] !== 'boolean' || typeof rest['rankDeficient'] !== 'boolean') {
      throw new ArgumentTypeError(`${where}: fitted.converged and fitted.rankDeficient must be true or false`);
    }
    model.#fitted = { ...fit, nIter: assertInteger(rest['nIter'], 'fitted.nIter', where, { min: 0 }), converged: rest['converged'], rankDeficient: rest['rankDeficient'] };
    return model;
  }
}
