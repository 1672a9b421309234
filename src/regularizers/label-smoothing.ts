/**
 * Label smoothing (EQ-REGULARIZERS-09; 000 "label smoothing"; Szegedy et
 * al. 2016). A one-hot target over K classes becomes
 *
 *   y_LS = (1 − ε)·y + ε/K          every entry ≥ ε/K, the row still sums to 1
 *
 * and is trained on with cross-entropy's soft-label rows
 * (`crossEntropyWithLogits(z, smoothLabels(y, 0.1, { classes: K }))`). With
 * hard labels the loss keeps falling as the true logit runs away from the
 * others, so the logits grow without bound and the model grows
 * over-confident; with smoothed labels the gradient softmax(z) − y_LS
 * vanishes at softmax(z) = y_LS, so the optimum has a finite logit gap
 *
 *   z_true − z_other = ln((1 − ε + ε/K)/(ε/K))      (3.8286 for K = 5, ε = 0.1)
 *
 * and the loss splits as CE(y_LS, p) = (1 − ε)·CE(y, p) + ε·CE(uniform, p).
 * ε = 0 gives the targets back (as rows).
 *
 * Targets: class indices y: [n] (integers 0 … K−1 stored as float64; give
 * `classes`: K) or rows Y: n×K that are distributions (one-hot or soft;
 * K from the shape). The result is always the rows n×K.
 */
import { ShapeError, ValueError, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** Options of smoothLabels. */
export interface SmoothLabelsOptions {
  /** K, the number of classes: required for class indices, checked against the width of rows. */
  classes?: number;
}

/** How far a target row's sum may be from 1 (as cross-entropy allows). */
const ROW_SUM_TOLERANCE = 1e-8;

/** y_LS = (1 − ε)·y + ε/K as rows n×K, ε ∈ [0, 1], from class indices [n] (with classes: K) or distribution rows n×K. */
export function smoothLabels(targets: Tensor, epsilon: number, options?: SmoothLabelsOptions): Tensor {
  const where = 'smoothLabels';
  linalg.assertTensor(targets, 'targets', where);
  const eps = assertNumber(epsilon, 'epsilon', where, { min: 0, max: 1 });
  const o = assertOptions(options, ['classes'], where);
  const s = targets.shape;
  if (s.length === 1) {
    if (o.classes === undefined) throw new ValueError(`${where}: class indices [${s[0]}] need the number of classes: pass { classes: K }`);
    const K = assertInteger(o.classes, 'classes', where, { min: 1 });
    const n = s[0]!, Y = new Float64Array(n * K).fill(eps / K);
    for (let i = 0; i < n; i++) {
      const c = targets.data[i]!;
      if (!(Number.isInteger(c) && c >= 0 && c < K)) throw new ValueError(`${where}: class indices must be integers in 0 … ${K - 1}, got ${describeValue(c)} at entry ${i}`);
      Y[i * K + c] = 1 - eps + eps / K;
    }
    return { shape: [n, K], data: Y };
  }
  if (s.length !== 2) throw new ShapeError(`${where}: targets must be class indices [n] or rows [n, K], got ${formatShape(s)}`);
  const [n, K] = s as [number, number];
  if (o.classes !== undefined && assertInteger(o.classes, 'classes', where, { min: 1 }) !== K) {
    throw new ShapeError(`${where}: rows of width ${K} but classes = ${o.classes}`);
  }
  const td = targets.data;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const y = td[i * K + c]!;
      if (!(y >= 0 && y <= 1)) throw new ValueError(`${where}: target rows must hold probabilities in [0, 1], got ${describeValue(y)} in row ${i}`);
      sum += y;
    }
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) throw new ValueError(`${where}: target row ${i} must be one-hot or a distribution summing to 1, but it sums to ${sum}`);
  }
  return linalg.map(targets, (y) => (1 - eps) * y + eps / K);
}
