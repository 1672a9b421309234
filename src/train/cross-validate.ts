/**
 * k-fold cross-validation (EQ-DATA-06; 002, "Hyperparameter Optimization":
 * "Cross-validation is often used to estimate generalization performance
 * of the model"; "partition the data in non-overlapping subsets").
 *
 *   folds      the n indices, shuffled, cut into k consecutive folds of
 *              ⌈n/k⌉ or ⌊n/k⌋ indices (the first n mod k folds get the
 *              extra one); fold j validates, the other k − 1 train
 *   stratified the indices sorted by class (shuffled within each class) and
 *              dealt to the folds in turn, 0, 1, …, k − 1, 0, 1, …: each
 *              class's count per fold differs by at most 1 across folds,
 *              and so does each fold's size
 *   CV score   (1/k)·Σ_j score(model fitted on the train part of fold j,
 *              validation part of fold j)
 *
 * Every index is in exactly one validation part; within a fold the train
 * and validation parts are disjoint and together hold every index. k = n
 * is leave-one-out.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertBoolean, assertFunction, assertInstance, assertInteger, assertOptions, describeValue, formatShape } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { classLabels, takeRows } from './split.js';

/** One fold: the indices to train on and those to validate on (disjoint, together 0 … n−1). */
export interface Fold {
  train: Int32Array;
  validation: Int32Array;
}

/** Options of kFold and stratifiedKFold. */
export interface FoldOptions {
  /** Shuffle first (default true; needs rng). */
  shuffle?: boolean;
  /** The generator of the shuffle. */
  rng?: Rng;
}

/** The k folds from each index's fold number. Internal. */
function foldsOf(foldOf: Int32Array, k: number): Fold[] {
  const folds: Fold[] = [];
  for (let j = 0; j < k; j++) {
    const train: number[] = [], validation: number[] = [];
    foldOf.forEach((f, i) => (f === j ? validation : train).push(i));
    folds.push({ train: Int32Array.from(train), validation: Int32Array.from(validation) });
  }
  return folds;
}

/** The visiting order of 0 … n−1: shuffled by rng, or as is. Internal: checked options. */
function orderOf(n: number, options: FoldOptions | undefined, where: string): Int32Array {
  const o = assertOptions(options, ['shuffle', 'rng'], where);
  const shuffle = assertBoolean(o.shuffle ?? true, 'shuffle', where);
  if (shuffle || o.rng !== undefined) assertInstance(o.rng, Rng, 'rng', where);
  return shuffle ? o.rng!.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
}

/** k folds of 0 … n−1 (2 ≤ k ≤ n), sizes ⌈n/k⌉ or ⌊n/k⌋; see the file comment. */
export function kFold(n: number, k: number, options?: FoldOptions): Fold[] {
  const where = 'kFold';
  assertInteger(n, 'n', where, { min: 2 });
  assertInteger(k, 'k', where, { min: 2 });
  if (k > n) throw new ValueError(`${where}: k = ${k} folds need at least ${k} samples, got n = ${n}`);
  const order = orderOf(n, options, where);
  const foldOf = new Int32Array(n), base = Math.floor(n / k), extra = n % k;
  let t = 0;
  for (let j = 0; j < k; j++) for (let s = 0; s < base + (j < extra ? 1 : 0); s++) foldOf[order[t++]!] = j;
  return foldsOf(foldOf, k);
}

/**
 * k folds that keep the class proportions of `y` (labels 0 … K−1, [n]):
 * each class's count differs by at most 1 between folds (see the file comment).
 * A class with fewer than k samples is missing from some validation parts.
 */
export function stratifiedKFold(y: Tensor, k: number, options?: FoldOptions): Fold[] {
  const where = 'stratifiedKFold';
  assertTensor(y, 'y', where);
  const n = y.shape[0] ?? 0;
  const labels = classLabels(y, n, 'y', where);
  assertInteger(k, 'k', where, { min: 2 });
  if (k > n) throw new ValueError(`${where}: k = ${k} folds need at least ${k} samples, got n = ${n}`);
  const order = orderOf(n, options, where);
  const sorted = Array.from(order).sort((a, b) => labels[a]! - labels[b]!); // stable: shuffled within each class
  const foldOf = new Int32Array(n);
  sorted.forEach((i, t) => { foldOf[i] = t % k; });
  return foldsOf(foldOf, k);
}

/** An estimator as model selection uses it: fit(X, y) and, unless a scoring function is given, score(X, y). */
export interface Estimator {
  fit(X: Tensor, y?: Tensor): unknown;
  score?(X: Tensor, y?: Tensor): number;
}

/** A score of a fitted model on data (higher is better), e.g. (m, X, y) => accuracy(y!, m.predict(X)). */
export type Scoring<E> = (model: E, X: Tensor, y: Tensor | undefined) => number;

/** Options of crossValidate. */
export interface CrossValidateOptions<E> {
  /** k (default 5), or the folds themselves (from kFold or stratifiedKFold). */
  folds?: number | readonly Fold[];
  /** The shuffle of the folds when `folds` is a number (required then). */
  rng?: Rng;
  /** Stratify the folds by y (default false). */
  stratify?: boolean;
  /** How a fitted model scores data (default: model.score(X, y)). */
  scoring?: Scoring<E>;
}

/** Fold scores and their mean, the CV score. */
export interface CrossValidation {
  scores: number[];
  mean: number;
  /** The population standard deviation of the fold scores. */
  std: number;
}

/**
 * Checked data and options, shared with the searches; `folds()` then draws
 * the folds (the only step that advances the rng), so that a caller can
 * finish its own checks first. Internal.
 */
export function prepare<E>(X: unknown, y: unknown, options: CrossValidateOptions<E> | undefined, where: string, extra: readonly string[] = []):
  { X: Tensor; y: Tensor | undefined; folds: () => readonly Fold[]; scoring: Scoring<E> | undefined } {
  assertTensor(X, 'X', where);
  if (X.shape.length === 0) throw new ShapeError(`${where}: X must have rows (rank ≥ 1), got a scalar`);
  const n = X.shape[0]!;
  if (y !== undefined) {
    assertTensor(y, 'y', where);
    if (y.shape[0] !== n) throw new ShapeError(`${where}: y must have one entry per row of X (${n}), got shape ${formatShape(y.shape)}`);
  }
  const o = assertOptions(options as Record<string, unknown> | undefined, ['folds', 'rng', 'stratify', 'scoring', ...extra], where) as CrossValidateOptions<E>;
  if (o.scoring !== undefined) assertFunction(o.scoring, 'scoring', where);
  const stratify = assertBoolean(o.stratify ?? false, 'stratify', where);
  let folds: () => readonly Fold[];
  if (typeof o.folds === 'object' && o.folds !== null) {
    const given = assertFolds(o.folds, n, where);
    folds = () => given;
  } else {
    const k = assertInteger(o.folds ?? 5, 'folds', where, { min: 2 });
    if (k > n) throw new ValueError(`${where}: ${k} folds need at least ${k} samples, got n = ${n}`);
    const rng = assertInstance(o.rng, Rng, 'rng', where);
    if (stratify) {
      if (y === undefined) throw new ArgumentTypeError(`${where}: stratify needs the labels y`);
      classLabels(y, n, 'y', where);
      folds = () => stratifiedKFold(y as Tensor, k, { rng });
    } else folds = () => kFold(n, k, { rng });
  }
  return { X, y: y as Tensor | undefined, folds, scoring: o.scoring };
}

/**
 * Throw an ArgumentTypeError unless `model` has fit(X, y) and, without a
 * scoring function, score(X, y): checked on the first model built, before
 * any fold is drawn. Internal.
 */
export function assertEstimator(model: unknown, scoring: unknown, where: string): void {
  const m = model as { fit?: unknown; score?: unknown } | null;
  if (typeof m !== 'object' || m === null || typeof m.fit !== 'function') {
    throw new ArgumentTypeError(`${where}: the model factory must return an estimator with fit(X, y), got ${describeValue(model)}`);
  }
  if (scoring === undefined && typeof m.score !== 'function') {
    throw new ArgumentTypeError(`${where}: the model has no score(X, y) method; pass a scoring function`);
  }
}

/** Given folds: an array of { train, validation } index lists within 0 … n−1. */
function assertFolds(folds: unknown, n: number, where: string): readonly Fold[] {
  if (!Array.isArray(folds) || folds.length === 0) throw new ArgumentTypeError(`${where}: folds must be a number or a non-empty array of { train, validation }, got ${describeValue(folds)}`);
  for (const [j, fold] of folds.entries()) {
    for (const part of ['train', 'validation'] as const) {
      const idx: unknown = (fold as Record<string, unknown> | null)?.[part];
      if (!(idx instanceof Int32Array || Array.isArray(idx)) || idx.length === 0
        || !Array.from(idx as ArrayLike<unknown>).every((i) => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < n)) {
        throw new ValueError(`${where}: folds[${j}].${part} must be a non-empty list of row indices 0 … ${n - 1}`);
      }
    }
  }
  return folds as readonly Fold[];
}

/** The score of a fitted model by the scoring function or its own score method. Internal. */
function scoreOf<E extends Estimator>(model: E, X: Tensor, y: Tensor | undefined, scoring: Scoring<E> | undefined, where: string): number {
  if (scoring !== undefined) return scoring(model, X, y);
  if (typeof model.score !== 'function') throw new ArgumentTypeError(`${where}: the model has no score(X, y) method; pass a scoring function`);
  return y === undefined ? model.score(X) : model.score(X, y);
}

/**
 * Fit a fresh model on each fold's train part and score it on its validation
 * part; `first`, when given, is the model of the first fold. Internal: checked inputs.
 */
export function foldScores<E extends Estimator>(
  make: () => E, X: Tensor, y: Tensor | undefined, folds: readonly Fold[], scoring: Scoring<E> | undefined, where: string, first?: E,
): number[] {
  return folds.map(({ train, validation }, j) => {
    const model = j === 0 && first !== undefined ? first : make();
    assertEstimator(model, scoring, where);
    if (y === undefined) model.fit(takeRows(X, train));
    else model.fit(takeRows(X, train), takeRows(y, train));
    return scoreOf(model, takeRows(X, validation), y === undefined ? undefined : takeRows(y, validation), scoring, where);
  });
}

/** Mean and population standard deviation. Internal. */
export function summary(scores: number[]): CrossValidation {
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / scores.length);
  return { scores, mean, std };
}

/**
 * k-fold cross-validation of the estimator `make()` builds: fit on each
 * fold's train part, score on its validation part; the CV score is the mean.
 * X: rows are samples; y: one entry (or row) per sample, or undefined
 * (clustering). Options: folds (5, or given folds), rng (the shuffle),
 * stratify (false), scoring (default model.score(X, y)).
 */
export function crossValidate<E extends Estimator>(make: () => E, X: Tensor, y?: Tensor, options?: CrossValidateOptions<E>): CrossValidation {
  const where = 'crossValidate';
  assertFunction(make, 'make', where);
  const p = prepare(X, y, options, where);
  const first = make();
  assertEstimator(first, p.scoring, where);
  return summary(foldScores(make, p.X, p.y, p.folds(), p.scoring, where, first));
}
