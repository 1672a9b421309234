/**
 * An augmented training set (EQ-REGULARIZERS-10; 001 "augment effective
 * training data size by simulating more diversity from existing data"):
 *
 *   X_aug = [a(X; rng); a(X; rng); …]   (copies draws of the augmentation a)
 *   y_aug = [y; y; …]                    the labels as they were
 *
 * n·copies rows, copy r in rows r·n … (r + 1)·n − 1, each row's label kept
 * (an augmentation is label-preserving by contract: it maps the batch X to
 * a batch of the same n examples, in the same order). Augment the training
 * split only: validation and test data are scored as they are, so their
 * numbers do not change whether augmentation is on or off. Draws come from
 * `rng`, so the same seed gives the same set.
 *
 *   const { X: Xa, y: ya } = augmentDataset(Xtrain, ytrain,
 *     (x, rng) => randomCrop(randomReverseComplement(x, rng), 90, rng), { copies: 4, rng });
 */
import { ArgumentTypeError, ShapeError, assertFunction, assertInstance, assertInteger, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/** A random, label-preserving transform of a batch: n examples in, the same n (in order) out. */
export type Augmentation = (x: Tensor, rng: Rng) => Tensor;

/** Options of augmentDataset. */
export interface AugmentDatasetOptions {
  /** How many augmented copies of the data, ≥ 1 (default 1). */
  copies?: number;
  /** The generator every draw comes from (required). */
  rng: Rng;
}

/** Internal: the rows of `t` (first axis) repeated `copies` times. */
function tile(t: Tensor, copies: number): Tensor {
  const out = new Float64Array(t.data.length * copies);
  for (let r = 0; r < copies; r++) out.set(t.data, r * t.data.length);
  return { shape: [t.shape[0]! * copies, ...t.shape.slice(1)], data: out };
}

/**
 * The training set X: n×…, y: n×… (or [n]) with `copies` augmented copies
 * of X stacked along the first axis and y repeated to match. ShapeError
 * when X and y count different examples, or when an augmented copy does not
 * have n examples or changes shape between copies.
 */
export function augmentDataset(X: Tensor, y: Tensor, augmentation: Augmentation, options: AugmentDatasetOptions): { X: Tensor; y: Tensor } {
  const where = 'augmentDataset';
  linalg.assertTensor(X, 'X', where);
  linalg.assertTensor(y, 'y', where);
  if (X.shape.length === 0 || y.shape.length === 0 || X.shape[0] !== y.shape[0]) {
    throw new ShapeError(`${where}: X and y must have the same number of examples on their first axis, got ${formatShape(X.shape)} and ${formatShape(y.shape)}`);
  }
  assertFunction(augmentation, 'augmentation', where);
  if (options === undefined) throw new ArgumentTypeError(`${where}: the augmentation draws at random: pass { rng: new Rng(seed) }`);
  const o = assertOptions(options, ['copies', 'rng'], where);
  const copies = assertInteger(o.copies ?? 1, 'copies', where, { min: 1 });
  const rng = assertInstance(o.rng, Rng, 'rng', where);
  const n = X.shape[0]!;
  const parts: Tensor[] = [];
  for (let r = 0; r < copies; r++) {
    const part = augmentation(X, rng);
    linalg.assertTensor(part, 'the augmentation\'s result', where);
    if (part.shape.length === 0 || part.shape[0] !== n || (r > 0 && !linalg.sameShape(part.shape, parts[0]!.shape))) {
      throw new ShapeError(`${where}: the augmentation must return the same n = ${n} examples in the same shape each time, got ${formatShape(part.shape)}${r > 0 ? ` after ${formatShape(parts[0]!.shape)}` : ''}`);
    }
    parts.push(part);
  }
  const first = parts[0]!, size = first.data.length;
  const data = new Float64Array(size * copies);
  parts.forEach((p, r) => data.set(p.data, r * size));
  return { X: { shape: [n * copies, ...first.shape.slice(1)], data }, y: tile(y, copies) };
}
