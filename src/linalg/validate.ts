/**
 * The argument checks of linalg: what a Tensor, a shape and a tensor-sized
 * buffer are, checked at the top of every public function.
 *
 *   a Tensor is an object { shape, data } with
 *     data   a Float64Array
 *     shape  an array of safe integers dᵢ ≥ 0 with Π dᵢ = data.length
 *   a new tensor has at most MAX_TENSOR_SIZE = 2³¹ − 1 entries
 *
 * A nested JavaScript array, a number or a typed array where a Tensor
 * belongs gets an ArgumentTypeError that says how to make a Tensor of it;
 * a shape that does not describe `data` gets a ShapeError with both; a
 * shape too large to allocate gets a ValueError before anything is
 * allocated. The rank checks (`assertMatrix`, `assertSquare`, …) are in
 * tensor.ts. Other modules import these through linalg's index, as they do
 * the number and option checks of `errors/`.
 *
 * Why 2³¹ − 1: it is 16 GiB of float64, below the typed-array limit of
 * every current engine, and every flat index then fits the Int32Array of
 * `broadcastIndex`. A shape below the bound can still be more than the
 * machine can allocate; that RangeError of the engine becomes a ValueError
 * naming the function and the shape.
 */
import { ArgumentTypeError, ShapeError, ValueError, describeValue, formatShape } from '../errors/index.js';
import type { Tensor } from './tensor.js';

/** The most entries a tensor made by linalg may have: 2³¹ − 1 (see the file comment). */
export const MAX_TENSOR_SIZE = 2 ** 31 - 1;

/** How to turn what came into a Tensor, for the message; '' when there is no obvious way. */
function hint(x: unknown): string {
  if (Array.isArray(x)) return '; make one with fromArray(…) (or tensor(values, shape))';
  if (typeof x === 'number') return '; make one with scalar(x)';
  if (ArrayBuffer.isView(x)) return '; make one with tensor(Float64Array.from(values), shape)';
  return '';
}

const isFloat64Array = (x: unknown): x is Float64Array =>
  x instanceof Float64Array || Object.prototype.toString.call(x) === '[object Float64Array]';

/** `[2, -1]` for a message, whatever the entries are. */
const showShape = (shape: readonly unknown[]): string =>
  `[${shape.map((d) => (typeof d === 'number' ? String(d) : describeValue(d))).join(', ')}]`;

/**
 * Throw unless `x` is a well-formed Tensor (see the file comment): an
 * ArgumentTypeError for the wrong kind of value, a ShapeError for a shape
 * that is not a list of safe integers ≥ 0 whose product is data.length.
 * `name` is the argument's name, `where` the public function called.
 * A building block for other modules: every public function taking a
 * Tensor calls it first.
 */
export function assertTensor(x: unknown, name: string, where: string): asserts x is Tensor {
  const expected = `${where}: ${name} must be a Tensor { shape, data: Float64Array }`;
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) {
    throw new ArgumentTypeError(`${expected}, got ${describeValue(x)}${hint(x)}`);
  }
  const { shape, data } = x as { shape?: unknown; data?: unknown };
  if (!isFloat64Array(data)) {
    throw new ArgumentTypeError(`${expected}, but its data is ${describeValue(data)}${hint(data)}`);
  }
  if (!Array.isArray(shape)) {
    throw new ArgumentTypeError(`${expected}, but its shape is ${describeValue(shape)}`);
  }
  let size = 1;
  for (const d of shape as unknown[]) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new ShapeError(`${where}: ${name} has shape ${showShape(shape)}; dimensions must be safe integers ≥ 0`);
    }
    size *= d;
  }
  if (size !== data.length) {
    throw new ShapeError(
      `${where}: ${name} has shape ${formatShape(shape as number[])}, which needs ${size} entries, but data has ${data.length}`,
    );
  }
}

/**
 * Throw unless `x` is a shape: an array of safe integers dᵢ ≥ 0.
 * ArgumentTypeError for a non-array or a non-number entry, ShapeError for a
 * negative or fractional dimension. It does not bound the size (allocate
 * does). A building block for other modules that take a shape.
 */
export function assertShape(x: unknown, name: string, where: string): asserts x is readonly number[] {
  if (!Array.isArray(x)) {
    const tip = typeof x === 'number' ? `; a shape is a list of dimensions, e.g. [${x}]` : '';
    throw new ArgumentTypeError(`${where}: ${name} must be an array of dimensions, got ${describeValue(x)}${tip}`);
  }
  for (let i = 0; i < x.length; i++) {
    const d: unknown = x[i];
    if (typeof d !== 'number') {
      throw new ArgumentTypeError(`${where}: ${name}[${i}] must be a number, got ${describeValue(d)} in ${showShape(x)}`);
    }
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new ShapeError(`${where}: ${name} is ${showShape(x)}; dimensions must be safe integers ≥ 0`);
    }
  }
}

/**
 * Π dᵢ of a valid shape, or a ValueError naming `where` when it exceeds
 * MAX_TENSOR_SIZE. Internal: `shape` has passed assertShape.
 */
export function checkedSize(shape: readonly number[], where: string): number {
  let size = 1;
  for (const d of shape) size *= d;
  if (size > MAX_TENSOR_SIZE) {
    throw new ValueError(
      `${where}: shape ${formatShape(shape)} has ${size} entries, more than the ${MAX_TENSOR_SIZE} (2³¹ − 1) a tensor may hold`,
    );
  }
  return size;
}

/**
 * A zero-filled Float64Array for a tensor of `shape`: the size is checked
 * against MAX_TENSOR_SIZE before allocating, and an allocation the engine
 * refuses is a ValueError naming `where`. Internal: `shape` has passed
 * assertShape (or comes from valid tensors).
 */
export function allocate(shape: readonly number[], where: string): Float64Array {
  const size = checkedSize(shape, where);
  try {
    return new Float64Array(size);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ValueError(`${where}: cannot allocate a tensor of shape ${formatShape(shape)} (${size} entries): ${error.message}`);
    }
    throw error;
  }
}

/**
 * Throw an ArgumentTypeError unless `x` is a number (NaN and ±∞ allowed: they
 * are valid entries of a tensor). Internal to linalg.
 */
export function assertEntry(x: unknown, name: string, where: string): asserts x is number {
  if (typeof x !== 'number') throw new ArgumentTypeError(`${where}: ${name} must be a number, got ${describeValue(x)}`);
}

/**
 * Throw unless `x` is a Tensor or a number (an operand of the element-wise
 * ops, where a number broadcasts as a scalar). Internal to linalg.
 */
export function assertOperand(x: unknown, name: string, where: string): asserts x is Tensor | number {
  if (typeof x === 'number') return;
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) {
    throw new ArgumentTypeError(`${where}: ${name} must be a Tensor or a number, got ${describeValue(x)}${hint(x)}`);
  }
  assertTensor(x, name, where);
}
