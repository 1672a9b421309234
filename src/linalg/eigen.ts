/**
 * Symmetric eigendecomposition (EQ-LINALG-03):  A·v = λ·v,   A = V·Λ·Vᵀ
 *
 *   A: n×n symmetric.   λ: n eigenvalues, descending (λ₀ ≥ λ₁ ≥ … ≥ λ_{n−1})
 *   V: n×n orthogonal (VᵀV = I); column i, V[:, i], is the eigenvector of λ_i
 *
 * Algorithm (default, `method: 'tridiagonal'`): Householder reduction to a
 * tridiagonal T = QᵀAQ, then implicit QL with Wilkinson's shift on T, the
 * rotations accumulated onto Q (eigen-tridiagonal.ts): about 7·n³ flops,
 * a third of them in gemm.
 *
 * Twin (`method: 'jacobi'`): the cyclic Jacobi method. Each rotation J(p, q, φ) in the (p, q)
 * plane is chosen so that A′ = JᵀAJ has a′_pq = 0 (jacobiRotation, checks.ts):
 *   θ = (a_qq − a_pp) / (2·a_pq),   t = tan φ = sign(θ) / (|θ| + √(θ² + 1))
 *   c = 1/√(t² + 1),   s = t·c
 *   a′_pp = a_pp − t·a_pq,   a′_qq = a_qq + t·a_pq,   a′_pq = 0
 *   a′_rp = c·a_rp − s·a_rq,  a′_rq = s·a_rp + c·a_rq      (r ≠ p, q)
 *   V′ = V·J:  v′_p = c·v_p − s·v_q,  v′_q = s·v_p + c·v_q
 * A sweep visits every pair p < q once. The off-diagonal mass Σ_{p≠q} a_pq²
 * drops by 2·a_pq² with each rotation and, near the end, quadratically per
 * sweep; about 6–10 sweeps reach float64. Jacobi is slower than tridiagonal
 * QR but simple and very accurate: eigenvalues to ~n·ε·‖A‖, V orthogonal to ~n·ε.
 *
 * Stopping rule: a pair is left alone when a_pq is negligible,
 *   |a_pq| ≤ ε·√(|a_pp|·|a_qq|)   or   |a_pq| ≤ ε²·‖A‖_F,
 * and the iteration ends after a sweep with no rotation (the second test
 * ends it when a diagonal entry is 0, and changes A by far less than rounding).
 * If `maxSweeps` (default 100) pass without that, ConvergenceError. (On the
 * tridiagonal route maxSweeps·n QL sweeps in all are allowed; about 1.5·n
 * are needed.)
 *
 * Sign convention: each eigenvector is scaled so that its entry of largest
 * magnitude (the first such, on a tie) is positive. For a repeated eigenvalue
 * the eigenvectors are one orthonormal basis of its eigenspace, not unique.
 *
 * Input: A must be symmetric within |a_ij − a_ji| ≤ τ·max|a| (τ = 1e-10 by
 * default, option `symmetryTolerance`), else ValueError; the symmetric part
 * ½(A + Aᵀ) is decomposed.
 */
import { ConvergenceError, assertOneOf, assertOptions } from '../errors/index.js';
import {
  EPSILON, assertSquareInput, assertSymmetric, jacobiRotation, largestEntrySign, maxSweepsOption, powerOfTwoScale,
  symmetricPart, symmetryToleranceOption,
} from './checks.js';
import { eigTridiagonal } from './eigen-tridiagonal.js';
import { norm2Array } from './norms.js';
import { eye } from './tensor.js';
import type { Tensor } from './tensor.js';

/** Options of eigSym. */
export interface EigSymOptions {
  /** Relative symmetry tolerance τ: |a_ij − a_ji| ≤ τ·max|a|. Default 1e-10. */
  symmetryTolerance?: number;
  /** Give up (ConvergenceError) after this many Jacobi sweeps (tridiagonal: maxSweeps·n QL sweeps). Default 100. */
  maxSweeps?: number;
  /** 'tridiagonal' (default): Householder + implicit QL. 'jacobi': cyclic Jacobi, the slower accurate twin. */
  method?: 'tridiagonal' | 'jacobi';
}

/** The eigenpairs of A = V·Λ·Vᵀ. */
export interface EigSymResult {
  /** λ: length n, descending. */
  values: Tensor;
  /** V: n×n, row-major; column i is the unit eigenvector of values[i]. */
  vectors: Tensor;
}

/** One Jacobi rotation zeroing a_pq of a (n×n) and updating v. Internal. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!, app = a[p * n + p]!, aqq = a[q * n + q]!;
  // |a_pq| > ε²‖A‖_F (the stopping rule) and |a_qq − a_pp| ≤ 2‖A‖_F keep |θ| < 1/ε² ≈ 2e31.
  const { t, c, s } = jacobiRotation(app, aqq, apq);
  a[p * n + p] = app - t * apq;
  a[q * n + q] = aqq + t * apq;
  a[p * n + q] = a[q * n + p] = 0;
  for (let r = 0; r < n; r++) {
    if (r !== p && r !== q) {
      const arp = a[r * n + p]!, arq = a[r * n + q]!;
      a[r * n + p] = a[p * n + r] = c * arp - s * arq;
      a[r * n + q] = a[q * n + r] = s * arp + c * arq;
    }
    const vrp = v[r * n + p]!, vrq = v[r * n + q]!;
    v[r * n + p] = c * vrp - s * vrq;
    v[r * n + q] = s * vrp + c * vrq;
  }
}

/** Cyclic Jacobi sweeps until no pair needs a rotation. Internal: a is symmetric; both arrays are n×n. */
function jacobi(a: Float64Array, v: Float64Array, n: number, maxSweeps: number): void {
  const floor = EPSILON * EPSILON * norm2Array(a, 0, a.length, 1); // ε²·‖A‖_F
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotations = 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = Math.abs(a[p * n + q]!), app = a[p * n + p]!, aqq = a[q * n + q]!;
        if (apq <= floor || apq <= EPSILON * Math.sqrt(Math.abs(app * aqq))) continue;
        rotate(a, v, n, p, q);
        rotations++;
      }
    }
    if (rotations === 0) return;
  }
  throw new ConvergenceError(`eigSym: Jacobi did not converge in ${maxSweeps} sweeps`);
}

/**
 * Reorder eigenpairs by descending λ and fix each vector's sign (largest-|entry| positive).
 * lambda: length n; V: n×n row-major, columns are vectors. Returns new arrays. Internal.
 */
function sortEigenpairs(lambda: Float64Array, V: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => lambda[j]! - lambda[i]!);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = lambda[from]!;
    const sign = largestEntrySign(V, from, n, n); // column `from` of V
    for (let r = 0; r < n; r++) vectors[r * n + to] = sign * V[r * n + from]!;
  });
  return { values, vectors };
}

/**
 * Eigenvalues λ (descending) and orthonormal eigenvectors V of a symmetric A:
 * A·vᵢ = λᵢ·vᵢ, A = V·diag(λ)·Vᵀ, VᵀV = I (cyclic Jacobi).
 *   A: n×n, row-major, symmetric within τ.  Returns { values: [n], vectors: n×n }.
 * Options: symmetryTolerance τ (default 1e-10), maxSweeps (default 100).
 * Throws ShapeError (non-square), ValueError (NaN/∞, empty, non-symmetric, bad
 * option), ConvergenceError (maxSweeps reached).
 */
export function eigSym(A: Tensor, options?: EigSymOptions): EigSymResult {
  const n = assertSquareInput(A, 'A', 'eigSym');
  const { symmetryTolerance, maxSweeps, method = 'tridiagonal' } = assertOptions(options, ['symmetryTolerance', 'maxSweeps', 'method'], 'eigSym');
  assertOneOf(method, ['tridiagonal', 'jacobi'], 'method', 'eigSym');
  const tolerance = symmetryToleranceOption(symmetryTolerance, 'eigSym');
  const sweeps = maxSweepsOption(maxSweeps, 'eigSym');
  assertSymmetric(A, 'A', 'eigSym', tolerance);
  // Work on A/s (s a power of two ≈ max|a_ij|: exact), so that no product
  // a_pp·a_qq over- or underflows; then λ(A) = s·λ(A/s).
  const a = symmetricPart(A).data;
  const s = powerOfTwoScale(A);
  for (let i = 0; i < a.length; i++) a[i] = a[i]! / s;
  let lambda: Float64Array, V: Float64Array;
  if (method === 'jacobi') {
    V = eye(n).data;
    jacobi(a, V, n, sweeps);
    lambda = new Float64Array(n);
    for (let i = 0; i < n; i++) lambda[i] = a[i * n + i]!;
  } else {
    ({ lambda, V } = eigTridiagonal(a, n, sweeps, 'eigSym'));
  }
  for (let i = 0; i < n; i++) lambda[i] = s * lambda[i]!;
  const { values, vectors } = sortEigenpairs(lambda, V, n);
  return { values: { shape: [n], data: values }, vectors: { shape: [n, n], data: vectors } };
}
