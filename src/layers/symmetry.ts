/**
 * Invariance and equivariance, checked on examples (EQ-LAYERS-35): the
 * inductive biases of the 004 deck ("leverage the symmetry of your data")
 * as properties a model either has or has not.
 *
 *   invariant to T         f(T x) = f(x)          (global pooling, a set model ρ(Σᵢ φ(xᵢ)))
 *   equivariant to T, T′   f(T x) = T′ f(x)       (convolution: shift in, shift out)
 *
 * `checkInvariance(f, T, x)` and `checkEquivariance(f, T, T′, x)` evaluate
 * both sides (without recording a graph) and compare them entry by entry,
 * |a − b| ≤ atol + rtol·max(|a|, |b|), exactly (bit for bit) by default.
 * `roll(x, shift, axis)` is the circular shift T_δ that a convolution with
 * circular padding commutes with (EQ-LAYERS-31):
 * roll(x, δ, a)[…, i, …] = x[…, (i − δ) mod n, …].
 */
import { ShapeError, ValueError, assertFunction, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Var, noGrad } from '../autodiff/index.js';

/** A map between tensors; a function returning a Var (a module's forward) is read through its value. */
export type TensorMap = (x: Tensor) => Tensor | Var;

/** What a check found. */
export interface SymmetryCheck {
  /** Did every entry agree within the tolerance? */
  ok: boolean;
  /** max |a − b| over the entries (NaN against a number counts as ∞). */
  maxDifference: number;
  /** The flat index of the entry farthest outside the tolerance (−1 when all agree). */
  index: number;
}

/** Options of the checks: the tolerance (default 0 and 0: bit for bit, NaN equal to NaN). */
export interface SymmetryOptions {
  atol?: number | undefined;
  rtol?: number | undefined;
}

/** f(x) as a Tensor, evaluated without a graph and checked as `where`'s. Internal. */
function evaluate(f: TensorMap, x: Tensor, name: string, where: string): Tensor {
  const y: unknown = noGrad(() => f(x));
  const t = y instanceof Var ? y.value : y;
  linalg.assertTensor(t, `the result of ${name}`, where);
  return t;
}

/** Compare a and b entry by entry. Internal: both are Tensors. */
function compare(a: Tensor, b: Tensor, atol: number, rtol: number, where: string): SymmetryCheck {
  if (!linalg.sameShape(a.shape, b.shape)) throw new ShapeError(`${where}: the two sides have shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  let maxDifference = 0, index = -1, worst = 1;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!, y = b.data[i]!;
    if (x === y || (x !== x && y !== y)) continue;
    const d = Math.abs(x - y), excess = Number.isNaN(d) ? Infinity : d / (atol + rtol * Math.max(Math.abs(x), Math.abs(y)));
    maxDifference = Math.max(maxDifference, Number.isNaN(d) ? Infinity : d);
    if (excess > worst) {
      worst = excess;
      index = i;
    }
  }
  return { ok: index === -1, maxDifference, index };
}

/** The tolerance options, checked. Internal. */
function tolerance(options: SymmetryOptions | undefined, where: string): [number, number] {
  const o = assertOptions(options, ['atol', 'rtol'], where);
  return [assertNumber(o.atol ?? 0, 'atol', where, { min: 0 }), assertNumber(o.rtol ?? 0, 'rtol', where, { min: 0 })];
}

/** Is f invariant to T at x: f(T x) = f(x)? Options atol, rtol (default 0: exact). */
export function checkInvariance(f: TensorMap, T: TensorMap, x: Tensor, options?: SymmetryOptions): SymmetryCheck {
  const where = 'checkInvariance';
  assertFunction(f, 'f', where);
  assertFunction(T, 'T', where);
  linalg.assertTensor(x, 'x', where);
  const [atol, rtol] = tolerance(options, where);
  return compare(evaluate(f, evaluate(T, x, 'T', where), 'f', where), evaluate(f, x, 'f', where), atol, rtol, where);
}

/** Is f equivariant at x, f(T x) = T′ f(x), for T on inputs and T′ on outputs? Options atol, rtol (default 0: exact). */
export function checkEquivariance(f: TensorMap, T: TensorMap, Tout: TensorMap, x: Tensor, options?: SymmetryOptions): SymmetryCheck {
  const where = 'checkEquivariance';
  assertFunction(f, 'f', where);
  assertFunction(T, 'T', where);
  assertFunction(Tout, 'Tout', where);
  linalg.assertTensor(x, 'x', where);
  const [atol, rtol] = tolerance(options, where);
  const left = evaluate(f, evaluate(T, x, 'T', where), 'f', where);
  const right = evaluate(Tout, evaluate(f, x, 'f', where), 'Tout', where);
  return compare(left, right, atol, rtol, where);
}

/**
 * The circular shift of x by `shift` along `axis` (negative counts from the
 * end): y[…, i, …] = x[…, (i − shift) mod n, …]. A copy.
 */
export function roll(x: Tensor, shift: number, axis: number): Tensor {
  const where = 'roll';
  linalg.assertTensor(x, 'x', where);
  assertInteger(shift, 'shift', where);
  if (x.shape.length === 0) throw new ValueError(`${where}: a scalar has no axis to shift along, got ${describeValue(x.shape)}`);
  const [outer, n, inner] = linalg.splitAxis(x.shape, axis, where);
  const y = new Float64Array(x.data.length);
  if (n === 0) return { shape: [...x.shape], data: y };
  const s = ((shift % n) + n) % n;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const from = (o * n + i) * inner, to = (o * n + ((i + s) % n)) * inner;
      for (let k = 0; k < inner; k++) y[to + k] = x.data[from + k]!;
    }
  }
  return { shape: [...x.shape], data: y };
}
