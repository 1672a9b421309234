/**
 * Adagrad (EQ-OPTIMIZERS-14, the 000 deck's zoo): each coordinate's step
 * is divided by the root of the sum of its squared past gradients, so
 * coordinates with large gradients slow down and rare ones keep moving:
 *
 *   G_t = G_{t−1} + g_t²                  (per coordinate, G₀ = 0; Duchi et al., Ruder)
 *   Δθ_t = −η/√(G_t + ε) ⊙ g_t            ε inside, as the deck writes it
 *   Δθ_t = −η/(√G_t + ε) ⊙ g_t            ε outside (PyTorch)
 *
 * G never decreases, so the effective step η/√(G_t + ε) never grows; with
 * ε = 0 the first step is −η·sign(g₁), and the updates do not change when
 * every gradient is rescaled by a positive constant per coordinate. A
 * coordinate whose gradient is always 0 never moves (0/0 is taken as 0
 * when ε = 0).
 *
 * Options (constructor rejects values out of range, naming them):
 *   lr        η ≥ 0 (default 0.01)
 *   epsilon   ε ≥ 0 (default 1e-10): only keeps a division by zero away;
 *             small so that it does not shrink real steps
 *   epsMode   'inside' | 'outside' (default 'outside', see EpsMode)
 * State `G`: one tensor of sums of squares per parameter.
 */
import { assertNumber, assertOneOf, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { LearningRateOptimizer, zerosLike } from './optimizer.js';
import type { EpsMode, Hyperparameter, Parameter } from './optimizer.js';

export interface AdagradOptions {
  /** η ≥ 0 (default 0.01). */
  lr?: number;
  /** ε ≥ 0 (default 1e-10). */
  epsilon?: number;
  /** Where ε goes (default 'outside'). */
  epsMode?: EpsMode;
}

/** G ← G + g², θ ← θ − ηg/√(G (+ε)) over flat arrays. Internal: equal lengths. */
function adagradUpdate(theta: Float64Array, g: Float64Array, G: Float64Array, eta: number, epsilon: number, inside: boolean, record: Float64Array | null): void {
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i]!;
    const Gi = G[i]! + gi * gi;
    G[i] = Gi;
    const denominator = inside ? Math.sqrt(Gi + epsilon) : Math.sqrt(Gi) + epsilon;
    const d = denominator > 0 ? (-eta * gi) / denominator : 0;
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

export class Adagrad extends LearningRateOptimizer {
  readonly epsilon: number;
  readonly epsMode: EpsMode;
  /** G, the per-coordinate sums of squared gradients (one per parameter). */
  readonly G: readonly Tensor[];

  /** Adagrad over `parameters`; see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: AdagradOptions) {
    const where = 'Adagrad';
    const o = assertOptions(options, ['lr', 'epsilon', 'epsMode'], where);
    const lr = assertNumber(o.lr ?? 0.01, 'lr', where, { min: 0 });
    const epsilon = assertNumber(o.epsilon ?? 1e-10, 'epsilon', where, { min: 0 });
    const epsMode = assertOneOf(o.epsMode ?? 'outside', ['inside', 'outside'], 'epsMode', where);
    super(parameters, where, lr);
    this.epsilon = epsilon;
    this.epsMode = epsMode;
    this.G = zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { lr: this.lr, epsilon: this.epsilon, epsMode: this.epsMode };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { G: this.G };
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    adagradUpdate(theta, g, this.G[k]!.data, this.lr, this.epsilon, this.epsMode === 'inside', record);
  }
}
