/**
 * The ROC curve and AUROC (EQ-METRICS-07) against the Mann–Whitney
 * probability counted pair by pair, with ties; the precision–recall curve
 * and average precision against the thresholded predictions recounted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { auroc, averagePrecision, precision, precisionRecallCurve, recall, rocCurve } from '../../src/metrics/index.js';
import type { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { binaryLabels, mannWhitney, scores, vec } from './support.js';

const scored = (rng: Rng): { y: Tensor; s: Tensor } => {
  const n = rng.int(2, 60);
  return { y: binaryLabels(rng, n), s: scores(rng, n) };
};

const mapped = (s: Tensor, f: (x: number) => number): Tensor => vec(Array.from(s.data, f));

property('EQ-METRICS-07 the trapezoidal ROC area equals the Mann–Whitney P(s⁺ > s⁻) + ½P(s⁺ = s⁻), ties included', scored, ({ y, s }) => {
  assertClose(auroc(y, s), mannWhitney(y, s), { atol: 1e-12, rtol: 0 });
});

property('EQ-METRICS-07 AUROC is unchanged by strictly increasing transforms, AUROC(−s) = 1 − AUROC(s), and positive 0 mirrors it', scored, ({ y, s }) => {
  const a = auroc(y, s);
  assertClose(auroc(y, mapped(s, (x) => Math.exp(x))), a, { atol: 1e-15, rtol: 0 });
  assertClose(auroc(y, mapped(s, (x) => 1 / (1 + Math.exp(-3 * x)))), a, { atol: 1e-15, rtol: 0 });
  assertClose(auroc(y, mapped(s, (x) => -x)), 1 - a, { atol: 1e-15, rtol: 0 });
  assertClose(auroc(y, s, { positive: 0 }), 1 - a, { atol: 1e-15, rtol: 0 });
});

property('EQ-METRICS-07 the ROC curve is monotone from (0, 0) to (1, 1), one point per distinct score, each the thresholded rates', scored, ({ y, s }) => {
  const { fpr, tpr, thresholds } = rocCurve(y, s);
  const m = thresholds.data.length;
  assert.equal(m, new Set(s.data).size + 1);
  assert.equal(fpr.data[0], 0); assert.equal(tpr.data[0], 0); assert.equal(thresholds.data[0], Infinity);
  assert.equal(fpr.data[m - 1], 1); assert.equal(tpr.data[m - 1], 1);
  for (let k = 1; k < m; k++) {
    assert.ok(thresholds.data[k]! < thresholds.data[k - 1]!);
    assert.ok(fpr.data[k]! >= fpr.data[k - 1]! && tpr.data[k]! >= tpr.data[k - 1]!);
    const predicted = mapped(s, (x) => (x >= thresholds.data[k]! ? 1 : 0));
    assert.equal(tpr.data[k], recall(y, predicted));
    assert.equal(fpr.data[k], recall(mapped(y, (v) => 1 - v), predicted), 'FPR is the recall of the negatives by the positive predictions');
  }
});

property('the precision–recall curve recounts each threshold; AP = Σ (Rₖ − Rₖ₋₁)·Pₖ', scored, ({ y, s }) => {
  const curve = precisionRecallCurve(y, s);
  const m = curve.thresholds.data.length;
  assert.equal(curve.precision.data[0], 1); assert.equal(curve.recall.data[0], 0);
  let ap = 0;
  for (let k = 1; k < m; k++) {
    const predicted = mapped(s, (x) => (x >= curve.thresholds.data[k]! ? 1 : 0));
    assert.equal(curve.precision.data[k], precision(y, predicted));
    assert.equal(curve.recall.data[k], recall(y, predicted));
    ap += (curve.recall.data[k]! - curve.recall.data[k - 1]!) * curve.precision.data[k]!;
  }
  assertClose(averagePrecision(y, s), ap, { atol: 1e-15, rtol: 1e-14 });
});

test('EQ-METRICS-07 perfect separation gives 1, reversed 0, constant scores 0.5; one class alone throws', () => {
  const y = vec([0, 0, 1, 1]);
  assert.equal(auroc(y, vec([0.1, 0.2, 0.8, 0.9])), 1);
  assert.equal(auroc(y, vec([0.9, 0.8, 0.2, 0.1])), 0);
  assert.equal(auroc(y, vec([3, 3, 3, 3])), 0.5);
  assert.deepEqual(Array.from(rocCurve(y, vec([3, 3, 3, 3])).fpr.data), [0, 1]);
  assert.throws(() => auroc(vec([1, 1, 1]), vec([0.1, 0.2, 0.3])), ValueError);
  assert.throws(() => rocCurve(vec([0, 0]), vec([0.1, 0.2])), ValueError);
  assert.equal(averagePrecision(y, vec([0.1, 0.2, 0.8, 0.9])), 1);
});

test('EQ-METRICS-07 hand-worked: scores (0.1, 0.4, 0.35, 0.8) for labels (0, 0, 1, 1) give AUROC 0.75', () => {
  const y = vec([0, 0, 1, 1]), s = vec([0.1, 0.4, 0.35, 0.8]);
  assert.equal(auroc(y, s), 0.75);
  const { fpr, tpr } = rocCurve(y, s);
  assert.deepEqual(Array.from(fpr.data), [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(Array.from(tpr.data), [0, 0.5, 0.5, 1, 1]);
});
