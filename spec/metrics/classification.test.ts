/**
 * Accuracy (EQ-METRICS-03), precision (04), recall (05) and F1 (06) against
 * counts written out by loops, the confusion matrix, the averaging rules
 * (macro = mean of per-class, micro = accuracy, weighted by support) and the
 * documented value for 0/0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { accuracy, confusionMatrix, f1, perClassScores, precision, recall } from '../../src/metrics/index.js';
import type { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { counts, labels, vec } from './support.js';

/** A random labelling: K classes, n samples, predictions right with some probability. */
function labelled(rng: Rng): { yTrue: Tensor; yPred: Tensor; K: number; n: number } {
  const K = rng.int(2, 6), n = rng.int(1, 40);
  const yTrue = labels(rng, n, K), skill = rng.next();
  const yPred = vec(Array.from(yTrue.data, (t) => (rng.next() < skill ? t : rng.int(0, K))));
  return { yTrue, yPred, K, n };
}

const binary = (rng: Rng) => {
  const n = rng.int(1, 40), skill = rng.next();
  const yTrue = labels(rng, n, 2);
  return { yTrue, yPred: vec(Array.from(yTrue.data, (t) => (rng.next() < skill ? t : rng.int(0, 2)))), n };
};

/** The same labels with `extra` true negatives (label 0 predicted 0) appended. */
const withTrueNegatives = (y: Tensor, p: Tensor, extra: number): [Tensor, Tensor] =>
  [vec([...y.data, ...new Array<number>(extra).fill(0)]), vec([...p.data, ...new Array<number>(extra).fill(0)])];

property('EQ-METRICS-03 accuracy ∈ [0, 1] = trace(C)/n = 1 − mean 0-1 loss, and is invariant to permuting the examples', labelled, ({ yTrue, yPred, n }, ) => {
  const a = accuracy(yTrue, yPred);
  assert.ok(a >= 0 && a <= 1);
  const C = confusionMatrix(yTrue, yPred), K = C.shape[0]!;
  let trace = 0;
  for (let c = 0; c < K; c++) trace += C.data[c * K + c]!;
  assert.equal(a, trace / n);
  const zeroOne = Array.from(yTrue.data, (t, i) => (t === yPred.data[i] ? 0 : 1)).reduce((s: number, v) => s + v, 0) / n;
  assertClose(a, 1 - zeroOne, { atol: 1e-15, rtol: 0 });
  const order = Array.from({ length: n }, (_, i) => n - 1 - i);
  assert.equal(accuracy(vec(order.map((i) => yTrue.data[i]!)), vec(order.map((i) => yPred.data[i]!))), a);
});

property('EQ-METRICS-03 the confusion matrix counts (true a, predicted b) pairs; binary layout [[TN, FP], [FN, TP]]', labelled, ({ yTrue, yPred, K, n }) => {
  const C = confusionMatrix(yTrue, yPred, { nClasses: K });
  assert.deepEqual(C.shape, [K, K]);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      let count = 0;
      for (let i = 0; i < n; i++) if (yTrue.data[i] === a && yPred.data[i] === b) count++;
      assert.equal(C.data[a * K + b], count);
    }
  }
  const yb = vec(Array.from(yTrue.data, (t) => (t === 1 ? 1 : 0))), pb = vec(Array.from(yPred.data, (t) => (t === 1 ? 1 : 0)));
  const { tp, fp, fn, tn } = counts(yb, pb, 1);
  assert.deepEqual(Array.from(confusionMatrix(yb, pb, { nClasses: 2 }).data), [tn, fp, fn, tp]);
});

property('EQ-METRICS-04 precision = TP/(TP + FP) ∈ [0, 1], unchanged by adding true negatives; 0/0 gives zeroDivision', binary, ({ yTrue, yPred }) => {
  const { tp, fp } = counts(yTrue, yPred, 1);
  const p = precision(yTrue, yPred);
  assert.equal(p, tp + fp === 0 ? 0 : tp / (tp + fp));
  assert.ok(p >= 0 && p <= 1);
  assert.equal(precision(...withTrueNegatives(yTrue, yPred, 5)), p);
  if (tp + fp === 0) assert.equal(precision(yTrue, yPred, { zeroDivision: 1 }), 1);
  const q = counts(yTrue, yPred, 0);
  assert.equal(precision(yTrue, yPred, { positive: 0 }), q.tp + q.fp === 0 ? 0 : q.tp / (q.tp + q.fp));
});

property('EQ-METRICS-05 recall = TP/(TP + FN), unchanged by true negatives; all-positive predictions give 1; swapping y and ŷ swaps precision and recall', binary, ({ yTrue, yPred, n }) => {
  const { tp, fn } = counts(yTrue, yPred, 1);
  const r = recall(yTrue, yPred);
  assert.equal(r, tp + fn === 0 ? 0 : tp / (tp + fn));
  assert.equal(recall(...withTrueNegatives(yTrue, yPred, 5)), r);
  if (tp + fn > 0) assert.equal(recall(yTrue, linalg.ones([n])), 1);
  assert.equal(recall(yPred, yTrue), precision(yTrue, yPred));
  assert.equal(precision(yPred, yTrue), r);
});

property('EQ-METRICS-06 F1 = 2PR/(P + R) = 2TP/(2TP + FP + FN), min(P, R) ≤ F1 ≤ (P + R)/2, symmetric; F1 = 1 iff FP = FN = 0 < TP', binary, ({ yTrue, yPred }) => {
  const { tp, fp, fn } = counts(yTrue, yPred, 1);
  const P = precision(yTrue, yPred), R = recall(yTrue, yPred), F = f1(yTrue, yPred);
  if (P + R > 0) assertClose(F, (2 * P * R) / (P + R), { atol: 0, rtol: 1e-15 });
  if (tp + fp + fn > 0) assert.equal(F, (2 * tp) / (2 * tp + fp + fn));
  if (tp + fp > 0 && tp + fn > 0) {
    assert.ok(Math.min(P, R) <= F * (1 + 1e-15) && F <= ((P + R) / 2) * (1 + 1e-15));
  }
  assert.equal(f1(yPred, yTrue), F, 'F1 is symmetric in precision and recall');
  assert.equal(F === 1, fp === 0 && fn === 0 && tp > 0);
});

property('EQ-METRICS-06 averaging: macro is the mean of per-class scores, weighted their support-weighted mean, micro = accuracy', labelled, ({ yTrue, yPred, K }) => {
  const per = perClassScores(yTrue, yPred, { nClasses: K });
  for (let c = 0; c < K; c++) {
    const { tp, fp, fn } = counts(yTrue, yPred, c);
    assert.equal(per.precision.data[c], tp + fp === 0 ? 0 : tp / (tp + fp));
    assert.equal(per.recall.data[c], tp + fn === 0 ? 0 : tp / (tp + fn));
    assert.equal(per.f1.data[c], tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
    assert.equal(per.support.data[c], tp + fn);
  }
  const present = Array.from({ length: K }, (_, c) => c).filter((c) => per.support.data[c]! > 0 || yPred.data.includes(c));
  const mean = (t: Tensor, cs: number[]): number => cs.reduce((s, c) => s + t.data[c]!, 0) / cs.length;
  const all = Array.from({ length: K }, (_, c) => c);
  for (const [score, name] of [[precision, 'precision'], [recall, 'recall'], [f1, 'f1']] as const) {
    const t = per[name];
    assertClose(score(yTrue, yPred, { average: 'macro' }), mean(t, present), { atol: 1e-15, rtol: 1e-15 }, `macro ${name}`);
    assertClose(score(yTrue, yPred, { average: 'macro', nClasses: K }), mean(t, all), { atol: 1e-15, rtol: 1e-15 }, `macro ${name} over K`);
    const n = yTrue.data.length;
    const weighted = all.reduce((s, c) => s + t.data[c]! * per.support.data[c]!, 0) / n;
    assertClose(score(yTrue, yPred, { average: 'weighted' }), weighted, { atol: 1e-15, rtol: 1e-14 }, `weighted ${name}`);
    assertClose(score(yTrue, yPred, { average: 'micro' }), accuracy(yTrue, yPred), { atol: 1e-15, rtol: 1e-15 }, `micro ${name}`);
  }
});

test('EQ-METRICS-04/05/06 hand-computed: TP 3, FP 1, FN 2, TN 4 give P = 3/4, R = 3/5, F1 = 2/3', () => {
  const yTrue = vec([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  const yPred = vec([1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(confusionMatrix(yTrue, yPred).data), [4, 1, 2, 3]);
  assert.equal(precision(yTrue, yPred), 0.75);
  assert.equal(recall(yTrue, yPred), 0.6);
  assertClose(f1(yTrue, yPred), 2 / 3, { atol: 0, rtol: 1e-15 });
  assert.equal(accuracy(yTrue, yPred), 0.7);
});

test('EQ-METRICS-04 division by zero: no predicted positives gives zeroDivision (0 by default) for precision, and F1 0/0 likewise', () => {
  const yTrue = vec([0, 0, 0]), yPred = vec([0, 0, 0]);
  assert.equal(precision(yTrue, yPred), 0);
  assert.equal(precision(yTrue, yPred, { zeroDivision: 1 }), 1);
  assert.equal(recall(yTrue, yPred), 0);
  assert.equal(f1(yTrue, yPred), 0);
  assert.equal(f1(yTrue, yPred, { zeroDivision: 1 }), 1);
  assert.equal(f1(vec([1, 0]), vec([0, 0]), { zeroDivision: 1 }), 0, 'TP = 0 with FN > 0 is F1 = 0, not 0/0');
});

test('one-hot rows are read as the index of their 1', () => {
  const oneHot = linalg.tensor([0, 1, 0, 1, 0, 0, 0, 0, 1], [3, 3]);
  assert.equal(accuracy(oneHot, vec([1, 0, 2])), 1);
  assert.deepEqual(Array.from(confusionMatrix(vec([1, 0, 2]), oneHot).data), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
});
