/**
 * The lectures' seeded data sets: each is reproducible from its seed (the
 * same seed gives the same bits, another seed other data), has the shapes
 * and labels it documents, and follows its generating rule — checked
 * without noise against the curve itself, and with noise statistically
 * (a sample mean within 5 standard errors of its expectation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blobs, circles, genotypes, logicGate, markovFamilies, plantedMotif, polynomialRegression, spirals, twoMoons,
} from '../../src/data/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';

/** Every tensor, typed array and string of a result, flattened to numbers, for a bit-for-bit comparison. */
function numbers(x: unknown): number[] {
  if (typeof x === 'string') return Array.from(x, (c) => c.charCodeAt(0));
  if (typeof x === 'number') return [x];
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  if (Array.isArray(x)) return x.flatMap(numbers);
  if (typeof x === 'object' && x !== null) return Object.values(x).flatMap(numbers);
  return [];
}

const makers: Record<string, (rng: Rng) => unknown> = {
  blobs: (rng) => blobs(rng, { n: 40, k: 3, d: 4 }),
  twoMoons: (rng) => twoMoons(rng, { n: 30 }),
  circles: (rng) => circles(rng, { n: 30 }),
  spirals: (rng) => spirals(rng, { n: 30, classes: 3 }),
  polynomialRegression: (rng) => polynomialRegression(rng, { n: 20 }),
  plantedMotif: (rng) => plantedMotif(rng, { n: 10, length: 30, mutationRate: 0.2 }),
  markovFamilies: (rng) => markovFamilies(rng, { n: 6, length: 40 }),
  genotypes: (rng) => genotypes(rng, { perPopulation: 4, snps: 30 }),
};

for (const [name, make] of Object.entries(makers)) {
  property(`${name} is reproducible from its seed: the same seed gives the same bits, another seed other data`, (rng) => rng.int(0, 2 ** 31), (seed) => {
    const a = numbers(make(new Rng(seed))), b = numbers(make(new Rng(seed)));
    assertSameBits(a, b, name);
    const c = numbers(make(new Rng(seed + 1)));
    assert.ok(c.length !== a.length || c.some((v, i) => !Object.is(v, a[i])), `${name}: seeds ${seed} and ${seed + 1} gave the same data`);
  }, { runs: 10 });
}

/** Row i of an n×2 tensor. */
const point = (X: Tensor, i: number): [number, number] => [X.data[2 * i]!, X.data[2 * i + 1]!];

test('logicGate: the truth tables of AND, OR, XOR and NAND', () => {
  assert.deepEqual(Array.from(logicGate('XOR').X.data), [0, 0, 0, 1, 1, 0, 1, 1]);
  assert.deepEqual(['AND', 'OR', 'XOR', 'NAND'].map((g) => Array.from(logicGate(g as 'AND').y.data)), [[0, 0, 0, 1], [0, 1, 1, 1], [0, 1, 1, 0], [1, 1, 1, 0]]);
});

property('blobs: row i is in class i mod k, and each class mean lies within 5 standard errors of its centre', (rng) => ({ seed: rng.int(0, 1e9), k: rng.int(1, 5), d: rng.int(1, 4) }), ({ seed, k, d }) => {
  const n = 200 * k, std = 0.5;
  const { X, y, centers } = blobs(new Rng(seed), { n, k, d, std });
  assert.deepEqual([X.shape, y.shape, centers.shape], [[n, d], [n], [k, d]]);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let i = c; i < n; i += k) { assert.equal(y.data[i], c); sum += X.data[i * d + j]!; }
      assertClose(sum / 200, centers.data[c * d + j]!, { atol: 5 * std / Math.sqrt(200), rtol: 0 });
    }
  }
}, { runs: 20 });

test('twoMoons, circles and spirals without noise lie exactly on their curves', () => {
  const moons = twoMoons(new Rng(1), { n: 41, noise: 0 });
  for (let i = 0; i < 41; i++) {
    const [a, b] = point(moons.X, i);
    // class 0 on the unit circle's upper half; class 1 on the circle of radius 1 around (1, ½), lower half
    const [cx, cy] = moons.y.data[i] === 0 ? [0, 0] : [1, 0.5];
    assertClose(Math.hypot(a - cx, b - cy), 1, { atol: 1e-15, rtol: 0 });
    assert.ok(moons.y.data[i] === 0 ? b >= 0 : b <= 0.5 + 1e-15);
  }
  const rings = circles(new Rng(1), { n: 40, noise: 0, factor: 0.3 });
  for (let i = 0; i < 40; i++) assertClose(Math.hypot(...point(rings.X, i)), rings.y.data[i] === 0 ? 1 : 0.3, { atol: 1e-15, rtol: 0 });
  const arms = spirals(new Rng(1), { n: 30, classes: 3, noise: 0, turns: 1 });
  for (let i = 0; i < 30; i++) {
    const c = i % 3, j = Math.floor(i / 3), s = (j + 0.5) / 10;
    assert.equal(arms.y.data[i], c);
    assertClose(Math.hypot(...point(arms.X, i)), s, { atol: 1e-15, rtol: 0 });
    const theta = 2 * Math.PI * (s + c / 3);
    assertClose(point(arms.X, i), [s * Math.cos(theta), s * Math.sin(theta)], { atol: 1e-15, rtol: 0 });
  }
});

property('polynomialRegression: x sorted in [low, high), f = Σ c_j x^j, and the noise y − f has mean 0 and std σ within 5 standard errors', (rng) => ({
  seed: rng.int(0, 1e9), c: Array.from({ length: rng.int(1, 5) }, () => rng.normal()), noise: rng.uniform(0.05, 1),
}), ({ seed, c, noise }) => {
  const n = 2000, { X, y, f } = polynomialRegression(new Rng(seed), { n, coefficients: c, noise, low: -2, high: 1 });
  let mean = 0, square = 0;
  for (let i = 0; i < n; i++) {
    const x = X.data[i]!;
    assert.ok(x >= -2 && x < 1 && (i === 0 || x >= X.data[i - 1]!));
    assertClose(f.data[i]!, c.reduce((a, cj, j) => a + cj * x ** j, 0), { atol: 1e-12, rtol: 1e-12 });
    const e = y.data[i]! - f.data[i]!;
    mean += e / n;
    square += (e * e) / n;
  }
  assertClose(mean, 0, { atol: 5 * noise / Math.sqrt(n), rtol: 0 });
  assertClose(Math.sqrt(square), noise, { atol: 5 * noise / Math.sqrt(2 * n), rtol: 0 });
}, { runs: 20 });

property('plantedMotif: round(fraction·n) sequences carry the motif at their position; none is planted elsewhere', (rng) => ({
  seed: rng.int(0, 1e9), n: rng.int(1, 40), length: rng.int(8, 60), fraction: rng.uniform(),
}), ({ seed, n, length, fraction }) => {
  const data = plantedMotif(new Rng(seed), { n, length, fraction, motif: 'tataat' });
  assert.equal(data.motif, 'TATAAT');
  assert.equal(data.y.data.reduce((a, b) => a + b, 0), Math.round(fraction * n));
  data.sequences.forEach((s, i) => {
    assert.match(s, new RegExp(`^[ACGT]{${length}}$`));
    const at = data.positions[i]!;
    assert.equal(at >= 0, data.y.data[i] === 1);
    if (at >= 0) assert.equal(s.slice(at, at + 6), 'TATAAT');
  });
}, { runs: 30 });

test('plantedMotif: each motif base is mutated at rate p, into one of the three other bases', () => {
  const data = plantedMotif(new Rng(7), { n: 2000, length: 20, fraction: 1, mutationRate: 0.25 });
  let changed = 0;
  data.sequences.forEach((s, i) => { for (let t = 0; t < 6; t++) if (s[data.positions[i]! + t] !== 'TATAAT'[t]) changed++; });
  const trials = 2000 * 6, se = Math.sqrt(0.25 * 0.75 / trials);
  assertClose(changed / trials, 0.25, { atol: 5 * se, rtol: 0 });
});

test('markovFamilies: each transition row is a distribution, and a family\'s sequences follow it (counts within 5 standard errors)', () => {
  const F = 2, r = 1, data = markovFamilies(new Rng(3), { n: 40, families: F, order: r, length: 500 });
  const p = data.transitions;
  assert.deepEqual(p.shape, [F, 4, 4]);
  for (let row = 0; row < F * 4; row++) assertClose(p.data.subarray(4 * row, 4 * row + 4).reduce((a, b) => a + b, 0), 1, { atol: 1e-15, rtol: 0 });
  const counts = new Float64Array(F * 16);
  data.sequences.forEach((s, i) => {
    assert.equal(data.y.data[i], i % F);
    for (let t = 1; t < s.length; t++) counts[(i % F) * 16 + 'ACGT'.indexOf(s[t - 1]!) * 4 + 'ACGT'.indexOf(s[t]!)]! += 1;
  });
  for (let row = 0; row < F * 4; row++) {
    const total = counts.subarray(4 * row, 4 * row + 4).reduce((a, b) => a + b, 0);
    for (let b = 0; b < 4; b++) {
      const q = p.data[4 * row + b]!;
      assertClose(counts[4 * row + b]! / total, q, { atol: 5 * Math.sqrt(q * (1 - q) / total) + 1e-12, rtol: 0 });
    }
  }
});

test('genotypes: entries 0, 1, 2 with mean 2p per population, and population frequencies of variance F·p(1 − p) around the ancestral ones', () => {
  const K = 2, per = 400, m = 300, F = 0.1;
  const g = genotypes(new Rng(11), { populations: K, perPopulation: per, snps: m, fst: F });
  assert.deepEqual([g.X.shape, g.y.shape, g.frequencies.shape, g.ancestral.shape], [[K * per, m], [K * per], [K, m], [m]]);
  assert.ok(g.X.data.every((x) => x === 0 || x === 1 || x === 2));
  let z2 = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let i = k; i < K * per; i += K) sum += g.X.data[i * m + j]!;
      const p = g.frequencies.data[k * m + j]!;
      assertClose(sum / (2 * per), p, { atol: 5 * Math.sqrt(p * (1 - p) / (2 * per)) + 1e-12, rtol: 0 });
      const a = g.ancestral.data[j]!, d = p - a;
      z2 += (d * d) / (F * a * (1 - a));
    }
  }
  // Σ z² over K·m standardised drifts ~ K·m (a little less: clipping at 0 and 1), within 5 standard errors √(2Km)
  assertClose(z2, K * m, { atol: 5 * Math.sqrt(2 * K * m), rtol: 0 });
});
