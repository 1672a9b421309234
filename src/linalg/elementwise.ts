/**
 * Element-wise operations, with NumPy broadcasting for binary ones.
 *
 *   unary:   yᵢ = f(xᵢ)                       (neg, abs, exp, log, sqrt, map, …)
 *   binary:  z[i] = a[i′] ∘ b[i″]              (add, sub, mul, div, pow, maximum, minimum)
 *            maximum and minimum propagate NaN from either operand
 *   scale:   y = c·x;   addScaledInto (axpy): out ← out + c·x, in place
 *
 * Broadcasting: shapes are aligned at their last axis; two dimensions fit
 * when they are equal or one of them is 1 (a missing leading dimension
 * counts as 1); a dimension of 1 is repeated along the other. So a bias row
 * of shape [d] adds to every row of a batch [n, d], and a scalar to anything.
 * Every function allocates its result; `…Into` forms write into `out`.
 */
import { ShapeError, formatShape } from './errors.js';
import { Tensor, sameShape, sizeOf } from './tensor.js';

/** The broadcast shape of a and b, or a ShapeError naming both shapes and `where` (the caller's name). */
export function broadcastShapes(a: readonly number[], b: readonly number[], where = 'broadcast'): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let k = 0; k < rank; k++) {
    const da = a[a.length - rank + k] ?? 1;
    const db = b[b.length - rank + k] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${where}: shapes ${formatShape(a)} and ${formatShape(b)} do not fit`);
    }
    out[k] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each flat index of the broadcast shape `out`, the flat index into a
 * tensor of shape `shape` that supplies it. Internal: `shape` broadcasts to `out`.
 */
export function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const n = sizeOf(out);
  const index = new Int32Array(n);
  const rank = out.length;
  // stride of each output axis in the source (0 where the source repeats)
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let k = rank - 1, s = shape.length - 1; k >= 0; k--, s--) {
    if (s >= 0 && shape[s] !== 1) strides[k] = stride;
    if (s >= 0) stride *= shape[s];
  }
  const counter = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < n; i++) {
    index[i] = source;
    for (let k = rank - 1; k >= 0; k--) {
      counter[k]++;
      source += strides[k];
      if (counter[k] < out[k]) break;
      source -= strides[k] * counter[k];
      counter[k] = 0;
    }
  }
  return index;
}

/** z = a ∘ b element-wise with broadcasting; `op` is any binary function. */
export function zipWith(a: Tensor | number, b: Tensor | number, op: (x: number, y: number) => number): Tensor {
  const A = typeof a === 'number' ? { shape: [], data: Float64Array.of(a) } : a;
  const B = typeof b === 'number' ? { shape: [], data: Float64Array.of(b) } : b;
  const x = A.data, y = B.data;
  if (sameShape(A.shape, B.shape)) {
    const z = new Float64Array(x.length);
    for (let i = 0; i < z.length; i++) z[i] = op(x[i], y[i]);
    return { shape: [...A.shape], data: z };
  }
  const shape = broadcastShapes(A.shape, B.shape);
  const z = new Float64Array(sizeOf(shape));
  if (y.length === 1) {
    const y0 = y[0];
    for (let i = 0; i < z.length; i++) z[i] = op(x[i], y0);
  } else if (x.length === 1) {
    const x0 = x[0];
    for (let i = 0; i < z.length; i++) z[i] = op(x0, y[i]);
  } else {
    const ia = broadcastIndex(A.shape, shape), ib = broadcastIndex(B.shape, shape);
    for (let i = 0; i < z.length; i++) z[i] = op(x[ia[i]], y[ib[i]]);
  }
  return { shape, data: z };
}

export const add = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => x + y);
export const sub = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => x - y);
export const mul = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => x * y);
export const div = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => x / y);
export const pow = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => x ** y);
/** max(x, y) element-wise; NaN on either side gives NaN (as Math.max), whatever the argument order. */
export const maximum = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => (x >= y || x !== x ? x : y));
/** min(x, y) element-wise; NaN on either side gives NaN (as Math.min), whatever the argument order. */
export const minimum = (a: Tensor | number, b: Tensor | number): Tensor => zipWith(a, b, (x, y) => (x <= y || x !== x ? x : y));

/** y = f(x) element-wise. */
export function map(t: Tensor, f: (x: number, i: number) => number): Tensor {
  const y = new Float64Array(t.data.length);
  for (let i = 0; i < y.length; i++) y[i] = f(t.data[i], i);
  return { shape: [...t.shape], data: y };
}

/** y = c·x. */
export function scale(t: Tensor, c: number): Tensor {
  const y = new Float64Array(t.data.length);
  for (let i = 0; i < y.length; i++) y[i] = c * t.data[i];
  return { shape: [...t.shape], data: y };
}

export const neg = (t: Tensor): Tensor => scale(t, -1);
export const abs = (t: Tensor): Tensor => map(t, Math.abs);
export const exp = (t: Tensor): Tensor => map(t, Math.exp);
export const log = (t: Tensor): Tensor => map(t, Math.log);
export const sqrt = (t: Tensor): Tensor => map(t, Math.sqrt);
export const square = (t: Tensor): Tensor => map(t, (x) => x * x);

/** out ← out + c·x (axpy), in place; shapes must match. */
export function addScaledInto(out: Tensor, x: Tensor, c = 1): Tensor {
  if (!sameShape(out.shape, x.shape)) {
    throw new ShapeError(`addScaledInto: shapes must match, got ${formatShape(out.shape)} and ${formatShape(x.shape)}`);
  }
  const o = out.data, d = x.data;
  for (let i = 0; i < o.length; i++) o[i] += c * d[i];
  return out;
}
