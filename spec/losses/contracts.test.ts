/**
 * The contract table of losses: every export with bad inputs and the typed
 * error each must get (predictions and targets of different shapes, BCE
 * targets outside [0, 1], CE targets that are neither class indices nor
 * distribution rows, unknown reductions), the arguments unchanged after.
 */
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import * as losses from '../../src/losses/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const v = (values: number[], shape: number[]): ad.Var => ad.variable(linalg.tensor(values, shape));
const t = (values: number[], shape: number[]): linalg.Tensor => linalg.tensor(values, shape);

/** The bad calls every loss shares (`withOptions`: it takes { reduction }). */
const common = (withOptions: boolean): BadCall[] => [
  { label: 'a Tensor prediction, not a Var', args: () => [t([0.5, 0.5], [2]), t([0, 1], [2])], error: ArgumentTypeError },
  { label: 'a nested-array target', args: () => [v([0.5, 0.5], [2]), [0, 1]], error: ArgumentTypeError },
  ...(withOptions ? [
    { label: 'an unknown reduction', args: () => [v([0.5, 0.5], [2]), t([0, 1], [2]), { reduction: 'none' }], error: ValueError },
    { label: 'an unknown option', args: () => [v([0.5, 0.5], [2]), t([0, 1], [2]), { weight: 2 }], error: ValueError },
  ] : []),
];

/** Element-wise losses: prediction and target must have one shape. */
const elementwise = (withOptions: boolean): BadCall[] => [
  ...common(withOptions),
  { label: 'prediction [2] and target [2, 1]', args: () => [v([0.5, 0.5], [2]), t([0, 1], [2, 1])], error: ShapeError },
  { label: 'prediction [2] and target [3]', args: () => [v([0.5, 0.5], [2]), t([0, 1, 0], [3])], error: ShapeError },
];

const empty: BadCall = { label: 'an empty prediction under the mean', args: () => [v([], [0]), t([], [0])], error: ValueError };

const ce = (name: string): BadCall[] => [
  { label: 'a Tensor prediction, not a Var', args: () => [t([0.5, 0.5], [1, 2]), t([0], [1])], error: ArgumentTypeError },
  { label: 'a nested-array target', args: () => [v([0.5, 0.5], [1, 2]), [0]], error: ArgumentTypeError },
  { label: 'an unknown reduction', args: () => [v([0.5, 0.5], [1, 2]), t([0], [1]), { reduction: 'none' }], error: ValueError },
  { label: 'a prediction of rank 1', args: () => [v([0.5, 0.5], [2]), t([0], [1])], error: ShapeError },
  { label: 'a class index out of range', args: () => [v([0.5, 0.5, 0.2, 0.8], [2, 2]), t([0, 2], [2])], error: ValueError },
  { label: 'a fractional class index', args: () => [v([0.5, 0.5, 0.2, 0.8], [2, 2]), t([0, 0.5], [2])], error: ValueError },
  { label: 'target rows that are not distributions', args: () => [v([0.5, 0.5, 0.2, 0.8], [2, 2]), t([1, 1, 0, 1], [2, 2])], error: ValueError },
  { label: 'a target entry above 1', args: () => [v([0.5, 0.5, 0.2, 0.8], [2, 2]), t([2, -1, 0, 1], [2, 2])], error: ValueError },
  { label: 'a target of the wrong shape', args: () => [v([0.5, 0.5, 0.2, 0.8], [2, 2]), t([0, 1, 0], [3])], error: ShapeError },
  { label: 'no samples under the mean', args: () => [v([], [0, 3]), t([], [0])], error: ValueError },
].map((b) => ({ ...b, names: name }));

contractSpec('losses', losses as unknown as Record<string, unknown>, {
  mse: [...elementwise(true), empty],
  sse: elementwise(false),
  mae: [...elementwise(true), empty],
  l2Loss: elementwise(false),
  binaryCrossEntropy: [
    ...elementwise(true), empty,
    { label: 'a target outside [0, 1]', args: () => [v([0.5, 0.5], [2]), t([0, 2], [2])], error: ValueError },
    { label: 'a NaN target', args: () => [v([0.5, 0.5], [2]), t([0, NaN], [2])], error: ValueError },
    { label: 'a probability outside [0, 1]', args: () => [v([0.5, 1.5], [2]), t([0, 1], [2])], error: ValueError },
  ],
  binaryCrossEntropyWithLogits: [
    ...elementwise(true), empty,
    { label: 'a target outside [0, 1]', args: () => [v([3, -3], [2]), t([-1, 1], [2])], error: ValueError },
  ],
  crossEntropy: [
    ...ce('crossEntropy'),
    { label: 'a probability outside [0, 1]', args: () => [v([1.5, -0.5], [1, 2]), t([0], [1])], error: ValueError },
  ],
  crossEntropyWithLogits: ce('crossEntropyWithLogits'),
});
