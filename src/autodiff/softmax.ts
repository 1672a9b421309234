/**
 * Softmax and log-softmax along an axis (default the last: a [n, c] batch of
 * logits gives one distribution per row), in the stable max-subtracted form:
 *
 *   m = maxⱼ xⱼ,   softmax(x)ᵢ = e^{xᵢ−m} / Σⱼ e^{xⱼ−m}
 *   logSoftmax(x)ᵢ = (xᵢ − m) − ln Σⱼ e^{xⱼ−m}        (log-sum-exp)
 *
 * Subtracting m changes nothing mathematically and keeps every exponent ≤ 0,
 * so no entry overflows and the largest term is 1 (the sum never underflows).
 * softmax is computed as exp(logSoftmax(x)), the same value up to rounding,
 * so that the two ops agree with each other.
 *
 * Masked entries (−∞, see mask.ts): an entry of −∞ gets probability 0 (log
 * −∞). A row that is entirely −∞ — a fully masked attention row — has
 * m = −∞ and the formula would give (−∞) − (−∞) = NaN; it is defined instead
 * as the limit of a row of equal entries, the uniform distribution
 * softmax = 1/n, logSoftmax = −ln n: exactly what a finite fill such as −1e9
 * gives, and its gradients are finite. A row holding NaN or +∞ gives NaN.
 *
 * Local gradients, with y the output and g = ∂L/∂y along the axis:
 *
 *   softmax      ∂L/∂xᵢ = yᵢ (gᵢ − Σⱼ gⱼ yⱼ)
 *   logSoftmax   ∂L/∂xᵢ = gᵢ − softmax(x)ᵢ Σⱼ gⱼ
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { assertInteger } from '../errors/index.js';
import { exp, log } from '../math/index.js';
import { operand, record } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';

/**
 * Apply `each` to every line along axis a: the line's entries are
 * data[base + k·inner] for k < n. Internal: a is in range.
 */
function lines(shape: readonly number[], a: number, each: (base: number, n: number, inner: number) => void): void {
  const [outer, n, inner] = linalg.splitAxis(shape, a, 'softmax');
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) each(o * n * inner + i, n, inner);
}

/** y = log-softmax of x along axis a (stable). Internal: a is in range. */
function logSoftmaxOf(x: Tensor, a: number): Float64Array {
  const xd = x.data, y = new Float64Array(xd.length);
  lines(x.shape, a, (base, n, inner) => {
    let m = -Infinity;
    for (let k = 0; k < n; k++) m = Math.max(m, xd[base + k * inner]!);
    if (m === -Infinity) { // every entry −∞ (fully masked): uniform, the limit of equal entries
      for (let k = 0; k < n; k++) y[base + k * inner] = -log(n);
      return;
    }
    let s = 0;
    for (let k = 0; k < n; k++) {
      const xk = xd[base + k * inner]!;
      s += exp(xk - m);
    }
    const logS = log(s);
    for (let k = 0; k < n; k++) {
      const xk = xd[base + k * inner]!;
      y[base + k * inner] = xk - m - logS;
    }
  });
  return y;
}

/** Check the operand and the axis as `op`'s; the axis in [0, rank). */
function checked(op: string, input: unknown, axis: unknown): { x: Var; a: number } {
  const x = operand(input, 'x', op);
  assertInteger(axis, 'axis', op);
  return { x, a: linalg.splitAxis(x.value.shape, axis as number, op)[3] };
}

/**
 * yᵢ = e^{xᵢ−m} / Σⱼ e^{xⱼ−m} along `axis` (default −1, the last), m = maxⱼ xⱼ;
 * ∂L/∂xᵢ = yᵢ (gᵢ − Σⱼ gⱼ yⱼ). A row of −∞ (fully masked) is uniform.
 */
export function softmax(input: Operand, axis = -1): Var {
  const { x, a } = checked('softmax', input, axis);
  const y = logSoftmaxOf(x.value, a).map(exp);
  const shape = [...x.value.shape];
  return record('softmax', { shape, data: y }, [x], (g) => {
    const gd = g.data;
    const dx = new Float64Array(y.length);
    lines(shape, a, (base, n, inner) => {
      let gy = 0;
      for (let k = 0; k < n; k++) {
        const at = base + k * inner, gk = gd[at]!, yk = y[at]!;
        gy += gk * yk;
      }
      for (let k = 0; k < n; k++) {
        const at = base + k * inner, gk = gd[at]!, yk = y[at]!;
        dx[at] = yk * (gk - gy);
      }
    });
    return [{ shape, data: dx }];
  });
}

/**
 * yᵢ = (xᵢ − m) − ln Σⱼ e^{xⱼ−m} along `axis` (default −1), the log of
 * softmax without its rounding; ∂L/∂xᵢ = gᵢ − softmax(x)ᵢ Σⱼ gⱼ.
 */
export function logSoftmax(input: Operand, axis = -1): Var {
  const { x, a } = checked('logSoftmax', input, axis);
  const y = logSoftmaxOf(x.value, a);
  const shape = [...x.value.shape];
  return record('logSoftmax', { shape, data: y }, [x], (g) => {
    const gd = g.data;
    const dx = new Float64Array(y.length);
    lines(shape, a, (base, n, inner) => {
      let gs = 0;
      for (let k = 0; k < n; k++) gs += gd[base + k * inner]!;
      for (let k = 0; k < n; k++) {
        const at = base + k * inner, gk = gd[at]!, yk = y[at]!;
        dx[at] = gk - exp(yk) * gs;
      }
    });
    return [{ shape, data: dx }];
  });
}
