/**
 * Shared pieces of the math specs: samplers that cover a function's whole
 * domain, and the distance in ulps between two doubles.
 *
 *   wide(lo, hi)      a double in [lo, hi]: a third uniform by value, a third
 *                     with a uniformly drawn binary exponent (so tiny and
 *                     subnormal magnitudes appear as often as large ones),
 *                     a third from uniformly random bit patterns
 *   ulpDistance(a, b) how many doubles lie between a and b (0 when equal)
 */
import type { Rng } from '../../src/random/index.js';
import { bitsOf, fromBits } from './reference.js';

/** A double from 64 uniformly random bits (any finite or non-finite value). */
export function randomBits(rng: Rng): number {
  return fromBits((BigInt(rng.nextUint32()) << 32n) | BigInt(rng.nextUint32()));
}

/** ±m·2^e with a random 53-bit m ∈ [1, 2) and e uniform in [eMin, eMax] (2^e below 2^−1022 gives subnormals). */
export function logUniform(rng: Rng, eMin: number, eMax: number): number {
  const e = rng.int(eMin, eMax + 1);
  const m = 1 + rng.next();
  const magnitude = e < -1000 ? m * 2 ** (e + 100) * 2 ** -100 : m * 2 ** e;
  return rng.next() < 0.5 ? -magnitude : magnitude;
}

/** A double in [lo, hi] (finite bounds) from the three regimes of the file comment. */
export function wide(rng: Rng, lo: number, hi: number): number {
  const regime = rng.int(0, 3);
  if (regime === 0) return rng.uniform(lo, hi);
  const top = Math.ceil(Math.log2(Math.max(Math.abs(lo), Math.abs(hi))));
  for (let tries = 0; tries < 1000; tries++) {
    const x = regime === 1 ? logUniform(rng, -1074, top) : randomBits(rng);
    if (x >= lo && x <= hi) return x;
  }
  return rng.uniform(lo, hi);
}

/** The position of a double on the line of all doubles (…, −0 and +0 both at 0, …). */
function ordinal(x: number): bigint {
  const bits = bitsOf(x);
  return bits >> 63n === 1n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** The number of ulp steps between two finite (or infinite) doubles. */
export function ulpDistance(a: number, b: number): number {
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
