/**
 * Specs of the blocked LU, Cholesky and QR against their unblocked twins
 * (lu.ts, cholesky.ts, qr.ts), on Gaussian, rank-deficient and
 * ill-conditioned (κ = 1e10) matrices, with block sizes from 1 up (so that
 * small matrices already cross many panels and the halving of the panels)
 * and with the default blocks on matrices of a few blocks.
 *
 * Backward errors are bounded for every kind (‖PA − LU‖, ‖A − LLᵀ‖,
 * ‖A − QR‖ ≤ 1e-13·n·‖A‖_F, ‖QᵀQ − I‖_F ≤ 1e-13·n); the factors themselves
 * are compared with the twin's where they are well determined (a Gaussian
 * A: its pivots are distinct beyond rounding and its factors well
 * conditioned; an SPD A of modest κ).
 */
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { NotPositiveDefiniteError } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { factorUnblocked as choleskyTwin } from '../../src/linalg/cholesky.js';
import { CHOLESKY_BLOCK, choleskyUpperBlocked } from '../../src/linalg/cholesky-blocked.js';
import { factorUnblocked as luTwin } from '../../src/linalg/lu.js';
import { LU_BLOCK, factorBlocked } from '../../src/linalg/lu-blocked.js';
import { householderUnblocked } from '../../src/linalg/qr.js';
import { QR_BLOCK, householderBlocked } from '../../src/linalg/qr-blocked.js';
import { assertClose, gen, property } from '../harness/index.js';
import { assertAtMost, distance, fro, identity, orthogonalityError, withEigenvalues } from './decomposition-helpers.js';

const BLOCKS = [1, 2, 3, 4, 5, 8, 16];
const mm = gen.referenceMatmul, t = gen.referenceTranspose;

/** A Gaussian, rank-deficient or κ = 1e10 m×n matrix; `kind` says which. */
function anyMatrix(m: number, n: number, rng: Rng): { a: Tensor; kind: number } {
  const kind = rng.int(0, 3);
  const arbitrary = [gen.matrix(m, n), gen.rankDeficient(m, n), gen.illConditioned(m, n, 1e10)][kind]!;
  return { a: arbitrary.generate(rng), kind };
}

/** L (unit diagonal) and U of a compact n×n LU. */
function unpack(LU: Float64Array, n: number): { L: Tensor; U: Tensor } {
  const L = identity(n), U = { shape: [n, n], data: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) (j < i ? L : U).data[i * n + j] = LU[i * n + j]!;
  return { L, U };
}

function permuteRows(a: Tensor, perm: Int32Array): Tensor {
  const n = a.shape[1]!, data = new Float64Array(a.data.length);
  perm.forEach((from, i) => data.set(a.data.subarray(from * n, from * n + n), i * n));
  return { shape: [...a.shape], data };
}

const sizes = { generate: (rng: Rng) => ({ n: rng.int(1, 60), block: BLOCKS[rng.int(0, BLOCKS.length)]!, seed: rng.int(0, 1e9) }) };

property('blocked LU (any block size): ‖PA − LU‖_F ≤ 1e-13·n‖A‖_F, |ℓ_ij| ≤ 1; a Gaussian A gives the twin\'s pivots and factors (1e-10)',
  sizes, ({ n, block, seed }) => {
    const rng = new Rng(seed), { a, kind } = anyMatrix(n, n, rng);
    const LU = a.data.slice(), perm = new Int32Array(n);
    const sign = factorBlocked(LU, n, perm, block);
    const { L, U } = unpack(LU, n);
    assertAtMost(distance(permuteRows(a, perm), mm(L, U)), 1e-13 * n * (fro(a) || 1), '‖PA − LU‖_F');
    for (const x of L.data) assert.ok(Math.abs(x) <= 1, `|ℓ| = ${Math.abs(x)} > 1`);
    const twin = luTwin(a);
    if (kind === 0) {
      assert.deepEqual(perm, twin.perm, 'the twin\'s pivots');
      assert.equal(sign, twin.sign);
      assertClose(LU, twin.LU, { atol: 1e-10 * (fro(a) || 1), rtol: 0 }, 'the twin\'s factors');
    }
  }, { runs: 120 });

property('blocked Cholesky (any block size): ‖A − LLᵀ‖_F ≤ 1e-13·n‖A‖_F, also for κ = 1e10; L is the twin\'s to 1e-12 for GᵀG + nI',
  sizes, ({ n, block, seed }) => {
    const rng = new Rng(seed), conditioned = rng.next() < 0.5;
    const lambda = Array.from({ length: n }, (_, i) => (n === 1 ? 1 : 1e10 ** (-i / (n - 1))));
    const a = conditioned ? gen.spd(n).generate(rng) : withEigenvalues(lambda, rng);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[i * n + j] = a.data[j * n + i]!; // exactly symmetric
    const u = a.data.slice();
    choleskyUpperBlocked(u, n, 'spec', block);
    const L = { shape: [n, n], data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) L.data[i * n + j] = u[j * n + i]!;
    assertAtMost(distance(a, mm(L, t(L))), 1e-13 * n * fro(a), '‖A − LLᵀ‖_F');
    for (let i = 0; i < n; i++) assert.ok(L.data[i * n + i]! > 0, 'ℓ_ii > 0');
    if (conditioned) assertClose(L.data, choleskyTwin(a, 'spec'), { atol: 1e-12 * fro(L), rtol: 0 }, 'the twin\'s L');
  }, { runs: 120 });

property('blocked Cholesky stops at the twin\'s column with NotPositiveDefiniteError when d_j = −1 there',
  sizes, ({ n, block, seed }) => {
    const rng = new Rng(seed), j = rng.int(0, n);
    // A = L·Lᵀ with a known L, then a_jj lowered by ℓ_jj² + 1: d_j = a_jj − Σ_{k<j} ℓ_jk² = −1.
    const L = gen.gaussian(n, n, rng);
    for (let i = 0; i < n; i++) {
      for (let k = i + 1; k < n; k++) L.data[i * n + k] = 0;
      L.data[i * n + i] = 1 + Math.abs(L.data[i * n + i]!);
    }
    const a = mm(L, t(L));
    a.data[j * n + j] = a.data[j * n + j]! - (L.data[j * n + j]! ** 2 + 1);
    const column = (f: () => unknown): number => {
      try { f(); } catch (error) {
        assert.ok(error instanceof NotPositiveDefiniteError);
        return Number(/at column (\d+)/.exec(error.message)![1]);
      }
      throw new Error('no NotPositiveDefiniteError');
    };
    assert.equal(column(() => choleskyUpperBlocked(a.data.slice(), n, 'spec', block)), j);
    assert.equal(column(() => choleskyTwin(a, 'spec')), j);
  }, { runs: 60 });

property('blocked QR (any block size, m×n, thin and full Q): ‖A − QR‖_F ≤ 1e-13·max(m,n)·‖A‖_F, ‖QᵀQ − I‖_F ≤ 1e-13·max(m,n), R upper, diag(R) ≥ 0; Gaussian A: the twin\'s Q and R (1e-10)',
  { generate: (rng: Rng) => ({ m: rng.int(1, 50), n: rng.int(1, 50), block: BLOCKS[rng.int(0, BLOCKS.length)]!, full: rng.next() < 0.3, seed: rng.int(0, 1e9) }) },
  ({ m, n, block, full, seed }) => {
    const rng = new Rng(seed), { a, kind } = anyMatrix(m, n, rng);
    const p = Math.min(m, n), rows = full ? m : p, size = Math.max(m, n);
    const { Q, R } = householderBlocked(a, rows, 'spec', block);
    const q = { shape: [m, rows], data: Q }, r = { shape: [rows, n], data: R.slice(0, rows * n) };
    assertAtMost(distance(a, mm(q, r)), 1e-13 * size * (fro(a) || 1), '‖A − QR‖_F');
    assertAtMost(orthogonalityError(q), 1e-13 * size, '‖QᵀQ − I‖_F');
    for (let i = 0; i < m; i++) for (let j = 0; j < Math.min(i, n); j++) assert.equal(R[i * n + j], 0, `r[${i}, ${j}] below the diagonal`);
    for (let k = 0; k < p; k++) assert.ok(R[k * n + k]! >= 0, `r[${k}, ${k}] < 0`);
    if (kind === 0 && m >= n) {
      const twin = householderUnblocked(a, rows, 'spec');
      assertClose(R, twin.R, { atol: 1e-10 * fro(a), rtol: 0 }, 'the twin\'s R');
      for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) assertClose(Q[i * rows + j]!, twin.Q[i * rows + j]!, { atol: 1e-10, rtol: 0 }, `q[${i}, ${j}]`);
    }
  }, { runs: 120 });

property('default blocks (LU, Cholesky: 64, QR: 32) on n = 65 … 200, Gaussian, rank-deficient and κ = 1e10: backward errors ≤ 1e-13·n, orthogonality ≤ 1e-13·n',
  { generate: (rng: Rng) => ({ n: [65, 100, 129, 200][rng.int(0, 4)]!, seed: rng.int(0, 1e9) }) },
  ({ n, seed }) => {
    assert.deepEqual([LU_BLOCK, CHOLESKY_BLOCK, QR_BLOCK], [64, 64, 32]);
    const rng = new Rng(seed), { a } = anyMatrix(n, n, rng);
    const LU = a.data.slice(), perm = new Int32Array(n);
    factorBlocked(LU, n, perm);
    const { L, U } = unpack(LU, n);
    assertAtMost(distance(permuteRows(a, perm), mm(L, U)), 1e-13 * n * (fro(a) || 1), 'LU: ‖PA − LU‖_F');
    const { Q, R } = householderBlocked(a, n, 'spec');
    const q = { shape: [n, n], data: Q };
    assertAtMost(distance(a, mm(q, { shape: [n, n], data: R })), 1e-13 * n * (fro(a) || 1), 'QR: ‖A − QR‖_F');
    assertAtMost(orthogonalityError(q), 1e-13 * n, 'QR: ‖QᵀQ − I‖_F');
    const s = mm(t(a), a);
    for (let i = 0; i < n; i++) s.data[i * n + i] = s.data[i * n + i]! + 1e-6 * (fro(s) || 1);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) s.data[i * n + j] = s.data[j * n + i]!;
    const u = s.data.slice();
    choleskyUpperBlocked(u, n, 'spec');
    const Lc = t({ shape: [n, n], data: u.map((x, k) => (k % n >= Math.floor(k / n) ? x : 0)) });
    assertAtMost(distance(s, mm(Lc, t(Lc))), 1e-13 * n * fro(s), 'Cholesky: ‖A − LLᵀ‖_F');
  }, { runs: 8 });
