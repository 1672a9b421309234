/**
 * log(x) = ln x and log1p(x) = ln(1 + x), table-driven.
 *
 * Near 1, |x − 1| < 2⁻⁶: f = x − 1 is exact (Sterbenz) and
 *
 *   ln(1 + f) ≈ f + f²·(−1/2 + f/3 − f²/4 + … − f⁸/10)
 *
 * (Taylor to f¹⁰, truncation f¹¹/11 < 2⁻⁶³·|f|). f is exact and the rest
 * is below |f|/2⁶, so |error| < 0.52 ulp.
 *
 * Elsewhere. Reduction: x = 2^e·m with m ∈ [255/256, 510/256), read from
 * the bits (a subnormal x is first scaled by 2⁵⁴), then m = c_j + f with
 * c_j = 1 + j/128, j = round(128·(m − 1)) ∈ {0 … 127}, |f| ≤ 1/256 and f
 * exact (Sterbenz). u = f/c_j (one rounding), |u| ≤ 2⁻⁸.
 *
 * Approximation: ln(1 + u) ≈ u − u²/2 + u³/3 − … + u⁷/7 (Taylor,
 * truncation u⁸/8 < 2⁻⁶⁷).
 *
 * Reconstruction: with ln c_j = A_j + B_j (log-table.ts, A_j a multiple of
 * 2⁻⁴²) and ln 2 = H + L (H a multiple of 2⁻⁴²),
 *
 *   ln x = (e·H + A_j) + (u + (e·L + B_j + (ln(1 + u) − u)))
 *
 * The first group is exact (a multiple of 2⁻⁴² below 2¹⁰ in size, so it
 * fits 53 bits), and is at least 2⁻⁶ in size whenever this path is taken,
 * while the second is at most 2⁻⁸ and carries the rounding of u
 * (≤ 2⁻⁶² ≤ 1/8 ulp of the result) and smaller ones: |error| < 0.65 ulp.
 *
 * log1p(x): for |x| < 2⁻⁶ the polynomial above with f = x; otherwise
 * w = 1 + x with its rounding error σ from TwoSum, and
 * ln(1 + x) = ln w + ln(1 + σ/w) ≈ ln w + σ/w, added to the second group.
 *
 * Special values: log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞,
 * log(NaN) = NaN, log(1) = +0; log1p(−1) = −∞, log1p(x < −1) = NaN,
 * log1p(±0) = ±0, log1p(+∞) = +∞.
 */
import { highWord, pow2 } from './bits.js';
import { LOG_TABLE } from './log-table.js';

/** ln 2 = LN2_HI + LN2_LO, LN2_HI a multiple of 2⁻⁴². */
export const LN2_HI = 0.6931471805598903;
export const LN2_LO = 5.497923018708371e-14;
/** 2⁵⁴, for subnormal arguments. */
const TWO_54 = 18014398509481984;
/** 1.5·2⁵², for rounding to an integer. */
const SHIFT = 6755399441055744;
/** The high word of 255/256, the bottom of the reduced range of m. */
const M_LOW_WORD = 0x3fefe000;
/** 2⁻⁶ and 2⁻⁵⁴. */
const NEAR = 0.015625;
const TINY = 5.551115123125783e-17;

/** ln(1 + f) − f for |f| < 2⁻⁶ (internal): f²·(−1/2 + f/3 − … − f⁸/10), Taylor to f¹⁰. */
export function log1pTail(f: number): number {
  return f * f * (-0.5 + f * (0.3333333333333333 + f * (-0.25 + f * (0.2 + f * (-0.16666666666666666 +
    f * (0.14285714285714285 + f * (-0.125 + f * (0.1111111111111111 + f * -0.1))))))));
}

/**
 * ln x + τ for a finite x > 0 with |x − 1| ≥ 2⁻⁶·(1 − 2⁻⁸) and a small
 * correction |τ| ≤ 2⁻⁵² (log1p's σ/w). Internal: the table path of the file
 * comment.
 */
export function logTable(x: number, tau: number): number {
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
  return e * LN2_HI + LOG_TABLE[j2]! + (u + (e * LN2_LO + LOG_TABLE[j2 + 1]! + (poly + tau)));
}

/** ln x, within 0.65 ulp; see the file comment. */
export function log(x: number): number {
  if (x > 1 - NEAR && x < 1 + NEAR) {
    const f = x - 1;
    return f + log1pTail(f);
  }
  if (x > 0 && x < Infinity) return logTable(x, 0);
  if (x === 0) return -Infinity;
  return x === Infinity ? x : NaN;
}

/** ln(1 + x), accurate near x = 0, within 0.65 ulp; see the file comment. */
export function log1p(x: number): number {
  if (x < NEAR && x > -NEAR) return x < TINY && x > -TINY ? x : x + log1pTail(x);
  if (x > -1 && x < Infinity) {
    const w = 1 + x;
    const b = w - 1;
    const sigma = 1 - (w - b) + (x - b);
    return logTable(w, sigma / w);
  }
  if (x === -1) return -Infinity;
  return x === Infinity ? x : NaN;
}
