/**
 * Squared-error losses (EQ-LOSSES-01, 02):
 *
 *   mse   MSE = (1/n)·Σᵢ (ŷᵢ − yᵢ)² = (1/n)·‖y − ŷ‖₂²     ∂MSE/∂ŷ = (2/n)(ŷ − y)
 *   sse   SSE = Σᵢ (ŷᵢ − yᵢ)²          = n·MSE          ∂SSE/∂ŷ = 2(ŷ − y)
 *
 * How the decks write it: 001 L = (1/M)Σᵢ(ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)² ("MSE loss over a set
 * of examples"); 003 𝓛_W = (1/n)‖y − f_W(X)‖₂² ("similar to OLS"); the 000
 * deck calls L[f] = Σ_{x∈X}(f(x; θ) − y(x))² "MSE" but writes the sum,
 * without 1/|X|: that is `sse` here (mse with { reduction: 'sum' }). Both
 * have the same minimiser; their gradients differ by the factor n.
 *
 * Multi-output predictions [n, k] are averaged over all n·k entries (as
 * PyTorch's MSELoss); for the mean over samples of Σ over outputs,
 * multiply by k or use 'sum' and divide by n.
 */
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { assertNotEmpty, assertPrediction, assertSameShape, reduce, reductionOf, targetVar } from './reduction.js';
import type { LossOptions } from './reduction.js';

/** Mean squared error (1/n)·Σ(ŷᵢ − yᵢ)² over every entry ({ reduction: 'sum' } gives the SSE). Same shapes required. */
export function mse(prediction: Var, target: Tensor | Var, options?: LossOptions): Var {
  const where = 'mse';
  const p = assertPrediction(prediction, where), y = targetVar(target, where);
  const reduction = reductionOf(options, where);
  assertSameShape(p.value, y.value, where);
  assertNotEmpty(p.value.data.length, reduction, where);
  const d = ad.sub(p, y);
  return reduce(ad.mul(d, d), reduction);
}

/** Sum of squared errors Σ(ŷᵢ − yᵢ)² (the 000 deck's "MSE"): n·mse. Same shapes required. */
export function sse(prediction: Var, target: Tensor | Var): Var {
  const where = 'sse';
  const p = assertPrediction(prediction, where), y = targetVar(target, where);
  assertSameShape(p.value, y.value, where);
  const d = ad.sub(p, y);
  return ad.sum(ad.mul(d, d));
}
