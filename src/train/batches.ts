/**
 * Mini-batch iteration with per-epoch shuffling (EQ-DATA-08, EQ-OPTIMIZERS-05,
 * 07; 002: "at every step, pick a different minibatch"; "epoch: one full
 * pass over the dataset"). Because π is uniform, a batch's mean gradient
 * is an unbiased estimate of the full-data gradient, with a variance that
 * falls as B grows (EQ-OPTIMIZERS-06). For n samples and batch size B, each epoch
 *
 *   1. draws an order π of 0 … n−1 (a uniform permutation from the Rng; the
 *      identity without shuffling),
 *   2. cuts it into the half-open slices π[0:B), π[B:2B), …: batch j holds
 *      the samples π[jB … jB + B − 1], all of size B except possibly the last
 *      one, of size n mod B, which `dropLast` leaves out.
 *
 * So an epoch has ⌈n/B⌉ iterations (⌊n/B⌋ with dropLast; n/B when B
 * divides n), and every sample is used exactly once per epoch (once at
 * most with dropLast). A permutation equal to the previous epoch's is drawn
 * again, so that consecutive epochs always differ for n ≥ 2; each epoch's
 * permutation is still uniform (the chain's steps are symmetric, and the
 * uniform distribution is its stationary one). The same Rng state gives the
 * same epochs, bit for bit.
 */
import { ValueError, assertBoolean, assertInteger, assertOptions } from '../errors/index.js';
import { Rng } from '../random/index.js';

export interface MiniBatchOptions {
  /** B, samples per batch, 1 ≤ B ≤ n (required). */
  batchSize: number;
  /** Draw a new order every epoch (default true); false keeps 0 … n−1. */
  shuffle?: boolean;
  /** Leave out the last, smaller batch (default false). */
  dropLast?: boolean;
  /** The generator of the orders (required when shuffling). */
  rng?: Rng;
}

export class MiniBatchSampler {
  /** n, the number of samples. */
  readonly n: number;
  /** B, the batch size. */
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  /** Iterations per epoch: ⌈n/B⌉, or ⌊n/B⌋ with dropLast. */
  readonly iterationsPerEpoch: number;
  readonly #rng: Rng | null;
  #previous: Int32Array | null = null;

  /** Batches of `batchSize` out of n samples; see the file comment. */
  constructor(n: number, options: MiniBatchOptions) {
    const where = 'MiniBatchSampler';
    assertInteger(n, 'n', where, { min: 1 });
    const o = assertOptions(options, ['batchSize', 'shuffle', 'dropLast', 'rng'], where);
    const batchSize = assertInteger(o.batchSize, 'batchSize', where, { min: 1 });
    if (batchSize > n) throw new ValueError(`${where}: batchSize ${batchSize} is larger than the ${n} samples`);
    const shuffle = assertBoolean(o.shuffle ?? true, 'shuffle', where);
    const dropLast = assertBoolean(o.dropLast ?? false, 'dropLast', where);
    if (shuffle && !(o.rng instanceof Rng)) throw new ValueError(`${where}: shuffling needs an rng (an instance of Rng)`);
    this.n = n;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.iterationsPerEpoch = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
    this.#rng = shuffle ? o.rng! : null;
  }

  /** The order π of the next epoch: a fresh permutation (different from the last one for n ≥ 2), or 0 … n−1. */
  nextOrder(): Int32Array {
    const n = this.n;
    if (this.#rng === null) return Int32Array.from({ length: n }, (_, i) => i);
    let order = this.#rng.permutation(n);
    const previous = this.#previous;
    if (previous !== null && n >= 2) {
      while (sameOrder(order, previous)) order = this.#rng.permutation(n);
    }
    this.#previous = order;
    return order;
  }

  /** The batches of the next epoch: views π[jB : jB + B) into its order, in order. */
  epoch(): Int32Array[] {
    const order = this.nextOrder();
    const B = this.batchSize, batches: Int32Array[] = [];
    for (let j = 0; j < this.iterationsPerEpoch; j++) batches.push(order.subarray(j * B, Math.min((j + 1) * B, this.n)));
    return batches;
  }
}

/** Internal: do two orders of one length agree everywhere? */
function sameOrder(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
