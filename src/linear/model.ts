/**
 * What the linear regressors share: the model ŷ = X·W + b with X: n×d
 * (rows are samples), W: d×k and b: [k] (k = 1 for a vector target), the
 * checks of X and y, centring (which separates the intercept from the
 * weights), and the saved form.
 *
 * Centring: with x̄ and ȳ the column means, the weights fitted to
 * X_c = X − 1x̄ᵀ and Y_c = Y − 1ȳᵀ and the intercept b = ȳ − Wᵀx̄ give the
 * same fit as an extra column of ones, and leave b out of any penalty.
 */
import { ShapeError, ValueError, ArgumentTypeError, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import { assertTensor, float64FromJSON, float64ToJSON, matmul, mean, sub, tensorFromJSON, tensorToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor, TensorJSON } from '../linalg/index.js';
import { NotFittedError } from '../errors/index.js';

/** A fitted linear model: W (d×k), b [k], and whether y was a vector. */
export interface LinearFit {
  W: Tensor;
  b: Float64Array;
  vector: boolean;
}

/** The saved form of a LinearFit. */
export interface LinearFitJSON {
  W: TensorJSON;
  b: Float64JSONValue[];
  vector: boolean;
}

/** Throw unless X is a finite matrix n×d, n ≥ 1, d ≥ 1 (d = `features` when given). Returns [n, d]. */
export function assertDesign(X: unknown, where: string, features?: number): [number, number] {
  assertTensor(X, 'X', where);
  const [n, d] = X.shape;
  if (X.shape.length !== 2 || n === undefined || d === undefined) throw new ShapeError(`${where}: X must be a matrix n×d (rows are samples), got shape ${formatShape(X.shape)}`);
  if (features !== undefined && d !== features) throw new ShapeError(`${where}: X must have ${features} columns (the features seen by fit), got shape ${formatShape(X.shape)}`);
  if (n === 0 || d === 0) throw new ValueError(`${where}: X must have at least one sample and one feature, got shape ${formatShape(X.shape)}`);
  assertFiniteEntries(X, 'X', where);
  return [n, d];
}

/** ValueError naming the first NaN or ±∞ of t. */
export function assertFiniteEntries(t: Tensor, name: string, where: string): void {
  const x = t.data;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) throw new ValueError(`${where}: ${name} must be finite, got ${x[i]} at flat index ${i}`);
}

/** Regression targets: y [n] (k = 1) or n×k, finite. Returns Y as n×k and whether y was a vector. */
export function assertTargets(y: unknown, n: number, where: string): { Y: Tensor; vector: boolean } {
  assertTensor(y, 'y', where);
  const vector = y.shape.length === 1;
  if (!(vector || y.shape.length === 2) || y.shape[0] !== n || (!vector && y.shape[1] === 0)) {
    throw new ShapeError(`${where}: y must be [${n}] or ${n}×k (one target per row of X), got shape ${formatShape(y.shape)}`);
  }
  assertFiniteEntries(y, 'y', where);
  return { Y: { shape: [n, vector ? 1 : y.shape[1]!], data: y.data }, vector };
}

/** Centred X and Y, A − 1·μᵀ with μ the column means (or the originals and zero means without an intercept). Internal. */
export function centre(X: Tensor, Y: Tensor, fitIntercept: boolean): { Xc: Tensor; Yc: Tensor; xMean: Float64Array; yMean: Float64Array } {
  if (!fitIntercept) return { Xc: X, Yc: Y, xMean: new Float64Array(X.shape[1]!), yMean: new Float64Array(Y.shape[1]!) };
  const xMean = mean(X, { axis: 0, keepDims: true }), yMean = mean(Y, { axis: 0, keepDims: true }); // 1×d rows
  return { Xc: sub(X, xMean), Yc: sub(Y, yMean), xMean: xMean.data, yMean: yMean.data };
}

/** X̃ = [X, 1] (or X without an intercept): the design matrix whose last weight is the intercept. Internal. */
export function design(X: Tensor, withOnes: boolean): Tensor {
  if (!withOnes) return X;
  const n = X.shape[0]!, d = X.shape[1]!, e = d + 1, out = new Float64Array(n * e);
  for (let i = 0; i < n; i++) {
    out.set(X.data.subarray(i * d, i * d + d), i * e);
    out[i * e + d] = 1;
  }
  return { shape: [n, e], data: out };
}

/** b = ȳ − Wᵀx̄. Internal. */
export function interceptOf(W: Tensor, xMean: Float64Array, yMean: Float64Array): Float64Array {
  const d = W.shape[0]!, k = W.shape[1]!, b = Float64Array.from(yMean);
  for (let j = 0; j < d; j++) for (let c = 0; c < k; c++) b[c]! -= W.data[j * k + c]! * xMean[j]!;
  return b;
}

/** ŷ = X·W + b, as [m] for a vector fit, else m×k. Internal: X checked against W. */
export function predictWith(fit: LinearFit, X: Tensor): Tensor {
  const Y = matmul(X, fit.W), k = fit.b.length, m = X.shape[0]!;
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) Y.data[i * k + c]! += fit.b[c]!;
  return fit.vector ? { shape: [m], data: Y.data } : Y;
}

/** The coefficients as the user's y had them: [d] for a vector fit, else d×k (a copy). */
export function coefOf(fit: LinearFit): Tensor {
  return fit.vector ? { shape: [fit.W.shape[0]!], data: fit.W.data.slice() } : { shape: [...fit.W.shape], data: fit.W.data.slice() };
}

/** The intercept: a scalar tensor [] for a vector fit, else [k] (a copy). */
export function interceptTensor(fit: LinearFit): Tensor {
  return fit.vector ? { shape: [], data: fit.b.slice() } : { shape: [fit.b.length], data: fit.b.slice() };
}

export function notFitted(where: string): NotFittedError {
  return new NotFittedError(`${where}: the model is not fitted yet; call fit(X, y) first`);
}

export function fitToJSON(fit: LinearFit): LinearFitJSON {
  return { W: tensorToJSON(fit.W), b: float64ToJSON(fit.b), vector: fit.vector };
}

/** Read back fitToJSON's output, checking shapes and values (W has at least minRows rows). */
export function fitFromJSON(json: unknown, where: string, minRows = 1): LinearFit {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: fitted must be null or a saved fit { W, b, vector }, got ${describeValue(json)}`);
  const W = tensorFromJSON(json['W'], 'fitted.W', where), b = float64FromJSON(json['b'], 'fitted.b', where);
  const vector = json['vector'];
  if (typeof vector !== 'boolean') throw new ArgumentTypeError(`${where}: fitted.vector must be true or false, got ${describeValue(vector)}`);
  if (W.shape.length !== 2 || W.shape[0]! < minRows || W.shape[1] !== b.length || b.length === 0 || (vector && b.length !== 1)) {
    throw new ShapeError(`${where}: fitted.W must be d×k with k = ${b.length} intercepts${vector ? ' (k = 1 for a vector fit)' : ''}, got ${formatShape(W.shape)}`);
  }
  assertFiniteEntries(W, 'fitted.W', where);
  assertFiniteEntries({ shape: [b.length], data: b }, 'fitted.b', where);
  return { W, b, vector };
}

/** The saved object with its type tag checked. */
export function savedObject(json: unknown, type: string, where: string): Record<string, unknown> {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected a saved ${type} (what toJSON returns), got ${describeValue(json)}`);
  if (json['type'] !== type) throw new ValueError(`${where}: expected a saved ${type}, got type ${describeValue(json['type'])}`);
  return json;
}
