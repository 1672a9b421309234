/**
 * The contract table of metrics: every export with bad inputs and the typed
 * error each must get (labels whose length does not match, NaN, fractional
 * or negative labels, a single class where two are needed, non-binary
 * labels under average 'binary', unknown options), the arguments unchanged after.
 */
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import * as metrics from '../../src/metrics/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const v = (values: number[]): linalg.Tensor => linalg.tensor(values, [values.length]);

const regression: BadCall[] = [
  { label: 'a nested array', args: () => [[1, 2], v([1, 2])], error: ArgumentTypeError },
  { label: 'lengths 3 and 2', args: () => [v([1, 2, 3]), v([1, 2])], error: ShapeError },
  { label: 'shapes [2] and [2, 1]', args: () => [v([1, 2]), linalg.tensor([1, 2], [2, 1])], error: ShapeError },
  { label: 'a scalar', args: () => [linalg.scalar(1), linalg.scalar(1)], error: ShapeError },
  { label: 'no samples', args: () => [v([]), v([])], error: ValueError },
  { label: 'NaN in yPred', args: () => [v([1, 2]), v([1, NaN])], error: ValueError },
  { label: 'Infinity in yTrue', args: () => [v([Infinity, 2]), v([1, 2])], error: ValueError },
];

const labelPairs: BadCall[] = [
  { label: 'a nested array', args: () => [[0, 1], v([0, 1])], error: ArgumentTypeError },
  { label: 'lengths 3 and 2', args: () => [v([0, 1, 1]), v([0, 1])], error: ShapeError },
  { label: 'no samples', args: () => [v([]), v([])], error: ValueError },
  { label: 'a fractional label', args: () => [v([0, 0.5]), v([0, 1])], error: ValueError },
  { label: 'a negative label', args: () => [v([0, 1]), v([0, -1])], error: ValueError },
  { label: 'a NaN label', args: () => [v([0, NaN]), v([0, 1])], error: ValueError },
  { label: 'a row that is not one-hot', args: () => [linalg.tensor([1, 1, 0, 1], [2, 2]), v([0, 1])], error: ShapeError },
  { label: 'a row with no 1', args: () => [linalg.tensor([0, 0, 0, 1], [2, 2]), v([0, 1])], error: ShapeError },
  { label: 'rank 3', args: () => [linalg.zeros([1, 1, 1]), v([0])], error: ShapeError },
];

const classification: BadCall[] = [
  ...labelPairs,
  { label: 'label 2 under average binary', args: () => [v([0, 2]), v([0, 1])], error: ValueError },
  { label: 'an unknown average', args: () => [v([0, 1]), v([0, 1]), { average: 'samples' }], error: ValueError },
  { label: 'positive 2', args: () => [v([0, 1]), v([0, 1]), { positive: 2 }], error: ValueError },
  { label: 'zeroDivision NaN', args: () => [v([0, 1]), v([0, 1]), { zeroDivision: NaN }], error: ValueError },
  { label: 'a label ≥ nClasses', args: () => [v([0, 3]), v([0, 1]), { average: 'macro', nClasses: 3 }], error: ValueError },
  { label: 'an unknown option', args: () => [v([0, 1]), v([0, 1]), { labels: [0, 1] }], error: ValueError },
  { label: 'options that are not an object', args: () => [v([0, 1]), v([0, 1]), 'macro'], error: ArgumentTypeError },
];

const curve: BadCall[] = [
  { label: 'a single class', args: () => [v([1, 1, 1]), v([0.1, 0.2, 0.3])], error: ValueError },
  { label: 'label 2', args: () => [v([0, 1, 2]), v([0.1, 0.2, 0.3])], error: ValueError },
  { label: 'lengths 3 and 2', args: () => [v([0, 1, 1]), v([0.1, 0.2])], error: ShapeError },
  { label: 'a NaN score', args: () => [v([0, 1]), v([0.1, NaN])], error: ValueError },
  { label: 'scores n×1', args: () => [v([0, 1]), linalg.tensor([0.1, 0.2], [2, 1])], error: ShapeError },
  { label: 'a fractional label', args: () => [v([0, 0.5]), v([0.1, 0.2])], error: ValueError },
  { label: 'positive 2', args: () => [v([0, 1]), v([0.1, 0.2]), { positive: 2 }], error: ValueError },
  { label: 'an unknown option', args: () => [v([0, 1]), v([0.1, 0.2]), { dropIntermediate: true }], error: ValueError },
];

contractSpec('metrics', metrics as unknown as Record<string, unknown>, {
  mae: regression,
  mse: regression,
  rmse: regression,
  r2: regression,
  accuracy: labelPairs,
  confusionMatrix: [
    ...labelPairs,
    { label: 'a label ≥ nClasses', args: () => [v([0, 2]), v([0, 1]), { nClasses: 2 }], error: ValueError },
    { label: 'nClasses 0', args: () => [v([0, 1]), v([0, 1]), { nClasses: 0 }], error: ValueError },
    { label: 'a label too large for a matrix', args: () => [v([0, 1_000_000]), v([0, 1])], error: ValueError },
  ],
  precision: classification,
  recall: classification,
  f1: classification,
  perClassScores: [
    ...labelPairs,
    { label: 'the option average', args: () => [v([0, 1]), v([0, 1]), { average: 'macro' }], error: ValueError },
    { label: 'a label ≥ nClasses', args: () => [v([0, 3]), v([0, 1]), { nClasses: 2 }], error: ValueError },
  ],
  rocCurve: curve,
  auroc: curve,
  precisionRecallCurve: curve,
  averagePrecision: curve,
  adjustedRandIndex: labelPairs,
  logLoss: [
    { label: 'a nested array', args: () => [v([0, 1]), [0.2, 0.8]], error: ArgumentTypeError },
    { label: 'lengths 2 and 3', args: () => [v([0, 1]), v([0.1, 0.2, 0.3])], error: ShapeError },
    { label: 'a probability above 1', args: () => [v([0, 1]), v([0.1, 1.2])], error: ValueError },
    { label: 'a NaN probability', args: () => [v([0, 1]), v([0.1, NaN])], error: ValueError },
    { label: 'a row not summing to 1', args: () => [v([0, 1]), linalg.tensor([0.5, 0.6, 0.5, 0.5], [2, 2])], error: ValueError },
    { label: 'label 2 with two columns', args: () => [v([0, 2]), linalg.tensor([0.5, 0.5, 0.5, 0.5], [2, 2])], error: ValueError },
    { label: 'label 2 with P(y = 1)', args: () => [v([0, 2]), v([0.5, 0.5])], error: ValueError },
    { label: 'probabilities of rank 3', args: () => [v([0]), linalg.ones([1, 1, 1])], error: ShapeError },
    { label: 'no samples', args: () => [v([]), v([])], error: ValueError },
    { label: 'eps 0.5', args: () => [v([0, 1]), v([0.1, 0.2]), { eps: 0.5 }], error: ValueError },
  ],
});
