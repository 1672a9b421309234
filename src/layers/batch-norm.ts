/**
 * Batch normalisation (EQ-REGULARIZERS-07; 001 "normalize neuron
 * activations by mean and variance of (mini-)batch"; Ioffe & Szegedy 2015).
 * For each feature (channel) c, over the m values it takes in the batch:
 *
 *   training     μ_B = (1/m)·Σ z               σ²_B = (1/m)·Σ (z − μ_B)²   (population variance)
 *                ẑ = (z − μ_B)/√(σ²_B + ε)      y = γ·ẑ + β
 *                runningMean ← (1 − momentum)·runningMean + momentum·μ_B
 *                runningVar  ← (1 − momentum)·runningVar  + momentum·σ²_B·m/(m − 1)
 *   evaluation   ẑ = (z − runningMean)/√(runningVar + ε),   y = γ·ẑ + β
 *
 * γ (ones) and β (zeros) are learnt, one per feature, so the layer can undo
 * the normalisation where that helps. In training mode an example's output
 * depends on the rest of its batch; in evaluation mode it does not (the
 * running averages are fixed), which is what a model in use needs. The
 * running averages follow PyTorch's convention: `momentum` is the weight
 * of the new batch (Keras's momentum 0.99 is the weight of the old value,
 * i.e. 0.01 here), and the running variance takes the unbiased estimate
 * σ²_B·m/(m − 1). They are buffers: `stateDict()` saves them beside γ and β.
 *
 * Shapes: z: n×C (a Dense layer's output) or n×C×L… (channels on axis 1,
 * as a convolution's output; the statistics of channel c then run over
 * the batch and every position, m = n·L). Training mode needs m ≥ 2: over
 * a batch of one (m = 1) the batch variance is 0 and every output would be
 * β whatever the input, so forward throws a ValueError instead (switch to
 * eval() to run one example through running averages).
 *
 * The backward pass goes through μ_B and σ²_B too. With ĝ = g·γ (per
 * value) and the means taken over the m values of a feature:
 *
 *   ∂L/∂z = (ĝ − mean(ĝ) − ẑ·mean(ĝ·ẑ)) / √(σ²_B + ε)
 *   ∂L/∂γ = Σ g·ẑ,   ∂L/∂β = Σ g
 *
 * so a bias before BN is useless (BN(z + b) = BN(z)) and the output does
 * not change with the scale of the preceding weights (BN(a·z) = BN(z) for
 * a > 0, exactly at ε = 0), while their gradient scales as 1/a.
 *
 * Options:
 *   momentum  weight of the new batch in the running averages, in [0, 1] (default 0.1)
 *   epsilon   ε ≥ 0 added to the variance (default 1e-5); it keeps a
 *             constant feature finite (ẑ = 0, y = β); with ε = 0 a constant
 *             feature gives 0/0 = NaN
 */
import { ShapeError, ValueError, assertInteger, assertNumber, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { Module, assertVar } from './module.js';

export interface BatchNormOptions {
  /** Weight of the new batch in the running averages, in [0, 1] (default 0.1). */
  momentum?: number;
  /** ε ≥ 0 added to the variance (default 1e-5). */
  epsilon?: number;
}

export class BatchNorm extends Module {
  /** C, the number of features (channels). */
  readonly numFeatures: number;
  readonly momentum: number;
  readonly epsilon: number;
  /** γ: [C], the learnt scale (starts at 1). */
  readonly gamma: Var;
  /** β: [C], the learnt shift (starts at 0). */
  readonly beta: Var;
  /** The running average of μ_B: [C] (starts at 0); a saved buffer. */
  readonly runningMean: Tensor;
  /** The running average of the unbiased σ²_B: [C] (starts at 1); a saved buffer. */
  readonly runningVar: Tensor;

  constructor(numFeatures: number, options?: BatchNormOptions) {
    super();
    const where = 'BatchNorm';
    this.numFeatures = assertInteger(numFeatures, 'numFeatures', where, { min: 1 });
    const o = assertOptions(options, ['momentum', 'epsilon'], where);
    this.momentum = assertNumber(o.momentum ?? 0.1, 'momentum', where, { min: 0, max: 1 });
    this.epsilon = assertNumber(o.epsilon ?? 1e-5, 'epsilon', where, { min: 0 });
    this.gamma = this.registerParameter('gamma', linalg.ones([numFeatures]));
    this.beta = this.registerParameter('beta', linalg.zeros([numFeatures]));
    this.runningMean = this.registerBuffer('runningMean', linalg.zeros([numFeatures]));
    this.runningVar = this.registerBuffer('runningVar', linalg.ones([numFeatures]));
  }

  /** Internal: [n, C, L] of an input shape (L = the product of the axes after C; 1 for n×C), or ShapeError. */
  private layout(shape: readonly number[], where: string): [number, number, number] {
    const C = this.numFeatures;
    if (shape.length < 2 || shape[1] !== C) {
      throw new ShapeError(`${where}: expected an input [n, ${C}] or [n, ${C}, L, …] (features on axis 1), got ${formatShape(shape)}`);
    }
    return [shape[0]!, C, linalg.sizeOf(shape.slice(2))];
  }

  /**
   * y = γ·ẑ + β, with ẑ from the batch's statistics in training mode (which
   * also updates the running averages) or from the running averages in
   * evaluation mode. ValueError in training mode when a feature has fewer
   * than 2 values (a batch of one).
   */
  forward(x: Var): Var {
    const where = 'BatchNorm.forward';
    assertVar(x, where);
    const shape = x.value.shape;
    const [n, C, L] = this.layout(shape, where);
    const m = n * L;
    if (this.training && m < 2) {
      throw new ValueError(`${where}: training mode needs at least 2 values per feature to estimate a variance, got ${formatShape(shape)} (a batch of one); use eval() to apply the running averages`);
    }
    const xd = x.value.data;
    const mean = new Float64Array(C), scale = new Float64Array(C); // μ and 1/√(σ² + ε) per feature
    if (this.training) {
      const variance = new Float64Array(C);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < C; c++) {
          const base = (i * C + c) * L;
          let s = 0;
          for (let l = 0; l < L; l++) s += xd[base + l]!;
          mean[c] = mean[c]! + s;
        }
      }
      for (let c = 0; c < C; c++) mean[c] = mean[c]! / m;
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < C; c++) {
          const base = (i * C + c) * L, mu = mean[c]!;
          let s = 0;
          for (let l = 0; l < L; l++) {
            const d = xd[base + l]! - mu;
            s += d * d;
          }
          variance[c] = variance[c]! + s;
        }
      }
      const rm = this.runningMean.data, rv = this.runningVar.data, keep = 1 - this.momentum;
      for (let c = 0; c < C; c++) {
        const sigma2 = variance[c]! / m;
        scale[c] = 1 / Math.sqrt(sigma2 + this.epsilon);
        rm[c] = keep * rm[c]! + this.momentum * mean[c]!;
        rv[c] = keep * rv[c]! + this.momentum * (variance[c]! / (m - 1));
      }
    } else {
      for (let c = 0; c < C; c++) {
        mean[c] = this.runningMean.data[c]!;
        scale[c] = 1 / Math.sqrt(this.runningVar.data[c]! + this.epsilon);
      }
    }
    const size = xd.length, gd = this.gamma.value.data, bd = this.beta.value.data;
    const zHat = new Float64Array(size), y = new Float64Array(size);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < C; c++) {
        const base = (i * C + c) * L, mu = mean[c]!, r = scale[c]!, gamma = gd[c]!, beta = bd[c]!;
        for (let l = 0; l < L; l++) {
          const h = (xd[base + l]! - mu) * r;
          zHat[base + l] = h;
          y[base + l] = gamma * h + beta;
        }
      }
    }
    const training = this.training;
    return ad.customOp('batchNorm', { shape: [...shape], data: y }, [x, this.gamma, this.beta], (g) => {
      const dy = g.data;
      const dGamma = new Float64Array(C), dBeta = new Float64Array(C);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < C; c++) {
          const base = (i * C + c) * L;
          let sg = 0, sgh = 0;
          for (let l = 0; l < L; l++) {
            const gi = dy[base + l]!;
            sg += gi;
            sgh += gi * zHat[base + l]!;
          }
          dBeta[c] = dBeta[c]! + sg;
          dGamma[c] = dGamma[c]! + sgh;
        }
      }
      const dx = new Float64Array(size);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < C; c++) {
          const base = (i * C + c) * L, gamma = gd[c]!, r = scale[c]!;
          // training: ĝ = gγ, mean(ĝ) = γ·Σg/m, mean(ĝ·ẑ) = γ·Σgẑ/m; evaluation: μ and σ² are constants
          const meanG = training ? (gamma * dBeta[c]!) / m : 0, meanGH = training ? (gamma * dGamma[c]!) / m : 0;
          for (let l = 0; l < L; l++) {
            const k = base + l;
            dx[k] = (gamma * dy[k]! - meanG - zHat[k]! * meanGH) * r;
          }
        }
      }
      return [{ shape: [...shape], data: dx }, { shape: [C], data: dGamma }, { shape: [C], data: dBeta }];
    });
  }

  /** The input shape itself (ShapeError unless features are on axis 1); the running averages do not move. */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'BatchNorm.outputShape');
    this.layout(inputShape, 'BatchNorm.outputShape');
    return [...inputShape];
  }

  override toString(): string {
    return `BatchNorm(${this.numFeatures})`;
  }
}
