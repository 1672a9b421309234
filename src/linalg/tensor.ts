/**
 * Tensor — an n-dimensional array of float64, row-major and contiguous.
 *
 *   element (i₀, i₁, …, i_{r−1}) lives at data[((i₀·d₁ + i₁)·d₂ + i₂)·…]
 *
 * A Tensor is a plain object `{ shape, data }`, not a class: functions act on
 * it (`matmul(a, b)`, `transpose(a)`). There are no strides or views; a
 * function that shares a buffer says so (`tensor` over a Float64Array,
 * `reshape`), all others copy.
 * A matrix is a rank-2 tensor, a vector rank 1, a scalar rank 0 (one entry).
 */
import { Rng } from '../random/index.js';
import { ShapeError, ValueError, formatShape } from './errors.js';

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** A nested array of numbers: a number, number[], number[][], … */
export type NestedArray = number | NestedArray[];

/** The number of entries of a shape: Π dᵢ (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checkShape(shape: readonly number[], where: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ShapeError(`${where}: dimensions must be integers ≥ 0, got ${formatShape(shape)}`);
  }
}

/** A tensor over `data` (shared, not copied) with the given shape. */
export function tensor(data: Float64Array | readonly number[], shape: readonly number[]): Tensor {
  checkShape(shape, 'tensor');
  const buffer = data instanceof Float64Array ? data : Float64Array.from(data);
  if (buffer.length !== sizeOf(shape)) {
    throw new ShapeError(`tensor: shape ${formatShape(shape)} needs ${sizeOf(shape)} entries, got ${buffer.length}`);
  }
  return { shape: [...shape], data: buffer };
}

/** A filled tensor; `where` names the public function in a shape error. */
function filled(shape: readonly number[], value: number, where: string): Tensor {
  checkShape(shape, where);
  return { shape: [...shape], data: new Float64Array(sizeOf(shape)).fill(value) };
}

/** A tensor of the given shape filled with `value`. */
export function full(shape: readonly number[], value: number): Tensor {
  return filled(shape, value, 'full');
}

export function zeros(shape: readonly number[]): Tensor {
  return filled(shape, 0, 'zeros');
}

export function ones(shape: readonly number[]): Tensor {
  return filled(shape, 1, 'ones');
}

/** The rank-0 tensor holding x. */
export function scalar(x: number): Tensor {
  return { shape: [], data: Float64Array.of(x) };
}

/** The n×n identity (n×m when m is given): I[i, i] = 1. */
export function eye(n: number, m = n): Tensor {
  const I = filled([n, m], 0, 'eye');
  for (let i = 0; i < Math.min(n, m); i++) I.data[i * m + i] = 1;
  return I;
}

/** A tensor whose entries are drawn from N(mean, std²). */
export function randn(shape: readonly number[], rng: Rng, mean = 0, std = 1): Tensor {
  const t = filled(shape, 0, 'randn');
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal(mean, std);
  return t;
}

/** A tensor whose entries are drawn from U[low, high). */
export function rand(shape: readonly number[], rng: Rng, low = 0, high = 1): Tensor {
  const t = filled(shape, 0, 'rand');
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.uniform(low, high);
  return t;
}

/** A tensor from a nested array; every row at one level must have the same length. */
export function fromArray(values: NestedArray): Tensor {
  const shape: number[] = [];
  let level: NestedArray = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const data = new Float64Array(sizeOf(shape));
  let k = 0;
  const walk = (node: NestedArray, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== 'number') throw new ShapeError(`fromArray: ragged nesting, expected a number at depth ${depth}`);
      data[k++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new ShapeError(`fromArray: ragged nesting at depth ${depth}, expected length ${shape[depth]}, got ${Array.isArray(node) ? node.length : 'a number'}`);
    }
    for (const child of node) walk(child, depth + 1);
  };
  walk(values, 0);
  return { shape, data };
}

/** The tensor as a nested array (a number for rank 0). */
export function toArray(t: Tensor): NestedArray {
  if (t.shape.length === 0) return t.data[0];
  const build = (depth: number, offset: number): NestedArray => {
    const d = t.shape[depth];
    if (depth === t.shape.length - 1) return Array.from(t.data.subarray(offset, offset + d));
    const stride = sizeOf(t.shape.slice(depth + 1));
    const out: NestedArray[] = [];
    for (let i = 0; i < d; i++) out.push(build(depth + 1, offset + i * stride));
    return out;
  };
  return build(0, 0);
}

/** A copy with its own buffer. */
export function clone(t: Tensor): Tensor {
  return { shape: [...t.shape], data: t.data.slice() };
}

/** The same entries under a new shape; the result SHARES the buffer of `t`. One dimension may be −1. */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  const inferred = [...shape];
  const unknown = inferred.indexOf(-1);
  if (unknown >= 0) {
    const rest = sizeOf(inferred.filter((_, i) => i !== unknown));
    if (rest === 0 || t.data.length % rest !== 0) {
      throw new ShapeError(`reshape: cannot infer −1 in ${formatShape(shape)} for ${t.data.length} entries`);
    }
    inferred[unknown] = t.data.length / rest;
  }
  checkShape(inferred, 'reshape');
  if (sizeOf(inferred) !== t.data.length) {
    throw new ShapeError(`reshape: cannot view shape ${formatShape(t.shape)} as ${formatShape(shape)}`);
  }
  return { shape: inferred, data: t.data };
}

/** Do two shapes agree entry by entry? */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Throw unless `t` is a matrix; returns [rows, cols]. */
export function assertMatrix(t: Tensor, where: string): [number, number] {
  if (t.shape.length !== 2) throw new ShapeError(`${where}: expected a matrix (rank 2), got shape ${formatShape(t.shape)}`);
  return [t.shape[0], t.shape[1]];
}

/** Throw unless `t` is a square matrix; returns n. */
export function assertSquare(t: Tensor, where: string): number {
  const [m, n] = assertMatrix(t, where);
  if (m !== n) throw new ShapeError(`${where}: expected a square matrix, got shape ${formatShape(t.shape)}`);
  return n;
}

/** Throw unless `t` is a vector; returns its length. */
export function assertVector(t: Tensor, where: string): number {
  if (t.shape.length !== 1) throw new ShapeError(`${where}: expected a vector (rank 1), got shape ${formatShape(t.shape)}`);
  return t.shape[0];
}

/** Throw a ValueError naming the first NaN or infinite entry of `t`. */
export function assertFinite(t: Tensor, where: string): void {
  const x = t.data;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new ValueError(`${where}: expected finite values, got ${x[i]} at flat index ${i}`);
  }
}

/** Throw unless the two tensors have the same shape. */
export function assertSameShape(a: Tensor, b: Tensor, where: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new ShapeError(`${where}: shapes must match, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}
