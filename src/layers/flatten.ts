/**
 * Flatten and Unflatten (EQ-LAYERS-33/34): the bridge between feature maps
 * and Dense layers.
 *
 *   Flatten          N×d₁×…×d_r → N×(d₁·…·d_r),   row n = the entries of sample n in row-major order
 *   Unflatten(dims)  N×(d₁·…·d_r) → N×d₁×…×d_r    (its inverse)
 *
 * Both are reshapes: the same buffer under a new shape (no copy), so
 * Unflatten(Flatten(x)) gives back x bit for bit, and the gradient is the
 * upstream gradient reshaped back. "Unroll the image into an MLP" (the
 * 004 deck's naive approach) is Flatten then Dense.
 */
import { ArgumentTypeError, ShapeError, assertInteger, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { Module, assertVar } from './module.js';

/** N×d₁×…×d_r → N×(d₁·…·d_r); the batch axis N stays. */
export class Flatten extends Module {
  forward(x: Var): Var {
    assertVar(x, 'Flatten.forward');
    return ad.reshape(x, this.outputShape(x.value.shape, 'Flatten.forward'));
  }

  /** [N, d₁·…·d_r] for [N, d₁, …, d_r] (rank ≥ 1; ShapeError for a scalar). */
  override outputShape(inputShape: readonly number[], where = 'Flatten.outputShape'): number[] {
    linalg.assertShape(inputShape, 'inputShape', where);
    if (inputShape.length < 1) throw new ShapeError(`${where}: expected an input with a batch axis N×…, got ${formatShape(inputShape)}`);
    return [inputShape[0]!, inputShape.slice(1).reduce((a, d) => a * d, 1)];
  }
}

/** N×(d₁·…·d_r) → N×d₁×…×d_r, the inverse of Flatten: Unflatten([6, 28, 28]). */
export class Unflatten extends Module {
  /** The shape of one sample, [d₁, …, d_r]. */
  readonly dims: readonly number[];

  constructor(dims: readonly number[]) {
    super();
    if (!Array.isArray(dims)) throw new ArgumentTypeError(`Unflatten: dims must be an array of sizes, e.g. [6, 28, 28], got ${describeValue(dims)}`);
    dims.forEach((d: unknown, i) => assertInteger(d, `dims[${i}]`, 'Unflatten', { min: 1 }));
    this.dims = Object.freeze([...dims]);
  }

  forward(x: Var): Var {
    assertVar(x, 'Unflatten.forward');
    return ad.reshape(x, this.outputShape(x.value.shape, 'Unflatten.forward'));
  }

  /** [N, d₁, …, d_r] for [N, d₁·…·d_r] (ShapeError otherwise). */
  override outputShape(inputShape: readonly number[], where = 'Unflatten.outputShape'): number[] {
    linalg.assertShape(inputShape, 'inputShape', where);
    const size = this.dims.reduce((a, d) => a * d, 1);
    if (inputShape.length !== 2 || inputShape[1] !== size) {
      throw new ShapeError(`${where}: expected an input [N, ${size}] to unflatten into [N, ${this.dims.join(', ')}], got ${formatShape(inputShape)}`);
    }
    return [inputShape[0]!, ...this.dims];
  }

  override toString(): string {
    return `Unflatten([${this.dims.join(', ')}])`;
  }
}
