/**
 * Tour section: performance measures (EQ-METRICS-01 … 07) on a small
 * hand-made classification and regression — the confusion matrix, accuracy,
 * precision, recall, F1, and AUROC next to the Mann–Whitney probability.
 */
import { tensor } from '../../src/linalg/index.js';
import { accuracy, auroc, confusionMatrix, f1, mae, mse, precision, r2, recall, rmse } from '../../src/metrics/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));

export function tour(): void {
  const y = tensor([3, -0.5, 2, 7], [4]), yHat = tensor([2.5, 0, 2, 8], [4]);
  result('EQ-METRICS-01', `y = (3, −0.5, 2, 7), ŷ = (2.5, 0, 2, 8): MAE = ${mae(y, yHat)} ≤ RMSE = ${fmt(rmse(y, yHat))}`,
    { read: 'src/metrics/regression.ts', spec: 'spec/metrics/regression.test.ts' });
  result('EQ-METRICS-02', `MSE = ${mse(y, yHat)}, R² = 1 − SS_res/SS_tot = ${fmt(r2(y, yHat))}`,
    { read: 'src/metrics/regression.ts', spec: 'spec/metrics/regression.test.ts' });

  const yTrue = tensor([1, 1, 1, 1, 1, 0, 0, 0, 0, 0], [10]), yPred = tensor([1, 1, 1, 0, 0, 1, 0, 0, 0, 0], [10]);
  result('EQ-METRICS-03', [
    `confusion matrix [[TN, FP], [FN, TP]] = [${Array.from(confusionMatrix(yTrue, yPred).data).join(', ')}]`,
    `accuracy = (TP + TN)/n = ${accuracy(yTrue, yPred)}`,
  ], { read: 'src/metrics/confusion.ts', spec: 'spec/metrics/classification.test.ts' });
  const P = precision(yTrue, yPred), R = recall(yTrue, yPred);
  result('EQ-METRICS-04', `precision = TP/(TP + FP) = 3/4 = ${P}`, { read: 'src/metrics/classification.ts', spec: 'spec/metrics/classification.test.ts' });
  result('EQ-METRICS-05', `recall = TP/(TP + FN) = 3/5 = ${R}`, { read: 'src/metrics/classification.ts', spec: 'spec/metrics/classification.test.ts' });
  result('EQ-METRICS-06', `F1 = 2PR/(P + R) = ${fmt((2 * P * R) / (P + R))} = 2TP/(2TP + FP + FN) = ${fmt(f1(yTrue, yPred))}`,
    { read: 'src/metrics/classification.ts', spec: 'spec/metrics/classification.test.ts' });

  const labels = tensor([0, 0, 1, 1, 0, 1], [6]), scores = tensor([0.1, 0.4, 0.4, 0.8, 0.3, 0.6], [6]);
  let wins = 0;
  for (const i of [2, 3, 5]) for (const j of [0, 1, 4]) wins += scores.data[i]! > scores.data[j]! ? 1 : scores.data[i] === scores.data[j] ? 0.5 : 0;
  result('EQ-METRICS-07', `scores with a tie: trapezoidal AUROC = ${fmt(auroc(labels, scores))}; P(s⁺ > s⁻) + ½P(s⁺ = s⁻) over the 9 pairs = ${fmt(wins / 9)}`,
    { read: 'src/metrics/roc.ts', spec: 'spec/metrics/roc.test.ts' });
}

export const chapter = defineChapter({
  name: 'metrics',
  order: 80,
  title: 'Performance measures: confusion matrix, precision, recall, F1, AUROC',
  run: tour,
});
