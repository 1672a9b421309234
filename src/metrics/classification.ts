/**
 * Precision, recall and F1 (001, "Performance measures"), from the counts
 * of one class c taken as positive:
 *
 *   TP = #{ŷ = c, y = c}   FP = #{ŷ = c, y ≠ c}   FN = #{ŷ ≠ c, y = c}
 *   precision = TP/(TP + FP)                              EQ-METRICS-04
 *   recall    = TP/(TP + FN)   (sensitivity, TPR)         EQ-METRICS-05
 *   F1        = 2PR/(P + R) = 2TP/(2TP + FP + FN)         EQ-METRICS-06
 *
 * F1 is computed by the count form, which is defined whenever either of
 * precision and recall is (a class with TP = 0 but FP + FN > 0 has F1 = 0).
 *
 * Division by zero: a ratio whose denominator is 0 (precision with no
 * predicted positives, recall with no true positives, F1 with neither) is
 * `zeroDivision`, 0 by default, as in scikit-learn (which also warns).
 *
 * Averaging over the classes (option `average`):
 *   'binary'    (default) the class `positive` alone (1 by default); labels must be 0 or 1
 *   'macro'     the unweighted mean of the per-class scores
 *   'weighted'  the mean weighted by each class's support n_c = #{y = c}
 *   'micro'     the score of the pooled counts ΣTP, ΣFP, ΣFN; for single-label
 *               data micro-precision = micro-recall = micro-F1 = accuracy
 * The classes averaged over are those that occur in yTrue or yPred, or all of
 * 0 … nClasses−1 when the option nClasses is given (absent classes then
 * score zeroDivision, or 0 where a count is non-zero).
 */
import { ValueError, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { classCount } from './confusion.js';
import { classificationOptions, labelPair } from './validate.js';
import type { ClassificationOptions } from './validate.js';

/** Per-class TP, FP, FN for classes 0 … K−1. Internal: labels < K. */
function countsOf(t: Int32Array, p: Int32Array, K: number): { tp: Float64Array; fp: Float64Array; fn: Float64Array } {
  const tp = new Float64Array(K), fp = new Float64Array(K), fn = new Float64Array(K);
  for (let i = 0; i < t.length; i++) {
    const a = t[i]!, b = p[i]!;
    if (a === b) tp[a]! += 1;
    else { fp[b]! += 1; fn[a]! += 1; }
  }
  return { tp, fp, fn };
}

/** num/den, or zeroDivision when den = 0. */
const ratio = (num: number, den: number, zeroDivision: number): number => (den === 0 ? zeroDivision : num / den);

type Score = 'precision' | 'recall' | 'f1';

/** One score from counts. */
function scoreOf(score: Score, tp: number, fp: number, fn: number, zeroDivision: number): number {
  if (score === 'precision') return ratio(tp, tp + fp, zeroDivision);
  if (score === 'recall') return ratio(tp, tp + fn, zeroDivision);
  return ratio(2 * tp, 2 * tp + fp + fn, zeroDivision);
}

/** The averaged score, after every argument has been checked. */
function averaged(score: Score, yTrue: Tensor, yPred: Tensor, options: ClassificationOptions | undefined, where: string): number {
  const [t, p] = labelPair(yTrue, yPred, where);
  const { average, positive, zeroDivision, nClasses } = classificationOptions(options, where);
  const K = nClasses ?? classCount(t, p);
  for (let i = 0; i < t.length; i++) {
    const top = Math.max(t[i]!, p[i]!);
    if (average === 'binary' && top > 1) {
      throw new ValueError(`${where}: average 'binary' needs labels 0 and 1, got ${top} at index ${i}; use average 'macro', 'micro' or 'weighted'`);
    }
    if (top >= K) throw new ValueError(`${where}: labels must be below nClasses = ${K}, got ${top} at index ${i}`);
  }
  const { tp, fp, fn } = countsOf(t, p, Math.max(K, 2));
  if (average === 'binary') return scoreOf(score, tp[positive]!, fp[positive]!, fn[positive]!, zeroDivision);
  if (average === 'micro') {
    let TP = 0, FP = 0, FN = 0;
    for (let c = 0; c < K; c++) { TP += tp[c]!; FP += fp[c]!; FN += fn[c]!; }
    return scoreOf(score, TP, FP, FN, zeroDivision);
  }
  let total = 0, weights = 0;
  for (let c = 0; c < K; c++) {
    const support = tp[c]! + fn[c]!;
    const present = nClasses !== undefined || support + fp[c]! > 0;
    if (!present) continue;
    const w = average === 'weighted' ? support : 1;
    total += w * scoreOf(score, tp[c]!, fp[c]!, fn[c]!, zeroDivision);
    weights += w;
  }
  return ratio(total, weights, zeroDivision);
}

/**
 * Precision TP/(TP + FP): of the samples predicted class c, the share that are c.
 * yTrue, yPred: class indices [n] (or one-hot rows). Options: average
 * ('binary' default, 'macro', 'micro', 'weighted'), positive (1), zeroDivision (0), nClasses.
 */
export function precision(yTrue: Tensor, yPred: Tensor, options?: ClassificationOptions): number {
  return averaged('precision', yTrue, yPred, options, 'precision');
}

/**
 * Recall TP/(TP + FN) (sensitivity, true positive rate): of the samples of class c,
 * the share predicted c. Arguments and options as for `precision`.
 */
export function recall(yTrue: Tensor, yPred: Tensor, options?: ClassificationOptions): number {
  return averaged('recall', yTrue, yPred, options, 'recall');
}

/**
 * F1 = 2TP/(2TP + FP + FN), the harmonic mean 2PR/(P + R) of precision and recall.
 * Arguments and options as for `precision`; 'macro' is the mean of the per-class F1.
 */
export function f1(yTrue: Tensor, yPred: Tensor, options?: ClassificationOptions): number {
  return averaged('f1', yTrue, yPred, options, 'f1');
}

/** Per-class precision, recall, F1 and support (#{y = c}), each a vector [K]. */
export interface PerClassScores {
  precision: Tensor;
  recall: Tensor;
  f1: Tensor;
  support: Tensor;
}

/**
 * Precision, recall, F1 and support of each class c = 0 … K−1 taken as
 * positive (K = nClasses, default 1 + the largest label). The 'macro' and
 * 'weighted' averages are means of these over the classes present.
 */
export function perClassScores(yTrue: Tensor, yPred: Tensor, options?: Pick<ClassificationOptions, 'zeroDivision' | 'nClasses'>): PerClassScores {
  const where = 'perClassScores';
  const [t, p] = labelPair(yTrue, yPred, where);
  assertOptions(options, ['zeroDivision', 'nClasses'], where);
  const { zeroDivision, nClasses } = classificationOptions(options, where);
  const K = nClasses ?? classCount(t, p);
  for (let i = 0; i < t.length; i++) {
    const top = Math.max(t[i]!, p[i]!);
    if (top >= K) throw new ValueError(`${where}: labels must be below nClasses = ${K}, got ${top} at index ${i}`);
  }
  const { tp, fp, fn } = countsOf(t, p, K);
  const vector = (f: (c: number) => number): Tensor => ({ shape: [K], data: Float64Array.from({ length: K }, (_, c) => f(c)) });
  return {
    precision: vector((c) => scoreOf('precision', tp[c]!, fp[c]!, fn[c]!, zeroDivision)),
    recall: vector((c) => scoreOf('recall', tp[c]!, fp[c]!, fn[c]!, zeroDivision)),
    f1: vector((c) => scoreOf('f1', tp[c]!, fp[c]!, fn[c]!, zeroDivision)),
    support: vector((c) => tp[c]! + fn[c]!),
  };
}
