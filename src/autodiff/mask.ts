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
import { assertShape, assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { ArgumentTypeError, ShapeError, assertInstance, assertNumber, formatShape } from '../errors/index.js';
import { Rng } from '../random/index.js';
import { expandTo } from './helpers.js';
import { operand, record } from './graph.js';
import type { Operand } from './graph.js';
import { Var } from './var.js';
import { allocate, assertBound } from './validate.js';

/**
 * yᵢ = xᵢ where cᵢ ≠ 0, else `fill` (a number, not NaN; −1e9 for an
 * attention mask); ∂L/∂xᵢ = gᵢ·[cᵢ ≠ 0]. The condition c is a Tensor (data,
 * never differentiated) whose shape broadcasts to x's.
 */
export function where(condition: Tensor, input: Operand, fill: number): Var {
  if (condition instanceof Var) {
    throw new ArgumentTypeError('where: condition must be a Tensor (data, not differentiated), got a Var; pass its value, condition.value');
  }
  assertTensor(condition, 'condition', 'where');
  const x = operand(input, 'x', 'where');
  assertBound(fill, 'fill', 'where');
  const shape = x.value.shape;
  const joint = linalg.broadcastShapes(condition.shape, shape, 'where');
  if (!linalg.sameShape(joint, shape)) {
    throw new ShapeError(`where: condition shape ${formatShape(condition.shape)} does not broadcast to input shape ${formatShape(shape)}`);
  }
  const keep = expandTo(condition, shape).data;
  const xd = x.value.data, y = new Float64Array(xd.length);
  for (let i = 0; i < y.length; i++) {
    const ki = keep[i]!, xi = xd[i]!;
    y[i] = ki !== 0 ? xi : fill;
  }
  return record('where', { shape: [...shape], data: y }, [x], (g) => {
    const gd = g.data;
    const dx = new Float64Array(y.length);
    for (let i = 0; i < dx.length; i++) {
      const ki = keep[i]!, gi = gd[i]!;
      dx[i] = ki !== 0 ? gi : 0;
    }
    return [{ shape: [...shape], data: dx }];
  });
}

/**
 * An inverted-dropout mask m of the given shape, mᵢ = [uᵢ ≥ p]/(1 − p) with
 * uᵢ ~ U[0, 1) from `rng`: 0 with probability p, else 1/(1 − p), so that
 * E[xᵢ·mᵢ] = xᵢ. 0 ≤ p < 1.
 */
export function dropoutMask(shape: readonly number[], p: number, rng: Rng): Tensor {
  assertShape(shape, 'shape', 'dropoutMask');
  assertNumber(p, 'p', 'dropoutMask', { min: 0, max: 1, maxExclusive: true });
  assertInstance(rng, Rng, 'rng', 'dropoutMask');
  const m = allocate(shape, 'dropoutMask');
  const kept = 1 / (1 - p);
  const md = m.data;
  for (let i = 0; i < md.length; i++) md[i] = rng.next() >= p ? kept : 0;
  return m;
}
