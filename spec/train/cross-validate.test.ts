/**
 * k-fold cross-validation (EQ-DATA-06): folds that partition the indices
 * with sizes within one of each other, train and validation parts disjoint,
 * leave-one-out at k = n, stratified folds keeping class proportions, and
 * the CV score as the mean of the fold scores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { crossValidate, kFold, stratifiedKFold, takeRows } from '../../src/train/index.js';
import type { Fold } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import { MeanModel } from './support.js';

function assertFolds(folds: Fold[], n: number, k: number): void {
  assert.equal(folds.length, k);
  const validated = new Uint8Array(n);
  for (const { train, validation } of folds) {
    for (const i of validation) validated[i]! += 1;
    const inTrain = new Set(train);
    assert.ok(Array.from(validation).every((i) => !inTrain.has(i)), 'train ∩ validation = ∅');
    assert.equal(train.length + validation.length, n, 'train ∪ validation = all');
  }
  assert.ok(validated.every((c) => c === 1), 'each index validates exactly once');
  const sizes = folds.map((f) => f.validation.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `fold sizes ${sizes.join(', ')}`);
}

property('EQ-DATA-06 each index is in exactly one validation fold, sizes differ by at most 1, train ∩ validation = ∅', (rng) => {
  const n = rng.int(2, 120);
  return { n, k: rng.int(2, Math.min(n, 12) + 1), seed: rng.int(0, 1e6) };
}, ({ n, k, seed }) => {
  assertFolds(kFold(n, k, { rng: new Rng(seed) }), n, k);
  assert.deepEqual(kFold(n, k, { rng: new Rng(seed) }), kFold(n, k, { rng: new Rng(seed) }), 'seeded');
});

property('EQ-DATA-06 stratified folds: each class count differs by at most 1 between folds', (rng) => {
  const n = rng.int(2, 120), K = rng.int(1, 5);
  return { y: linalg.tensor(Array.from({ length: n }, () => rng.int(0, K)), [n]), k: rng.int(2, Math.min(n, 10) + 1), seed: rng.int(0, 1e6) };
}, ({ y, k, seed }) => {
  const n = y.data.length, folds = stratifiedKFold(y, k, { rng: new Rng(seed) });
  assertFolds(folds, n, k);
  for (const c of new Set(y.data)) {
    const counts = folds.map((f) => Array.from(f.validation).filter((i) => y.data[i] === c).length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `class ${c}: ${counts.join(', ')}`);
  }
});

test('EQ-DATA-06 k = n is leave-one-out; unshuffled folds are consecutive', () => {
  const folds = kFold(5, 5, { rng: new Rng(3) });
  assert.ok(folds.every((f) => f.validation.length === 1 && f.train.length === 4));
  assert.deepEqual(kFold(7, 3, { shuffle: false }).map((f) => Array.from(f.validation)), [[0, 1, 2], [3, 4], [5, 6]]);
});

property('EQ-DATA-06 the CV score is the mean of the fold scores, each a model fitted on the train part and scored on the validation part', (rng) => {
  const n = rng.int(4, 40);
  return { X: linalg.randn([n, 2], rng), y: linalg.randn([n], rng), k: rng.int(2, Math.min(n, 6) + 1), seed: rng.int(0, 1e6) };
}, ({ X, y, k, seed }) => {
  const cv = crossValidate(() => new MeanModel(), X, y, { folds: k, rng: new Rng(seed) });
  const folds = kFold(X.shape[0]!, k, { rng: new Rng(seed) });
  const byHand = folds.map(({ train, validation }) => {
    const yt = takeRows(y, train), yv = takeRows(y, validation);
    const mean = linalg.mean(yt);
    return -yv.data.reduce((a, v) => a + (v - mean) ** 2, 0) / yv.data.length;
  });
  assertClose(cv.scores, byHand, { atol: 1e-12, rtol: 1e-12 });
  assertClose(cv.mean, byHand.reduce((a, b) => a + b, 0) / k, { atol: 1e-12, rtol: 1e-12 });
  const again = crossValidate(() => new MeanModel(), X, y, { folds, scoring: (m, Xv, yv) => m.score(Xv, yv!) });
  assert.deepEqual(again.scores, cv.scores, 'given folds and a scoring function give the same');
});

test('crossValidate works without labels (a clustering score) and with stratified folds', () => {
  const X: Tensor = linalg.randn([12, 2], new Rng(1));
  const unsupervised = crossValidate(() => new MeanModel(), X, undefined, { folds: 3, rng: new Rng(2), scoring: (m) => m.fits });
  assert.deepEqual(unsupervised.scores, [1, 1, 1]);
  const y = linalg.tensor([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], [12]);
  // Scored by the number of class-1 rows in each validation fold: stratified folds hold 2 of the 6 each.
  const ones = (_m: MeanModel, _Xv: Tensor, yv?: Tensor): number => Array.from(yv!.data).filter((v) => v === 1).length;
  const strat = crossValidate(() => new MeanModel(), X, y, { folds: 3, rng: new Rng(2), stratify: true, scoring: ones });
  assert.deepEqual(strat.scores, [2, 2, 2]);
});
