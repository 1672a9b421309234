/**
 * The "L2 loss" of the 002 deck (EQ-LOSSES-03): the Euclidean norm of the
 * residual, neither squared nor averaged,
 *
 *   𝓛(y, f(x)) = ‖y − f(x)‖₂ = √(Σᵢ (ŷᵢ − yᵢ)²) = √(n·MSE)
 *   ∂𝓛/∂ŷ = (ŷ − y)/‖ŷ − y‖₂
 *
 * over every entry of the tensors (the Frobenius norm of a matrix). It has
 * the MSE's minimiser (√ is increasing) but not its value or gradient. At
 * ŷ = y the gradient is undefined (the norm has a kink there); the library
 * returns the subgradient 0, the one that leaves a perfect fit in place.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { assertPrediction, assertSameShape, targetVar } from './reduction.js';

/** ‖ŷ − y‖₂ over every entry (a scalar Var); gradient (ŷ − y)/‖ŷ − y‖, 0 at ŷ = y. Same shapes required. */
export function l2Loss(prediction: Var, target: Tensor | Var): Var {
  const where = 'l2Loss';
  const p = assertPrediction(prediction, where), y = targetVar(target, where);
  assertSameShape(p.value, y.value, where);
  const d = ad.sub(p, y);
  const r = linalg.norm2(linalg.reshape(d.value, [d.value.data.length]));
  return ad.customOp('l2Loss', linalg.scalar(r), [d], (g) => {
    const c = r === 0 ? 0 : g.data[0]! / r;
    return [linalg.scale(d.value, c)];
  });
}
