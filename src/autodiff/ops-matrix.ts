/**
 * Matrix ops and their local gradients.
 *
 *   matmul     C = AB (A: m×k, B: k×n)    ∂L/∂A = G·Bᵀ    ∂L/∂B = Aᵀ·G     (G = ∂L/∂C: m×n)
 *   transpose  C = Aᵀ                      ∂L/∂A = Gᵀ
 *   reshape    C = A viewed as a new shape ∂L/∂A = G viewed as A's shape
 *   bmm        C[b] = A[b]·B[b] (A: B×m×k, B: B×k×n)
 *              ∂L/∂A[b] = G[b]·B[b]ᵀ   ∂L/∂B[b] = A[b]ᵀ·G[b]   (linalg.bmm with transB / transA)
 *   permute    Y = X with its axes reordered   ∂L/∂X = G with the inverse order
 *
 * As in linalg, a vector operand of matmul acts as a row (left, 1×k) or a
 * column (right, k×1) and its axis is dropped from the result; the backward
 * pass views vectors and G as matrices and uses matmulTransB / matmulTransA,
 * so no transpose is materialised.
 */
import { ArgumentTypeError, ShapeError, assertInteger, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { operand, record } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';

/** A vector [k] viewed as a row [1, k] (left) or a column [k, 1] (right); a matrix as is. Shares the buffer. Internal. */
function asMatrix(t: Tensor, side: 'left' | 'right'): Tensor {
  const [k = 0] = t.shape;
  if (t.shape.length === 2) return t;
  return linalg.reshape(t, side === 'left' ? [1, k] : [k, 1]);
}

/**
 * C = AB; A: m×k or a vector k (a row), B: k×n or a vector k (a column)
 * (ShapeError naming both shapes otherwise). ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G.
 */
export function matmul(left: Operand, right: Operand): Var {
  const a = operand(left, 'a', 'matmul'), b = operand(right, 'b', 'matmul');
  const c = linalg.matmul(a.value, b.value);
  return record('matmul', c, [a, b], (g) => {
    const A = asMatrix(a.value, 'left'), B = asMatrix(b.value, 'right');
    const [m = 0] = A.shape, [, n = 0] = B.shape;
    const G = linalg.reshape(g, [m, n]);
    return [
      a.requiresGrad ? linalg.reshape(linalg.matmulTransB(G, B), a.value.shape) : null, // G·Bᵀ
      b.requiresGrad ? linalg.reshape(linalg.matmulTransA(A, G), b.value.shape) : null, // Aᵀ·G
    ];
  });
}

/** C = Aᵀ of a matrix (a vector is returned unchanged); ∂L/∂A = Gᵀ. */
export function transpose(a: Operand): Var {
  const x = operand(a, 'a', 'transpose');
  return record('transpose', linalg.transpose(x.value), [x], (g) => [linalg.transpose(g)]);
}

/**
 * The same entries under a new shape (one dimension may be −1, inferred);
 * ∂L/∂A = G viewed as A's shape. The value SHARES the input's buffer
 * (linalg.reshape); no op writes into a value.
 */
export function reshape(a: Operand, shape: readonly number[]): Var {
  const x = operand(a, 'a', 'reshape');
  const y = linalg.reshape(x.value, shape);
  return record('reshape', y, [x], (g) => [linalg.reshape(g, x.value.shape)]);
}

/** Options of bmm: read A[b]ᵀ or B[b]ᵀ without materialising it (QKᵀ of attention is bmm(Q, K, { transB: true })). */
export interface BmmOptions {
  /** op(A) = Aᵀ: A is B×k×m (default false). */
  transA?: boolean | undefined;
  /** op(B) = Bᵀ: B is B×n×k (default false). */
  transB?: boolean | undefined;
}

/**
 * Batched product C[b] = op(A[b])·op(B[b]) over the leading axis
 * (default op(X) = X: A: B×m×k, B: B×k×n, C: B×m×n; ShapeError otherwise):
 * attention over a batch of sequences in one op rather than a loop of small
 * matmuls. Each batch entry runs through linalg's GEMM kernel, forward and
 * backward, with no transpose materialised:
 * ∂L/∂op(A)[b] = G[b]·op(B)[b]ᵀ, ∂L/∂op(B)[b] = op(A)[b]ᵀ·G[b].
 */
export function bmm(left: Operand, right: Operand, options?: BmmOptions): Var {
  const a = operand(left, 'a', 'bmm'), b = operand(right, 'b', 'bmm');
  const c = linalg.bmm(a.value, b.value, options);
  const transA = options?.transA === true, transB = options?.transB === true;
  return record('bmm', c, [a, b], (g) => [
    a.requiresGrad ? gradientOfLeft(g, b.value, transA, transB) : null,
    b.requiresGrad ? gradientOfRight(g, a.value, transA, transB) : null,
  ]);
}

/** ∂L/∂A of C = op(A)·op(B): G·op(B)ᵀ, or its transpose op(B)·Gᵀ when op(A) = Aᵀ. Internal. */
function gradientOfLeft(g: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  return transA ? linalg.bmm(b, g, { transA: transB, transB: true }) : linalg.bmm(g, b, { transB: !transB });
}

/** ∂L/∂B of C = op(A)·op(B): op(A)ᵀ·G, or its transpose Gᵀ·op(A) when op(B) = Bᵀ. Internal. */
function gradientOfRight(g: Tensor, a: Tensor, transA: boolean, transB: boolean): Tensor {
  return transB ? linalg.bmm(g, a, { transA: true, transB: transA }) : linalg.bmm(a, g, { transA: !transA });
}

/**
 * Y = X with its axes reordered: Y's axis i is X's axis axes[i] (a
 * permutation of 0 … rank−1; negative entries count from the end), e.g.
 * [B, T, h, d_h] → [B, h, T, d_h] with axes [0, 2, 1, 3] to split attention
 * heads. ∂L/∂X = G permuted back by the inverse permutation. The value is a
 * copy (row-major in its new order).
 */
export function permute(a: Operand, axes: readonly number[]): Var {
  const x = operand(a, 'a', 'permute');
  const shape = x.value.shape, rank = shape.length;
  if (!Array.isArray(axes)) throw new ArgumentTypeError(`permute: axes must be an array of axis numbers, got ${describeValue(axes)}`);
  const perm = axes.map((ax: unknown, i) => {
    const k = assertInteger(ax, `axes[${i}]`, 'permute');
    return k < 0 ? k + rank : k;
  });
  const seen = new Set(perm);
  if (perm.length !== rank || seen.size !== rank || perm.some((ax) => ax < 0 || ax >= rank)) {
    throw new ShapeError(`permute: axes [${axes.join(', ')}] are not a permutation of the ${rank} axes of shape ${formatShape(shape)}`);
  }
  const inverse = new Array<number>(rank);
  perm.forEach((ax, i) => {
    inverse[ax] = i;
  });
  return record('permute', permuted(x.value, perm), [x], (g) => [permuted(g, inverse)]);
}

/** X with axis i of the result taken from axis perm[i] of X (a copy). Internal: perm is a permutation of X's axes. */
function permuted(x: Tensor, perm: readonly number[]): Tensor {
  const inShape = x.shape, rank = inShape.length;
  const inStrides = new Array<number>(rank);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = stride;
    stride *= inShape[i]!;
  }
  const shape = perm.map((ax) => inShape[ax]!);
  const strides = perm.map((ax) => inStrides[ax]!); // the input stride of each output axis
  const xd = x.data, y = new Float64Array(xd.length);
  const index = new Array<number>(rank).fill(0);
  let from = 0;
  for (let to = 0; to < y.length; to++) {
    y[to] = xd[from]!;
    for (let i = rank - 1; i >= 0; i--) { // odometer over the output index, moving `from` along
      const si = strides[i]!;
      index[i] = index[i]! + 1;
      from += si;
      if (index[i]! < shape[i]!) break;
      from -= si * shape[i]!;
      index[i] = 0;
    }
  }
  return { shape, data: y };
}
