/**
 * Specs of Householder QR (thin and full), lstsq, and orthogonal matrices
 * (EQ-LINALG-07).
 *
 * Q·R is rebuilt with the harness's triple loop; Householder QR is backward
 * stable, so ‖QR − A‖_F ≤ 1e-12‖A‖_F up to 12×12 and 1e-10‖A‖_F at 100.
 * Independent routes: the harness's own Gram–Schmidt (twice) for Q, the
 * normal equations AᵀA·x = Aᵀb (solved by Cholesky) for lstsq, and
 * x = Aᵀ(AAᵀ)⁻¹b for the minimum-norm solution.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import {
  ShapeError, SingularMatrixError, ValueError, choleskySolve, det, fromArray, inv, lstsq, qr, solve, zeros,
} from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import {
  assertAtMost, assertTriangular, assertUnchanged, dims, distance, fro, identity, mixedMatrix, orthogonalityError, snapshot,
} from './decomposition-helpers.js';

const t = gen.referenceTranspose, mm = gen.referenceMatmul;

function checkQR(a: Tensor, mode: 'thin' | 'full', tolerance: number): void {
  const [m, n] = dims(a), p = Math.min(m, n);
  const { Q, R } = qr(a, { mode });
  const rows = mode === 'full' ? m : p;
  assert.deepEqual(Q.shape, [m, rows]);
  assert.deepEqual(R.shape, [rows, n]);
  assertTriangular(R, false, 'R');
  for (let k = 0; k < p; k++) assert.ok(R.data[k * n + k]! >= 0, `diag(R) ≥ 0, got r[${k}, ${k}] = ${R.data[k * n + k]}`);
  assertAtMost(orthogonalityError(Q), tolerance, '‖QᵀQ − I‖_F');
  assertAtMost(distance(mm(Q, R), a), tolerance * fro(a), '‖QR − A‖_F');
}

property('QR thin: A = QR (1e-12‖A‖_F), QᵀQ = I, R upper with diag(R) ≥ 0; m ≥ n and m < n, rank-deficient, κ = 1e10',
  mixedMatrix([1, 12], [1, 12]), (a) => checkQR(a, 'thin', 1e-12), { runs: 80 });

property('QR full: Q m×m orthogonal, R m×n upper, A = QR (1e-12‖A‖_F)',
  mixedMatrix([1, 12], [1, 12]), (a) => checkQR(a, 'full', 1e-12), { runs: 60 });

property('QR on 50×30, 30×50 and 100×100 matrices, thin and full (1e-10)',
  (rng: Rng) => { const [m, n] = ([[50, 30], [30, 50], [100, 100]] as const)[rng.int(0, 3)]!; return mixedMatrix([m, m], [n, n]).generate(rng); },
  (a) => { checkQR(a, 'thin', 1e-10); checkQR(a, 'full', 1e-10); }, { runs: 8 });

property('EQ-LINALG-07 the Q of QR(G) with diag(R) > 0 equals the harness\'s Gram–Schmidt of G; QᵀQ = I, ‖Qx‖ = ‖x‖, det Q = ±1, Q⁻¹ = Qᵀ',
  (rng: Rng) => ({ n: rng.int(1, 12), seed: rng.nextUint32() }),
  ({ n, seed }) => {
    // The same seed gives the same Gaussian G to both routes.
    const g = gen.gaussian(n, n, new Rng(seed));
    const { Q } = qr(g);
    assertClose(Q, gen.orthonormalColumns(n, n, new Rng(seed)), { atol: 1e-10, rtol: 0 });
    assertAtMost(orthogonalityError(Q), 1e-12, '‖QᵀQ − I‖_F');
    const x = gen.gaussian(n, 1, new Rng(seed + 1));
    assertClose(fro(mm(Q, x)), fro(x), { atol: 0, rtol: 1e-12 });
    assertClose(Math.abs(det(Q)), 1, { atol: 1e-12, rtol: 0 });
    assertClose(inv(Q), t(Q), { atol: 1e-12, rtol: 0 });
  }, { runs: 40 });

property('EQ-LINALG-07 tall W (n×k, k < n) from thin QR: WᵀW = I_k, but WWᵀ ≠ I_n: it is a projector, (WWᵀ)² = WWᵀ, ‖I − WWᵀ‖_F = √(n − k)',
  (rng: Rng) => { const n = rng.int(2, 20); return gen.gaussian(n, rng.int(1, n), rng); },
  (a) => {
    const [n, k] = dims(a);
    const W = qr(a).Q;
    assertAtMost(distance(mm(t(W), W), identity(k)), 1e-12, '‖WᵀW − I_k‖_F');
    const P = mm(W, t(W));
    assertAtMost(distance(mm(P, P), P), 1e-12, '‖(WWᵀ)² − WWᵀ‖_F');
    // I − WWᵀ projects onto the (n − k)-dimensional complement: its ‖·‖_F² is its rank.
    assertClose(distance(P, identity(n)), Math.sqrt(n - k), { atol: 1e-12, rtol: 1e-12 });
  }, { runs: 40 });

property('lstsq (m ≥ n) equals the normal-equations solution (AᵀA)⁻¹Aᵀb, and Aᵀ(b − Ax) = 0',
  (rng: Rng) => { const n = rng.int(1, 10); return { a: gen.gaussian(n + rng.int(0, 20), n, rng), k: rng.int(1, 3) }; },
  ({ a, k }) => {
    const [m, n] = dims(a);
    const b = gen.gaussian(m, k, new Rng(m * 31 + n));
    const x = lstsq(a, b);
    assert.deepEqual(x.shape, [n, k]);
    // Gaussian A: κ(A) is modest, so the normal equations (κ²) still agree to 1e-8.
    assertClose(x, choleskySolve(mm(t(a), a), mm(t(a), b)), { atol: 1e-8 * fro(x), rtol: 0 });
    const ax = mm(a, x).data;
    const r = { shape: [m, k], data: b.data.map((bi, i) => bi - ax[i]!) };
    assertAtMost(fro(mm(t(a), r)), 1e-12 * m * fro(a) * (fro(a) * fro(x) + fro(b)), '‖Aᵀ(b − Ax)‖');
    const xv = lstsq(a, { shape: [m], data: b.data.filter((_, i) => i % k === 0) });
    assert.deepEqual(xv.shape, [n]);
    assertClose(xv.data, x.data.filter((_, i) => i % k === 0), { atol: 1e-12 * fro(x), rtol: 1e-12 });
  }, { runs: 40 });

property('lstsq (m < n) solves Ax = b with the least ‖x‖: x = Aᵀ(AAᵀ)⁻¹b',
  (rng: Rng) => { const m = rng.int(1, 10); return gen.gaussian(m, m + rng.int(1, 20), rng); },
  (a) => {
    const [m, n] = dims(a);
    const b = gen.vector(m).generate(new Rng(m * 7 + n));
    const x = lstsq(a, b);
    assert.deepEqual(x.shape, [n]);
    assertClose(x.data, mm(t(a), solve(mm(a, t(a)), { shape: [m, 1], data: b.data })).data, { atol: 1e-10 * fro(x), rtol: 0 });
    assertAtMost(distance(mm(a, { shape: [n, 1], data: x.data }), { shape: [m, 1], data: b.data }), 1e-12 * n * fro(a) * fro(x), '‖Ax − b‖');
  }, { runs: 40 });

property('lstsq accepts full-rank A with κ = 1e10 (m, n ∈ [2, 12]) and ‖Aᵀ(b − Ax)‖ ≤ 1e-14·max(m, n)·‖A‖_F²·‖x‖',
  (rng: Rng) => {
    const a = gen.illConditioned([2, 12], [2, 12], 1e10).generate(rng);
    return { a, b: gen.gaussian(a.shape[0]!, rng.int(1, 3), rng) };
  },
  ({ a, b }) => {
    // Its smallest r_kk is about σ_min = 1e-10, some 2e4 times above the rank
    // threshold max(m, n)·ε·‖A‖_F ≈ 4e-15 (at n = 12), so a rule much stricter
    // than the documented one would wrongly refuse this A. QR is backward
    // stable, so Ax − b is small against ‖A‖‖x‖ (x is ~1e10 here, |b| ~ 1):
    // the normal-equation residual is ~ε·‖A‖²‖x‖ (seen ≤ 0.7·max(m, n)·ε), not ~κ·ε.
    const [m, n] = dims(a), [, k] = dims(b);
    const x = lstsq(a, b);
    assert.deepEqual(x.shape, [n, k]);
    const ax = mm(a, x);
    const r = { shape: [m, k], data: b.data.map((bi, i) => bi - ax.data[i]!) };
    assertAtMost(fro(mm(t(a), r)), 1e-14 * Math.max(m, n) * fro(a) ** 2 * fro(x), '‖Aᵀ(b − Ax)‖');
  }, { runs: 60 });

test('lstsq rank rule at its edge: r_kk = max(m, n)·ε·‖A‖_F is refused, the next float up is accepted (m > n and m < n)', () => {
  // A = [[1, 0], [0, δ], [0, 0]]: Householder QR is exact here (R = [[1, 0], [0, δ]]),
  // and ‖A‖_F = √(1 + δ²) rounds to 1, so the threshold is exactly 3ε.
  const threshold = 3 * Number.EPSILON;
  const above = threshold + 2 ** -103; // the next float after 3ε = 1.5·2⁻⁵¹ (its ulp is 2⁻¹⁰³)
  const tall = (delta: number) => fromArray([[1, 0], [0, delta], [0, 0]]);
  for (const a of [tall(threshold), t(tall(threshold))]) {
    assert.throws(() => lstsq(a, zeros([a.shape[0]!])), (e: unknown) => e instanceof SingularMatrixError && /rank-deficient/.test(e.message));
  }
  assertClose(lstsq(tall(above), fromArray([1, 1, 1])), fromArray([1, 1 / above]), { atol: 0, rtol: 1e-15 });
  // m < n: the least-norm solution of [[1, 0, 0], [0, δ, 0]]·x = (1, 1) is (1, 1/δ, 0).
  assertClose(lstsq(t(tall(above)), fromArray([1, 1])), fromArray([1, 1 / above, 0]), { atol: 0, rtol: 1e-15 });
});

test('hand-worked: QR of [[3, 1], [4, 2]] is Q = [[0.6, −0.8], [0.8, 0.6]], R = [[5, 2.2], [0, 0.4]]', () => {
  // q₁ = a₁/‖a₁‖ = (3, 4)/5;  r₁₂ = q₁·a₂ = 0.6 + 1.6 = 2.2
  // a₂ − 2.2·q₁ = (1 − 1.32, 2 − 1.76) = (−0.32, 0.24), of norm 0.4, so q₂ = (−0.8, 0.6), r₂₂ = 0.4
  const { Q, R } = qr(fromArray([[3, 1], [4, 2]]));
  assertClose(Q, fromArray([[0.6, -0.8], [0.8, 0.6]]), { atol: 1e-15, rtol: 0 });
  assertClose(R, fromArray([[5, 2.2], [0, 0.4]]), { atol: 1e-15, rtol: 0 });
});

test('hand-worked: the least-squares line through (0, 1), (1, 2), (2, 2) is y = 7/6 + t/2', () => {
  // Normal equations [[3, 3], [3, 5]]·(a, b) = (5, 6): det 6, a = (25 − 18)/6 = 7/6, b = (18 − 15)/6 = 1/2
  const x = lstsq(fromArray([[1, 0], [1, 1], [1, 2]]), fromArray([1, 2, 2]));
  assertClose(x, fromArray([7 / 6, 0.5]), { atol: 1e-15, rtol: 0 });
});

test('a zero column gives r_kk = 0 and QR still reconstructs; lstsq refuses a rank-deficient A', () => {
  const a = fromArray([[1, 0, 2], [2, 0, 1], [2, 0, 2]]);
  const { Q, R } = qr(a, { mode: 'full' });
  assert.equal(R.data[4], 0);
  assertAtMost(distance(mm(Q, R), a), 1e-14 * fro(a), '‖QR − A‖');
  assertAtMost(orthogonalityError(Q), 1e-14, '‖QᵀQ − I‖');
  const before = snapshot(a);
  assert.throws(() => lstsq(a, fromArray([1, 2, 3])), (e: unknown) => e instanceof SingularMatrixError && /rank-deficient/.test(e.message));
  assert.throws(() => lstsq(gen.rankDeficient(4, 8, 2).generate(new Rng(3)), zeros([4])), SingularMatrixError);
  assert.throws(() => lstsq(gen.rankDeficient(30, 10, 4).generate(new Rng(4)), zeros([30])), SingularMatrixError);
  assertUnchanged(a, before);
});

test('bad input: ShapeError (with both shapes), ValueError (NaN, empty, unknown mode); inputs unchanged', () => {
  const a = fromArray([[1, 2], [3, 4], [5, 6]]);
  const before = snapshot(a);
  assert.throws(() => qr(fromArray([1, 2, 3])), ShapeError);
  assert.throws(() => qr(a, { mode: 'economic' as 'thin' }), (e: unknown) => e instanceof ValueError && /economic/.test(e.message));
  assert.throws(() => qr(fromArray([[1, NaN]])), ValueError);
  assert.throws(() => qr(zeros([0, 3])), ValueError);
  assert.throws(() => lstsq(a, zeros([2])), (e: unknown) => e instanceof ShapeError && /\[3, 2\]/.test(e.message) && /\[2\]/.test(e.message));
  assert.throws(() => lstsq(a, fromArray([1, 2, -Infinity])), ValueError);
  qr(a); qr(a, { mode: 'full' }); lstsq(a, fromArray([1, 2, 3]));
  assertUnchanged(a, before);
});
