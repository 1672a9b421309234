/**
 * Regression metrics (001, "Performance measures"): for targets y and
 * predictions ŷ over n samples,
 *
 *   MAE  = (1/n)·Σᵢ |yᵢ − ŷᵢ|                                  EQ-METRICS-01
 *   MSE  = (1/n)·Σᵢ (yᵢ − ŷᵢ)²                                 EQ-METRICS-02
 *   RMSE = √MSE
 *   R²   = 1 − SS_res/SS_tot,  SS_res = Σᵢ (yᵢ − ŷᵢ)²,  SS_tot = Σᵢ (yᵢ − ȳ)²
 *
 * MAE and MSE are the values of the losses of the same names (EQ-LOSSES-04,
 * EQ-LOSSES-02) computed on plain tensors, without a graph. For n×k targets
 * (k outputs) MAE, MSE and RMSE average over all n·k entries, and R² is the
 * mean of the k per-column R² (scikit-learn's 'uniform_average').
 *
 * R² of a constant target (SS_tot = 0) is 1 when the prediction is exact
 * (SS_res = 0) and 0 otherwise, as scikit-learn's `force_finite` rule has
 * it, so that a score is never NaN or −∞ (it also covers n = 1).
 */
import type { Tensor } from '../linalg/index.js';
import { assertRegressionPair } from './validate.js';

/** Mean absolute error (1/n)·Σ|yᵢ − ŷᵢ| (over every entry). yTrue, yPred: one shape, [n] or n×k, finite. */
export function mae(yTrue: Tensor, yPred: Tensor): number {
  assertRegressionPair(yTrue, yPred, 'mae');
  const y = yTrue.data, p = yPred.data;
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += Math.abs(y[i]! - p[i]!);
  return sum / y.length;
}

/** Mean squared error (1/n)·Σ(yᵢ − ŷᵢ)² (over every entry). yTrue, yPred: one shape, [n] or n×k, finite. */
export function mse(yTrue: Tensor, yPred: Tensor): number {
  assertRegressionPair(yTrue, yPred, 'mse');
  return meanSquare(yTrue.data, yPred.data);
}

/** Root mean squared error √MSE, in the units of y. yTrue, yPred: one shape, [n] or n×k, finite. */
export function rmse(yTrue: Tensor, yPred: Tensor): number {
  assertRegressionPair(yTrue, yPred, 'rmse');
  return Math.sqrt(meanSquare(yTrue.data, yPred.data));
}

/** (1/n)·Σ(yᵢ − pᵢ)². Internal: equal lengths ≥ 1. */
function meanSquare(y: Float64Array, p: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i]! - p[i]!;
    sum += r * r;
  }
  return sum / y.length;
}

/**
 * Coefficient of determination R² = 1 − SS_res/SS_tot: 1 for a perfect fit,
 * 0 for predicting the mean ȳ, negative for worse. yTrue, yPred: one shape,
 * [n] or n×k (R² per column, then their mean). A constant column scores 1
 * if predicted exactly, else 0 (see the file comment).
 */
export function r2(yTrue: Tensor, yPred: Tensor): number {
  const [n, k] = assertRegressionPair(yTrue, yPred, 'r2');
  const y = yTrue.data, p = yPred.data;
  let total = 0;
  for (let j = 0; j < k; j++) {
    // ȳ = y₀ + Σ(yᵢ − y₀)/n: exact for a constant column, so its SS_tot is exactly 0.
    const y0 = y[j]!;
    let shift = 0;
    for (let i = 0; i < n; i++) shift += y[i * k + j]! - y0;
    const mean = y0 + shift / n;
    let ssRes = 0, ssTot = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i * k + j]!, r = yi - p[i * k + j]!, c = yi - mean;
      ssRes += r * r;
      ssTot += c * c;
    }
    total += ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  }
  return total / k;
}
