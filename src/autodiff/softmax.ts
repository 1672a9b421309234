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
import { Operand, customOp, lift } from './graph.js';
import type { Var } from './var.js';

/**
 * Apply `each` to every line along axis a: the line's entries are
 * data[base + k·inner] for k < n. Internal.
 */
function lines(shape: readonly number[], a: number, each: (base: number, n: number, inner: number) => void): void {
  const [outer, n, inner] = linalg.splitAxis(shape, a, 'softmax');
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) each(o * n * inner + i, n, inner);
}

/** y = log-softmax of x along axis a (stable). Internal. */
function logSoftmaxOf(x: Tensor, a: number): Float64Array {
  const xd = x.data, y = new Float64Array(xd.length);
  lines(x.shape, a, (base, n, inner) => {
    let m = -Infinity;
    for (let k = 0; k < n; k++) m = Math.max(m, xd[base + k * inner]);
    if (m === -Infinity) { // every entry −∞ (fully masked): uniform, the limit of equal entries
      for (let k = 0; k < n; k++) y[base + k * inner] = -Math.log(n);
      return;
    }
    let s = 0;
    for (let k = 0; k < n; k++) s += Math.exp(xd[base + k * inner] - m);
    const logS = Math.log(s);
    for (let k = 0; k < n; k++) y[base + k * inner] = xd[base + k * inner] - m - logS;
  });
  return y;
}

/** softmax along `axis` (default −1). */
export function softmax(input: Operand, axis = -1): Var {
  const x = lift(input);
  const a = linalg.splitAxis(x.value.shape, axis, 'softmax')[3];
  const y = logSoftmaxOf(x.value, a).map(Math.exp);
  const shape = [...x.value.shape];
  return customOp('softmax', { shape, data: y }, [x], (g) => {
    const dx = new Float64Array(y.length);
    lines(shape, a, (base, n, inner) => {
      let gy = 0;
      for (let k = 0; k < n; k++) gy += g.data[base + k * inner] * y[base + k * inner];
      for (let k = 0; k < n; k++) dx[base + k * inner] = y[base + k * inner] * (g.data[base + k * inner] - gy);
    });
    return [{ shape, data: dx }];
  });
}

/** log-softmax along `axis` (default −1). */
export function logSoftmax(input: Operand, axis = -1): Var {
  const x = lift(input);
  const a = linalg.splitAxis(x.value.shape, axis, 'logSoftmax')[3];
  const y = logSoftmaxOf(x.value, a);
  const shape = [...x.value.shape];
  return customOp('logSoftmax', { shape, data: y }, [x], (g) => {
    const dx = new Float64Array(y.length);
    lines(shape, a, (base, n, inner) => {
      let gs = 0;
      for (let k = 0; k < n; k++) gs += g.data[base + k * inner];
      for (let k = 0; k < n; k++) dx[base + k * inner] = g.data[base + k * inner] - Math.exp(y[base + k * inner]) * gs;
    });
    return [{ shape, data: dx }];
  });
}
