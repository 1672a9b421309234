/**
 * sin(x) and cos(x), for every finite double.
 *
 * Reduction (reduce.ts): x = k·(π/2) + r, |r| ≤ π/4, r = r_hi + r_lo, exact
 * to ≳ 68 relative bits over the whole range (Cody–Waite below 1.6·10⁶,
 * Payne–Hanek in BigInt above). Then, by the quadrant k mod 4,
 * sin x = sin r, cos r, −sin r, −cos r and cos x = cos r, −sin r, −cos r,
 * sin r.
 *
 * Kernels, with σ = sign(r_hi), a = |r_hi|, ρ = σ·r_lo (so r = σ(a + ρ)):
 *
 * a < 3/16: Taylor series, sin a = a + a³·S(a²) to a¹¹ and
 * cos a = 1 − a²/2 + a⁴·K(a²) to a¹² (truncations < 2⁻⁶¹ relative), plus
 * the first-order effect of ρ (ρ·cos a, −ρ·sin a). The leading a (or 1) is
 * exact and the rest is at most a/190 (or 0.018): < 0.52 ulp.
 *
 * 3/16 ≤ a ≤ π/4 + 2⁻³⁰: a table node a_j = j/32 (j = round(32a) ∈ 6 … 25,
 * sin and cos of a_j as double pairs in sincos-table.ts) and t = (a − a_j) + ρ,
 * |t| ≤ 1/64, a − a_j exact:
 *
 *   sin(a_j + t) = S_j + (S_j·(cos t − 1) + C_j·sin t)
 *   cos(a_j + t) = C_j − (S_j·sin t − C_j·(cos t − 1))
 *
 * with sin t to t⁷ and cos t − 1 to t⁶ (truncations < 2⁻⁶³). The bracket is
 * below 0.016 while the result is at least sin(11/64) > 1/8, so its
 * roundings add under 0.13 ulp: < 0.65 ulp.
 *
 * Special values: sin(±0) = ±0, cos(±0) = 1, sin and cos of ±∞ or NaN are NaN;
 * |x| < 2⁻²⁷ gives sin x = x and cos x = 1 (both correctly rounded).
 */
import { reduceHalfPi } from './reduce.js';
import { SINCOS_TABLE } from './sincos-table.js';

const QUARTER_PI = 0.7853981633974483;
const SMALL = 0.1875;
const TINY = 7.450580596923828e-9; // 2⁻²⁷
const SHIFT = 6755399441055744;
/** Taylor coefficients of sin: −1/3!, 1/5!, −1/7!, 1/9!, −1/11! (rounded). */
const S1 = -0.16666666666666666;
const S2 = 0.008333333333333333;
const S3 = -0.0001984126984126984;
const S4 = 0.0000027557319223985893;
const S5 = -2.505210838544172e-8;
/** Taylor coefficients of cos beyond −1/2: 1/4!, −1/6!, 1/8!, −1/10!, 1/12! (rounded). */
const K2 = 0.041666666666666664;
const K3 = -0.001388888888888889;
const K4 = 0.0000248015873015873;
const K5 = -2.755731922398589e-7;
const K6 = 2.08767569878681e-9;

const reduced = new Float64Array(2);

/** sin(r_hi + r_lo) for |r_hi| ≤ π/4 + 2⁻³⁰, |r_lo| ≤ ulp(r_hi). Internal. */
export function sinKernel(rHi: number, rLo: number): number {
  const negative = rHi < 0;
  const a = negative ? -rHi : rHi;
  const rho = negative ? -rLo : rLo;
  let y: number;
  if (a < SMALL) {
    const a2 = a * a;
    y = a + (rho - rho * a2 * 0.5 + a * a2 * (S1 + a2 * (S2 + a2 * (S3 + a2 * (S4 + a2 * S5)))));
  } else {
    const jf = a * 32 + SHIFT - SHIFT;
    const i = ((jf | 0) - 6) << 2;
    const tHi = a - jf * 0.03125;
    const t = tHi + rho, t2 = tHi * tHi;
    const sinT = t + tHi * t2 * (S1 + t2 * (S2 + t2 * S3));
    const cosM1 = t2 * (-0.5 + t2 * (K2 + t2 * K3)) - tHi * rho;
    const sHi = SINCOS_TABLE[i]!, sLo = SINCOS_TABLE[i + 1]!, cHi = SINCOS_TABLE[i + 2]!, cLo = SINCOS_TABLE[i + 3]!;
    y = sHi + (sLo + (sHi * cosM1 + (cHi * sinT + cLo * tHi)));
  }
  return negative ? -y : y;
}

/** cos(r_hi + r_lo) for |r_hi| ≤ π/4 + 2⁻³⁰, |r_lo| ≤ ulp(r_hi). Internal. */
export function cosKernel(rHi: number, rLo: number): number {
  const negative = rHi < 0;
  const a = negative ? -rHi : rHi;
  const rho = negative ? -rLo : rLo;
  if (a < SMALL) {
    const a2 = a * a;
    return 1 + (a2 * (-0.5 + a2 * (K2 + a2 * (K3 + a2 * (K4 + a2 * (K5 + a2 * K6))))) - rho * a);
  }
  const jf = a * 32 + SHIFT - SHIFT;
  const i = ((jf | 0) - 6) << 2;
  const tHi = a - jf * 0.03125;
  const t = tHi + rho, t2 = tHi * tHi;
  const sinT = t + tHi * t2 * (S1 + t2 * (S2 + t2 * S3));
  const cosM1 = t2 * (-0.5 + t2 * (K2 + t2 * K3)) - tHi * rho;
  const sHi = SINCOS_TABLE[i]!, sLo = SINCOS_TABLE[i + 1]!, cHi = SINCOS_TABLE[i + 2]!, cLo = SINCOS_TABLE[i + 3]!;
  return cHi + (cLo + (cHi * cosM1 - (sHi * sinT + sLo * tHi)));
}

/** sin x, within 0.65 ulp for every finite x; see the file comment. */
export function sin(x: number): number {
  if (x <= QUARTER_PI && x >= -QUARTER_PI) {
    if (x < TINY && x > -TINY) return x;
    return sinKernel(x, 0);
  }
  if (x - x !== 0) return NaN; // ±∞, NaN
  const k = reduceHalfPi(x, reduced);
  const rHi = reduced[0]!, rLo = reduced[1]!;
  switch (k) {
    case 0: return sinKernel(rHi, rLo);
    case 1: return cosKernel(rHi, rLo);
    case 2: return -sinKernel(rHi, rLo);
    default: return -cosKernel(rHi, rLo);
  }
}

/** cos x, within 0.65 ulp for every finite x; see the file comment. */
export function cos(x: number): number {
  if (x <= QUARTER_PI && x >= -QUARTER_PI) {
    if (x < TINY && x > -TINY) return 1;
    return cosKernel(x, 0);
  }
  if (x - x !== 0) return NaN;
  const k = reduceHalfPi(x, reduced);
  const rHi = reduced[0]!, rLo = reduced[1]!;
  switch (k) {
    case 0: return cosKernel(rHi, rLo);
    case 1: return -sinKernel(rHi, rLo);
    case 2: return -cosKernel(rHi, rLo);
    default: return sinKernel(rHi, rLo);
  }
}
