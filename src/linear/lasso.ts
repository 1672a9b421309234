/**
 * Lasso (L1-penalised least squares, EQ-REGULARIZERS-03) by cyclic
 * coordinate descent:
 *
 *   J(w, b) = (1/(2n))·‖y − X·w − b‖² + α·‖w‖₁     (scikit-learn's scaling)
 *
 * With X and y centred (b = ȳ − x̄ᵀw, unpenalised), z_j = ‖x_j‖²/n and the
 * residual r = y − X·w, one coordinate at a time minimises J exactly:
 *
 *   ρ_j = x_jᵀr/n + z_j·w_j             (the fit of x_j to r without w_j)
 *   w_j ← S(ρ_j, α)/z_j,  S(ρ, α) = sign(ρ)·max(|ρ| − α, 0)   (soft thresholding)
 *   r ← r − x_j·(w_j,new − w_j,old)
 *
 * The soft threshold gives exact zeros: w_j = 0 whenever |ρ_j| ≤ α. A sweep
 * visits j = 0 … d−1; the iteration stops when a sweep changes no weight by
 * more than tol·max(max_j |w_j|, 1e-300) (or after maxIter sweeps). At the
 * minimiser the subgradient conditions hold:
 *
 *   x_jᵀ(y − Xw − b)/n = α·sign(w_j)   where w_j ≠ 0
 *   |x_jᵀ(y − Xw − b)/n| ≤ α           where w_j = 0
 *
 * and w = 0 for α ≥ max_j |x_jᵀy_c|/n. The lecture's sum form
 * ‖y − Xw‖² + λ‖w‖₁ is the same problem with λ = 2nα. A column with
 * ‖x_j‖ = 0 keeps w_j = 0. y is a vector [n] here.
 */
import { ArgumentTypeError, ShapeError, assertBoolean, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { r2 } from '../metrics/index.js';
import {
  assertDesign, assertTargets, centre, coefOf, fitFromJSON, fitToJSON, interceptOf, interceptTensor, notFitted, predictWith, savedObject,
} from './model.js';
import type { LinearFit, LinearFitJSON } from './model.js';

/** Options of Lasso. */
export interface LassoOptions {
  /** α ≥ 0, the weight of ‖w‖₁ (default 1). */
  alpha?: number;
  /** Fit an unpenalised b (default true). */
  fitIntercept?: boolean;
  /** Sweeps over the coordinates at most (default 10 000). */
  maxIter?: number;
  /** Stop when no weight moves by more than tol·max|w| in a sweep (default 1e-10). */
  tol?: number;
}

interface Settings { alpha: number; fitIntercept: boolean; maxIter: number; tol: number }
interface Fitted extends LinearFit { nIter: number; converged: boolean }

/** The saved form of a Lasso. */
export interface LassoJSON {
  type: 'Lasso';
  options: Settings;
  fitted: null | (LinearFitJSON & { nIter: number; converged: boolean });
}

function settingsOf(options: LassoOptions | undefined, where: string): Settings {
  const o = assertOptions(options, ['alpha', 'fitIntercept', 'maxIter', 'tol'], where);
  return {
    alpha: assertNumber(o.alpha ?? 1, 'alpha', where, { min: 0 }),
    fitIntercept: assertBoolean(o.fitIntercept ?? true, 'fitIntercept', where),
    maxIter: assertInteger(o.maxIter ?? 10_000, 'maxIter', where, { min: 1 }),
    tol: assertNumber(o.tol ?? 1e-10, 'tol', where, { min: 0 }),
  };
}

/** S(ρ, α) = sign(ρ)·max(|ρ| − α, 0). */
export function softThreshold(rho: number, alpha: number): number {
  return rho > alpha ? rho - alpha : rho < -alpha ? rho + alpha : 0;
}

/** Coordinate descent on centred X (n×d) and y [n] (file comment). Internal. */
function coordinateDescent(X: Tensor, y: Float64Array, s: Settings): { w: Float64Array; nIter: number; converged: boolean } {
  const n = X.shape[0]!, d = X.shape[1]!, x = X.data;
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) z[j]! += (x[i * d + j]! * x[i * d + j]!) / n;
  const w = new Float64Array(d), r = Float64Array.from(y);
  let nIter = 0, converged = false;
  while (nIter < s.maxIter) {
    let moved = 0, largest = 0;
    for (let j = 0; j < d; j++) {
      const zj = z[j]!;
      if (zj === 0) continue;
      const old = w[j]!;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += x[i * d + j]! * r[i]!;
      const next = softThreshold(dot / n + zj * old, s.alpha) / zj;
      if (next !== old) {
        const delta = next - old;
        for (let i = 0; i < n; i++) r[i]! -= x[i * d + j]! * delta;
        w[j] = next;
        moved = Math.max(moved, Math.abs(delta));
      }
      largest = Math.max(largest, Math.abs(next));
    }
    nIter++;
    if (moved <= s.tol * Math.max(largest, 1e-300)) { converged = true; break; }
  }
  return { w, nIter, converged };
}

/**
 * Lasso regression by coordinate descent (see the file comment).
 *
 *   const lasso = new Lasso({ alpha: 0.1 }).fit(X, y);   // many coef entries exactly 0
 *
 * Options: alpha (1), fitIntercept (true), maxIter (10 000 sweeps), tol (1e-10).
 */
export class Lasso {
  readonly #settings: Settings;
  #fitted: Fitted | null = null;

  constructor(options?: LassoOptions) {
    this.#settings = settingsOf(options, 'Lasso');
  }

  get alpha(): number { return this.#settings.alpha; }
  get fitIntercept(): boolean { return this.#settings.fitIntercept; }

  /** Fit w and b to X (n×d) and y [n]. Returns this. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'Lasso.fit';
    const [n, d] = assertDesign(X, where);
    const { Y, vector } = assertTargets(y, n, where);
    if (!vector) throw new ShapeError(`${where}: y must be a vector [${n}] (one target), got shape ${formatShape(y.shape)}`);
    const { Xc, Yc, xMean, yMean } = centre(X, Y, this.#settings.fitIntercept);
    const { w, nIter, converged } = coordinateDescent(Xc, Yc.data, this.#settings);
    const W: Tensor = { shape: [d, 1], data: w };
    this.#fitted = { W, b: interceptOf(W, xMean, yMean), vector: true, nIter, converged };
    return this;
  }

  /** ŷ = X·w + b: [m]. */
  predict(X: Tensor): Tensor {
    const f = this.#state('Lasso.predict');
    assertDesign(X, 'Lasso.predict', f.W.shape[0]);
    return predictWith(f, X);
  }

  /** R² on X, y. */
  score(X: Tensor, y: Tensor): number {
    const f = this.#state('Lasso.score');
    const [m] = assertDesign(X, 'Lasso.score', f.W.shape[0]);
    assertTargets(y, m, 'Lasso.score');
    return r2(y, predictWith(f, X));
  }

  get fitted(): boolean { return this.#fitted !== null; }
  /** w [d], with exact zeros where |ρ_j| ≤ α. */
  get coef(): Tensor { return coefOf(this.#state('Lasso.coef')); }
  /** b, a scalar tensor (shape []). */
  get intercept(): Tensor { return interceptTensor(this.#state('Lasso.intercept')); }
  /** Coordinate sweeps taken. */
  get nIter(): number { return this.#state('Lasso.nIter').nIter; }
  /** Did the sweeps stop by the tolerance (rather than at maxIter)? */
  get converged(): boolean { return this.#state('Lasso.converged').converged; }

  #state(where: string): Fitted {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  toJSON(): LassoJSON {
    const f = this.#fitted;
    return { type: 'Lasso', options: { ...this.#settings }, fitted: f === null ? null : { ...fitToJSON(f), nIter: f.nIter, converged: f.converged } };
  }

  static fromJSON(json: unknown): Lasso {
    const where = 'Lasso.fromJSON';
    const o = savedObject(json, 'Lasso', where);
    const model = new Lasso(settingsOf(o['options'] as LassoOptions, where));
    const f = o['fitted'];
    if (f === null) return model;
    const fit = fitFromJSON(f, where), rest = f as Record<string, unknown>;
    if (!fit.vector || fit.W.shape[1] !== 1) throw new ShapeError(`${where}: a saved Lasso has one target`);
    if (typeof rest['converged'] !== 'boolean') throw new ArgumentTypeError(`${where}: fitted.converged must be true or false, got ${describeValue(rest['converged'])}`);
    model.#fitted = { ...fit, nIter: assertInteger(rest['nIter'], 'fitted.nIter', where, { min: 0 }), converged: rest['converged'] };
    return model;
  }
}
