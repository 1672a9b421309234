/**
 * The argument checks of autodiff that the shared helpers of `errors/` do
 * not already make, written with them. Internal to the module: each public
 * function calls these at its top, with its own name as `where`.
 *
 *   assertLabel(x, name, where)            a string (an op's name, a Var's label)
 *   assertBound(x, name, where)            a number that is not NaN: ±∞ allowed (clamp's bounds, a mask's fill)
 *   assertIndices(x, name, where)          a list of numbers (an array or a typed array)
 *   renamed(where, what, fn)               fn(), with an MLError it throws reported as `where`'s
 *   allocate(shape, where)                 zeros for a result whose size comes from the arguments
 *
 * Operands (a Var, a Tensor or a number) are checked in graph.ts beside `lift`,
 * which needs the Var class.
 */
import { ArgumentTypeError, MLError, ValueError, describeValue } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** Throw an ArgumentTypeError unless `x` is a string. */
export function assertLabel(x: unknown, name: string, where: string): string {
  if (typeof x !== 'string') throw new ArgumentTypeError(`${where}: ${name} must be a string, got ${describeValue(x)}`);
  return x;
}

/** A number that is not NaN (±∞ allowed): ArgumentTypeError for a non-number, ValueError for NaN. */
export function assertBound(x: unknown, name: string, where: string): number {
  if (typeof x !== 'number') throw new ArgumentTypeError(`${where}: ${name} must be a number (±Infinity allowed), got ${describeValue(x)}`);
  if (Number.isNaN(x)) throw new ValueError(`${where}: ${name} must not be NaN`);
  return x;
}

/**
 * A list of numbers: an array or a typed array (not a Tensor, whose entries
 * are its `.data`). The entries themselves are the caller's to check.
 */
export function assertIndices(x: unknown, name: string, where: string): ArrayLike<number> {
  const numeric = ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array);
  if (Array.isArray(x) || numeric) return x as ArrayLike<number>;
  const hint = typeof x === 'object' && x !== null && 'data' in x ? `; for a Tensor of indices pass its entries, ${name}.data` : '';
  throw new ArgumentTypeError(`${where}: ${name} must be an array of integer indices, got ${describeValue(x)}${hint}`);
}

/**
 * Run `fn` (a step of `where` done by another public function, such as
 * linalg.fromArray turning a nested array into a tensor) and report an
 * MLError it throws as `where`'s, of the same class, with the original
 * message after `what`.
 */
export function renamed<T>(where: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof MLError)) throw error;
    const type = error.constructor as new (message: string) => MLError;
    throw new type(`${where}: ${what} (${error.message})`);
  }
}

/**
 * A zero tensor of `shape` for a result whose size the arguments decide (a
 * mask, a gather, a concatenation): a shape above linalg's MAX_TENSOR_SIZE,
 * or one the engine cannot allocate, is a ValueError naming `where`.
 */
export function allocate(shape: readonly number[], where: string): Tensor {
  return renamed(where, `a result of shape [${shape.join(', ')}] cannot be made`, () => linalg.zeros(shape));
}
