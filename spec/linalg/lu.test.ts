/**
 * Specs of LU with partial pivoting (P·A = L·U), solve, det and inv.
 *
 * Reconstruction is checked against the harness's own triple loop, det
 * against a cofactor expansion and the product rule, solve by its residual,
 * inv by A⁻¹·A = I. Tolerances are backward-error bounds in terms of ‖A‖_F:
 * partial pivoting is backward stable, so ‖PA − LU‖ and ‖Ax − b‖ are a few
 * n·ε·‖A‖ even for ill-conditioned A; inv(A)·A − I grows with κ(A), so its
 * bound carries ‖A‖_F·‖A⁻¹‖_F.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import {
  SingularMatrixError, ShapeError, ValueError, det, fromArray, inv, lu, solve, zeros,
} from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import {
  assertAtMost, assertTriangular, assertUnchanged, dims, distance, fro, identity, mixedSquare, snapshot,
} from './decomposition-helpers.js';

/** Rows of A taken in the order perm: (PA)[i, :] = A[perm[i], :]. */
function permuteRows(a: Tensor, perm: Int32Array): Tensor {
  const [, n] = dims(a);
  const data = new Float64Array(a.data.length);
  perm.forEach((from, i) => data.set(a.data.subarray(from * n, from * n + n), i * n));
  return { shape: [...a.shape], data };
}

/** (−1)^(n − number of cycles): the parity of a permutation, counted by its cycles. */
function parity(perm: Int32Array): number {
  const seen = new Array<boolean>(perm.length).fill(false);
  let cycles = 0;
  for (let i = 0; i < perm.length; i++) {
    if (seen[i]) continue;
    cycles++;
    for (let j = i; !seen[j]; j = perm[j]!) seen[j] = true;
  }
  return (perm.length - cycles) % 2 === 0 ? 1 : -1;
}

/** det by cofactor expansion along the first row (n ≤ 7). */
function cofactorDet(a: number[][]): number {
  const n = a.length;
  const [first = []] = a;
  if (n === 1) return first[0]!;
  let d = 0;
  for (let j = 0; j < n; j++) {
    const minor = a.slice(1).map((row) => row.filter((_, c) => c !== j));
    d += (j % 2 === 0 ? 1 : -1) * first[j]! * cofactorDet(minor);
  }
  return d;
}

const rows = (a: Tensor): number[][] => {
  const [m, n] = dims(a);
  return Array.from({ length: m }, (_, i) => Array.from(a.data.subarray(i * n, i * n + n)));
};

/** Hadamard's bound Π‖row_i‖ ≥ |det A|: the scale of det's rounding errors. */
const hadamard = (a: Tensor): number => rows(a).reduce((p, r) => p * Math.hypot(...r), 1);

function checkFactors(a: Tensor, tolerance: number): void {
  const [n] = dims(a);
  const { L, U, P, perm, sign } = lu(a);
  assertTriangular(L, true, 'L');
  assertTriangular(U, false, 'U');
  for (let i = 0; i < n; i++) {
    assert.equal(L.data[i * n + i], 1, 'L has a unit diagonal');
    for (let j = 0; j < i; j++) assert.ok(Math.abs(L.data[i * n + j]!) <= 1, 'partial pivoting keeps |ℓ_ij| ≤ 1');
  }
  assert.deepEqual([...perm].sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i), 'perm is a permutation');
  assert.deepEqual(P.data, permuteRows(identity(n), perm).data, 'P is the permutation matrix of perm');
  assert.equal(sign, parity(perm), 'sign = det P');
  assertAtMost(distance(permuteRows(a, perm), gen.referenceMatmul(L, U)), tolerance * fro(a), '‖PA − LU‖_F');
}

property('LU: PA = LU (‖PA − LU‖_F ≤ 1e-12‖A‖_F), L unit lower with |ℓ| ≤ 1, U upper, sign = det P',
  mixedSquare([1, 12]), (a) => checkFactors(a, 1e-12), { runs: 60 });

property('LU: PA = LU on 50×50 and 100×100 matrices, rank-deficient and κ = 1e10 included (1e-10‖A‖_F)',
  mixedSquare([50, 100]), (a) => checkFactors(a, 1e-10), { runs: 8 });

property('solve: ‖Ax − b‖ ≤ 1e-12·n·‖A‖_F‖x‖ for a vector and for a matrix of right-hand sides (κ up to 1e10)',
  (rng: Rng) => {
    const n = [1, 2, 5, 12, 40][rng.int(0, 5)]!, k = rng.int(1, 5);
    const a = rng.next() < 0.5 ? gen.gaussian(n, n, rng) : gen.illConditioned(n, n).generate(rng);
    return { a, B: gen.gaussian(n, k, rng), b: gen.vector(n).generate(rng) };
  },
  ({ a, B, b }) => {
    const [n] = dims(a);
    for (const rhs of [B, b]) {
      const x = solve(a, rhs);
      assert.deepEqual(x.shape, rhs.shape);
      const X = { shape: [n, x.shape[1] ?? 1], data: x.data };
      const residual = distance(gen.referenceMatmul(a, X), { shape: X.shape, data: rhs.data });
      assertAtMost(residual, 1e-12 * n * fro(a) * fro(x), '‖Ax − b‖');
    }
  }, { runs: 30 });

property('det equals the cofactor expansion (n ≤ 6), within 1e-12 of Hadamard\'s bound Π‖row_i‖',
  mixedSquare([1, 6]), (a) => {
    assertClose(det(a), cofactorDet(rows(a)), { atol: 1e-12 * hadamard(a), rtol: 0 });
  }, { runs: 60 });

property('det(AB) = det A · det B and det Aᵀ = det A (n ≤ 12)',
  (rng: Rng) => { const n = rng.int(1, 13); return [gen.gaussian(n, n, rng), gen.gaussian(n, n, rng)] as const; },
  ([a, b]) => {
    assertClose(det(gen.referenceMatmul(a, b)), det(a) * det(b), { atol: 1e-11 * hadamard(a) * hadamard(b), rtol: 0 });
    assertClose(det(gen.referenceTranspose(a)), det(a), { atol: 1e-12 * hadamard(a), rtol: 0 });
  }, { runs: 40 });

property('inv: ‖A⁻¹A − I‖_F and ‖AA⁻¹ − I‖_F ≤ 1e-12·n·‖A‖_F‖A⁻¹‖_F (n up to 100)',
  (rng: Rng) => { const n = [1, 2, 3, 7, 12, 30, 100][rng.int(0, 7)]!; return gen.gaussian(n, n, rng); },
  (a) => {
    const [n] = dims(a);
    const ai = inv(a);
    const bound = 1e-12 * n * fro(a) * fro(ai);
    assertAtMost(distance(gen.referenceMatmul(ai, a), identity(n)), bound, '‖A⁻¹A − I‖');
    assertAtMost(distance(gen.referenceMatmul(a, ai), identity(n)), bound, '‖AA⁻¹ − I‖');
  }, { runs: 14 });

test('hand-worked: PA = LU of [[2, 1, 1], [4, −6, 0], [−2, 7, 2]]', () => {
  // Column 0: the largest |a_i0| is 4 (row 1), so rows 0 and 1 swap; ℓ = 2/4, −2/4.
  //   [2, 1, 1] − ½·[4, −6, 0] = [0, 4, 1];   [−2, 7, 2] + ½·[4, −6, 0] = [0, 4, 2]
  // Column 1: |4| = |4|, the first stays; ℓ = 1: [0, 4, 2] − [0, 4, 1] = [0, 0, 1].
  const a = fromArray([[2, 1, 1], [4, -6, 0], [-2, 7, 2]]);
  const { L, U, P, perm, sign } = lu(a);
  assert.deepEqual(Array.from(perm), [1, 0, 2]);
  assert.deepEqual(Array.from(P.data), [0, 1, 0, 1, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(L.data), [1, 0, 0, 0.5, 1, 0, -0.5, 1, 1]);
  assert.deepEqual(Array.from(U.data), [4, -6, 0, 0, 4, 1, 0, 0, 1]);
  assert.equal(sign, -1);
  // det = sign·Π u_kk = −(4·4·1) = −16 = 2(−12) − 1(8) + 1(28 − 12)
  assert.equal(det(a), -16);
  // A·[1, 1, 1] = [4, −2, 7]
  assert.deepEqual(Array.from(solve(a, fromArray([4, -2, 7])).data), [1, 1, 1]);
  assertClose(inv(fromArray([[4, 7], [2, 6]])), fromArray([[0.6, -0.7], [-0.2, 0.4]]), { atol: 1e-15, rtol: 0 });
});

test('singular matrices: solve and inv throw SingularMatrixError, det is 0, lu still factors; inputs unchanged', () => {
  for (const a of [fromArray([[1, 2], [2, 4]]), fromArray([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), zeros([3, 3])]) {
    const before = snapshot(a);
    assert.throws(() => solve(a, zeros([a.shape[0]!])), SingularMatrixError);
    assert.throws(() => inv(a), /singular to working precision/);
    assert.ok(Math.abs(det(a)) <= 1e-14 * (hadamard(a) || 1));
    const { L, U, perm } = lu(a);
    assert.ok(distance(permuteRows(a, perm), gen.referenceMatmul(L, U)) <= 1e-14 * fro(a));
    assertUnchanged(a, before);
  }
  // Pinned: an exact zero pivot mid-way leaves its column alone (no division by 0).
  const { U } = lu(fromArray([[1, 1, 1], [1, 1, 2], [1, 1, 3]]));
  assert.equal(U.data[4], 0);
});

test('bad input: ShapeError naming both shapes, ValueError for NaN/∞ and empty; inputs unchanged', () => {
  const rect = zeros([2, 3]);
  for (const f of [lu, det, inv]) assert.throws(() => f(rect), (e: unknown) => e instanceof ShapeError && /\[2, 3\]/.test(e.message));
  const a = fromArray([[2, 1], [1, 3]]);
  const before = snapshot(a);
  assert.throws(() => solve(a, zeros([3])), (e: unknown) => e instanceof ShapeError && /\[2, 2\]/.test(e.message) && /\[3\]/.test(e.message));
  assert.throws(() => solve(a, zeros([2, 2, 1])), ShapeError);
  assert.throws(() => solve(a, fromArray([1, NaN])), ValueError);
  assert.throws(() => lu(fromArray([[1, Infinity], [0, 1]])), ValueError);
  assert.throws(() => det(zeros([0, 0])), ValueError);
  assert.throws(() => lu(fromArray([1, 2])), ShapeError);
  assertUnchanged(a, before);
  const b = fromArray([[1, 2], [3, 4]]);
  const bBefore = snapshot(b);
  solve(a, b); inv(a); lu(a); det(a);
  assertUnchanged(a, before);
  assertUnchanged(b, bBefore);
});
