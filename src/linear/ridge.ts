/**
 * Ridge regression (L2-penalised least squares, EQ-REGULARIZERS-04):
 *
 *   J(w, b) = ‖y − X·w − b‖² + α·‖w‖²          (sums, as scikit-learn's Ridge)
 *   w = (X_cᵀX_c + α·I)⁻¹·X_cᵀ·y_c,   b = ȳ − x̄ᵀw   (the intercept is not penalised)
 *
 * The lecture's mean form (1/n)‖Xw − y‖² + λ‖w‖² has the same minimiser
 * with α = n·λ. The closed form is solved without forming X_cᵀX_c, as the
 * least-squares problem of the stacked matrix
 *
 *   ‖ [X_c; √α·I]·w − [y_c; 0] ‖²  =  ‖X_c·w − y_c‖² + α‖w‖²
 *
 * by QR; for α > 0 it has full column rank, so w is unique even when X is
 * rank-deficient or n < d. ‖w(α)‖ decreases strictly as α grows (for
 * X_cᵀy_c ≠ 0), and no weight is exactly 0 for generic data (contrast
 * lasso.ts).
 */
import { assertBoolean, assertNumber, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { r2 } from '../metrics/index.js';
import { leastSquares } from './least-squares.js';
import {
  assertDesign, assertTargets, centre, coefOf, fitFromJSON, fitToJSON, interceptOf, interceptTensor, notFitted, predictWith, savedObject,
} from './model.js';
import type { LinearFit, LinearFitJSON } from './model.js';

/** Options of Ridge. */
export interface RidgeOptions {
  /** α ≥ 0, the weight of ‖w‖² (default 1). */
  alpha?: number;
  /** Fit an unpenalised b (default true). */
  fitIntercept?: boolean;
}

/** The saved form of a Ridge. */
export interface RidgeJSON {
  type: 'Ridge';
  options: { alpha: number; fitIntercept: boolean };
  fitted: null | LinearFitJSON;
}

function settingsOf(options: RidgeOptions | undefined, where: string): { alpha: number; fitIntercept: boolean } {
  const o = assertOptions(options, ['alpha', 'fitIntercept'], where);
  return { alpha: assertNumber(o.alpha ?? 1, 'alpha', where, { min: 0 }), fitIntercept: assertBoolean(o.fitIntercept ?? true, 'fitIntercept', where) };
}

/** w minimising ‖X·w − Y‖² + α‖w‖² for centred X (n×d), Y (n×k). Internal. */
export function ridgeWeights(X: Tensor, Y: Tensor, alpha: number): Tensor {
  if (alpha === 0) return leastSquares(X, Y).W;
  const n = X.shape[0]!, d = X.shape[1]!, k = Y.shape[1]!;
  const A = new Float64Array((n + d) * d), B = new Float64Array((n + d) * k);
  A.set(X.data);
  B.set(Y.data);
  const root = Math.sqrt(alpha);
  for (let j = 0; j < d; j++) A[(n + j) * d + j] = root;
  return leastSquares({ shape: [n + d, d], data: A }, { shape: [n + d, k], data: B }).W;
}

/**
 * Ridge regression (see the file comment).
 *
 *   new Ridge({ alpha: 1 }).fit(X, y).predict(XNew)
 *
 * Options: alpha (1), fitIntercept (true). Fitted: coef, intercept.
 */
export class Ridge {
  readonly alpha: number;
  readonly fitIntercept: boolean;
  #fitted: LinearFit | null = null;

  constructor(options?: RidgeOptions) {
    ({ alpha: this.alpha, fitIntercept: this.fitIntercept } = settingsOf(options, 'Ridge'));
  }

  /** Fit w and b to X (n×d) and y ([n] or n×k). Returns this. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'Ridge.fit';
    const [n] = assertDesign(X, where);
    const { Y, vector } = assertTargets(y, n, where);
    const { Xc, Yc, xMean, yMean } = centre(X, Y, this.fitIntercept);
    const W = ridgeWeights(Xc, Yc, this.alpha);
    this.#fitted = { W, b: interceptOf(W, xMean, yMean), vector };
    return this;
  }

  /** ŷ = X·w + b. */
  predict(X: Tensor): Tensor {
    const f = this.#state('Ridge.predict');
    assertDesign(X, 'Ridge.predict', f.W.shape[0]);
    return predictWith(f, X);
  }

  /** R² on X, y. */
  score(X: Tensor, y: Tensor): number {
    const f = this.#state('Ridge.score');
    const [m] = assertDesign(X, 'Ridge.score', f.W.shape[0]);
    assertTargets(y, m, 'Ridge.score');
    return r2(y, predictWith(f, X));
  }

  get fitted(): boolean { return this.#fitted !== null; }
  /** w: [d], or d×k. */
  get coef(): Tensor { return coefOf(this.#state('Ridge.coef')); }
  /** b: shape [], or [k]. */
  get intercept(): Tensor { return interceptTensor(this.#state('Ridge.intercept')); }

  #state(where: string): LinearFit {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  toJSON(): RidgeJSON {
    return { type: 'Ridge', options: { alpha: this.alpha, fitIntercept: this.fitIntercept }, fitted: this.#fitted === null ? null : fitToJSON(this.#fitted) };
  }

  static fromJSON(json: unknown): Ridge {
    const where = 'Ridge.fromJSON';
    const o = savedObject(json, 'Ridge', where);
    const model = new Ridge(settingsOf(o['options'] as RidgeOptions, where));
    if (o['fitted'] !== null) model.#fitted = fitFromJSON(o['fitted'], where);
    return model;
  }
}

