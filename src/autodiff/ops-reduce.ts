/**
 * Reductions, over the whole tensor or along one axis, with local gradients:
 *
 *   sum   y = Σᵢ xᵢ              ∂L/∂xᵢ = g                  (g repeated over the reduced axis)
 *   mean  y = (Σᵢ xᵢ) / n        ∂L/∂xᵢ = g / n
 *   max   y = maxᵢ xᵢ            ∂L/∂xᵢ = g if i is the first maximiser, else 0
 *
 * The values are linalg's: sum and mean call linalg.sum and linalg.mean
 * (which divides the sum by n rather than multiplying by 1/n, off by an ulp
 * for many n), and max takes the entry that linalg.argmax picks: ties go to
 * the first maximiser (along an axis, the first along that axis), and NaN
 * propagates: a NaN counts as larger than everything, so the first NaN is
 * the maximum and receives the gradient.
 *
 * The whole-tensor form returns shape [] (all ones with keepDims); along an
 * axis, the axis is removed (kept as 1 with keepDims), as in linalg.
 * For a mini-batch loss, mean over the batch gives (1/B)Σ∇Lᵢ and sum gives
 * Σ∇Lᵢ (EQ-AUTODIFF-09).
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { expandTo } from './helpers.js';
import { Operand, customOp, lift } from './graph.js';
import type { Var } from './var.js';

const { ValueError, formatShape } = linalg;

export interface ReduceOptions {
  /** The axis to reduce (negative counts from the end). Omitted: the whole tensor. */
  axis?: number;
  /** Keep the reduced axis (or every axis) with length 1. Default false. */
  keepDims?: boolean;
}

/** Shape plan of a reduction: the axis (or −1 for all), the count n, the output shape and the keep-dims shape. */
function plan(op: string, shape: readonly number[], options: ReduceOptions): { a: number; n: number; out: number[]; kept: number[] } {
  if (options.axis === undefined) {
    const kept = shape.map(() => 1);
    return { a: -1, n: linalg.sizeOf(shape), out: options.keepDims ? kept : [], kept };
  }
  const a = linalg.splitAxis(shape, options.axis, op)[3];
  const kept = shape.map((d, i) => (i === a ? 1 : d));
  return { a, n: shape[a], out: options.keepDims ? kept : kept.filter((_, i) => i !== a), kept };
}

/** Σ x over the plan, divided by n for the mean. */
function reduceSum(op: string, input: Operand, options: ReduceOptions, mean: boolean): Var {
  const x = lift(input);
  const { a, n, out, kept } = plan(op, x.value.shape, options);
  if (mean && n === 0) throw new ValueError(`mean: nothing to average in shape ${formatShape(x.value.shape)}`);
  const reduce = mean ? linalg.mean : linalg.sum;
  const y: Tensor = { shape: out, data: (a < 0 ? linalg.scalar(reduce(x.value)) : reduce(x.value, { axis: a })).data };
  return customOp(op, y, [x], (g) => {
    const dx = expandTo({ shape: kept, data: g.data }, x.value.shape);
    if (mean) for (let i = 0; i < dx.data.length; i++) dx.data[i] /= n;
    return [dx];
  });
}

/** Σ x over everything or along `options.axis`. */
export function sum(x: Operand, options: ReduceOptions = {}): Var {
  return reduceSum('sum', x, options, false);
}

/** The mean over everything or along `options.axis` (ValueError when empty). */
export function mean(x: Operand, options: ReduceOptions = {}): Var {
  return reduceSum('mean', x, options, true);
}

/** The largest entry over everything or along `options.axis` (NaN if any is NaN); the gradient goes to the first maximiser. */
export function max(input: Operand, options: ReduceOptions = {}): Var {
  const x = lift(input);
  const { a, n, out } = plan('max', x.value.shape, options);
  if (n === 0) throw new ValueError(`max: nothing to compare in shape ${formatShape(x.value.shape)}`);
  const [outer, , inner] = a < 0 ? [1, n, 1] : linalg.splitAxis(x.value.shape, a, 'max');
  // linalg.argmax picks the first maximiser (or the first NaN): k along the axis for each (o, i).
  const k = a < 0 ? Float64Array.of(linalg.argmax(x.value)) : linalg.argmax(x.value, { axis: a }).data;
  const xd = x.value.data;
  const y = new Float64Array(outer * inner);
  const at = new Int32Array(outer * inner); // flat index of that maximiser
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      at[o * inner + i] = (o * n + k[o * inner + i]) * inner + i;
      y[o * inner + i] = xd[at[o * inner + i]];
    }
  }
  return customOp('max', { shape: out, data: y }, [x], (g) => {
    const dx = new Float64Array(xd.length);
    for (let j = 0; j < at.length; j++) dx[at[j]] += g.data[j];
    return [{ shape: [...x.value.shape], data: dx }];
  });
}
