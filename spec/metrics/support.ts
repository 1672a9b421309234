/**
 * Helpers of the metrics specs: random labels and scores (with ties on
 * purpose), and counts written out by plain loops that do not use the
 * library.
 */
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';

/** A vector [n] from plain numbers. */
export const vec = (values: ArrayLike<number>): Tensor => ({ shape: [values.length], data: Float64Array.from(values) });

/** n labels in {0 … K−1}. */
export const labels = (rng: Rng, n: number, K: number): Tensor => vec(Array.from({ length: n }, () => rng.int(0, K)));

/** n binary labels with both classes present (n ≥ 2): two random distinct entries are set to 1 and 0. */
export function binaryLabels(rng: Rng, n: number): Tensor {
  const y = Array.from({ length: n }, () => rng.int(0, 2));
  const [i = 0, j = 1] = rng.sample(n, 2);
  y[i] = 1;
  y[j] = 0;
  return vec(y);
}

/** n scores drawn from a few levels (so ties are common), or continuous. */
export const scores = (rng: Rng, n: number): Tensor =>
  rng.next() < 0.5 ? vec(Array.from({ length: n }, () => rng.int(0, 5) / 4)) : vec(Array.from({ length: n }, () => rng.normal()));

/** TP, FP, FN, TN of class c taken as positive, by one loop. */
export function counts(yTrue: Tensor, yPred: Tensor, c: number): { tp: number; fp: number; fn: number; tn: number } {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < yTrue.data.length; i++) {
    const t = yTrue.data[i] === c, p = yPred.data[i] === c;
    if (t && p) tp++;
    else if (p) fp++;
    else if (t) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

/** The Mann–Whitney probability P(s⁺ > s⁻) + ½P(s⁺ = s⁻) over all pairs, by brute force. */
export function mannWhitney(y: Tensor, s: Tensor): number {
  let wins = 0, pairs = 0;
  for (let i = 0; i < y.data.length; i++) {
    if (y.data[i] !== 1) continue;
    for (let j = 0; j < y.data.length; j++) {
      if (y.data[j] !== 0) continue;
      pairs++;
      const a = s.data[i]!, b = s.data[j]!;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return wins / pairs;
}
