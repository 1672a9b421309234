/**
 * Train / validation / test split (EQ-DATA-05; 001, "Training, validation,
 * and test set": training ≈ 70–80 %, validation ≈ 10–15 %, the test set
 * "not used during model development or hyperparameter tuning").
 *
 * The n sample indices are shuffled (rng.permutation) and cut into parts of
 * sizes n_p with fractions f_p (Σ f_p = 1). The sizes are the largest-
 * remainder rounding of f_p·n: each part first gets ⌊f_p·n⌋, and the units
 * left over go, one each, to the parts with the largest fractional parts
 * f_p·n − ⌊f_p·n⌋ (the earlier part on a tie). So |n_p − f_p·n| < 1, and the
 * rounding does not depend on the seed.
 *
 * Stratified (`stratify: y`, class labels 0 … K−1): each class c is split
 * on its own, so that part p holds ⌊f_p·n_c⌋ or ⌈f_p·n_c⌉ of its n_c samples
 * (its proportion kept within ±1 example); the classes' extra units are
 * handed out so that the part sizes still come to the largest-remainder
 * sizes above whenever such an allocation exists (always, in practice).
 *
 * The parts are disjoint and together hold every index once. Each part lists
 * its indices in the shuffled order.
 */
import { ShapeError, ValueError, assertBoolean, assertInstance, assertInteger, assertNumber, assertOptions, formatShape } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/** Largest-remainder sizes of the parts: ⌊f_p·n⌋ plus one for the largest remainders. Internal. */
export function partSizes(n: number, fractions: readonly number[]): number[] {
  const exact = fractions.map((f) => f * n);
  const sizes = exact.map((x) => Math.floor(x));
  let left = n - sizes.reduce((a, b) => a + b, 0);
  const order = exact.map((x, p) => p).sort((a, b) => (exact[b]! - sizes[b]!) - (exact[a]! - sizes[a]!) || a - b);
  for (let t = 0; left > 0; t = (t + 1) % order.length, left--) sizes[order[t]!]! += 1;
  return sizes;
}

/** Class labels 0 … K−1 of `y` ([n] integers), checked against n. Internal. */
export function classLabels(y: unknown, n: number, name: string, where: string): Int32Array {
  assertTensor(y, name, where);
  if (y.shape.length !== 1 || y.shape[0] !== n) throw new ShapeError(`${where}: ${name} must be a vector [${n}] of class labels, got shape ${formatShape(y.shape)}`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = y.data[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 20)) throw new ValueError(`${where}: ${name} must hold class labels 0, 1, 2, …, got ${v} at index ${i}`);
    out[i] = v;
  }
  return out;
}

/**
 * Stratified part sizes: counts[c][p] for class c and part p (see the file comment).
 * Internal: classSizes sum to n, fractions sum to 1.
 *
 * Each class first gets ⌊f_p·n_c⌋ in every part; its r_c units left over go,
 * one each, to parts where f_p·n_c has a fractional part (so each count stays
 * ⌊f_p·n_c⌋ or ⌈f_p·n_c⌉), and the parts should receive exactly the units
 * their largest-remainder sizes lack. That is a bipartite matching of units
 * to parts' free places; it is found by augmenting paths (a unit may push an
 * earlier one of another class to a different part), trying parts in order
 * of decreasing fractional part. A unit that finds no free place (no exact
 * allocation exists) goes to its class's part of largest fractional part.
 */
export function stratifiedSizes(classSizes: readonly number[], fractions: readonly number[]): number[][] {
  const n = classSizes.reduce((a, b) => a + b, 0), P = fractions.length, K = classSizes.length;
  const totals = partSizes(n, fractions);
  const floor = classSizes.map((nc) => fractions.map((f) => Math.floor(f * nc)));
  const frac = classSizes.map((nc, c) => fractions.map((f, p) => f * nc - floor[c]![p]!));
  const free = totals.map((t, p) => t - floor.reduce((a, row) => a + row[p]!, 0)); // places each part still has
  const extra = classSizes.map(() => new Array<number>(P).fill(0)); // 1 where class c gives part p its ceiling
  const prefer = frac.map((row) => Array.from({ length: P }, (_, p) => p).filter((p) => row[p]! > 0).sort((a, b) => row[b]! - row[a]! || a - b));
  /** Find a place for one more unit of class c, moving other units along an alternating path. */
  const place = (c: number, seenParts: Uint8Array): boolean => {
    for (const p of prefer[c]!) {
      if (extra[c]![p] === 1 || seenParts[p] === 1) continue;
      seenParts[p] = 1;
      if (free[p]! > 0) { free[p]! -= 1; extra[c]![p] = 1; return true; }
      for (let other = 0; other < K; other++) { // part p is full: can one of its units move elsewhere?
        if (other === c || extra[other]![p] !== 1) continue;
        extra[other]![p] = 0;
        if (place(other, seenParts)) { extra[c]![p] = 1; return true; }
        extra[other]![p] = 1;
      }
    }
    return false;
  };
  classSizes.forEach((nc, c) => {
    const units = nc - floor[c]!.reduce((a, b) => a + b, 0);
    for (let u = 0; u < units; u++) {
      if (place(c, new Uint8Array(P))) continue;
      const p = prefer[c]!.find((q) => extra[c]![q] === 0)!; // no exact allocation: the largest fractional part left
      extra[c]![p] = 1;
      free[p]! -= 1;
    }
  });
  return floor.map((row, c) => row.map((v, p) => v + extra[c]![p]!));
}

/** Options of the splits. */
export interface SplitOptions {
  /** The generator of the shuffle (required when shuffle is true): its draws advance it. */
  rng?: Rng;
  /** Shuffle before cutting (default true); false keeps the order 0 … n−1 within each part. */
  shuffle?: boolean;
  /** Class labels [n] (0 … K−1) whose proportions each part keeps (within ±1 per class). */
  stratify?: Tensor;
}

/** The three parts of trainValTestSplit, disjoint, together 0 … n−1. */
export interface ThreeWaySplit {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** Cut 0 … n−1 into parts of the given fractions (checked arguments). Internal. */
function split(n: number, fractions: readonly number[], options: SplitOptions | undefined, where: string): Int32Array[] {
  const o = assertOptions(options, ['rng', 'shuffle', 'stratify'], where);
  const shuffle = assertBoolean(o.shuffle ?? true, 'shuffle', where);
  if (shuffle || o.rng !== undefined) assertInstance(o.rng, Rng, 'rng', where);
  const y = o.stratify === undefined ? undefined : classLabels(o.stratify, n, 'stratify', where);
  const order = shuffle ? o.rng!.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const parts = fractions.map(() => [] as number[]);
  if (y === undefined) {
    const sizes = partSizes(n, fractions);
    let t = 0;
    sizes.forEach((size, p) => { for (let s = 0; s < size; s++) parts[p]!.push(order[t++]!); });
  } else {
    let K = 0;
    for (const c of y) K = Math.max(K, c + 1);
    const byClass = Array.from({ length: K }, () => [] as number[]);
    for (const i of order) byClass[y[i]!]!.push(i);
    const counts = stratifiedSizes(byClass.map((members) => members.length), fractions);
    const position = new Int32Array(n); // where each index stands in the shuffled order, to list each part in that order
    order.forEach((i, t) => { position[i] = t; });
    byClass.forEach((members, c) => {
      let t = 0;
      counts[c]!.forEach((size, p) => { for (let s = 0; s < size; s++) parts[p]!.push(members[t++]!); });
    });
    for (const part of parts) part.sort((a, b) => position[a]! - position[b]!);
  }
  return parts.map((part) => Int32Array.from(part));
}

/** Check that fractions are in [0, 1] and sum to 1 (within 1e-9). */
function assertFractions(fractions: readonly number[], where: string): void {
  fractions.forEach((f, p) => assertNumber(f, `fractions[${p}]`, where, { min: 0, max: 1 }));
  const total = fractions.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) throw new ValueError(`${where}: the fractions must sum to 1, got ${fractions.join(' + ')} = ${total}`);
}

/**
 * Split the indices 0 … n−1 into train, validation and test parts of the
 * given fractions (default 0.8, 0.1, 0.1; the slide's ranges), shuffled by
 * `rng`, optionally stratified by class labels. See the file comment for
 * the rounding rule.
 */
export function trainValTestSplit(n: number, fractions: readonly [number, number, number] = [0.8, 0.1, 0.1], options?: SplitOptions): ThreeWaySplit {
  const where = 'trainValTestSplit';
  assertInteger(n, 'n', where, { min: 1 });
  if (!Array.isArray(fractions) || fractions.length !== 3) throw new ValueError(`${where}: fractions must be [train, validation, test], got ${String(fractions)}`);
  assertFractions(fractions, where);
  const [train, validation, test] = split(n, fractions, options, where) as [Int32Array, Int32Array, Int32Array];
  return { train, validation, test };
}

/**
 * Split 0 … n−1 into train and test parts, the test part `testFraction`
 * of n (default 0.25) by the same rounding rule, shuffled by `rng`,
 * optionally stratified.
 */
export function trainTestSplit(n: number, testFraction = 0.25, options?: SplitOptions): { train: Int32Array; test: Int32Array } {
  const where = 'trainTestSplit';
  assertInteger(n, 'n', where, { min: 1 });
  assertNumber(testFraction, 'testFraction', where, { min: 0, max: 1 });
  const [train, test] = split(n, [1 - testFraction, testFraction], options, where) as [Int32Array, Int32Array];
  return { train, test };
}

/** The rows `indices` of X (rows are samples: [n], n×d, …), in that order, as a new tensor. */
export function takeRows(X: Tensor, indices: ArrayLike<number>): Tensor {
  const where = 'takeRows';
  assertTensor(X, 'X', where);
  if (X.shape.length === 0) throw new ShapeError(`${where}: X must have rows (rank ≥ 1), got a scalar`);
  const n = X.shape[0]!, width = n === 0 ? 0 : X.data.length / n;
  const out = new Float64Array(indices.length * width);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    if (!(typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < n)) throw new ValueError(`${where}: indices[${r}] must be a row index 0 … ${n - 1}, got ${String(i)}`);
  }
  for (let r = 0; r < indices.length; r++) out.set(X.data.subarray(indices[r]! * width, indices[r]! * width + width), r * width);
  return { shape: [indices.length, ...X.shape.slice(1)], data: out };
}
