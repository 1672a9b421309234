/**
 * A minimal estimator for the model-selection specs: it predicts the mean
 * of the training targets (plus an offset hyperparameter) and scores by
 * minus the mean squared error, so every score can be recomputed by hand.
 */
import type { Tensor } from '../../src/linalg/index.js';

export class MeanModel {
  mean = NaN;
  fits = 0;
  /** Rows of X seen by the last fit. */
  rows = 0;
  constructor(readonly offset = 0) {}
  fit(X: Tensor, y?: Tensor): this {
    this.fits++;
    this.rows = X.shape[0]!;
    this.mean = y === undefined ? 0 : y.data.reduce((a, b) => a + b, 0) / y.data.length + this.offset;
    return this;
  }
  /** −(1/n)·Σ(yᵢ − mean)². */
  score(_X: Tensor, y: Tensor): number {
    return -y.data.reduce((a, v) => a + (v - this.mean) ** 2, 0) / y.data.length;
  }
}
