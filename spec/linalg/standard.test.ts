/**
 * Specs of the standard routes of eigSym (Householder tridiagonalisation +
 * implicit QL, eigen-tridiagonal.ts) and svd (Golub–Kahan bidiagonalisation
 * + implicit-shift QR, svd-bidiagonal.ts), each against its Jacobi twin
 * (`method: 'jacobi'`) and closed forms, on Gaussian, rank-deficient,
 * ill-conditioned (κ = 1e10) and clustered-spectrum matrices.
 *
 * Tolerances (n the order, or max(m, n)): residuals ‖AV − VΛ‖_F and
 * ‖X − UΣVᵀ‖_F ≤ 1e-13·n·‖·‖_F; ‖VᵀV − I‖_F, ‖UᵀU − I‖_F ≤ 1e-13·n (the
 * bound the targets set); eigen- and singular values against the twin's within
 * 1e-13·n·‖A‖₂ (both are backward stable: each value moves by ~n·ε·‖A‖₂).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { ConvergenceError, eigSym, svd } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { tridiagonalQ, tridiagonalize } from '../../src/linalg/eigen-tridiagonal.js';
import { rotateAscending, rotateDescending } from '../../src/linalg/kernels/rotations.js';
import { assertClose, gen, property } from '../harness/index.js';
import {
  assertAtMost, assertLargestEntryPositive, dims, distance, fro, orthogonalityError, usv, withEigenvalues,
} from './decomposition-helpers.js';

const mm = gen.referenceMatmul, t = gen.referenceTranspose;

/** A symmetric n×n matrix of one of five kinds, with its spectrum where known. */
function symmetricCase(rng: Rng): { a: Tensor; lambda: number[] | null; kind: string } {
  const n = rng.int(1, 41), kind = rng.int(0, 5);
  if (kind === 0) return { a: gen.symmetric(n).generate(rng), lambda: null, kind: 'Gaussian' };
  const lambda = Array.from({ length: n }, (_, i) => {
    if (kind === 1) return i < Math.ceil(n / 3) ? rng.uniform(1, 2) : 0; // rank-deficient
    if (kind === 2) return (n === 1 ? 1 : 1e10 ** (-i / (n - 1))) * (i % 2 === 0 ? 1 : -1); // κ = 1e10
    if (kind === 3) return 1 + 1e-9 * rng.normal(); // one tight cluster
    return [2, -1, 2, 0.5][i % 4]!; // repeated
  });
  return { a: withEigenvalues(lambda, rng), lambda, kind: ['', 'rank-deficient', 'κ = 1e10', 'clustered', 'repeated'][kind]! };
}

property('EQ-LINALG-03 eigSym (tridiagonal QL): ‖AV − VΛ‖_F ≤ 1e-13·n‖A‖_F, ‖VᵀV − I‖_F ≤ 1e-13·n, λ the Jacobi twin\'s and the known spectrum\'s within 1e-13·n·‖A‖₂',
  symmetricCase, ({ a, lambda, kind }) => {
    const [n] = dims(a);
    const { values, vectors } = eigSym(a);
    const twin = eigSym(a, { method: 'jacobi' });
    const scale = fro(a) || 1, norm2 = Math.max(...twin.values.data.map(Math.abs)) || 1;
    const av = mm(a, vectors), vl = { shape: [n, n], data: vectors.data.map((x, k) => x * values.data[k % n]!) };
    assertAtMost(distance(av, vl), 1e-13 * n * scale, `${kind}: ‖AV − VΛ‖_F`);
    assertAtMost(orthogonalityError(vectors), 1e-13 * n, `${kind}: ‖VᵀV − I‖_F`);
    for (let i = 1; i < n; i++) assert.ok(values.data[i]! <= values.data[i - 1]!, 'descending');
    assertLargestEntryPositive(vectors, n, 'sign convention');
    assertClose(values.data, twin.values.data, { atol: 1e-13 * n * norm2, rtol: 0 }, `${kind}: the twin's λ`);
    if (lambda) assertClose(values.data, [...lambda].sort((x, y) => y - x), { atol: 1e-13 * n * norm2, rtol: 0 }, `${kind}: the known λ`);
  }, { runs: 120 });

property('eigSym (tridiagonal QL): for a Gaussian A, each eigenvector is the Jacobi twin\'s within 1e-12·n·‖A‖/gap (same sign convention)',
  (rng: Rng) => gen.symmetric(rng.int(2, 30)).generate(rng), (a) => {
    const [n] = dims(a);
    const { values, vectors } = eigSym(a), twin = eigSym(a, { method: 'jacobi' });
    const scale = fro(a);
    for (let j = 0; j < n; j++) {
      let gap = Infinity;
      for (let i = 0; i < n; i++) if (i !== j) gap = Math.min(gap, Math.abs(values.data[i]! - values.data[j]!));
      if (gap < 1e-6 * scale) continue;
      for (let r = 0; r < n; r++) {
        assertClose(vectors.data[r * n + j]!, twin.vectors.data[r * n + j]!, { atol: (1e-12 * n * scale) / gap, rtol: 0 }, `v[${r}, ${j}]`);
      }
    }
  }, { runs: 60 });

test('eigSym (tridiagonal QL) of the second-difference matrix tridiag(−1, 2, −1), n = 1 … 60: λ_k = 2 − 2·cos(kπ/(n + 1)) within 1e-13·n', () => {
  for (const n of [1, 2, 3, 7, 31, 60]) {
    const a = { shape: [n, n], data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) {
      a.data[i * n + i] = 2;
      if (i + 1 < n) a.data[i * n + i + 1] = a.data[(i + 1) * n + i] = -1;
    }
    const expected = Array.from({ length: n }, (_, i) => 2 - 2 * Math.cos(((n - i) * Math.PI) / (n + 1))); // descending
    assertClose(eigSym(a).values.data, expected, { atol: 1e-13 * n, rtol: 0 });
  }
});

property('Householder tridiagonalisation: QᵀAQ is tridiagonal with diagonal d and off-diagonal e, ‖A − QTQᵀ‖_F ≤ 1e-13·n‖A‖_F, ‖QᵀQ − I‖_F ≤ 1e-13·n',
  (rng: Rng) => gen.symmetric(rng.int(1, 70)).generate(rng), (a) => {
    const [n] = dims(a);
    const tri = tridiagonalize(a.data.slice(), n);
    const q = { shape: [n, n], data: tridiagonalQ(tri, n) };
    const T = { shape: [n, n], data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) {
      T.data[i * n + i] = tri.d[i]!;
      if (i + 1 < n) T.data[i * n + i + 1] = T.data[(i + 1) * n + i] = tri.e[i]!;
    }
    assertAtMost(orthogonalityError(q), 1e-13 * n, '‖QᵀQ − I‖_F');
    assertAtMost(distance(a, mm(mm(q, T), t(q))), 1e-13 * n * fro(a), '‖A − QTQᵀ‖_F');
    const qaq = mm(mm(t(q), a), q);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (Math.abs(i - j) > 1) assertClose(qaq.data[i * n + j]!, 0, { atol: 1e-13 * n * fro(a), rtol: 0 }, `(QᵀAQ)[${i}, ${j}]`);
  }, { runs: 60 });

/** An m×n matrix of one of five kinds, with its singular values where known. */
function matrixCase(rng: Rng): { x: Tensor; sigma: number[] | null; kind: string } {
  const m = rng.int(1, 40), n = rng.int(1, 40), p = Math.min(m, n), kind = rng.int(0, 5);
  if (kind === 0) return { x: gen.gaussian(m, n, rng), sigma: null, kind: 'Gaussian' };
  if (kind === 1) return { x: gen.rankDeficient(m, n).generate(rng), sigma: null, kind: 'rank-deficient' };
  const sigma = Array.from({ length: p }, (_, i) => {
    if (kind === 2) return p === 1 ? 1 : 1e10 ** (-i / (p - 1)); // κ = 1e10
    if (kind === 3) return 1 + 1e-9 * Math.abs(rng.normal()); // clustered
    return i < Math.ceil(p / 2) ? 3 : 0; // repeated and zero
  }).sort((x, y) => y - x);
  const u = gen.orthonormalColumns(m, p, rng), v = gen.orthonormalColumns(n, p, rng);
  return { x: usv(u, { shape: [p], data: Float64Array.from(sigma) }, v), sigma, kind: ['', '', 'κ = 1e10', 'clustered', 'repeated and zero'][kind]! };
}

property('EQ-LINALG-05 svd (bidiagonal QR), thin and full: ‖X − UΣVᵀ‖_F ≤ 1e-13·max(m,n)‖X‖_F, ‖UᵀU − I‖_F, ‖VᵀV − I‖_F ≤ 1e-13·max(m,n), σ the Jacobi twin\'s and the known ones within 1e-13·max(m,n)·σ₀',
  (rng: Rng) => ({ ...matrixCase(rng), full: rng.next() < 0.3 }), ({ x, sigma, kind, full }) => {
    const [m, n] = dims(x), p = Math.min(m, n), size = Math.max(m, n);
    const { U, S, V } = svd(x, { full });
    const twin = svd(x, { method: 'jacobi' });
    assert.deepEqual([U.shape, S.shape, V.shape], [[m, full ? m : p], [p], [n, full ? n : p]]);
    const scale = fro(x) || 1, s0 = twin.S.data[0] || 1;
    const thinU = { shape: [m, p], data: Float64Array.from({ length: m * p }, (_, k) => U.data[Math.floor(k / p) * U.shape[1]! + (k % p)]!) };
    const thinV = { shape: [n, p], data: Float64Array.from({ length: n * p }, (_, k) => V.data[Math.floor(k / p) * V.shape[1]! + (k % p)]!) };
    assertAtMost(distance(x, usv(thinU, S, thinV)), 1e-13 * size * scale, `${kind}: ‖X − UΣVᵀ‖_F`);
    assertAtMost(orthogonalityError(U), 1e-13 * size, `${kind}: ‖UᵀU − I‖_F`);
    assertAtMost(orthogonalityError(V), 1e-13 * size, `${kind}: ‖VᵀV − I‖_F`);
    for (let i = 0; i < p; i++) assert.ok(S.data[i]! >= 0 && (i === 0 || S.data[i]! <= S.data[i - 1]!), 'σ descending, ≥ 0');
    assertLargestEntryPositive(V, p, 'sign convention');
    assertClose(S.data, twin.S.data, { atol: 1e-13 * size * s0, rtol: 0 }, `${kind}: the twin's σ`);
    if (sigma) assertClose(S.data, sigma, { atol: 1e-13 * size * s0, rtol: 0 }, `${kind}: the known σ`);
  }, { runs: 150 });

property('svd (bidiagonal QR): for a Gaussian X, u_j and v_j are the Jacobi twin\'s within 1e-12·max(m,n)·σ₀/gap (same sign convention)',
  (rng: Rng) => gen.gaussian(rng.int(1, 30), rng.int(1, 30), rng), (x) => {
    const [m, n] = dims(x), p = Math.min(m, n);
    const got = svd(x), twin = svd(x, { method: 'jacobi' });
    const s = got.S.data, s0 = s[0]!;
    for (let j = 0; j < p; j++) {
      let gap = s[j]!; // a σ near 0 leaves u_j (or v_j) undetermined: the gap counts the distance to 0 too
      for (let i = 0; i < p; i++) if (i !== j) gap = Math.min(gap, Math.abs(s[i]! - s[j]!));
      if (gap < 1e-6 * s0) continue;
      const atol = (1e-12 * Math.max(m, n) * s0) / gap;
      for (let r = 0; r < m; r++) assertClose(got.U.data[r * p + j]!, twin.U.data[r * p + j]!, { atol, rtol: 0 }, `u[${r}, ${j}]`);
      for (let r = 0; r < n; r++) assertClose(got.V.data[r * p + j]!, twin.V.data[r * p + j]!, { atol, rtol: 0 }, `v[${r}, ${j}]`);
    }
  }, { runs: 60 });

test('svd (bidiagonal QR) of exact bidiagonal and diagonal matrices with zeros on the diagonal (the deflation paths) and of a zero matrix', () => {
  const cases: number[][][] = [
    [[0, 1, 0], [0, 2, 1], [0, 0, 3]], // q₀ = 0
    [[1, 1, 0], [0, 0, 1], [0, 0, 3]], // an inner zero
    [[1, 1, 0], [0, 2, 1], [0, 0, 0]], // q_last = 0
    [[0, 0], [0, 0], [0, 0]],
    [[3, 0, 0], [0, 0, 0], [0, 0, -2]],
  ];
  for (const rows of cases) {
    const m = rows.length, n = rows[0]!.length;
    const x = { shape: [m, n], data: Float64Array.from(rows.flat()) };
    const { U, S, V } = svd(x), twin = svd(x, { method: 'jacobi' });
    assertClose(S.data, twin.S.data, { atol: 1e-14 * (twin.S.data[0] || 1), rtol: 0 });
    assertAtMost(distance(x, usv(U, S, V)), 1e-14 * (fro(x) || 1), '‖X − UΣVᵀ‖_F');
    assertAtMost(orthogonalityError(U), 1e-14, '‖UᵀU − I‖_F');
    assertAtMost(orthogonalityError(V), 1e-14, '‖VᵀV − I‖_F');
  }
});

test('default blocks on n = 33 … 130 (several blocks of Q, U, V): eigSym and svd residuals ≤ 1e-13·n, orthogonality ≤ 1e-13·n; maxSweeps: 1 gives ConvergenceError', () => {
  const rng = new Rng(19);
  for (const n of [33, 70, 130]) {
    const a = gen.symmetric(n).generate(rng);
    const { values, vectors } = eigSym(a);
    assertAtMost(distance(mm(a, vectors), { shape: [n, n], data: vectors.data.map((v, k) => v * values.data[k % n]!) }), 1e-13 * n * fro(a), 'eigSym residual');
    assertAtMost(orthogonalityError(vectors), 1e-13 * n, 'eigSym ‖VᵀV − I‖_F');
    const x = gen.gaussian(n + 7, n, rng), { U, S, V } = svd(x);
    assertAtMost(distance(x, usv(U, S, V)), 1e-13 * n * fro(x), 'svd residual');
    assertAtMost(orthogonalityError(U) + orthogonalityError(V), 1e-13 * n, 'svd orthogonality');
    assert.throws(() => eigSym(a, { maxSweeps: 1 }), ConvergenceError);
    assert.throws(() => svd(x, { maxSweeps: 1 }), ConvergenceError);
  }
});

property('rotateAscending and rotateDescending (four rows at a time and the rest) equal the rotations applied one by one, column pair by column pair (1e-14)',
  (rng: Rng) => {
    const rows = rng.int(1, 12), cols = rng.int(2, 15), lo = rng.int(0, cols - 1), hi = rng.int(lo, cols);
    const angles = Array.from({ length: cols }, () => rng.uniform(0, 2 * Math.PI));
    return { rows, cols, lo, hi, angles, m: gen.gaussian(rows, cols, rng).data };
  },
  ({ rows, cols, lo, hi, angles, m }) => {
    const cs = Float64Array.from(angles, Math.cos), sn = Float64Array.from(angles, Math.sin);
    const pairwise = (order: number[]): Float64Array => {
      const out = m.slice();
      for (const k of order) {
        for (let r = 0; r < rows; r++) {
          const x = out[r * cols + k]!, y = out[r * cols + k + 1]!;
          out[r * cols + k] = cs[k]! * x + sn[k]! * y;
          out[r * cols + k + 1] = -sn[k]! * x + cs[k]! * y;
        }
      }
      return out;
    };
    const ks = Array.from({ length: hi - lo }, (_, i) => lo + i);
    const up = m.slice(), down = m.slice();
    rotateAscending(up, rows, cols, lo, hi, cs, sn);
    rotateDescending(down, rows, cols, lo, hi, cs, sn);
    assertClose(up, pairwise(ks), { atol: 1e-14, rtol: 0 }, 'ascending');
    assertClose(down, pairwise([...ks].reverse()), { atol: 1e-14, rtol: 0 }, 'descending');
  }, { runs: 80 });
