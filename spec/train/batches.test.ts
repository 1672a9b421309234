/**
 * Mini-batch iteration with per-epoch shuffling (EQ-DATA-08): each epoch's
 * batches concatenate to a permutation of 0 … n−1, all of size B but the
 * last (n mod B), which dropLast removes; the same seed gives the same
 * epochs, and consecutive epochs differ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import { property } from '../harness/index.js';
import { Rng } from '../../src/random/index.js';
import { MiniBatchSampler } from '../../src/train/index.js';
import { seeds, withRng } from '../optimizers/support.js';

property('EQ-DATA-08 an epoch\'s batches form a permutation of 0 … n−1, of size B but the last (n mod B), which dropLast removes', seeds, withRng((rng) => {
  const n = rng.int(1, 200), B = rng.int(1, n + 1);
  for (const dropLast of [false, true]) {
    const batches = new MiniBatchSampler(n, { batchSize: B, dropLast, rng: new Rng(rng.int(0, 1000)) }).epoch();
    const rows = batches.flatMap((b) => Array.from(b));
    const sizes = batches.map((b) => b.length);
    if (dropLast) {
      assert.deepEqual(sizes, Array.from({ length: Math.floor(n / B) }, () => B));
      assert.equal(new Set(rows).size, rows.length);
      rows.forEach((r) => assert.ok(r >= 0 && r < n));
    } else {
      assert.deepEqual([...rows].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
      assert.deepEqual(sizes, Array.from({ length: Math.ceil(n / B) }, (_, j) => (j < Math.floor(n / B) ? B : n % B)));
    }
  }
}), { runs: 100 });

property('EQ-DATA-08 the epochs are reproducible from the seed, and consecutive epochs use different permutations (even for n = 2 and 3)', seeds, withRng((rng) => {
  const n = rng.int(2, 6), seed = rng.int(0, 1e6);
  const epochs = (s: number): number[][] => {
    const sampler = new MiniBatchSampler(n, { batchSize: 1, rng: new Rng(s) });
    return Array.from({ length: 30 }, () => Array.from(sampler.nextOrder()));
  };
  const a = epochs(seed);
  assert.deepEqual(epochs(seed), a);
  for (let e = 1; e < a.length; e++) assert.notDeepEqual(a[e], a[e - 1], `epochs ${e - 1} and ${e} are the same order`);
}), { runs: 50 });

test('EQ-DATA-08 each epoch\'s order stays uniform: over 6000 epochs of n = 3 every permutation appears 1/6 of the time (χ², 5 d.o.f., p > 0.001)', () => {
  const sampler = new MiniBatchSampler(3, { batchSize: 3, rng: new Rng(2024) });
  const counts = new Map<string, number>();
  for (let e = 0; e < 6000; e++) {
    const key = Array.from(sampler.nextOrder()).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  const chi2 = [...counts.values()].reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
  assert.ok(chi2 < 20.52, `χ² = ${chi2}`);
});

test('without shuffling the order is 0 … n−1 every epoch; shuffling needs an Rng; B larger than n is refused', () => {
  const sampler = new MiniBatchSampler(5, { batchSize: 2, shuffle: false });
  assert.deepEqual(sampler.epoch().map((b) => Array.from(b)), [[0, 1], [2, 3], [4]]);
  assert.deepEqual(sampler.epoch().map((b) => Array.from(b)), [[0, 1], [2, 3], [4]]);
  assert.throws(() => new MiniBatchSampler(5, { batchSize: 2 }), ValueError);
  assert.throws(() => new MiniBatchSampler(5, { batchSize: 6, rng: new Rng(1) }), /batchSize 6 is larger than the 5 samples/);
});
