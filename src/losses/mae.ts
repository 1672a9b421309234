/**
 * Mean absolute error (EQ-LOSSES-04), 003: 𝓛_W = (1/n)‖y − f_W(X)‖₁,
 * "useful when targets y contain outliers":
 *
 *   MAE = (1/n)·Σᵢ |ŷᵢ − yᵢ|        ∂MAE/∂ŷᵢ = sign(ŷᵢ − yᵢ)/n   (0 where ŷᵢ = yᵢ)
 *
 * Over constant predictions the median minimises it (the mean minimises
 * the MSE), so one huge target moves the MSE's optimum and not the MAE's.
 * The 001 deck uses the same quantity as a metric (EQ-METRICS-01).
 */
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { assertNotEmpty, assertPrediction, assertSameShape, reduce, reductionOf, targetVar } from './reduction.js';
import type { LossOptions } from './reduction.js';

/** Mean absolute error (1/n)·Σ|ŷᵢ − yᵢ| over every entry (or the sum). Same shapes required. */
export function mae(prediction: Var, target: Tensor | Var, options?: LossOptions): Var {
  const where = 'mae';
  const p = assertPrediction(prediction, where), y = targetVar(target, where);
  const reduction = reductionOf(options, where);
  assertSameShape(p.value, y.value, where);
  assertNotEmpty(p.value.data.length, reduction, where);
  return reduce(ad.abs(ad.sub(p, y)), reduction);
}
