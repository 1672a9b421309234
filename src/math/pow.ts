/**
 * pow(x, y) = x^y with the special cases of ECMAScript's `**`.
 *
 * Method: |x|^y = e^{y·ln|x|}, with ln|x| carried in double-double so that
 * the product y·ln|x| (up to ±745 where the result is finite and nonzero)
 * keeps an absolute error below 2⁻⁶⁵.
 *
 * ln|x| in double-double. The reduction of log.ts: |x| = 2^e·(c_j + f),
 * c_j = 1 + j/128, f exact. u = f/c_j is corrected to u_h + u_l exactly
 * enough: c_j has 8 significant bits, so u_h·c_j is split exactly by
 * Dekker's product (Veltkamp split of u_h only), and
 * u_l = ((f − u_h·c_j)_exact)/c_j. Then
 *
 *   ln|x| = (e·H + A_j) + u_h − u_h²/2 + [e·L + B_j + u_l(1 − u_h) + u_h³/3 − … + u_h⁸/8]
 *
 * with u_h² exact (Dekker), the two leading sums exact (TwoSum), and the
 * bracket (< 2⁻¹⁷ relative) rounded: relative error < 2⁻⁷⁵. Near x = 1
 * (e = 0, j = 0) this is ln(1 + f) with every leading term exact.
 *
 * Product: y·ln|x| = z_h + z_l, with y·L_h exact (Dekker) and y·L_l rounded.
 *
 * Exponential: e^{z_h + z_l} by exp.ts's kernel, z_l entering its reduced
 * argument. The kernel's 0.52 ulp dominates: |error| < 0.53 ulp (< 0.8 ulp
 * for a subnormal result). So every exactly representable power (2¹⁰,
 * 3², 0.5⁻³, …) comes out exact.
 *
 * Thresholds: z_h > 709.8 → ±∞, z_h < −745.2 → ±0, and |y| ≥ 2⁶³ decides at
 * once (|ln|x|| ≥ 2⁻⁵³ for x ≠ 1, so |z| > 745).
 *
 * Special cases (ECMAScript Number::exponentiate): y NaN → NaN; y = ±0 → 1
 * (even for x NaN); x NaN → NaN; |x| = 1 and y = ±∞ → NaN; y = +∞ → +∞ for
 * |x| > 1, +0 for |x| < 1; y = −∞ the reverse; x = ±0 and x = ±∞ by the
 * sign of y, negative results only for x = −0 or −∞ with an odd integer y;
 * x < 0 finite with a non-integer y → NaN; x < 0 with an integer y →
 * ±|x|^y, negative for odd y.
 */
import { highWord, pow2 } from './bits.js';
import { EXP_MAX_ARG, EXP_MIN_ARG, expKernel } from './exp.js';
import { LN2_HI, LN2_LO } from './log.js';
import { LOG_TABLE } from './log-table.js';

const SPLIT = 134217729; // 2²⁷ + 1
const TWO_54 = 18014398509481984;
const TWO_63 = 9223372036854775808;
const SHIFT = 6755399441055744;
const M_LOW_WORD = 0x3fefe000;

const logParts = new Float64Array(2);

/** ln a as out[0] + out[1] (relative error < 2⁻⁷⁵) for a finite a > 0. Internal. */
export function logDoubleDouble(a: number, out: Float64Array): void {
  let ha = highWord(a), e = 0;
  if (ha < 0x00100000) {
    a *= TWO_54;
    ha = highWord(a);
    e = -54;
  }
  const shift = (ha - M_LOW_WORD) >> 20;
  e += shift;
  const m = a * pow2(-shift); // exact: m is normal
  const jf = (m - 1) * 128 + SHIFT - SHIFT;
  const c = 1 + jf * 0.0078125;
  const f = m - c;
  const uh = f / c;
  // uh·c = p + pe exactly (c has 8 bits, so only uh is split)
  const cu = uh * SPLIT, u1 = cu - (cu - uh), u2 = uh - u1;
  const p = uh * c;
  const pe = u1 * c - p + u2 * c;
  const ul = (f - p - pe) / c;
  // uh² = sh + sl exactly
  const sh = uh * uh;
  const sl = u1 * u1 - sh + 2 * u1 * u2 + u2 * u2;
  const j2 = (jf | 0) << 1;
  const A = e * LN2_HI + LOG_TABLE[j2]!;
  // (A + uh) and then − sh/2, both by TwoSum
  const s1 = A + uh;
  const b1 = s1 - A;
  const err1 = A - (s1 - b1) + (uh - b1);
  const half = -0.5 * sh;
  const s2 = s1 + half;
  const b2 = s2 - s1;
  const err2 = s1 - (s2 - b2) + (half - b2);
  const cubic = uh * sh * (0.3333333333333333 + uh * (-0.25 + uh * (0.2 + uh * (-0.16666666666666666 +
    uh * (0.14285714285714285 + uh * -0.125)))));
  const lo = err1 + err2 + (e * LN2_LO + LOG_TABLE[j2 + 1]! + (ul - uh * ul - 0.5 * sl + cubic));
  const hi = s2 + lo;
  out[0] = hi;
  out[1] = s2 - hi + lo;
}

/** Is y (finite) an odd integer? */
function isOddInteger(y: number): boolean {
  return y % 2 === 1 || y % 2 === -1;
}

/** x^y, within 0.53 ulp; see the file comment for the method and the special cases. */
export function pow(x: number, y: number): number {
  if (y !== y) return NaN;
  if (y === 0) return 1;
  if (x !== x) return NaN;
  const yFinite = y - y === 0;
  if (!yFinite) {
    const ax = x < 0 ? -x : x;
    if (ax === 1) return NaN;
    return (ax > 1) === (y > 0) ? Infinity : 0;
  }
  if (x === 0 || x === Infinity || x === -Infinity) {
    // |x|^y is 0 or ∞ by the signs; negative only for x = −0 or −∞ with an odd integer y
    const big = (x === 0) === (y < 0);
    const negative = (x < 0 || Object.is(x, -0)) && isOddInteger(y);
    const magnitude = big ? Infinity : 0;
    return negative ? -magnitude : magnitude;
  }
  let sign = 1;
  let ax = x;
  if (x < 0) {
    if (Math.floor(y) !== y) return NaN;
    if (isOddInteger(y)) sign = -1;
    ax = -x;
  }
  if (ax === 1) return sign;
  if (y >= TWO_63 || y <= -TWO_63) return (ax > 1) === (y > 0) ? sign * Infinity : sign * 0;
  logDoubleDouble(ax, logParts);
  const lHi = logParts[0]!, lLo = logParts[1]!;
  // y·lHi = zh + ze exactly (Dekker), then the low part
  const zh = y * lHi;
  const cy = y * SPLIT, y1 = cy - (cy - y), y2 = y - y1;
  const cl = lHi * SPLIT, l1 = cl - (cl - lHi), l2 = lHi - l1;
  const ze = y1 * l1 - zh + y1 * l2 + y2 * l1 + y2 * l2;
  const zl = ze + y * lLo;
  if (zh > EXP_MAX_ARG) return sign * Infinity;
  if (zh < EXP_MIN_ARG) return sign * 0;
  return sign * expKernel(zh, zl);
}
