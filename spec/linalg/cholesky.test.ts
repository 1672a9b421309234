/**
 * Specs of the Cholesky decomposition A = L·Lᵀ and choleskySolve, and of
 * the triangular solves they are built on.
 *
 * L·Lᵀ is rebuilt with the harness's triple loop; Cholesky is backward
 * stable, so ‖LLᵀ − A‖_F ≤ 1e-12‖A‖_F at n ≤ 12 (1e-10 at n = 100). The
 * independent route for the factor itself is QR: for A = BᵀB with B = QR and
 * diag(R) > 0, A = RᵀQᵀQR = RᵀR, so L = Rᵀ (the triangular factor with a
 * positive diagonal is unique).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import {
  NotPositiveDefiniteError, SingularMatrixError, ShapeError, ValueError, cholesky, choleskySolve, fromArray,
  qr, solveTriangular, zeros,
} from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import {
  assertAtMost, assertTriangular, dims, assertUnchanged, distance, fro, snapshot, withEigenvalues,
} from './decomposition-helpers.js';

/** SPD n×n with eigenvalues log-spaced from 1 down to 1/κ. */
function illConditionedSpd(n: number, kappa: number, rng: Rng): Tensor {
  return withEigenvalues(Array.from({ length: n }, (_, i) => (n === 1 ? 1 : kappa ** (-i / (n - 1)))), rng);
}

const spdCases = (low: number, high: number) => (rng: Rng): Tensor => {
  const n = rng.int(low, high + 1);
  return rng.next() < 0.5 ? gen.spd(n).generate(rng) : illConditionedSpd(n, 1e10, rng);
};

function checkCholesky(a: Tensor, tolerance: number): void {
  const [n] = dims(a);
  const L = cholesky(a);
  assertTriangular(L, true, 'L');
  for (let j = 0; j < n; j++) assert.ok(L.data[j * n + j]! > 0, 'ℓ_jj > 0');
  assertAtMost(distance(gen.referenceMatmul(L, gen.referenceTranspose(L)), a), tolerance * fro(a), '‖LLᵀ − A‖_F');
}

property('Cholesky: A = LLᵀ (1e-12‖A‖_F), L lower with positive diagonal, SPD with κ up to 1e10',
  spdCases(1, 12), (a) => checkCholesky(a, 1e-12), { runs: 60 });

property('Cholesky: A = LLᵀ on 50×50 and 100×100 SPD matrices (1e-10‖A‖_F)',
  spdCases(50, 100), (a) => checkCholesky(a, 1e-10), { runs: 6 });

property('Cholesky of A = BᵀB equals Rᵀ from the QR of B (the unique factor with a positive diagonal)',
  (rng: Rng) => { const n = rng.int(1, 10); return gen.gaussian(n + rng.int(5, 20), n, rng); },
  (b) => {
    // B is Gaussian and tall, so κ(B) is small and both routes agree to ~κ(A)·ε.
    const L = cholesky(gen.referenceMatmul(gen.referenceTranspose(b), b));
    assertClose(L, gen.referenceTranspose(qr(b).R), { atol: 1e-10 * fro(L), rtol: 0 });
  }, { runs: 40 });

property('choleskySolve: ‖Ax − b‖ ≤ 1e-12·n·‖A‖_F‖x‖, vector and matrix right-hand sides',
  (rng: Rng) => { const a = spdCases(1, 30)(rng); return { a, B: gen.gaussian(dims(a)[0], rng.int(1, 4), rng) }; },
  ({ a, B }) => {
    const [n] = dims(a), [, k] = dims(B);
    const X = choleskySolve(a, B);
    assertAtMost(distance(gen.referenceMatmul(a, X), B), 1e-12 * n * fro(a) * fro(X), '‖AX − B‖');
    const b = { shape: [n], data: B.data.filter((_, i) => i % k === 0) };
    const x = choleskySolve(a, b);
    assert.deepEqual(x.shape, [n]);
    assertClose(x.data, X.data.filter((_, i) => i % k === 0), { atol: 1e-12 * fro(X), rtol: 1e-12 });
  }, { runs: 40 });

property('Cholesky refuses every symmetric matrix with a negative eigenvalue (NotPositiveDefiniteError)',
  (rng: Rng) => {
    const n = rng.int(1, 10);
    const lambda = Array.from({ length: n }, () => rng.uniform(0.1, 2));
    lambda[rng.int(0, n)] = -rng.uniform(1e-3, 2);
    return withEigenvalues(lambda, rng);
  },
  (a) => { assert.throws(() => cholesky(a), NotPositiveDefiniteError); }, { runs: 40 });

property('solveTriangular: op(T)·x = b for lower/upper, unit diagonal and transpose, against the triple loop',
  (rng: Rng) => {
    const n = rng.int(1, 10);
    const t = gen.gaussian(n, n, rng);
    for (let i = 0; i < n; i++) t.data[i * n + i] = rng.uniform(1, 2) * (rng.next() < 0.5 ? -1 : 1); // well away from 0
    return { t, B: gen.gaussian(n, rng.int(1, 3), rng), lower: rng.next() < 0.5, unit: rng.next() < 0.5, transpose: rng.next() < 0.5 };
  },
  ({ t, B, lower, unit, transpose }) => {
    const [n] = dims(t);
    // The triangle that is read, with 1 on the diagonal when unit, then transposed if asked.
    const tri = { shape: [n, n], data: t.data.map((x, k) => {
      const i = Math.floor(k / n), j = k % n;
      if (i === j) return unit ? 1 : x;
      return (lower ? j < i : j > i) ? x : 0;
    }) };
    const op = transpose ? gen.referenceTranspose(tri) : tri;
    const X = solveTriangular(t, B, { lower, unitDiagonal: unit, transpose });
    assertAtMost(distance(gen.referenceMatmul(op, X), B), 1e-12 * n * fro(op) * fro(X), '‖op(T)X − B‖');
  }, { runs: 60 });

test('hand-worked: [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = LLᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]', () => {
  // ℓ₀₀ = √4 = 2, ℓ₁₀ = 12/2 = 6, ℓ₂₀ = −16/2 = −8
  // ℓ₁₁ = √(37 − 6²) = 1, ℓ₂₁ = (−43 − (−8)(6))/1 = 5
  // ℓ₂₂ = √(98 − (−8)² − 5²) = √9 = 3
  const a = fromArray([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]);
  assert.deepEqual(Array.from(cholesky(a).data), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
  // A·[1, 1, 1] = [0, 6, 39]
  assertClose(choleskySolve(a, fromArray([0, 6, 39])), fromArray([1, 1, 1]), { atol: 1e-13, rtol: 0 });
  // forward substitution by hand: [[2, 0], [6, 1]]·x = [4, 14] → x₀ = 2, x₁ = 14 − 12 = 2
  assert.deepEqual(Array.from(solveTriangular(fromArray([[2, 0], [6, 1]]), fromArray([4, 14]), { lower: true }).data), [2, 2]);
});

test('symmetry: a last-bit asymmetry is accepted and averaged; a real one throws ValueError; the tolerance is an option', () => {
  const a = fromArray([[4, 2], [2 * (1 + 1e-15), 3]]);
  const L = cholesky(a);
  assertClose(gen.referenceMatmul(L, gen.referenceTranspose(L)), fromArray([[4, 2], [2, 3]]), { atol: 1e-14, rtol: 0 });
  const b = fromArray([[4, 2], [2.001, 3]]);
  assert.throws(() => cholesky(b), (e: unknown) => e instanceof ValueError && !(e instanceof NotPositiveDefiniteError) && /symmetric/.test(e.message));
  assert.doesNotThrow(() => cholesky(b, { symmetryTolerance: 1e-3 }));
  assert.throws(() => cholesky(a, { symmetryTolerance: 0 }), /symmetric/);
  assert.throws(() => cholesky(a, { symmetryTolerance: -1 }), /symmetryTolerance/);
  assert.throws(() => choleskySolve(b, fromArray([1, 1])), /symmetric/);
});

test('pinned: Cholesky factors the symmetric part ½(A + Aᵀ), not one triangle: [[4, 2], [2 + 1e-11, 3]]', () => {
  // |a₀₁ − a₁₀| = 1e-11 ≤ τ·max|a| = 4e-10 passes the check. The averaged
  // a₁₀ = ½(2 + (2 + 1e-11)) gives ℓ₁₀ = a₁₀/ℓ₀₀ = (2 + 0.5e-11)/2 ≈ 1 + 2.5e-12,
  // computed here by the same float operations, so the match is exact. The
  // upper triangle alone would give 2/2 = 1, the lower alone (2 + 1e-11)/2.
  const lower = 2 + 1e-11;
  const l10 = (0.5 * (2 + lower)) / 2;
  assert.notEqual(l10, 1);
  assert.notEqual(l10, lower / 2);
  const L = cholesky(fromArray([[4, 2], [lower, 3]]));
  assert.deepEqual(Array.from(L.data), [2, 0, l10, Math.sqrt(3 - l10 * l10)]);
});

test('errors: NotPositiveDefiniteError, ShapeError, ValueError, SingularMatrixError; inputs unchanged', () => {
  for (const bad of [fromArray([[1, 2], [2, 1]]), fromArray([[1, 1], [1, 1]]), fromArray([[-1]]), zeros([2, 2])]) {
    const before = snapshot(bad);
    assert.throws(() => cholesky(bad), (e: unknown) => e instanceof NotPositiveDefiniteError && /not positive definite/.test(e.message));
    assert.throws(() => choleskySolve(bad, fromArray(new Array(bad.shape[0]).fill(1))), NotPositiveDefiniteError);
    assertUnchanged(bad, before);
  }
  const a = fromArray([[2, 1], [1, 2]]);
  const before = snapshot(a);
  assert.throws(() => cholesky(zeros([2, 3])), (e: unknown) => e instanceof ShapeError && /\[2, 3\]/.test(e.message));
  assert.throws(() => choleskySolve(a, zeros([3, 1])), (e: unknown) => e instanceof ShapeError && /\[2, 2\]/.test(e.message) && /\[3, 1\]/.test(e.message));
  assert.throws(() => cholesky(fromArray([[1, NaN], [NaN, 1]])), ValueError);
  assert.throws(() => choleskySolve(a, fromArray([1, Infinity])), ValueError);
  assertUnchanged(a, before);
  const t = fromArray([[1, 0], [1, 0]]);
  assert.throws(() => solveTriangular(t, fromArray([1, 1]), { lower: true }), SingularMatrixError);
  assert.deepEqual(Array.from(solveTriangular(t, fromArray([1, 1]), { lower: true, unitDiagonal: true }).data), [1, 0]);
  assert.throws(() => solveTriangular(t, fromArray([1, 1]), {} as { lower: boolean }), /options.lower/);
  assert.throws(() => solveTriangular(t, zeros([3]), { lower: true }), ShapeError);
});

test('solveTriangular reads one triangle: NaN/∞ elsewhere (or on a unit diagonal) is ignored, in the triangle it throws', () => {
  // [[2, ·], [6, 1]]·x = (4, 14) gives x = (2, 2) whatever the · holds.
  const junk = fromArray([[2, NaN], [6, 1]]);
  assert.deepEqual(Array.from(solveTriangular(junk, fromArray([4, 14]), { lower: true }).data), [2, 2]);
  // Transposed: [[2, 6], [·, 1]]ᵀ = [[2, 0], [6, 1]]: the same system, upper triangle read.
  const upper = fromArray([[2, 6], [Infinity, 1]]);
  assert.deepEqual(Array.from(solveTriangular(upper, fromArray([4, 14]), { lower: false, transpose: true }).data), [2, 2]);
  // A unit diagonal is not read either: [[1, 0], [6, 1]]·x = (4, 14) gives x = (4, −10).
  const unit = fromArray([[NaN, Infinity], [6, NaN]]);
  assert.deepEqual(Array.from(solveTriangular(unit, fromArray([4, 14]), { lower: true, unitDiagonal: true }).data), [4, -10]);
  // In the triangle that is read, NaN/∞ throws ValueError naming the entry.
  const named = (entry: string) => (e: unknown) => e instanceof ValueError && e.message.includes(entry);
  assert.throws(() => solveTriangular(junk, fromArray([4, 14]), { lower: false }), named('t[0, 1] = NaN'));
  assert.throws(() => solveTriangular(upper, fromArray([4, 14]), { lower: true }), named('t[1, 0] = Infinity'));
  assert.throws(() => solveTriangular(unit, fromArray([4, 14]), { lower: true }), named('t[0, 0] = NaN'));
  assert.throws(() => solveTriangular(zeros([0, 0]), zeros([0]), { lower: true }), ValueError);
});
