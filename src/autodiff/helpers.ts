/**
 * Shared pieces of the ops: the reverse of broadcasting, its forward
 * (repeating a tensor up to a shape), and the element-wise op pattern.
 *
 * Broadcasting (NumPy rules, as in linalg): shapes align at their last axis;
 * two dimensions fit when equal or when one is 1 (a missing leading
 * dimension counts as 1). The reverse of broadcasting is a sum: if x of
 * shape s was broadcast to y, then
 *
 *   ∂L/∂x[j] = Σ_{i : i broadcasts from j} ∂L/∂y[i]      (sumToShape)
 *
 * e.g. a bias b of shape [d] added to a batch [n, d] gets ∂L/∂b = Σ_rows ∂L/∂y.
 */
import * as linalg from '../linalg/index.js';
import { assertShape, assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { ShapeError, formatShape } from '../errors/index.js';
import { operand, record } from './graph.js';
import type { Var } from './var.js';

/**
 * Sum g (of a broadcast shape) back down to `shape`, the reverse of
 * broadcasting, ∂L/∂x[j] = Σ_{i broadcast from j} g[i]: for a custom op that
 * broadcasts an input of `shape`. Returns g itself when the shapes already
 * agree; a ShapeError naming both shapes when `shape` does not broadcast to
 * g.shape.
 */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  assertTensor(g, 'g', 'sumToShape');
  assertShape(shape, 'shape', 'sumToShape');
  if (linalg.sameShape(g.shape, shape)) return g;
  const offset = g.shape.length - shape.length; // shapes align at their last axis
  if (offset < 0 || shape.some((d, k) => d !== 1 && d !== g.shape[offset + k])) {
    throw new ShapeError(`sumToShape: shape ${formatShape(shape)} does not broadcast to the gradient's shape ${formatShape(g.shape)}`);
  }
  return foldTo(g, shape);
}

/** sumToShape without the checks. Internal: `shape` broadcasts to g.shape. */
export function foldTo(g: Tensor, shape: readonly number[]): Tensor {
  if (linalg.sameShape(g.shape, shape)) return g;
  const out = new Float64Array(linalg.sizeOf(shape));
  const source = linalg.broadcastIndex(shape, g.shape);
  const gd = g.data;
  for (let i = 0; i < gd.length; i++) {
    const gi = gd[i]!, si = source[i]!;
    out[si] = out[si]! + gi;
  }
  return { shape: [...shape], data: out };
}

/** Repeat g (whose shape broadcasts to `shape`) up to `shape`: the forward of broadcasting. Internal. */
export function expandTo(g: Tensor, shape: readonly number[]): Tensor {
  const source = linalg.broadcastIndex(g.shape, shape);
  const gd = g.data;
  const out = new Float64Array(source.length);
  for (let i = 0; i < out.length; i++) out[i] = gd[source[i]!]!;
  return { shape: [...shape], data: out };
}

/**
 * An element-wise op y = f(x) with local derivative ∂yᵢ/∂xᵢ = df(xᵢ, yᵢ),
 * so that ∂L/∂xᵢ = gᵢ · df(xᵢ, yᵢ). `a` is checked as the operand of `op`. Internal.
 */
export function unary(op: string, a: unknown, f: (x: number) => number, df: (x: number, y: number) => number): Var {
  const x = operand(a, 'x', op);
  const xd = x.value.data;
  const { shape, data: y } = linalg.map(x.value, f);
  return record(op, { shape, data: y }, [x], (g) => {
    const gd = g.data;
    const dx = new Float64Array(y.length);
    for (let i = 0; i < dx.length; i++) {
      const gi = gd[i]!, xi = xd[i]!, yi = y[i]!;
      dx[i] = gi * df(xi, yi);
    }
    return [{ shape, data: dx }];
  });
}
