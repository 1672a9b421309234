/**
 * Every table entry and split constant of math/ recomputed from the BigInt
 * series of reference.ts (π by Machin's formula, ln 2 by 2·atanh(1/3)) and
 * compared bit for bit: a hi part is the nearest double (or the value
 * rounded to the stated grid), a lo part the nearest double to the rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXP2_TABLE } from '../../src/math/exp-table.js';
import { INV_L, L1, L2 } from '../../src/math/exp.js';
import { LN2_HI, LN2_LO } from '../../src/math/log.js';
import { INV_LN2, INV_LN2_HI, INV_LN2_LO } from '../../src/math/log2.js';
import { LOG2_TABLE, LOG_TABLE } from '../../src/math/log-table.js';
import { C, HALF_PI_160, P1, P2, P3, P4, TWO_OVER_PI } from '../../src/math/reduce.js';
import { SINCOS_TABLE } from '../../src/math/sincos-table.js';
import type { Big } from './reference.js';
import { LN2_P, P, PI_P, expBig, logFixed, sinCosFixed, toBig, toNumber } from './reference.js';

const W = 220; // working bits of the table values

/** value − hi, exactly, for a Big value and a double hi. */
function minus(value: Big, hi: number): Big {
  const h = toBig(hi), c = Math.min(value.e, h.e);
  return { m: (value.m << BigInt(value.e - c)) - (h.m << BigInt(h.e - c)), e: c };
}

/** [hi, lo]: hi the nearest double, lo the nearest double to the rest. */
function nearestPair(value: Big): [number, number] {
  const hi = toNumber(value);
  return [hi, toNumber(minus(value, hi))];
}

/** [hi, lo]: hi the value rounded to a multiple of 2^−42, lo the nearest double to the rest. */
function gridPair(fixed: bigint, F: number): [number, number] {
  const hiInt = (fixed + (1n << BigInt(F - 43))) >> BigInt(F - 42);
  return [Number(hiInt) / 2 ** 42, toNumber({ m: fixed - (hiInt << BigInt(F - 42)), e: -F })];
}

/** [hi, lo]: hi the value rounded to `bits` significant bits, lo the nearest double to the rest. */
function bitsPair(fixed: bigint, F: number, bits: number): [number, number] {
  const drop = fixed.toString(2).length - bits;
  const hiInt = (fixed + (1n << BigInt(drop - 1))) >> BigInt(drop);
  return [Number(hiInt) * 2 ** (drop - F), toNumber({ m: fixed - (hiInt << BigInt(drop)), e: -F })];
}

function assertEntries(table: Float64Array, expected: number[], label: string): void {
  assert.equal(table.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(table[i], expected[i]), `${label}[${i}] = ${table[i]}, expected ${expected[i]}`);
  }
}

const ln2 = LN2_P >> BigInt(P - W);

test('math tables: EXP2_TABLE holds 2^(j/128) as nearest double + nearest double to the rest', () => {
  const expected: number[] = [];
  for (let j = 0; j < 128; j++) expected.push(...nearestPair(expBig((BigInt(j) * ln2) / 128n, W)));
  assertEntries(EXP2_TABLE, expected, 'EXP2_TABLE');
});

test('math tables: LOG_TABLE and LOG2_TABLE hold ln and log₂ of 1 + j/128 on the 2^−42 grid + rest', () => {
  const logs: number[] = [], log2s: number[] = [];
  for (let j = 0; j < 128; j++) {
    const l = logFixed({ m: 128n + BigInt(j), e: -7 }, W);
    logs.push(...gridPair(l, W));
    log2s.push(...gridPair((l << BigInt(W)) / ln2, W));
  }
  assertEntries(LOG_TABLE, logs, 'LOG_TABLE');
  assertEntries(LOG2_TABLE, log2s, 'LOG2_TABLE');
});

test('math tables: SINCOS_TABLE holds sin and cos of j/32, j = 6 … 25, as pairs', () => {
  const expected: number[] = [];
  for (let j = 6; j <= 25; j++) {
    const { sin, cos } = sinCosFixed((BigInt(j) << BigInt(W)) / 32n, W);
    expected.push(...nearestPair({ m: sin, e: -W }), ...nearestPair({ m: cos, e: -W }));
  }
  assertEntries(SINCOS_TABLE, expected, 'SINCOS_TABLE');
});

test('math constants: the splits of ln 2, (ln 2)/128, 1/ln 2 and π/2, and the bits of 2/π', () => {
  const ln2P = LN2_P, halfPi = PI_P >> 1n;
  assert.deepEqual([LN2_HI, LN2_LO], gridPair(ln2P >> BigInt(P - W), W), 'ln 2 = LN2_HI + LN2_LO');
  assert.deepEqual([L1, L2], bitsPair(ln2P / 128n, P, 34), '(ln 2)/128 = L1 + L2');
  const inverse = (1n << BigInt(2 * P)) / ln2P;
  assert.deepEqual([INV_LN2_HI, INV_LN2_LO], bitsPair(inverse, P, 26), '1/ln 2 = INV_LN2_HI + INV_LN2_LO');
  assert.equal(INV_LN2, toNumber({ m: inverse, e: -P }));
  assert.equal(INV_L, toNumber({ m: inverse * 128n, e: -P }));
  let rest = halfPi;
  const parts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [hi] = bitsPair(rest, P, 33);
    parts.push(hi);
    rest -= toFixedExact(hi);
  }
  parts.push(toNumber({ m: rest, e: -P }));
  assert.deepEqual([P1, P2, P3, P4], parts, 'π/2 = P1 + P2 + P3 + P4');
  const twoOverPi = (1n << BigInt(2 * P + 1)) / PI_P;
  assert.equal(TWO_OVER_PI, toNumber({ m: twoOverPi, e: -P }));
  assert.equal(C, twoOverPi >> BigInt(P - 1200), 'C = ⌊2^1200·(2/π)⌋');
  assert.equal(HALF_PI_160, halfPi >> BigInt(P - 160), 'HALF_PI_160 = ⌊2^160·(π/2)⌋');
});

/** A double as a fixed-point value at P bits (exact: the doubles here are on coarser grids). */
function toFixedExact(x: number): bigint {
  const b = toBig(x);
  return b.m << BigInt(b.e + P);
}
