/**
 * Specs of the norms (EQ-LINALG-02): the chain of inequalities between
 * ‖·‖∞, ‖·‖₂, ‖·‖₁; homogeneity; the triangle inequality; ‖w‖ = 0 iff w = 0;
 * ‖·‖₂ and the Frobenius norm without overflow or underflow at 1e±200; the
 * entry-wise functions of a tensor of any rank against the vector norms of
 * its flattened entries; the spectral norm on hand-worked matrices (its
 * property against power iteration is in svd.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import {
  ShapeError, add, fromArray, frobenius, maxAbs, norm1, norm2, normInf, randn, reshape, scale, spectralNorm, sumAbs, zeros,
} from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, assertThat, gen, property } from '../harness/index.js';

const vectorAndScalar = gen.tuple(gen.vector([1, 50]), gen.scalar({ min: -1e3, max: 1e3 }));

/** The three vector norms, by the p of ‖·‖_p. */
const NORMS: [string, (x: Tensor) => number][] = [['1', norm1], ['2', norm2], ['∞', normInf]];

property('EQ-LINALG-02 ‖w‖∞ ≤ ‖w‖₂ ≤ ‖w‖₁ ≤ √d‖w‖₂ ≤ d‖w‖∞', gen.vector([1, 50]), (w) => {
  const d = w.data.length, slack = 1 + 1e-14;
  const inf = normInf(w), two = norm2(w), one = norm1(w);
  assertThat(inf <= two * slack, `‖w‖∞ = ${inf} > ‖w‖₂ = ${two}`);
  assertThat(two <= one * slack, `‖w‖₂ = ${two} > ‖w‖₁ = ${one}`);
  assertThat(one <= Math.sqrt(d) * two * slack, `‖w‖₁ = ${one} > √d‖w‖₂ = ${Math.sqrt(d) * two}`);
  assertThat(Math.sqrt(d) * two <= d * inf * slack, `√d‖w‖₂ > d‖w‖∞`);
});

property('EQ-LINALG-02 ‖w‖₂ equals the textbook √(Σwᵢ²) on moderate values', gen.vector([1, 50]), (w) => {
  let s = 0, a = 0, m = 0;
  for (const x of w.data) { s += x * x; a += Math.abs(x); m = Math.max(m, Math.abs(x)); }
  assertClose(norm2(w), Math.sqrt(s), { atol: 0, rtol: 1e-14 });
  assertClose(norm1(w), a, { atol: 0, rtol: 1e-15 });
  assert.equal(normInf(w), m);
});

property('EQ-LINALG-02 homogeneity ‖cw‖ = |c|‖w‖ for p = 1, 2, ∞', vectorAndScalar, ([w, c]) => {
  for (const [p, norm] of NORMS) {
    assertClose(norm(scale(w, c)), Math.abs(c) * norm(w), { atol: 1e-300, rtol: 1e-14 }, `p = ${p}`);
  }
});

property('EQ-LINALG-02 triangle inequality ‖u + v‖ ≤ ‖u‖ + ‖v‖', gen.tuple(gen.integer(1, 30), gen.integer(0, 1e6)), ([d, seed]) => {
  const rng = new Rng(seed);
  const u = gen.vector(d).generate(rng), v = gen.vector(d).generate(rng);
  for (const [p, norm] of NORMS) {
    assertThat(norm(add(u, v)) <= (norm(u) + norm(v)) * (1 + 1e-14), `p = ${p}`);
  }
});

property('EQ-LINALG-02 ‖w‖ = 0 iff w = 0', gen.tuple(gen.integer(1, 20), gen.integer(0, 19)), ([d, i]) => {
  const w = zeros([d]);
  for (const [, norm] of NORMS) assert.equal(norm(w), 0);
  w.data[i % d] = 1e-300;
  for (const [p, norm] of NORMS) assertThat(norm(w) > 0, `p = ${p} gave 0 for a non-zero vector`);
});

property('EQ-LINALG-02 ‖w‖₂ neither overflows at 1e200 nor underflows at 1e-200', gen.vector([1, 50]), (w) => {
  const expected = norm2(w);
  assertClose(norm2(scale(w, 1e200)), expected * 1e200, { atol: 0, rtol: 1e-14 });
  assertClose(norm2(scale(w, 1e-200)), expected * 1e-200, { atol: 0, rtol: 1e-14 });
});

/** A tensor of rank 0 to 4 with dimensions 0 to 4 (empty ones included). */
const anyTensor = (rng: Rng) => randn(Array.from({ length: rng.int(0, 5) }, () => rng.int(0, 5)), rng, 0, 10);

property('frobenius, sumAbs and maxAbs of a tensor of any rank are ‖·‖₂, ‖·‖₁, ‖·‖∞ of its entries as one vector', anyTensor, (t) => {
  const flat = reshape(t, [t.data.length]);
  assert.equal(frobenius(t), norm2(flat));
  assert.equal(sumAbs(t), norm1(flat));
  assert.equal(maxAbs(t), normInf(flat));
  // and against the plain loops, with a scaled Frobenius norm at 1e±200
  let s = 0, a = 0;
  for (const x of t.data) { s += x * x; a += Math.abs(x); }
  assertClose(frobenius(t), Math.sqrt(s), { atol: 0, rtol: 1e-14 });
  assertClose(sumAbs(t), a, { atol: 0, rtol: 1e-14 });
  assertClose(frobenius(scale(t, 1e200)), Math.sqrt(s) * 1e200, { atol: 0, rtol: 1e-14 });
  assertClose(frobenius(scale(t, 1e-200)), Math.sqrt(s) * 1e-200, { atol: 0, rtol: 1e-14 });
});

test('hand-worked: ‖(3, −4)‖₁ = 7, ‖·‖₂ = 5, ‖·‖∞ = 4; the entry-wise functions of [[1, 2], [2, −4]]; NaN and ∞', () => {
  const w = fromArray([3, -4]);
  assert.deepEqual([norm1(w), norm2(w), normInf(w)], [7, 5, 4]);
  const A = fromArray([[1, 2], [2, -4]]);
  assert.deepEqual([frobenius(A), sumAbs(A), maxAbs(A)], [5, 9, 4]);
  assert.deepEqual([frobenius(zeros([0, 3])), sumAbs(zeros([0])), maxAbs(zeros([2, 0]))], [0, 0, 0]);
  assert.equal(norm2(fromArray([1e308, 1e308])), 1e308 * Math.SQRT2);
  assert.equal(norm2(fromArray([Infinity, 1])), Infinity);
  assert.ok(Number.isNaN(norm2(fromArray([1, NaN]))));
  // NaN wins over ∞ in either order; ∞ with finite entries stays ∞.
  assert.ok(Number.isNaN(norm2(fromArray([Infinity, NaN]))));
  assert.ok(Number.isNaN(norm2(fromArray([NaN, Infinity]))));
  assert.equal(norm2(fromArray([Infinity, Infinity, 1])), Infinity);
  assert.ok(Number.isNaN(normInf(fromArray([1, NaN]))));
  assert.ok(Number.isNaN(maxAbs(fromArray([[NaN, 1], [2, 3]]))));
});

test('the vector norms take a vector; another rank is a ShapeError that names the entry-wise functions', () => {
  for (const [p, norm] of NORMS) {
    for (const t of [fromArray([[1, 2], [3, 4]]), zeros([]), zeros([2, 2, 2])]) {
      assert.throws(() => norm(t), (e: unknown) =>
        e instanceof ShapeError && e.message.startsWith(`norm${p === '∞' ? 'Inf' : p}: x must be a vector (rank 1)`) &&
        /frobenius\(t\), sumAbs\(t\) or maxAbs\(t\)/.test(e.message) && /spectralNorm\(A\)/.test(e.message));
    }
  }
});

test('spectralNorm: ‖A‖₂ = σ₁ on hand-worked matrices, unlike the Frobenius norm', () => {
  // diag(3, −4): σ = (4, 3), so ‖A‖₂ = 4 while ‖A‖_F = 5.
  assert.equal(spectralNorm(fromArray([[3, 0], [0, -4]])), 4);
  // [[1, 1], [1, 1]] = 2·(u uᵀ) with u = (1, 1)/√2: rank 1, σ₁ = 2, ‖A‖_F = 2 as well.
  assertClose(spectralNorm(fromArray([[1, 1], [1, 1]])), 2, { atol: 0, rtol: 4e-16 });
  // A row (1, 2, 2): σ₁ = ‖(1, 2, 2)‖₂ = 3, and a column likewise.
  assertClose(spectralNorm(fromArray([[1, 2, 2]])), 3, { atol: 0, rtol: 4e-16 });
  assertClose(spectralNorm(fromArray([[1], [2], [2]])), 3, { atol: 0, rtol: 4e-16 });
  assert.equal(spectralNorm(zeros([0, 3])), 0);
  assert.equal(spectralNorm(zeros([2, 2])), 0);
  assert.ok(Number.isNaN(spectralNorm(fromArray([[1, NaN], [Infinity, 0]]))));
  assert.equal(spectralNorm(fromArray([[1, -Infinity], [0, 0]])), Infinity);
  assert.throws(() => spectralNorm(fromArray([3, 4])), (e: unknown) => e instanceof ShapeError && /^spectralNorm: A must be a matrix/.test(e.message));
});
