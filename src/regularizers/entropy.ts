/**
 * The entropy term of the 000 deck's penalty list (EQ-REGULARIZERS-02):
 * the slide writes Σ_x p(x) log(x), read here as Σ_x p(x)·log p(x), the
 * negative entropy −H(p) of a predicted distribution p over K classes:
 *
 *   R(p) = Σ_c p_c·ln p_c = −H(p) ∈ [−ln K, 0]     −ln K at the uniform p, 0 at a one-hot p
 *
 * Added to a loss with λ > 0 it penalises confident predictions (the
 * "confidence penalty" of Pereyra et al. 2017): minimising −H pushes p
 * towards the uniform distribution, as label smoothing does. Over a batch
 * P: n×K (rows on the simplex) it is averaged over the rows ('mean',
 * default) or summed ('sum').
 *
 *   entropyPenalty(P)            from probabilities; 0·ln 0 = 0, and the
 *                                gradient ln p_c + 1 is −∞ at p_c = 0
 *   entropyPenaltyWithLogits(Z)  from logits, p = softmax(z): finite at any
 *                                finite z (log-softmax); ∂R/∂z_c = p_c·(ln p_c − R)
 *
 * (the reading of the slide is a guess: "log(x)" there is most likely a
 * damaged "log p(x)").
 */
import { ShapeError, ValueError, assertInstance, assertOneOf, assertOptions, formatShape } from '../errors/index.js';
import { log } from '../math/index.js';
import * as ad from '../autodiff/index.js';
import { Var } from '../autodiff/index.js';

/** Options of the entropy penalties. */
export interface EntropyPenaltyOptions {
  /** Average the rows' terms ('mean', default) or add them ('sum'). */
  reduction?: 'mean' | 'sum';
}

/** Internal: the input Var (n×K, K ≥ 1, n ≥ 1) and the reduction. */
function entropyArguments(x: unknown, options: EntropyPenaltyOptions | undefined, name: string, where: string): { v: Var; reduction: 'mean' | 'sum' } {
  const v = assertInstance(x, Var, name, where);
  const o = assertOptions(options, ['reduction'], where);
  const reduction = assertOneOf(o.reduction ?? 'mean', ['mean', 'sum'] as const, 'reduction', where);
  const s = v.value.shape;
  if (s.length !== 2 || s[0] === 0 || s[1] === 0) {
    throw new ShapeError(`${where}: ${name} must be n×K with n, K ≥ 1 (rows are samples; one sample is 1×K), got ${formatShape(s)}`);
  }
  return { v, reduction };
}

/** Σ_c p_c ln p_c per row of P: n×K (probabilities in [0, 1]), averaged (or summed) over the rows. */
export function entropyPenalty(P: Var, options?: EntropyPenaltyOptions): Var {
  const where = 'entropyPenalty';
  const { v, reduction } = entropyArguments(P, options, 'P', where);
  const pd = v.value.data;
  for (let k = 0; k < pd.length; k++) {
    const p = pd[k]!;
    if (!(p >= 0 && p <= 1)) throw new ValueError(`${where}: P must hold probabilities in [0, 1], got ${p} at entry ${k}`);
  }
  const terms = new Float64Array(pd.length);
  for (let k = 0; k < pd.length; k++) {
    const p = pd[k]!;
    terms[k] = p === 0 ? 0 : p * log(p);
  }
  const shape = [...v.value.shape];
  const t = ad.customOp('entropyTerms', { shape, data: terms }, [v], (g) => {
    const dp = new Float64Array(pd.length);
    for (let k = 0; k < pd.length; k++) {
      const p = pd[k]!;
      dp[k] = g.data[k]! * (p === 0 ? -Infinity : log(p) + 1);
    }
    return [{ shape, data: dp }];
  });
  const perRow = ad.sum(t, { axis: -1 });
  return reduction === 'mean' ? ad.mean(perRow) : ad.sum(perRow);
}

/** Σ_c p_c ln p_c with p = softmax(z) per row of Z: n×K (logits), averaged (or summed) over the rows. */
export function entropyPenaltyWithLogits(Z: Var, options?: EntropyPenaltyOptions): Var {
  const where = 'entropyPenaltyWithLogits';
  const { v, reduction } = entropyArguments(Z, options, 'Z', where);
  const logP = ad.logSoftmax(v);
  const perRow = ad.sum(ad.mul(ad.exp(logP), logP), { axis: -1 });
  return reduction === 'mean' ? ad.mean(perRow) : ad.sum(perRow);
}
