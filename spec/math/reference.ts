/**
 * The high-precision reference the math specs measure against: exact
 * rationals m·2^e with BigInt mantissas, and fixed-point series at F bits
 * (a value v stands for v·2^−F). Nothing here shares a method with
 * src/math/: the constants come from their own series (π by Machin's
 * formula, ln 2 by 2·atanh(1/3)), logarithms by the atanh series on
 * [√½, √2), exponentials by Taylor series after halving the argument,
 * sin and cos by Taylor series after reducing x by π/2 at 1600 bits, and
 * square roots by integer Newton iteration. Every result carries at least
 * ~120 correct bits beyond the double it is compared with.
 *
 *   ulpError(y, ref)   (y − ref) / ulp(ref), ulp(ref) = 2^(⌊log₂|ref|⌋ − 52) (2^−1074 at the least)
 */

/** An exact real m·2^e (m may be negative or zero). */
export interface Big {
  m: bigint;
  e: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The bits of a double as an unsigned 64-bit integer. */
export function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

/** The double with these bits. */
export function fromBits(bits: bigint): number {
  view.setBigUint64(0, BigInt.asUintN(64, bits));
  return view.getFloat64(0);
}

/** x (finite) as an exact m·2^e. */
export function toBig(x: number): Big {
  const bits = bitsOf(x);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: negative ? -m : m, e };
}

/** Number of bits of |m| (0 for 0). */
export function bitLength(m: bigint): number {
  if (m < 0n) m = -m;
  return m === 0n ? 0 : m.toString(2).length;
}

/** m·2^e as a fixed-point value at F bits (rounded toward −∞). */
export function toFixed(b: Big, F: number): bigint {
  const shift = b.e + F;
  return shift >= 0 ? b.m << BigInt(shift) : b.m >> BigInt(-shift);
}

/** The double nearest to m·2^e (ties to even), through Number(BigInt), which rounds to nearest. */
export function toNumber(b: Big): number {
  if (b.m === 0n) return 0;
  const n = bitLength(b.m);
  // keep 64 bits plus a sticky bit so that Number() rounds exactly once
  const drop = n - 64;
  let m = b.m, e = b.e;
  if (drop > 0) {
    const mag = m < 0n ? -m : m;
    let kept = mag >> BigInt(drop);
    if ((kept << BigInt(drop)) !== mag) kept |= 1n;
    m = m < 0n ? -kept : kept;
    e += drop;
  }
  // subnormal range: round to 2^-1074 first, in BigInt (Number would not)
  if (e + bitLength(m) - 1 < -1022 && e < -1074) {
    const s = BigInt(-1074 - e);
    const mag = m < 0n ? -m : m;
    const q = mag >> s, rem = mag - (q << s), half = 1n << (s - 1n);
    const r = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    return (m < 0n ? -1 : 1) * Number(r) * 2 ** -1074;
  }
  const scaled = Number(m);
  return e >= -1000 ? scaled * 2 ** e : scaled * 2 ** (e + 500) * 2 ** -500;
}

/**
 * (y − ref) in units of ulp(ref) = 2^(max(⌊log₂|ref|⌋, −1022) − 52). y = ±∞
 * counts as ±2^1024 (so a result that overflows a hair early or late shows
 * as less than one ulp off, and an overflow far from the threshold as many);
 * for |ref| ≥ 2^1024 only the infinity of its sign is 0 ulp off.
 */
export function ulpError(y: number, ref: Big): number {
  const top = ref.m === 0n ? -1075 : ref.e + bitLength(ref.m) - 1;
  if (top >= 1024) return y === (ref.m > 0n ? Infinity : -Infinity) ? 0 : Infinity; // overflows: only ±∞ is right
  const q = Math.max(top, -1022) - 52;
  const Y: Big = Number.isFinite(y) ? toBig(y) : { m: y > 0 ? 1n : -1n, e: 1024 };
  const c = Math.min(Y.e, ref.e);
  const D = (Y.m << BigInt(Y.e - c)) - (ref.m << BigInt(ref.e - c));
  if (q - c <= 60) return Number(D) * 2 ** (c - q);
  return Number(D >> BigInt(q - c - 60)) / 2 ** 60;
}

// ---------------------------------------------------------------- constants

/** 2·atanh(s) = 2·Σ s^(2k+1)/(2k+1) for a fixed-point s at F bits, |s| ≤ 1/3. */
function twoAtanh(s: bigint, F: number): bigint {
  const s2 = (s * s) >> BigInt(F);
  let power = s, sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = (power * s2) / (1n << BigInt(F)); // truncates toward 0, so a negative power reaches 0 too
  }
  return 2n * sum;
}

/** atan(1/q) at F bits: Σ (−1)^k / ((2k+1)·q^(2k+1)). */
function atanInv(q: bigint, F: number): bigint {
  const q2 = q * q;
  let power = (1n << BigInt(F)) / q, sum = 0n, sign = 1n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += (sign * power) / k;
    power /= q2;
    sign = -sign;
  }
  return sum;
}

/** Precision of the constants. */
export const P = 1600;
const GUARD = 32;
/** π·2^P, by Machin's formula π = 16·atan(1/5) − 4·atan(1/239). */
export const PI_P = (16n * atanInv(5n, P + GUARD) - 4n * atanInv(239n, P + GUARD)) >> BigInt(GUARD);
/** ln 2·2^P, as 2·atanh(1/3). */
export const LN2_P = twoAtanh((1n << BigInt(P + GUARD)) / 3n, P + GUARD) >> BigInt(GUARD);

/** ⌊a/b⌋ for BigInts (BigInt division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** A constant at F ≤ P bits. */
const at = (c: bigint, F: number): bigint => c >> BigInt(P - F);

// ---------------------------------------------------------------- series

/** e^r for a fixed-point r at F bits, |r| ≤ 1: Taylor series of e^(r/2^8), squared 8 times. */
export function expFixed(r: bigint, F: number): bigint {
  const G = F + 24, one = 1n << BigInt(G);
  const t = (r << 24n) >> 8n; // r/2^8 at G bits
  let term = one, sum = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * t) / (n << BigInt(G));
    sum += term;
  }
  for (let i = 0; i < 8; i++) sum = (sum * sum) >> BigInt(G);
  return sum >> 24n;
}

/** log of m·2^e (> 0) at F bits (absolute error a few units of 2^−F). */
export function logFixed(b: Big, F: number): bigint {
  if (b.m <= 0n) throw new RangeError('logFixed: the argument must be positive');
  const G = F + 16, one = 1n << BigInt(G);
  let k = b.e + bitLength(b.m) - 1;
  let mant = toFixed({ m: b.m, e: b.e - k }, G); // in [1, 2)
  // move to [√½, √2): mant² > 2 ⟺ mant > √2
  if (mant * mant > 2n * one * one) {
    mant >>= 1n;
    k += 1;
  }
  const s = ((mant - one) << BigInt(G)) / (mant + one);
  return (BigInt(k) * at(LN2_P, G) + twoAtanh(s, G)) >> 16n;
}

/** e^z for a fixed-point z at F bits, as an exact Big (relative error ~2^−F). */
export function expBig(z: bigint, F: number): Big {
  const ln2 = at(LN2_P, F);
  const k = floorDiv(2n * z + ln2, 2n * ln2); // round(z / ln 2)
  const r = z - k * ln2;
  return { m: expFixed(r, F), e: Number(k) - F };
}

/** sin r and cos r at F bits for a fixed-point |r| ≤ 1 (Taylor series). */
export function sinCosFixed(r: bigint, F: number): { sin: bigint; cos: bigint } {
  const G = F + 8, one = 1n << BigInt(G);
  const x = r << 8n, x2 = (x * x) >> BigInt(G);
  let term = x, sin = 0n;
  for (let n = 1n; term !== 0n; n += 2n) {
    sin += term;
    term = -(term * x2) / ((n + 1n) * (n + 2n) << BigInt(G));
  }
  term = one;
  let cos = 0n;
  for (let n = 0n; term !== 0n; n += 2n) {
    cos += term;
    term = -(term * x2) / ((n + 1n) * (n + 2n) << BigInt(G));
  }
  return { sin: sin >> 8n, cos: cos >> 8n };
}

/** ⌊√n⌋ by Newton's iteration on integers. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

// ---------------------------------------------------------------- references of the functions

/** Working precision of the references (bits beyond the binary point, or beyond the leading bit). */
export const F = 200;

/** The fixed-point precision that keeps F significant bits for a value of leading bit `top`. */
const precisionFor = (top: number): number => F + Math.max(0, -top);
const topOf = (b: Big): number => (b.m === 0n ? -2000 : b.e + bitLength(b.m) - 1);

export function refExp(x: number): Big {
  return expBig(toFixed(toBig(x), F), F);
}

/** e^x − 1: through e^x for |x| ≥ 1/4, by its Taylor series at a precision scaled to x below. */
export function refExpm1(x: number): Big {
  if (Math.abs(x) >= 0.25) {
    const e = refExp(x);
    if (e.e >= 0) return e; // e^x ≥ 2^F: the 1 is far below the precision kept
    return { m: e.m - (1n << BigInt(-e.e)), e: e.e };
  }
  const b = toBig(x), G = precisionFor(topOf(b));
  const t = toFixed(b, G);
  let term = t, sum = 0n;
  for (let n = 2n; term !== 0n; n++) {
    sum += term;
    term = (term * t) / (n << BigInt(G));
  }
  return { m: sum, e: -G };
}

export function refLog(x: number): Big {
  const b = toBig(x);
  // near 1 the result is small: keep F bits beyond its leading bit
  const G = Math.abs(x - 1) < 0.25 ? precisionFor(topOf(toBig(x - 1)) ) : F;
  return { m: logFixed(b, G), e: -G };
}

/** log(1 + x): the exact rational 1 + x, or the Taylor series of log1p for tiny x. */
export function refLog1p(x: number): Big {
  const b = toBig(x), top = topOf(b);
  if (top < -30) {
    const G = precisionFor(top), t = toFixed(b, G);
    let power = t, sum = 0n;
    for (let n = 1n; power !== 0n; n++) {
      sum += (n % 2n === 1n ? power : -power) / n;
      power = (power * t) / (1n << BigInt(G));
    }
    return { m: sum, e: -G };
  }
  const G = precisionFor(top) + 64;
  const onePlus: Big = { m: (1n << BigInt(G)) + toFixed(b, G), e: -G };
  const H = Math.abs(x) < 0.25 ? precisionFor(top) : F;
  return { m: logFixed(onePlus, H), e: -H };
}

export function refLog2(x: number): Big {
  const l = refLog(x), G = -l.e;
  return { m: (l.m << BigInt(G)) / at(LN2_P, G), e: -G };
}

/**
 * x mod π/2: the quadrant k mod 4 and r = x − k·π/2 at G bits. π is taken
 * at |x|'s leading bit + 300 bits, so r carries an absolute error below
 * 2⁻²⁹⁰ whatever the size of x (|x| < 2^1024).
 */
export function reduceHalfPi(x: number): { k: number; r: bigint; G: number } {
  const b = toBig(x);
  const G = Math.max(0, topOf(b)) + 300;
  const halfPi = PI_P >> BigInt(P - G + 1);
  const X = toFixed(b, G);
  const k = floorDiv(2n * X + halfPi, 2n * halfPi); // round(x / (π/2))
  return { k: Number(((k % 4n) + 4n) % 4n), r: X - k * halfPi, G };
}

function refSinCos(x: number, wantSin: boolean): Big {
  const b = toBig(x), top = topOf(b);
  if (top < -40) {
    // sin x = x − x³/6 + …, cos x = 1 − x²/2 + …: two terms are ~2^−80 relative
    const G = precisionFor(top), t = toFixed(b, G);
    const t2 = (t * t) >> BigInt(G);
    if (wantSin) return { m: t - (t2 * t >> BigInt(G)) / 6n + ((t2 * t2 >> BigInt(G)) * t >> BigInt(G)) / 120n, e: -G };
    return { m: (1n << BigInt(G)) - t2 / 2n + (t2 * t2 >> BigInt(G)) / 24n, e: -G };
  }
  const reduced = reduceHalfPi(x);
  const G = F + 60; // r to 2^−260 absolute: |r| ≳ 2^−62 for every double, so ≳ 190 relative bits
  const { sin, cos } = sinCosFixed(reduced.r >> BigInt(reduced.G - G), G);
  const k = reduced.k;
  const q = wantSin ? k : (k + 1) % 4; // cos x = sin(x + π/2)
  const m = q === 0 ? sin : q === 1 ? cos : q === 2 ? -sin : -cos;
  return { m, e: -G };
}

export const refSin = (x: number): Big => refSinCos(x, true);
export const refCos = (x: number): Big => refSinCos(x, false);

/** tanh x = E/(E + 2), E = e^(2x) − 1. */
export function refTanh(x: number): Big {
  if (Math.abs(x) > 40) return { m: x > 0 ? 1n : -1n, e: 0 }; // 1 − tanh|x| < 2^−115
  const E = refExpm1(2 * x); // 2x is exact
  const G = -E.e;
  const two = 2n << BigInt(G);
  const H = F + G;
  return { m: (E.m << BigInt(H)) / (E.m + two), e: -H };
}

/** |x|^y for x ≠ 0 finite, y finite, as exp(y·log|x|) at a precision scaled to y. */
export function refPowAbs(x: number, y: number): Big {
  const by = toBig(y);
  const G = F + Math.max(0, topOf(by) + 12);
  const L = logFixed(toBig(Math.abs(x)), G); // log|x| at G bits
  const Z = toFixed({ m: L * by.m, e: by.e - G }, F + 16);
  return expBig(Z, F + 16);
}

/** √(x² + y²) for finite x, y: the exact sum of squares and an integer square root. */
export function refHypot(x: number, y: number): Big {
  const a = toBig(x), b = toBig(y);
  const c = Math.min(a.e, b.e);
  const S = ((a.m * a.m) << BigInt(2 * (a.e - c))) + ((b.m * b.m) << BigInt(2 * (b.e - c))); // ·2^(2c)
  if (S === 0n) return { m: 0n, e: 0 };
  const s = 2 * F; // extra bits: √(S·2^(2s))·2^(c − s)
  return { m: isqrt(S << BigInt(2 * s)), e: c - s };
}
