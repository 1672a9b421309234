/**
 * One product on a running pool, main-thread side (pool.ts owns the pool
 * and decides when a product is worth sharing):
 *
 *   1. copy into the shared data buffer what chunks 1, 2, … read: chunk 0
 *      is this thread's, so the lines of op(A) or op(B) (and of C, when
 *      β ≠ 0) that only it needs stay where they are;
 *   2. announce the job in the control block and wake the workers;
 *   3. compute chunk 0, then take further chunks while any are left, all
 *      straight from and into the caller's arrays;
 *   4. join: sleep until PENDING is 0;
 *   5. copy the workers' chunks back into the caller's C.
 * The protocol itself (layout, chunk rule, the chunk loop) is in protocol.ts.
 *
 * Internal: callers have checked the sizes, that C does not overlap A or B,
 * and that the product is big enough to cut (parts ≥ 2, k > 0).
 */
import type { Worker } from 'node:worker_threads';
import {
  ALPHA, AXIS, A_OFFSET, BETA, B_OFFSET, CHUNKS, CMD, C_OFFSET, EPOCH, FAILED, GEMM,
  COLUMNS, K, M, N, NEXT, PARTS, PENDING, ROWS, SEQ, TRANS_A, TRANS_B,
  chunkCount, computeChunk, partRange, takeChunks, tileOf,
} from './protocol.js';
import type { DataMessage, Job } from './protocol.js';

export interface Pool {
  /** Threads that share a product, the main thread included. */
  threads: number;
  workers: Worker[];
  /** Resolves when the worker's thread has exited. */
  exits: Promise<void>[];
  control: Int32Array;
  scalars: Float64Array;
  /** Shared copies of A, B and C (grown on demand, kept until stop()). */
  data: Float64Array;
  epoch: number;
}

/**
 * Doubles left unused between the shared copies of A, B and C (1088 bytes:
 * 17 cache lines). Packed back to back, n×n operands with n a power of two
 * start a multiple of n²·8 bytes apart (8 MiB at n = 1024, 2 MiB at 512),
 * so element (i, j) of A, of B and of C
 * fall into the same cache sets and evict one another: a worker reading
 * such copies took about 125–150 ms for half of a 1024² product that the
 * main thread, reading the caller's own arrays, did in 95–100 ms. With the
 * gaps both took the same time.
 */
const GAP = 136;

/** Make the shared data buffer hold at least `length` doubles; workers get the new buffer by message. */
function reserve(p: Pool, length: number): void {
  if (p.data.length >= length) return;
  const grown = Math.max(length, Math.ceil(p.data.length * 1.5));
  const data = new SharedArrayBuffer(grown * Float64Array.BYTES_PER_ELEMENT);
  p.epoch++;
  const message: DataMessage = { epoch: p.epoch, data };
  for (const worker of p.workers) worker.postMessage(message);
  p.data = new Float64Array(data);
}

/**
 * Copy rows (axis ROWS) or columns (COLUMNS) start … end−1 of an m×n
 * matrix from `from` (at offset `fromAt`) to `to` (at `toAt`).
 */
function copyRange(
  from: Float64Array, fromAt: number, to: Float64Array, toAt: number,
  m: number, n: number, axis: number, start: number, end: number,
): void {
  if (axis === ROWS) {
    to.set(from.subarray(fromAt + start * n, fromAt + end * n), toAt + start * n);
    return;
  }
  for (let i = 0; i < m; i++) to.set(from.subarray(fromAt + i * n + start, fromAt + i * n + end), toAt + i * n + start);
}

/** C ← α·op(A)·op(B) + β·C on pool `p`, shared by `parts` threads along `axis` (gemm's contract and bits). */
export function poolGemm(
  p: Pool, parts: number, axis: number,
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  // 1. Shared copies: A at 0, B after it, C after B, each GAP doubles apart,
  // of what chunks 1 … chunks−1 read. The other chunks start at line `from`
  // of the cut axis: rows of op(A) and C for a cut along rows, columns of
  // op(B) and C for a cut along columns; the operand that is not cut is read whole.
  const length = axis === ROWS ? m : n, tile = tileOf(axis);
  const job: Job = { transA, transB, m, n, k, alpha, beta, axis, chunks: chunkCount(length, tile, parts) };
  const from = partRange(1, job.chunks, length, tile)[0];
  const aAt = 0, bAt = aAt + m * k + GAP, cAt = bAt + k * n + GAP;
  reserve(p, cAt + m * n);
  const data = p.data, control = p.control;
  if (axis === ROWS) {
    // op(A)'s rows from..m−1: rows of A (m×k), or columns of A stored k×m.
    if (transA) copyRange(A, 0, data, aAt, k, m, COLUMNS, from, m);
    else copyRange(A, 0, data, aAt, m, k, ROWS, from, m);
    data.set(B.subarray(0, k * n), bAt);
  } else {
    data.set(A.subarray(0, m * k), aAt);
    // op(B)'s columns from..n−1: columns of B (k×n), or rows of B stored n×k.
    if (transB) copyRange(B, 0, data, bAt, n, k, ROWS, from, n);
    else copyRange(B, 0, data, bAt, k, n, COLUMNS, from, n);
  }
  if (beta !== 0) copyRange(C, 0, data, cAt, m, n, axis, from, length);
  // 2. Announce the job. Atomics operations are sequentially consistent, so
  // a worker that sees the new SEQ also sees every plain write above.
  control[TRANS_A] = transA ? 1 : 0;
  control[TRANS_B] = transB ? 1 : 0;
  control[M] = m;
  control[N] = n;
  control[K] = k;
  control[A_OFFSET] = aAt;
  control[B_OFFSET] = bAt;
  control[C_OFFSET] = cAt;
  control[PARTS] = parts;
  control[AXIS] = axis;
  control[CHUNKS] = job.chunks;
  control[NEXT] = 1; // chunk 0 is this thread's
  control[EPOCH] = p.epoch;
  control[FAILED] = 0;
  control[CMD] = GEMM;
  p.scalars[ALPHA] = alpha;
  p.scalars[BETA] = beta;
  Atomics.store(control, PENDING, p.workers.length); // every worker answers, even one left without a chunk
  Atomics.add(control, SEQ, 1);
  Atomics.notify(control, SEQ);
  // 3. Chunk 0, then any chunk still left, straight from and into the caller's arrays.
  const mine = new Uint8Array(job.chunks);
  mine[0] = 1;
  try {
    computeChunk(job, 0, A, B, C);
    takeChunks(control, job, A, B, C, mine);
  } finally {
    // 4. Join: sleep until the last worker has decremented PENDING to 0
    // (no timeout: see pool.ts on a worker that dies mid-product).
    for (;;) {
      const left = Atomics.load(control, PENDING);
      if (left === 0) break;
      Atomics.wait(control, PENDING, left);
    }
  }
  if (Atomics.load(control, FAILED) > 0) throw new Error('parallel gemm: a worker failed to compute its part of C');
  // 5. The workers' chunks back into the caller's C.
  for (let chunk = 0; chunk < job.chunks; chunk++) {
    if (mine[chunk] === 1) continue;
    const [start, end] = partRange(chunk, job.chunks, length, tile);
    copyRange(data, cAt, C, 0, m, n, axis, start, end);
  }
}
