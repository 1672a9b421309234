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
 *
 * splitAxis views a shape as [outer, n, inner] around an axis, the layout
 * of every loop along one axis (here and in autodiff):
 *   x[o, k, i] = data[(o·n + k)·inner + i].
 */
import { ShapeError, ValueError, formatShape } from './errors.js';
import { Tensor, sizeOf } from './tensor.js';

export interface AxisOptions {
  /** The axis to reduce; negative counts from the end. Omitted: the whole tensor. */
  axis?: number;
  /** Keep the reduced axis with length 1. Default false. */
  keepDims?: boolean;
}

/**
 * View `shape` as [outer, n, inner] around `axis`: the sizes before, along and
 * after it, so that entry k of line (o, i) is at flat index (o·n + k)·inner + i.
 * Returns [outer, n, inner, a] with a the axis in [0, rank) (a negative axis
 * counts from the end); a non-integer or out-of-range axis is a ShapeError
 * naming `where`, the axis and the shape.
 */
export function splitAxis(shape: readonly number[], axis: number, where: string): [number, number, number, number] {
  const r = shape.length;
  const a = axis < 0 ? axis + r : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= r) {
    throw new ShapeError(`${where}: axis ${axis} is out of range for shape ${formatShape(shape)}`);
  }
  return [sizeOf(shape.slice(0, a)), shape[a], sizeOf(shape.slice(a + 1)), a];
}

function reducedShape(t: Tensor, a: number, keepDims: boolean): number[] {
  return keepDims ? t.shape.map((d, i) => (i === a ? 1 : d)) : t.shape.filter((_, i) => i !== a);
}

/**
 * Fold `step` along an axis: out[o, i] = step(… step(init, x[o, 0, i]) …, x[o, n−1, i]).
 * Internal to this file.
 */
function foldAxis(t: Tensor, options: AxisOptions, where: string, init: number, step: (acc: number, x: number) => number): Tensor {
  const [outer, n, inner, a] = splitAxis(t.shape, options.axis ?? 0, where);
  const out = new Float64Array(outer * inner).fill(init);
  const x = t.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const base = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] = step(out[o * inner + i], x[base + i]);
    }
  }
  return { shape: reducedShape(t, a, options.keepDims ?? false), data: out };
}

/** Σ x over everything (a number) or along `axis` (a tensor). */
export function sum(t: Tensor): number;
export function sum(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
export function sum(t: Tensor, options?: AxisOptions): number | Tensor {
  if (options?.axis === undefined) {
    let s = 0;
    for (let i = 0; i < t.data.length; i++) s += t.data[i];
    return s;
  }
  return foldAxis(t, options, 'sum', 0, (acc, x) => acc + x);
}

/** The mean over everything or along `axis`; empty input throws. */
export function mean(t: Tensor): number;
export function mean(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
export function mean(t: Tensor, options?: AxisOptions): number | Tensor {
  if (options?.axis === undefined) {
    if (t.data.length === 0) throw new ValueError('mean: the tensor is empty');
    return sum(t) / t.data.length;
  }
  const [, n] = splitAxis(t.shape, options.axis, 'mean');
  if (n === 0) throw new ValueError(`mean: axis ${options.axis} of shape ${formatShape(t.shape)} is empty`);
  const s = sum(t, { ...options, axis: options.axis });
  for (let i = 0; i < s.data.length; i++) s.data[i] /= n;
  return s;
}

const larger = (acc: number, x: number): number => (x > acc || Number.isNaN(x) ? x : acc);
const smaller = (acc: number, x: number): number => (x < acc || Number.isNaN(x) ? x : acc);

/** The largest entry overall or along `axis`; empty input throws. */
export function max(t: Tensor): number;
export function max(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
export function max(t: Tensor, options?: AxisOptions): number | Tensor {
  if (options?.axis === undefined) {
    if (t.data.length === 0) throw new ValueError('max: the tensor is empty');
    return t.data.reduce(larger, -Infinity);
  }
  if (splitAxis(t.shape, options.axis, 'max')[1] === 0) throw new ValueError(`max: axis ${options.axis} of shape ${formatShape(t.shape)} is empty`);
  return foldAxis(t, options, 'max', -Infinity, larger);
}

/** The smallest entry overall or along `axis`; empty input throws. */
export function min(t: Tensor): number;
export function min(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
export function min(t: Tensor, options?: AxisOptions): number | Tensor {
  if (options?.axis === undefined) {
    if (t.data.length === 0) throw new ValueError('min: the tensor is empty');
    return t.data.reduce(smaller, Infinity);
  }
  if (splitAxis(t.shape, options.axis, 'min')[1] === 0) throw new ValueError(`min: axis ${options.axis} of shape ${formatShape(t.shape)} is empty`);
  return foldAxis(t, options, 'min', Infinity, smaller);
}

/** Does x replace the current best of argmax? Strictly larger, or the first NaN. */
const beats = (x: number, best: number): boolean => x > best || (Number.isNaN(x) && !Number.isNaN(best));

/** The flat index of the first largest entry, or along `axis` the index within that axis. */
export function argmax(t: Tensor): number;
export function argmax(t: Tensor, options: AxisOptions & { axis: number }): Tensor;
export function argmax(t: Tensor, options?: AxisOptions): number | Tensor {
  if (options?.axis === undefined) {
    if (t.data.length === 0) throw new ValueError('argmax: the tensor is empty');
    let best = 0;
    for (let i = 1; i < t.data.length; i++) if (beats(t.data[i], t.data[best])) best = i;
    return best;
  }
  const [outer, n, inner, a] = splitAxis(t.shape, options.axis, 'argmax');
  if (n === 0) throw new ValueError(`argmax: axis ${options.axis} of shape ${formatShape(t.shape)} is empty`);
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      for (let k = 1; k < n; k++) if (beats(t.data[(o * n + k) * inner + i], t.data[(o * n + best) * inner + i])) best = k;
      out[o * inner + i] = best;
    }
  }
  return { shape: reducedShape(t, a, options.keepDims ?? false), data: out };
}
