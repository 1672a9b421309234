/**
 * Adadelta (EQ-OPTIMIZERS-15, the 000 deck's zoo; Zeiler 2012): the step
 * is the ratio of two running root-mean-squares, so its unit is that of θ
 * and there is no learning rate at all:
 *
 *   E[g²]_t  = ρ·E[g²]_{t−1} + (1 − ρ)·g_t²
 *   Δθ_t     = −(RMS[Δθ]_{t−1} / RMS[g]_t)·g_t,     RMS[x]_t = √(E[x²]_t + ε)
 *   E[Δθ²]_t = ρ·E[Δθ²]_{t−1} + (1 − ρ)·Δθ_t²
 *
 * with E[g²]₀ = E[Δθ²]₀ = 0. The first step has size
 * √ε·|g|/√((1 − ρ)g² + ε) < √(ε/(1 − ρ)): ε sets the scale of the first
 * steps, which is why it must be > 0 here (with ε = 0 no step would ever
 * be taken). A zero gradient gives a zero step.
 *
 * Options (constructor rejects values out of range, naming them):
 *   rho       ρ ∈ [0, 1), the decay of both averages (default 0.9)
 *   epsilon   ε > 0 (default 1e-6, Zeiler's choice)
 * State `Eg2` (E[g²]) and `Edelta2` (E[Δθ²]), one tensor each per parameter.
 */
import { assertNumber, assertOptions } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { Optimizer, zerosLike } from './optimizer.js';
import type { Hyperparameter, Parameter } from './optimizer.js';

export interface AdadeltaOptions {
  /** ρ ∈ [0, 1) (default 0.9). */
  rho?: number;
  /** ε > 0 (default 1e-6). */
  epsilon?: number;
}

/** One Adadelta step over flat arrays (see the file comment). Internal: equal lengths. */
function adadeltaUpdate(
  theta: Float64Array, g: Float64Array, Eg2: Float64Array, Edelta2: Float64Array, rho: number, epsilon: number, record: Float64Array | null,
): void {
  const oneMinusRho = 1 - rho;
  for (let i = 0; i < theta.length; i++) {
    const gi = g[i]!;
    const eg = rho * Eg2[i]! + oneMinusRho * (gi * gi);
    Eg2[i] = eg;
    const d = -(Math.sqrt(Edelta2[i]! + epsilon) / Math.sqrt(eg + epsilon)) * gi;
    Edelta2[i] = rho * Edelta2[i]! + oneMinusRho * (d * d);
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

export class Adadelta extends Optimizer {
  readonly rho: number;
  readonly epsilon: number;
  /** E[g²], the running mean of squared gradients (one per parameter). */
  readonly Eg2: readonly Tensor[];
  /** E[Δθ²], the running mean of squared steps (one per parameter). */
  readonly Edelta2: readonly Tensor[];

  /** Adadelta over `parameters` (no learning rate); see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: AdadeltaOptions) {
    const where = 'Adadelta';
    const o = assertOptions(options, ['rho', 'epsilon'], where);
    const rho = assertNumber(o.rho ?? 0.9, 'rho', where, { min: 0, max: 1, maxExclusive: true });
    const epsilon = assertNumber(o.epsilon ?? 1e-6, 'epsilon', where, { min: 0, minExclusive: true });
    super(parameters, where);
    this.rho = rho;
    this.epsilon = epsilon;
    this.Eg2 = zerosLike(this.parameters);
    this.Edelta2 = zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { rho: this.rho, epsilon: this.epsilon };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { Eg2: this.Eg2, Edelta2: this.Edelta2 };
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    adadeltaUpdate(theta, g, this.Eg2[k]!.data, this.Edelta2[k]!.data, this.rho, this.epsilon, record);
  }
}
