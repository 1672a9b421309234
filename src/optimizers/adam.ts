/**
 * Adam (EQ-OPTIMIZERS-19, 20, 21; Kingma & Ba 2015; "the default for
 * training neural networks", 003): RMSprop with momentum and bias
 * correction. For step t = 1, 2, … (1-based):
 *
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t          momentum             m₀ = 0
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²         adaptive step        v₀ = 0
 *   m̂_t = m_t/(1 − β₁^t),  v̂_t = v_t/(1 − β₂^t)   bias correction
 *   θ_t = θ_{t−1} − η·m̂_t/√(v̂_t + ε)        ε inside, as both decks write it
 *   θ_t = θ_{t−1} − η·m̂_t/(√v̂_t + ε)        ε outside, as Kingma & Ba and PyTorch
 *
 * (the 003 deck's M, V, γ are m, v, η here). m and v start at 0, so early
 * averages are biased towards 0; dividing by 1 − β^t removes the bias: for
 * a constant gradient g, m̂_t = g and v̂_t = g² at every t. With β₁ = 0 and
 * ε = 0 the step is √(1 − β₂^t) times RMSprop's with β = β₂, and with ε = 0
 * the first step is −η·sign(g) whatever |g|. When v̂ = 0 (all gradients so
 * far were 0) and ε = 0 the step is 0, not 0/0.
 *
 * Options (constructor rejects values out of range, naming them):
 *   lr        η ≥ 0 (default 0.001, Kingma & Ba)
 *   beta1     β₁ ∈ [0, 1) (default 0.9)
 *   beta2     β₂ ∈ [0, 1) (default 0.999)
 *   epsilon   ε ≥ 0 (default 1e-8)
 *   epsMode   'inside' | 'outside' (default 'outside', so that the
 *             published defaults above mean what they mean in the paper
 *             and in PyTorch; 'inside' is the decks' form; see EpsMode)
 * State `m` and `v` (one tensor each per parameter) and the step count `t`.
 */
import { pow } from '../math/index.js';
import { assertNumber, assertOneOf, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { LearningRateOptimizer, zerosLike } from './optimizer.js';
import type { EpsMode, Hyperparameter, Parameter } from './optimizer.js';

export interface AdamOptions {
  /** η ≥ 0 (default 0.001). */
  lr?: number;
  /** β₁ ∈ [0, 1) (default 0.9). */
  beta1?: number;
  /** β₂ ∈ [0, 1) (default 0.999). */
  beta2?: number;
  /** ε ≥ 0 (default 1e-8). */
  epsilon?: number;
  /** Where ε goes (default 'outside'). */
  epsMode?: EpsMode;
}

/**
 * One Adam step over flat arrays, with the bias corrections c₁ = 1 − β₁^t,
 * c₂ = 1 − β₂^t of this step, and `decay` = η·λ of decoupled weight decay
 * (0 for Adam; AdamW subtracts η·λ·θᵢ in the same pass). Internal: equal
 * lengths.
 */
function adamUpdate(
  theta: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, beta1: number, beta2: number, eta: number,
  c1: number, c2: number, epsilon: number, inside: boolean, decay: number, record: Float64Array | null,
): void {
  const oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + oneMinusBeta1 * gi;
    const vi = beta2 * v[i]! + oneMinusBeta2 * (gi * gi);
    m[i] = mi;
    v[i] = vi;
    const mHat = mi / c1, vHat = vi / c2;
    const denominator = inside ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon;
    const thetaI = theta[i]!;
    let d = denominator > 0 ? (-eta * mHat) / denominator : 0;
    if (decay !== 0) d -= decay * thetaI;
    if (record !== null) record[i] = d;
    theta[i] = thetaI + d;
  }
}

export class Adam extends LearningRateOptimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly epsMode: EpsMode;
  /** m, the running means of the gradients (one per parameter). */
  readonly m: readonly Tensor[];
  /** v, the running means of the squared gradients (one per parameter). */
  readonly v: readonly Tensor[];
  /** 1 − β₁^t and 1 − β₂^t of the step being taken. */
  #c1 = 1;
  #c2 = 1;

  /** Adam over `parameters`; see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: AdamOptions) {
    const where = new.target.name; // 'Adam', or 'AdamW' when a subclass calls
    const o = assertOptions(options, ['lr', 'beta1', 'beta2', 'epsilon', 'epsMode'], where);
    const lr = assertNumber(o.lr ?? 0.001, 'lr', where, { min: 0 });
    const beta1 = assertNumber(o.beta1 ?? 0.9, 'beta1', where, { min: 0, max: 1, maxExclusive: true });
    const beta2 = assertNumber(o.beta2 ?? 0.999, 'beta2', where, { min: 0, max: 1, maxExclusive: true });
    const epsilon = assertNumber(o.epsilon ?? 1e-8, 'epsilon', where, { min: 0 });
    const epsMode = assertOneOf(o.epsMode ?? 'outside', ['inside', 'outside'], 'epsMode', where);
    super(parameters, where, lr);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.epsMode = epsMode;
    this.m = zerosLike(this.parameters);
    this.v = zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { lr: this.lr, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, epsMode: this.epsMode };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { m: this.m, v: this.v };
  }

  /** The bias corrections of step t: 1 − β₁^t and 1 − β₂^t (t is 1-based). */
  protected override beginStep(t: number): void {
    this.#c1 = 1 - pow(this.beta1, t);
    this.#c2 = 1 - pow(this.beta2, t);
  }

  /** η·λ of decoupled weight decay for this step: 0 for Adam (AdamW overrides it). */
  protected decoupledDecay(): number {
    return 0;
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    adamUpdate(theta, g, this.m[k]!.data, this.v[k]!.data, this.beta1, this.beta2, this.lr, this.#c1, this.#c2, this.epsilon,
      this.epsMode === 'inside', this.decoupledDecay(), record);
  }
}
