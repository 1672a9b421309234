/**
 * format(t): a readable printout of a tensor and its shape, in the manner of
 * NumPy's array printing.
 *
 *   format(fromArray([[1, 2.5], [-3, 4]]))  →  tensor([[ 1.0,  2.5],
 *                                                       [-3.0,  4.0]], shape [2, 2])
 *
 * Layout: nested brackets, one row of the last axis per line, the rows
 * aligned under the first; one blank line more between the blocks of each
 * axis above the last two. Every entry shown is right-aligned to the
 * widest one. Lines are not wrapped.
 *
 * Numbers, decided once for all the entries shown:
 *   all integers (|x| < 1e16)   printed as integers: 3, -20
 *   else, fixed point           x.toFixed(d), or in scientific notation
 *                               x.toExponential(d) when max|x| ≥ 1e8 or the
 *                               smallest non-zero |x| < 10^(−precision)
 *   d is the fewest digits in [1, precision] that print every entry as it
 *   prints with `precision` digits (so 1.5 and 2 print as 1.5 and 2.0);
 *   NaN, Infinity and -Infinity print as such.
 *
 * Summary: a tensor with more than `threshold` entries shows only the first
 * and last `edgeItems` entries along each axis longer than 2·edgeItems, with
 * `…` in place of the rest.
 */
import { assertInteger, assertOptions, formatShape } from '../errors/index.js';
import { pow } from '../math/index.js';
import type { Tensor } from './tensor.js';
import { assertTensor } from './validate.js';

/** Options of format. */
export interface FormatOptions {
  /** The most digits after the decimal point (of the mantissa in scientific notation). Default 4. */
  precision?: number;
  /** Summarise (elide with …) when the tensor has more entries than this. Default 1000. */
  threshold?: number;
  /** In a summary, the entries kept at each end of a long axis. Default 3. */
  edgeItems?: number;
}

const PREFIX = 'tensor(';

/** The printed form of a non-finite entry. */
const special = (x: number): string => (Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity');

/** The one number format for all of `values` (rules in the file comment). */
function numberFormat(values: readonly number[], precision: number): (x: number) => string {
  const finite = values.filter((x) => Number.isFinite(x));
  if (finite.every((x) => Number.isInteger(x) && Math.abs(x) < 1e16)) {
    return (x) => (Number.isFinite(x) ? String(x) : special(x));
  }
  let big = 0, small = Infinity;
  for (const x of finite) {
    const a = Math.abs(x);
    if (a > big) big = a;
    if (a !== 0 && a < small) small = a;
  }
  const scientific = big >= 1e8 || small < pow(10, -precision);
  const print = scientific ? (x: number, d: number) => x.toExponential(d) : (x: number, d: number) => x.toFixed(d);
  const same = (d: number): boolean => finite.every((x) => Number(print(x, d)) === Number(print(x, precision)));
  let digits = Math.min(1, precision);
  while (digits < precision && !same(digits)) digits++;
  return (x) => (Number.isFinite(x) ? print(x, digits) : special(x));
}

/**
 * A readable printout of t with its shape: `tensor([[1, 2], [3, 4]], shape [2, 2])`
 * laid out one row per line, entries aligned, long axes elided with `…` (see
 * the file comment). Options: precision (4), threshold (1000), edgeItems (3).
 */
export function format(t: Tensor, options?: FormatOptions): string {
  assertTensor(t, 't', 'format');
  const { precision = 4, threshold = 1000, edgeItems = 3 } =
    assertOptions(options, ['precision', 'threshold', 'edgeItems'], 'format');
  assertInteger(precision, 'precision', 'format', { min: 0, max: 20 });
  assertInteger(threshold, 'threshold', 'format', { min: 0 });
  assertInteger(edgeItems, 'edgeItems', 'format', { min: 1 });
  const { shape, data } = t;
  const suffix = `, shape ${formatShape(shape)})`;
  if (data.length === 0) return `${PREFIX}[]${suffix}`;
  const rank = shape.length;
  const summarise = data.length > threshold;
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((n, d) => n * d, 1));
  /** The indices shown along an axis of length d; null marks the elided run. */
  const shown = (d: number): (number | null)[] => {
    const all = Array.from({ length: d }, (_, i) => i);
    if (!summarise || d <= 2 * edgeItems) return all;
    return [...all.slice(0, edgeItems), null, ...all.slice(d - edgeItems)];
  };
  /** The nested brackets of the sub-tensor at `offset`, from axis `depth` on; `cell` prints entry i. */
  const render = (depth: number, offset: number, cell: (i: number) => string): string => {
    if (depth === rank) return cell(offset);
    const d = shape[depth]!, stride = strides[depth]!;
    const parts = shown(d).map((i) => (i === null ? '…' : render(depth + 1, offset + i * stride, cell)));
    const separator = depth === rank - 1 ? ', ' : `,${'\n'.repeat(rank - depth - 1)}${' '.repeat(PREFIX.length + depth + 1)}`;
    return `[${parts.join(separator)}]`;
  };
  const values: number[] = [];
  render(0, 0, (i) => {
    values.push(data[i]!);
    return '';
  });
  const print = numberFormat(values, precision);
  const width = values.reduce((w, x) => Math.max(w, print(x).length), 0);
  return `${PREFIX}${render(0, 0, (i) => print(data[i]!).padStart(width))}${suffix}`;
}
