/**
 * Binary cross-entropy (EQ-LOSSES-07), the negative log-likelihood of
 * logistic regression (003: "Binary cross-entropy (yᵢ ∈ {0,1}) … equivalent
 * to maximum likelihood of logistic regression"):
 *
 *   ℓᵢ = −[yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ)],      BCE = (1/n)·Σᵢ ℓᵢ
 *      = −(1/n)·ln Πᵢ pᵢ^{yᵢ}(1 − pᵢ)^{1−yᵢ}
 *
 * (the slide omits the brackets, which would leave the second term outside
 * the sum). Two forms:
 *
 * binaryCrossEntropy(p, y), from probabilities p ∈ [0, 1]:
 *   ∂ℓ/∂p = −y/p + (1 − y)/(1 − p). A term whose weight is 0 is 0, even at
 *   ln 0 (0·ln 0 = 0, the limit), so p = 0 with y = 0 costs nothing; a
 *   probability 0 on the observed label gives +∞ (no clipping: use the
 *   logits form to train).
 *
 * binaryCrossEntropyWithLogits(z, y), from logits z = σ⁻¹(p), stable at any z:
 *   ℓ = softplus(z) − y·z = max(z, 0) − y·z + ln(1 + e^{−|z|})
 *   ∂ℓ/∂z = σ(z) − y
 *   The second form never overflows (e^{−|z|} ≤ 1) and cancels nothing it
 *   cannot afford: for y = 1, z = 40 it gives ln(1 + e^{−40}) ≈ 4.2e-18,
 *   where σ(40) rounds to 1 and ln σ(z) to 0.
 *
 * Targets may be soft labels y ∈ [0, 1] (the minimiser over p is then
 * p = y); outside [0, 1] is a ValueError. Mean over every entry by default.
 */
import type { Tensor } from '../linalg/index.js';
import { exp, log, log1p } from '../math/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { assertNotEmpty, assertPrediction, assertSameShape, assertUnitInterval, reduce, reductionOf, targetVar } from './reduction.js';
import type { LossOptions } from './reduction.js';

/** Checks shared by both forms. */
function bceArguments(prediction: unknown, target: unknown, options: LossOptions | undefined, where: string) {
  const p = assertPrediction(prediction, where), y = targetVar(target, where);
  const reduction = reductionOf(options, where);
  assertSameShape(p.value, y.value, where);
  assertUnitInterval(y.value, 'target', where);
  assertNotEmpty(p.value.data.length, reduction, where);
  return { p, y, reduction };
}

/** BCE from probabilities p ∈ [0, 1] (ValueError outside): −mean[y ln p + (1 − y) ln(1 − p)], 0·ln 0 = 0. */
export function binaryCrossEntropy(prediction: Var, target: Tensor | Var, options?: LossOptions): Var {
  const where = 'binaryCrossEntropy';
  const { p, y, reduction } = bceArguments(prediction, target, options, where);
  assertUnitInterval(p.value, 'prediction', where);
  const pd = p.value.data, yd = y.value.data, n = pd.length;
  const l = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pi = pd[i]!, yi = yd[i]!;
    l[i] = -((yi === 0 ? 0 : yi * log(pi)) + (yi === 1 ? 0 : (1 - yi) * log1p(-pi)));
  }
  const shape = [...p.value.shape];
  const terms = ad.customOp('binaryCrossEntropy', { shape, data: l }, [p, y], (g) => {
    const dp = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const pi = pd[i]!, yi = yd[i]!, gi = g.data[i]!;
      dp[i] = gi * ((yi === 0 ? 0 : -yi / pi) + (yi === 1 ? 0 : (1 - yi) / (1 - pi)));
      dy[i] = gi * (log1p(-pi) - log(pi)); // ∂ℓ/∂y = ln(1 − p) − ln p
    }
    return [{ shape, data: dp }, { shape, data: dy }];
  });
  return reduce(terms, reduction);
}

/** BCE from logits z (stable at any finite z): mean[max(z, 0) − y·z + ln(1 + e^{−|z|})]; ∂/∂z = σ(z) − y. */
export function binaryCrossEntropyWithLogits(prediction: Var, target: Tensor | Var, options?: LossOptions): Var {
  const where = 'binaryCrossEntropyWithLogits';
  const { p: z, y, reduction } = bceArguments(prediction, target, options, where);
  const zd = z.value.data, yd = y.value.data, n = zd.length;
  const l = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const zi = zd[i]!;
    l[i] = Math.max(zi, 0) - yd[i]! * zi + log1p(exp(-Math.abs(zi)));
  }
  const shape = [...z.value.shape];
  const terms = ad.customOp('binaryCrossEntropyWithLogits', { shape, data: l }, [z, y], (g) => {
    const dz = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const zi = zd[i]!, gi = g.data[i]!;
      dz[i] = gi * (ad.sigmoidOf(zi) - yd[i]!);
      dy[i] = -gi * zi;
    }
    return [{ shape, data: dz }, { shape, data: dy }];
  });
  return reduce(terms, reduction);
}
