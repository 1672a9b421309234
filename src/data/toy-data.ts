/**
 * The small data sets of the lectures' examples, each drawn from an `Rng`
 * so that the same seed gives the same bits (the logic gates need none):
 *
 *   logicGate     AND, OR, XOR, NAND on {0, 1}²: the perceptron's examples
 *   blobs         xᵢ ~ N(μ_{yᵢ}, σ²I), centres μ_c ~ U[−spread, spread)^d
 *   twoMoons      two interleaved half circles: (cos t, sin t) and
 *                 (1 − cos t, ½ − sin t), t evenly spaced in [0, π]
 *   circles       two concentric circles of radii 1 and `factor`
 *   spirals       K arms r = s, θ = 2π·turns·s + 2πc/K, s ∈ (0, 1)
 *   polynomialRegression   y = Σ_j c_j x^j + ε, x ~ U[low, high) sorted,
 *                 ε ~ N(0, noise²)
 *
 * Classification sets put row i in class i mod K, so every prefix of the
 * rows is balanced to ±1 per class; points of the curves are spaced evenly
 * along each class's curve, then every coordinate gets N(0, noise²) noise.
 * Each function documents the order of its draws, so that a result can be
 * reproduced outside the library. X: n × d, row-major; y: n class indices
 * (float64 integers 0 … K−1) or targets.
 */
import { ValueError, assertInstance, assertInteger, assertNumber, assertOneOf, assertOptions } from '../errors/index.js';
import { cos, sin } from '../math/index.js';
import { Rng } from '../random/index.js';
import type { Tensor } from '../linalg/index.js';

/** Features and labels (or regression targets). */
export interface Dataset {
  /** n × d, row-major. */
  readonly X: Tensor;
  /** n class indices, or n targets. */
  readonly y: Tensor;
}

/** The logic gates of the perceptron lecture. */
export type Gate = 'AND' | 'OR' | 'XOR' | 'NAND';

/**
 * The truth table of a logic gate: X = [[0, 0], [0, 1], [1, 0], [1, 1]] and
 * y its outputs (XOR: 0, 1, 1, 0), the examples the perceptron separates
 * (AND, OR, NAND) or cannot (XOR).
 */
export function logicGate(gate: Gate): Dataset {
  const g = assertOneOf(gate, ['AND', 'OR', 'XOR', 'NAND'], 'gate', 'logicGate');
  const out = { AND: [0, 0, 0, 1], OR: [0, 1, 1, 1], XOR: [0, 1, 1, 0], NAND: [1, 1, 1, 0] }[g];
  return { X: { shape: [4, 2], data: Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1) }, y: { shape: [4], data: Float64Array.from(out) } };
}

const checkRng = (rng: unknown, where: string): Rng => assertInstance(rng, Rng, 'rng', where);
const count = (x: unknown, fallback: number, name: string, where: string, min = 1): number =>
  x === undefined ? fallback : assertInteger(x, `options.${name}`, where, { min, max: 2 ** 24 });
const positive = (x: unknown, fallback: number, name: string, where: string): number =>
  x === undefined ? fallback : assertNumber(x, `options.${name}`, where, { min: 0 });

/**
 * Gaussian blobs: k centres μ_c drawn first (k·d uniform draws in
 * [−spread, spread), row by row), then for i = 0 … n−1 the d coordinates
 * of xᵢ = μ_{i mod k} + std·z, z ~ N(0, I). Options: n (300), k (3),
 * d (2), std (1), spread (5). Returns also the centres (k × d).
 */
export function blobs(rng: Rng, options?: { n?: number; k?: number; d?: number; std?: number; spread?: number }): Dataset & { centers: Tensor } {
  const where = 'blobs';
  checkRng(rng, where);
  const o = assertOptions(options, ['n', 'k', 'd', 'std', 'spread'], where);
  const n = count(o.n, 300, 'n', where), k = count(o.k, 3, 'k', where), d = count(o.d, 2, 'd', where, 1);
  const std = positive(o.std, 1, 'std', where), spread = positive(o.spread, 5, 'spread', where);
  if (n * d > 2 ** 28) throw new ValueError(`${where}: n·d = ${n * d} is more than 2²⁸ entries`);
  const mu = new Float64Array(k * d);
  for (let j = 0; j < k * d; j++) mu[j] = rng.uniform(-spread, spread);
  const X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    y[i] = c;
    for (let j = 0; j < d; j++) X[i * d + j] = mu[c * d + j]! + rng.normal(0, std);
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y }, centers: { shape: [k, d], data: mu } };
}

/** Position j of m evenly spaced in [0, 1] (0 when m = 1) (internal). */
const even = (j: number, m: number): number => (m === 1 ? 0 : j / (m - 1));

/**
 * Points along K curves with noise (internal): row i is point j = ⌊i/K⌋ of
 * class c = i mod K, at curve(c, j, m_c) + noise·(z₁, z₂), z drawn in row order.
 */
function curves(rng: Rng, n: number, K: number, noise: number, curve: (c: number, j: number, m: number) => [number, number]): Dataset {
  const X = new Float64Array(2 * n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % K, m = Math.floor((n - 1 - c) / K) + 1;
    const [a, b] = curve(c, Math.floor(i / K), m);
    y[i] = c;
    X[2 * i] = a + rng.normal(0, noise);
    X[2 * i + 1] = b + rng.normal(0, noise);
  }
  return { X: { shape: [n, 2], data: X }, y: { shape: [n], data: y } };
}

/**
 * Two interleaved half moons: class 0 on (cos t, sin t), class 1 on
 * (1 − cos t, ½ − sin t), t = π·j/(m − 1) evenly spaced, plus N(0, noise²)
 * per coordinate (two draws per row, in row order). Not linearly
 * separable; an MLP separates them. Options: n (200), noise (0.1).
 */
export function twoMoons(rng: Rng, options?: { n?: number; noise?: number }): Dataset {
  const where = 'twoMoons';
  checkRng(rng, where);
  const o = assertOptions(options, ['n', 'noise'], where);
  const n = count(o.n, 200, 'n', where), noise = positive(o.noise, 0.1, 'noise', where);
  return curves(rng, n, 2, noise, (c, j, m) => {
    const t = Math.PI * even(j, m);
    return c === 0 ? [cos(t), sin(t)] : [1 - cos(t), 0.5 - sin(t)];
  });
}

/**
 * Two concentric circles: class 0 of radius 1, class 1 of radius `factor`,
 * at angles 2πj/m, plus N(0, noise²) per coordinate (two draws per row).
 * Options: n (200), noise (0.05), factor (0.5, in (0, 1)).
 */
export function circles(rng: Rng, options?: { n?: number; noise?: number; factor?: number }): Dataset {
  const where = 'circles';
  checkRng(rng, where);
  const o = assertOptions(options, ['n', 'noise', 'factor'], where);
  const n = count(o.n, 200, 'n', where), noise = positive(o.noise, 0.05, 'noise', where);
  const factor = o.factor === undefined ? 0.5 : assertNumber(o.factor, 'options.factor', where, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  return curves(rng, n, 2, noise, (c, j, m) => {
    const r = c === 0 ? 1 : factor, t = (2 * Math.PI * j) / m;
    return [r * cos(t), r * sin(t)];
  });
}

/**
 * K interleaved spiral arms: point j of arm c at s = (j + ½)/m, radius
 * r = s and angle θ = 2π·turns·s + 2πc/K, plus N(0, noise²) per coordinate
 * (two draws per row). Options: n (300), classes K (2), turns (1),
 * noise (0.05).
 */
export function spirals(rng: Rng, options?: { n?: number; classes?: number; turns?: number; noise?: number }): Dataset {
  const where = 'spirals';
  checkRng(rng, where);
  const o = assertOptions(options, ['n', 'classes', 'turns', 'noise'], where);
  const n = count(o.n, 300, 'n', where), K = count(o.classes, 2, 'classes', where, 2);
  const turns = positive(o.turns, 1, 'turns', where), noise = positive(o.noise, 0.05, 'noise', where);
  return curves(rng, n, K, noise, (c, j, m) => {
    const s = (j + 0.5) / m, theta = 2 * Math.PI * (turns * s + c / K);
    return [s * cos(theta), s * sin(theta)];
  });
}

/**
 * Noisy polynomial regression: n inputs x ~ U[low, high) drawn first and
 * sorted, then yᵢ = f(xᵢ) + εᵢ, ε ~ N(0, noise²) in sorted order, with
 * f(x) = Σ_j c_j x^j (Horner). X is n × 1; `f` holds the noise-free f(xᵢ).
 * Options: n (30), coefficients c₀, c₁, … ([0, −1, 0, 1]: x³ − x),
 * noise (0.1), low (−1.5), high (1.5).
 */
export function polynomialRegression(
  rng: Rng,
  options?: { n?: number; coefficients?: readonly number[]; noise?: number; low?: number; high?: number },
): Dataset & { f: Tensor } {
  const where = 'polynomialRegression';
  checkRng(rng, where);
  const o = assertOptions(options, ['n', 'coefficients', 'noise', 'low', 'high'], where);
  const n = count(o.n, 30, 'n', where), noise = positive(o.noise, 0.1, 'noise', where);
  const low = o.low === undefined ? -1.5 : assertNumber(o.low, 'options.low', where);
  const high = o.high === undefined ? 1.5 : assertNumber(o.high, 'options.high', where);
  if (!(low < high)) throw new ValueError(`${where}: expected low < high, got low = ${low}, high = ${high}`);
  const raw: unknown = o.coefficients ?? [0, -1, 0, 1];
  if (!Array.isArray(raw) || raw.length === 0) throw new ValueError(`${where}: options.coefficients must be a non-empty array of numbers`);
  const c = (raw as unknown[]).map((x, j) => assertNumber(x, `options.coefficients[${j}]`, where));
  const x = Float64Array.from({ length: n }, () => rng.uniform(low, high)).sort();
  const f = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = c.length - 1; j >= 0; j--) v = v * x[i]! + c[j]!;
    f[i] = v;
    y[i] = v + rng.normal(0, noise);
  }
  return { X: { shape: [n, 1], data: x }, y: { shape: [n], data: y }, f: { shape: [n], data: f } };
}
