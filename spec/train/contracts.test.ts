/**
 * The contract table of train: every export with bad inputs and the typed
 * error each must get — fractions that do not sum to 1, labels whose length
 * does not match the rows, more folds than samples, a missing generator,
 * estimators without a score, empty grids — the arguments unchanged after
 * (a generator included: no draw happens before the checks pass).
 */
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import * as train from '../../src/train/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';
import { MeanModel } from './support.js';
import { trainingLoopContracts } from './fit-contracts.js';

const X = () => linalg.randn([6, 2], new Rng(1));
const y = () => linalg.tensor([0, 1, 0, 1, 0, 1], [6]);
const make = () => new MeanModel();

/** Bad data and options shared by crossValidate and the searches, called through `call`. */
const modelSelection = (call: (...args: any[]) => unknown): BadCall[] => [
  { label: 'a nested-array X', args: () => [[[1, 2]], y(), { folds: 2, rng: new Rng(1) }], call, error: ArgumentTypeError },
  { label: 'labels whose length does not match the rows', args: () => [X(), linalg.zeros([5]), { folds: 2, rng: new Rng(1) }], call, error: ShapeError },
  { label: 'more folds than samples', args: () => [X(), y(), { folds: 7, rng: new Rng(1) }], call, error: ValueError },
  { label: 'one fold', args: () => [X(), y(), { folds: 1, rng: new Rng(1) }], call, error: ValueError },
  { label: 'no generator for the folds', args: () => [X(), y(), { folds: 3 }], call, error: ArgumentTypeError },
  { label: 'stratify without labels', args: () => [X(), undefined, { folds: 2, rng: new Rng(1), stratify: true }], call, error: ArgumentTypeError },
  { label: 'stratify with fractional labels', args: () => [X(), linalg.tensor([0, 0.5, 0, 1, 0, 1], [6]), { folds: 2, rng: new Rng(1), stratify: true }], call, error: ValueError },
  { label: 'given folds out of range', args: () => [X(), y(), { folds: [{ train: [0, 1], validation: [9] }] }], call, error: ValueError },
  { label: 'a scoring that is not a function', args: () => [X(), y(), { folds: 2, rng: new Rng(1), scoring: 'accuracy' }], call, error: ArgumentTypeError },
  { label: 'an unknown option', args: () => [X(), y(), { folds: 2, rng: new Rng(1), cv: 3 }], call, error: ValueError },
];

contractSpec('train', train as unknown as Record<string, unknown>, {
  trainValTestSplit: [
    { label: 'n 0', args: () => [0, undefined, { rng: new Rng(1) }], error: ValueError },
    { label: 'n 2.5', args: () => [2.5, undefined, { rng: new Rng(1) }], error: ValueError },
    { label: 'fractions summing to 1.1', args: () => [10, [0.8, 0.2, 0.1], { rng: new Rng(1) }], error: ValueError },
    { label: 'a negative fraction', args: () => [10, [1.1, -0.1, 0], { rng: new Rng(1) }], error: ValueError },
    { label: 'two fractions', args: () => [10, [0.5, 0.5], { rng: new Rng(1) }], error: ValueError },
    { label: 'no generator', args: () => [10], error: ArgumentTypeError },
    { label: 'stratify labels of the wrong length', args: () => [6, undefined, { rng: new Rng(1), stratify: linalg.zeros([5]) }], error: ShapeError },
    { label: 'stratify with a NaN label', args: () => [2, undefined, { rng: new Rng(1), stratify: linalg.tensor([0, NaN], [2]) }], error: ValueError },
    { label: 'an unknown option', args: () => [10, undefined, { rng: new Rng(1), seed: 1 }], error: ValueError },
  ],
  trainTestSplit: [
    { label: 'testFraction 1.5', args: () => [10, 1.5, { rng: new Rng(1) }], error: ValueError },
    { label: 'testFraction "0.2"', args: () => [10, '0.2', { rng: new Rng(1) }], error: ArgumentTypeError },
    { label: 'a seed for the generator', args: () => [10, 0.2, { rng: 1 }], error: ArgumentTypeError },
    { label: 'stratify n×1 labels', args: () => [6, 0.5, { rng: new Rng(1), stratify: linalg.zeros([6, 1]) }], error: ShapeError },
  ],
  takeRows: [
    { label: 'a nested array', args: () => [[[1]], [0]], error: ArgumentTypeError },
    { label: 'a scalar', args: () => [linalg.scalar(1), [0]], error: ShapeError },
    { label: 'an index past the rows', args: () => [X(), [0, 6]], error: ValueError },
    { label: 'a fractional index', args: () => [X(), [0.5]], error: ValueError },
  ],
  kFold: [
    { label: 'k > n', args: () => [3, 4, { rng: new Rng(1) }], error: ValueError },
    { label: 'k 1', args: () => [3, 1, { rng: new Rng(1) }], error: ValueError },
    { label: 'n 1', args: () => [1, 2, { rng: new Rng(1) }], error: ValueError },
    { label: 'shuffle without a generator', args: () => [6, 2], error: ArgumentTypeError },
    { label: 'shuffle "yes"', args: () => [6, 2, { shuffle: 'yes' }], error: ArgumentTypeError },
  ],
  stratifiedKFold: [
    { label: 'labels n×1', args: () => [linalg.zeros([6, 1]), 2, { rng: new Rng(1) }], error: ShapeError },
    { label: 'a negative label', args: () => [linalg.tensor([0, -1, 0, 1], [4]), 2, { rng: new Rng(1) }], error: ValueError },
    { label: 'k > n', args: () => [y(), 7, { rng: new Rng(1) }], error: ValueError },
    { label: 'a nested array', args: () => [[0, 1], 2, { rng: new Rng(1) }], error: ArgumentTypeError },
  ],
  crossValidate: [
    ...modelSelection((X_, y_, o) => train.crossValidate(make, X_, y_, o)),
    { label: 'make not a function', args: () => [new MeanModel(), X(), y(), { folds: 2, rng: new Rng(1) }], error: ArgumentTypeError },
    { label: 'a model without score and no scoring', args: () => [() => ({ fit: () => undefined }), X(), y(), { folds: 2, rng: new Rng(1) }], error: ArgumentTypeError },
    { label: 'a factory that returns no estimator', args: () => [() => 3, X(), y(), { folds: 2, rng: new Rng(1) }], error: ArgumentTypeError },
  ],
  gridSearch: [
    ...modelSelection((X_, y_, o) => train.gridSearch(() => make(), { a: [1] }, X_, y_, o)),
    { label: 'an empty grid', args: () => [make, {}, X(), y(), { folds: 2, rng: new Rng(1) }], error: ValueError },
    { label: 'a grid entry with no values', args: () => [make, { a: [] }, X(), y(), { folds: 2, rng: new Rng(1) }], error: ValueError },
    { label: 'a grid that is an array', args: () => [make, [[1, 2]], X(), y(), { folds: 2, rng: new Rng(1) }], error: ArgumentTypeError },
    { label: 'refit "no"', args: () => [make, { a: [1] }, X(), y(), { folds: 2, rng: new Rng(1), refit: 'no' }], error: ArgumentTypeError },
  ],
  randomSearch: [
    ...modelSelection((X_, y_, o) => train.randomSearch(() => make(), { a: [1] }, X_, y_, o)),
    { label: 'iterations 0', args: () => [make, { a: [1] }, X(), y(), { folds: 2, rng: new Rng(1), iterations: 0 }], error: ValueError },
    { label: 'given folds but no generator', args: () => [make, { a: [1] }, X(), y(), { folds: train.kFold(6, 2, { shuffle: false }) }], error: ArgumentTypeError },
    { label: 'a space entry that is a number', args: () => [make, { a: 3 }, X(), y(), { folds: 2, rng: new Rng(1) }], error: ValueError },
  ],
  ...trainingLoopContracts,
});
