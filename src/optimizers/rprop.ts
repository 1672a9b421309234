/**
 * Rprop, resilient backpropagation (EQ-OPTIMIZERS-18; Riedmiller & Braun
 * 1993), in the iRprop− variant (Igel & Hüsken 2000): "only the sign of the
 * gradient" (003) is used, with a step size Δᵢ of its own per weight that
 * grows while the sign holds and shrinks when it flips:
 *
 *   if g_{t−1,i}·g_{t,i} > 0:  Δᵢ ← min(η⁺·Δᵢ, Δ_max)
 *   if g_{t−1,i}·g_{t,i} < 0:  Δᵢ ← max(η⁻·Δᵢ, Δ_min),  g_{t,i} ← 0   (skip this step)
 *   θᵢ ← θᵢ − sign(g_{t,i})·Δᵢ,    g_{t−1,i} ← g_{t,i}
 *
 * The gradient's size is ignored, so Rprop crosses plateaus where |g| is
 * tiny at full speed. It assumes the gradient of the whole data set: with
 * mini-batches the signs of per-batch gradients vote, and their majority
 * need not be the sign of their mean ("Rprop does not work for
 * mini-batches", 003; per-example gradients [+1 × 9, −10] have mean −0.1
 * but nine of ten signs +). Use it with fit's mode 'batch'.
 *
 * Options (constructor rejects values out of range, naming them):
 *   initialStep   Δ₀, every Δᵢ at the start (default 0.1, Riedmiller's)
 *   etaPlus       η⁺ ≥ 1, growth while the sign holds (default 1.2; 1 keeps Δ fixed)
 *   etaMinus      η⁻ ∈ (0, 1], shrinking after a flip (default 0.5)
 *   stepMin       Δ_min ≥ 0 (default 1e-6)
 *   stepMax       Δ_max (default 50); Δ_min ≤ Δ₀ ≤ Δ_max is required
 * State `stepSize` (Δ) and `previousGrad` (g_{t−1}, 0 after a flip), one
 * tensor each per parameter.
 */
import { ValueError, assertNumber, assertOptions } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Optimizer, zerosLike } from './optimizer.js';
import type { Hyperparameter, Parameter } from './optimizer.js';

export interface RpropOptions {
  /** Δ₀ (default 0.1). */
  initialStep?: number;
  /** η⁺ ≥ 1 (default 1.2). */
  etaPlus?: number;
  /** η⁻ ∈ (0, 1] (default 0.5). */
  etaMinus?: number;
  /** Δ_min ≥ 0 (default 1e-6). */
  stepMin?: number;
  /** Δ_max ≥ Δ₀ (default 50). */
  stepMax?: number;
}

/** One iRprop− step over flat arrays (see the file comment). Internal: equal lengths. */
function rpropUpdate(
  theta: Float64Array, g: Float64Array, step: Float64Array, previous: Float64Array, etaPlus: number, etaMinus: number,
  stepMin: number, stepMax: number, record: Float64Array | null,
): void {
  for (let i = 0; i < theta.length; i++) {
    let gi = g[i]!;
    const agreement = previous[i]! * gi;
    let delta = step[i]!;
    if (agreement > 0) {
      delta = Math.min(delta * etaPlus, stepMax);
    } else if (agreement < 0) {
      delta = Math.max(delta * etaMinus, stepMin);
      gi = 0;
    }
    step[i] = delta;
    previous[i] = gi;
    const d = gi > 0 ? -delta : gi < 0 ? delta : 0;
    if (record !== null) record[i] = d;
    theta[i] = theta[i]! + d;
  }
}

export class Rprop extends Optimizer {
  readonly initialStep: number;
  readonly etaPlus: number;
  readonly etaMinus: number;
  readonly stepMin: number;
  readonly stepMax: number;
  /** Δ, each weight's step size (one tensor per parameter). */
  readonly stepSize: readonly Tensor[];
  /** g_{t−1}, the gradient of the last step (0 where its sign flipped). */
  readonly previousGrad: readonly Tensor[];

  /** iRprop− over `parameters` (use full-batch gradients); see the file comment for the options. */
  constructor(parameters: readonly Parameter[], options?: RpropOptions) {
    const where = 'Rprop';
    const o = assertOptions(options, ['initialStep', 'etaPlus', 'etaMinus', 'stepMin', 'stepMax'], where);
    const initialStep = assertNumber(o.initialStep ?? 0.1, 'initialStep', where, { min: 0, minExclusive: true });
    const etaPlus = assertNumber(o.etaPlus ?? 1.2, 'etaPlus', where, { min: 1 });
    const etaMinus = assertNumber(o.etaMinus ?? 0.5, 'etaMinus', where, { min: 0, max: 1, minExclusive: true });
    const stepMin = assertNumber(o.stepMin ?? 1e-6, 'stepMin', where, { min: 0 });
    const stepMax = assertNumber(o.stepMax ?? 50, 'stepMax', where, { min: 0, minExclusive: true });
    if (!(stepMin <= initialStep && initialStep <= stepMax)) {
      throw new ValueError(`${where}: expected stepMin ≤ initialStep ≤ stepMax, got ${stepMin}, ${initialStep}, ${stepMax}`);
    }
    super(parameters, where);
    this.initialStep = initialStep;
    this.etaPlus = etaPlus;
    this.etaMinus = etaMinus;
    this.stepMin = stepMin;
    this.stepMax = stepMax;
    this.stepSize = this.parameters.map((p) => linalg.full(p.value.shape, initialStep));
    this.previousGrad = zerosLike(this.parameters);
  }

  hyperparameters(): Record<string, Hyperparameter> {
    return { initialStep: this.initialStep, etaPlus: this.etaPlus, etaMinus: this.etaMinus, stepMin: this.stepMin, stepMax: this.stepMax };
  }

  stateTensors(): Record<string, readonly Tensor[]> {
    return { stepSize: this.stepSize, previousGrad: this.previousGrad };
  }

  protected update(k: number, theta: Float64Array, g: Float64Array, _t: number, record: Float64Array | null): void {
    rpropUpdate(theta, g, this.stepSize[k]!.data, this.previousGrad[k]!.data, this.etaPlus, this.etaMinus, this.stepMin, this.stepMax, record);
  }
}
