/**
 * Masking: keeping some entries and replacing or zeroing the others.
 *
 *   where(c, x, f)   yᵢ = xᵢ if cᵢ ≠ 0, else f       ∂L/∂xᵢ = gᵢ·[cᵢ ≠ 0]
 *   mul(x, m)        yᵢ = xᵢ·mᵢ (a fixed 0/1 or scaled mask: use ops-arith's mul
 *                    with a Tensor, which is a constant)
 *
 * `where` is the attention mask: before softmax, fill a large finite
 * negative number such as −1e9 where a position may not be attended.
 * e^{−1e9 − m} is exactly 0 next to any ordinary logit, and the fill stays
 * finite in any other op it meets. A fill of −∞ works with softmax and
 * logSoftmax (a fully masked row is uniform there, as with −1e9; see
 * softmax.ts) but turns to NaN in other arithmetic, e.g. 0·(−∞) or
 * (−∞) − (−∞).
 *
 * `dropoutMask` draws the inverted-dropout mask mᵢ = [uᵢ ≥ p]/(1 − p), so
 * that E[xᵢ·mᵢ] = xᵢ. The condition and the mask are data, never
 * differentiated.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import type { Rng } from '../random/index.js';
import { expandTo } from './helpers.js';
import { Operand, customOp, lift } from './graph.js';
import type { Var } from './var.js';

const { ShapeError, ValueError, formatShape } = linalg;

/** x where `condition` ≠ 0, `fill` elsewhere (for an attention mask, −1e9); the condition broadcasts to x's shape. */
export function where(condition: Tensor, input: Operand, fill: number): Var {
  const x = lift(input);
  const shape = x.value.shape;
  const joint = linalg.broadcastShapes(condition.shape, shape, 'where');
  if (!linalg.sameShape(joint, shape)) {
    throw new ShapeError(`where: condition shape ${formatShape(condition.shape)} does not broadcast to input shape ${formatShape(shape)}`);
  }
  const keep = expandTo(condition, shape).data;
  const xd = x.value.data, y = new Float64Array(xd.length);
  for (let i = 0; i < y.length; i++) y[i] = keep[i] !== 0 ? xd[i] : fill;
  return customOp('where', { shape: [...shape], data: y }, [x], (g) => {
    const dx = new Float64Array(y.length);
    for (let i = 0; i < dx.length; i++) dx[i] = keep[i] !== 0 ? g.data[i] : 0;
    return [{ shape: [...shape], data: dx }];
  });
}

/** An inverted-dropout mask of the given shape: 0 with probability p, else 1/(1 − p). 0 ≤ p < 1. */
export function dropoutMask(shape: readonly number[], p: number, rng: Rng): Tensor {
  if (!(p >= 0 && p < 1)) throw new ValueError(`dropoutMask: p must be in [0, 1), got ${p}`);
  const m = linalg.zeros(shape);
  const kept = 1 / (1 - p);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.next() >= p ? kept : 0;
  return m;
}
