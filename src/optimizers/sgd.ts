/**
 * SGD — gradient descent, one step per gradient (EQ-OPTIMIZERS-01, 04, 05):
 *
 *   θ_{t+1} = θ_t − η·∇_θJ(θ_t)                        (000, 001, 002; γ for η in 003)
 *
 * Whether that is batch, stochastic or mini-batch gradient descent depends
 * only on the data the gradient was computed from (`fit`'s mode), not on
 * this rule. With `momentum` β > 0 it is the 003 deck's "SGD with momentum"
 * (EQ-OPTIMIZERS-11), the form PyTorch's SGD uses:
 *
 *   M_{t+1} = β·M_t + ∇_θJ(θ_t)        M₀ = 0
 *   θ_{t+1} = θ_t − η·M_{t+1}
 *
 * "For β = 0 we obtain vanilla gradient descent" (003): β = 0 keeps no
 * buffer and steps exactly θ − η·g. The 000 deck's velocity form
 * v = γv + η∇J, θ ← θ − v is `Momentum`; with a constant η both give the
 * same trajectory (v_t = η·M_t), and they differ once η changes during
 * training: here a new η scales the whole buffer at once.
 *
 * Options (constructor rejects values out of range, naming them):
 *   lr         η ≥ 0, the step size (default 0.01; η = 0 leaves θ unchanged)
 *   momentum   β ∈ [0, 1) (default 0); state `M`, one tensor per parameter
 *              (empty when β = 0)
 */
import { assertNumber, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { LearningRateOptimizer, zerosLike } from './optimizer.js';
import type { Hyperparameter, Parameter } from './optimizer.js';

export interface SGDOptions {
  /** η ≥ 0 (default 0.01). */
  lr?: number;
  /** β ∈ [0, 1), the 003 deck's momentum (default 0: plain gradient descent). */
  momentum?: number;
}

/** θ ← θ − η·g over flat arrays. Internal: equal lengths. */
function sgdUpdate(theta: Float64Array, g: Float64Array, eta: number, record: Float64Array | null): void {
  for (let i = 0; i < theta.length; i++) {
    const d = -eta * g[i]!;
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

/** M ← βM + g, θ ← θ − ηM over flat arrays. Internal: equal lengths. */
function momentumBufferUpdate(theta: Float64Array, g: Float64Array, M: Float64Array, beta: number, eta: number, record: Float64Array | null): void {
  for (let i = 0; i < theta.length; i++) {
    const Mi = beta * M[i]! + g[i]!;
    M[i] = Mi;
    const d = -eta * Mi;
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

export class SGD extends LearningRateOptimizer {
  /** β, the momentum coefficient of the 003 form (0: none). */
  readonly momentum: number;
  /** The momentum buffers M (one per parameter; none when β = 0). */
  readonly M: readonly Tensor[];

  /** Gradient descent over `parameters` (e.g. `net.parameters()`); see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: SGDOptions) {
    const where = 'SGD';
    const o = assertOptions(options, ['lr', 'momentum'], where);
    const lr = assertNumber(o.lr ?? 0.01, 'lr', where, { min: 0 });
    const momentum = assertNumber(o.momentum ?? 0, 'momentum', where, { min: 0, max: 1, maxExclusive: true });
    super(parameters, where, lr);
    this.momentum = momentum;
    this.M = momentum === 0 ? [] : zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { lr: this.lr, momentum: this.momentum };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return this.momentum === 0 ? {} : { M: this.M };
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    if (this.momentum === 0) sgdUpdate(theta, g, this.lr, record);
    else momentumBufferUpdate(theta, g, this.M[k]!.data, this.momentum, this.lr, record);
  }
}
