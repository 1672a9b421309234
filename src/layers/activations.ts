/**
 * Activation functions (EQ-LAYERS-07, 08, 09, 10, 11, 12, 13, 14, 17), as
 * functions on Vars and as modules for `Sequential`. Each is applied
 * point-wise (EQ-LAYERS-15), σ(T)[i] = σ(T[i]),
 * except softmax, which normalises along an axis.
 *
 *   sigmoid    σ(x) = 1/(1 + e^{−x}) = eˣ/(eˣ + 1)          (000 writes both; 001, 003 the first)
 *   tanh       tanh x = (eˣ − e^{−x})/(eˣ + e^{−x}) = 2σ(2x) − 1   (002 the first, 001 the second)
 *   relu       max(0, x)                                   f′(0) taken as 0, as in PyTorch
 *   leakyRelu  max(αx, x) for 0 ≤ α ≤ 1; x ≥ 0 ↦ x, else αx   (001 uses α = 0.1; default 0.01, PyTorch's)
 *   softplus   ln(1 + eˣ)                                 softplus′ = σ
 *   softmax    softmax(z)ᵢ = e^{zᵢ}/Σⱼ e^{zⱼ}              (001, 003 call it σ too)
 *   identity   x                                          (the regression head)
 *   heaviside  H(x) = 1 if x > 0, else 0                  (the perceptron's step; H(0) = 0)
 *
 * The Var functions are autodiff's (stable forms: sigmoid branches on the
 * sign of x, softplus is ln(1 + e^{−|x|}) + max(x, 0), softmax subtracts the
 * row maximum) plus `identity` and `heaviside`. The step's derivative is 0
 * wherever it exists, so no gradient flows through `heaviside`: that is why
 * the perceptron has its own learning rule (perceptron.ts) and why networks
 * trained by backpropagation use smooth activations.
 *
 * The deck's literal forms are here as number functions, to be compared and
 * to show why the library does not use them: `sigmoidReciprocalForm`
 * 1/(1 + e^{−x}), `sigmoidRatioForm` eˣ/(eˣ + 1) (NaN from x ≈ 710, ∞/∞) and
 * `tanhExponentialForm` (NaN from |x| ≈ 710).
 */
import { ArgumentTypeError, ValueError, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { exp } from '../math/index.js';
import { Module, assertVar } from './module.js';

export { leakyRelu, relu, sigmoid, softmax, softplus, tanh } from '../autodiff/index.js';

/** σ(x) = 1/(1 + e^{−x}) as the decks write it (overflows to 0 gracefully, for teaching). */
export function sigmoidReciprocalForm(x: number): number {
  assertNumberArgument(x, 'sigmoidReciprocalForm');
  return 1 / (1 + exp(-x));
}

/** σ(x) = eˣ/(eˣ + 1), the 000 deck's second form, literally: NaN for x ≥ 710 (∞/∞). */
export function sigmoidRatioForm(x: number): number {
  assertNumberArgument(x, 'sigmoidRatioForm');
  const e = exp(x);
  return e / (e + 1);
}

/** tanh x = (eˣ − e^{−x})/(eˣ + e^{−x}) literally (002): NaN for |x| ≥ 710. */
export function tanhExponentialForm(x: number): number {
  assertNumberArgument(x, 'tanhExponentialForm');
  const ep = exp(x), em = exp(-x);
  return (ep - em) / (ep + em);
}

/** Internal: a number (NaN and ±∞ allowed: these functions show what they do there). */
function assertNumberArgument(x: unknown, where: string): void {
  if (typeof x !== 'number') throw new ArgumentTypeError(`${where}: x must be a number, got ${describeValue(x)}`);
}

/** y = x: the same Var (no node is recorded). */
export function identity(x: Var): Var {
  assertVar(x, 'identity');
  return x;
}

/** H(x) = 1 where x > 0, else 0 (H(0) = 0, NaN stays NaN), entry-wise; its gradient is 0. */
export function heaviside(x: Var): Var {
  assertVar(x, 'heaviside');
  const y = linalg.map(x.value, (v) => (v > 0 ? 1 : v !== v ? NaN : 0));
  return ad.customOp('heaviside', y, [x], () => [linalg.zeros(x.value.shape)]);
}

/** Activation modules by name (for `activation` and `mlp`). */
export const ACTIVATION_NAMES = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'softplus', 'softmax', 'identity', 'heaviside'] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** The logistic sigmoid σ(x) = 1/(1 + e^{−x}) as a layer. */
export class Sigmoid extends Module {
  forward(x: Var): Var {
    assertVar(x, 'Sigmoid.forward');
    return ad.sigmoid(x);
  }
}

/** tanh as a layer. */
export class Tanh extends Module {
  forward(x: Var): Var {
    assertVar(x, 'Tanh.forward');
    return ad.tanh(x);
  }
}

/** max(0, x) as a layer. */
export class ReLU extends Module {
  forward(x: Var): Var {
    assertVar(x, 'ReLU.forward');
    return ad.relu(x);
  }
}

/** max(αx, x) as a layer; alpha ∈ [0, 1], default 0.01 (the 001 deck uses 0.1). */
export class LeakyReLU extends Module {
  /** The slope α for x < 0. */
  readonly alpha: number;

  constructor(alpha = 0.01) {
    super();
    this.alpha = assertNumber(alpha, 'alpha', 'LeakyReLU', { min: 0, max: 1 });
  }

  forward(x: Var): Var {
    assertVar(x, 'LeakyReLU.forward');
    return ad.leakyRelu(x, this.alpha);
  }

  override toString(): string {
    return `LeakyReLU(α = ${this.alpha})`;
  }
}

/** ln(1 + eˣ) as a layer. */
export class Softplus extends Module {
  forward(x: Var): Var {
    assertVar(x, 'Softplus.forward');
    return ad.softplus(x);
  }
}

/** softmax along `axis` (default −1: one distribution per row of a [n, k] batch) as a layer. */
export class Softmax extends Module {
  readonly axis: number;

  constructor(axis = -1) {
    super();
    this.axis = assertInteger(axis, 'axis', 'Softmax');
  }

  forward(x: Var): Var {
    assertVar(x, 'Softmax.forward');
    return ad.softmax(x, this.axis);
  }
}

/** y = x as a layer (the regression head). */
export class Identity extends Module {
  forward(x: Var): Var {
    assertVar(x, 'Identity.forward');
    return x;
  }
}

/** The Heaviside step H(x) = [x > 0] as a layer (no gradient flows through it). */
export class Heaviside extends Module {
  forward(x: Var): Var {
    assertVar(x, 'Heaviside.forward');
    return heaviside(x);
  }
}

/**
 * A new activation module by name: 'sigmoid', 'tanh', 'relu', 'leakyRelu'
 * (options.alpha, default 0.01), 'softplus', 'softmax', 'identity',
 * 'heaviside'. ValueError for an unknown name.
 */
export function activation(name: ActivationName, options?: { alpha?: number }): Module {
  const n = assertOneOf(name, ACTIVATION_NAMES, 'name', 'activation');
  const o = assertOptions(options, ['alpha'], 'activation');
  if (o.alpha !== undefined && n !== 'leakyRelu') throw new ValueError(`activation: the option alpha belongs to 'leakyRelu', not ${describeValue(n)}`);
  switch (n) {
    case 'sigmoid': return new Sigmoid();
    case 'tanh': return new Tanh();
    case 'relu': return new ReLU();
    case 'leakyRelu': return new LeakyReLU(o.alpha);
    case 'softplus': return new Softplus();
    case 'softmax': return new Softmax();
    case 'identity': return new Identity();
    case 'heaviside': return new Heaviside();
  }
}
