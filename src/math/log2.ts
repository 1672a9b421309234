/**
 * log2(x) = log₂ x, on the reduction of log.ts.
 *
 * Near 1, |x − 1| < 2⁻⁶: f = x − 1 exact, ln(1 + f) = f + q with
 * q = f²·P(f) the polynomial of log.ts, and log₂(1 + f) = (f + q)/ln 2.
 * So that the leading product is exact, f is split (Veltkamp: f_h = the top
 * 26 bits of f, f_l = f − f_h, both exact) and 1/ln 2 = I_h + I_l with I_h of
 * 26 bits:
 *
 *   log₂(1 + f) ≈ f_h·I_h + (f_l·I_h + f·I_l + q/ln 2)
 *
 * f_h·I_h is exact and the rest is below 2⁻²⁴·|f|: |error| < 0.52 ulp.
 *
 * Elsewhere: x = 2^e·(c_j + f) as in log.ts, u = f/c_j, and with
 * log₂ c_j = A_j + B_j (log-table.ts, A_j a multiple of 2⁻⁴²)
 *
 *   log₂ x = (e + A_j) + (B_j + ln(1 + u)/ln 2)
 *
 * The first group is exact (below 2¹¹ on the 2⁻⁴² grid) and at least
 * log₂(1 + 2⁻⁶) > 2⁻⁶ in size; the second is at most 2⁻⁷·⁴ and its roundings
 * (u, the product by 1/ln 2) stay under 0.2 ulp of the result:
 * |error| < 0.7 ulp. Powers of two give their exponent exactly.
 *
 * Special values as for log: log2(±0) = −∞, log2(x < 0) = NaN,
 * log2(+∞) = +∞, log2(NaN) = NaN, log2(1) = +0.
 */
import { highWord, pow2 } from './bits.js';
import { log1pTail } from './log.js';
import { LOG2_TABLE } from './log-table.js';

/** 1/ln 2 = INV_LN2_HI + INV_LN2_LO, the first with 26 significant bits; INV_LN2 the nearest double. */
export const INV_LN2_HI = 1.4426950514316559;
export const INV_LN2_LO = -1.0542692476429138e-8;
export const INV_LN2 = 1.4426950408889634;
/** 2²⁷ + 1, Veltkamp's splitting constant for 26-bit halves. */
const SPLIT = 134217729;
const TWO_54 = 18014398509481984;
const SHIFT = 6755399441055744;
const M_LOW_WORD = 0x3fefe000;
const NEAR = 0.015625;

/** log₂ x, within 0.7 ulp; see the file comment. */
export function log2(x: number): number {
  if (x > 1 - NEAR && x < 1 + NEAR) {
    const f = x - 1;
    const q = log1pTail(f);
    const c = f * SPLIT;
    const fHi = c - (c - f);
    const fLo = f - fHi;
    return fHi * INV_LN2_HI + (fLo * INV_LN2_HI + f * INV_LN2_LO + q * INV_LN2);
  }
  if (!(x > 0 && x < Infinity)) {
    if (x === 0) return -Infinity;
    return x === Infinity ? x : NaN;
  }
  let hx = highWord(x), e = 0;
  if (hx < 0x00100000) { // subnormal
    x *= TWO_54;
    hx = highWord(x);
    e = -54;
  }
  const shift = (hx - M_LOW_WORD) >> 20;
  e += shift;
  const m = x * pow2(-shift); // exact: m is normal
  const jf = (m - 1) * 128 + SHIFT - SHIFT;
  const c = 1 + jf * 0.0078125;
  const u = (m - c) / c;
  const j2 = (jf | 0) << 1;
  const poly = u * u * (-0.5 + u * (0.3333333333333333 + u * (-0.25 + u * (0.2 + u * (-0.16666666666666666 +
    u * 0.14285714285714285)))));
  return e + LOG2_TABLE[j2]! + (LOG2_TABLE[j2 + 1]! + (u * INV_LN2_HI + (u * INV_LN2_LO + poly * INV_LN2)));
}
