/**
 * Nesterov accelerated gradient (EQ-OPTIMIZERS-13, the 000 deck's zoo):
 * momentum whose gradient is taken at the look-ahead point θ − γ·v_{t−1},
 * where the velocity is about to carry θ:
 *
 *   v_t = γ·v_{t−1} + η·∇_θJ(θ_t − γ·v_{t−1})        v₀ = 0
 *   θ_{t+1} = θ_t − v_t                  (Δθ_t = −γ·v_{t−1} − η·∇J(θ_t − γv_{t−1}))
 *
 * A training loop computes the gradient at the parameters it holds, so the
 * parameters hold the look-ahead point φ_t = θ_t − γ·v_{t−1} (Sutskever et
 * al.'s rewriting): the gradient the loop computes is the one the rule
 * needs, and the update of φ that gives the same θ is
 *
 *   v_t = γ·v_{t−1} + η·∇J(φ_t)
 *   φ_{t+1} = φ_t + γ·v_{t−1} − (1 + γ)·v_t          (= θ_{t+1} − γ·v_t)
 *
 * So after a step the parameters are θ_{t+1} − γ·v_t; the slide's θ is
 * `theta(k)` = φ + γ·v. φ₀ = θ₀ since v₀ = 0, and φ → θ as v → 0 at a
 * minimum. γ = 0 is plain gradient descent, bit for bit.
 *
 * Options (constructor rejects values out of range, naming them):
 *   lr      η ≥ 0 (default 0.01)
 *   gamma   γ ∈ [0, 1) (default 0.9)
 * State `v`: one velocity tensor per parameter.
 */
import { assertInteger, assertNumber, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { LearningRateOptimizer, zerosLike } from './optimizer.js';
import type { Hyperparameter, Parameter } from './optimizer.js';

export interface NesterovOptions {
  /** η ≥ 0 (default 0.01). */
  lr?: number;
  /** γ ∈ [0, 1) (default 0.9). */
  gamma?: number;
}

/** v ← γv + ηg, φ ← φ + γv_old − (1 + γ)v over flat arrays. Internal: equal lengths. */
function nesterovUpdate(phi: Float64Array, g: Float64Array, v: Float64Array, gamma: number, eta: number, record: Float64Array | null): void {
  const onePlusGamma = 1 + gamma;
  for (let i = 0; i < phi.length; i++) {
    const vOld = v[i]!;
    const vi = gamma * vOld + eta * g[i]!;
    v[i] = vi;
    const d = gamma * vOld - onePlusGamma * vi;
    if (record !== null) record[i] = d;
    phi[i] = phi[i]! + d;
  }
}

export class Nesterov extends LearningRateOptimizer {
  /** γ, the momentum coefficient. */
  readonly gamma: number;
  /** The velocities v (one per parameter). */
  readonly v: readonly Tensor[];

  /** NAG over `parameters`, which hold the look-ahead point; see the file comment. */
  constructor(parameters: readonly Parameter[], options?: NesterovOptions) {
    const where = 'Nesterov';
    const o = assertOptions(options, ['lr', 'gamma'], where);
    const lr = assertNumber(o.lr ?? 0.01, 'lr', where, { min: 0 });
    const gamma = assertNumber(o.gamma ?? 0.9, 'gamma', where, { min: 0, max: 1, maxExclusive: true });
    super(parameters, where, lr);
    this.gamma = gamma;
    this.v = zerosLike(this.parameters);
  }

  /** The slide's θ_t of parameter k: the look-ahead point it holds plus γ·v_{t−1} (a new tensor). */
  theta(k: number): Tensor {
    assertInteger(k, 'k', 'Nesterov.theta', { min: 0, max: this.parameters.length - 1 });
    const p = this.parameters[k]!, v = this.v[k]!.data, phi = p.value.data;
    const out = new Float64Array(phi.length);
    for (let i = 0; i < phi.length; i++) out[i] = phi[i]! + this.gamma * v[i]!;
    return { shape: [...p.value.shape], data: out };
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { lr: this.lr, gamma: this.gamma };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { v: this.v };
  }

  protected update(k: number, phi: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    nesterovUpdate(phi, g, this.v[k]!.data, this.gamma, this.lr, record);
  }
}
