/**
 * Dropout (EQ-REGULARIZERS-06; 001 "during training, at each iteration of
 * forward pass randomly set some neurons to zero"), in its inverted form:
 *
 *   training     mᵢ ~ Bernoulli(1 − p),   yᵢ = mᵢ·xᵢ/(1 − p)
 *   evaluation   y = x
 *
 * Dividing the kept units by 1 − p keeps the expected activation,
 * E[yᵢ] = (1 − p)·xᵢ/(1 − p) = xᵢ, so the next layer sees on average what
 * it sees in evaluation mode, where nothing is dropped and nothing is
 * scaled. Each forward call in training mode draws a new mask from the
 * layer's `Rng` (uᵢ ~ U[0, 1), unit i kept when uᵢ ≥ p); the backward pass
 * uses that same mask, so ∂L/∂xᵢ = gᵢ·mᵢ/(1 − p) is exactly 0 for a dropped
 * unit. A seeded Rng gives the same masks, bit for bit.
 *
 * p is the probability of dropping a unit, 0 ≤ p < 1: p = 0 is the
 * identity (no draws), and p = 1 is refused (every unit dropped leaves
 * nothing to scale up by 1/(1 − p)).
 *
 *   new Sequential([new Dense(64, 64, { rng }), new ReLU(), new Dropout(0.5, { rng })])
 *
 * Options:
 *   rng   the Rng that draws the masks (required)
 */
import { assertInstance, assertNumber, assertOptions } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { Rng } from '../random/index.js';
import { Module, assertVar } from './module.js';

export interface DropoutOptions {
  /** Draws the masks (required). */
  rng: Rng;
}

export class Dropout extends Module {
  /** The probability p of dropping a unit, in [0, 1). */
  readonly p: number;
  /** The generator of the masks. */
  readonly rng: Rng;

  constructor(p: number, options: DropoutOptions) {
    super();
    const where = 'Dropout';
    this.p = assertNumber(p, 'p', where, { min: 0, max: 1, maxExclusive: true });
    const o = assertOptions(options, ['rng'], where);
    this.rng = assertInstance(o.rng, Rng, 'rng', where);
  }

  /** Training: x ⊙ m with a fresh mask m of entries 0 or 1/(1 − p); evaluation (or p = 0): x itself. */
  forward(x: Var): Var {
    assertVar(x, 'Dropout.forward');
    if (!this.training || this.p === 0) return x;
    return ad.mul(x, ad.dropoutMask(x.value.shape, this.p, this.rng));
  }

  /** The input shape itself (no mask is drawn). */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'Dropout.outputShape');
    return [...inputShape];
  }

  override toString(): string {
    return `Dropout(p = ${this.p})`;
  }
}
