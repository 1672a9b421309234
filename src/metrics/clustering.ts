/**
 * The adjusted Rand index of two partitions (Hubert & Arabie, 1985): how
 * often two labellings agree about pairs of samples, corrected for chance.
 * With the contingency table n_ab = #{i : uᵢ = a, vᵢ = b}, row sums a_a,
 * column sums b_b and C(m) = m(m − 1)/2 pairs,
 *
 *   index    = Σ_ab C(n_ab)
 *   expected = Σ_a C(a_a) · Σ_b C(b_b) / C(n)
 *   maximum  = ½·(Σ_a C(a_a) + Σ_b C(b_b))
 *   ARI      = (index − expected) / (maximum − expected)
 *
 * ARI = 1 exactly when the partitions are the same up to renaming the
 * clusters, about 0 for independent random labellings, and may be negative.
 * When maximum = expected (both labellings put everything in one cluster,
 * or every sample in its own), ARI is 1, as in scikit-learn. Used to
 * compare a clustering with known groups (EQ-UNSUPERVISED-05/06).
 */
import type { Tensor } from '../linalg/index.js';
import { labelPair } from './validate.js';

const pairs = (m: number): number => (m * (m - 1)) / 2;

/** Counts of each distinct value. Internal. */
function tally(keys: Iterable<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/**
 * The adjusted Rand index of two labellings of the same n samples (cluster
 * ids as integers ≥ 0, [n], or one-hot rows); symmetric; 1 iff they agree up
 * to a renaming of the clusters.
 */
export function adjustedRandIndex(labelsA: Tensor, labelsB: Tensor): number {
  const [u, v] = labelPair(labelsA, labelsB, 'adjustedRandIndex');
  const n = u.length;
  if (n < 2) return 1; // one sample: one partition, and no pairs to count
  const joint = tally(Array.from(u, (a, i) => a * 2 ** 21 + v[i]!)); // labels are < 2²⁰, so the key is exact
  let index = 0, sumA = 0, sumB = 0;
  for (const m of joint.values()) index += pairs(m);
  for (const m of tally(u).values()) sumA += pairs(m);
  for (const m of tally(v).values()) sumB += pairs(m);
  const expected = (sumA * sumB) / pairs(n), maximum = (sumA + sumB) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
