/**
 * Train / validation / test splits (EQ-DATA-05): disjoint parts covering
 * every index, sizes within one of f·n by the largest-remainder rule,
 * seeded, and stratified parts that keep each class's proportion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { takeRows, trainTestSplit, trainValTestSplit } from '../../src/train/index.js';
import { property } from '../harness/index.js';

/** Three fractions summing to 1 (within rounding), some of them 0 at times. */
function fractions(rng: Rng): [number, number, number] {
  const a = rng.int(0, 11), b = rng.int(0, 11 - a);
  return [(10 - a - b) / 10, a / 10, b / 10];
}

const labels = (rng: Rng, n: number): Tensor => linalg.tensor(Array.from({ length: n }, () => rng.int(0, rng.int(1, 5))), [n]);

function assertPartition(parts: Int32Array[], n: number): void {
  const seen = new Uint8Array(n);
  for (const part of parts) for (const i of part) { assert.ok(i >= 0 && i < n); assert.equal(seen[i], 0, `index ${i} twice`); seen[i] = 1; }
  assert.ok(seen.every((s) => s === 1), 'every index in some part');
}

property('EQ-DATA-05 the three parts are disjoint, cover 0 … n−1, and |size − f·n| < 1', (rng) => ({ n: rng.int(1, 200), f: fractions(rng), seed: rng.int(0, 1e6) }), ({ n, f, seed }) => {
  const { train, validation, test: testPart } = trainValTestSplit(n, f, { rng: new Rng(seed) });
  assertPartition([train, validation, testPart], n);
  [train, validation, testPart].forEach((part, p) => assert.ok(Math.abs(part.length - f[p]! * n) < 1, `part ${p}: ${part.length} vs ${f[p]! * n}`));
});

property('EQ-DATA-05 one seed gives the same split, another seed another order; the sizes do not depend on the seed', (rng) => ({ n: rng.int(8, 100), seed: rng.int(0, 1e6) }), ({ n, seed }) => {
  const a = trainValTestSplit(n, undefined, { rng: new Rng(seed) }), b = trainValTestSplit(n, undefined, { rng: new Rng(seed) });
  assert.deepEqual(a, b);
  const c = trainValTestSplit(n, undefined, { rng: new Rng(seed + 1) });
  assert.notDeepEqual([...c.train, ...c.validation, ...c.test], [...a.train, ...a.validation, ...a.test]);
  assert.deepEqual([c.train.length, c.validation.length, c.test.length], [a.train.length, a.validation.length, a.test.length]);
});

property('EQ-DATA-05 stratified parts keep each class within ±1 example of f·n_c, and the sizes within 1 of f·n', (rng) => {
  const n = rng.int(1, 150);
  return { n, f: fractions(rng), y: labels(rng, n), seed: rng.int(0, 1e6) };
}, ({ n, f, y, seed }) => {
  const split = trainValTestSplit(n, f, { rng: new Rng(seed), stratify: y });
  const parts = [split.train, split.validation, split.test];
  assertPartition(parts, n);
  const classes = [...new Set(y.data)];
  for (const c of classes) {
    const nc = y.data.filter((v) => v === c).length;
    parts.forEach((part, p) => {
      const count = Array.from(part).filter((i) => y.data[i] === c).length;
      assert.ok(Math.abs(count - f[p]! * nc) < 1, `class ${c}, part ${p}: ${count} of ${nc} for fraction ${f[p]}`);
    });
  }
  parts.forEach((part, p) => assert.ok(Math.abs(part.length - f[p]! * n) < 1, `part ${p}: ${part.length} vs ${f[p]! * n}`));
});

test('EQ-DATA-05 the default fractions 0.8/0.1/0.1 lie in the slide\'s ranges; they must sum to 1', () => {
  const { train, validation, test: t } = trainValTestSplit(100, undefined, { rng: new Rng(1) });
  assert.deepEqual([train.length, validation.length, t.length], [80, 10, 10]);
  assert.ok(train.length >= 70 && train.length <= 80 && validation.length >= 10 && validation.length <= 15);
  assert.throws(() => trainValTestSplit(10, [0.8, 0.1, 0.2], { rng: new Rng(1) }), ValueError);
  // 7 samples at 0.5/0.25/0.25: 3.5, 1.75, 1.75 → floors 3, 1, 1; the two units left go to the largest remainders.
  const odd = trainValTestSplit(7, [0.5, 0.25, 0.25], { shuffle: false });
  assert.deepEqual([Array.from(odd.train), Array.from(odd.validation), Array.from(odd.test)], [[0, 1, 2], [3, 4], [5, 6]]);
});

test('trainTestSplit holds out testFraction of the rows, and takeRows gathers them', () => {
  const X = linalg.tensor(Array.from({ length: 20 }, (_, i) => i), [10, 2]);
  const { train, test: t } = trainTestSplit(10, 0.3, { rng: new Rng(2) });
  assert.equal(t.length, 3);
  assertPartition([train, t], 10);
  const rows = takeRows(X, t);
  assert.deepEqual(rows.shape, [3, 2]);
  t.forEach((i, r) => assert.deepEqual(Array.from(rows.data.subarray(2 * r, 2 * r + 2)), [2 * i, 2 * i + 1]));
  assert.deepEqual(Array.from(takeRows(linalg.tensor([5, 6, 7], [3]), [2, 0]).data), [7, 5]);
});
