/**
 * Momentum — the 000 deck's form (EQ-OPTIMIZERS-10, 12): a velocity v that
 * remembers past gradients ("a ball rolling down the loss landscape"):
 *
 *   v_t = γ·v_{t−1} + η·∇_θJ(θ_t)        v₀ = 0
 *   θ_{t+1} = θ_t − v_t
 *
 * In the zoo's notation, Δθ_t = −γ·v_{t−1} − η·g_t, so v_t = −Δθ_t. γ = 0
 * is plain gradient descent, bit for bit. For a constant gradient c the
 * velocity tends to η·c/(1 − γ): ten times the plain step at γ = 0.9, the
 * speed-up on shallow slopes. On a quadratic with Hessian eigenvalues up to
 * λ_max the iteration converges for 0 ≤ γ < 1 and 0 < ηλ_max < 2(1 + γ).
 *
 * The 003 deck writes the same method as M ← βM + ∇, W ← W − γM (here
 * `SGD` with `momentum`): with a constant step size v_t = η·M_t and the
 * trajectories coincide; when η changes, this form keeps the old η inside v.
 *
 * Options (constructor rejects values out of range, naming them):
 *   lr      η ≥ 0 (default 0.01)
 *   gamma   γ ∈ [0, 1), the momentum coefficient (default 0.9)
 * State `v`: one velocity tensor per parameter.
 */
import { assertNumber, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { LearningRateOptimizer, zerosLike } from './optimizer.js';
import type { Hyperparameter, Parameter } from './optimizer.js';

export interface MomentumOptions {
  /** η ≥ 0 (default 0.01). */
  lr?: number;
  /** γ ∈ [0, 1) (default 0.9). */
  gamma?: number;
}

/** v ← γv + ηg, θ ← θ − v over flat arrays. Internal: equal lengths. */
function momentumUpdate(theta: Float64Array, g: Float64Array, v: Float64Array, gamma: number, eta: number, record: Float64Array | null): void {
  for (let i = 0; i < theta.length; i++) {
    const vi = gamma * v[i]! + eta * g[i]!;
    v[i] = vi;
    const d = -vi;
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

export class Momentum extends LearningRateOptimizer {
  /** γ, the momentum coefficient. */
  readonly gamma: number;
  /** The velocities v (one per parameter). */
  readonly v: readonly Tensor[];

  /** Momentum (000 form) over `parameters`; see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: MomentumOptions) {
    const where = 'Momentum';
    const o = assertOptions(options, ['lr', 'gamma'], where);
    const lr = assertNumber(o.lr ?? 0.01, 'lr', where, { min: 0 });
    const gamma = assertNumber(o.gamma ?? 0.9, 'gamma', where, { min: 0, max: 1, maxExclusive: true });
    super(parameters, where, lr);
    this.gamma = gamma;
    this.v = zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { lr: this.lr, gamma: this.gamma };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { v: this.v };
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    momentumUpdate(theta, g, this.v[k]!.data, this.gamma, this.lr, record);
  }
}
