/**
 * Helpers of the decomposition specs (lu, cholesky, qr, eigen, svd, cov).
 * Every helper is its own plain loop, independent of the library, so that a
 * spec compares the library against a separate route:
 *
 *   fro(A) = √(Σ a_ij²)        distance(A, B) = ‖A − B‖_F
 *   orthogonalityError(Q) = ‖QᵀQ − I‖_F      (Q: m×k, columns orthonormal?)
 *   usv(U, S, V) = Σ_i σ_i·u_i·v_iᵀ           (the first S.length columns)
 *   rankOneTerm(U, σ, V, i) = σ·u_i·v_iᵀ
 *   assertScalesLinearly:  f(c·A) = c·f(A) for c = 1e200, 1e-200
 *
 * plus the matrix arbitraries the specs share: a mix of Gaussian,
 * rank-deficient and ill-conditioned (κ = 1e10) matrices.
 */
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { assertClose, gen } from '../harness/index.js';
import type { Arbitrary } from '../harness/index.js';

/** [rows, cols] of a matrix (the spec's own shapes are rank 2). */
export function dims(a: Tensor): [number, number] {
  const [m, n] = a.shape;
  assert.ok(m !== undefined && n !== undefined && a.shape.length === 2, `expected a matrix, got shape [${a.shape.join(', ')}]`);
  return [m, n];
}

/** ‖A‖_F by the plain sum of squares (entries here are of moderate size). */
export function fro(a: Tensor): number {
  let s = 0;
  for (const x of a.data) s += x * x;
  return Math.sqrt(s);
}

/** ‖A − B‖_F; the shapes must agree. */
export function distance(a: Tensor, b: Tensor): number {
  assert.deepEqual([...a.shape], [...b.shape], 'shapes differ');
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i]! - b.data[i]!) ** 2;
  return Math.sqrt(s);
}

/** The k×k identity. */
export function identity(k: number): Tensor {
  const data = new Float64Array(k * k);
  for (let i = 0; i < k; i++) data[i * k + i] = 1;
  return { shape: [k, k], data };
}

/** ‖QᵀQ − I‖_F for Q: m×k. */
export function orthogonalityError(q: Tensor): number {
  return distance(gen.referenceMatmul(gen.referenceTranspose(q), q), identity(dims(q)[1]));
}

/** Σ_i σ_i u_i v_iᵀ over the first S.length columns of U (m×·) and V (n×·): an m×n matrix. */
export function usv(u: Tensor, s: Tensor, v: Tensor): Tensor {
  const [m, uc] = dims(u), [n, vc] = dims(v), p = s.data.length;
  const data = new Float64Array(m * n);
  for (let k = 0; k < p; k++) {
    const sk = s.data[k]!;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) data[i * n + j] = data[i * n + j]! + sk * u.data[i * uc + k]! * v.data[j * vc + k]!;
    }
  }
  return { shape: [m, n], data };
}

/** The rank-1 term σ·u_i·v_iᵀ for column i of U (m×·) and V (n×·): an m×n matrix. */
export function rankOneTerm(u: Tensor, sigma: number, v: Tensor, i: number): Tensor {
  const [m, uc] = dims(u), [n, vc] = dims(v);
  const data = new Float64Array(m * n);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) data[r * n + c] = sigma * u.data[r * uc + i]! * v.data[c * vc + i]!;
  return { shape: [m, n], data };
}

/** Column j of an m×n matrix as a plain array. */
export function column(a: Tensor, j: number): number[] {
  const [m, n] = dims(a);
  return Array.from({ length: m }, (_, i) => a.data[i * n + j]!);
}

/** Throw unless value ≤ bound, naming both. */
export function assertAtMost(value: number, bound: number, label: string): void {
  assert.ok(value <= bound, `${label}: ${value} > ${bound}`);
}

/** Throw unless every entry strictly below (lower = false) or above (lower = true) the diagonal is exactly 0. */
export function assertTriangular(a: Tensor, lower: boolean, label: string): void {
  const [m, n] = dims(a);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const outside = lower ? j > i : j < i;
      if (outside) assert.equal(a.data[i * n + j], 0, `${label}: entry [${i}, ${j}] should be 0`);
    }
  }
}

/** Throw unless the entry of largest magnitude of each of the first k columns is positive (first on a tie). */
export function assertLargestEntryPositive(v: Tensor, k: number, label: string): void {
  const [n, cols] = dims(v);
  const at = (r: number, j: number): number => v.data[r * cols + j]!;
  for (let j = 0; j < k; j++) {
    let big = 0;
    for (let r = 1; r < n; r++) if (Math.abs(at(r, j)) > Math.abs(at(big, j))) big = r;
    assert.ok(at(big, j) > 0, `${label}: column ${j} has its largest entry ${at(big, j)} < 0`);
  }
}

/**
 * Throw unless the values f(A) (eigenvalues, singular values) scale with A:
 * f(c·A)/c = f(A) for c = 1e200 and 1e-200, within 1e-12·‖A‖_F + 1e-12 relative.
 * A spectrum is homogeneous of degree 1, so this fails only where the
 * algorithm over- or underflows on entries of extreme size.
 */
export function assertScalesLinearly(a: Tensor, f: (a: Tensor) => Tensor): void {
  const base = f(a);
  for (const c of [1e200, 1e-200]) {
    const scaled = f({ shape: a.shape, data: a.data.map((x) => c * x) });
    assertClose(scaled.data.map((x) => x / c), base.data, { atol: 1e-12 * fro(a), rtol: 1e-12 });
  }
}

/** A copy of a tensor, to check later that a function left its input alone. */
export function snapshot(t: Tensor): Tensor {
  return { shape: [...t.shape], data: t.data.slice() };
}

/** Throw unless t is bit for bit the snapshot. */
export function assertUnchanged(t: Tensor, before: Tensor): void {
  assert.deepEqual([...t.shape], [...before.shape]);
  assert.deepEqual(t.data, before.data, 'the input was modified');
}

/**
 * m×n matrices (sizes drawn from the ranges), a third each Gaussian,
 * rank-deficient (rank < min(m, n) where possible) and ill-conditioned (κ = 1e10).
 */
export function mixedMatrix(m: readonly [number, number], n: readonly [number, number]): Arbitrary<Tensor> {
  const kinds = [gen.matrix(m, n), gen.rankDeficient(m, n), gen.illConditioned(m, n, 1e10)];
  return { generate: (rng: Rng) => kinds[rng.int(0, kinds.length)]!.generate(rng) };
}

/** Square n×n matrices of the same three kinds. */
export function mixedSquare(n: readonly [number, number]): Arbitrary<Tensor> {
  return {
    generate(rng: Rng) {
      const size = rng.int(n[0], n[1] + 1);
      return mixedMatrix([size, size], [size, size]).generate(rng);
    },
  };
}

/** Q·diag(λ)·Qᵀ with Q a random orthogonal n×n matrix: a symmetric matrix of known spectrum λ. */
export function withEigenvalues(lambda: readonly number[], rng: Rng): Tensor {
  const n = lambda.length;
  const q = gen.orthonormalColumns(n, n, rng);
  const ql = { shape: [n, n], data: q.data.map((x, k) => x * lambda[k % n]!) };
  return gen.referenceMatmul(ql, gen.referenceTranspose(q));
}
