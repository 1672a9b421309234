/**
 * One product on a running pool, main-thread side (pool.ts owns the pool
 * and decides when a product is worth sharing; the protocol is in
 * protocol.ts):
 *
 *   1. copy into the shared data buffer what chunks 1, 2, … read: chunk 0
 *      is this thread's, so the lines of op(A) or op(B) (and of C, when
 *      β ≠ 0) that only it needs stay where they are; an A or B that
 *      already views a SharedArrayBuffer is not copied at all: the workers
 *      read it in place (its buffer is sent to each worker once, the first
 *      time a product reads it: `operandBuffer`);
 *   2. announce job g: chunk 0 TAKEN_g, the others OPEN_g; wake the workers;
 *   3. compute chunk 0, then take every chunk still OPEN, straight from and
 *      into the caller's arrays, each after saving its part of C (step 6);
 *   4. wait until every chunk a worker took is DONE_g, in bounded time:
 *      main sleeps on BELL (rung by each settled chunk and by each worker
 *      that exits) until the deadline
 *          t_done + max(MIN_WAIT_MS, WAIT_FACTOR · t₀),
 *      t_done being when main had nothing left to compute and t₀ the time
 *      it took for chunk 0, a chunk as large as any worker's (±1 tile);
 *      when the deadline passes or a worker has exited meanwhile (GONE
 *      changed), main computes the chunks still missing itself, into the
 *      caller's C, and the product completes with the same bits;
 *   5. copy the chunks the workers did back into the caller's C.
 *   6. A chunk settled FAILED_g (its worker's computation threw) fails the
 *      product with a PoolError; C is then put back as it was from the
 *      private copy of every part main had written (step 3), so that a
 *      failed product leaves C unchanged. That copy (a copy of main's
 *      share of C, about m·n/threads values) is the price of this promise:
 *      0.5–1.3 ms at n = 1024 on 2 threads, against about 150 ms for the
 *      product on an idle machine.
 *
 * The bound: a worker that dies or hangs in the middle of its chunk delays
 * the product by at most max(MIN_WAIT_MS, WAIT_FACTOR · t₀) plus the time
 * main needs to compute the missing chunks; a worker whose thread ended
 * (its 'exit' handler rang BELL) delays it by no more than that compute.
 * The trade-off: a worker that is alive but more than (1 + WAIT_FACTOR)×
 * slower than main on this product (a vCPU starved by other load) has its
 * chunk computed twice; the result is the same bits, only later.
 *
 * Such a lagging worker may still write into the shared buffer after main
 * has returned. So a product that ends with a chunk still TAKEN by a worker
 * marks the buffer tainted, and the next product gets a fresh buffer; the
 * lagging worker finishes into the old one (which nobody reads any more),
 * cannot settle its chunk (its state now carries a later generation), and
 * joins later jobs as usual. No shared buffer that a worker might still
 * write is ever used again.
 *
 * Internal: callers have checked the arguments, that C does not overlap A
 * or B, and that the product is big enough to cut (parts ≥ 2, k > 0).
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { receiveMessageOnPort } from 'node:worker_threads';
import { MLError, PoolError } from '../../errors/index.js';
import { gemm } from '../kernels/gemm.js';
import {
  ALPHA, AXIS, A_BUFFER, A_OFFSET, BETA, BELL, B_BUFFER, B_OFFSET, CHUNKS, CMD, COLUMNS, C_OFFSET, DONE, EPOCH, FAILED,
  GEMM, GONE, K, M, N, OPEN, OPERANDS, PARTS, ROWS, SEQ, STATES, TAKEN, TRANS_A, TRANS_B,
  chunkCount, chunkState, claimChunk, computeChunk, partRange, tileOf,
} from './protocol.js';
import type { DataMessage, Job, OperandMessage } from './protocol.js';

/** A worker thread of the pool and the port on which it posts its errors. */
export interface PoolWorker {
  worker: Worker;
  errors: MessagePort;
  /** Resolves when the thread has exited. */
  exited: Promise<void>;
}

export interface Pool {
  /** Threads that share a product, the main thread included. */
  threads: number;
  /** workers[part − 1]: the worker of part `part` (the latest one, when it was replaced). */
  workers: PoolWorker[];
  control: Int32Array;
  scalars: Float64Array;
  /** Shared copies of A, B and C (grown on demand, kept until stop()). */
  data: Float64Array;
  /** The generation of `data` (workers receive each new buffer by message). */
  epoch: number;
  /** A worker may still write into `data` (it was given up on): the next product takes a fresh buffer. */
  tainted: boolean;
  /** Private copy of the parts of C that main writes, to restore C when a product fails. */
  saved: Float64Array;
  /** Chunks computed by workers; chunks of workers that exited, or were late, that main computed instead; doubles copied to and from the data buffer. */
  counts: { workerChunks: number; afterExit: number; afterDeadline: number; copied: number; sharedProducts: number; singleProducts: number };
  /** The callers' SharedArrayBuffers sent to the workers, by number (1, 2, …; at most MAX_OPERAND_BUFFERS). */
  operands: Map<SharedArrayBuffer, number>;
}

/**
 * Caller buffers the workers keep at most (they hold them until stop());
 * an operand in a further SharedArrayBuffer is copied like any other.
 */
export const MAX_OPERAND_BUFFERS = 64;

/**
 * The number under which the workers know x's buffer (sending it to them
 * the first time), or 0 when x is to be copied: it does not view a
 * SharedArrayBuffer, or MAX_OPERAND_BUFFERS are already held.
 */
function operandBuffer(p: Pool, x: Float64Array): number {
  const buffer = x.buffer;
  if (!(buffer instanceof SharedArrayBuffer) || x.byteOffset / Float64Array.BYTES_PER_ELEMENT + x.length > MAX_SHARED) return 0;
  const known = p.operands.get(buffer);
  if (known !== undefined) return known;
  if (p.operands.size >= MAX_OPERAND_BUFFERS) return 0;
  const operand = p.operands.size + 1;
  p.operands.set(buffer, operand);
  const message: OperandMessage = { operand, buffer };
  for (const { worker } of p.workers) worker.postMessage(message);
  p.control[OPERANDS] = operand; // published to the workers with the job's SEQ
  return operand;
}

/** The shortest wait for a chunk a worker took, after main is done with its own (ms). */
export const MIN_WAIT_MS = 200;

/** How many times main's own time for chunk 0 it waits, beyond its own work, for a worker's chunk. */
export const WAIT_FACTOR = 3;

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

/** The largest data buffer the control block can address (its offsets are int32): 2³¹ − 1 doubles. */
const MAX_SHARED = 0x7fffffff;

/**
 * Make the shared data buffer hold at least `length` doubles (a fresh one
 * when it is tainted) and the private copy at least `cLength`; workers get
 * a new buffer by message. False when the memory cannot be had: the
 * product then runs on one thread.
 */
function reserve(p: Pool, length: number, cLength: number): boolean {
  if (length > MAX_SHARED) return false;
  try {
    if (p.saved.length < cLength) p.saved = new Float64Array(cLength);
    if (p.data.length >= length && !p.tainted) return true;
    const grown = Math.min(MAX_SHARED, Math.max(length, Math.ceil(p.data.length * 1.5)));
    const data = new SharedArrayBuffer(grown * Float64Array.BYTES_PER_ELEMENT);
    p.epoch++;
    const message: DataMessage = { epoch: p.epoch, data };
    for (const { worker } of p.workers) worker.postMessage(message);
    p.data = new Float64Array(data);
    p.tainted = false;
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false; // out of memory for the copies
    throw error;
  }
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

/** The texts the workers posted on their error ports since the last read. */
function workerErrors(p: Pool): string[] {
  const texts: string[] = [];
  for (const { errors } of p.workers) {
    for (let received = receiveMessageOnPort(errors); received !== undefined; received = receiveMessageOnPort(errors)) {
      texts.push(String(received.message));
    }
  }
  return texts;
}

/**
 * C ← α·op(A)·op(B) + β·C on pool `p`, shared by `parts` threads along
 * `axis` (gemm's contract and bits); `where` is the public function the
 * caller called, for the message of a PoolError.
 */
export function poolGemm(
  p: Pool, parts: number, axis: number, where: string,
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  // 1. Shared copies: A at 0, B after it, C after B, each GAP doubles apart,
  // of what chunks 1 … chunks−1 read. The other chunks start at line `from`
  // of the cut axis: rows of op(A) and C for a cut along rows, columns of
  // op(B) and C for a cut along columns; the operand that is not cut is read whole.
  const length = axis === ROWS ? m : n, tile = tileOf(axis);
  const chunks = chunkCount(length, tile, parts);
  const job: Job = { transA, transB, m, n, k, alpha, beta, axis, chunks };
  const from = partRange(1, chunks, length, tile)[0];
  const aAt = 0, bAt = aAt + m * k + GAP, cAt = bAt + k * n + GAP;
  if (!reserve(p, cAt + m * n, m * n)) {
    gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
    return;
  }
  const data = p.data, control = p.control, saved = p.saved;
  const aBuffer = operandBuffer(p, A), bBuffer = operandBuffer(p, B);
  const rest = length - from; // lines of the cut axis that chunks 1 … read
  if (aBuffer === 0) {
    // op(A)'s rows from..m−1 (rows of A, m×k, or columns of A stored k×m), or all of A.
    if (axis === COLUMNS) data.set(A.subarray(0, m * k), aAt);
    else if (transA) copyRange(A, 0, data, aAt, k, m, COLUMNS, from, m);
    else copyRange(A, 0, data, aAt, m, k, ROWS, from, m);
    p.counts.copied += axis === COLUMNS ? m * k : rest * k;
  }
  if (bBuffer === 0) {
    // op(B)'s columns from..n−1 (columns of B, k×n, or rows of B stored n×k), or all of B.
    if (axis === ROWS) data.set(B.subarray(0, k * n), bAt);
    else if (transB) copyRange(B, 0, data, bAt, n, k, ROWS, from, n);
    else copyRange(B, 0, data, bAt, k, n, COLUMNS, from, n);
    p.counts.copied += axis === ROWS ? k * n : rest * k;
  }
  if (beta !== 0) {
    copyRange(C, 0, data, cAt, m, n, axis, from, length);
    p.counts.copied += rest * (axis === ROWS ? n : m);
  }

  // 2. Announce job `gen`. Atomics operations are sequentially consistent,
  // so a worker that sees the new SEQ also sees every plain write above.
  const gen = (Atomics.load(control, SEQ) + 1) | 0;
  control[TRANS_A] = transA ? 1 : 0;
  control[TRANS_B] = transB ? 1 : 0;
  control[M] = m;
  control[N] = n;
  control[K] = k;
  control[A_OFFSET] = aBuffer === 0 ? aAt : A.byteOffset / Float64Array.BYTES_PER_ELEMENT;
  control[B_OFFSET] = bBuffer === 0 ? bAt : B.byteOffset / Float64Array.BYTES_PER_ELEMENT;
  control[A_BUFFER] = aBuffer;
  control[B_BUFFER] = bBuffer;
  control[C_OFFSET] = cAt;
  control[PARTS] = parts;
  control[AXIS] = axis;
  control[CHUNKS] = chunks;
  control[EPOCH] = p.epoch;
  control[CMD] = GEMM;
  p.scalars[ALPHA] = alpha;
  p.scalars[BETA] = beta;
  Atomics.store(control, STATES, chunkState(gen, TAKEN));
  for (let chunk = 1; chunk < chunks; chunk++) Atomics.store(control, STATES + chunk, chunkState(gen, OPEN));
  const gone = Atomics.load(control, GONE);
  Atomics.store(control, SEQ, gen);
  Atomics.notify(control, SEQ);

  // ownClaim[c]: main took chunk c; written[c]: main wrote chunk c into C (after saving it).
  const ownClaim = new Uint8Array(chunks), written = new Uint8Array(chunks);
  ownClaim[0] = 1;
  const compute = (chunk: number): void => {
    const [start, end] = partRange(chunk, chunks, length, tile);
    copyRange(C, 0, saved, 0, m, n, axis, start, end);
    written[chunk] = 1;
    computeChunk(job, chunk, A, B, C);
  };
  const done = chunkState(gen, DONE), failed = chunkState(gen, FAILED), taken = chunkState(gen, TAKEN);
  try {
    // 3. Chunk 0, then every chunk still open.
    const began = performance.now();
    compute(0);
    const ownTime = performance.now() - began;
    for (let chunk = 1; chunk < chunks; chunk++) {
      if (claimChunk(control, gen, chunk)) {
        ownClaim[chunk] = 1;
        compute(chunk);
      }
    }
    // 4. Wait for the workers' chunks, until the deadline.
    const deadline = performance.now() + Math.max(MIN_WAIT_MS, WAIT_FACTOR * ownTime);
    for (;;) {
      const bell = Atomics.load(control, BELL); // before the scan, so that no ring is missed
      let missing = false;
      for (let chunk = 1; chunk < chunks; chunk++) {
        if (ownClaim[chunk] === 1) continue;
        const state = Atomics.load(control, STATES + chunk);
        if (state === failed) {
          const texts = workerErrors(p);
          throw new PoolError(
            `${where}: a worker of linalg/parallel failed while computing its part of the product` +
            `${texts.length > 0 ? ` (${texts.join('; ')})` : ''}; the output is left as it was`,
          );
        }
        if (state !== done) missing = true;
      }
      if (!missing) break;
      const left = deadline - performance.now();
      const exited = Atomics.load(control, GONE) !== gone;
      if (exited || left <= 0) {
        // A worker is gone or too slow: compute what is missing here.
        for (let chunk = 1; chunk < chunks; chunk++) {
          if (ownClaim[chunk] === 1 || Atomics.load(control, STATES + chunk) === done) continue;
          compute(chunk);
          if (exited) p.counts.afterExit++;
          else p.counts.afterDeadline++;
        }
        break;
      }
      Atomics.wait(control, BELL, bell, left);
    }
  } catch (error) {
    // 6. Put back every part of C that main wrote, and close the job.
    for (let chunk = 0; chunk < chunks; chunk++) {
      if (written[chunk] === 0) continue;
      const [start, end] = partRange(chunk, chunks, length, tile);
      copyRange(saved, 0, C, 0, m, n, axis, start, end);
    }
    for (let chunk = 1; chunk < chunks; chunk++) if (claimChunk(control, gen, chunk)) ownClaim[chunk] = 1;
    p.tainted = stillTaken(control, chunks, ownClaim, taken);
    if (error instanceof MLError) throw error;
    throw new PoolError(`${where}: the linalg/parallel pool could not compute the product (${String(error)}); the output is left as it was`);
  }
  p.tainted = stillTaken(control, chunks, ownClaim, taken);
  // 5. The workers' chunks back into the caller's C.
  for (let chunk = 1; chunk < chunks; chunk++) {
    if (written[chunk] === 1) continue;
    const [start, end] = partRange(chunk, chunks, length, tile);
    copyRange(data, cAt, C, 0, m, n, axis, start, end);
    p.counts.workerChunks++;
    p.counts.copied += (end - start) * (axis === ROWS ? n : m);
  }
}

/** Is a chunk that a worker took still TAKEN (so that the worker may still write into the shared buffer)? */
function stillTaken(control: Int32Array, chunks: number, ownClaim: Uint8Array, taken: number): boolean {
  for (let chunk = 1; chunk < chunks; chunk++) {
    if (ownClaim[chunk] === 0 && Atomics.load(control, STATES + chunk) === taken) return true;
  }
  return false;
}
