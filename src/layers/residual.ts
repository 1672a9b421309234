/**
 * Residual (skip) connection (EQ-LAYERS-24, 003 deck, "Skip connections"):
 *
 *   X⁽ˡ⁺¹⁾ = σ_ℓ(X⁽ˡ⁾W⁽ˡ⁾) + X⁽ˡ⁾          in general  y = body(x) + x
 *
 * The body must keep the shape (k_ℓ = k_{ℓ+1}), else ShapeError. The
 * Jacobian is I + J_body, so the gradient reaching x is the upstream
 * gradient plus what passes through the body: a stack of residual blocks
 * whose bodies are small stays close to the identity, and its gradient
 * neither vanishes nor explodes with depth, unlike the same stack without
 * the skips (whose Jacobian is the product of the small J_body).
 *
 *   new Residual(new Sequential([new Dense(k, k, { rng, bias: false }), new ReLU()]))
 */
import { ArgumentTypeError, ShapeError, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { Module, assertVar } from './module.js';

export class Residual extends Module {
  /** The branch F of y = F(x) + x (its parameters are named 'body.…'). */
  readonly body: Module;

  constructor(body: Module) {
    super();
    if (!(body instanceof Module)) throw new ArgumentTypeError(`Residual: body must be a Module, got ${describeValue(body)}`);
    this.body = this.registerModule('body', body);
  }

  /** y = body(x) + x (ShapeError when the body changes the shape). */
  forward(x: Var): Var {
    assertVar(x, 'Residual.forward');
    const fx = this.body.forward(x);
    if (!linalg.sameShape(fx.value.shape, x.value.shape)) {
      throw new ShapeError(`Residual.forward: the body maps ${formatShape(x.value.shape)} to ${formatShape(fx.value.shape)}; a skip connection needs the same shape`);
    }
    return ad.add(fx, x);
  }

  override toString(): string {
    return `Residual(${this.body.toString()})`;
  }
}
