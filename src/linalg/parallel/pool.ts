/**
 * The pool, main-thread side: a persistent set of worker threads that share
 * big matrix products with the main thread, synchronously.
 *
 *   start(workers)   spawn workers − 1 threads (the main thread is the other
 *                    one), wait until they sleep on the job counter, and
 *                    install `parallelGemm` as matmul's hook
 *   parallelGemm     C ← α·op(A)·op(B) + β·C cut into chunks of whole
 *                    register tiles, which main and the workers take in
 *                    turn; main then waits on Atomics for the last one
 *   stop()           remove the hook and let the workers exit
 *
 * Every chunk runs `gemmBlocked`, whose summation order does not depend on
 * the chunk, so the result is the same bits for any number of workers and
 * whichever thread takes which chunk, and the same as `gemm` on one thread.
 *
 * The workers are unref()'d: a worker asleep on the job counter never keeps
 * the process alive, so a script that started the pool and never stopped it
 * still exits when its own work is done.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ValueError } from '../errors.js';
import { setParallelGemm } from '../kernels/dispatch.js';
import { gemm, gemmBlocked, usesSmallPath } from '../kernels/gemm.js';
import {
  ALPHA, AXIS, A_OFFSET, BETA, B_OFFSET, CHUNKS, CMD, CONTROL_LENGTH, C_OFFSET, EPOCH, EXIT, FAILED, GEMM,
  K, M, N, NEXT, PARTS, PENDING, READY, ROWS, SCALAR_LENGTH, SEQ, TRANS_A, TRANS_B,
  chooseAxis, chunkCount, partRange, tileOf,
} from './protocol.js';
import type { DataMessage, WorkerSetup } from './protocol.js';

interface Pool {
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

/** How long start() waits for the workers to boot before it gives up. */
const START_TIMEOUT_MS = 20_000;

let pool: Pool | null = null;

/**
 * Start the pool: `workers` threads share each big product, the main thread
 * and workers − 1 worker threads (default: one per core, so 2 on a 2-core
 * machine spawns one worker). Blocks until the workers are ready. Starting
 * again with the same size does nothing; with another size it restarts.
 * start(1) spawns no thread: products run on the main thread, as without a pool.
 */
export function start(workers: number = availableParallelism()): void {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new ValueError(`parallel.start: workers must be an integer ≥ 1, got ${workers}`);
  }
  // The worker script sits beside this module (dist/src/linalg/parallel/worker.js
  // after tsc). Without it (say, the sources run untranspiled) a worker could
  // never start, and start() would wait for it until its timeout: fail now.
  const script = new URL('./worker.js', import.meta.url);
  if (workers > 1 && !existsSync(script)) {
    throw new Error(`parallel.start: no worker script at ${fileURLToPath(script)}`);
  }
  if (pool !== null) {
    if (pool.threads === workers) return;
    void stop();
  }
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_LENGTH * Int32Array.BYTES_PER_ELEMENT));
  const scalars = new Float64Array(new SharedArrayBuffer(SCALAR_LENGTH * Float64Array.BYTES_PER_ELEMENT));
  const next: Pool = { threads: workers, workers: [], exits: [], control, scalars, data: new Float64Array(0), epoch: 0 };
  for (let part = 1; part < workers; part++) {
    const setup: WorkerSetup = {
      control: control.buffer as SharedArrayBuffer, scalars: scalars.buffer as SharedArrayBuffer, part,
    };
    const worker = new Worker(script, { workerData: setup });
    worker.unref();
    // A worker that dies while the pool runs (it should not) takes the pool
    // down with it, and matmul falls back to one thread.
    worker.on('error', () => abandon(next));
    next.exits.push(new Promise((resolve) => worker.once('exit', () => { abandon(next); resolve(); })));
    next.workers.push(worker);
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = Atomics.load(control, READY);
    if (ready === workers - 1) break;
    const left = deadline - Date.now();
    if (left <= 0) {
      for (const worker of next.workers) void worker.terminate();
      throw new Error(`parallel.start: only ${ready} of ${workers - 1} workers started within ${START_TIMEOUT_MS} ms`);
    }
    Atomics.wait(control, READY, ready, left);
  }
  pool = next;
  setParallelGemm(parallelGemm);
}

/**
 * Stop the pool: matmul runs on one thread from now on, and the workers
 * exit. The promise resolves when they have; awaiting it is optional.
 */
export function stop(): Promise<void> {
  const p = pool;
  if (p === null) return Promise.resolve();
  pool = null;
  setParallelGemm(null);
  Atomics.store(p.control, CMD, EXIT);
  Atomics.add(p.control, SEQ, 1);
  Atomics.notify(p.control, SEQ);
  for (const worker of p.workers) worker.ref(); // keep the process up until they are gone
  return Promise.all(p.exits).then(() => undefined);
}

/** The number of threads that share a big product: 1 while the pool is stopped. */
export function size(): number {
  return pool === null ? 1 : pool.threads;
}

function abandon(p: Pool): void {
  if (pool !== p) return;
  pool = null;
  setParallelGemm(null);
  for (const worker of p.workers) void worker.terminate();
}

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

/**
 * gemm's contract (C ← α·op(A)·op(B) + β·C), computed by the pool; on one
 * thread when the pool is stopped or the product too small to cut.
 * `threads` (default: all of the pool's) caps how many threads share this
 * product, so that a benchmark can compare 1 … size() on one running pool.
 */
export function parallelGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
  threads: number = size(),
): void {
  const p = pool;
  const axis = chooseAxis(m, n);
  const length = axis === ROWS ? m : n, tile = tileOf(axis);
  const parts = p === null ? 1 : Math.min(p.threads, threads, Math.ceil(length / tile));
  if (p === null || parts < 2 || k === 0 || usesSmallPath(m, n, k)) {
    gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
    return;
  }
  // 1. Shared copies: A at 0, B after it, C after B.
  const aAt = 0, bAt = m * k, cAt = m * k + k * n;
  reserve(p, cAt + m * n);
  const data = p.data, control = p.control;
  data.set(A.subarray(0, m * k), aAt);
  data.set(B.subarray(0, k * n), bAt);
  if (beta !== 0) data.set(C.subarray(0, m * n), cAt); // any chunk may go to a worker
  // 2. Announce the job. Atomics operations are sequentially consistent, so
  // a worker that sees the new SEQ also sees every plain write above.
  const chunks = chunkCount(length, tile, parts);
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
  control[CHUNKS] = chunks;
  control[NEXT] = 0;
  control[EPOCH] = p.epoch;
  control[FAILED] = 0;
  control[CMD] = GEMM;
  p.scalars[ALPHA] = alpha;
  p.scalars[BETA] = beta;
  Atomics.store(control, PENDING, p.workers.length); // every worker answers, even one left without a chunk
  Atomics.add(control, SEQ, 1);
  Atomics.notify(control, SEQ);
  // 3. Chunks on this thread too, straight from and into the caller's arrays.
  const mine = new Uint8Array(chunks);
  try {
    for (let chunk = Atomics.add(control, NEXT, 1); chunk < chunks; chunk = Atomics.add(control, NEXT, 1)) {
      mine[chunk] = 1;
      const [start, end] = partRange(chunk, chunks, length, tile);
      if (axis === ROWS) gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, start, end, 0, n);
      else gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, 0, m, start, end);
    }
  } finally {
    // 4. Join: sleep until the last worker has decremented PENDING to 0.
    for (;;) {
      const left = Atomics.load(control, PENDING);
      if (left === 0) break;
      Atomics.wait(control, PENDING, left);
    }
  }
  if (Atomics.load(control, FAILED) > 0) throw new Error('parallel gemm: a worker failed to compute its part of C');
  // 5. The workers' chunks back into the caller's C.
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (mine[chunk] === 1) continue;
    const [start, end] = partRange(chunk, chunks, length, tile);
    copyRange(data, cAt, C, 0, m, n, axis, start, end);
  }
}
