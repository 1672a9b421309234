/**
 * Products of matrices and vectors (EQ-LINALG-01).
 *
 *   matmul:  C = AB,   C_{ij} = Σ_k A_{ik} B_{kj}      (A: m×k, B: k×n, C: m×n)
 *   matmulTransA: C = AᵀB     matmulTransB: C = ABᵀ   (no transpose is materialised)
 *   dot:     a·b = Σᵢ aᵢbᵢ      outer: (abᵀ)_{ij} = aᵢbⱼ
 *   transpose: (Aᵀ)_{ij} = A_{ji}
 *
 * A vector operand of `matmul` acts as a row (on the left) or a column
 * (on the right), and that axis is dropped from the result, as in NumPy.
 * The loops themselves are in `kernels/gemm.ts`; big products go through
 * `kernels/dispatch.ts`, which hands them to the thread pool of
 * `linalg/parallel` when one is started (same result, bit for bit).
 */
import { ShapeError, ValueError, formatShape } from '../errors/index.js';
import { gemmAuto } from './kernels/dispatch.js';
import { assertMatrix, assertVector } from './tensor.js';
import type { Tensor } from './tensor.js';
import { allocate, assertTensor } from './validate.js';

/**
 * C = AB, C_ij = Σ_k A_ik·B_kj.  A: m×k or a vector of length k (a row);
 * B: k×n or a vector of length k (a column). A vector's axis is dropped from
 * C, as in NumPy: matrix·vector is a vector, vector·vector a rank-0 tensor.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  assertTensor(a, 'a', 'matmul');
  assertTensor(b, 'b', 'matmul');
  const ra = a.shape.length, rb = b.shape.length;
  if (ra < 1 || ra > 2 || rb < 1 || rb > 2) {
    throw new ShapeError(`matmul: expected matrices or vectors, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [m, k] = ra === 2 ? [a.shape[0]!, a.shape[1]!] : [1, a.shape[0]!];
  const [k2, n] = rb === 2 ? [b.shape[0]!, b.shape[1]!] : [b.shape[0]!, 1];
  if (k !== k2) {
    throw new ShapeError(`matmul: inner dimensions differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const shape = [...(ra === 2 ? [m] : []), ...(rb === 2 ? [n] : [])];
  const c = allocate(shape, 'matmul');
  gemmAuto(false, false, m, n, k, 1, a.data, b.data, 0, c);
  return { shape, data: c };
}

/** Do two arrays share bytes (the same buffer and overlapping byte ranges)? */
function overlaps(x: Float64Array, y: Float64Array): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * out ← AB, into a preallocated m×n `out` (A: m×k, B: k×n, all matrices),
 * which must not share memory with `a` or `b` (gemm writes C while it
 * still reads A and B; a disjoint view of the same buffer is fine).
 * Every check runs before `out` is written; returns out.
 */
export function matmulInto(out: Tensor, a: Tensor, b: Tensor): Tensor {
  const [mo, no] = assertMatrix(out, 'out', 'matmulInto');
  const [m, k] = assertMatrix(a, 'a', 'matmulInto');
  const [k2, n] = assertMatrix(b, 'b', 'matmulInto');
  if (k !== k2 || mo !== m || no !== n) {
    throw new ShapeError(`matmulInto: cannot write ${formatShape(a.shape)}·${formatShape(b.shape)} into ${formatShape(out.shape)}`);
  }
  if (overlaps(out.data, a.data) || overlaps(out.data, b.data)) {
    throw new ValueError('matmulInto: out shares memory with a or b (write the product into a separate tensor)');
  }
  gemmAuto(false, false, m, n, k, 1, a.data, b.data, 0, out.data, 'matmulInto');
  return out;
}

/** C = AᵀB, C_ij = Σ_k A_ki·B_kj, without forming Aᵀ.  A: k×m, B: k×n, C: m×n. */
export function matmulTransA(a: Tensor, b: Tensor): Tensor {
  const [k, m] = assertMatrix(a, 'a', 'matmulTransA');
  const [k2, n] = assertMatrix(b, 'b', 'matmulTransA');
  if (k !== k2) throw new ShapeError(`matmulTransA: rows differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const c = allocate([m, n], 'matmulTransA');
  gemmAuto(true, false, m, n, k, 1, a.data, b.data, 0, c, 'matmulTransA');
  return { shape: [m, n], data: c };
}

/** C = ABᵀ, C_ij = Σ_k A_ik·B_jk, without forming Bᵀ.  A: m×k, B: n×k, C: m×n. */
export function matmulTransB(a: Tensor, b: Tensor): Tensor {
  const [m, k] = assertMatrix(a, 'a', 'matmulTransB');
  const [n, k2] = assertMatrix(b, 'b', 'matmulTransB');
  if (k !== k2) throw new ShapeError(`matmulTransB: columns differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const c = allocate([m, n], 'matmulTransB');
  gemmAuto(false, true, m, n, k, 1, a.data, b.data, 0, c, 'matmulTransB');
  return { shape: [m, n], data: c };
}

/** Aᵀ, (Aᵀ)_ij = A_ji, as a copy (A: m×n gives n×m). A vector is returned as a copy unchanged. */
export function transpose(a: Tensor): Tensor {
  assertTensor(a, 'a', 'transpose');
  if (a.shape.length === 1) return { shape: [...a.shape], data: a.data.slice() };
  if (a.shape.length !== 2) throw new ShapeError(`transpose: a must be a vector or a matrix, got shape ${formatShape(a.shape)}`);
  const [m, n] = assertMatrix(a, 'a', 'transpose');
  const x = a.data, y = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) y[j * m + i] = x[i * n + j]!;
  return { shape: [n, m], data: y };
}

/** a·b = Σᵢ aᵢbᵢ for vectors a and b of equal length. */
export function dot(a: Tensor, b: Tensor): number {
  const n = assertVector(a, 'a', 'dot');
  if (assertVector(b, 'b', 'dot') !== n) throw new ShapeError(`dot: lengths differ, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const x = a.data, y = b.data;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]! * y[i]!;
  return s;
}

/** abᵀ: the m×n matrix with entries (abᵀ)_ij = aᵢbⱼ, for vectors a (length m) and b (length n). */
export function outer(a: Tensor, b: Tensor): Tensor {
  const m = assertVector(a, 'a', 'outer'), n = assertVector(b, 'b', 'outer');
  const c = allocate([m, n], 'outer');
  const x = a.data, y = b.data;
  for (let i = 0; i < m; i++) {
    const xi = x[i]!;
    for (let j = 0; j < n; j++) c[i * n + j] = xi * y[j]!;
  }
  return { shape: [m, n], data: c };
}
