/**
 * Specs of the seeded generator: the bit stream against a second, BigInt
 * implementation of xoshiro128** and against the published outputs from
 * state [1, 2, 3, 4]; the jump against a state computed independently (the
 * GF(2) transition matrix raised to 2⁶⁴); the moments of uniform and normal draws
 * within 4 standard errors; chi-square over buckets for integers and
 * weighted choice; shuffles and samples are permutations and distinct
 * indices (the dense and sparse samplers agree); fork gives uncorrelated
 * streams; state round-trips. Wide integer ranges: int-wide.test.ts; seeds:
 * seed.test.ts; bad arguments: contracts.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { sampleDense, sampleSparse, scaleUnit } from '../../src/random/draws.js';
import { assertThat, gen, property } from '../harness/index.js';
import { chiSquare, chiSquareCritical, referenceStream } from './support.js';

property('the bit stream equals a BigInt implementation of xoshiro128**', gen.integer(0, 2 ** 40), (seed) => {
  const rng = new Rng(seed);
  const start = rng.state();
  const expected = referenceStream(start, 64);
  const actual = Array.from({ length: 64 }, () => rng.nextUint32());
  assert.deepEqual(actual, expected);
}, { runs: 30 });

test('xoshiro128** from state [1, 2, 3, 4] gives the published outputs 11520, 0, 5927040, 70819200, 2031721883', () => {
  const published = [11520, 0, 5927040, 70819200, 2031721883];
  assert.deepEqual(referenceStream([1, 2, 3, 4], 5), published);
  const rng = Rng.fromState([1, 2, 3, 4]);
  assert.deepEqual(Array.from({ length: 5 }, () => rng.nextUint32()), published);
});

test('fork: the parent jumps 2⁶⁴ steps, to the state given by the GF(2) transition matrix to the 2⁶⁴', () => {
  const start = [123456789, 362436069, 521288629, 88675123];
  const parent = Rng.fromState(start);
  const child = parent.fork();
  assert.deepEqual(child.state(), start);
  assert.deepEqual(parent.state(), [4287004030, 3759927380, 3121823745, 3885931440]);
});

test('the same seed gives the same sequence; seeds 1, 2 differ; state() and fromState restore a stream', () => {
  const draw = (rng: Rng): number[] => [rng.next(), rng.normal(), rng.int(0, 1000), ...rng.permutation(5)];
  assert.deepEqual(draw(new Rng(17)), draw(new Rng(17)));
  assert.notDeepEqual(draw(new Rng(1)), draw(new Rng(2)));
  const rng = new Rng(99);
  rng.next();
  const saved = JSON.parse(JSON.stringify(rng.state())) as number[];
  const restored = Rng.fromState(saved);
  assert.deepEqual(draw(restored), draw(rng));
  assert.notDeepEqual(new Rng(2 ** 40).state(), new Rng(0).state(), 'the high bits of the seed count');
});

test('uniform: mean 1/2 and variance 1/12 within 4 standard errors; values in [0, 1)', () => {
  const rng = new Rng(2024);
  const n = 200_000;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    assertThat(u >= 0 && u < 1, `u = ${u} is outside [0, 1)`);
    s += u; s2 += u * u;
  }
  const mean = s / n, variance = s2 / n - mean * mean;
  assertThat(Math.abs(mean - 0.5) < 4 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
  // Var of (u − 1/2)² is 1/180 for a uniform u.
  assertThat(Math.abs(variance - 1 / 12) < 4 * Math.sqrt(1 / 180 / n), `variance ${variance}`);
  const scaled = new Rng(1).uniform(-3, 5);
  assertThat(scaled >= -3 && scaled < 5, `uniform(-3, 5) gave ${scaled}`);
});

test('uniform stays below high where low + (high − low)·u rounds up to it', () => {
  const uMax = 1 - 2 ** -53; // the largest value next() can return
  const high = 1 + 2 ** -52;
  assert.equal(1 + (high - 1) * uMax, high, 'the unguarded formula reaches high');
  assert.equal(scaleUnit(uMax, 1, high), 1, 'the largest double below 1 + 2⁻⁵² is 1');
  // −2 + (1 − 2⁻⁵³) = −1 − 2⁻⁵³ ties to −1 = high; the largest double below −1 is −1 − 2⁻⁵².
  assert.equal(scaleUnit(uMax, -2, -1), -1 - 2 ** -52);
  assert.equal(scaleUnit(0.5, -1, 0), -0.5);
  assert.equal(scaleUnit(uMax, -(2 ** -1074), 0), -(2 ** -1074), 'below 0 is −MIN_VALUE');
  assert.equal(scaleUnit(uMax, 3, 3), 3, 'low = high gives low');
  assert.equal(new Rng(4).uniform(3, 3), 3);
  // A span past the largest double: the result is finite and inside [low, high).
  for (const u of [0, 0.25, uMax]) {
    const x = scaleUnit(u, -1e308, 1e308);
    assertThat(Number.isFinite(x) && x >= -1e308 && x < 1e308, `u = ${u} gave ${x}`);
  }
  assert.equal(scaleUnit(0.5, -1e308, 1e308), 0);
});

test('normal: mean μ and variance σ² within 4 standard errors; kurtosis near 3', () => {
  const rng = new Rng(7);
  const n = 200_000, mu = 2, sigma = 3;
  let s = 0, s2 = 0, s4 = 0;
  const z: number[] = [];
  for (let i = 0; i < n; i++) z.push(rng.normal(mu, sigma));
  for (const x of z) s += x;
  const mean = s / n;
  for (const x of z) { s2 += (x - mean) ** 2; s4 += (x - mean) ** 4; }
  const variance = s2 / n, kurtosis = s4 / n / variance ** 2;
  assertThat(Math.abs(mean - mu) < 4 * sigma / Math.sqrt(n), `mean ${mean}`);
  // For a normal, Var(s²) = 2σ⁴/n.
  assertThat(Math.abs(variance - sigma ** 2) < 4 * Math.sqrt(2 * sigma ** 4 / n), `variance ${variance}`);
  // The sample kurtosis of a normal has standard error √(24/n).
  assertThat(Math.abs(kurtosis - 3) < 4 * Math.sqrt(24 / n), `kurtosis ${kurtosis}`);
});

test('int: chi-square over 10 buckets stays below the p = 1e-4 critical value; bounds respected', () => {
  const rng = new Rng(3);
  const k = 10, n = 100_000;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) counts[rng.int(0, k)]! += 1;
  assertThat(chiSquare(counts, counts.map(() => n / k)) < chiSquareCritical(k - 1), `counts ${counts}`);
  // A range wider than 2³² goes through the 53-bit path.
  for (let i = 0; i < 1000; i++) {
    const x = rng.int(-(2 ** 40), 2 ** 40);
    assertThat(Number.isInteger(x) && x >= -(2 ** 40) && x < 2 ** 40, `wide int ${x}`);
  }
  assert.equal(rng.int(5, 6), 5);
  // Exactly 2⁵³ is the widest range allowed.
  const x = rng.int(-(2 ** 52), 2 ** 52);
  assertThat(Number.isInteger(x) && x >= -(2 ** 52) && x < 2 ** 52, `int over 2⁵³ gave ${x}`);
});

test('int: the rejection step removes the modulo bias (range 3·2³⁰, chi-square over thirds)', () => {
  // 2³² = 4·2³⁰, so a bare x mod 3·2³⁰ would put the lowest third at probability 1/2.
  const rng = new Rng(30);
  const third = 2 ** 30, n = 30_000;
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) counts[Math.floor(rng.int(0, 3 * third) / third)]! += 1;
  assertThat(chiSquare(counts, [n / 3, n / 3, n / 3]) < chiSquareCritical(2), `counts ${counts}`);
});

test('choice: weighted draws match the weights by chi-square; zero weights are never drawn', () => {
  const rng = new Rng(8);
  const weights = [1, 0, 3, 6];
  const n = 100_000;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) counts[rng.choice(weights)]! += 1;
  assert.equal(counts[1], 0);
  const positive = [0, 2, 3];
  const stat = chiSquare(positive.map((i) => counts[i]!), positive.map((i) => (n * weights[i]!) / 10));
  assertThat(stat < chiSquareCritical(2), `counts ${counts}`);
});

test('choice: weights that sum past the largest double still give both indices, half each', () => {
  const rng = new Rng(9);
  const n = 200;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (rng.choice([1e308, 1e308]) === 0) zeros++;
  assertThat(zeros > 0 && zeros < n, `index 0 drawn ${zeros} of ${n} times`);
  // The proportion of index 0 is 1/2 within 4 standard errors √(¼/n).
  assertThat(Math.abs(zeros / n - 0.5) < 4 * Math.sqrt(0.25 / n), `proportion ${zeros / n}`);
});

property('shuffle and permutation give permutations of their input', gen.integer(0, 60), (n) => {
  const rng = new Rng(n);
  const items = Array.from({ length: n }, (_, i) => `item${i}`);
  const before = [...items];
  const shuffled = rng.shuffle(items);
  assert.deepEqual([...shuffled].sort(), [...items].sort());
  assert.deepEqual(items, before, 'the input is unchanged');
  const p = Array.from(rng.permutation(n)).sort((a, b) => a - b);
  assert.deepEqual(p, Array.from({ length: n }, (_, i) => i));
});

test('shuffle: every position is uniform over the items (chi-square)', () => {
  const rng = new Rng(12);
  const n = 5, trials = 50_000;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0)); // counts[item][position]
  for (let t = 0; t < trials; t++) rng.permutation(n).forEach((item, position) => { counts[item]![position]! += 1; });
  for (const row of counts) assertThat(chiSquare(row, row.map(() => trials / n)) < chiSquareCritical(n - 1), `row ${row}`);
});

property('sample(n, k) gives k distinct indices in [0, n)', gen.tuple(gen.integer(0, 200), gen.integer(0, 200)), ([n, k]) => {
  const size = Math.min(n, k);
  const picked = Array.from(new Rng(n * 1000 + k).sample(n, size));
  assert.equal(picked.length, size);
  assert.equal(new Set(picked).size, size);
  for (const i of picked) assertThat(Number.isInteger(i) && i >= 0 && i < n, `index ${i} outside [0, ${n})`);
});

test('sample: each index is drawn with probability k/n', () => {
  const rng = new Rng(21);
  const n = 8, k = 3, trials = 40_000;
  const counts = new Array<number>(n).fill(0);
  for (let t = 0; t < trials; t++) for (const i of rng.sample(n, k)) counts[i]! += 1;
  assertThat(chiSquare(counts, counts.map(() => (trials * k) / n)) < chiSquareCritical(n - 1), `counts ${counts}`);
});

test('fork: the child continues the parent stream, the parent jumps; streams are uncorrelated', () => {
  const parent = new Rng(5);
  const before = parent.state();
  const child = parent.fork();
  assert.deepEqual(child.state(), before);
  assert.notDeepEqual(parent.state(), before);
  const n = 50_000;
  let sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const x = parent.next(), y = child.next();
    sx += x; sy += y; sxy += x * y; sxx += x * x; syy += y * y;
  }
  const r = (sxy - (sx * sy) / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
  assertThat(Math.abs(r) < 4 / Math.sqrt(n), `correlation ${r}`);
});

test('sample: the dense and the sparse partial Fisher–Yates give the same indices from the same state', () => {
  for (const [n, k] of [[10, 10], [50, 3], [1000, 999], [7, 0], [1, 1]] as const) {
    const start = new Rng(n * 31 + k).state();
    const dense = sampleDense(Uint32Array.from(start), new Int32Array(n), new Int32Array(k));
    const sparse = sampleSparse(Uint32Array.from(start), n, new Int32Array(k));
    assert.deepEqual(Array.from(sparse), Array.from(dense), `n = ${n}, k = ${k}`);
    // And Rng.sample (which picks one of them by n and k) draws the same.
    assert.deepEqual(Array.from(Rng.fromState(start).sample(n, k)), Array.from(dense));
  }
});
