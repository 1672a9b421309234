/**
 * What every loss shares: the arguments (a prediction Var, a target Tensor
 * or Var) checked at the top of each public loss, and the reduction of the
 * per-entry or per-sample losses ℓᵢ to one scalar:
 *
 *   'mean'   L = (1/n)·Σᵢ ℓᵢ      (the default, as in PyTorch)
 *   'sum'    L = Σᵢ ℓᵢ
 *
 * For element-wise losses (MSE, MAE, BCE) i runs over every entry, so a
 * multi-output prediction [n, k] is averaged over all n·k entries; for
 * cross-entropy i runs over the n samples, the classes being summed inside ℓᵢ.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertOneOf, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import { Var } from '../autodiff/index.js';

export type Reduction = 'mean' | 'sum';

export interface LossOptions {
  /** 'mean' (default) or 'sum' of the per-entry (per-sample for cross-entropy) losses. */
  reduction?: Reduction;
}

/** The prediction, checked: a Var (the output of a network). */
export function assertPrediction(prediction: unknown, where: string): Var {
  if (!(prediction instanceof Var)) {
    throw new ArgumentTypeError(`${where}: prediction must be a Var (a network's output; wrap data with constant(…)), got ${describeValue(prediction)}`);
  }
  return prediction;
}

/** The target as a Var: a Var as it is, a Tensor as a constant. */
export function targetVar(target: unknown, where: string): Var {
  if (target instanceof Var) return target;
  linalg.assertTensor(target, 'target', where);
  return ad.constant(target);
}

/** The reduction option ('mean' by default). */
export function reductionOf(options: LossOptions | undefined, where: string): Reduction {
  const o = assertOptions(options, ['reduction'], where);
  return assertOneOf(o.reduction ?? 'mean', ['mean', 'sum'], 'reduction', where);
}

/** ShapeError unless prediction and target have the same shape. */
export function assertSameShape(p: Tensor, y: Tensor, where: string): void {
  if (!linalg.sameShape(p.shape, y.shape)) {
    throw new ShapeError(`${where}: prediction ${formatShape(p.shape)} and target ${formatShape(y.shape)} must have the same shape`);
  }
}

/** ValueError unless every entry of t lies in [0, 1] (NaN fails). */
export function assertUnitInterval(t: Tensor, name: string, where: string): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!(v >= 0 && v <= 1)) throw new ValueError(`${where}: ${name} must lie in [0, 1] (probabilities), got ${describeValue(v)} at entry ${i}`);
  }
}

/** ValueError for an empty prediction under 'mean' (nothing to average). */
export function assertNotEmpty(count: number, reduction: Reduction, where: string): void {
  if (count === 0 && reduction === 'mean') throw new ValueError(`${where}: the prediction is empty; there is nothing to average`);
}

/** L = mean or sum of ℓ. Internal: ℓ is not empty under 'mean'. */
export function reduce(l: Var, reduction: Reduction): Var {
  return reduction === 'mean' ? ad.mean(l) : ad.sum(l);
}
