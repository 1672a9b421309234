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
import { ValueError, assertBoolean, assertInteger, assertOptions, formatShape } from '../errors/index.js';
import { expandTo } from './helpers.js';
import { operand, record } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';

/** Options of sum, mean and max. */
export interface ReduceOptions {
  /** The axis to reduce (negative counts from the end). Omitted: the whole tensor. */
  axis?: number | undefined;
  /** Keep the reduced axis (or every axis) with length 1. Default false. */
  keepDims?: boolean | undefined;
}

/** The shape plan of a reduction. */
interface Plan {
  /** The axis in [0, rank), or −1 for the whole tensor. */
  a: number;
  /** The number of entries reduced into each output entry. */
  n: number;
  /** The output shape, and the input's shape with the reduced axes kept as 1. */
  out: number[];
  kept: number[];
}

/** Check a reduction's operand and options as `op`'s, and plan it. */
function plan(op: string, input: unknown, options: unknown): { x: Var; plan: Plan } {
  const x = operand(input, 'x', op);
  const { axis, keepDims = false } = assertOptions(options as ReduceOptions | undefined, ['axis', 'keepDims'], op);
  assertBoolean(keepDims, 'keepDims', op);
  const shape = x.value.shape;
  if (axis === undefined) {
    const kept = shape.map(() => 1);
    return { x, plan: { a: -1, n: linalg.sizeOf(shape), out: keepDims ? kept : [], kept } };
  }
  assertInteger(axis, 'axis', op);
  const [, n, , a] = linalg.splitAxis(shape, axis, op);
  const kept = shape.map((d, i) => (i === a ? 1 : d));
  return { x, plan: { a, n, out: keepDims ? kept : kept.filter((_, i) => i !== a), kept } };
}

/** Σ x over the plan, divided by n for the mean. */
function reduceSum(op: 'sum' | 'mean', input: unknown, options: unknown): Var {
  const { x, plan: { a, n, out, kept } } = plan(op, input, options);
  const mean = op === 'mean';
  if (mean && n === 0) throw new ValueError(`mean: nothing to average in shape ${formatShape(x.value.shape)}`);
  const value = a < 0
    ? linalg.scalar(mean ? linalg.mean(x.value) : linalg.sum(x.value))
    : mean ? linalg.mean(x.value, { axis: a }) : linalg.sum(x.value, { axis: a });
  const y: Tensor = { shape: out, data: value.data };
  return record(op, y, [x], (g) => {
    const dx = expandTo({ shape: kept, data: g.data }, x.value.shape);
    if (mean) {
      const d = dx.data;
      for (let i = 0; i < d.length; i++) d[i] = d[i]! / n;
    }
    return [dx];
  });
}

/**
 * y = Σᵢ xᵢ over everything, or along `options.axis`; ∂L/∂xᵢ = g (repeated
 * over the reduced axis). Options: `axis` (default: all), `keepDims` (default false).
 */
export function sum(x: Operand, options?: ReduceOptions): Var {
  return reduceSum('sum', x, options);
}

/**
 * y = (1/n) Σᵢ xᵢ over everything, or along `options.axis` (ValueError when
 * n = 0); ∂L/∂xᵢ = g/n. Options as for sum.
 */
export function mean(x: Operand, options?: ReduceOptions): Var {
  return reduceSum('mean', x, options);
}

/**
 * y = maxᵢ xᵢ over everything, or along `options.axis` (NaN if any is NaN;
 * ValueError when empty); ∂L/∂xᵢ = g for the first maximiser i, else 0.
 * Options as for sum.
 */
export function max(input: Operand, options?: ReduceOptions): Var {
  const { x, plan: { a, n, out } } = plan('max', input, options);
  const shape = x.value.shape;
  if (n === 0) throw new ValueError(`max: nothing to compare in shape ${formatShape(shape)}`);
  const [outer, , inner] = a < 0 ? [1, n, 1] : linalg.splitAxis(shape, a, 'max');
  // linalg.argmax picks the first maximiser (or the first NaN): k along the axis for each (o, i).
  const k = a < 0 ? Float64Array.of(linalg.argmax(x.value)) : linalg.argmax(x.value, { axis: a }).data;
  const xd = x.value.data;
  const y = new Float64Array(outer * inner);
  const at = new Int32Array(outer * inner); // flat index of that maximiser
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const j = o * inner + i, kj = k[j]!;
      const flat = (o * n + kj) * inner + i;
      at[j] = flat;
      y[j] = xd[flat]!;
    }
  }
  return record('max', { shape: out, data: y }, [x], (g) => {
    const gd = g.data;
    const dx = new Float64Array(xd.length);
    for (let j = 0; j < at.length; j++) {
      const to = at[j]!, gj = gd[j]!;
      dx[to] = dx[to]! + gj;
    }
    return [{ shape: [...shape], data: dx }];
  });
}
