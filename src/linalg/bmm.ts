/**
 * Batched matrix product: one GEMM per batch entry, over rank-3 tensors.
 *
 *   bmm(A, B)[b] = A[b]·B[b]          A: B×m×k, B: B×k×n, C: B×m×n
 *   C[b, i, j] = Σ_p A[b, i, p]·B[b, p, j]
 *
 * `transA` / `transB` read A[b]ᵀ (A: B×k×m) or B[b]ᵀ (B: B×n×k) without
 * materialising the transpose, as matmulTransA / matmulTransB do for one
 * matrix: these are the two products of bmm's gradient
 * (∂L/∂A[b] = G[b]·B[b]ᵀ, ∂L/∂B[b] = A[b]ᵀ·G[b]). Each batch entry goes
 * through the same kernel as `matmul` (kernels/gemm.ts, or the pool for
 * big products), on views of the row-major buffers, so bmm(A, B)[b] is
 * bit-identical to matmul(A[b], B[b]).
 */
import { ShapeError, assertBoolean, assertOptions, formatShape } from '../errors/index.js';
import { gemmAuto } from './kernels/dispatch.js';
import type { Tensor } from './tensor.js';
import { allocate, assertTensor } from './validate.js';

/** Options of bmm. */
export interface BmmOptions {
  /** Use A[b]ᵀ: A is B×k×m (default false). */
  transA?: boolean | undefined;
  /** Use B[b]ᵀ: B is B×n×k (default false). */
  transB?: boolean | undefined;
}

/**
 * C[b] = op(A[b])·op(B[b]) for every b of the leading (batch) axis, with
 * op(X) = X or Xᵀ as the options say. A and B are rank-3 with the same
 * batch size and matching inner dimensions (ShapeError naming both shapes
 * otherwise); C is B×m×n.
 */
export function bmm(a: Tensor, b: Tensor, options?: BmmOptions): Tensor {
  assertTensor(a, 'a', 'bmm');
  assertTensor(b, 'b', 'bmm');
  const o = assertOptions(options, ['transA', 'transB'], 'bmm');
  const transA = assertBoolean(o.transA ?? false, 'transA', 'bmm');
  const transB = assertBoolean(o.transB ?? false, 'transB', 'bmm');
  if (a.shape.length !== 3 || b.shape.length !== 3) {
    throw new ShapeError(`bmm: expected two rank-3 tensors (batch × rows × columns), got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [batch, a1, a2] = a.shape as [number, number, number];
  const [batchB, b1, b2] = b.shape as [number, number, number];
  const [m, k] = transA ? [a2, a1] : [a1, a2];
  const [k2, n] = transB ? [b2, b1] : [b1, b2];
  if (batch !== batchB) throw new ShapeError(`bmm: batch sizes differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  if (k !== k2) {
    const ops = `${transA ? 'Aᵀ' : 'A'}·${transB ? 'Bᵀ' : 'B'}`;
    throw new ShapeError(`bmm: inner dimensions of ${ops} differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const shape = [batch, m, n];
  const c = allocate(shape, 'bmm');
  const sa = m * k, sb = k * n, sc = m * n;
  for (let t = 0; t < batch; t++) {
    gemmAuto(transA, transB, m, n, k, 1, a.data.subarray(t * sa, (t + 1) * sa), b.data.subarray(t * sb, (t + 1) * sb), 0, c.subarray(t * sc, (t + 1) * sc), 'bmm');
  }
  return { shape, data: c };
}
