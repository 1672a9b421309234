/**
 * Exact bit access and power-of-two scaling, the only operations of math/
 * beyond + − × ÷ √ and comparisons. A double is read and written through one
 * 8-byte buffer viewed as a Float64Array and as two 32-bit words; which
 * word is the high one (sign, 11 exponent bits, top 20 fraction bits) is
 * found once from the platform's byte order.
 *
 *   highWord(x)        the high 32 bits of x, as a signed integer
 *   pow2(k)            2^k for −1074 ≤ k ≤ 1023, from a table built by exact doublings
 *   scale2(y, k)       y·2^k rounded once (exact unless the result is subnormal or overflows)
 *
 * Internal to math/: callers pass arguments in the stated ranges.
 */
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
/** Index of the high word in I32: 1 on a little-endian platform, 0 on a big-endian one. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** 2^1023 and 2^−54, exact. */
const TWO_1023 = 8.98846567431158e307;
const TWO_M54 = 5.551115123125783e-17;

/** The high 32 bits of x (sign, biased exponent, top 20 fraction bits), as a signed 32-bit integer. */
export function highWord(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}

/** The low 32 bits of x (the bottom 32 fraction bits), as a signed 32-bit integer. */
export function lowWord(x: number): number {
  F64[0] = x;
  return I32[LO]!;
}

/**
 * POW2[k + 1074] = 2^k for −1074 ≤ k ≤ 1023, filled by halving and doubling
 * 1 (each step exact). A table load is cheaper than assembling the bits: a
 * double read back from two 32-bit writes stalls the processor's store
 * forwarding.
 */
const POW2 = new Float64Array(2098);
POW2[1074] = 1;
for (let k = 1075; k < 2098; k++) POW2[k] = POW2[k - 1]! * 2;
for (let k = 1073; k >= 0; k--) POW2[k] = POW2[k + 1]! / 2;

/** 2^k for an integer −1074 ≤ k ≤ 1023. */
export function pow2(k: number): number {
  return POW2[k + 1074]!;
}

/**
 * y·2^k for 0.5 ≤ |y| < 4 and an integer −1076 ≤ k ≤ 1024, with a single
 * rounding: exact while the result is normal; a subnormal result is rounded
 * once (y·2^(k+54) is exact, then ·2^−54 rounds); past the largest double
 * it is ±∞.
 */
export function scale2(y: number, k: number): number {
  if (k > 1023) return y * TWO_1023 * pow2(k - 1023);
  if (k < -1022) return y * pow2(k + 54) * TWO_M54;
  return y * pow2(k);
}
