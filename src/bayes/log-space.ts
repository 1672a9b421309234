/**
 * Normalising log-scores: the lecture's "softmax" of the relative posterior
 * (EQ-BAYES-04), done where it is correct and safe.
 *
 *   z_k = log P(c_k) + Σ_j log P(f_j | c_k)         (log relative posterior, EQ-BAYES-03/07)
 *   log P(c_k | f) = z_k − LSE(z),   LSE(z) = log Σ_k e^{z_k}
 *   P(c_k | f) = softmax(z)_k = e^{z_k} / Σ_j e^{z_j}
 *
 * The softmax gives the posterior only when applied to the *log* scores
 * z_k: e^{z_k} is then the relative posterior itself. Applied to the
 * relative posteriors s_k = e^{z_k} directly, softmax(s) ≠ s/Σs
 * (s = [0.02, 0.01] gives [0.5025, 0.4975], not [0.667, 0.333]).
 *
 * The sum is computed stably: LSE(z) = m + log Σ_k e^{z_k − m} with
 * m = max_k z_k, so the largest term is e⁰ = 1 and nothing overflows, and
 * tiny posteriors are not lost to underflow as they would be in the
 * product Π_j P(f_j | c_k) (2000 factors of 10⁻³ are 0 in float64; their
 * log is −13815.5). A class with z_k = −∞ (impossible) gets probability 0.
 */
import { exp, log } from '../math/index.js';

/**
 * LSE(z) = log Σ_k e^{z_k} of row z[offset … offset+K−1], as m + log Σ e^{z_k − m}
 * with m the row's maximum; −∞ when every z_k = −∞. Internal: assumes no NaN and no +∞.
 */
export function logSumExp(z: ArrayLike<number>, offset: number, K: number): number {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[offset + k]! > m) m = z[offset + k]!;
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < K; k++) s += exp(z[offset + k]! - m);
  return m + log(s);
}

/**
 * Turn each row of the n×K log-scores `z` into log-posteriors in place,
 * z_k ← z_k − LSE(z). Returns the index of the first row whose scores are
 * all −∞ (no class can explain it), or −1 when every row was normalised.
 * Internal: assumes no NaN and no +∞.
 */
export function logNormaliseRowsInto(z: Float64Array, n: number, K: number): number {
  for (let i = 0; i < n; i++) {
    const lse = logSumExp(z, i * K, K);
    if (lse === -Infinity) return i;
    for (let k = 0; k < K; k++) z[i * K + k] = z[i * K + k]! - lse;
  }
  return -1;
}

/**
 * Turn each row of the n×K log-scores `z` into probabilities in place,
 * e^{z_k − m} / Σ_j e^{z_j − m} with m the row's maximum (the softmax,
 * shifted so that nothing overflows; dividing once rounds better than
 * exponentiating z_k − LSE, so equal scores give exactly 1/K). Returns the
 * first row whose scores are all −∞, or −1. Internal: assumes no NaN and no +∞.
 */
export function softmaxRowsInto(z: Float64Array, n: number, K: number): number {
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) if (z[i * K + k]! > m) m = z[i * K + k]!;
    if (m === -Infinity) return i;
    let s = 0;
    for (let k = 0; k < K; k++) {
      const e = exp(z[i * K + k]! - m);
      z[i * K + k] = e;
      s += e;
    }
    for (let k = 0; k < K; k++) z[i * K + k] = z[i * K + k]! / s;
  }
  return -1;
}
