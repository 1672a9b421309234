/**
 * Threshold curves of a binary scorer (001, "Performance measures":
 * "AUROC", "Precision & recall"). A score sᵢ and a threshold τ predict
 * positive when sᵢ ≥ τ; sweeping τ down over the distinct scores gives,
 * at each τ,
 *
 *   TPR(τ) = TP(τ)/P     FPR(τ) = FP(τ)/N     (P positives, N negatives)
 *   precision(τ) = TP(τ)/(TP(τ) + FP(τ))     recall(τ) = TPR(τ)
 *
 * The ROC curve runs from (0, 0) (τ = +∞, nothing positive) to (1, 1); its
 * area by the trapezoid rule is the Mann–Whitney probability (EQ-METRICS-07)
 *
 *   AUROC = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻)
 *
 * for a random positive s⁺ and negative s⁻. Tied scores cross the threshold
 * together and make one diagonal segment of the curve, whose trapezoid
 * gives each tied (positive, negative) pair the ½. Every distinct score is
 * a point (no intermediate point is dropped).
 *
 * The precision–recall curve starts at (recall 0, precision 1) for τ = +∞,
 * scikit-learn's convention, and the average precision is the step sum
 * AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the thresholds (no interpolation).
 *
 * Labels must be 0 or 1 with both present (a single class is a ValueError:
 * one of the two rates would be 0/0). Scores must be finite.
 */
import type { Tensor } from '../linalg/index.js';
import { binaryScored } from './validate.js';
import type { CurveOptions } from './validate.js';

/** Cumulative counts at each distinct score, highest first. Internal: checked inputs. */
function sweep(positive: Uint8Array, s: Float64Array): { tp: number[]; fp: number[]; thresholds: number[] } {
  const order = Array.from(s.keys()).sort((a, b) => s[b]! - s[a]! || a - b);
  const tp = [0], fp = [0], thresholds = [Infinity];
  let TP = 0, FP = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (positive[i] === 1) TP++;
    else FP++;
    const next = order[k + 1];
    if (next === undefined || s[next] !== s[i]) { // the last of a run of tied scores
      tp.push(TP);
      fp.push(FP);
      thresholds.push(s[i]!);
    }
  }
  return { tp, fp, thresholds };
}

/** The points of a ROC curve, in order of decreasing threshold. */
export interface RocCurve {
  /** False positive rate FP/N at each threshold, from 0 to 1, non-decreasing. */
  fpr: Tensor;
  /** True positive rate TP/P at each threshold, from 0 to 1, non-decreasing. */
  tpr: Tensor;
  /** +∞, then the distinct scores in decreasing order. */
  thresholds: Tensor;
}

const vector = (values: readonly number[]): Tensor => ({ shape: [values.length], data: Float64Array.from(values) });

/**
 * The ROC curve (FPR, TPR) over every distinct score taken as threshold.
 * yTrue: labels [n] in {0, 1}, both present; scores: finite [n] (higher means
 * more positive). Option positive: the label counted as positive (default 1).
 */
export function rocCurve(yTrue: Tensor, scores: Tensor, options?: CurveOptions): RocCurve {
  const { positive, s, P, N } = binaryScored(yTrue, scores, options, 'rocCurve');
  const { tp, fp, thresholds } = sweep(positive, s);
  return { fpr: vector(fp.map((f) => f / N)), tpr: vector(tp.map((t) => t / P)), thresholds: vector(thresholds) };
}

/**
 * The area under the ROC curve by the trapezoid rule, which equals
 * P(s⁺ > s⁻) + ½P(s⁺ = s⁻). 1 for perfect separation, 0.5 for constant
 * scores. Arguments as for `rocCurve`.
 */
export function auroc(yTrue: Tensor, scores: Tensor, options?: CurveOptions): number {
  const { positive, s, P, N } = binaryScored(yTrue, scores, options, 'auroc');
  const { tp, fp } = sweep(positive, s);
  // Σ over segments of Δfp·(tp_prev + tp)/2, in counts, divided once by P·N.
  let area = 0;
  for (let k = 1; k < tp.length; k++) area += (fp[k]! - fp[k - 1]!) * (tp[k]! + tp[k - 1]!);
  return area / (2 * P * N);
}

/** The points of a precision–recall curve, in order of decreasing threshold. */
export interface PrecisionRecallCurve {
  /** TP/(TP + FP) at each threshold; 1 at τ = +∞. */
  precision: Tensor;
  /** TP/P at each threshold, from 0 to 1, non-decreasing. */
  recall: Tensor;
  /** +∞, then the distinct scores in decreasing order. */
  thresholds: Tensor;
}

/** Arguments as for `rocCurve`; the first point is (recall 0, precision 1). */
export function precisionRecallCurve(yTrue: Tensor, scores: Tensor, options?: CurveOptions): PrecisionRecallCurve {
  const { positive, s, P } = binaryScored(yTrue, scores, options, 'precisionRecallCurve');
  const { tp, fp, thresholds } = sweep(positive, s);
  return {
    precision: vector(tp.map((t, k) => (k === 0 ? 1 : t / (t + fp[k]!)))),
    recall: vector(tp.map((t) => t / P)),
    thresholds: vector(thresholds),
  };
}

/** Average precision AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the PR curve's points. Arguments as for `rocCurve`. */
export function averagePrecision(yTrue: Tensor, scores: Tensor, options?: CurveOptions): number {
  const { positive, s, P } = binaryScored(yTrue, scores, options, 'averagePrecision');
  const { tp, fp } = sweep(positive, s);
  let ap = 0;
  for (let k = 1; k < tp.length; k++) ap += ((tp[k]! - tp[k - 1]!) / P) * (tp[k]! / (tp[k]! + fp[k]!));
  return ap;
}
