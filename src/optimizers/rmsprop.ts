/**
 * RMSprop (EQ-OPTIMIZERS-16, 17): each coordinate's step is divided by a
 * running root-mean-square of its gradients.
 *
 *   V_{t+1} = β·V_t + (1 − β)·g_t²            V₀ = 0   (003; E[g²] with γ in the 000 deck)
 *   θ_{t+1} = θ_t − η/√(V_{t+1} + ε) ⊙ g_t    ε inside, the 000 deck's zoo form
 *   θ_{t+1} = θ_t − η/(√V_{t+1} + ε) ⊙ g_t    ε outside (PyTorch)
 *
 * The 003 deck writes it without ε, and notes that β = 0 gives
 * θ − η·g/|g|, "only the sign of the gradient": with ε = 0 and β = 0 this
 * is −η·sign(g) exactly. Without ε a coordinate with g = 0 and V = 0 would
 * be 0/0; the step is then taken as 0 (no NaN). With a constant gradient
 * V_t = (1 − β^t)·g², and the first step is bounded by η/√(1 − β) per
 * coordinate.
 *
 * Options (constructor rejects values out of range, naming them):
 *   lr        η ≥ 0 (default 0.001)
 *   beta      β ∈ [0, 1), the decay of the mean of squares (default 0.9, Ruder's γ)
 *   epsilon   ε ≥ 0 (default 1e-8)
 *   epsMode   'inside' | 'outside' (default 'outside', as PyTorch, so that
 *             published settings of ε mean the same here; see EpsMode)
 * State `v` (the slides' V, E[g²]): one tensor per parameter.
 */
import { assertNumber, assertOneOf, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { LearningRateOptimizer, zerosLike } from './optimizer.js';
import type { EpsMode, Hyperparameter, Parameter } from './optimizer.js';

export interface RMSpropOptions {
  /** η ≥ 0 (default 0.001). */
  lr?: number;
  /** β ∈ [0, 1) (default 0.9). */
  beta?: number;
  /** ε ≥ 0 (default 1e-8). */
  epsilon?: number;
  /** Where ε goes (default 'outside'). */
  epsMode?: EpsMode;
}

/** V ← βV + (1 − β)g², θ ← θ − ηg/√(V (+ε)) over flat arrays. Internal: equal lengths. */
function rmspropUpdate(
  theta: Float64Array, g: Float64Array, v: Float64Array, beta: number, eta: number, epsilon: number, inside: boolean, record: Float64Array | null,
): void {
  const oneMinusBeta = 1 - beta;
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i]!;
    const vi = beta * v[i]! + oneMinusBeta * (gi * gi);
    v[i] = vi;
    const denominator = inside ? Math.sqrt(vi + epsilon) : Math.sqrt(vi) + epsilon;
    const d = denominator > 0 ? (-eta * gi) / denominator : 0;
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

export class RMSprop extends LearningRateOptimizer {
  readonly beta: number;
  readonly epsilon: number;
  readonly epsMode: EpsMode;
  /** V = E[g²], the running mean of squared gradients (one per parameter). */
  readonly v: readonly Tensor[];

  /** RMSprop over `parameters`; see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: RMSpropOptions) {
    const where = 'RMSprop';
    const o = assertOptions(options, ['lr', 'beta', 'epsilon', 'epsMode'], where);
    const lr = assertNumber(o.lr ?? 0.001, 'lr', where, { min: 0 });
    const beta = assertNumber(o.beta ?? 0.9, 'beta', where, { min: 0, max: 1, maxExclusive: true });
    const epsilon = assertNumber(o.epsilon ?? 1e-8, 'epsilon', where, { min: 0 });
    const epsMode = assertOneOf(o.epsMode ?? 'outside', ['inside', 'outside'], 'epsMode', where);
    super(parameters, where, lr);
    this.beta = beta;
    this.epsilon = epsilon;
    this.epsMode = epsMode;
    this.v = zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { lr: this.lr, beta: this.beta, epsilon: this.epsilon, epsMode: this.epsMode };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { v: this.v };
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    rmspropUpdate(theta, g, this.v[k]!.data, this.beta, this.lr, this.epsilon, this.epsMode === 'inside', record);
  }
}
