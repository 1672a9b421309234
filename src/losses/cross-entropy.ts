/**
 * Multiclass cross-entropy (EQ-LOSSES-05, 06). For one sample with target
 * distribution y over C classes and predicted distribution p (002):
 *
 *   CE(y, p) = −Σ_c y_c·ln p_c        = −ln p_true for a one-hot y
 *
 * and over n samples (003, "y_i ∈ {0,1}^k"):
 *
 *   𝓛 = −(1/n)·Σᵢ Σⱼ y_{i,j}·ln p_{i,j} = −(1/n)·Σᵢ yᵢᵀ ln pᵢ
 *
 * crossEntropy(p, y), from probabilities P: n×C (rows on the simplex):
 *   ∂𝓛ᵢ/∂p_{i,c} = −y_{i,c}/p_{i,c}; a term of weight y = 0 is 0 even at
 *   p = 0 (0·ln 0 = 0); p = 0 on a class the target weighs gives +∞ (no
 *   clipping: train with the logits form).
 *
 * crossEntropyWithLogits(z, y), from logits Z: n×C, through log-softmax
 * (log-sum-exp with the row maximum m subtracted, finite at any finite z):
 *   ln p_{i,c} = z_{i,c} − m − ln Σⱼ e^{z_{i,j} − m}
 *   ∂𝓛ᵢ/∂zᵢ = softmax(zᵢ) − yᵢ        (rows of y sum to 1)
 *   This is PyTorch's CrossEntropyLoss (which takes logits).
 *
 * Targets, either
 *   class indices   y: [n], integers 0 … C−1 stored as float64, or
 *   rows            Y: n×C, each a distribution: one-hot, or soft labels
 *                   (label smoothing), entries in [0, 1] summing to 1
 *                   within 1e-8;
 * anything else is a ValueError (ShapeError for the wrong shape). The
 * reduction averages (or sums) over the n samples; classes are summed
 * inside each sample's loss. A single sample is a 1×C prediction.
 */
import { ShapeError, ValueError, describeValue, formatShape } from '../errors/index.js';
import { log } from '../math/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { assertNotEmpty, assertPrediction, assertUnitInterval, reduce, reductionOf, targetVar } from './reduction.js';
import type { LossOptions, Reduction } from './reduction.js';

/** How far a target row's sum may be from 1. */
const ROW_SUM_TOLERANCE = 1e-8;

/**
 * Internal: check the arguments; the target as rows Y: n×C (a constant
 * one-hot matrix for class indices, else the target Var itself).
 */
function ceArguments(prediction: unknown, target: unknown, options: LossOptions | undefined, where: string): { p: Var; Y: Var; reduction: Reduction } {
  const p = assertPrediction(prediction, where);
  const y = targetVar(target, where);
  const reduction = reductionOf(options, where);
  const s = p.value.shape;
  if (s.length !== 2) throw new ShapeError(`${where}: prediction must be n×C (rows are samples; one sample is 1×C), got ${formatShape(s)}`);
  const [n, C] = s as [number, number];
  assertNotEmpty(n, reduction, where);
  const t = y.value;
  if (t.shape.length === 1 && t.shape[0] === n) return { p, Y: ad.constant(oneHot(t, C, where)), reduction };
  if (!linalg.sameShape(t.shape, s)) {
    throw new ShapeError(`${where}: target must be class indices [${n}] or rows [${n}, ${C}] for a prediction ${formatShape(s)}, got ${formatShape(t.shape)}`);
  }
  assertUnitInterval(t, 'target rows', where);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += t.data[i * C + c]!;
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      throw new ValueError(`${where}: target row ${i} must be one-hot or a distribution summing to 1, but it sums to ${sum}`);
    }
  }
  return { p, Y: y, reduction };
}

/** One-hot rows n×C of class indices; ValueError for an index that is not an integer in [0, C). */
function oneHot(indices: Tensor, C: number, where: string): Tensor {
  const n = indices.data.length;
  const Y = new Float64Array(n * C);
  for (let i = 0; i < n; i++) {
    const c = indices.data[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < C)) {
      throw new ValueError(`${where}: class indices must be integers in 0 … ${C - 1}, got ${describeValue(c)} at entry ${i}`);
    }
    Y[i * C + c] = 1;
  }
  return { shape: [n, C], data: Y };
}

/** −(1/n)·Σᵢ Σ_c y_{i,c}·ln p_{i,c} from probabilities P: n×C in [0, 1] (0·ln 0 = 0). */
export function crossEntropy(prediction: Var, target: Tensor | Var, options?: LossOptions): Var {
  const where = 'crossEntropy';
  const { p, Y, reduction } = ceArguments(prediction, target, options, where);
  assertUnitInterval(p.value, 'prediction', where);
  const pd = p.value.data, yd = Y.value.data, size = pd.length;
  const l = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const yk = yd[k]!;
    l[k] = yk === 0 ? 0 : -yk * log(pd[k]!);
  }
  const shape = [...p.value.shape];
  const terms = ad.customOp('crossEntropy', { shape, data: l }, [p, Y], (g) => {
    const dp = new Float64Array(size), dy = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      const yk = yd[k]!, gk = g.data[k]!;
      dp[k] = yk === 0 ? 0 : -gk * yk / pd[k]!;
      dy[k] = -gk * log(pd[k]!);
    }
    return [{ shape, data: dp }, { shape, data: dy }];
  });
  return reduce(ad.sum(terms, { axis: -1 }), reduction);
}

/** −(1/n)·Σᵢ yᵢᵀ log-softmax(zᵢ) from logits Z: n×C (stable at any finite z); ∂/∂zᵢ = (softmax(zᵢ) − yᵢ)/n. */
export function crossEntropyWithLogits(prediction: Var, target: Tensor | Var, options?: LossOptions): Var {
  const where = 'crossEntropyWithLogits';
  const { p: z, Y, reduction } = ceArguments(prediction, target, options, where);
  const perSample = ad.neg(ad.sum(ad.mul(ad.logSoftmax(z), Y), { axis: -1 }));
  return reduce(perSample, reduction);
}
