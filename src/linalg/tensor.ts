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
 *
 * This file holds the constructors, the conversions to and from nested
 * arrays, and the rank checks (`assertMatrix`, `assertSquare`, …) that the
 * other files of linalg, and other modules, run on their arguments.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertInstance, assertInteger, assertNumber, describeValue, formatShape } from '../errors/index.js';
import { Rng } from '../random/index.js';
import { allocate, assertEntry, assertShape, assertTensor } from './validate.js';

/** A float64 tensor: `data[((i₀·d₁ + i₁)·d₂ + …)]` holds entry (i₀, i₁, …) of `shape` [d₀, d₁, …]. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** A nested array of numbers: a number, number[], number[][], … */
export type NestedArray = number | NestedArray[];

/**
 * The number of entries of a shape: Π dᵢ (1 for a scalar, shape []).
 * A building block for other modules.
 */
export function sizeOf(shape: readonly number[]): number {
  assertShape(shape, 'shape', 'sizeOf');
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * A tensor of `shape` over `data`: a Float64Array is shared, not copied
 * (writing to one writes to the other); an array of numbers is copied.
 * data.length must be Π shape.
 */
export function tensor(data: Float64Array | readonly number[], shape: readonly number[]): Tensor {
  assertShape(shape, 'shape', 'tensor');
  const size = shape.reduce((n, d) => n * d, 1);
  if (data instanceof Float64Array) {
    if (data.length !== size) {
      throw new ShapeError(`tensor: shape ${formatShape(shape)} needs ${size} entries, got ${data.length}`);
    }
    return { shape: [...shape], data };
  }
  if (!Array.isArray(data)) {
    const tip = ArrayBuffer.isView(data) ? '; convert it with Float64Array.from(data)' : '';
    throw new ArgumentTypeError(`tensor: data must be a Float64Array or an array of numbers, got ${describeValue(data)}${tip}`);
  }
  for (let i = 0; i < data.length; i++) {
    const x: unknown = data[i];
    if (typeof x !== 'number') {
      const tip = Array.isArray(x) ? '; for a nested array use fromArray(values)' : '';
      throw new ArgumentTypeError(`tensor: data[${i}] must be a number, got ${describeValue(x)}${tip}`);
    }
  }
  if (data.length !== size) throw new ShapeError(`tensor: shape ${formatShape(shape)} needs ${size} entries, got ${data.length}`);
  const buffer = allocate(shape, 'tensor');
  buffer.set(data);
  return { shape: [...shape], data: buffer };
}

/** A tensor of `shape` filled with `value`: t[i] = value. */
export function full(shape: readonly number[], value: number): Tensor {
  assertShape(shape, 'shape', 'full');
  assertEntry(value, 'value', 'full');
  return { shape: [...shape], data: allocate(shape, 'full').fill(value) };
}

/** The tensor of `shape` with every entry 0. */
export function zeros(shape: readonly number[]): Tensor {
  assertShape(shape, 'shape', 'zeros');
  return { shape: [...shape], data: allocate(shape, 'zeros') };
}

/** The tensor of `shape` with every entry 1. */
export function ones(shape: readonly number[]): Tensor {
  assertShape(shape, 'shape', 'ones');
  return { shape: [...shape], data: allocate(shape, 'ones').fill(1) };
}

/** The rank-0 tensor (shape []) holding x. */
export function scalar(x: number): Tensor {
  assertEntry(x, 'x', 'scalar');
  return { shape: [], data: Float64Array.of(x) };
}

/** The n×n identity I (n×m when m is given): I[i, j] = 1 if i = j, else 0. */
export function eye(n: number, m: number = n): Tensor {
  assertInteger(n, 'n', 'eye', { min: 0 });
  assertInteger(m, 'm', 'eye', { min: 0 });
  const data = allocate([n, m], 'eye');
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return { shape: [n, m], data };
}

/** A tensor of `shape` whose entries are drawn independently from N(mean, std²) by `rng`. */
export function randn(shape: readonly number[], rng: Rng, mean = 0, std = 1): Tensor {
  assertShape(shape, 'shape', 'randn');
  assertInstance(rng, Rng, 'rng', 'randn');
  assertNumber(mean, 'mean', 'randn');
  assertNumber(std, 'std', 'randn', { min: 0 });
  const data = allocate(shape, 'randn');
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(mean, std);
  return { shape: [...shape], data };
}

/** A tensor of `shape` whose entries are drawn independently from U[low, high) by `rng`. */
export function rand(shape: readonly number[], rng: Rng, low = 0, high = 1): Tensor {
  assertShape(shape, 'shape', 'rand');
  assertInstance(rng, Rng, 'rng', 'rand');
  assertNumber(low, 'low', 'rand');
  assertNumber(high, 'high', 'rand');
  if (!(low <= high)) throw new ValueError(`rand: low must be ≤ high, got low = ${low}, high = ${high}`);
  const data = allocate(shape, 'rand');
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(low, high);
  return { shape: [...shape], data };
}

/** The deepest nesting fromArray reads (NumPy's limit on dimensions); deeper, or an array inside itself, is a ShapeError. */
const MAX_NESTING = 64;

/**
 * The tensor of a nested array: shape [d₀, d₁, …] from the lengths along the
 * first entries, data in row-major order (a number gives a rank-0 tensor).
 * Every array at one depth must have the same length (ShapeError: "ragged"),
 * and every leaf must be a number (ArgumentTypeError).
 */
export function fromArray(values: NestedArray): Tensor {
  if (typeof values !== 'number' && !Array.isArray(values)) {
    const tip = ArrayBuffer.isView(values) ? '; for a flat typed array use tensor(data, shape)' : '';
    throw new ArgumentTypeError(`fromArray: values must be a number or a nested array of numbers, got ${describeValue(values)}${tip}`);
  }
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    if (shape.length === MAX_NESTING) {
      throw new ShapeError(`fromArray: values is nested deeper than ${MAX_NESTING} levels (or contains itself)`);
    }
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const data = allocate(shape, 'fromArray');
  let k = 0;
  const path: number[] = [];
  const at = (): string => `[${path.join(', ')}]`;
  const walk = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node === 'number') {
        data[k++] = node;
        return;
      }
      if (Array.isArray(node)) throw new ShapeError(`fromArray: ragged nesting, expected a number at ${at()}, got an array`);
      throw new ArgumentTypeError(`fromArray: the entry at ${at()} must be a number, got ${describeValue(node)}`);
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      const got = Array.isArray(node) ? `length ${node.length}` : describeValue(node);
      throw new ShapeError(`fromArray: ragged nesting at ${at()}, expected an array of length ${shape[depth]}, got ${got}`);
    }
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      walk(node[i], depth + 1);
      path.pop();
    }
  };
  walk(values, 0);
  return { shape, data };
}

/** The tensor as a nested array of numbers (a number for rank 0): the inverse of fromArray. */
export function toArray(t: Tensor): NestedArray {
  assertTensor(t, 't', 'toArray');
  const { shape, data } = t;
  if (shape.length === 0) return data[0] ?? 0;
  const strides = shape.map((_, depth) => shape.slice(depth + 1).reduce((n, d) => n * d, 1));
  const build = (depth: number, offset: number): NestedArray => {
    const d = shape[depth] ?? 0, stride = strides[depth] ?? 1;
    if (depth === shape.length - 1) return Array.from(data.subarray(offset, offset + d));
    const out: NestedArray[] = [];
    for (let i = 0; i < d; i++) out.push(build(depth + 1, offset + i * stride));
    return out;
  };
  return build(0, 0);
}

/** A copy of t with its own buffer. */
export function clone(t: Tensor): Tensor {
  assertTensor(t, 't', 'clone');
  return { shape: [...t.shape], data: t.data.slice() };
}

/**
 * The same entries under a new shape, in the same row-major order; the
 * result SHARES the buffer of `t`. One dimension may be −1: it is inferred
 * from the others.
 */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  assertTensor(t, 't', 'reshape');
  if (!Array.isArray(shape)) assertShape(shape, 'shape', 'reshape'); // throws: not an array
  const inferred: number[] = [...shape];
  const unknown = inferred.indexOf(-1);
  if (unknown >= 0) {
    if (inferred.lastIndexOf(-1) !== unknown) throw new ShapeError(`reshape: only one dimension may be −1, got ${formatShape(shape)}`);
    inferred[unknown] = 0; // a placeholder, so that the other dimensions can be checked
    assertShape(inferred, 'shape', 'reshape');
    const rest = inferred.reduce((n, d, i) => (i === unknown ? n : n * d), 1);
    if (rest === 0 || t.data.length % rest !== 0) {
      throw new ShapeError(`reshape: cannot infer −1 in ${formatShape(shape)} for ${t.data.length} entries`);
    }
    inferred[unknown] = t.data.length / rest;
  }
  assertShape(inferred, 'shape', 'reshape');
  if (inferred.reduce((n, d) => n * d, 1) !== t.data.length) {
    throw new ShapeError(`reshape: cannot view shape ${formatShape(t.shape)} as ${formatShape(shape)}`);
  }
  return { shape: inferred, data: t.data };
}

/** Do two shapes agree entry by entry (same rank, same dimensions)? A building block for other modules. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  assertShape(a, 'a', 'sameShape');
  assertShape(b, 'b', 'sameShape');
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Throw unless `t` is a matrix (a Tensor of rank 2); returns [rows, cols].
 * `name` is the argument's name, `where` the public function called.
 * A building block for other modules.
 */
export function assertMatrix(t: Tensor, name: string, where: string): [number, number] {
  assertTensor(t, name, where);
  const [m, n] = t.shape;
  if (t.shape.length !== 2 || m === undefined || n === undefined) {
    throw new ShapeError(`${where}: ${name} must be a matrix (rank 2), got shape ${formatShape(t.shape)}`);
  }
  return [m, n];
}

/** Throw unless `t` is a square matrix; returns n. A building block for other modules. */
export function assertSquare(t: Tensor, name: string, where: string): number {
  const [m, n] = assertMatrix(t, name, where);
  if (m !== n) throw new ShapeError(`${where}: ${name} must be a square matrix, got shape ${formatShape(t.shape)}`);
  return n;
}

/** Throw unless `t` is a vector (a Tensor of rank 1); returns its length. A building block for other modules. */
export function assertVector(t: Tensor, name: string, where: string): number {
  assertTensor(t, name, where);
  const [n] = t.shape;
  if (t.shape.length !== 1 || n === undefined) {
    throw new ShapeError(`${where}: ${name} must be a vector (rank 1), got shape ${formatShape(t.shape)}`);
  }
  return n;
}

/**
 * Throw a ValueError naming the first NaN or ±∞ entry of `t` (the decompositions
 * refuse them: one would poison every entry of the result). A building block for other modules.
 */
export function assertFinite(t: Tensor, name: string, where: string): void {
  assertTensor(t, name, where);
  const x = t.data;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (!Number.isFinite(xi)) throw new ValueError(`${where}: ${name} must have finite entries, got ${xi} at flat index ${i}`);
  }
}

/** Throw a ShapeError unless the tensors a and b have the same shape. A building block for other modules. */
export function assertSameShape(a: Tensor, b: Tensor, where: string): void {
  assertTensor(a, 'a', where);
  assertTensor(b, 'b', where);
  if (!sameShape(a.shape, b.shape)) {
    throw new ShapeError(`${where}: shapes must match, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}
