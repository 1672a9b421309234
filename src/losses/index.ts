/**
 * losses — the training objectives of the lectures, each a scalar Var built
 * from autodiff ops, `loss(prediction, target, { reduction })`:
 *
 *   mse, sse                        (1/n)Σ(ŷ − y)², Σ(ŷ − y)²       EQ-LOSSES-01, 02
 *   l2Loss                          ‖y − ŷ‖₂ (not squared)           EQ-LOSSES-03
 *   mae                             (1/n)Σ|ŷ − y|                   EQ-LOSSES-04
 *   binaryCrossEntropy(WithLogits)  −mean[y ln p + (1 − y) ln(1 − p)] EQ-LOSSES-07
 *   crossEntropy(WithLogits)        −(1/n)Σᵢ yᵢᵀ ln pᵢ               EQ-LOSSES-05, 06
 *
 * The prediction is a Var (a network's output), the target a Tensor or a
 * Var of the same shape (cross-entropy: class indices [n] or rows n×C);
 * reduction 'mean' (default) or 'sum'. Imports `random`, `linalg` and
 * `autodiff`.
 *
 *   const loss = crossEntropyWithLogits(net.forward(constant(X)), labels);
 *   loss.backward();
 */
export { mse, sse } from './mse.js';
export { mae } from './mae.js';
export { l2Loss } from './l2.js';
export { binaryCrossEntropy, binaryCrossEntropyWithLogits } from './binary-cross-entropy.js';
export { crossEntropy, crossEntropyWithLogits } from './cross-entropy.js';
export type { LossOptions, Reduction } from './reduction.js';
