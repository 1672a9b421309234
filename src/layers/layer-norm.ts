/**
 * Layer normalisation (EQ-LAYERS-46; 004 "Standardize means and stds of
 * input vectors"; Ba, Kiros & Hinton 2016). Each vector x of d features is
 * standardised on its own, over its features:
 *
 *   μ(x) = (1/d)·Σⱼ xⱼ        σ²(x) = (1/d)·Σⱼ (xⱼ − μ)²   (population variance)
 *   x̂ = (x − μ)/√(σ² + ε)     LN(x) = γ ⊙ x̂ + β
 *
 * γ (ones) and β (zeros) are learnt, one per feature. Unlike batch
 * normalisation (EQ-REGULARIZERS-07) nothing is averaged over the batch: an
 * example's output never depends on the other rows, training and
 * evaluation modes compute the same thing, a batch of one is fine, and
 * there is no running state. LN(a·x + c) = LN(x) for a > 0 and a scalar c
 * (exactly at ε = 0; off by a relative O(ε/(a²σ²)) otherwise).
 *
 * Backward, per vector, with ĝ = g ⊙ γ and means over its d features:
 *
 *   ∂L/∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) / √(σ² + ε)
 *   ∂L/∂γ = Σ_rows g ⊙ x̂,   ∂L/∂β = Σ_rows g
 *
 * Shapes: x: [..., d] (n×d rows, or n×t×d tokens): the last axis is
 * normalised, every other axis indexes vectors.
 *
 * Options:
 *   epsilon  ε ≥ 0 added to the variance (default 1e-5); with ε > 0 a
 *            constant vector maps to β (x̂ = 0); with ε = 0 it gives
 *            0/0 = NaN
 */
import { ShapeError, assertInteger, assertNumber, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { Module, assertVar } from './module.js';

export interface LayerNormOptions {
  /** ε ≥ 0 added to the variance (default 1e-5). */
  epsilon?: number;
}

export class LayerNorm extends Module {
  /** d, the length of each normalised vector (the input's last axis). */
  readonly features: number;
  readonly epsilon: number;
  /** γ: [d], the learnt scale (starts at 1). */
  readonly gamma: Var;
  /** β: [d], the learnt shift (starts at 0). */
  readonly beta: Var;

  constructor(features: number, options?: LayerNormOptions) {
    super();
    const where = 'LayerNorm';
    this.features = assertInteger(features, 'features', where, { min: 1 });
    const o = assertOptions(options, ['epsilon'], where);
    this.epsilon = assertNumber(o.epsilon ?? 1e-5, 'epsilon', where, { min: 0 });
    this.gamma = this.registerParameter('gamma', linalg.ones([features]));
    this.beta = this.registerParameter('beta', linalg.zeros([features]));
  }

  /** Internal: ShapeError unless the last axis has length d. */
  private check(shape: readonly number[], where: string): void {
    if (shape.length < 1 || shape[shape.length - 1] !== this.features) {
      throw new ShapeError(`${where}: expected an input [..., ${this.features}] (vectors on the last axis), got ${formatShape(shape)}`);
    }
  }

  /** LN(x) = γ ⊙ (x − μ(x))/√(σ²(x) + ε) + β for every vector along the last axis. */
  forward(x: Var): Var {
    const where = 'LayerNorm.forward';
    assertVar(x, where);
    const shape = x.value.shape;
    this.check(shape, where);
    const d = this.features, xd = x.value.data, size = xd.length, rows = size / d;
    const gd = this.gamma.value.data, bd = this.beta.value.data;
    const xHat = new Float64Array(size), y = new Float64Array(size), scale = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const base = r * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += xd[base + j]!;
      const mu = s / d;
      let v = 0;
      for (let j = 0; j < d; j++) {
        const dev = xd[base + j]! - mu;
        v += dev * dev;
      }
      const inv = 1 / Math.sqrt(v / d + this.epsilon);
      scale[r] = inv;
      for (let j = 0; j < d; j++) {
        const h = (xd[base + j]! - mu) * inv;
        xHat[base + j] = h;
        y[base + j] = gd[j]! * h + bd[j]!;
      }
    }
    return ad.customOp('layerNorm', { shape: [...shape], data: y }, [x, this.gamma, this.beta], (g) => {
      const dy = g.data;
      const dx = new Float64Array(size), dGamma = new Float64Array(d), dBeta = new Float64Array(d);
      for (let r = 0; r < rows; r++) {
        const base = r * d;
        let sumG = 0, sumGH = 0; // Σ ĝ and Σ ĝ·x̂ over the vector
        for (let j = 0; j < d; j++) {
          const gj = dy[base + j]!, hj = xHat[base + j]!, gHat = gj * gd[j]!;
          sumG += gHat;
          sumGH += gHat * hj;
          dGamma[j] = dGamma[j]! + gj * hj;
          dBeta[j] = dBeta[j]! + gj;
        }
        const meanG = sumG / d, meanGH = sumGH / d, inv = scale[r]!;
        for (let j = 0; j < d; j++) dx[base + j] = (dy[base + j]! * gd[j]! - meanG - xHat[base + j]! * meanGH) * inv;
      }
      return [{ shape: [...shape], data: dx }, { shape: [d], data: dGamma }, { shape: [d], data: dBeta }];
    });
  }

  /** The input shape itself (ShapeError unless its last axis is d). */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'LayerNorm.outputShape');
    this.check(inputShape, 'LayerNorm.outputShape');
    return [...inputShape];
  }

  override toString(): string {
    return `LayerNorm(${this.features})`;
  }
}
