/**
 * Generators (arbitraries) for the property harness.
 *
 *   scalar      finite numbers, mixing the edge values 0, ±1e-300, ±1, ±1e3, ±1e100
 *               with Gaussian draws at several scales
 *   vector      length n (fixed or drawn), Gaussian entries
 *   matrix      m×n (fixed or drawn) Gaussian entries
 *   symmetric   (G + Gᵀ)/2                  spd      GᵀG + n·I
 *   orthogonal  Q of a Gram–Schmidt QR of a Gaussian matrix (QᵀQ = I)
 *   rankDeficient  B·C with B: m×r, C: r×n, r < min(m, n) (r = 0, the zero
 *               matrix, when min(m, n) = 1)
 *   illConditioned U·diag(σ)·Vᵀ with σ log-spaced from 1 down to 1/κ (κ = 1e10)
 *
 * The matrix generators build their products with their own loops, not with
 * the library, so that specs compare the library against an independent route.
 */
import { Rng } from '../../src/random/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Arbitrary } from './property.js';

export const EDGE_VALUES = [0, 1e-300, -1e-300, 1, -1, 1e3, -1e3, 1e100, -1e100];

/** Candidates smaller than x: 0, then x with fewer digits, then x/2. */
function* shrinkNumber(x: number): Iterable<number> {
  if (x === 0) return;
  yield 0;
  const rounded = Math.trunc(x);
  if (rounded !== x) yield rounded;
  if (Math.abs(x) > 1e-6) yield x / 2;
}

/** Shrink a Float64Array by shrinking one entry at a time. */
function* shrinkEntries(values: Float64Array): Iterable<Float64Array> {
  for (let i = 0; i < values.length; i++) {
    for (const smaller of shrinkNumber(values[i]!)) {
      const copy = values.slice();
      copy[i] = smaller;
      yield copy;
    }
  }
}

export interface ScalarOptions {
  /** Probability of drawing one of the edge values (default 0.2). */
  edgeProbability?: number;
  /** Edge values to draw from (default EDGE_VALUES). */
  edges?: readonly number[];
  /** Restrict to [min, max] (edges outside are skipped). */
  min?: number;
  max?: number;
}

/** Finite scalars with the edge values mixed in. */
export function scalar(options: ScalarOptions = {}): Arbitrary<number> {
  const min = options.min ?? -Infinity, max = options.max ?? Infinity;
  const edges = (options.edges ?? EDGE_VALUES).filter((e) => e >= min && e <= max);
  const p = options.edgeProbability ?? 0.2;
  return {
    generate(rng) {
      if (edges.length > 0 && rng.next() < p) return edges[rng.int(0, edges.length)]!;
      if (Number.isFinite(min) && Number.isFinite(max)) return rng.uniform(min, max);
      const scale = 10 ** rng.int(-3, 4);
      const x = rng.normal(0, scale);
      return Math.min(max, Math.max(min, x));
    },
    *shrink(x) {
      for (const s of shrinkNumber(x)) if (s >= min && s <= max) yield s;
    },
  };
}

/** Integers in [low, high] inclusive, shrinking toward low. */
export function integer(low: number, high: number): Arbitrary<number> {
  return {
    generate: (rng) => rng.int(low, high + 1),
    *shrink(x) {
      if (x > low) yield low;
      if (x - 1 > low) yield Math.floor((x + low) / 2);
    },
  };
}

/** A size: a fixed number, or a range [low, high] to draw from. */
export type Size = number | readonly [number, number];

function drawSize(size: Size, rng: Rng): number {
  return typeof size === 'number' ? size : rng.int(size[0], size[1] + 1);
}

function tensorArbitrary(draw: (rng: Rng) => Tensor): Arbitrary<Tensor> {
  return {
    generate: draw,
    *shrink(t) {
      for (const data of shrinkEntries(t.data)) yield { shape: t.shape, data };
    },
  };
}

/** Vectors of length n with N(0, std²) entries. */
export function vector(n: Size, std = 1): Arbitrary<Tensor> {
  return tensorArbitrary((rng) => {
    const len = drawSize(n, rng);
    return { shape: [len], data: gaussian(1, len, rng, std).data };
  });
}

/** m×n matrices with N(0, std²) entries. */
export function matrix(m: Size, n: Size, std = 1): Arbitrary<Tensor> {
  return tensorArbitrary((rng) => gaussian(drawSize(m, rng), drawSize(n, rng), rng, std));
}

/** An m×n Gaussian matrix (helper). */
export function gaussian(m: number, n: number, rng: Rng, std = 1): Tensor {
  const data = new Float64Array(m * n);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(0, std);
  return { shape: [m, n], data };
}

/** C = AB by the plain triple loop (the harness's own product). */
export function referenceMatmul(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[0]!, k = a.shape[1]!, n = b.shape[1]!;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.data[i * k + p]! * b.data[p * n + j]!;
      data[i * n + j] = s;
    }
  }
  return { shape: [m, n], data };
}

/** Aᵀ by a plain loop (the harness's own transpose). */
export function referenceTranspose(a: Tensor): Tensor {
  const m = a.shape[0]!, n = a.shape[1]!;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[j * m + i] = a.data[i * n + j]!;
  return { shape: [n, m], data };
}

/** Symmetric n×n: (G + Gᵀ)/2. */
export function symmetric(n: Size): Arbitrary<Tensor> {
  return {
    generate(rng) {
      const size = drawSize(n, rng);
      const g = gaussian(size, size, rng);
      const data = new Float64Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) data[i * size + j] = (g.data[i * size + j]! + g.data[j * size + i]!) / 2;
      return { shape: [size, size], data };
    },
  };
}

/** Symmetric positive definite n×n: GᵀG + n·I. */
export function spd(n: Size): Arbitrary<Tensor> {
  return {
    generate(rng) {
      const size = drawSize(n, rng);
      const g = gaussian(size, size, rng);
      const a = referenceMatmul(referenceTranspose(g), g);
      for (let i = 0; i < size; i++) a.data[i * size + i]! += size;
      return a;
    },
  };
}

/**
 * The m×n matrix Q with orthonormal columns (n ≤ m) from modified Gram–Schmidt,
 * applied twice for float64-level orthogonality, on a Gaussian matrix.
 */
export function orthonormalColumns(m: number, n: number, rng: Rng): Tensor {
  const g = gaussian(m, n, rng);
  const q = g.data;
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let r = 0;
        for (let i = 0; i < m; i++) r += q[i * n + p]! * q[i * n + j]!;
        for (let i = 0; i < m; i++) q[i * n + j]! -= r * q[i * n + p]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[i * n + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) q[i * n + j]! /= norm;
  }
  return g;
}

/** Square orthogonal n×n matrices. */
export function orthogonal(n: Size): Arbitrary<Tensor> {
  return { generate: (rng) => { const size = drawSize(n, rng); return orthonormalColumns(size, size, rng); } };
}

/** U·diag(σ)·Vᵀ for given singular values σ (length ≤ min(m, n)). */
export function withSingularValues(m: number, n: number, sigma: readonly number[], rng: Rng): Tensor {
  const r = sigma.length;
  const u = orthonormalColumns(m, r, rng), v = orthonormalColumns(n, r, rng);
  for (let i = 0; i < m; i++) for (let p = 0; p < r; p++) u.data[i * r + p]! *= sigma[p]!;
  return referenceMatmul(u, referenceTranspose(v));
}

/**
 * m×n matrices of rank r: B·C, B: m×r, C: r×n. A given r is used as is; a
 * drawn r is uniform on 1 … min(m, n) − 1, or r = 0 (the zero matrix) when
 * min(m, n) ≤ 1, so that r < min(m, n) whenever min(m, n) ≥ 1.
 */
export function rankDeficient(m: Size, n: Size, rank?: Size): Arbitrary<Tensor & { rank: number }> {
  return {
    generate(rng) {
      const rows = drawSize(m, rng), cols = drawSize(n, rng);
      const short = Math.min(rows, cols);
      const r = rank !== undefined ? drawSize(rank, rng) : short <= 1 ? 0 : rng.int(1, short);
      const product = referenceMatmul(gaussian(rows, r, rng), gaussian(r, cols, rng));
      return { ...product, rank: r };
    },
  };
}

/** m×n matrices with condition number κ (default 1e10): σ log-spaced from 1 to 1/κ. */
export function illConditioned(m: Size, n: Size, kappa = 1e10): Arbitrary<Tensor> {
  return {
    generate(rng) {
      const rows = drawSize(m, rng), cols = drawSize(n, rng);
      const r = Math.min(rows, cols);
      const sigma = Array.from({ length: r }, (_, i) => (r === 1 ? 1 : kappa ** (-i / (r - 1))));
      return withSingularValues(rows, cols, sigma, rng);
    },
  };
}

/** A tuple of independent arbitraries; shrinks one component at a time. */
export function tuple<T extends unknown[]>(...parts: { [K in keyof T]: Arbitrary<T[K]> }): Arbitrary<T> {
  return {
    generate: (rng) => parts.map((p) => p.generate(rng)) as T,
    *shrink(value) {
      for (let i = 0; i < parts.length; i++) {
        const shrink = parts[i]!.shrink;
        if (!shrink) continue;
        for (const smaller of shrink(value[i])) {
          const copy = [...value] as T;
          copy[i] = smaller;
          yield copy;
        }
      }
    },
  };
}

/** One of the given constants. */
export function oneOf<T>(...values: T[]): Arbitrary<T> {
  return { generate: (rng) => values[rng.int(0, values.length)]! };
}
