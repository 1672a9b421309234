/**
 * Arithmetic ops, element-wise with broadcasting (see helpers.ts), with
 * their local gradients. For z = f(a, b) with upstream g = ∂L/∂z:
 *
 *   add   z = a + b      ∂L/∂a = g             ∂L/∂b = g
 *   sub   z = a − b      ∂L/∂a = g             ∂L/∂b = −g
 *   mul   z = a ⊙ b      ∂L/∂a = g ⊙ b         ∂L/∂b = g ⊙ a
 *   div   z = a ⊘ b      ∂L/∂a = g ⊘ b         ∂L/∂b = −g ⊙ z ⊘ b
 *   pow   z = a^b        ∂L/∂a = g ⊙ b·a^{b−1} ∂L/∂b = g ⊙ z·ln a
 *         (∂a is 0 where b = 0, not 0·0⁻¹ = NaN at a = 0; ∂b is 0 where z = 0)
 *   neg   z = −a         ∂L/∂a = −g
 *
 * each followed by sumToShape to undo the broadcast. Operands may be Vars,
 * Tensors or numbers (constants), so `add(h, b)` adds a bias row [d] to a
 * batch [n, d] and `mul(x, 0.5)` scales.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as math from '../math/index.js';
import { foldTo } from './helpers.js';
import { operand, record } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';

type Rule = (g: Tensor, a: Tensor, b: Tensor, z: Tensor) => Tensor;

/** A broadcasting binary op: forward `f`, local rules `da`, `db` (in the broadcast shape). Checks both operands as `op`'s. */
function binary(op: string, left: unknown, right: unknown, f: (a: Tensor, b: Tensor) => Tensor, da: Rule, db: Rule): Var {
  const a = operand(left, 'a', op), b = operand(right, 'b', op);
  linalg.broadcastShapes(a.value.shape, b.value.shape, op); // a ShapeError naming the op, before anything is computed
  const z = f(a.value, b.value);
  return record(op, z, [a, b], (g) => [
    a.requiresGrad ? foldTo(da(g, a.value, b.value, z), a.value.shape) : null,
    b.requiresGrad ? foldTo(db(g, a.value, b.value, z), b.value.shape) : null,
  ]);
}

/** ∂L/∂a = g (g has the broadcast shape; foldTo sums it back). */
const same = (g: Tensor): Tensor => g;

/** z = a + b, broadcasting; ∂L/∂a = g, ∂L/∂b = g (each summed back to its operand's shape). */
export function add(a: Operand, b: Operand): Var {
  return binary('add', a, b, linalg.add, same, same);
}

/** z = a − b, broadcasting; ∂L/∂a = g, ∂L/∂b = −g. */
export function sub(a: Operand, b: Operand): Var {
  return binary('sub', a, b, linalg.sub, same, (g) => linalg.neg(g));
}

/** z = a ⊙ b (entry-wise), broadcasting; ∂L/∂a = g ⊙ b, ∂L/∂b = g ⊙ a. */
export function mul(a: Operand, b: Operand): Var {
  return binary('mul', a, b, linalg.mul, (g, _a, b) => linalg.mul(g, b), (g, a) => linalg.mul(g, a));
}

/** z = a ⊘ b (entry-wise), broadcasting; ∂L/∂a = g ⊘ b, ∂L/∂b = −g ⊙ z ⊘ b. */
export function div(a: Operand, b: Operand): Var {
  return binary(
    'div', a, b, linalg.div,
    (g, _a, b) => linalg.div(g, b),
    (g, _a, b, z) => linalg.neg(linalg.div(linalg.mul(g, z), b)),
  );
}

/**
 * z = a^b (entry-wise), broadcasting; ∂L/∂a = g ⊙ b·a^{b−1} (0 where b = 0),
 * ∂L/∂b = g ⊙ z·ln a, which needs a > 0 (taken as 0 where a^b = 0).
 */
export function pow(a: Operand, b: Operand): Var {
  return binary(
    'pow', a, b, linalg.pow,
    (g, a, b) => linalg.mul(g, linalg.zipWith(a, b, (x, p) => (p === 0 ? 0 : p * math.pow(x, p - 1)))),
    (g, a, _b, z) => linalg.mul(g, linalg.zipWith(z, a, (y, x) => (y === 0 ? 0 : y * math.log(x)))),
  );
}

/** z = −a; ∂L/∂a = −g. */
export function neg(a: Operand): Var {
  const x = operand(a, 'a', 'neg');
  return record('neg', linalg.neg(x.value), [x], (g) => [linalg.neg(g)]);
}
