/**
 * Specs of the seed rule (src/random/seed.ts): a safe integer s or a bigint
 * b ∈ [−2⁶³, 2⁶⁴) is the 64-bit word w = s mod 2⁶⁴ (b mod 2⁶⁴), whose halves
 * are expanded into the state by SplitMix32. Checked against a BigInt
 * rewrite of that expansion for numbers and bigints of every size and sign,
 * on the boundaries of both ranges, and against state words pinned from the
 * generator as it was before bigint seeds existed (the streams every other
 * spec draws from must not move).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { ValueError } from '../../src/errors/index.js';
import { property } from '../harness/index.js';

const MASK = 0xffffffffn;
const PHI = 0x9e3779b9n;

/** SplitMix32's output function on a BigInt word. */
function splitMix32(z: bigint): bigint {
  z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & MASK;
  z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & MASK;
  return z ^ (z >> 16n);
}

/** The state of seed `seed` by the documented rule, in BigInt arithmetic throughout. */
function referenceState(seed: bigint): number[] {
  const w = ((seed % 2n ** 64n) + 2n ** 64n) % 2n ** 64n; // w = seed mod 2⁶⁴ in [0, 2⁶⁴)
  const low = w & MASK, high = w >> 32n;
  let c = low ^ ((high * PHI) & MASK);
  const s: bigint[] = [];
  for (let i = 1n; i <= 4n; i++) {
    c = (c + PHI) & MASK;
    s.push(splitMix32(c ^ ((high * i) & MASK)));
  }
  if (!s.some((x) => x !== 0n)) s[0] = 1n; // the all-zero state never leaves 0
  return s.map(Number);
}

/** A safe integer of any magnitude (2^e scaled, e uniform in 0 … 53) and either sign. */
function safeInteger(rng: Rng): number {
  const e = rng.int(0, 54);
  const x = Math.min(Math.floor(rng.next() * 2 ** e), Number.MAX_SAFE_INTEGER);
  return rng.next() < 0.5 ? -x : x;
}

/** A bigint in [−2⁶³, 2⁶⁴) from two 32-bit words, a random length and a sign. */
function bigSeed(rng: Rng): bigint {
  const w = (BigInt(rng.nextUint32()) << 32n) | BigInt(rng.nextUint32());
  const b = w >> BigInt(rng.int(0, 64));
  return rng.next() < 0.5 ? b : -(b >> 1n);
}

test('the states of the seeds the specs use are those of the generator before bigint seeds (pinned)', () => {
  const pinned: [number, number[]][] = [
    [0, [2462723854, 1020716019, 454327756, 1275600319]],
    [1, [2527132011, 314344336, 2535364964, 2041432039]],
    [2, [3024231355, 707989949, 311582648, 2548709910]],
    [42, [939911724, 3948730756, 321366731, 3317318717]],
    [-1, [3905748621, 3834300474, 3434129163, 4268235424]],
    [2 ** 32, [314344336, 2977992069, 1507035486, 2588811349]],
    [2 ** 40, [379651822, 941629083, 1462448503, 2954653869]],
    [-(2 ** 40), [3074424596, 1545228591, 273654721, 3490196791]],
    [Number.MAX_SAFE_INTEGER, [1541710125, 726570572, 3982250472, 1182307592]],
    [-Number.MAX_SAFE_INTEGER, [981387702, 643174475, 1395002535, 2559005483]],
  ];
  for (const [seed, state] of pinned) {
    assert.deepEqual(new Rng(seed).state(), state, `seed ${seed}`);
    assert.deepEqual(referenceState(BigInt(seed)), state, `the BigInt rule for seed ${seed}`);
  }
  // Draws of every kind from seed 2024 and 7, pinned the same way.
  const r = new Rng(2024);
  assert.deepEqual([r.int(0, 10), r.int(-5, 5), r.int(0, 2 ** 32), r.int(0, 2 ** 32 + 1), r.int(-(2 ** 52), 2 ** 52), r.int(0, 3 * 2 ** 51)],
    [9, 2, 1249288266, 2858166015, 1752598517964196, 4575501546826841]);
  const q = new Rng(7);
  assert.deepEqual([q.next(), q.uniform(-3, 5)], [0.2338277214186818, 0.5913166506716738]);
  q.normal(); q.normal(2, 3); // their values belong to the elementary functions' own pins
  assert.deepEqual([Array.from(q.permutation(6)), Array.from(q.sample(100, 4)), q.choice([1, 2, 3]), q.shuffle(['a', 'b', 'c', 'd'])],
    [[4, 3, 2, 5, 1, 0], [84, 6, 47, 61], 2, ['d', 'b', 'a', 'c']]);
});

property('a safe-integer seed s gives the state of the word s mod 2⁶⁴, and the bigint BigInt(s) gives the same', safeInteger, (s) => {
  const state = new Rng(s).state();
  assert.deepEqual(state, referenceState(BigInt(s)));
  assert.deepEqual(new Rng(BigInt(s)).state(), state);
}, { runs: 300 });

property('a bigint seed b ∈ [−2⁶³, 2⁶⁴) gives the state of the word b mod 2⁶⁴', bigSeed, (b) => {
  assert.deepEqual(new Rng(b).state(), referenceState(b));
  if (b < 0n) assert.deepEqual(new Rng(b).state(), new Rng(b + 2n ** 64n).state(), 'a negative seed is its two\'s complement');
}, { runs: 300 });

test('seed boundaries: 2⁵³ − 1 and [−2⁶³, 2⁶⁴ − 1] are seeds, one past them is not; −0 and no seed are seed 0', () => {
  const max = Number.MAX_SAFE_INTEGER;
  assert.deepEqual(new Rng(max).state(), referenceState(BigInt(max)));
  assert.deepEqual(new Rng(-max).state(), referenceState(BigInt(-max)));
  assert.throws(() => new Rng(max + 1), ValueError);
  assert.throws(() => new Rng(-max - 1), ValueError);
  assert.deepEqual(new Rng(2n ** 64n - 1n).state(), new Rng(-1).state());
  assert.deepEqual(new Rng(-(2n ** 63n)).state(), new Rng(2n ** 63n).state());
  assert.throws(() => new Rng(2n ** 64n), /Rng: a bigint seed must be in \[−2⁶³, 2⁶⁴\), got 18446744073709551616n/);
  assert.throws(() => new Rng(-(2n ** 63n) - 1n), ValueError);
  assert.deepEqual(new Rng(-0).state(), new Rng(0).state());
  assert.deepEqual(new Rng().state(), new Rng(0).state());
  assert.deepEqual(new Rng(undefined).state(), new Rng(0).state());
});

test('a seed that used to become another seed is rejected, and the message shows it', () => {
  // Before the rule, 0.5 and 1e300 gave the stream of seed 0, and −2.25 that of −2; an unsafe integer stands for several integers.
  for (const seed of [0.5, -2.25, 1e300, 2 ** 53, NaN, Infinity]) {
    assert.throws(() => new Rng(seed), (e: unknown) => e instanceof ValueError && e.message.startsWith('Rng: seed must be a safe integer') && e.message.endsWith(`got ${seed}`));
  }
});

test('the one seed word that expands to the all-zero state (H = φ, L = φ² mod 2³²) gets state [1, 0, 0, 0]', () => {
  // All four SplitMix32 inputs vanish when c + iφ = i·H for i = 1 … 4, i.e. H = φ and c = L ⊕ φ² = 0.
  const word = (PHI << 32n) | ((PHI * PHI) & MASK);
  assert.deepEqual(referenceState(word), [1, 0, 0, 0]);
  assert.deepEqual(new Rng(word).state(), [1, 0, 0, 0]);
  assert.deepEqual(new Rng(word - 2n ** 64n).state(), [1, 0, 0, 0], 'the same word as a negative bigint');
  const rng = new Rng(word);
  assert.ok(Array.from({ length: 8 }, () => rng.nextUint32()).some((x) => x !== 0), 'the stream leaves 0');
});
