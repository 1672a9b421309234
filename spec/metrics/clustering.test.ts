/**
 * The adjusted Rand index against the same three pair counts taken pair by
 * pair (not through the contingency table), its invariance to renaming
 * clusters, and hand-worked values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../src/linalg/index.js';
import { adjustedRandIndex } from '../../src/metrics/index.js';
import { assertClose, property } from '../harness/index.js';
import { labels, vec } from './support.js';

/** ARI from the pairs counted one by one: together in both, in A, in B. */
function byPairs(a: Tensor, b: Tensor): number {
  const n = a.data.length;
  let both = 0, inA = 0, inB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sa = a.data[i] === a.data[j], sb = b.data[i] === b.data[j];
      if (sa) inA++;
      if (sb) inB++;
      if (sa && sb) both++;
    }
  }
  const expected = (inA * inB) / ((n * (n - 1)) / 2), maximum = (inA + inB) / 2;
  return maximum === expected ? 1 : (both - expected) / (maximum - expected);
}

property('adjustedRandIndex equals the pair-by-pair count, is symmetric, and is 1 after renaming the clusters', (rng) => {
  const n = rng.int(2, 40);
  return { a: labels(rng, n, rng.int(1, 5)), b: labels(rng, n, rng.int(1, 5)), rename: Array.from(rng.permutation(5)) };
}, ({ a, b, rename }) => {
  assertClose(adjustedRandIndex(a, b), byPairs(a, b), { atol: 1e-14, rtol: 1e-12 });
  assert.equal(adjustedRandIndex(b, a), adjustedRandIndex(a, b));
  assert.equal(adjustedRandIndex(a, vec(Array.from(a.data, (z) => rename[z]!))), 1);
});

test('adjustedRandIndex hand-worked: 4/7 for a split cluster, −1/2 for crossed pairs, 1 for one sample or one cluster each', () => {
  assertClose(adjustedRandIndex(vec([0, 0, 1, 1]), vec([0, 0, 1, 2])), 4 / 7, { atol: 1e-15, rtol: 0 });
  assertClose(adjustedRandIndex(vec([0, 0, 1, 1]), vec([0, 1, 0, 1])), -0.5, { atol: 1e-15, rtol: 0 });
  assert.equal(adjustedRandIndex(vec([3]), vec([0])), 1);
  assert.equal(adjustedRandIndex(vec([2, 2, 2]), vec([0, 0, 0])), 1);
});
