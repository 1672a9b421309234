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
