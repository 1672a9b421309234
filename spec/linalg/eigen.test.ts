/**
 * Specs of the symmetric eigendecomposition (EQ-LINALG-03) and the lecture's
 * worked eigen-example (EQ-LINALG-04).
 *
 * Residuals are measured with the harness's own loops: ‖Av − λv‖, VᵀV − I and
 * VΛVᵀ − A, each ≤ 1e-10‖A‖_F (Jacobi reaches ~n·ε). Independent routes:
 * the trace, det from LU, and matrices Q·diag(λ)·Qᵀ built with a known
 * spectrum λ (also ill-conditioned and rank-deficient ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import {
  ConvergenceError, ShapeError, ValueError, det, eigSym, fromArray, matmul, zeros,
} from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import {
  assertAtMost, assertLargestEntryPositive, assertScalesLinearly, assertUnchanged, column, dims, distance, fro, orthogonalityError,
  snapshot, usv, withEigenvalues,
} from './decomposition-helpers.js';

/** The invariants of A = VΛVᵀ, all relative to ‖A‖_F. */
function checkEigen(a: Tensor, tolerance: number): { values: Float64Array; vectors: Tensor } {
  const [n] = dims(a);
  const { values, vectors } = eigSym(a);
  assert.deepEqual(values.shape, [n]);
  assert.deepEqual(vectors.shape, [n, n]);
  const scale = fro(a) || 1;
  for (let i = 0; i < n; i++) {
    const v = { shape: [n, 1], data: Float64Array.from(column(vectors, i)) };
    assertClose(fro(v), 1, { atol: 1e-12, rtol: 0 }); // ‖v_i‖ = 1: no eigenvector is zero
    const av = gen.referenceMatmul(a, v);
    const lv = { shape: [n, 1], data: v.data.map((x) => values.data[i]! * x) };
    assertAtMost(distance(av, lv), tolerance * scale, `‖Av_${i} − λ_${i}v_${i}‖`);
    if (i > 0) assert.ok(values.data[i]! <= values.data[i - 1]!, 'eigenvalues descending');
  }
  assertAtMost(orthogonalityError(vectors), tolerance, '‖VᵀV − I‖_F');
  assertAtMost(distance(usv(vectors, values, vectors), a), tolerance * scale, '‖VΛVᵀ − A‖_F');
  assertLargestEntryPositive(vectors, n, 'sign convention');
  return { values: values.data, vectors };
}

property('EQ-LINALG-03 eigSym: Av = λv, VᵀV = I, VΛVᵀ = A (1e-10‖A‖), λ descending, Σλ = trace A, Πλ = det A (1e-8)',
  gen.symmetric([1, 10]), (a) => {
    const [n] = dims(a);
    const { values } = checkEigen(a, 1e-10);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a.data[i * n + i]!;
    assertClose(values.reduce((s, x) => s + x, 0), trace, { atol: 1e-10 * fro(a), rtol: 0 });
    // Πλ against det by LU. Each λ_i may move by ~ε‖A‖, so the product by
    // ~ε‖A‖·Σ_i Π_{j≠i}|λ_j|; 1e-8 of that, plus 1e-8 relative.
    const product = values.reduce((p, x) => p * x, 1);
    const sensitivity = values.reduce((s, _, i) => s + values.reduce((p, x, j) => (j === i ? p : p * Math.abs(x)), 1), 0);
    assertClose(product, det(a), { atol: 1e-8 * fro(a) * sensitivity, rtol: 1e-8 });
  }, { runs: 80 });

property('eigSym recovers a known spectrum λ of Q·diag(λ)·Qᵀ (to 1e-12‖A‖), also rank-deficient, repeated and κ = 1e10',
  (rng: Rng) => {
    const n = rng.int(1, 13);
    const kind = rng.int(0, 4);
    const lambda = Array.from({ length: n }, (_, i) => {
      if (kind === 0) return rng.normal(0, 3); // generic, both signs
      if (kind === 1) return i < Math.ceil(n / 3) ? rng.uniform(1, 2) : 0; // rank-deficient
      if (kind === 2) return [1, -1, 2][i % 3]!; // repeated eigenvalues
      return (n === 1 ? 1 : 1e10 ** (-i / (n - 1))) * (i % 2 === 0 ? 1 : -1); // κ = 1e10
    });
    return { lambda, a: withEigenvalues(lambda, rng) };
  },
  ({ lambda, a }) => {
    const { values } = checkEigen(a, 1e-10);
    const expected = [...lambda].sort((x, y) => y - x);
    assertClose(values, expected, { atol: 1e-12 * Math.max(...lambda.map(Math.abs)), rtol: 0 });
  }, { runs: 80 });

property('eigSym on 50×50 and 100×100 symmetric matrices, also BBᵀ of rank n/5 whose other λ are 0 (1e-10‖A‖)',
  (rng: Rng) => {
    const n = rng.next() < 0.5 ? 50 : 100;
    if (rng.next() < 0.5) return { a: gen.symmetric(n).generate(rng), rank: n };
    const b = gen.gaussian(n, n / 5, rng);
    return { a: gen.referenceMatmul(b, gen.referenceTranspose(b)), rank: n / 5 };
  },
  ({ a, rank }) => {
    const { values } = checkEigen(a, 1e-10);
    for (let i = rank; i < a.shape[0]!; i++) assertAtMost(Math.abs(values[i]!), 1e-12 * fro(a), `|λ_${i}| of a rank-${rank} matrix`);
  }, { runs: 6 });

property('eigSym scales: eig(c·A) = c·eig(A) for c = 1e200 and 1e-200 (no overflow or underflow)',
  gen.symmetric([1, 6]), (a) => assertScalesLinearly(a, (b) => eigSym(b).values), { runs: 20 });

test('hand-worked: [[2, 0, 0], [0, 3, 4], [0, 4, 9]] has λ = 11, 2, 1 with v = (0, 1, 2)/√5, (1, 0, 0), (0, 2, −1)/√5', () => {
  // The block [[3, 4], [4, 9]] has trace 12 and det 27 − 16 = 11: λ² − 12λ + 11 = (λ − 11)(λ − 1).
  // (λ = 11): [[3, 4], [4, 9]]·(1, 2) = (11, 22).   (λ = 1): [[3, 4], [4, 9]]·(2, −1) = (2, −1).
  // Signs: each vector's largest entry (2/√5, 1, 2/√5) is positive.
  const { values, vectors } = eigSym(fromArray([[2, 0, 0], [0, 3, 4], [0, 4, 9]]));
  assertClose(values, fromArray([11, 2, 1]), { atol: 1e-14, rtol: 0 });
  const r = 1 / Math.sqrt(5);
  assertClose(vectors, fromArray([[0, 1, 0], [r, 0, 2 * r], [2 * r, 0, -r]]), { atol: 1e-15, rtol: 0 });
  // A diagonal matrix needs no rotation: its λ are its diagonal, sorted.
  assertClose(eigSym(fromArray([[1, 0], [0, 5]])).values, fromArray([5, 1]), { atol: 0, rtol: 0 });
  assertClose(eigSym(zeros([3, 3])).values, fromArray([0, 0, 0]), { atol: 0, rtol: 0 });
});

test('EQ-LINALG-04 [[2, 3], [2, 1]]·[3, 2]ᵀ = [12, 8]ᵀ = 4·[3, 2]ᵀ; λ ∈ {4, −1} are the roots of λ² − (tr A)λ + det A', () => {
  const a = fromArray([[2, 3], [2, 1]]);
  assert.deepEqual(Array.from(matmul(a, fromArray([3, 2])).data), [12, 8]);
  assert.deepEqual(Array.from(matmul(a, fromArray([1, -1])).data), [-1, 1]); // = −1·(1, −1)
  // Av = λv, both sides computed from v (integers, so exact): the eigenpairs (4, (3, 2)) and (−1, (1, −1)).
  for (const [lambda, v] of [[4, [3, 2]], [-1, [1, -1]]] as const) {
    assert.deepEqual(Array.from(matmul(a, fromArray([...v])).data), v.map((x) => lambda * x));
  }
  // The library ships only eigSym, and A is not symmetric: the characteristic
  // polynomial λ² − 3λ − 4 gives the eigenvalues, (3 ± √(9 + 16))/2 = 4, −1.
  const trace = a.data[0]! + a.data[3]!, d = det(a);
  assert.equal(trace, 3);
  assert.equal(d, -4);
  const disc = Math.sqrt(trace * trace - 4 * d);
  const [l1, l2] = [(trace + disc) / 2, (trace - disc) / 2];
  assert.deepEqual([l1, l2], [4, -1]);
  assert.throws(() => eigSym(a), (e: unknown) => e instanceof ValueError && /symmetric/.test(e.message));
});

test('pinned: eigSym decomposes the symmetric part ½(A + Aᵀ), not one triangle: [[2, 1], [1 + 1e-11, 2]]', () => {
  // |a₀₁ − a₁₀| = 1e-11 ≤ τ·max|a| = 2e-10 passes the check. [[2, b], [b, 2]] has λ = 2 ± b:
  // the average b = 1 + 5e-12 gives 3 + 5e-12 and 1 − 5e-12; the upper triangle alone
  // would give 3 and 1, the lower alone 3 + 1e-11 and 1 − 1e-11 (both 5e-12 away).
  const a = fromArray([[2, 1], [1 + 1e-11, 2]]);
  const { values } = eigSym(a);
  assertClose(values, fromArray([3 + 5e-12, 1 - 5e-12]), { atol: 1e-15, rtol: 0 });
  // Bit for bit what the symmetrised matrix (by the spec's own average) gives.
  const b = 0.5 * (1 + (1 + 1e-11));
  assert.deepEqual(values.data, eigSym(fromArray([[2, b], [b, 2]])).values.data);
});

test('bad input: ShapeError (non-square), ValueError (non-symmetric, NaN, options), ConvergenceError; inputs unchanged', () => {
  assert.throws(() => eigSym(zeros([2, 3])), (e: unknown) => e instanceof ShapeError && /\[2, 3\]/.test(e.message));
  assert.throws(() => eigSym(fromArray([1, 2])), ShapeError);
  assert.throws(() => eigSym(fromArray([[1, NaN], [NaN, 1]])), ValueError);
  const a = gen.symmetric(10).generate(new Rng(5));
  const before = snapshot(a);
  assert.throws(() => eigSym(a, { maxSweeps: 1 }), ConvergenceError);
  assert.throws(() => eigSym(a, { maxSweeps: 0 }), /maxSweeps/);
  assert.throws(() => eigSym(a, { symmetryTolerance: NaN }), /symmetryTolerance/);
  eigSym(a);
  assertUnchanged(a, before);
  const skew = fromArray([[1, 2], [2 + 1e-6, 1]]);
  assert.throws(() => eigSym(skew), /symmetric/);
  assertClose(eigSym(skew, { symmetryTolerance: 1e-5 }).values, fromArray([3 + 5e-7, -1 - 5e-7]), { atol: 1e-14, rtol: 0 });
});
