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
import { ShapeError, assertFunction, formatShape } from '../errors/index.js';
import * as math from '../math/index.js';
import { sameShape } from './tensor.js';
import type { Tensor } from './tensor.js';
import { allocate, assertEntry, assertOperand, assertShape, assertTensor, checkedSize } from './validate.js';

/** The broadcast shape of shapes a and b. Internal: both are valid shapes. */
function broadcastOf(a: readonly number[], b: readonly number[], where: string): number[] {
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
 * The broadcast shape of a and b (file comment), or a ShapeError naming both
 * shapes and `where` (the caller's public function; default 'broadcastShapes').
 * A building block for other modules.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], where = 'broadcastShapes'): number[] {
  assertShape(a, 'a', where);
  assertShape(b, 'b', where);
  return broadcastOf(a, b, where);
}

/**
 * index[i] = the flat index into a tensor of shape `shape` that supplies
 * flat index i of the broadcast shape `out`. Internal: `shape` broadcasts to `out`.
 */
function broadcastIndexOf(shape: readonly number[], out: readonly number[], where: string): Int32Array {
  const n = checkedSize(out, where);
  const index = new Int32Array(n);
  const rank = out.length;
  // stride of each output axis in the source (0 where the source repeats)
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let k = rank - 1, s = shape.length - 1; k >= 0; k--, s--) {
    const ds = shape[s];
    if (ds === undefined) continue; // a missing leading dimension repeats
    if (ds !== 1) strides[k] = stride;
    stride *= ds;
  }
  const counter = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < n; i++) {
    index[i] = source;
    for (let k = rank - 1; k >= 0; k--) {
      const step = strides[k]!, count = counter[k]! + 1;
      source += step;
      if (count < out[k]!) {
        counter[k] = count;
        break;
      }
      source -= step * count;
      counter[k] = 0;
    }
  }
  return index;
}

/**
 * For each flat index i of the broadcast shape `out`, the flat index into a
 * tensor of shape `shape` that supplies it (ShapeError unless `shape`
 * broadcasts to `out`). A building block for other modules.
 */
export function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  assertShape(shape, 'shape', 'broadcastIndex');
  assertShape(out, 'out', 'broadcastIndex');
  if (!sameShape(broadcastOf(shape, out, 'broadcastIndex'), out)) {
    throw new ShapeError(`broadcastIndex: shape ${formatShape(shape)} does not broadcast to ${formatShape(out)}`);
  }
  return broadcastIndexOf(shape, out, 'broadcastIndex');
}

/** z = a ∘ b with broadcasting, validated and named `where`. Internal to this file. */
function zip(a: Tensor | number, b: Tensor | number, op: (x: number, y: number) => number, where: string): Tensor {
  assertOperand(a, 'a', where);
  assertOperand(b, 'b', where);
  const A = typeof a === 'number' ? { shape: [], data: Float64Array.of(a) } : a;
  const B = typeof b === 'number' ? { shape: [], data: Float64Array.of(b) } : b;
  const x = A.data, y = B.data;
  if (sameShape(A.shape, B.shape)) {
    const z = new Float64Array(x.length);
    for (let i = 0; i < z.length; i++) z[i] = op(x[i]!, y[i]!);
    return { shape: [...A.shape], data: z };
  }
  const shape = broadcastOf(A.shape, B.shape, where);
  const z = allocate(shape, where);
  if (y.length === 1) {
    const y0 = y[0]!;
    for (let i = 0; i < z.length; i++) z[i] = op(x[i]!, y0);
  } else if (x.length === 1) {
    const x0 = x[0]!;
    for (let i = 0; i < z.length; i++) z[i] = op(x0, y[i]!);
  } else {
    const ia = broadcastIndexOf(A.shape, shape, where), ib = broadcastIndexOf(B.shape, shape, where);
    for (let i = 0; i < z.length; i++) z[i] = op(x[ia[i]!]!, y[ib[i]!]!);
  }
  return { shape, data: z };
}

/**
 * z = a ∘ b element-wise with broadcasting (file comment), for any binary
 * function `op`; a number broadcasts as a scalar. A building block for other modules.
 */
export function zipWith(a: Tensor | number, b: Tensor | number, op: (x: number, y: number) => number): Tensor {
  assertFunction(op, 'op', 'zipWith');
  return zip(a, b, op, 'zipWith');
}

/** a + b element-wise, with broadcasting. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, (x, y) => x + y, 'add');
}

/** a − b element-wise, with broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, (x, y) => x - y, 'sub');
}

/** a·b element-wise (the Hadamard product a ⊙ b), with broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, (x, y) => x * y, 'mul');
}

/** a / b element-wise, with broadcasting (x/0 gives ±∞ or NaN, as in IEEE-754). */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, (x, y) => x / y, 'div');
}

/** a^b element-wise, with broadcasting (JavaScript's x ** y). */
export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, math.pow, 'pow');
}

/** max(a, b) element-wise, with broadcasting; NaN on either side gives NaN (as Math.max), whatever the order. */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, (x, y) => (x >= y || x !== x ? x : y), 'maximum');
}

/** min(a, b) element-wise, with broadcasting; NaN on either side gives NaN (as Math.min), whatever the order. */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  return zip(a, b, (x, y) => (x <= y || x !== x ? x : y), 'minimum');
}

/** yᵢ = f(xᵢ), validated and named `where`. Internal to this file. */
function apply(t: Tensor, f: (x: number, i: number) => number, where: string): Tensor {
  assertTensor(t, 't', where);
  const x = t.data, y = new Float64Array(x.length);
  for (let i = 0; i < y.length; i++) y[i] = f(x[i]!, i);
  return { shape: [...t.shape], data: y };
}

/** yᵢ = f(xᵢ, i) element-wise (i the flat index). A building block for other modules. */
export function map(t: Tensor, f: (x: number, i: number) => number): Tensor {
  assertFunction(f, 'f', 'map');
  return apply(t, f, 'map');
}

/** y = c·t. */
export function scale(t: Tensor, c: number): Tensor {
  assertTensor(t, 't', 'scale');
  assertEntry(c, 'c', 'scale');
  const x = t.data, y = new Float64Array(x.length);
  for (let i = 0; i < y.length; i++) y[i] = c * x[i]!;
  return { shape: [...t.shape], data: y };
}

/** y = −t. */
export function neg(t: Tensor): Tensor {
  return apply(t, (x) => -x, 'neg');
}

/** yᵢ = |tᵢ|. */
export function abs(t: Tensor): Tensor {
  return apply(t, Math.abs, 'abs');
}

/** yᵢ = e^{tᵢ}. */
export function exp(t: Tensor): Tensor {
  return apply(t, math.exp, 'exp');
}

/** yᵢ = ln tᵢ (NaN for tᵢ < 0, −∞ for 0). */
export function log(t: Tensor): Tensor {
  return apply(t, math.log, 'log');
}

/** yᵢ = √tᵢ (NaN for tᵢ < 0). */
export function sqrt(t: Tensor): Tensor {
  return apply(t, Math.sqrt, 'sqrt');
}

/** yᵢ = tᵢ². */
export function square(t: Tensor): Tensor {
  return apply(t, (x) => x * x, 'square');
}

/**
 * out ← out + c·x (axpy), in place; shapes must match; returns out. Checked
 * before `out` is written. A building block for other modules (gradient accumulation).
 */
export function addScaledInto(out: Tensor, x: Tensor, c = 1): Tensor {
  assertTensor(out, 'out', 'addScaledInto');
  assertTensor(x, 'x', 'addScaledInto');
  assertEntry(c, 'c', 'addScaledInto');
  if (!sameShape(out.shape, x.shape)) {
    throw new ShapeError(`addScaledInto: shapes must match, got out ${formatShape(out.shape)} and x ${formatShape(x.shape)}`);
  }
  const o = out.data, d = x.data;
  for (let i = 0; i < o.length; i++) {
    const oi = o[i]!, di = d[i]!;
    o[i] = oi + c * di;
  }
  return out;
}
