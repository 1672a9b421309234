/**
 * Log loss (cross-entropy of predicted probabilities against labels), the
 * metric form of EQ-LOSSES-05/07:
 *
 *   binary      L = −(1/n)·Σᵢ [yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ)],  pᵢ = P(yᵢ = 1)
 *   multiclass  L = −(1/n)·Σᵢ ln p_{i, yᵢ},                      p: n×K rows
 *
 * Probabilities are clipped to [ε, 1 − ε] with ε = 1e-15 by default, so a
 * confident wrong answer costs ln(1/ε) ≈ 34.5 rather than ∞ (set eps: 0 for
 * the unclipped value). Rows of p must sum to 1 within 1e-8.
 */
import { ShapeError, ValueError, assertNumber, assertOptions, formatShape } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import { log } from '../math/index.js';
import type { Tensor } from '../linalg/index.js';
import { assertFiniteData, labelsOf } from './validate.js';

/** Options of logLoss. */
export interface LogLossOptions {
  /** Clip probabilities to [eps, 1 − eps] (default 1e-15; 0 turns clipping off). */
  eps?: number;
}

/** How far a row of probabilities may sum from 1. */
const ROW_SUM_TOLERANCE = 1e-8;

/**
 * Mean negative log-likelihood of the labels under the predicted
 * probabilities. yTrue: class indices [n] (or one-hot rows); probabilities:
 * [n] of P(y = 1) for binary labels, or n×K rows summing to 1. Option eps (1e-15).
 */
export function logLoss(yTrue: Tensor, probabilities: Tensor, options?: LogLossOptions): number {
  const where = 'logLoss';
  const y = labelsOf(yTrue, 'yTrue', where);
  assertTensor(probabilities, 'probabilities', where);
  const { eps = 1e-15 } = assertOptions(options, ['eps'], where);
  assertNumber(eps, 'eps', where, { min: 0, max: 0.5, maxExclusive: true });
  const p = probabilities.data, n = y.length;
  const binary = probabilities.shape.length === 1;
  if (!binary && probabilities.shape.length !== 2) {
    throw new ShapeError(`${where}: probabilities must be [n] (P(y = 1)) or n×K rows, got shape ${formatShape(probabilities.shape)}`);
  }
  if (probabilities.shape[0] !== n) {
    throw new ShapeError(`${where}: yTrue has ${n} samples but probabilities has shape ${formatShape(probabilities.shape)}`);
  }
  if (n === 0) throw new ValueError(`${where}: need at least one sample, got 0`);
  assertFiniteData(probabilities, 'probabilities', where);
  const K = binary ? 2 : probabilities.shape[1]!;
  for (let j = 0; j < p.length; j++) {
    const pj = p[j]!;
    if (pj < 0 || pj > 1) throw new ValueError(`${where}: probabilities must lie in [0, 1], got ${pj} at flat index ${j}`);
  }
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    if (yi >= K) throw new ValueError(`${where}: yTrue[${i}] = ${yi} is not a class of the ${K} probability columns`);
    if (binary) continue;
    let total = 0;
    for (let c = 0; c < K; c++) total += p[i * K + c]!;
    if (!(Math.abs(total - 1) <= ROW_SUM_TOLERANCE)) throw new ValueError(`${where}: row ${i} of probabilities sums to ${total}, not 1`);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    const q = binary ? (yi === 1 ? p[i]! : 1 - p[i]!) : p[i * K + yi]!; // the probability given to the true class
    sum -= log(Math.min(Math.max(q, eps), 1 - eps));
  }
  return sum / n;
}
