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
 *   residualBlock(k, { rng, activation: 'relu' })        the same block, by its size
 *
 * Any module that keeps the shape can be the body: a Dense, a Sequential
 * with normalisation or dropout inside (its mode follows the wrapper's
 * train()/eval(), and its running statistics are saved as 'body.…').
 */
import { ArgumentTypeError, ShapeError, assertBoolean, assertInstance, assertInteger, assertOneOf, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { Rng } from '../random/index.js';
import { ACTIVATION_NAMES, activation } from './activations.js';
import type { ActivationName } from './activations.js';
import { Dense } from './dense.js';
import type { Initializer, InitializerName } from './init.js';
import { Module, assertVar } from './module.js';
import { Sequential } from './sequential.js';

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

  /** The body's output shape, which must be the input's (ShapeError otherwise); nothing runs. */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'Residual.outputShape');
    const out = this.body.outputShape(inputShape);
    if (!linalg.sameShape(out, inputShape)) {
      throw new ShapeError(`Residual.outputShape: the body maps ${formatShape(inputShape)} to ${formatShape(out)}; a skip connection needs the same shape`);
    }
    return out;
  }

  override toString(): string {
    return `Residual(${this.body.toString()})`;
  }
}

export interface ResidualBlockOptions {
  /** Draws W (required unless init is 'zeros'). */
  rng?: Rng;
  /** σ_ℓ by name (default 'relu'). */
  activation?: ActivationName;
  /** Initialiser of W (default 'heNormal' before ReLU or leaky ReLU, 'glorotUniform' otherwise). */
  init?: InitializerName | Initializer;
  /** Add a bias to X·W (default false, as the 003 deck writes the block). */
  bias?: boolean;
}

/**
 * The 003 deck's block X⁽ˡ⁺¹⁾ = σ(X⁽ˡ⁾W⁽ˡ⁾) + X⁽ˡ⁾ for k features: a
 * Residual around Dense(k, k) and σ (parameter 'body.0.W').
 */
export function residualBlock(k: number, options?: ResidualBlockOptions): Residual {
  const where = 'residualBlock';
  assertInteger(k, 'k', where, { min: 1 });
  const o = assertOptions(options, ['rng', 'activation', 'init', 'bias'], where);
  const act = assertOneOf(o.activation ?? 'relu', ACTIVATION_NAMES, 'activation', where);
  const bias = assertBoolean(o.bias ?? false, 'bias', where);
  if (o.rng !== undefined) assertInstance(o.rng, Rng, 'rng', where);
  else if (o.init !== 'zeros') throw new ArgumentTypeError(`${where}: W is drawn at random: pass { rng: new Rng(seed) }`);
  const init = o.init ?? (act === 'relu' || act === 'leakyRelu' ? 'heNormal' : 'glorotUniform');
  const dense = new Dense(k, k, { init, bias, ...(o.rng === undefined ? {} : { rng: o.rng }) });
  return new Residual(new Sequential([dense, activation(act)]));
}
