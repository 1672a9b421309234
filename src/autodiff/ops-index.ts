/**
 * Ops that pick or join entries along one axis, with their local gradients.
 *
 *   indexSelect  Y[…, j, …] = X[…, idx[j], …]     ∂L/∂X[…, i, …] = Σ_{j : idx[j] = i} ∂L/∂Y[…, j, …]
 *   slice        Y = X[…, start:end, …]           ∂L/∂X = G placed at start:end, 0 elsewhere
 *   concat       Y = [X₁ | X₂ | …] along an axis   ∂L/∂Xₚ = the p-th block of G
 *
 * All three are one gather (forward) and one scatter-add (backward) along an
 * axis, viewing a tensor as [outer, n, inner] around it. indexSelect is the
 * embedding lookup (a repeated index accumulates its gradients); slice picks
 * RNN time steps.
 *
 * Errors: an index or range outside the axis (or not an integer) is a
 * ValueError, like any argument value out of range; an axis outside the rank,
 * or concat parts whose other dimensions differ, is a ShapeError.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Operand, customOp, lift } from './graph.js';
import type { Var } from './var.js';

const { ShapeError, ValueError, formatShape } = linalg;

/** Y = X gathered at `index` along axis a. Internal: indices are valid. */
function gather(x: Tensor, a: number, index: ArrayLike<number>): Tensor {
  const [outer, n, inner] = linalg.splitAxis(x.shape, a, 'gather');
  const k = index.length;
  const y = new Float64Array(outer * k * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const from = (o * n + index[j]) * inner;
      y.set(x.data.subarray(from, from + inner), (o * k + j) * inner);
    }
  }
  return { shape: x.shape.map((d, i) => (i === a ? k : d)), data: y };
}

/** out[…, index[j], …] += y[…, j, …] along axis a, out of shape `shape`. Internal: indices are valid. */
function scatterAdd(out: Float64Array, shape: readonly number[], a: number, y: Tensor, index: ArrayLike<number>): void {
  const [outer, n, inner] = linalg.splitAxis(shape, a, 'scatterAdd');
  const k = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const to = (o * n + index[j]) * inner, from = (o * k + j) * inner;
      for (let i = 0; i < inner; i++) out[to + i] += y.data[from + i];
    }
  }
}

function range(start: number, end: number): Int32Array {
  const r = new Int32Array(end - start);
  for (let i = 0; i < r.length; i++) r[i] = start + i;
  return r;
}

/** Entries at integer positions `indices` (each in [0, n)) along `axis` (default 0). */
export function indexSelect(a: Operand, indices: ArrayLike<number>, axis = 0): Var {
  const x = lift(a);
  const [, n, , ax] = linalg.splitAxis(x.value.shape, axis, 'indexSelect');
  const index = Int32Array.from({ length: indices.length }, (_, j) => {
    const i = indices[j];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new ValueError(`indexSelect: index ${i} at position ${j} is out of range [0, ${n}) for axis ${axis} of shape ${formatShape(x.value.shape)}`);
    }
    return i;
  });
  return customOp('indexSelect', gather(x.value, ax, index), [x], (g) => {
    const dx = new Float64Array(x.value.data.length);
    scatterAdd(dx, x.value.shape, ax, g, index);
    return [{ shape: [...x.value.shape], data: dx }];
  });
}

/** Entries start ≤ i < end along `axis` (default 0); 0 ≤ start ≤ end ≤ n. */
export function slice(a: Operand, start: number, end: number, axis = 0): Var {
  const x = lift(a);
  const [, n, , ax] = linalg.splitAxis(x.value.shape, axis, 'slice');
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > n) {
    throw new ValueError(`slice: range ${start}:${end} is not within [0, ${n}] for axis ${axis} of shape ${formatShape(x.value.shape)}`);
  }
  const index = range(start, end);
  return customOp('slice', gather(x.value, ax, index), [x], (g) => {
    const dx = new Float64Array(x.value.data.length);
    scatterAdd(dx, x.value.shape, ax, g, index);
    return [{ shape: [...x.value.shape], data: dx }];
  });
}

/** The operands joined along `axis` (default 0); all other dimensions must agree. */
export function concat(parts: readonly Operand[], axis = 0): Var {
  if (parts.length === 0) throw new ValueError('concat: expected at least one operand, got none');
  const xs = parts.map(lift);
  const first = xs[0].value.shape;
  const ax = linalg.splitAxis(first, axis, 'concat')[3];
  for (const x of xs) {
    const s = x.value.shape;
    if (s.length !== first.length || s.some((d, i) => i !== ax && d !== first[i])) {
      throw new ShapeError(`concat: shapes ${formatShape(first)} and ${formatShape(s)} differ outside axis ${axis}`);
    }
  }
  const offsets = [0];
  for (const x of xs) offsets.push(offsets[offsets.length - 1] + x.value.shape[ax]);
  const shape = first.map((d, i) => (i === ax ? offsets[xs.length] : d));
  const y = new Float64Array(linalg.sizeOf(shape));
  xs.forEach((x, p) => scatterAdd(y, shape, ax, x.value, range(offsets[p], offsets[p + 1])));
  return customOp('concat', { shape, data: y }, xs, (g) =>
    xs.map((x, p) => (x.requiresGrad ? gather(g, ax, range(offsets[p], offsets[p + 1])) : null)),
  );
}
