/**
 * Known-answer values: `Rng.normal` and `randn` from fixed seeds give these
 * bits on every engine (they go through math/'s log and cos, not Math.*).
 * The pins were written once from the code, and each is checked here
 * against a Box–Muller computed in BigInt from the same uniform draws:
 *
 *   z = mean + std·√(−2·ln u₁)·cos θ,  u₁ = 1 − next(), u₂ = next(),
 *   θ = fl(2π·u₂) (the double angle the code forms)
 *
 * with ln, √ and cos exact to ~2⁻²⁰⁰: the code's value is within 2 ulp of it
 * (ln and cos within 0.65 ulp, √ and the products rounded once each), so a
 * pin is not merely the code's own output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { randn } from '../../src/linalg/index.js';
import type { Big } from './reference.js';
import { bitsOf, fromBits, isqrt, refCos, refLog, toBig, ulpError } from './reference.js';

const hex = (x: number): string => `0x${bitsOf(x).toString(16).padStart(16, '0')}`;
const fromHex = (h: string): number => fromBits(BigInt(h));

/** mean + std·√(−2 ln u₁)·cos(fl(2π·u₂)) in BigInt (see the file comment). */
function boxMuller(u1: number, u2: number, mean: number, std: number): Big {
  const F = 240;
  const L = refLog(u1); // ln u₁ ≤ 0, exactly m·2^e
  const twiceMinusL = -2n * (L.e + F >= 0 ? L.m << BigInt(L.e + F) : L.m >> BigInt(-L.e - F)); // −2 ln u₁ at F bits
  const root = isqrt(twiceMinusL << BigInt(F)); // √(−2 ln u₁) at F bits
  const c = refCos(2 * Math.PI * u2); // cos θ = c.m·2^c.e
  const product: Big = { m: root * c.m, e: c.e - F }; // √(−2 ln u₁)·cos θ
  const s = toBig(std), mu = toBig(mean);
  const scaled: Big = { m: product.m * s.m, e: product.e + s.e };
  const shift = scaled.e - mu.e;
  return shift >= 0
    ? { m: (scaled.m << BigInt(shift)) + mu.m, e: mu.e }
    : { m: scaled.m + (mu.m << BigInt(-shift)), e: scaled.e };
}

/** Check each pinned value bit for bit, and against the BigInt Box–Muller of the same draws. */
function checkPins(label: string, values: ArrayLike<number>, pins: readonly string[], seed: number, mean: number, std: number): void {
  assert.deepEqual(Array.from(values, hex), pins, `${label}: the pinned bits`);
  const draws = new Rng(seed);
  for (let i = 0; i < pins.length; i++) {
    const u1 = 1 - draws.next(), u2 = draws.next();
    const error = ulpError(fromHex(pins[i]!), boxMuller(u1, u2, mean, std));
    assert.ok(Math.abs(error) <= 2, `${label}[${i}] = ${fromHex(pins[i]!)} is ${error} ulp from the BigInt Box–Muller`);
  }
}

test('pins: Rng(42).normal() × 8 gives the pinned bits, each within 2 ulp of a BigInt Box–Muller', () => {
  const rng = new Rng(42);
  const z = Array.from({ length: 8 }, () => rng.normal());
  checkPins('Rng(42).normal()', z, ['0x3ff1f6697987295d', '0x3fd9dd3b15980473', '0x3fead2d7ff5013ad', '0x3fd7d0e619dcc791',
    '0xbff24d92a94e575a', '0xbf9f0c5d3b6fc02a', '0xbfdd3632db356179', '0x3feac8db502ac59a'], 42, 0, 1);
});

test('pins: Rng(2024).normal(3, 0.5) × 4 gives the pinned bits, each within 2 ulp of a BigInt Box–Muller', () => {
  const rng = new Rng(2024);
  const z = Array.from({ length: 4 }, () => rng.normal(3, 0.5));
  checkPins('Rng(2024).normal(3, 0.5)', z, ['0x4006b1228c55b97a', '0x400d6798e6208abe', '0x4007c1b576f27f49', '0x40086d0afe45eda8'], 2024, 3, 0.5);
});

test('pins: randn([2, 3], Rng(7)) gives the pinned bits, each within 2 ulp of a BigInt Box–Muller', () => {
  const t = randn([2, 3], new Rng(7));
  // −0.6925843705222114, −1.2870249601100738, −1.7702631045594646, −0.023164787070066802, 0.3001382489495384, 0.5245016851655708
  checkPins('randn([2, 3], Rng(7))', t.data, ['0xbfe629a6b2a3a2fa', '0xbff497a77c0cef80', '0xbffc52ff67b65f8e', '0xbf97b8828b89f96f',
    '0x3fd335770ee11619', '0x3fe0c8b7c20f74dc'], 7, 0, 1);
});
