/**
 * Helpers of the autodiff specs: random shapes (with broadcasting partners),
 * tensors drawn inside an op's domain and away from its kinks, and plain
 * reference loops that do not use the library.
 */
import { Rng } from '../../src/random/index.js';
import type { Tensor } from '../../src/linalg/index.js';

/** A shape of rank in [minRank, maxRank] with dimensions in [1, maxDim]. */
export function randomShape(rng: Rng, maxRank = 3, maxDim = 4, minRank = 0): number[] {
  const rank = rng.int(minRank, maxRank + 1);
  return Array.from({ length: rank }, () => rng.int(1, maxDim + 1));
}

/** A shape that broadcasts to `shape`: some leading axes dropped, some dimensions set to 1. */
export function broadcastPartner(shape: readonly number[], rng: Rng): number[] {
  const drop = rng.int(0, shape.length + 1);
  return shape.slice(drop).map((d) => (rng.next() < 0.35 ? 1 : d));
}

/** A tensor of the given shape with entries from `draw`. */
export function fill(shape: readonly number[], rng: Rng, draw: (rng: Rng) => number): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  return { shape: [...shape], data: Float64Array.from({ length: n }, () => draw(rng)) };
}

export const normal = (std = 1) => (rng: Rng): number => rng.normal(0, std);
export const uniform = (low: number, high: number) => (rng: Rng): number => rng.uniform(low, high);

/** |x| ∈ [low, high] with a random sign: away from 0 (kinks of relu, abs; poles of 1/x). */
export const awayFromZero = (low: number, high: number) => (rng: Rng): number =>
  rng.uniform(low, high) * (rng.next() < 0.5 ? -1 : 1);

/** Distinct entries (a shuffled grid plus small noise), so a maximum is never tied. */
export function distinct(shape: readonly number[], rng: Rng): Tensor {
  const t = fill(shape, rng, () => 0);
  const order = rng.permutation(t.data.length);
  order.forEach((rank, i) => { t.data[i] = (rank - t.data.length / 2) * 0.3 + rng.uniform(0, 0.1); });
  return t;
}

/** The multi-index of flat index i in a row-major shape. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    const d = shape[k]!;
    index[k] = i % d;
    i = Math.floor(i / d);
  }
  return index;
}

/** The flat index of a multi-index in a row-major shape. */
export function ravel(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  shape.forEach((d, k) => { flat = flat * d + index[k]!; });
  return flat;
}

/** The flat index of a multi-index; axes of length 1 in `shape` read index 0 (broadcasting). */
export function ravelBroadcast(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  const offset = index.length - shape.length;
  shape.forEach((d, k) => { flat = flat * d + (d === 1 ? 0 : index[offset + k]!); });
  return flat;
}

/** z = f(a, b) with broadcasting, by multi-indices (the spec's own route). */
export function referenceZip(a: Tensor, b: Tensor, out: readonly number[], f: (x: number, y: number) => number): Tensor {
  let n = 1;
  for (const d of out) n *= d;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const index = unravel(i, out);
    const ai = a.data[ravelBroadcast(index, a.shape)]!, bi = b.data[ravelBroadcast(index, b.shape)]!;
    data[i] = f(ai, bi);
  }
  return { shape: [...out], data };
}

/** Σ of entries; ⟨a, b⟩; the Euclidean norm. */
export function total(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

export function inner(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!, bi = b[i]!;
    s += ai * bi;
  }
  return s;
}

export function euclid(a: ArrayLike<number>): number {
  return Math.sqrt(inner(a, a));
}

/** σ(x) written out again for the specs (stable). */
export function sig(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** The single entry of a one-entry tensor (a scalar loss, the gradient of a scalar leaf). */
export function only(t: Tensor): number {
  const [x] = t.data;
  if (t.data.length !== 1 || x === undefined) throw new Error(`expected one entry, got shape [${t.shape.join(', ')}]`);
  return x;
}
