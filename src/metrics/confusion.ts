/**
 * The confusion matrix and accuracy (001, "Performance measures"):
 *
 *   C[a][b] = #{i : yᵢ = a and ŷᵢ = b}     rows: true class, columns: predicted
 *   accuracy = (1/n)·Σᵢ 1[ŷᵢ = yᵢ] = trace(C)/n = (TP + TN)/n (binary)   EQ-METRICS-03
 *
 * For binary labels (positive class 1) C = [[TN, FP], [FN, TP]], the layout
 * of scikit-learn's `confusion_matrix`. Labels are class indices 0 … K−1
 * (or one-hot rows); see validate.ts.
 */
import { MAX_TENSOR_SIZE } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { assertInteger, assertOptions, ValueError } from '../errors/index.js';
import { MAX_LABEL, labelPair } from './validate.js';

/** Options of confusionMatrix. */
export interface ConfusionOptions {
  /** K, the number of classes (default: 1 + the largest label in yTrue or yPred). */
  nClasses?: number;
}

/**
 * The K×K confusion matrix C[a][b] = #{i : yᵢ = a, ŷᵢ = b} (rows true,
 * columns predicted), counts as float64. yTrue, yPred: class indices [n] (or
 * one-hot rows), n ≥ 1. Option nClasses: K (default 1 + the largest label);
 * a label ≥ K is a ValueError.
 */
export function confusionMatrix(yTrue: Tensor, yPred: Tensor, options?: ConfusionOptions): Tensor {
  const where = 'confusionMatrix';
  const [t, p] = labelPair(yTrue, yPred, where);
  const { nClasses } = assertOptions(options, ['nClasses'], where);
  const K = nClasses === undefined ? classCount(t, p) : assertInteger(nClasses, 'nClasses', where, { min: 1, max: MAX_LABEL + 1 });
  if (K * K > MAX_TENSOR_SIZE) throw new ValueError(`${where}: ${K} classes need a ${K}×${K} matrix, more than a tensor may hold`);
  const C = new Float64Array(K * K);
  for (let i = 0; i < t.length; i++) {
    const a = t[i]!, b = p[i]!;
    if (a >= K || b >= K) throw new ValueError(`${where}: labels must be below nClasses = ${K}, got ${Math.max(a, b)} at index ${i}`);
  }
  for (let i = 0; i < t.length; i++) C[t[i]! * K + p[i]!]! += 1;
  return { shape: [K, K], data: C };
}

/** 1 + the largest label of either array. Internal: non-empty label arrays. */
export function classCount(t: Int32Array, p: Int32Array): number {
  let top = 0;
  for (let i = 0; i < t.length; i++) {
    const a = t[i]!, b = p[i]!;
    if (a > top) top = a;
    if (b > top) top = b;
  }
  return top + 1;
}

/** Accuracy (1/n)·Σ 1[ŷᵢ = yᵢ] ∈ [0, 1]. yTrue, yPred: class indices [n] (or one-hot rows), n ≥ 1. */
export function accuracy(yTrue: Tensor, yPred: Tensor): number {
  const [t, p] = labelPair(yTrue, yPred, 'accuracy');
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return hits / t.length;
}
