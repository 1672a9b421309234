/**
 * Activation functions and their local derivatives, y = f(x), ∂L/∂x = g ⊙ f′(x):
 *
 *   relu       y = max(x, 0)                      f′ = 1 if x > 0, else 0   (0 at the kink)
 *   leakyRelu  y = x if x > 0, else α·x           f′ = 1 if x > 0, else α   (α at the kink)
 *   sigmoid    y = σ(x) = 1/(1 + e^{−x})          f′ = σ(x)(1 − σ(x)) = e/(1 + e)²,  e = e^{−|x|};  ≤ 1/4
 *   tanh       y = tanh x                         f′ = 1 − tanh²x = sech²x = 4e/(1 + e)²,  e = e^{−2|x|};  ≤ 1
 *   softplus   y = ln(1 + eˣ)                     f′ = σ(x)
 *
 * Stable forms, finite for every finite x: σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and
 * eˣ/(1 + eˣ) for x < 0 (e^{−x} never overflows); softplus(x) =
 * ln(1 + e^{−|x|}) + max(x, 0), with log1p for small e^{−|x|}.
 *
 * The derivatives are computed from x, not from y: for large x, y(1 − y) and
 * 1 − y² subtract from 1 a y that has already rounded (σ′ from y is exactly 0
 * from x ≈ 37, where the true value is 8.5e-17), while e/(1 + e)² keeps full
 * relative precision on both tails. sech²x = 4/(eˣ + e^{−x})² = 4e/(1 + e)² by
 * multiplying through by e^{−2|x|}. The bounds σ′ ≤ 1/4 and tanh′ ≤ 1 hold
 * exactly, so they are applied as caps, which only correct a rounding above
 * them next to x = 0. sigmoid′ ≤ 1/4 is why deep sigmoid nets have vanishing
 * gradients (EQ-AUTODIFF-11).
 */
import { ArgumentTypeError, assertNumber, describeValue } from '../errors/index.js';
import * as math from '../math/index.js';
import { unary } from './helpers.js';
import { operand } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';

/**
 * σ(x) = 1/(1 + e^{−x}) of one number, without overflow (NaN gives NaN,
 * ±∞ gives 1 or 0).
 */
export function sigmoidOf(x: number): number {
  if (typeof x !== 'number') throw new ArgumentTypeError(`sigmoidOf: x must be a number, got ${describeValue(x)}`);
  return sigma(x);
}

/** σ(x), stable. Internal: x is a number. */
function sigma(x: number): number {
  if (x >= 0) return 1 / (1 + math.exp(-x));
  const e = math.exp(x);
  return e / (1 + e);
}

/** y = max(x, 0) entry-wise; ∂L/∂x = g where x > 0, else 0 (0 at the kink). */
export function relu(x: Operand): Var {
  return unary('relu', x, (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0));
}

/** y = x where x > 0, else α·x, entry-wise, with slope α (default 0.01, finite); ∂L/∂x = g, or α·g where x ≤ 0. */
export function leakyRelu(x: Operand, alpha = 0.01): Var {
  const v = operand(x, 'x', 'leakyRelu');
  assertNumber(alpha, 'alpha', 'leakyRelu');
  return unary('leakyRelu', v, (x) => (x > 0 ? x : alpha * x), (x) => (x > 0 ? 1 : alpha));
}

/** e/(1 + e)², the shared form of σ′ (e = e^{−|x|}) and tanh′/4 (e = e^{−2|x|}). */
function bell(e: number): number {
  return e / ((1 + e) * (1 + e));
}

/** y = σ(x) = 1/(1 + e^{−x}) entry-wise; ∂L/∂x = g ⊙ σ(x)(1 − σ(x)), at most g/4. */
export function sigmoid(x: Operand): Var {
  return unary('sigmoid', x, sigma, (x) => Math.min(0.25, bell(math.exp(-Math.abs(x)))));
}

/** y = tanh x entry-wise; ∂L/∂x = g ⊙ (1 − tanh²x), at most g. */
export function tanh(x: Operand): Var {
  return unary('tanh', x, math.tanh, (x) => Math.min(1, 4 * bell(math.exp(-2 * Math.abs(x)))));
}

/** y = ln(1 + eˣ) entry-wise (stable); ∂L/∂x = g ⊙ σ(x). */
export function softplus(x: Operand): Var {
  return unary('softplus', x, (x) => math.log1p(math.exp(-Math.abs(x))) + Math.max(x, 0), sigma);
}
