/**
 * The typed errors of the library. Every public function checks its input
 * and throws one of these, naming the public function that was called, what
 * it expected and what came, before it changes any state.
 *
 *   MLError                     the base class: catch it to catch every library error
 *   ├─ ArgumentTypeError        an argument of the wrong kind: a nested array where a
 *   │                           Tensor belongs, a string where a number belongs
 *   ├─ ShapeError               shapes that do not fit (both shapes in the message)
 *   ├─ ValueError               a value out of range: NaN, ∞, empty data, an unknown option
 *   │  ├─ SingularMatrixError       a solve or inverse of a (numerically) singular matrix
 *   │  └─ NotPositiveDefiniteError  Cholesky of a matrix that is not SPD
 *   ├─ ConvergenceError         an iterative method that did not converge
 *   ├─ NotFittedError           an estimator used before `fit`
 *   └─ PoolError                the worker pool cannot run a product (a worker died, …)
 *
 * Messages read `<function>: <what was expected>, got <what came>`, with the
 * function as the caller wrote it (`solve`, `Rng.int`, `KMeans.fit`).
 */

/** The base class of every error the library throws. */
export class MLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An argument of the wrong kind (not a Tensor, not a number, not a function, …). */
export class ArgumentTypeError extends MLError {}

/** Shapes that do not fit together; the message shows both. */
export class ShapeError extends MLError {}

/** A value out of its range: NaN or ∞ where finite numbers belong, empty data, an unknown option. */
export class ValueError extends MLError {}

/** A solve or an inverse of a matrix that is singular to working precision. */
export class SingularMatrixError extends ValueError {}

/** A Cholesky factorisation of a matrix that is not symmetric positive definite. */
export class NotPositiveDefiniteError extends ValueError {}

/** An iterative method that did not converge within its budget. */
export class ConvergenceError extends MLError {}

/** An estimator or model used (predict, transform, …) before it was fitted. */
export class NotFittedError extends MLError {}

/** The worker pool could not complete a product (a worker exited, the pool is broken). */
export class PoolError extends MLError {}

/** `[2, 3]` → `"[2, 3]"`, for messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
