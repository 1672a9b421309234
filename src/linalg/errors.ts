/**
 * Typed errors of the library. Every public function checks its input and
 * throws one of these, naming what it expected and what came, before it
 * changes any state.
 *
 *   MLError                  the base class (catch every library error)
 *   ShapeError               shapes that do not fit (both shapes in the message)
 *   ValueError               a value out of range: NaN, ∞, empty data, bad option
 *   SingularMatrixError      a solve or inverse of a (numerically) singular matrix
 *   NotPositiveDefiniteError Cholesky of a matrix that is not SPD
 *   ConvergenceError         an iterative method that did not converge
 */
export class MLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ShapeError extends MLError {}
export class ValueError extends MLError {}
export class SingularMatrixError extends ValueError {}
export class NotPositiveDefiniteError extends ValueError {}
export class ConvergenceError extends MLError {}

/** `[2, 3]` → `"[2, 3]"`, for messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
