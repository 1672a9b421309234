/**
 * Specs of the norms (EQ-LINALG-02): the chain of inequalities between
 * ‖·‖∞, ‖·‖₂, ‖·‖₁; homogeneity; the triangle inequality; ‖w‖ = 0 iff w = 0;
 * and ‖·‖₂ without overflow or underflow at 1e±200.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { ValueError, add, fromArray, frobenius, norm, norm1, norm2, normInf, scale, zeros } from '../../src/linalg/index.js';
import { assertClose, assertThat, gen, property } from '../harness/index.js';

const vectorAndScalar = gen.tuple(gen.vector([1, 50]), gen.scalar({ min: -1e3, max: 1e3 }));

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
  for (const p of [1, 2, Infinity] as const) {
    assertClose(norm(scale(w, c), p), Math.abs(c) * norm(w, p), { atol: 1e-300, rtol: 1e-14 });
  }
});

property('EQ-LINALG-02 triangle inequality ‖u + v‖ ≤ ‖u‖ + ‖v‖', gen.tuple(gen.integer(1, 30), gen.integer(0, 1e6)), ([d, seed]) => {
  const rng = new Rng(seed);
  const u = gen.vector(d).generate(rng), v = gen.vector(d).generate(rng);
  for (const p of [1, 2, Infinity] as const) {
    assertThat(norm(add(u, v), p) <= (norm(u, p) + norm(v, p)) * (1 + 1e-14), `p = ${p}`);
  }
});

property('EQ-LINALG-02 ‖w‖ = 0 iff w = 0', gen.tuple(gen.integer(1, 20), gen.integer(0, 19)), ([d, i]) => {
  const w = zeros([d]);
  for (const p of [1, 2, Infinity] as const) assert.equal(norm(w, p), 0);
  w.data[i % d] = 1e-300;
  for (const p of [1, 2, Infinity] as const) assertThat(norm(w, p) > 0, `p = ${p} gave 0 for a non-zero vector`);
});

property('EQ-LINALG-02 ‖w‖₂ neither overflows at 1e200 nor underflows at 1e-200', gen.vector([1, 50]), (w) => {
  const expected = norm2(w);
  assertClose(norm2(scale(w, 1e200)), expected * 1e200, { atol: 0, rtol: 1e-14 });
  assertClose(norm2(scale(w, 1e-200)), expected * 1e-200, { atol: 0, rtol: 1e-14 });
});

test('hand-worked: ‖(3, −4)‖₁ = 7, ‖·‖₂ = 5, ‖·‖∞ = 4; Frobenius of [[1, 2], [2, 4]] = 5', () => {
  const w = fromArray([3, -4]);
  assert.deepEqual([norm1(w), norm2(w), normInf(w)], [7, 5, 4]);
  assert.equal(frobenius(fromArray([[1, 2], [2, 4]])), 5);
  assert.equal(norm2(fromArray([1e308, 1e308])), 1e308 * Math.SQRT2);
  assert.equal(norm2(fromArray([Infinity, 1])), Infinity);
  assert.ok(Number.isNaN(norm2(fromArray([1, NaN]))));
  // NaN wins over ∞ in either order; ∞ with finite entries stays ∞.
  assert.ok(Number.isNaN(norm2(fromArray([Infinity, NaN]))));
  assert.ok(Number.isNaN(norm2(fromArray([NaN, Infinity]))));
  assert.equal(norm2(fromArray([Infinity, Infinity, 1])), Infinity);
  assert.ok(Number.isNaN(normInf(fromArray([1, NaN]))));
  assert.throws(() => norm(w, 3), (e: unknown) => e instanceof ValueError && /got 3$/.test(e.message));
  assert.equal(norm(w, Infinity), 4);
});
