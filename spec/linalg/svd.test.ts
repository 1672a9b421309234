/**
 * Specs of the singular value decomposition (EQ-LINALG-05).
 *
 * Reconstruction and orthogonality are measured with the harness's loops,
 * relative to ‖X‖_F (one-sided Jacobi reaches ~m·ε). Independent routes:
 * eigSym of XᵀX for σ², power iteration (written here) for σ₁ = ‖X‖₂,
 * and matrices U·diag(σ)·Vᵀ built by the harness with known σ, u_i, v_i,
 * whose rank-1 terms σ_i·u_i·v_iᵀ (free of the sign ambiguity of u_i, v_i)
 * the SVD must give back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { ConvergenceError, ShapeError, ValueError, eigSym, fromArray, spectralNorm, svd, zeros } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import {
  assertAtMost, assertLargestEntryPositive, assertScalesLinearly, assertUnchanged, dims, distance, fro, mixedMatrix, orthogonalityError,
  rankOneTerm, snapshot, usv,
} from './decomposition-helpers.js';

const t = gen.referenceTranspose, mm = gen.referenceMatmul;

function checkSVD(x: Tensor, full: boolean, tolerance: number): { U: Tensor; S: Tensor; V: Tensor } {
  const [m, n] = dims(x), p = Math.min(m, n);
  const { U, S, V } = svd(x, { full });
  assert.deepEqual(U.shape, [m, full ? m : p]);
  assert.deepEqual(S.shape, [p]);
  assert.deepEqual(V.shape, [n, full ? n : p]);
  for (let i = 0; i < p; i++) {
    assert.ok(S.data[i]! >= 0, 'σ ≥ 0');
    if (i > 0) assert.ok(S.data[i]! <= S.data[i - 1]!, 'σ descending');
  }
  assertAtMost(distance(usv(U, S, V), x), tolerance * fro(x), '‖X − UΣVᵀ‖_F');
  assertAtMost(orthogonalityError(U), tolerance, '‖UᵀU − I‖_F');
  assertAtMost(orthogonalityError(V), tolerance, '‖VᵀV − I‖_F');
  assertLargestEntryPositive(V, p, 'sign convention of V');
  return { U, S, V };
}

property('EQ-LINALG-05 X = UΣVᵀ (‖X − UΣVᵀ‖_F ≤ 1e-12‖X‖_F), UᵀU = VᵀV = I, σ ≥ 0 descending; m > n, m < n, rank-deficient, κ = 1e10',
  mixedMatrix([1, 12], [1, 12]), (x) => { checkSVD(x, false, 1e-12); checkSVD(x, true, 1e-12); }, { runs: 80 });

property('EQ-LINALG-05 on 50×30, 30×50 and 100×100, rank-deficient and κ = 1e10 included, thin or full (1e-10)',
  (rng: Rng) => {
    const [m, n] = ([[50, 30], [30, 50], [100, 100]] as const)[rng.int(0, 3)]!;
    return { x: mixedMatrix([m, m], [n, n]).generate(rng), full: rng.next() < 0.5 };
  },
  ({ x, full }) => { checkSVD(x, full, 1e-10); }, { runs: 8 });

property('EQ-LINALG-05 σ_i² are the eigenvalues of XᵀX (eigSym), the other n − p are 0 (1e-10·σ₁²)',
  mixedMatrix([1, 12], [1, 12]), (x) => {
    const [, n] = dims(x);
    const { S } = svd(x);
    const lambda = eigSym(mm(t(x), x)).values.data;
    const sigma1 = S.data[0]!;
    const expected = Array.from({ length: n }, (_, i) => (i < S.data.length ? S.data[i]! ** 2 : 0));
    assertClose(lambda, expected, { atol: 1e-10 * sigma1 * sigma1, rtol: 0 });
  }, { runs: 60 });

property('EQ-LINALG-05 numerical rank #{σ_i > max(m, n)·ε·σ₁} equals the constructed rank; full U, V stay orthogonal',
  (rng: Rng) => {
    const [m, n] = ([[50, 30], [30, 50], [8, 5], [5, 8], [12, 12]] as const)[rng.int(0, 5)]!;
    return gen.rankDeficient(m, n).generate(rng);
  },
  (x) => {
    const [m, n] = dims(x);
    const { S } = checkSVD(x, true, 1e-10);
    const threshold = Math.max(m, n) * Number.EPSILON * S.data[0]!;
    assert.equal(S.data.filter((s) => s > threshold).length, x.rank);
  }, { runs: 30 });

property('EQ-LINALG-05 σ₁ = ‖X‖₂ (spectralNorm) by power iteration on XᵀX, and ‖Xz‖ ≤ σ₁‖z‖ for any z',
  gen.matrix([1, 10], [1, 10]), (x) => {
    const [m, n] = dims(x);
    const sigma1 = svd(x).S.data[0]!;
    // Power iteration z ← XᵀXz/‖XᵀXz‖ from a fixed start; ‖Xz‖ climbs to σ₁.
    let z: Tensor = { shape: [n, 1], data: new Float64Array(n).map((_, i) => 1 + i / n) };
    let estimate = 0;
    for (let k = 0; k < 5000; k++) {
      const w = mm(t(x), mm(x, z));
      const norm = fro(w);
      if (norm === 0) break;
      z = { shape: [n, 1], data: w.data.map((v) => v / norm) };
      const next = fro(mm(x, z));
      if (Math.abs(next - estimate) <= 1e-16 * next && k > 10) { estimate = next; break; }
      estimate = next;
    }
    assertClose(estimate, sigma1, { atol: 1e-12 * fro(x), rtol: 1e-9 });
    assertClose(spectralNorm(x), estimate, { atol: 1e-12 * fro(x), rtol: 1e-9 });
    const probe = gen.gaussian(n, 1, new Rng(m + 17 * n));
    assert.ok(fro(mm(x, probe)) <= sigma1 * fro(probe) * (1 + 1e-12), '‖Xz‖ ≤ σ₁‖z‖');
  }, { runs: 60 });

property('EQ-LINALG-05 the rank-1 terms σ_i·u_i·v_iᵀ and σ_i of X = Σ σ_i u_i v_iᵀ built with known factors (κ up to 1e10) come back',
  (rng: Rng) => {
    const m = rng.int(1, 15), n = rng.int(1, 15), r = Math.min(m, n);
    const kappa = [1, 1e3, 1e10][rng.int(0, 3)]!;
    // Distinct, well-separated σ, so that each rank-1 term is well defined.
    const sigma = Array.from({ length: r }, (_, i) => (r === 1 ? 1 : kappa === 1 ? 1 - i / (2 * r) : kappa ** (-i / (r - 1))));
    const seed = rng.nextUint32();
    // The harness builds U·diag(σ)·Vᵀ from these same two draws (u first, then v).
    const source = new Rng(seed);
    const u = gen.orthonormalColumns(m, r, source), v = gen.orthonormalColumns(n, r, source);
    return { x: gen.withSingularValues(m, n, sigma, new Rng(seed)), sigma, u, v };
  },
  ({ x, sigma, u, v }) => {
    const { U, S, V } = svd(x);
    // Small σ are accurate in the absolute sense: |σ̂_i − σ_i| ≤ 1e-12·σ₁.
    assertClose(S, sigma, { atol: 1e-12 * sigma[0]!, rtol: 0 });
    for (let i = 0; i < sigma.length; i++) {
      const expected = rankOneTerm(u, sigma[i]!, v, i), actual = rankOneTerm(U, S.data[i]!, V, i);
      assertAtMost(distance(actual, expected), 1e-10 * sigma[0]!, `‖σ_${i}u_${i}v_${i}ᵀ − expected‖_F`);
    }
  }, { runs: 60 });

property('svd scales: σ(c·X) = c·σ(X) for c = 1e200 and 1e-200 (no overflow or underflow)',
  gen.matrix([1, 6], [1, 6]), (x) => assertScalesLinearly(x, (y) => svd(y).S), { runs: 20 });

test('hand-worked: [[3, 2, 2], [2, 3, −2]] = 5·u₁v₁ᵀ + 3·u₂v₂ᵀ', () => {
  // XXᵀ = [[17, 8], [8, 17]]: λ = 25, 9, so σ = 5, 3, with u₁ = (1, 1)/√2, u₂ = (1, −1)/√2.
  // v_i = Xᵀu_i/σ_i: v₁ = (5, 5, 0)/(5√2) = (1, 1, 0)/√2, v₂ = (1, −1, 4)/(3√2) = (1, −1, 4)/√18.
  // v₂'s largest entry, 4/√18, is positive, so the signs are as written.
  const x = fromArray([[3, 2, 2], [2, 3, -2]]);
  const { U, S, V } = svd(x);
  assertClose(S, fromArray([5, 3]), { atol: 1e-14, rtol: 0 });
  const h = 1 / Math.SQRT2, e = 1 / Math.sqrt(18);
  assertClose(U, fromArray([[h, h], [h, -h]]), { atol: 1e-15, rtol: 0 });
  assertClose(V, fromArray([[h, e], [h, -e], [0, 4 * e]]), { atol: 1e-15, rtol: 0 });
  // The full V adds the unit vector orthogonal to v₁ and v₂: ±(2, −2, −1)/3.
  const full = svd(x, { full: true }).V;
  const cosine = (2 * full.data[2]! - 2 * full.data[5]! - full.data[8]!) / 3;
  assertClose(Math.abs(cosine), 1, { atol: 1e-15, rtol: 0 });
});

test('exactly rank-deficient input (zero matrix, equal columns, zero rows): full U and V are still orthogonal bases', () => {
  const b = gen.gaussian(6, 2, new Rng(9));
  const repeated = { shape: [6, 4], data: Float64Array.from({ length: 24 }, (_, k) => b.data[Math.floor(k / 4) * 2 + (k % 2)]!) };
  for (const x of [zeros([3, 4]), zeros([4, 3]), repeated, gen.referenceTranspose(repeated), fromArray([[0, 0], [1, 2], [0, 0]])]) {
    const { S } = checkSVD(x, true, 1e-14);
    checkSVD(x, false, 1e-14);
    assert.ok(S.data.filter((s) => s > 1e-14 * (S.data[0] || 1)).length <= 2);
  }
});

test('a thin SVD of a tall rank-deficient X forms only the columns of U it returns (m = 100 000, n = 2: no m×m basis)', () => {
  const m = 100_000;
  // Rank 0, then rank 1 (column 1 = 2·column 0, column 0 = (1, 2, 1, 2, …)/‖·‖ scaled).
  const rank1 = { shape: [m, 2], data: Float64Array.from({ length: 2 * m }, (_, k) => (k % 2 === 0 ? 1 : 2) * (1 + (Math.floor(k / 2) % 2))) };
  for (const [x, rank] of [[zeros([m, 2]), 0], [rank1, 1]] as const) {
    const { U, S, V } = svd(x);
    assert.deepEqual(U.shape, [m, 2]);
    assertAtMost(orthogonalityError(U), 1e-12, `‖UᵀU − I‖_F, rank ${rank}`);
    assertAtMost(orthogonalityError(V), 1e-14, `‖VᵀV − I‖_F, rank ${rank}`);
    assertAtMost(distance(usv(U, S, V), x), 1e-12 * (fro(x) || 1), `‖X − UΣVᵀ‖_F, rank ${rank}`);
    // The bidiagonal route leaves a σ of rounding size (≤ m·ε·σ₀) where Jacobi finds exactly 0.
    assert.equal(S.data.filter((s) => s > 1e-12 * S.data[0]!).length, rank);
    assert.equal(svd(x, { method: 'jacobi' }).S.data.filter((s) => s > 0).length, rank);
  }
});

test('pinned: graded columns [[1, e], [1, 0], [0, 0]] give σ₂ = e/√2 down to e = 1e-144; below 1e-145·max|x| a column counts as 0', () => {
  // XᵀX = [[2, e], [e, e²]]: σ₁σ₂ = |det X₁₂| = e (rows 1–2), σ₁ ≈ √2, so σ₂ ≈ e/√2.
  // Before squares were kept in range, α·β underflowed here and Jacobi never stopped.
  for (const e of [1e-100, 1e-144, 1e-170, 1e-200]) {
    const x = fromArray([[1, e], [1, 0], [0, 0]]);
    const { S } = checkSVD(x, true, 1e-14);
    assertClose(S, [Math.SQRT2, e >= 1e-144 ? e / Math.SQRT2 : 0], { atol: 0, rtol: 1e-15 });
    checkSVD(gen.referenceTranspose(x), false, 1e-14);
  }
});

test('pinned: a rotation with ζ ≈ −4.5e154, where ζ² overflows, is still computed (σ = √2, √2·e for e = 1e-140)', () => {
  // Columns g₀ = (1, 1) and g₁ = e·(1 + d, d − 1), d = 1e-15: α = 2, β ≈ 2e², γ = 2ed, so
  // ζ = (β − α)/(2γ) ≈ −1/(2ed), and |γ| ≈ 2.5·(m·ε·√α·√β): the pair must be rotated.
  // With √(ζ² + 1) evaluated directly, ζ² = ∞ gives t = 0, a rotation that does
  // nothing, and Jacobi never stops. σ₁σ₂ = |det X| = 2e and σ₁ ≈ √2 give σ₂ ≈ √2·e.
  const e = 1e-140, d = 1e-15;
  const x = fromArray([[1, e * (1 + d)], [1, e * (d - 1)]]);
  const { S } = checkSVD(x, false, 1e-14);
  assertClose(S, [Math.SQRT2, Math.SQRT2 * e], { atol: 0, rtol: 1e-14 });
});

test('bad input: ShapeError, ValueError (NaN, empty, options), ConvergenceError; the input is unchanged', () => {
  assert.throws(() => svd(fromArray([1, 2, 3])), ShapeError);
  assert.throws(() => svd(fromArray([[1, Infinity]])), ValueError);
  assert.throws(() => svd(zeros([3, 0])), ValueError);
  const x = gen.gaussian(12, 9, new Rng(2));
  const before = snapshot(x);
  assert.throws(() => svd(x, { full: 'yes' as unknown as boolean }), /full/);
  assert.throws(() => svd(x, { maxSweeps: 2.5 }), /maxSweeps/);
  assert.throws(() => svd(x, { maxSweeps: 1 }), ConvergenceError);
  svd(x); svd(x, { full: true }); svd(gen.referenceTranspose(x), { full: true });
  assertUnchanged(x, before);
});
