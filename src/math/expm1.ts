/**
 * expm1(x) = eˣ − 1, accurate where eˣ is close to 1.
 *
 * Small arguments, |x| < 2⁻⁶: the Taylor series to x⁸,
 *
 *   eˣ − 1 ≈ x + x²·(1/2 + x/6 + x²/24 + … + x⁶/8!)
 *
 * truncated at x⁹/9! < 2⁻⁶⁶·|x|; x is exact and the second term is below
 * |x|/2⁷, so the roundings add under 0.01 ulp to the final one: < 0.51 ulp.
 *
 * Elsewhere, the reduction of exp.ts (x = (128k + j)·(ln 2)/128 + r) and
 *
 *   eˣ − 1 = (2^k·T_hi − 1) + 2^k·(T_lo + T_hi·p(r))
 *
 * where u = 2^k·T_hi is exact (|k| ≤ 58 here) and u − 1 is split exactly
 * into s + σ by TwoSum (Knuth: s = fl(u − 1), σ the rounding error, six
 * additions). The result s + (σ + v), v the second term: |x| ≥ 2⁻⁶ keeps
 * |s| ≥ 0.0156 while |v| ≤ 0.0028·2^(k+1), so the roundings inside v stay
 * under 0.13 ulp of the result: |error| < 0.65 ulp.
 *
 * Saturation: for x > 40, eˣ > 2⁵⁷ and the −1 is below 2⁻⁴ ulp, so
 * expm1(x) = exp(x) (±∞ past 709.78); for x < −40, eˣ < 2⁻⁵⁷ is below half
 * an ulp of −1, so the result is −1 exactly. expm1(±0) = ±0, subnormals
 * return themselves, expm1(−∞) = −1, expm1(NaN) = NaN.
 *
 * expm1Parts writes the same value as an unevaluated sum hi + lo, for
 * tanh: without the final rounding, its error is that of the roundings
 * inside v, below 0.4·2⁻⁵³ relative (2⁻⁶⁰ on the small-argument path).
 */
import { pow2 } from './bits.js';
import { EXP2_TABLE } from './exp-table.js';
import { C3, C4, C5, INV_L, L1, L2, SHIFT, exp } from './exp.js';

/** 1/6!, 1/7!, 1/8! (rounded). */
const C6 = 0.001388888888888889;
const C7 = 0.0001984126984126984;
const C8 = 0.0000248015873015873;
/** 2⁻⁶ and 2⁻⁵⁴. */
const SMALL = 0.015625;
const TINY = 5.551115123125783e-17;

/** Where expm1Parts writes hi (index 0) and lo (index 1). Internal. */
export type Pair = Float64Array;

/**
 * eˣ − 1 as out[0] + out[1] (|out[1]| ≤ ulp(out[0])/2) for finite
 * 2⁻⁵⁴ ≤ |x| ≤ 40. Internal: the caller has handled the rest.
 */
export function expm1Parts(x: number, out: Pair): void {
  if (x < SMALL && x > -SMALL) {
    const q = x * x * (0.5 + x * (C3 + x * (C4 + x * (C5 + x * (C6 + x * (C7 + x * C8))))));
    const hi = x + q;
    out[0] = hi;
    out[1] = x - hi + q;
    return;
  }
  const nf = x * INV_L + SHIFT - SHIFT;
  const n = nf | 0;
  const r = x - nf * L1 - nf * L2;
  const p = r + r * r * (0.5 + r * (C3 + r * (C4 + r * C5)));
  const j2 = (n & 127) << 1, k = n >> 7;
  const tHi = EXP2_TABLE[j2]!, tLo = EXP2_TABLE[j2 + 1]!;
  const twoK = pow2(k);
  const u = tHi * twoK;
  const v = (tLo + tHi * p) * twoK;
  // TwoSum: s + sigma = u − 1 exactly
  const s = u - 1;
  const b = s - u;
  const sigma = u - (s - b) + (-1 - b);
  const w = sigma + v;
  const hi = s + w;
  out[0] = hi;
  out[1] = s - hi + w;
}

const scratch = new Float64Array(2);

/** eˣ − 1, within 0.65 ulp; see the file comment. */
export function expm1(x: number): number {
  if (x < SMALL && x > -SMALL) {
    if (x < TINY && x > -TINY) return x;
    return x + x * x * (0.5 + x * (C3 + x * (C4 + x * (C5 + x * (C6 + x * (C7 + x * C8))))));
  }
  if (x > 40) return exp(x);
  if (!(x >= -40)) return x !== x ? x : -1;
  expm1Parts(x, scratch);
  return scratch[0]!;
}
