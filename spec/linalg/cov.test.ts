/**
 * Specs of the covariance matrix (EQ-LINALG-06): K = XᵀX/(m − 1) for centred
 * X, and its link to the SVD, K = V·diag(σ²)·Vᵀ/(m − 1).
 *
 * `cov` centres the columns internally (documented in cov.ts), so the
 * lecture's negative control "the identity fails for uncentred X" becomes:
 * for uncentred X the raw XᵀX/(m − 1) is NOT cov(X); it differs by exactly
 * m/(m − 1)·μμᵀ, while cov(X) is blind to a shift of the columns.
 * The centring in the spec is its own loop; products use the harness's loops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { ShapeError, ValueError, center, cov, eigSym, fromArray, svd, zeros } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import { assertAtMost, assertUnchanged, dims, distance, fro, snapshot, usv } from './decomposition-helpers.js';

const t = gen.referenceTranspose, mm = gen.referenceMatmul;

/** Column means μ (length n) of X (m×n), by a plain loop. */
function columnMeans(x: Tensor): number[] {
  const [m, n] = dims(x);
  const mu = new Array<number>(n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mu[j] = mu[j]! + x.data[i * n + j]! / m;
  return mu;
}

/** X − 1·μᵀ by a plain loop. */
function centred(x: Tensor): Tensor {
  const [, n] = dims(x), mu = columnMeans(x);
  return { shape: [...x.shape], data: x.data.map((v, k) => v - mu[k % n]!) };
}

const scaled = (a: Tensor, c: number): Tensor => ({ shape: [...a.shape], data: a.data.map((v) => c * v) });

/** Data m×n (m ≥ 2) with column offsets, so that centring matters. */
const data = (rng: Rng): Tensor => {
  const m = rng.int(2, 30), n = rng.int(1, 8);
  const x = gen.gaussian(m, n, rng);
  const offset = Array.from({ length: n }, () => rng.normal(0, 5));
  return { shape: [m, n], data: x.data.map((v, k) => v + offset[k % n]!) };
};

property('EQ-LINALG-06 centred X: cov(X) = XᵀX/(m − 1) = V·diag(σ²)·Vᵀ/(m − 1) (1e-10‖K‖_F)', data, (raw) => {
  const x = centred(raw);
  const [m] = dims(x);
  const K = cov(x);
  const gram = scaled(mm(t(x), x), 1 / (m - 1));
  assertAtMost(distance(K, gram), 1e-10 * fro(gram), '‖cov(X) − XᵀX/(m − 1)‖');
  const { S, V } = svd(x);
  const viaSvd = scaled(usv(V, { shape: S.shape, data: S.data.map((s) => s * s) }, V), 1 / (m - 1));
  assertAtMost(distance(K, viaSvd), 1e-10 * fro(gram), '‖cov(X) − VΣ²Vᵀ/(m − 1)‖');
}, { runs: 60 });

property('EQ-LINALG-06 eigenvalues of K are σ_i²/(m − 1) (then 0) to 1e-14·λ₁, eigenvectors are ±v_i',
  (rng: Rng) => centred(data(rng)), (x) => {
    const [m, n] = dims(x);
    const { S, V } = svd(x);
    const { values, vectors } = eigSym(cov(x));
    const lambda = Array.from({ length: n }, (_, i) => (i < S.data.length ? S.data[i]! ** 2 / (m - 1) : 0));
    const top = lambda[0] ?? 0;
    // 1e-14·λ₁ ≈ 45ε·λ₁, not the entry's 1e-15 ≈ 4.5ε·λ₁: both routes round (cov's
    // product and Jacobi's λ to ~n·ε·‖K‖, the SVD's σ to ~m·ε·σ₁, doubled by
    // squaring), and their gap reaches ~14ε·λ₁ (3.2e-15·λ₁ in 20 000 draws).
    assertClose(values, lambda, { atol: 1e-14 * top, rtol: 0 });
    // |⟨v_i(eig), v_i(svd)⟩| = 1 for a simple eigenvalue; an eigenvector moves by
    // about ε‖K‖/gap (Davis–Kahan), so the tolerance carries the gap to its neighbours.
    for (let i = 0; i < S.data.length; i++) {
      const gap = Math.min(i > 0 ? lambda[i - 1]! - lambda[i]! : Infinity, i + 1 < n ? lambda[i]! - lambda[i + 1]! : Infinity);
      let cosine = 0;
      for (let r = 0; r < n; r++) cosine += vectors.data[r * n + i]! * V.data[r * V.shape[1]! + i]!;
      assertClose(Math.abs(cosine), 1, { atol: 1e-10 * top / Math.max(gap, 1e-300), rtol: 0 });
    }
  }, { runs: 60 });

property('EQ-LINALG-06 negative control: for uncentred X, XᵀX/(m − 1) ≠ cov(X); the gap is exactly m/(m − 1)·μμᵀ, and cov ignores shifts',
  data, (x) => {
    const [m, n] = dims(x);
    const K = cov(x), mu = columnMeans(x);
    const raw = scaled(mm(t(x), x), 1 / (m - 1));
    const gap = { shape: [n, n], data: raw.data.map((v, k) => v - K.data[k]!) };
    const expected = { shape: [n, n], data: Float64Array.from({ length: n * n }, (_, k) => (m / (m - 1)) * mu[Math.floor(k / n)]! * mu[k % n]!) };
    assertAtMost(distance(gap, expected), 1e-10 * fro(raw), '‖XᵀX/(m − 1) − cov(X) − m/(m − 1)·μμᵀ‖');
    assert.ok(fro(expected) > 1e-6 * fro(raw), 'the raw product differs from cov(X) for uncentred data');
    const shift = Array.from({ length: n }, (_, j) => 10 * (j + 1));
    const moved = { shape: [m, n], data: x.data.map((v, k) => v + shift[k % n]!) };
    assertClose(cov(moved), K, { atol: 1e-10 * fro(raw), rtol: 0 });
  }, { runs: 60 });

property('EQ-LINALG-06 the transpose rule (UΣVᵀ)ᵀ = VΣᵀUᵀ, with the full SVD', gen.matrix([1, 9], [1, 9]), (x) => {
  const [m, n] = dims(x);
  const { U, S, V } = svd(x, { full: true });
  const sigmaT = zeros([n, m]); // Σᵀ: n×m, σ_i at (i, i)
  S.data.forEach((s, i) => { sigmaT.data[i * m + i] = s; });
  assertAtMost(distance(mm(mm(V, sigmaT), t(U)), t(x)), 1e-12 * fro(x), '‖VΣᵀUᵀ − Xᵀ‖_F');
}, { runs: 40 });

property('ddof = 0 divides by m: cov(X, {ddof: 0}) = (m − 1)/m · cov(X); center gives zero column means and is idempotent',
  data, (x) => {
    const [m] = dims(x);
    const K1 = cov(x);
    assertClose(cov(x, { ddof: 0 }), scaled(K1, (m - 1) / m), { atol: 1e-12 * fro(K1), rtol: 1e-12 });
    assertClose(cov(x, { ddof: 1 }), K1, { atol: 0, rtol: 0 });
    const c = center(x);
    assertClose(c, centred(x), { atol: 1e-12 * fro(x), rtol: 0 });
    for (const mu of columnMeans(c)) assertClose(mu, 0, { atol: 1e-12 * fro(x), rtol: 0 });
    assertClose(center(c), c, { atol: 1e-12 * fro(x), rtol: 0 });
    assertClose(K1, t(K1), { atol: 0, rtol: 0 }); // exactly symmetric
  }, { runs: 40 });

test('hand-worked: X = [[1, 2], [3, 6], [5, 10]] has μ = (3, 6) and K = [[4, 8], [8, 16]]', () => {
  // centred: [[−2, −4], [0, 0], [2, 4]];  XᵀX = [[8, 16], [16, 32]];  /(m − 1) = /2
  const x = fromArray([[1, 2], [3, 6], [5, 10]]);
  assert.deepEqual(Array.from(center(x).data), [-2, -4, 0, 0, 2, 4]);
  assert.deepEqual(Array.from(cov(x).data), [4, 8, 8, 16]);
  assert.deepEqual(Array.from(cov(x, { ddof: 0 }).data), [8 / 3, 16 / 3, 16 / 3, 32 / 3]);
});

test('bad input: ShapeError, ValueError (NaN, empty, bad ddof, too few samples); the input is unchanged', () => {
  const x = fromArray([[1, 2], [3, 4]]);
  const before = snapshot(x);
  assert.throws(() => cov(fromArray([1, 2, 3])), ShapeError);
  assert.throws(() => center(fromArray([1, 2, 3])), ShapeError);
  assert.throws(() => cov(fromArray([[1, NaN]])), ValueError);
  assert.throws(() => cov(zeros([0, 2])), ValueError);
  assert.throws(() => cov(x, { ddof: 2 as 1 }), /^ValueError: cov: ddof must be a safe integer in \[0, 1\], got 2/);
  assert.throws(() => cov(fromArray([[1, 2]])), /need more than 1 sample/);
  assert.deepEqual(Array.from(cov(fromArray([[1, 2]]), { ddof: 0 }).data), [0, 0, 0, 0]);
  cov(x); center(x);
  assertUnchanged(x, before);
});
