/**
 * assertClose — the one closeness rule of the spec suite:
 *
 *   |a − b| ≤ atol + rtol·max(|a|, |b|)     for every entry
 *
 * Defaults are float64-level: atol = 1e-12, rtol = 1e-9. A NaN matches only
 * NaN, ±∞ only the same infinity. The message names the first differing
 * index (the multi-index for tensors) with both values and the bound.
 */
import type { Tensor } from '../../src/linalg/index.js';

export interface Tolerance {
  atol?: number;
  rtol?: number;
}

type Numeric = number | ArrayLike<number> | Tensor;

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'shape' in x && 'data' in x;
}

function flatten(x: Numeric): { shape: readonly number[]; data: ArrayLike<number> } {
  if (typeof x === 'number') return { shape: [], data: [x] };
  if (isTensor(x)) return x;
  return { shape: [x.length], data: x };
}

function multiIndex(flat: number, shape: readonly number[]): string {
  if (shape.length <= 1) return `[${flat}]`;
  const index: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    const size = shape[k]!;
    index.unshift(flat % size);
    flat = Math.floor(flat / size);
  }
  return `[${index.join(', ')}]`;
}

/** Is |a − b| ≤ atol + rtol·max(|a|, |b|)? (NaN = NaN; ∞ = ∞ of the same sign.) */
export function isClose(a: number, b: number, atol = 1e-12, rtol = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
}

/** Throw unless actual and expected agree entry by entry under the closeness rule. */
export function assertClose(actual: Numeric, expected: Numeric, tolerance: Tolerance = {}, label = ''): void {
  const atol = tolerance.atol ?? 1e-12;
  const rtol = tolerance.rtol ?? 1e-9;
  const a = flatten(actual), e = flatten(expected);
  const prefix = label ? `${label}: ` : '';
  const sameShape = a.shape.length === e.shape.length && a.shape.every((d, i) => d === e.shape[i]);
  if (!sameShape && a.data.length !== e.data.length) {
    throw new Error(`${prefix}shapes differ: actual [${a.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
  }
  if (!sameShape && isTensor(actual) && isTensor(expected)) {
    throw new Error(`${prefix}shapes differ: actual [${a.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
  }
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!, y = e.data[i]!;
    if (!isClose(x, y, atol, rtol)) {
      const bound = atol + rtol * Math.max(Math.abs(x), Math.abs(y));
      throw new Error(
        `${prefix}not close at index ${multiIndex(i, e.shape)}: actual ${x}, expected ${y}, ` +
          `|a − b| = ${Math.abs(x - y)} > ${bound} (atol ${atol}, rtol ${rtol})`,
      );
    }
  }
}

/** Throw unless the condition holds, with a message. */
export function assertThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Throw unless two arrays hold the same values bit for bit (NaN = NaN, 0 ≠ −0), naming the first differing entry. */
export function assertSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: lengths differ: ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (!Object.is(a, e)) throw new Error(`${label}: entry ${i} differs: ${a} vs ${e} (|Δ| = ${Math.abs(a - e)})`);
  }
}
