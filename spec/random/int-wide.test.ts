/**
 * Specs of Rng.int on ranges wider than 2³², where a draw is a 53-bit
 * integer x = u·2⁵³ and k = low + x mod r is accepted only while
 * x < limit = 2⁵³ − (2⁵³ mod r):
 *
 *   - draw for draw, k and the number of outputs used equal exact-integer
 *     rejection sampling on a BigInt rewrite of the stream (support.ts), for
 *     ranges of every width up to 2⁵³, most of them not dividing 2⁵³;
 *   - the rejection boundary, reached on purpose from a state built to give
 *     x = limit − 1 (accepted: k = high − 1, two outputs) and x = limit
 *     (rejected: the next draw decides), on both the 53-bit and the 32-bit path;
 *   - the distribution: χ² over equal-width buckets of [low, high) (the high
 *     bits) and over k − low mod 6 (the low bits), for ranges that divide 2⁵³
 *     and ranges that do not, each against the χ² bound at p ≈ 1e-4 with a
 *     fixed seed (so a pass is deterministic, and a correct generator fails
 *     such a bound for about one seed in 10 000).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { assertThat, property } from '../harness/index.js';
import { chiSquare, chiSquareCritical, referenceInt, stateForDraw53, stateForOutputs } from './support.js';

const TWO_POW_53 = 2 ** 53;
const MAX = Number.MAX_SAFE_INTEGER;

/** limit = 2^bits − (2^bits mod r), in exact integers. */
function limitOf(r: number, bits: 32 | 53): number {
  const total = 2n ** BigInt(bits), range = BigInt(r);
  return Number(total - (total % range));
}

/** The state reached from `state` after `outputs` steps. */
function advanced(state: readonly number[], outputs: number): number[] {
  const rng = Rng.fromState([...state]);
  for (let i = 0; i < outputs; i++) rng.nextUint32();
  return rng.state();
}

/** A range r and a low with low + r ≤ 2⁵³ − 1: r near 2⁵³ (rejection up to ½), of any width, or near 2³². */
function wideCase(rng: Rng): { state: number[]; low: number; r: number } {
  const kind = rng.int(0, 4);
  const r = kind === 0 ? TWO_POW_53 - rng.int(0, 2 ** 52) // (2⁵², 2⁵³]: where most draws can be rejected
    : kind === 1 ? 2 ** 32 + rng.int(1, 2 ** 32) // just past the 32-bit path
    : kind === 2 ? Math.max(2 ** 32 + 1, Math.floor(rng.next() * 2 ** rng.int(33, 54))) // any width
    : rng.int(1, 2 ** 32 + 1); // the 32-bit path, 2³² included
  const low = -MAX + Math.floor(rng.next() * (2 * MAX - r + 2)); // in [−MAX, MAX − r + 1], so high − 1 ≤ MAX
  return { state: new Rng(rng.nextUint32()).state(), low, r };
}

property('Rng.int equals rejection sampling in exact integers on the BigInt stream, value and outputs used', wideCase, ({ state, low, r }) => {
  const rng = Rng.fromState(state);
  let current = state;
  for (let draw = 0; draw < 20; draw++) {
    const expected = referenceInt(current, low, low + r);
    const k = rng.int(low, low + r);
    assert.equal(k, expected.value, `draw ${draw} of int(${low}, ${low + r})`);
    current = advanced(current, expected.outputs);
    assert.deepEqual(rng.state(), current, `draw ${draw} used ${expected.outputs} outputs`);
  }
}, { runs: 200 });

/** Ranges past 2³² that do not divide 2⁵³ (3·2⁵¹, 5·2⁵⁰, odd ones) and the widest, 2⁵³. */
const WIDE_RANGES = [3 * 2 ** 51, 5 * 2 ** 50, 2 ** 52 + 1, 6004799503160661, 1e15 + 7, 2 ** 32 + 1, TWO_POW_53 - 1, TWO_POW_53];

test('53-bit path: x = limit − 1 is accepted (k = high − 1, two outputs), x = limit is rejected and the next draw decides', () => {
  for (const r of WIDE_RANGES) {
    const low = r === TWO_POW_53 ? -(2 ** 52) : -7;
    const limit = limitOf(r, 53);
    const last = stateForDraw53(limit - 1);
    assert.equal(Rng.fromState(last).int(low, low + r), low + r - 1, `r = ${r}: x = limit − 1`);
    const accepted = Rng.fromState(last);
    accepted.int(low, low + r);
    assert.deepEqual(accepted.state(), advanced(last, 2), `r = ${r}: one draw, two outputs`);
    assert.equal(Rng.fromState(stateForDraw53(0)).int(low, low + r), low, `r = ${r}: x = 0`);
    if (limit === TWO_POW_53) continue; // r divides 2⁵³: no draw is rejected
    const first = stateForDraw53(limit);
    const expected = referenceInt(first, low, low + r);
    assertThat(expected.outputs >= 4, `r = ${r}: the reference rejects x = limit`);
    const rejected = Rng.fromState(first);
    assert.equal(rejected.int(low, low + r), expected.value, `r = ${r}: x = limit`);
    assert.deepEqual(rejected.state(), advanced(first, expected.outputs));
  }
});

test('32-bit path: an output of limit − 1 is accepted (k = high − 1), an output of limit is rejected; r = 2³² uses one output', () => {
  for (const r of [3, 10, 3 * 2 ** 30, 2 ** 31 + 1, 2 ** 32 - 1]) {
    const limit = limitOf(r, 32);
    assert.equal(Rng.fromState(stateForOutputs(limit - 1, 0)).int(5, 5 + r), 5 + r - 1, `r = ${r}: limit − 1`);
    const rejected = Rng.fromState(stateForOutputs(limit, 1));
    assert.equal(rejected.int(5, 5 + r), 6, `r = ${r}: limit is rejected, the next output 1 gives low + 1`);
    assert.deepEqual(rejected.state(), advanced(stateForOutputs(limit, 1), 2));
  }
  // r = 2³², the widest range of the 32-bit path: nothing is rejected, and one output is used.
  const start = stateForOutputs(2 ** 32 - 1, 0);
  const widest = Rng.fromState(start);
  assert.equal(widest.int(-(2 ** 31), 2 ** 31), 2 ** 31 - 1);
  assert.deepEqual(widest.state(), advanced(start, 1), 'r = 2³² takes one 32-bit output, not a 53-bit draw');
});

/** χ² of `n` draws of int(low, low + r) over `buckets` equal-width buckets of the range. */
function bucketStatistic(seed: number, low: number, r: number, buckets: number, n: number): { stat: number; counts: number[] } {
  const rng = new Rng(seed);
  const counts = new Array<number>(buckets).fill(0);
  for (let i = 0; i < n; i++) {
    const k = rng.int(low, low + r);
    assertThat(Number.isSafeInteger(k) && k >= low && k < low + r, `int(${low}, ${low + r}) gave ${k}`);
    counts[Math.min(buckets - 1, Math.floor(((k - low) / r) * buckets))]! += 1;
  }
  return { stat: chiSquare(counts, counts.map(() => n / buckets)), counts };
}

test('wide ranges: χ² over equal-width buckets stays below the p = 1e-4 bound, for ranges that divide 2⁵³ and ranges that do not', () => {
  const cases: [string, number, number, number][] = [
    // [what, low, r, buckets]; a missing rejection puts ½ (not ⅓) in the lowest third of 3·2⁵¹,
    // and ½ (not ⅓) in the lowest half of r ≈ ⅔·2⁵³.
    ['3·2⁵¹ (rejects ¼ of draws)', -(2 ** 52), 3 * 2 ** 51, 12],
    ['6004799503160661, odd, ≈ ⅔·2⁵³ (rejects ⅓)', -3e15, 6004799503160661, 10],
    ['5·2⁵⁰ (rejects ⅜)', 12345, 5 * 2 ** 50, 10],
    ['2⁴⁰ (divides 2⁵³)', -(2 ** 39), 2 ** 40, 16],
    ['2⁵³, the widest range', -(2 ** 52), TWO_POW_53, 16],
  ];
  for (const [what, low, r, buckets] of cases) {
    const { stat, counts } = bucketStatistic(r % 1000, low, r, buckets, 24_000);
    assertThat(stat < chiSquareCritical(buckets - 1), `${what}: χ² = ${stat.toFixed(1)} over counts ${counts}`);
  }
});

test('wide ranges: the low bits are uniform too (χ² of (k − low) mod 6 below the p = 1e-4 bound)', () => {
  // A draw that lost its low 26 bits makes k − low even for these r; x ↦ ⌊x·r/2⁵³⌋ in place of
  // x mod r gives k − low ≡ 0 (mod 3) probability ½ for r = 3·2⁵¹.
  for (const [low, r] of [[-(2 ** 39), 2 ** 40], [-(2 ** 52), 3 * 2 ** 51], [-(2 ** 52), TWO_POW_53 - 1], [1, 6004799503160661]] as const) {
    const rng = new Rng(6 + r % 97);
    const n = 24_000, counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[(rng.int(low, low + r) - low) % 6]! += 1;
    const stat = chiSquare(counts, counts.map(() => n / 6));
    assertThat(stat < chiSquareCritical(5), `r = ${r}: χ² = ${stat.toFixed(1)} over residues ${counts}`);
  }
});
