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
import { ShapeError, ValueError, formatShape } from './errors.js';
import { gemmAuto } from './kernels/dispatch.js';
import { Tensor, assertMatrix, assertVector, zeros } from './tensor.js';

/** C = AB. A: m×k or k; B: k×n or k. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length < 1 || a.shape.length > 2 || b.shape.length < 1 || b.shape.length > 2) {
    throw new ShapeError(`matmul: expected matrices or vectors, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [m, k] = a.shape.length === 2 ? [a.shape[0], a.shape[1]] : [1, a.shape[0]];
  const [k2, n] = b.shape.length === 2 ? [b.shape[0], b.shape[1]] : [b.shape[0], 1];
  if (k !== k2) {
    throw new ShapeError(`matmul: inner dimensions differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const shape = [...(a.shape.length === 2 ? [m] : []), ...(b.shape.length === 2 ? [n] : [])];
  const c = zeros(shape);
  gemmAuto(false, false, m, n, k, 1, a.data, b.data, 0, c.data);
  return c;
}

/** Do two arrays share bytes (the same buffer and overlapping byte ranges)? */
function overlaps(x: Float64Array, y: Float64Array): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/**
 * out ← AB, into a preallocated m×n `out`, which must not share memory with
 * `a` or `b` (gemm writes C while it still reads A and B; a disjoint view of
 * the same buffer is fine).
 */
export function matmulInto(out: Tensor, a: Tensor, b: Tensor): Tensor {
  const [m, k] = assertMatrix(a, 'matmulInto');
  const [k2, n] = assertMatrix(b, 'matmulInto');
  const [mo, no] = assertMatrix(out, 'matmulInto');
  if (k !== k2 || mo !== m || no !== n) {
    throw new ShapeError(`matmulInto: cannot write ${formatShape(a.shape)}·${formatShape(b.shape)} into ${formatShape(out.shape)}`);
  }
  if (overlaps(out.data, a.data) || overlaps(out.data, b.data)) {
    throw new ValueError('matmulInto: out shares memory with a or b (write the product into a separate tensor)');
  }
  gemmAuto(false, false, m, n, k, 1, a.data, b.data, 0, out.data);
  return out;
}

/** C = AᵀB. A: k×m, B: k×n, C: m×n. */
export function matmulTransA(a: Tensor, b: Tensor): Tensor {
  const [k, m] = assertMatrix(a, 'matmulTransA');
  const [k2, n] = assertMatrix(b, 'matmulTransA');
  if (k !== k2) throw new ShapeError(`matmulTransA: rows differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const c = zeros([m, n]);
  gemmAuto(true, false, m, n, k, 1, a.data, b.data, 0, c.data);
  return c;
}

/** C = ABᵀ. A: m×k, B: n×k, C: m×n. */
export function matmulTransB(a: Tensor, b: Tensor): Tensor {
  const [m, k] = assertMatrix(a, 'matmulTransB');
  const [n, k2] = assertMatrix(b, 'matmulTransB');
  if (k !== k2) throw new ShapeError(`matmulTransB: columns differ, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const c = zeros([m, n]);
  gemmAuto(false, true, m, n, k, 1, a.data, b.data, 0, c.data);
  return c;
}

/** Aᵀ (a copy). A vector is returned as a copy unchanged. */
export function transpose(a: Tensor): Tensor {
  if (a.shape.length === 1) return { shape: [...a.shape], data: a.data.slice() };
  const [m, n] = assertMatrix(a, 'transpose');
  const t = zeros([n, m]);
  const x = a.data, y = t.data;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) y[j * m + i] = x[i * n + j];
  return t;
}

/** a·b = Σᵢ aᵢbᵢ for vectors of equal length. */
export function dot(a: Tensor, b: Tensor): number {
  const n = assertVector(a, 'dot');
  if (assertVector(b, 'dot') !== n) throw new ShapeError(`dot: lengths differ, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  let s = 0;
  for (let i = 0; i < n; i++) s += a.data[i] * b.data[i];
  return s;
}

/** abᵀ: the m×n matrix with entries aᵢbⱼ. */
export function outer(a: Tensor, b: Tensor): Tensor {
  const m = assertVector(a, 'outer'), n = assertVector(b, 'outer');
  const c = zeros([m, n]);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c.data[i * n + j] = a.data[i] * b.data[j];
  return c;
}
