/**
 * Reductions over a whole tensor or along one axis.
 *
 *   sum:    Σᵢ xᵢ              mean: (1/n) Σᵢ xᵢ
 *   max:    maxᵢ xᵢ            min:  minᵢ xᵢ
 *                              argmax: the first i with xᵢ = max (ties → lowest index;
 *                                      a NaN is the maximum, as in max)
 *
 * Along an axis, the axis is removed from the shape (kept as 1 with
 * `keepDims`). Sums use plain left-to-right accumulation, which is what the
 * specs' reference loops do too. NaN propagates through max and min.
 * The axis goes in the options object, `sum(X, { axis: 1 })`; a bare number
 * there is an ArgumentTypeError that says so.
 *
 * splitAxis views a shape as [outer, n, inner] around an axis, the layout
 * of every loop along one axis (here and in autodiff):
 *   x[o, k, i] = data[(o·n + k)·inner + i].
 */
import { ArgumentTypeError, ShapeError, ValueError, assertBoolean, assertOptions, describeValue, formatShape } from '../errors/index.js';
import type { Tensor } from './tensor.js';
import { assertShape, assertTensor } from './validate.js';

/** Options of the reductions. */
export interface AxisOptions {
  /** The axis to reduce; negative counts from the end. Omitted: the whole tensor. */
  axis?: number;
  /** Keep the reduced axis with length 1 (needs an axis). Default false. */
  keepDims?: boolean;
}

const product = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

/** splitAxis without the checks of `shape`. Internal: `shape` is a valid shape. */
function split(shape: readonly number[], axis: number, where: string): [number, number, number, number] {
  if (typeof axis !== 'number') {
    throw new ArgumentTypeError(`${where}: axis must be an integer, got ${describeValue(axis)}; the axis goes in the options object, { axis: 1 }`);
  }
  const r = shape.length;
  const a = axis < 0 ? axis + r : axis;
  const n = shape[a];
  if (!Number.isInteger(axis) || a < 0 || n === undefined) {
    const axes = r === 0 ? 'a rank-0 tensor has no axis' : `an axis is an integer in [${-r}, ${r - 1}]`;
    throw new ShapeError(`${where}: axis ${axis} is out of range for shape ${formatShape(shape)}; ${axes}`);
  }
  return [product(shape.slice(0, a)), n, product(shape.slice(a + 1)), a];
}

/**
 * View `shape` as [outer, n, inner] around `axis`: the sizes before, along and
 * after it, so that entry k of line (o, i) is at flat index (o·n + k)·inner + i.
 * Returns [outer, n, inner, a] with a the axis in [0, rank) (a negative axis
 * counts from the end). An axis that is not a number is an ArgumentTypeError;
 * a fractional one, or one out of range, a ShapeError naming `where`, the
 * axis and the shape.
 * A building block for other modules.
 */
export function splitAxis(shape: readonly number[], axis: number, where: string): [number, number, number, number] {
  assertShape(shape, 'shape', where);
  return split(shape, axis, where);
}

/** The checked options of a reduction: the axis (undefined for all) and keepDims. */
interface Reduction {
  axis: number | undefined;
  keepDims: boolean;
}

/** Validate a reduction's arguments (named `where`); the axis is checked against t's shape. */
function reduction(t: Tensor, options: AxisOptions | undefined, where: string): Reduction {
  assertTensor(t, 't', where);
  if (typeof options === 'number') {
    throw new ArgumentTypeError(`${where}: the axis goes in the options object: write ${where}(t, { axis: ${options} }), got the number ${options}`);
  }
  const { axis, keepDims = false } = assertOptions(options, ['axis', 'keepDims'], where);
  assertBoolean(keepDims, 'keepDims', where);
  if (axis === undefined) {
    if (keepDims) throw new ValueError(`${where}: keepDims needs an axis ({ axis, keepDims: true }); over the whole tensor the result is a number`);
    return { axis, keepDims };
  }
  split(t.shape, axis, where);
  return { axis, keepDims };
}

function reducedShape(t: Tensor, a: number, keepDims: boolean): number[] {
  return keepDims ? t.shape.map((d, i) => (i === a ? 1 : d)) : t.shape.filter((_, i) => i !== a);
}

/**
 * Fold `step` along an axis: out[o, i] = step(… step(init, x[o, 0, i]) …, x[o, n−1, i]).
 * Internal: the axis has been checked.
 */
function foldAxis(t: Tensor, axis: number, keepDims: boolean, where: string, init: number, step: (acc: number, x: number) => number): Tensor {
  const [outer, n, inner, a] = split(t.shape, axis, where);
  const out = new Float64Array(outer * inner).fill(init);
  const x = t.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const base = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) {
        const acc = out[o * inner + i]!, xi = x[base + i]!;
        out[o * inner + i] = step(acc, xi);
      }
    }
  }
  return { shape: reducedShape(t, a, keepDims), data: out };
}

/** Throw a ValueError when the reduction has nothing to reduce (an empty tensor, or an empty axis). */
function assertNotEmpty(t: Tensor, axis: number | undefined, where: string): void {
  if (axis === undefined) {
    if (t.data.length === 0) throw new ValueError(`${where}: the tensor is empty (shape ${formatShape(t.shape)})`);
  } else if (split(t.shape, axis, where)[1] === 0) {
    throw new ValueError(`${where}: axis ${axis} of shape ${formatShape(t.shape)} is empty`);
  }
}

/** Σᵢ tᵢ over every entry of t (0 when empty). */
export function sum(t: Tensor): number;
/** Σ_k t[o, k, i] along `options.axis` (the axis is dropped, or kept as 1 with keepDims). */
export function sum(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
/** Σᵢ tᵢ over everything (a number; 0 when empty) or along `axis` (a tensor). Options: axis, keepDims (false). */
export function sum(t: Tensor, options?: AxisOptions): number | Tensor;
export function sum(t: Tensor, options?: AxisOptions): number | Tensor {
  const { axis, keepDims } = reduction(t, options, 'sum');
  if (axis === undefined) {
    const x = t.data;
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i]!;
    return s;
  }
  return foldAxis(t, axis, keepDims, 'sum', 0, (acc, x) => acc + x);
}

/** (1/n) Σᵢ tᵢ over the n entries of t (ValueError when empty). */
export function mean(t: Tensor): number;
/** (1/n) Σ_k t[o, k, i] along `options.axis` of length n (ValueError when it is empty). */
export function mean(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
/** (1/n) Σᵢ tᵢ over everything or along `axis` (n entries); empty input is a ValueError. Options: axis, keepDims (false). */
export function mean(t: Tensor, options?: AxisOptions): number | Tensor;
export function mean(t: Tensor, options?: AxisOptions): number | Tensor {
  const { axis, keepDims } = reduction(t, options, 'mean');
  assertNotEmpty(t, axis, 'mean');
  if (axis === undefined) {
    const x = t.data;
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i]!;
    return s / x.length;
  }
  const n = split(t.shape, axis, 'mean')[1];
  const s = foldAxis(t, axis, keepDims, 'mean', 0, (acc, x) => acc + x);
  const y = s.data;
  for (let i = 0; i < y.length; i++) y[i] = y[i]! / n;
  return s;
}

const larger = (acc: number, x: number): number => (x > acc || Number.isNaN(x) ? x : acc);
const smaller = (acc: number, x: number): number => (x < acc || Number.isNaN(x) ? x : acc);

/** maxᵢ tᵢ over every entry of t (NaN if an entry is NaN; ValueError when empty). */
export function max(t: Tensor): number;
/** max_k t[o, k, i] along `options.axis` (NaN where an entry is NaN; ValueError when the axis is empty). */
export function max(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
/** maxᵢ tᵢ overall or along `axis` (NaN if any entry is NaN); empty input is a ValueError. Options: axis, keepDims (false). */
export function max(t: Tensor, options?: AxisOptions): number | Tensor;
export function max(t: Tensor, options?: AxisOptions): number | Tensor {
  const { axis, keepDims } = reduction(t, options, 'max');
  assertNotEmpty(t, axis, 'max');
  if (axis === undefined) return t.data.reduce(larger, -Infinity);
  return foldAxis(t, axis, keepDims, 'max', -Infinity, larger);
}

/** minᵢ tᵢ over every entry of t (NaN if an entry is NaN; ValueError when empty). */
export function min(t: Tensor): number;
/** min_k t[o, k, i] along `options.axis` (NaN where an entry is NaN; ValueError when the axis is empty). */
export function min(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
/** minᵢ tᵢ overall or along `axis` (NaN if any entry is NaN); empty input is a ValueError. Options: axis, keepDims (false). */
export function min(t: Tensor, options?: AxisOptions): number | Tensor;
export function min(t: Tensor, options?: AxisOptions): number | Tensor {
  const { axis, keepDims } = reduction(t, options, 'min');
  assertNotEmpty(t, axis, 'min');
  if (axis === undefined) return t.data.reduce(smaller, Infinity);
  return foldAxis(t, axis, keepDims, 'min', Infinity, smaller);
}

/** Does x replace the current best of argmax? Strictly larger, or the first NaN. */
const beats = (x: number, best: number): boolean => x > best || (Number.isNaN(x) && !Number.isNaN(best));

/** The flat index of the first largest entry of t (a NaN counts as the largest; ValueError when empty). */
export function argmax(t: Tensor): number;
/** argmax_k t[o, k, i] along `options.axis`: the first index of the largest entry of each line. */
export function argmax(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
/**
 * argmaxᵢ tᵢ: the flat index of the first largest entry (a NaN counts as the
 * largest), or along `axis` the index within that axis; empty input is a
 * ValueError. Options: axis, keepDims (false).
 */
export function argmax(t: Tensor, options?: AxisOptions): number | Tensor;
export function argmax(t: Tensor, options?: AxisOptions): number | Tensor {
  const { axis, keepDims } = reduction(t, options, 'argmax');
  assertNotEmpty(t, axis, 'argmax');
  const x = t.data;
  if (axis === undefined) {
    let best = 0, bestValue = x[0]!;
    for (let i = 1; i < x.length; i++) {
      const xi = x[i]!;
      if (beats(xi, bestValue)) {
        best = i;
        bestValue = xi;
      }
    }
    return best;
  }
  const [outer, n, inner, a] = split(t.shape, axis, 'argmax');
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0, bestValue = x[o * n * inner + i]!;
      for (let k = 1; k < n; k++) {
        const xk = x[(o * n + k) * inner + i]!;
        if (beats(xk, bestValue)) {
          best = k;
          bestValue = xk;
        }
      }
      out[o * inner + i] = best;
    }
  }
  return { shape: reducedShape(t, a, keepDims), data: out };
}
