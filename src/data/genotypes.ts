/**
 * Genotype matrices of populations with different allele frequencies: the
 * data on which PCA separates populations (and k-means finds them).
 *
 *   ancestral frequency   p_j ~ U[minFrequency, 1 − minFrequency)
 *   population k          p_kj = clip(p_j + √(F·p_j(1 − p_j))·z, 0, 1),  z ~ N(0, 1)
 *   individual i          X_ij = a₁ + a₂,  a ~ Bernoulli(p_{k(i), j}): 0, 1 or 2 copies
 *
 * The population frequencies have mean p_j and variance F·p_j(1 − p_j), the
 * first two moments of the Balding–Nichols model (Beta(p(1 − F)/F,
 * (1 − p)(1 − F)/F)) with fixation index F = `fst`, drawn here from a normal
 * instead of a Beta. Individual i belongs to population i mod K, so every
 * prefix of the rows is balanced. X: n × m, row-major (n = K·perPopulation
 * individuals, m = snps variants).
 */
import { ValueError, assertInstance, assertInteger, assertNumber, assertOptions } from '../errors/index.js';
import { Rng } from '../random/index.js';
import type { Tensor } from '../linalg/index.js';

/** Options of `genotypes`. */
export interface GenotypeOptions {
  /** K populations (default 3). */
  populations?: number;
  /** Individuals per population (default 40). */
  perPopulation?: number;
  /** m variants (default 200). */
  snps?: number;
  /** The fixation index F in [0, 1) (default 0.1): how far populations drift apart. */
  fst?: number;
  /** Ancestral frequencies lie in [minFrequency, 1 − minFrequency) (default 0.05). */
  minFrequency?: number;
}

/**
 * A seeded genotype matrix (see the file comment). Draws, in order: the m
 * ancestral frequencies; for k = 0 … K−1 the m normals of population k;
 * then row by row, two uniform draws per entry (the two alleles). Returns
 * X (n × m, entries 0, 1, 2), y (population of each row), the population
 * frequencies (K × m) and the ancestral ones (m).
 */
export function genotypes(rng: Rng, options?: GenotypeOptions): { X: Tensor; y: Tensor; frequencies: Tensor; ancestral: Tensor } {
  const where = 'genotypes';
  assertInstance(rng, Rng, 'rng', where);
  const o = assertOptions(options, ['populations', 'perPopulation', 'snps', 'fst', 'minFrequency'], where);
  const K = o.populations === undefined ? 3 : assertInteger(o.populations, 'options.populations', where, { min: 1, max: 1024 });
  const per = o.perPopulation === undefined ? 40 : assertInteger(o.perPopulation, 'options.perPopulation', where, { min: 1, max: 2 ** 20 });
  const m = o.snps === undefined ? 200 : assertInteger(o.snps, 'options.snps', where, { min: 1, max: 2 ** 20 });
  const F = o.fst === undefined ? 0.1 : assertNumber(o.fst, 'options.fst', where, { min: 0, max: 1, maxExclusive: true });
  const lo = o.minFrequency === undefined ? 0.05 : assertNumber(o.minFrequency, 'options.minFrequency', where, { min: 0, max: 0.5, maxExclusive: true });
  const n = K * per;
  if (n * m > 2 ** 28) throw new ValueError(`${where}: ${n} individuals × ${m} variants is more than 2²⁸ entries`);
  const ancestral = Float64Array.from({ length: m }, () => rng.uniform(lo, 1 - lo));
  const freq = new Float64Array(K * m);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < m; j++) {
      const p = ancestral[j]!;
      freq[k * m + j] = Math.min(1, Math.max(0, p + Math.sqrt(F * p * (1 - p)) * rng.normal()));
    }
  }
  const X = new Float64Array(n * m), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % K;
    y[i] = k;
    for (let j = 0; j < m; j++) {
      const p = freq[k * m + j]!;
      X[i * m + j] = (rng.uniform() < p ? 1 : 0) + (rng.uniform() < p ? 1 : 0);
    }
  }
  return { X: { shape: [n, m], data: X }, y: { shape: [n], data: y }, frequencies: { shape: [K, m], data: freq }, ancestral: { shape: [m], data: ancestral } };
}
