/**
 * Data augmentation for DNA (EQ-REGULARIZERS-10; 001 "augment effective
 * training data size by simulating more diversity from existing data.
 * Attention: augmentation must be realistic!"). Two label-preserving
 * transforms of one-hot sequences X: N×4×L (channels A, C, G, T on axis 1,
 * positions on axis 2, as a Conv1d reads them; an unknown base N is a
 * column of zeros, X[n, c, l] at n·4L + c·L + l):
 *
 *   reverse complement   RC(X)[n, c, l] = X[n, 3 − c, L − 1 − l]
 *                        the other strand read 5'→3': A↔T and C↔G swap
 *                        (channel c ↔ 3 − c) and the order reverses. A
 *                        double-stranded site carries its label on both
 *                        strands, so a motif detector should see both.
 *                        RC(RC(X)) = X.
 *   random crop          a window of ℓ consecutive positions, its start
 *                        drawn uniformly from 0 … L − ℓ per sequence: the
 *                        label must not depend on where the sequence was
 *                        cut (ℓ > L is a ValueError).
 *
 * The slides name no DNA-specific augmentation; these two are the usual
 * realistic ones (a random mutation, for instance, may destroy the very
 * site that gives the label). Random draws come from the `rng` argument.
 */
import { ShapeError, ValueError, assertInstance, assertInteger, assertNumber, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/** Internal: [N, L] of a one-hot batch N×4×L, or ShapeError. */
function dnaShape(x: unknown, where: string): [number, number] {
  linalg.assertTensor(x, 'x', where);
  const s = (x as Tensor).shape;
  if (s.length !== 3 || s[1] !== 4) throw new ShapeError(`${where}: expected one-hot DNA N×4×L (channels A, C, G, T), got ${formatShape(s)}`);
  return [s[0]!, s[2]!];
}

/** Internal: write the reverse complement of sequence n of x into out. Valid indices. */
function reverseComplementInto(out: Float64Array, x: Float64Array, n: number, L: number): void {
  const base = n * 4 * L;
  for (let c = 0; c < 4; c++) {
    const from = base + (3 - c) * L, to = base + c * L;
    for (let l = 0; l < L; l++) out[to + l] = x[from + L - 1 - l]!;
  }
}

/** RC(X)[n, c, l] = X[n, 3 − c, L − 1 − l] for one-hot DNA X: N×4×L (a new tensor). */
export function reverseComplement(x: Tensor): Tensor {
  const [N, L] = dnaShape(x, 'reverseComplement');
  const out = new Float64Array(x.data.length);
  for (let n = 0; n < N; n++) reverseComplementInto(out, x.data, n, L);
  return { shape: [N, 4, L], data: out };
}

/** Options of randomReverseComplement. */
export interface RandomReverseComplementOptions {
  /** The probability of taking the other strand, per sequence, in [0, 1] (default 0.5). */
  p?: number;
}

/** Each sequence of X: N×4×L replaced by its reverse complement with probability p (one draw u ~ U[0, 1) per sequence, flipped when u < p). */
export function randomReverseComplement(x: Tensor, rng: Rng, options?: RandomReverseComplementOptions): Tensor {
  const where = 'randomReverseComplement';
  const [N, L] = dnaShape(x, where);
  assertInstance(rng, Rng, 'rng', where);
  const o = assertOptions(options, ['p'], where);
  const p = assertNumber(o.p ?? 0.5, 'p', where, { min: 0, max: 1 });
  const out = Float64Array.from(x.data);
  for (let n = 0; n < N; n++) if (rng.next() < p) reverseComplementInto(out, x.data, n, L);
  return { shape: [N, 4, L], data: out };
}

/** X[n, :, oₙ … oₙ + ℓ − 1] for each sequence n: the windows of length ℓ at the given starts, N×4×ℓ. */
export function crop(x: Tensor, starts: ArrayLike<number>, length: number): Tensor {
  const where = 'crop';
  const [N, L] = dnaShape(x, where);
  const l = assertInteger(length, 'length', where, { min: 1 });
  if (l > L) throw new ValueError(`${where}: a crop of length ${l} does not fit in sequences of length ${L}`);
  if (typeof starts !== 'object' || starts === null || typeof starts.length !== 'number' || starts.length !== N) {
    throw new ShapeError(`${where}: starts must list one start per sequence (${N}), got ${starts === null || typeof starts !== 'object' ? String(starts) : `${String(starts.length)} entries`}`);
  }
  for (let n = 0; n < N; n++) assertInteger(starts[n], `starts[${n}]`, where, { min: 0, max: L - l });
  const out = new Float64Array(N * 4 * l);
  for (let n = 0; n < N; n++) {
    const o = starts[n]!;
    for (let c = 0; c < 4; c++) out.set(x.data.subarray((n * 4 + c) * L + o, (n * 4 + c) * L + o + l), (n * 4 + c) * l);
  }
  return { shape: [N, 4, l], data: out };
}

/** A window of length ℓ per sequence of X: N×4×L, its start drawn uniformly from 0 … L − ℓ (rng.int); ValueError when ℓ > L. */
export function randomCrop(x: Tensor, length: number, rng: Rng): Tensor {
  const where = 'randomCrop';
  const [N, L] = dnaShape(x, where);
  const l = assertInteger(length, 'length', where, { min: 1 });
  if (l > L) throw new ValueError(`${where}: a crop of length ${l} does not fit in sequences of length ${L}`);
  assertInstance(rng, Rng, 'rng', where);
  const starts = new Int32Array(N);
  for (let n = 0; n < N; n++) starts[n] = rng.int(0, L - l + 1);
  return crop(x, starts, l);
}
