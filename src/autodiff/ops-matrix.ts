/**
 * Matrix ops and their local gradients.
 *
 *   matmul     C = AB (A: m×k, B: k×n)    ∂L/∂A = G·Bᵀ    ∂L/∂B = Aᵀ·G     (G = ∂L/∂C: m×n)
 *   transpose  C = Aᵀ                      ∂L/∂A = Gᵀ
 *   reshape    C = A viewed as a new shape ∂L/∂A = G viewed as A's shape
 *
 * As in linalg, a vector operand of matmul acts as a row (left, 1×k) or a
 * column (right, k×1) and its axis is dropped from the result; the backward
 * pass views vectors and G as matrices and uses matmulTransB / matmulTransA,
 * so no transpose is materialised.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Operand, customOp, lift } from './graph.js';
import type { Var } from './var.js';

/** A vector [k] viewed as a row [1, k] (left) or a column [k, 1] (right); a matrix as is. Shares the buffer. */
function asMatrix(t: Tensor, side: 'left' | 'right'): Tensor {
  if (t.shape.length === 2) return t;
  return linalg.reshape(t, side === 'left' ? [1, t.shape[0]] : [t.shape[0], 1]);
}

/** C = AB; A: m×k or k, B: k×n or k (ShapeError naming both shapes otherwise). */
export function matmul(left: Operand, right: Operand): Var {
  const a = lift(left), b = lift(right);
  const c = linalg.matmul(a.value, b.value);
  return customOp('matmul', c, [a, b], (g) => {
    const A = asMatrix(a.value, 'left'), B = asMatrix(b.value, 'right');
    const G = linalg.reshape(g, [A.shape[0], B.shape[1]]);
    return [
      a.requiresGrad ? linalg.reshape(linalg.matmulTransB(G, B), a.value.shape) : null, // G·Bᵀ
      b.requiresGrad ? linalg.reshape(linalg.matmulTransA(A, G), b.value.shape) : null, // Aᵀ·G
    ];
  });
}

/** Aᵀ of a matrix (a vector is returned unchanged). */
export function transpose(a: Operand): Var {
  const x = lift(a);
  return customOp('transpose', linalg.transpose(x.value), [x], (g) => [linalg.transpose(g)]);
}

/**
 * The same entries under a new shape (one dimension may be −1). The value
 * SHARES the input's buffer (linalg.reshape); no op writes into a value.
 */
export function reshape(a: Operand, shape: readonly number[]): Var {
  const x = lift(a);
  const y = linalg.reshape(x.value, shape);
  return customOp('reshape', y, [x], (g) => [linalg.reshape(g, x.value.shape)]);
}
