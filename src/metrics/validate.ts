/**
 * The argument checks shared by the metrics: targets and predictions as
 * Tensors, checked before anything is computed, with errors naming the
 * public function called.
 *
 *   regression pair   yTrue and yPred of one shape, [n] or n×k, n ≥ 1, finite
 *   labels            class indices 0 … K−1 stored as float64 integers, [n];
 *                     or one-hot rows n×K (exactly one 1 per row), read as
 *                     the index of the 1
 *   scores            a finite vector [n] (a classifier's score or probability)
 */
import { ShapeError, ValueError, assertInteger, assertNumber, assertOneOf, assertOptions, formatShape } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** The largest class index accepted, 2²⁰ − 1 (labels index arrays of per-class counts). */
export const MAX_LABEL = 2 ** 20 - 1;

/**
 * Throw unless yTrue and yPred are finite tensors of one shape, [n] or n×k
 * with n ≥ 1. Returns [n, k] (k = 1 for a vector).
 */
export function assertRegressionPair(yTrue: unknown, yPred: unknown, where: string): [number, number] {
  assertTensor(yTrue, 'yTrue', where);
  assertTensor(yPred, 'yPred', where);
  const rank = yTrue.shape.length;
  if (rank < 1 || rank > 2) throw new ShapeError(`${where}: yTrue must be a vector [n] or a matrix n×k, got shape ${formatShape(yTrue.shape)}`);
  if (yPred.shape.length !== rank || yPred.shape.some((d, i) => d !== yTrue.shape[i])) {
    throw new ShapeError(`${where}: yTrue and yPred must have one shape, got ${formatShape(yTrue.shape)} and ${formatShape(yPred.shape)}`);
  }
  const n = yTrue.shape[0]!, k = rank === 2 ? yTrue.shape[1]! : 1;
  if (n === 0 || k === 0) throw new ValueError(`${where}: need at least one sample, got shape ${formatShape(yTrue.shape)}`);
  assertFiniteData(yTrue, 'yTrue', where);
  assertFiniteData(yPred, 'yPred', where);
  return [n, k];
}

/** Throw a ValueError naming the first NaN or ±∞ of `t`. Internal: t is a Tensor. */
export function assertFiniteData(t: Tensor, name: string, where: string): void {
  const x = t.data;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (!Number.isFinite(xi)) throw new ValueError(`${where}: ${name} must be finite, got ${xi} at flat index ${i}`);
  }
}

/**
 * Class labels as an Int32Array: a vector [n] of integers 0 … MAX_LABEL, or
 * one-hot rows n×K. ShapeError for another rank or a row that is not
 * one-hot; ValueError for a negative, fractional or non-finite label.
 */
export function labelsOf(y: unknown, name: string, where: string): Int32Array {
  assertTensor(y, name, where);
  const x = y.data;
  if (y.shape.length === 1) {
    const out = new Int32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const yi = x[i]!;
      if (!(Number.isInteger(yi) && yi >= 0 && yi <= MAX_LABEL)) {
        throw new ValueError(`${where}: ${name} must hold class indices 0, 1, 2, … (integers ≤ ${MAX_LABEL}), got ${yi} at index ${i}`);
      }
      out[i] = yi;
    }
    return out;
  }
  if (y.shape.length === 2) {
    const [n = 0, K = 0] = y.shape;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let hot = -1;
      for (let c = 0; c < K; c++) {
        const v = x[i * K + c]!;
        if (v === 1 && hot < 0) hot = c;
        else if (v !== 0) {
          throw new ShapeError(`${where}: ${name} is n×K, so each row must be one-hot (one 1, the rest 0); row ${i} is not`);
        }
      }
      if (hot < 0) throw new ShapeError(`${where}: ${name} is n×K, so each row must be one-hot (one 1, the rest 0); row ${i} has no 1`);
      out[i] = hot;
    }
    return out;
  }
  throw new ShapeError(`${where}: ${name} must be class indices [n] or one-hot rows n×K, got shape ${formatShape(y.shape)}`);
}

/** Labels of yTrue and yPred, of one length n ≥ 1 (ShapeError, ValueError otherwise). */
export function labelPair(yTrue: unknown, yPred: unknown, where: string): [Int32Array, Int32Array] {
  const t = labelsOf(yTrue, 'yTrue', where), p = labelsOf(yPred, 'yPred', where);
  if (t.length !== p.length) throw new ShapeError(`${where}: yTrue and yPred must have one length, got ${t.length} and ${p.length}`);
  if (t.length === 0) throw new ValueError(`${where}: need at least one sample, got 0`);
  return [t, p];
}

/** A finite score vector [n]. */
export function scoresOf(s: unknown, name: string, where: string): Float64Array {
  assertTensor(s, name, where);
  if (s.shape.length !== 1) throw new ShapeError(`${where}: ${name} must be a vector [n] of scores, got shape ${formatShape(s.shape)}`);
  assertFiniteData(s, name, where);
  return s.data;
}

/** Options of the threshold curves (ROC, precision–recall). */
export interface CurveOptions {
  /** The label counted as positive (default 1); every label must be 0 or 1. */
  positive?: 0 | 1;
}

/**
 * Binary labels and scores of one length, both classes present: the inputs
 * of a threshold curve. Returns the positive mask (1 where yTrue = positive),
 * the scores, and the counts P, N.
 */
export function binaryScored(yTrue: unknown, scores: unknown, options: CurveOptions | undefined, where: string):
  { positive: Uint8Array; s: Float64Array; P: number; N: number } {
  const y = labelsOf(yTrue, 'yTrue', where);
  const s = scoresOf(scores, 'scores', where);
  const { positive = 1 } = assertOptions(options, ['positive'], where);
  assertInteger(positive, 'positive', where, { min: 0, max: 1 });
  if (y.length !== s.length) throw new ShapeError(`${where}: yTrue and scores must have one length, got ${y.length} and ${s.length}`);
  const mask = new Uint8Array(y.length);
  let P = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    if (yi > 1) throw new ValueError(`${where}: yTrue must be binary (0 or 1), got ${yi} at index ${i}`);
    if (yi === positive) { mask[i] = 1; P++; }
  }
  const N = y.length - P;
  if (P === 0 || N === 0) {
    throw new ValueError(`${where}: needs both classes in yTrue, got ${P} positive and ${N} negative samples`);
  }
  return { positive: mask, s, P, N };
}

/** The averaging rules of precision, recall and F1 (see classification.ts). */
export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

/** Options of precision, recall and F1. */
export interface ClassificationOptions {
  /** 'binary' (default: the class `positive` alone), 'macro', 'micro' or 'weighted'. */
  average?: Average;
  /** The positive class for average 'binary' (default 1); labels must then be 0 or 1. */
  positive?: 0 | 1;
  /** The value returned for 0/0 (default 0), in [0, 1]. */
  zeroDivision?: number;
  /** Average over the classes 0 … nClasses−1 (default: the classes that occur in yTrue or yPred). */
  nClasses?: number;
}

/** The checked options of precision/recall/F1. Internal: labels already checked. */
export function classificationOptions(options: ClassificationOptions | undefined, where: string):
  { average: Average; positive: number; zeroDivision: number; nClasses: number | undefined } {
  const o = assertOptions(options, ['average', 'positive', 'zeroDivision', 'nClasses'], where);
  const average = assertOneOf(o.average ?? 'binary', ['binary', 'macro', 'micro', 'weighted'], 'average', where);
  const positive = assertInteger(o.positive ?? 1, 'positive', where, { min: 0, max: 1 });
  const zeroDivision = assertNumber(o.zeroDivision ?? 0, 'zeroDivision', where, { min: 0, max: 1 });
  const nClasses = o.nClasses === undefined ? undefined : assertInteger(o.nClasses, 'nClasses', where, { min: 1, max: MAX_LABEL + 1 });
  return { average, positive, zeroDivision, nClasses };
}
