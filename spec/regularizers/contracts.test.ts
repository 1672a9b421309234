/**
 * The contract table of regularizers: every runtime export and every
 * public method with bad inputs and the typed error each must get (λ < 0,
 * α outside [0, 1], a crop longer than the sequence, labels outside the
 * classes, …), the arguments unchanged after the failed call.
 */
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import * as regularizers from '../../src/regularizers/index.js';
import { EarlyStopping } from '../../src/regularizers/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const w = (): ad.Var => ad.variable(linalg.tensor([1, -2, 0.5, 0], [2, 2]));
const dna = (L = 5): linalg.Tensor => linalg.zeros([2, 4, L]);
const images = (): linalg.Tensor => linalg.zeros([2, 1, 3, 3]);
const rng = (): Rng => new Rng(3);

/** The bad calls every penalty of a weight list shares. */
const weightList = (): BadCall[] => [
  { label: 'a Tensor, not a Var', args: () => [linalg.zeros([2])], error: ArgumentTypeError },
  { label: 'a list holding a number', args: () => [[w(), 3]], error: ArgumentTypeError },
  { label: 'a nested array', args: [[[1, 2]]], error: ArgumentTypeError },
];

const stopper = (): EarlyStopping => new EarlyStopping({ patience: 1 });
const model = (): { parameters(): ad.Var[] } => ({ parameters: () => [w()] });

contractSpec('regularizers', regularizers as unknown as Record<string, unknown>, {
  l1Penalty: weightList(),
  l2Penalty: weightList(),
  l2NormPenalty: weightList(),
  lInfPenalty: weightList(),
  elasticNetPenalty: [
    ...weightList().map((b) => ({ ...b, args: () => [...(typeof b.args === 'function' ? b.args() : b.args ?? []), 0.5] })),
    { label: 'α above 1', args: () => [w(), 1.5], error: ValueError },
    { label: 'α below 0', args: () => [w(), -0.1], error: ValueError },
    { label: 'α missing', args: () => [w()], error: ArgumentTypeError },
  ],
  regularized: [
    { label: 'λ < 0', args: () => [ad.constant(1), -0.1, ad.constant(2)], error: ValueError },
    { label: 'λ NaN', args: () => [ad.constant(1), NaN, ad.constant(2)], error: ValueError },
    { label: 'a loss that is not scalar', args: () => [ad.constant(linalg.zeros([2])), 0.1, ad.constant(2)], error: ShapeError },
    { label: 'a penalty that is a number', args: () => [ad.constant(1), 0.1, 2], error: ArgumentTypeError },
  ],
  weightsOf: [
    { label: 'a list of Vars instead of a model', args: () => [[w()]], error: ArgumentTypeError },
    { label: 'biases not a boolean', args: () => [{ namedParameters: () => [] }, { biases: 1 }], error: ArgumentTypeError },
    { label: 'an unknown option', args: () => [{ namedParameters: () => [] }, { bias: true }], error: ValueError },
  ],
  softThreshold: [
    { label: 'τ < 0', args: () => [linalg.zeros([2]), -1], error: ValueError },
    { label: 'a nested array', args: [[1, 2], 0.5], error: ArgumentTypeError },
  ],
  proxL1Into: [
    { label: 'τ < 0', args: () => [w(), -1], error: ValueError },
    { label: 'a number among the weights', args: () => [[w(), 2], 0.1], error: ArgumentTypeError },
    { label: 'a malformed tensor', args: () => [{ shape: [3], data: new Float64Array(2) }, 0.1], error: ShapeError },
  ],
  proxElasticNetInto: [
    { label: 'α above 1', args: () => [w(), 0.1, 2], error: ValueError },
    { label: 'τ infinite', args: () => [w(), Infinity, 0.5], error: ValueError },
  ],
  entropyPenalty: [
    { label: 'a probability above 1', args: () => [ad.constant(linalg.tensor([1.5, -0.5], [1, 2]))], error: ValueError },
    { label: 'a vector, not n×K', args: () => [ad.constant(linalg.tensor([0.5, 0.5], [2]))], error: ShapeError },
    { label: 'a Tensor, not a Var', args: () => [linalg.tensor([0.5, 0.5], [1, 2])], error: ArgumentTypeError },
    { label: 'an unknown reduction', args: () => [ad.constant(linalg.tensor([0.5, 0.5], [1, 2])), { reduction: 'none' }], error: ValueError },
  ],
  entropyPenaltyWithLogits: [
    { label: 'no columns', args: () => [ad.constant(linalg.zeros([2, 0]))], error: ShapeError },
    { label: 'an unknown option', args: () => [ad.constant(linalg.zeros([1, 2])), { axis: 0 }], error: ValueError },
  ],
  smoothLabels: [
    { label: 'ε above 1', args: () => [linalg.tensor([0, 1], [2]), 1.5, { classes: 2 }], error: ValueError },
    { label: 'class indices without classes', args: () => [linalg.tensor([0, 1], [2]), 0.1], error: ValueError },
    { label: 'a class index out of range', args: () => [linalg.tensor([0, 3], [2]), 0.1, { classes: 3 }], error: ValueError },
    { label: 'rows that do not sum to 1', args: () => [linalg.tensor([0.5, 0.2], [1, 2]), 0.1], error: ValueError },
    { label: 'rows and a different classes', args: () => [linalg.tensor([1, 0], [1, 2]), 0.1, { classes: 3 }], error: ShapeError },
    { label: 'a rank-3 target', args: () => [linalg.zeros([1, 1, 2]), 0.1], error: ShapeError },
  ],
  EarlyStopping: [
    { label: 'patience 0', args: [{ patience: 0 }], error: ValueError },
    { label: 'a negative minDelta', args: [{ minDelta: -1 }], error: ValueError },
    { label: 'an unknown monitor', args: [{ monitor: 'accuracy' }], error: ValueError },
    { label: 'restoreBest not a boolean', args: [{ restoreBest: 'yes' }], error: ArgumentTypeError },
  ],
  'EarlyStopping#update': [
    { label: 'a value that is not a number', call: (s: EarlyStopping) => s.update('1' as never), args: () => [stopper()], error: ArgumentTypeError },
  ],
  'EarlyStopping#onEpochEnd': [
    { label: 'no validation loss', call: (s: EarlyStopping, m: unknown) => s.onEpochEnd({ epoch: 0, trainLoss: 1, model: m as never }), args: () => [stopper(), model()], error: ValueError },
    { label: 'not a log', call: (s: EarlyStopping) => s.onEpochEnd(null as never), args: () => [stopper()], error: ArgumentTypeError },
    { label: 'a model without parameters()', call: (s: EarlyStopping) => s.onEpochEnd({ epoch: 0, trainLoss: 1, validationLoss: 1, model: {} as never }), args: () => [stopper()], error: ArgumentTypeError },
    { label: 'a fractional epoch', call: (s: EarlyStopping, m: unknown) => s.onEpochEnd({ epoch: 0.5, trainLoss: 1, validationLoss: 1, model: m as never }), args: () => [stopper(), model()], error: ValueError },
  ],
  'EarlyStopping#restore': [
    { label: 'not a model', call: (s: EarlyStopping) => s.restore(3 as never), args: () => [stopper()], error: ArgumentTypeError },
  ],
  reverseComplement: [
    { label: 'five channels', args: () => [linalg.zeros([1, 5, 3])], error: ShapeError },
    { label: 'a sequence without its batch axis', args: () => [linalg.zeros([4, 3])], error: ShapeError },
  ],
  randomReverseComplement: [
    { label: 'no rng', args: () => [dna(), 0.5], error: ArgumentTypeError },
    { label: 'p above 1', args: () => [dna(), rng(), { p: 2 }], error: ValueError },
  ],
  crop: [
    { label: 'a crop longer than the sequence', args: () => [dna(5), [0, 0], 6], error: ValueError },
    { label: 'a start past L − ℓ', args: () => [dna(5), [0, 3], 3], error: ValueError },
    { label: 'one start for two sequences', args: () => [dna(5), [0], 3], error: ShapeError },
  ],
  randomCrop: [
    { label: 'a crop longer than the sequence', args: () => [dna(5), 6, rng()], error: ValueError },
    { label: 'length 0', args: () => [dna(5), 0, rng()], error: ValueError },
    { label: 'no rng', args: () => [dna(5), 3, 7], error: ArgumentTypeError },
  ],
  flipImages: [
    { label: 'an unknown direction', args: () => [images(), 'diagonal'], error: ValueError },
    { label: 'a matrix, not a batch of images', args: () => [linalg.zeros([3, 3]), 'horizontal'], error: ShapeError },
  ],
  shiftImages: [
    { label: 'a fractional shift', args: () => [images(), 0.5, 0], error: ValueError },
    { label: 'an unknown fill', args: () => [images(), 1, 0, { fill: 'reflect' }], error: ValueError },
  ],
  randomFlipImages: [
    { label: 'no rng', args: () => [images()], error: ArgumentTypeError },
    { label: 'vertical not a boolean', args: () => [images(), rng(), { vertical: 1 }], error: ArgumentTypeError },
  ],
  randomShiftImages: [
    { label: 'a negative maxShift', args: () => [images(), -1, rng()], error: ValueError },
    { label: 'no rng', args: () => [images(), 1], error: ArgumentTypeError },
  ],
  augmentDataset: [
    { label: 'X and y of different lengths', args: () => [dna(), linalg.zeros([3]), (x: linalg.Tensor) => x, { rng: rng() }], error: ShapeError },
    { label: 'no rng', args: () => [dna(), linalg.zeros([2]), (x: linalg.Tensor) => x], error: ArgumentTypeError },
    { label: 'copies 0', args: () => [dna(), linalg.zeros([2]), (x: linalg.Tensor) => x, { copies: 0, rng: rng() }], error: ValueError },
    { label: 'an augmentation dropping an example', args: () => [dna(), linalg.zeros([2]), () => linalg.zeros([1, 4, 5]), { rng: rng() }], error: ShapeError },
    { label: 'an augmentation that is not a function', args: () => [dna(), linalg.zeros([2]), 'crop', { rng: rng() }], error: ArgumentTypeError },
  ],
  leastSquaresGD: [
    { label: 'η = 0', args: () => [linalg.zeros([2, 3]), linalg.zeros([2]), { eta: 0 }], error: ValueError },
    { label: 'y of the wrong length', args: () => [linalg.zeros([2, 3]), linalg.zeros([3])], error: ShapeError },
    { label: 'w0 of the wrong length', args: () => [linalg.zeros([2, 3]), linalg.zeros([2]), { w0: linalg.zeros([2]) }], error: ShapeError },
  ],
  minimumNormLeastSquares: [
    { label: 'a NaN in X', args: () => [linalg.tensor([1, NaN], [1, 2]), linalg.zeros([1])], error: ValueError },
    { label: 'y a matrix', args: () => [linalg.zeros([2, 2]), linalg.zeros([2, 1])], error: ShapeError },
  ],
}, { everyMethod: true, exempt: { 'EarlyStopping#reset': 'takes no argument' } });
