/**
 * exp(x) = eˣ, table-driven.
 *
 * Reduction. n = round(x·128/ln 2), so x = n·(ln 2)/128 + r with
 * |r| ≤ (ln 2)/256 + ε ≈ 0.00271, and n = 128k + j (0 ≤ j < 128):
 *
 *   eˣ = 2^k · 2^(j/128) · e^r
 *
 * r = (x − n·L₁) − n·L₂, where L₁ + L₂ = (ln 2)/128 and L₁ has 34
 * significant bits, so n·L₁ is exact for |n| < 2¹⁹ and x − n·L₁ is exact
 * (Sterbenz: x and n·L₁ are within a factor 2 when n ≠ 0). The rounding of
 * n·L₂ and of the subtraction leave |δr| < 2⁻⁶¹.
 *
 * Approximation. e^r − 1 ≈ p(r) = r + r²/2 + r³/6 + r⁴/24 + r⁵/120 (Taylor);
 * the truncation r⁶/720 < 2⁻⁶⁰ on |r| ≤ 0.00272.
 *
 * Reconstruction. With 2^(j/128) = T_hi + T_lo (exp-table.ts, T_lo within
 * 2⁻⁵³ of the remainder),
 *
 *   eˣ ≈ 2^k · (T_hi + (T_lo + T_hi·p))
 *
 * where the inner sum is < 0.0055·T_hi, so its roundings (and those of p,
 * and δr) add under 0.02 ulp to the one rounding of the outer sum:
 * |error| < 0.52 ulp. The scaling by 2^k is exact (bits.ts) unless the
 * result is subnormal, where it rounds once more: < 0.77 ulp there.
 *
 * Thresholds: eˣ overflows above ln(2¹⁰²⁴) ≈ 709.78 (the final scaling gives
 * +∞ by itself between 709.78 and 709.8), and underflows to +0 below
 * ln(2⁻¹⁰⁷⁵) ≈ −745.13. exp(NaN) = NaN, exp(+∞) = +∞, exp(−∞) = +0,
 * exp(±0) = 1.
 */
import { scale2 } from './bits.js';
import { EXP2_TABLE } from './exp-table.js';

/** 128/ln 2 (rounded; it only chooses n). */
export const INV_L = 184.6649652337873;
/** (ln 2)/128 = L1 + L2; L1 has 34 significant bits. */
export const L1 = 0.005415212347998022;
export const L2 = 1.2655086083325438e-13;
/** 1.5·2⁵²: (z + SHIFT) − SHIFT is z rounded to an integer (ties to even) for |z| < 2⁵¹. */
export const SHIFT = 6755399441055744;
/** Taylor coefficients 1/3!, 1/4!, 1/5! (rounded). */
export const C3 = 0.16666666666666666;
export const C4 = 0.041666666666666664;
export const C5 = 0.008333333333333333;

/** Above this eˣ is +∞, below −745.2 it is +0 (the kernel handles everything between). */
export const EXP_MAX_ARG = 709.8;
export const EXP_MIN_ARG = -745.2;

/**
 * e^(x + tail) for EXP_MIN_ARG ≤ x ≤ EXP_MAX_ARG and |tail| ≤ 2⁻⁴⁰ (pow passes
 * the low part of y·ln x there). Internal: the caller has handled NaN and
 * the thresholds.
 */
export function expKernel(x: number, tail: number): number {
  const nf = x * INV_L + SHIFT - SHIFT;
  const n = nf | 0;
  const r = x - nf * L1 - nf * L2 + tail;
  const p = r + r * r * (0.5 + r * (C3 + r * (C4 + r * C5)));
  const j2 = (n & 127) << 1;
  const tHi = EXP2_TABLE[j2]!, tLo = EXP2_TABLE[j2 + 1]!;
  return scale2(tHi + (tLo + tHi * p), n >> 7);
}

/** eˣ, within 0.52 ulp (0.77 ulp where the result is subnormal); see the file comment. */
export function exp(x: number): number {
  if (x > EXP_MIN_ARG && x < EXP_MAX_ARG) return expKernel(x, 0);
  if (x !== x) return x;
  return x > 0 ? Infinity : 0;
}
