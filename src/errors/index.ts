/**
 * errors — the ground floor: the typed errors that every module throws
 * (`MLError` and its subclasses) and the shared argument checks that every
 * public function runs before it does anything. Imports nothing; every
 * module may import it.
 *
 *   try { solve(A, b); } catch (e) { if (e instanceof MLError) … }
 */
export {
  MLError, ArgumentTypeError, ShapeError, ValueError, SingularMatrixError, NotPositiveDefiniteError,
  ConvergenceError, NotFittedError, PoolError, formatShape,
} from './errors.js';
export {
  assertBoolean, assertFunction, assertInstance, assertInteger, assertNumber, assertOneOf, assertOptions,
  describeValue, isPlainObject,
} from './check.js';
export type { Range } from './check.js';
