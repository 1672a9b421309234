/**
 * The pool, main-thread side: a persistent set of worker threads that share
 * big matrix products with the main thread, synchronously.
 *
 *   start(workers)   spawn workers − 1 threads (the main thread is the other
 *                    one), wait until they sleep on the job counter, and
 *                    install the pool as matmul's hook; at most
 *                    MAX_WORKERS_PER_CORE × availableParallelism() threads
 *   parallelGemm     C ← α·op(A)·op(B) + β·C cut into chunks of whole
 *                    register tiles: main computes the first, the workers
 *                    take the others, main takes whatever is left and waits
 *                    in bounded time for the rest (the steps are in product.ts)
 *   stop()           remove the hook and let the workers exit
 *   matmul's hook    shares a product only where, for its shape, that has
 *                    measured faster than one thread (split.ts), so that
 *                    the pool never slows a product down; parallelGemm
 *                    always shares (a benchmark compares thread counts)
 *
 * Every chunk runs `gemmBlocked`, whose summation order does not depend on
 * the chunk, so the result is the same bits for any number of workers and
 * whichever thread computes which chunk, and the same as `gemm` on one thread.
 *
 * The workers are unref()'d: a worker asleep on the job counter never keeps
 * the process alive, so a script that started the pool and never stopped it
 * still exits when its own work is done.
 *
 * When a worker fails. The main thread waits for the workers inside a
 * synchronous call, in Atomics.wait, so the Worker's 'exit' and 'error'
 * events (delivered on its event loop) cannot reach it there. Instead:
 *  - every chunk carries its state in shared memory, tagged with the job's
 *    generation (protocol.ts), so main knows which chunks are done and
 *    computes any other itself, into the caller's C: the product completes
 *    with the same bits;
 *  - main waits for a worker's chunk for a bounded time only, measured
 *    against its own time for a chunk, and at once when a worker's thread
 *    has ended (worker.ts counts it in shared memory); the bound, and the
 *    fresh shared buffer that keeps a late worker from writing into a
 *    later product, are in product.ts;
 *  - a worker whose chunk throws fails the product with a PoolError that
 *    carries the worker's message, and C is left as it was;
 *  - a worker whose thread has ended is replaced by a new one when the
 *    'exit' event reaches the main thread (after the product returns);
 *    products meanwhile run without it. After MAX_REPLACEMENTS_PER_THREAD ×
 *    threads replacements the pool gives up: it stops itself, emits a
 *    process warning saying so, size() returns 1, and products run on one
 *    thread until start() is called again. A worker that hangs without
 *    ending (never seen outside the specs' faulty workers) is not replaced:
 *    it takes no further chunk, so later products run without it, and
 *    stop() terminates it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import {
  PoolError, ShapeError, ValueError,
  assertBoolean, assertInstance, assertInteger, assertNumber, describeValue,
} from '../../errors/index.js';
import { setParallelGemm } from '../kernels/dispatch.js';
import { gemm, usesSmallPath } from '../kernels/gemm.js';
import { poolGemm } from './product.js';
import { SplitChooser, shapeKey } from './split.js';
import type { Pool, PoolWorker } from './product.js';
import {
  CHUNKS_PER_THREAD, CMD, EXIT, GONE, READY, ROWS, SCALAR_LENGTH, SEQ, chooseAxis, controlLength, tileOf,
} from './protocol.js';
import type { DataMessage, OperandMessage, WorkerSetup } from './protocol.js';

/** How many threads per core start() accepts at most: start(n) needs n ≤ MAX_WORKERS_PER_CORE × availableParallelism(). */
export const MAX_WORKERS_PER_CORE = 4;

/** How many times a pool replaces a worker that exited, per thread, before it gives up. */
export const MAX_REPLACEMENTS_PER_THREAD = 1;

/** How long start() waits for the workers to boot before it gives up. */
const START_TIMEOUT_MS = 20_000;

/** How often start() looks for a boot error while it waits (ms). */
const START_POLL_MS = 50;

/** How long stop() lets a worker finish before it terminates it (one given up on may still be in a chunk). */
const STOP_GRACE_MS = 1_000;

/** The worker's loop that start() runs. */
const WORKER_LOOP = new URL('./worker-loop.js', import.meta.url);

interface RunningPool extends Pool {
  /** The module with the workers' loop. */
  loop: URL;
  /** Workers replaced so far. */
  replacements: number;
  /** stop() or give-up has begun: exits are expected. */
  closing: boolean;
  /** Which products matmul shares, from their measured times (split.ts). */
  chooser: SplitChooser;
}

let pool: RunningPool | null = null;

/** The most threads start() accepts on this machine: MAX_WORKERS_PER_CORE × availableParallelism(). */
export function maxWorkers(): number {
  return MAX_WORKERS_PER_CORE * availableParallelism();
}

/**
 * Start the pool: `workers` threads share each big product, the main thread
 * and workers − 1 worker threads (default: one per core, so 2 on a 2-core
 * machine spawns one worker); `workers` is a safe integer from 1 to
 * 4 × availableParallelism() (more threads than that only contend for the
 * cores). Blocks until the workers are ready. Starting again with the same
 * size does nothing; with another size it restarts. start(1) spawns no
 * thread: products run on the main thread, as without a pool.
 */
export function start(workers?: number): void {
  const where = 'parallel.start';
  const threads = workers === undefined ? availableParallelism() : assertInteger(workers, 'workers', where, { min: 1 });
  const most = maxWorkers();
  if (threads > most) {
    throw new ValueError(
      `${where}: workers must be at most ${MAX_WORKERS_PER_CORE} × availableParallelism() = ${most} on this machine, got ${threads}`,
    );
  }
  startPool(threads, WORKER_LOOP);
}

/** start(), with the workers running the loop in module `loop` (internal: the specs pass faulty ones; `workers` is valid). */
export function startPool(workers: number, loop: URL): void {
  const where = 'parallel.start';
  // The worker script sits beside this module (dist/src/linalg/parallel/worker.js
  // after tsc). Without it (say, the sources run untranspiled) a worker could
  // never start, and start() would wait for it until its timeout: fail now.
  const script = new URL('./worker.js', import.meta.url);
  if (workers > 1 && !existsSync(script)) {
    throw new PoolError(`${where}: no worker script at ${fileURLToPath(script)} (run the compiled JavaScript)`);
  }
  if (pool !== null) {
    if (pool.threads === workers && pool.loop.href === loop.href) return;
    void stop();
  }
  const control = new Int32Array(new SharedArrayBuffer(controlLength(workers * CHUNKS_PER_THREAD) * Int32Array.BYTES_PER_ELEMENT));
  const scalars = new Float64Array(new SharedArrayBuffer(SCALAR_LENGTH * Float64Array.BYTES_PER_ELEMENT));
  const next: RunningPool = {
    threads: workers, workers: [], control, scalars, data: new Float64Array(0), epoch: 0, tainted: false,
    saved: new Float64Array(0), counts: { workerChunks: 0, afterExit: 0, afterDeadline: 0, copied: 0, sharedProducts: 0, singleProducts: 0 }, operands: new Map(), loop, replacements: 0, closing: false,
    chooser: new SplitChooser(),
  };
  try {
    for (let part = 1; part < workers; part++) next.workers.push(spawn(next, part));
    awaitBoot(next);
  } catch (error) {
    close(next);
    if (error instanceof PoolError) throw error;
    throw new PoolError(`${where}: could not start ${workers - 1} worker threads (${String(error)})`);
  }
  pool = next;
  setParallelGemm(hook);
}

/** Start the worker of part `part` of pool `p`, with the current data buffer waiting in its queue. */
function spawn(p: RunningPool, part: number): PoolWorker {
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  const setup: WorkerSetup = {
    control: p.control.buffer as SharedArrayBuffer, scalars: p.scalars.buffer as SharedArrayBuffer, part,
    loop: p.loop.href, errors: port2,
  };
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup, transferList: [port2] });
  worker.unref();
  if (p.epoch > 0) {
    const message: DataMessage = { epoch: p.epoch, data: p.data.buffer as SharedArrayBuffer };
    worker.postMessage(message);
  }
  for (const [buffer, operand] of p.operands) {
    const message: OperandMessage = { operand, buffer };
    worker.postMessage(message);
  }
  // An uncaught exception in the worker is followed by its 'exit', handled below.
  worker.on('error', () => {});
  let entry: PoolWorker;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { resolve(); onExit(p, part, entry); }));
  entry = { worker, errors: port1, exited };
  return entry;
}

/** A worker's thread has ended: expected while closing; otherwise replace it, or give the pool up. */
function onExit(p: RunningPool, part: number, entry: PoolWorker): void {
  if (p.closing || p.workers[part - 1] !== entry) {
    entry.errors.close();
    return;
  }
  const texts: string[] = [];
  for (let received = receiveMessageOnPort(entry.errors); received !== undefined; received = receiveMessageOnPort(entry.errors)) {
    texts.push(String(received.message));
  }
  entry.errors.close();
  if (p.replacements >= MAX_REPLACEMENTS_PER_THREAD * p.threads) {
    const last = texts.length > 0 ? ` (the last one: ${texts.join('; ')})` : '';
    giveUp(p, `${p.replacements + 1} worker threads exited while the pool ran${last}; ` +
      'linalg/parallel has stopped, and products run on one thread until parallel.start() is called again');
    return;
  }
  p.replacements++;
  try {
    p.workers[part - 1] = spawn(p, part);
  } catch (error) {
    giveUp(p, `a worker thread exited and no new one could be started (${String(error)}); ` +
      'linalg/parallel has stopped, and products run on one thread until parallel.start() is called again');
  }
}

/** Stop pool `p` because it cannot go on, and say so. */
function giveUp(p: RunningPool, reason: string): void {
  if (pool === p) {
    pool = null;
    setParallelGemm(null);
  }
  close(p);
  process.emitWarning(reason, 'PoolWarning');
}

/** Terminate every worker of `p` and close their ports (no EXIT handshake). */
function close(p: RunningPool): void {
  p.closing = true;
  for (const { worker, errors } of p.workers) {
    void worker.terminate();
    errors.close();
  }
}

/**
 * Block until every worker of `p` has counted itself in READY; throw the
 * first boot error a worker posted (its event would never reach this
 * blocked thread), or after START_TIMEOUT_MS.
 */
function awaitBoot(p: RunningPool): void {
  const expected = p.threads - 1, control = p.control;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = Atomics.load(control, READY);
    if (ready === expected) return;
    const gone = Atomics.load(control, GONE); // before the ports: a worker posts its error before it exits
    for (const { errors } of p.workers) {
      const failure = receiveMessageOnPort(errors);
      if (failure !== undefined) throw new PoolError(`parallel.start: a worker failed to start: ${String(failure.message)}`);
    }
    if (gone > 0) throw new PoolError('parallel.start: a worker exited while it started');
    const left = deadline - Date.now();
    if (left <= 0) throw new PoolError(`parallel.start: only ${ready} of ${expected} workers started within ${START_TIMEOUT_MS} ms`);
    Atomics.wait(control, READY, ready, Math.min(left, START_POLL_MS));
  }
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
  p.closing = true;
  Atomics.store(p.control, CMD, EXIT);
  Atomics.add(p.control, SEQ, 1);
  Atomics.notify(p.control, SEQ);
  for (const { worker } of p.workers) worker.ref(); // keep the process up until they are gone
  // A worker that a product gave up on may still be inside a chunk, and one
  // that hangs would never read EXIT: after a grace period, terminate them.
  const timer = setTimeout(() => { for (const { worker } of p.workers) void worker.terminate(); }, STOP_GRACE_MS);
  return Promise.all(p.workers.map(({ exited }) => exited)).then(() => clearTimeout(timer));
}

/** The number of threads that share a big product: 1 while the pool is stopped. */
export function size(): number {
  return pool === null ? 1 : pool.threads;
}

/** What the running pool has been through (internal, for the specs), or null when it is stopped. */
export interface PoolStatus {
  threads: number;
  /** Workers that have booted, replacements included. */
  ready: number;
  /** Workers whose thread has ended. */
  gone: number;
  replacements: number;
  /** Chunks computed by workers and copied back. */
  workerChunks: number;
  /** Chunks that workers had taken and main computed instead, because a worker had exited, or after the deadline. */
  afterExit: number;
  afterDeadline: number;
  /** Doubles copied into the shared data buffer and back (operands that view a SharedArrayBuffer are not). */
  copied: number;
  /** Products of matmul's hook that the pool shared, and that it left on one thread (split.ts). */
  sharedProducts: number;
  singleProducts: number;
}

/** The running pool's status (internal, for the specs), or null when it is stopped. */
export function poolStatus(): PoolStatus | null {
  const p = pool;
  if (p === null) return null;
  return {
    threads: p.threads, ready: Atomics.load(p.control, READY), gone: Atomics.load(p.control, GONE),
    replacements: p.replacements, ...p.counts,
  };
}

/** Does x share memory with y? */
function overlaps(x: Float64Array, y: Float64Array): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** A Float64Array of exactly `length` values, the storage of a `rows`×`columns` matrix. */
function assertStorage(x: unknown, name: string, rows: number, columns: number, layout: string, where: string): Float64Array {
  const array = assertInstance(x, Float64Array, name, where);
  if (array.length !== rows * columns) {
    throw new ShapeError(
      `${where}: ${name} must hold the ${layout} = ${rows}×${columns} = ${rows * columns} values of its matrix, got ${describeValue(array)}`,
    );
  }
  return array;
}

/**
 * gemm's contract, computed by the pool: C ← α·op(A)·op(B) + β·C, with
 * op(A) = A (m×k, stored row-major in A) or Aᵀ when transA (A stored k×m),
 * op(B) = B (k×n) or Bᵀ when transB (B stored n×k), C m×n; C must not
 * share memory with A or B. On one thread when the pool is stopped or the
 * product too small to cut. `threads` (an integer ≥ 1, default: all of the
 * pool's) caps how many threads share this product, so that a benchmark
 * can compare 1 … size() on one running pool; the bits do not depend on it.
 * Every argument is checked first (types, sizes against the arrays'
 * lengths, finite α and β); a PoolError (a worker failed) leaves C as it was.
 */
export function parallelGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
  threads: number = size(),
): void {
  const where = 'parallelGemm';
  assertBoolean(transA, 'transA', where);
  assertBoolean(transB, 'transB', where);
  assertInteger(m, 'm', where, { min: 0 });
  assertInteger(n, 'n', where, { min: 0 });
  assertInteger(k, 'k', where, { min: 0 });
  assertNumber(alpha, 'alpha', where);
  assertNumber(beta, 'beta', where);
  if (transA) assertStorage(A, 'A', k, m, 'k×m storage of op(A) = Aᵀ', where);
  else assertStorage(A, 'A', m, k, 'm×k storage of op(A) = A', where);
  if (transB) assertStorage(B, 'B', n, k, 'n×k storage of op(B) = Bᵀ', where);
  else assertStorage(B, 'B', k, n, 'k×n storage of op(B) = B', where);
  assertStorage(C, 'C', m, n, 'm×n storage of C', where);
  if (overlaps(C, A) || overlaps(C, B)) {
    throw new ValueError(`${where}: C shares memory with ${overlaps(C, A) ? 'A' : 'B'} (write the product into a separate array)`);
  }
  assertInteger(threads, 'threads', where, { min: 1 });
  pooledGemm(where, transA, transB, m, n, k, alpha, A, B, beta, C, threads);
}

/**
 * matmul's hook (dispatch.ts): the pool with all its threads, or one thread
 * where that has measured faster for this shape (split.ts); matmul has
 * checked the arguments. A product that fails records no time.
 */
function hook(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array, where: string,
): void {
  const p = pool;
  if (p === null || usesSmallPath(m, n, k)) return gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  const key = shapeKey(transA, transB, m, n, k, beta), shared = p.chooser.usePool(key);
  const began = performance.now();
  if (shared) pooledGemm(where, transA, transB, m, n, k, alpha, A, B, beta, C, p.threads);
  else gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  if (shared) p.counts.sharedProducts++;
  else p.counts.singleProducts++;
  p.chooser.record(key, shared, performance.now() - began);
}

/** The product on the pool, or on one thread when there is none or it is too small to cut (arguments valid). */
function pooledGemm(
  where: string, transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array, threads: number,
): void {
  const p = pool;
  // (k = 0 takes the small path too: m·n·0 is below SMALL_WORK.)
  if (p === null || usesSmallPath(m, n, k)) return gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  const wanted = Math.min(p.threads, threads);
  const axis = chooseAxis(m, n, wanted);
  const parts = Math.min(wanted, Math.ceil((axis === ROWS ? m : n) / tileOf(axis)));
  if (parts < 2) gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  else poolGemm(p, parts, axis, where, transA, transB, m, n, k, alpha, A, B, beta, C);
}

