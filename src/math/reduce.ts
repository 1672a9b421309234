/**
 * Argument reduction modulo π/2 for sin and cos, over the whole double range:
 *
 *   x = k·(π/2) + r,  |r| ≤ π/4 (+ 2⁻³⁰ for the medium range),
 *
 * returning k mod 4 and r as an unevaluated sum r_hi + r_lo.
 *
 * Medium range, |x| < 1.6·10⁶ (so |k| < 2²⁰): Cody–Waite with π/2 cut into
 * four parts, P₁ + P₂ + P₃ + P₄, the first three of 33 significant bits, so
 * that k·P₁, k·P₂ and k·P₃ are exact. x − k·P₁ is exact (Sterbenz); the
 * next two subtractions are made exact by TwoSum, and k·P₄ (< 2⁻⁷⁹) is
 * rounded. π/2 is thus carried to ~2⁻¹⁵³, and r to an absolute ~2⁻¹³⁰,
 * which is ~2⁻⁶⁸ relative even for the double nearest a multiple of π/2 in
 * this range.
 *
 * Large range (Payne–Hanek, in exact BigInt arithmetic): x = M·2^E with M
 * an integer below 2⁵³ and E ≤ 971; with C = ⌊2^1200·(2/π)⌋ (the literal
 * below),
 *
 *   x·(2/π) = M·C·2^(E − 1200) + ε,  |ε| < 2⁵³⁺⁹⁷¹⁻¹²⁰⁰ = 2⁻¹⁷⁶
 *
 * whose integer part gives k mod 4 and whose fraction (at least 229 bits,
 * of which the top 160 are kept, taken into [−½, ½)) times π/2 (160 bits)
 * gives r to ~2⁻¹⁵⁸ absolute; the closest a double comes to a multiple of
 * π/2 is ~2⁻⁶¹, so r keeps ≳ 95 correct bits. Number(BigInt) rounds to
 * nearest, so r_hi and r_lo are the same on every engine.
 *
 * Internal to math/: x is finite.
 */
import { highWord, lowWord, pow2 } from './bits.js';

/** 2/π (rounded; it only chooses k). */
export const TWO_OVER_PI = 0.6366197723675814;
/** π/2 = P1 + P2 + P3 + P4; P1, P2, P3 have 33 significant bits. */
export const P1 = 1.5707963267341256;
export const P2 = 6.077100506303966e-11;
export const P3 = 2.0222662487111665e-21;
export const P4 = 8.4784276603689e-32;
const SHIFT = 6755399441055744;
/** Above this |x| the BigInt reduction is used. */
export const MEDIUM_LIMIT = 1.6e6;

/** ⌊2^1200·(2/π)⌋. */
export const C = BigInt('0xa2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7246e3a424dd2e006492eea09d1921cfe1deb1cb129a73ee88235f52ebb4484e99c7026b45f7e413991d639835339f49c845f8bbdf9283b1ff897ffde05980fef2f118b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d7527bac7ebe5f17b3d0739f78a5292ea6bfb5fb11f8d5d0856033046fc7b');
/** ⌊2^160·(π/2)⌋. */
export const HALF_PI_160 = BigInt('0x1921fb54442d18469898cc51701b839a252049c11');
const FRACTION_BITS = 160n;
const TWO_M320 = pow2(-160) * pow2(-160);

/**
 * Reduce a finite x: writes r_hi to out[0] and r_lo to out[1], returns k mod 4.
 */
export function reduceHalfPi(x: number, out: Float64Array): number {
  if (x < MEDIUM_LIMIT && x > -MEDIUM_LIMIT) {
    const k = x * TWO_OVER_PI + SHIFT - SHIFT;
    const w = x - k * P1; // exact
    // TwoSum(w, −k·P2)
    const a = w - k * P2;
    const ab = a - w;
    const aErr = w - (a - ab) + (-k * P2 - ab);
    // TwoSum(a, −k·P3)
    const b = a - k * P3;
    const bb = b - a;
    const bErr = a - (b - bb) + (-k * P3 - bb);
    const lo = aErr + bErr - k * P4;
    const hi = b + lo;
    out[0] = hi;
    out[1] = b - hi + lo;
    return k & 3;
  }
  return reduceLarge(x, out);
}

/** The BigInt path of reduceHalfPi (|x| ≥ MEDIUM_LIMIT, finite). */
function reduceLarge(x: number, out: Float64Array): number {
  const hx = highWord(x), lx = lowWord(x);
  const E = ((hx >>> 20) & 0x7ff) - 1075;
  const M = BigInt((hx & 0xfffff) + 0x100000) * 4294967296n + BigInt(lx >>> 0);
  const shift = BigInt(1200 - E); // bits after the binary point of M·C·2^(E−1200)
  const product = M * C;
  let k = Number((product >> shift) & 3n);
  let f = (product >> (shift - FRACTION_BITS)) & ((1n << FRACTION_BITS) - 1n); // fraction, 160 bits
  if (f >= 1n << (FRACTION_BITS - 1n)) { // ≥ ½: round k up, fraction into [−½, 0)
    f -= 1n << FRACTION_BITS;
    k = (k + 1) & 3;
  }
  const R = f * HALF_PI_160; // r·2^320
  const nearest = Number(R); // R rounded to 53 bits (Number(BigInt) rounds to nearest)
  let rHi = nearest * TWO_M320;
  let rLo = Number(R - BigInt(nearest)) * TWO_M320;
  if (x < 0) {
    rHi = -rHi;
    rLo = -rLo;
    k = (4 - k) & 3;
  }
  out[0] = rHi;
  out[1] = rLo;
  return k;
}
