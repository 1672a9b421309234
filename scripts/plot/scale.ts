/**
 * Axis scales and "nice" ticks for the SVG writer.
 *
 *   linear   px = a + (v − lo)/(hi − lo)·(b − a)
 *   log10    px = a + (log₁₀ v − log₁₀ lo)/(log₁₀ hi − log₁₀ lo)·(b − a)
 *
 * Linear ticks are multiples of a step 1, 2 or 5 × 10^e chosen so that about
 * `count` of them fall in the range; log ticks are the powers of ten inside
 * it (and 2 and 5 times them when there are few decades). The range is
 * widened to whole steps, so the data never touches the frame.
 */

/** A map from data values to pixels, with its ticks. */
export interface Scale {
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
  /** The pixel of value v. */
  at(v: number): number;
  /** The tick values, increasing. */
  readonly ticks: readonly number[];
}

/** The finite extent of some values, [min, max]; [0, 1] when none is finite. */
export function extent(...lists: ArrayLike<number>[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const v = list[i]!;
      if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** A step of 1, 2 or 5 × 10^e near span/count. */
function niceStep(span: number, count: number): number {
  const raw = span / count, e = Math.floor(Math.log10(raw)), base = 10 ** e, m = raw / base;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * base;
}

/** A linear scale over [lo, hi] (widened to whole ticks) onto the pixels a … b. */
export function linearScale(lo: number, hi: number, a: number, b: number, count = 6): Scale {
  if (lo === hi) { lo -= 1; hi += 1; }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step + 1e-9) * step, end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; start + k * step <= end + step * 1e-9; k++) ticks.push(Number((start + k * step).toPrecision(12)));
  return { lo: start, hi: end, log: false, ticks, at: (v) => a + ((v - start) / (end - start)) * (b - a) };
}

/** A base-10 log scale over [lo, hi] (both > 0, widened to powers of ten) onto the pixels a … b. */
export function logScale(lo: number, hi: number, a: number, b: number): Scale {
  const e0 = Math.floor(Math.log10(lo) + 1e-9), e1 = Math.max(e0 + 1, Math.ceil(Math.log10(hi) - 1e-9));
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e++) {
    ticks.push(10 ** e);
    if (e1 - e0 <= 2 && e < e1) ticks.push(2 * 10 ** e, 5 * 10 ** e);
  }
  ticks.sort((x, y) => x - y);
  return { lo: 10 ** e0, hi: 10 ** e1, log: true, ticks, at: (v) => a + ((Math.log10(v) - e0) / (e1 - e0)) * (b - a) };
}

/** A tick label: plain for moderate numbers, 1e-5 style for tiny or huge ones. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e5 || abs < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}
