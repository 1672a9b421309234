/**
 * regularizers — what keeps a model from fitting the noise (EQ-REGULARIZERS-01
 * … 12): explicit penalties added to the loss, L = data loss + λ·R(W)
 * (L1, the two L2s, L∞, elastic net, the entropy term), the proximal steps
 * that give L1 its exact zeros, early stopping as a training-loop callback,
 * label smoothing for cross-entropy, data augmentation for DNA and images,
 * and the implicit regularisation of gradient descent. Dropout, batch and
 * layer normalisation and the residual block are layers (`layers`).
 * Imports `random`, `linalg` and `autodiff`.
 *
 *   const loss = regularized(crossEntropyWithLogits(net.forward(x), y), 1e-4, l2Penalty(weightsOf(net)));
 *   fit(net, loss, optimizer, data, { validation, callbacks: [new EarlyStopping({ patience: 5 })] });
 */
export {
  elasticNetPenalty, l1Penalty, l2NormPenalty, l2Penalty, lInfPenalty, regularized, weightsOf,
} from './penalties.js';
export type { HasNamedParameters, Weights } from './penalties.js';
export { proxElasticNetInto, proxL1Into, softThreshold } from './proximal.js';
export { entropyPenalty, entropyPenaltyWithLogits } from './entropy.js';
export type { EntropyPenaltyOptions } from './entropy.js';
export { smoothLabels } from './label-smoothing.js';
export type { SmoothLabelsOptions } from './label-smoothing.js';
export { EarlyStopping } from './early-stopping.js';
export type { EarlyStoppingLog, EarlyStoppingOptions, StoppableModel } from './early-stopping.js';
export { crop, randomCrop, randomReverseComplement, reverseComplement } from './augment-dna.js';
export type { RandomReverseComplementOptions } from './augment-dna.js';
export { flipImages, randomFlipImages, randomShiftImages, shiftImages } from './augment-image.js';
export type { FlipDirection, RandomFlipOptions, ShiftFill, ShiftOptions } from './augment-image.js';
export { augmentDataset } from './augment.js';
export type { Augmentation, AugmentDatasetOptions } from './augment.js';
export { leastSquaresGD, minimumNormLeastSquares } from './implicit.js';
export type { LeastSquaresGDOptions } from './implicit.js';
