/**
 * AdamW — Adam with decoupled weight decay (Loshchilov & Hutter 2019; the
 * regularisation issue's "weight decay as its own named thing"). For step
 * t = 1, 2, …, with m̂_t and v̂_t exactly as in Adam:
 *
 *   θ_t = θ_{t−1} − η·m̂_t/(√v̂_t + ε) − η·λ·θ_{t−1}      (ε outside; 'inside' as in Adam)
 *
 * The decay −η·λ·θ acts in the update, not through the gradient. That is
 * the difference from an L2 penalty added to the loss (regularizers'
 * `l2Penalty`, λ·Σw², gradient 2λw): with plain gradient descent the two
 * are the same step (λ_AdamW = 2λ), but in Adam the penalty's gradient is
 * divided by √v̂ like every other gradient, so weights with large gradients
 * are barely decayed, whereas AdamW shrinks every weight by the same factor
 * 1 − ηλ per step. The step is computed as θ + (d − ηλθ) with d Adam's
 * step, one rounding away from PyTorch's θ·(1 − ηλ) + d.
 *
 * Options: those of Adam, and
 *   weightDecay   λ ≥ 0 (default 0.01, as PyTorch's AdamW); λ = 0 is Adam bit for bit.
 * It decays every parameter it is given: pass only the weights (e.g.
 * regularizers' `weightsOf(net)`) to leave biases and normalisation
 * parameters alone.
 */
import { assertNumber, assertOptions } from '../errors/index.js';
import { Adam } from './adam.js';
import type { AdamOptions } from './adam.js';
import type { Hyperparameter, Parameter } from './optimizer.js';

export interface AdamWOptions extends AdamOptions {
  /** λ ≥ 0, the decoupled weight decay (default 0.01). */
  weightDecay?: number;
}

export class AdamW extends Adam {
  /** λ, the decoupled weight decay: each step subtracts η·λ·θ. */
  readonly weightDecay: number;

  /** AdamW over `parameters`; see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: AdamWOptions) {
    const where = 'AdamW';
    const { weightDecay, ...adam } = assertOptions(options, ['lr', 'beta1', 'beta2', 'epsilon', 'epsMode', 'weightDecay'], where);
    const lambda = assertNumber(weightDecay ?? 0.01, 'weightDecay', where, { min: 0 });
    super(parameters, adam);
    this.weightDecay = lambda;
  }

  override hyperparameters(): Record<string, Hyperparameter> {
    return { ...super.hyperparameters(), weightDecay: this.weightDecay };
  }

  protected override decoupledDecay(): number {
    return this.lr * this.weightDecay;
  }
}
