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
import { ArgumentTypeError, ShapeError, ValueError, assertInteger, describeValue, formatShape } from '../errors/index.js';
import { operand, record } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';
import { allocate, assertIndices } from './validate.js';

/** Y = X gathered at `index` along axis a (`where` names the public function). Internal: a is in range and the indices are valid. */
function gather(x: Tensor, a: number, index: Int32Array, where: string): Tensor {
  const [outer, n, inner] = linalg.splitAxis(x.shape, a, where);
  const k = index.length;
  const shape = x.shape.map((d, i) => (i === a ? k : d));
  const y = allocate(shape, where).data;
  const xd = x.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const ij = index[j]!;
      const from = (o * n + ij) * inner, to = (o * k + j) * inner;
      if (inner >= 16) y.set(xd.subarray(from, from + inner), to);
      else for (let i = 0; i < inner; i++) y[to + i] = xd[from + i]!; // a short run: cheaper than making a subarray view
    }
  }
  return { shape, data: y };
}

/** out[…, index[j], …] += y[…, j, …] along axis a, out of shape `shape`. Internal: a is in range and the indices are valid. */
function scatterAdd(out: Float64Array, shape: readonly number[], a: number, y: Tensor, index: Int32Array): void {
  const [outer, n, inner] = linalg.splitAxis(shape, a, 'scatterAdd');
  const k = index.length;
  const yd = y.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const ij = index[j]!;
      const to = (o * n + ij) * inner, from = (o * k + j) * inner;
      for (let i = 0; i < inner; i++) {
        const yi = yd[from + i]!;
        out[to + i] = out[to + i]! + yi;
      }
    }
  }
}

function range(start: number, end: number): Int32Array {
  const r = new Int32Array(end - start);
  for (let i = 0; i < r.length; i++) r[i] = start + i;
  return r;
}

/**
 * Y = X at integer positions `indices` (each in [0, n); an array or a typed
 * array) along `axis` (default 0): Y[…, j, …] = X[…, idx[j], …]. A repeated
 * index sums its gradients: ∂L/∂X[…, i, …] = Σ_{j : idx[j] = i} ∂L/∂Y[…, j, …].
 */
export function indexSelect(a: Operand, indices: ArrayLike<number>, axis = 0): Var {
  const x = operand(a, 'a', 'indexSelect');
  const list = assertIndices(indices, 'indices', 'indexSelect');
  assertInteger(axis, 'axis', 'indexSelect');
  const [, n, , ax] = linalg.splitAxis(x.value.shape, axis, 'indexSelect');
  const index = new Int32Array(list.length);
  for (let j = 0; j < index.length; j++) {
    const i = list[j];
    if (typeof i !== 'number') throw new ArgumentTypeError(`indexSelect: indices[${j}] must be an integer, got ${describeValue(i)}`);
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new ValueError(`indexSelect: index ${i} at position ${j} is out of range [0, ${n}) for axis ${axis} of shape ${formatShape(x.value.shape)}`);
    }
    index[j] = i;
  }
  return record('indexSelect', gather(x.value, ax, index, 'indexSelect'), [x], (g) => {
    const dx = new Float64Array(x.value.data.length);
    scatterAdd(dx, x.value.shape, ax, g, index);
    return [{ shape: [...x.value.shape], data: dx }];
  });
}

/**
 * Y = X[…, start:end, …], the entries start ≤ i < end along `axis` (default
 * 0), integers with 0 ≤ start ≤ end ≤ n; ∂L/∂X = G placed at start:end, 0 elsewhere.
 */
export function slice(a: Operand, start: number, end: number, axis = 0): Var {
  const x = operand(a, 'a', 'slice');
  assertInteger(start, 'start', 'slice');
  assertInteger(end, 'end', 'slice');
  assertInteger(axis, 'axis', 'slice');
  const [, n, , ax] = linalg.splitAxis(x.value.shape, axis, 'slice');
  if (start < 0 || end < start || end > n) {
    throw new ValueError(`slice: range ${start}:${end} is not within [0, ${n}] for axis ${axis} of shape ${formatShape(x.value.shape)}`);
  }
  const index = range(start, end);
  return record('slice', gather(x.value, ax, index, 'slice'), [x], (g) => {
    const dx = new Float64Array(x.value.data.length);
    scatterAdd(dx, x.value.shape, ax, g, index);
    return [{ shape: [...x.value.shape], data: dx }];
  });
}

/**
 * Y = [X₁ | X₂ | …], the operands joined along `axis` (default 0); all other
 * dimensions must agree. ∂L/∂Xₚ = the p-th block of G.
 */
export function concat(parts: readonly Operand[], axis = 0): Var {
  if (!Array.isArray(parts)) {
    throw new ArgumentTypeError(`concat: parts must be an array of operands (Vars, Tensors or numbers), got ${describeValue(parts)}`);
  }
  const xs = parts.map((p: unknown, i) => operand(p, `parts[${i}]`, 'concat'));
  assertInteger(axis, 'axis', 'concat');
  const [first] = xs;
  if (first === undefined) throw new ValueError('concat: expected at least one operand, got none');
  const shape0 = first.value.shape;
  const ax = linalg.splitAxis(shape0, axis, 'concat')[3];
  for (const x of xs) {
    const s = x.value.shape;
    if (s.length !== shape0.length || s.some((d, i) => i !== ax && d !== shape0[i])) {
      throw new ShapeError(`concat: shapes ${formatShape(shape0)} and ${formatShape(s)} differ outside axis ${axis}`);
    }
  }
  const blocks: Int32Array[] = []; // the positions of each part along the axis
  let end = 0;
  for (const x of xs) {
    const start = end;
    end += x.value.shape[ax]!;
    blocks.push(range(start, end));
  }
  const shape = shape0.map((d, i) => (i === ax ? end : d));
  const y = allocate(shape, 'concat').data;
  xs.forEach((x, p) => scatterAdd(y, shape, ax, x.value, blocks[p]!));
  return record('concat', { shape, data: y }, xs, (g) =>
    xs.map((x, p) => (x.requiresGrad ? gather(g, ax, blocks[p]!, 'concat') : null)),
  );
}
