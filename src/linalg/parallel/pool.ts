/**
 * The pool, main-thread side: a persistent set of worker threads that share
 * big matrix products with the main thread, synchronously.
 *
 *   start(workers)   spawn workers − 1 threads (the main thread is the other
 *                    one), wait until they sleep on the job counter, and
 *                    install `parallelGemm` as matmul's hook
 *   parallelGemm     C ← α·op(A)·op(B) + β·C cut into chunks of whole
 *                    register tiles: main computes the first, the workers
 *                    take the others in turn (and main too, once done with
 *                    its own); main then waits on Atomics for the last one
 *                    (the steps are in product.ts)
 *   stop()           remove the hook and let the workers exit
 *
 * Every chunk runs `gemmBlocked`, whose summation order does not depend on
 * the chunk, so the result is the same bits for any number of workers and
 * whichever thread takes which chunk, and the same as `gemm` on one thread.
 *
 * The workers are unref()'d: a worker asleep on the job counter never keeps
 * the process alive, so a script that started the pool and never stopped it
 * still exits when its own work is done.
 *
 * Limitation: a worker that dies in the middle of a product (killed by the
 * OS, out of memory, a fatal V8 error) hangs the main thread, which waits
 * on PENDING without a timeout. The worker's 'exit' event cannot help: it
 * is delivered on the main thread's event loop, which is blocked in that
 * very wait. A timeout would need a bound on how long a chunk may take,
 * which a shared, loaded machine does not give, and a heartbeat would have
 * to be written from inside the kernel. An exception thrown in a worker's
 * chunk does not hang: the worker counts it in FAILED, answers PENDING, and
 * the product throws. A worker that dies between products takes the pool
 * down (abandon), and later products run on one thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { ValueError } from '../../errors/index.js';
import { setParallelGemm } from '../kernels/dispatch.js';
import { gemm, usesSmallPath } from '../kernels/gemm.js';
import { poolGemm } from './product.js';
import type { Pool } from './product.js';
import { CMD, CONTROL_LENGTH, EXIT, READY, ROWS, SCALAR_LENGTH, SEQ, chooseAxis, tileOf } from './protocol.js';
import type { WorkerSetup } from './protocol.js';

/** How long start() waits for the workers to boot before it gives up. */
const START_TIMEOUT_MS = 20_000;

/** How often start() looks for a boot error while it waits (ms). */
const START_POLL_MS = 50;

let pool: Pool | null = null;

/**
 * Start the pool: `workers` threads share each big product, the main thread
 * and workers − 1 worker threads (default: one per core, so 2 on a 2-core
 * machine spawns one worker). Blocks until the workers are ready. Starting
 * again with the same size does nothing; with another size it restarts.
 * start(1) spawns no thread: products run on the main thread, as without a pool.
 */
export function start(workers: number = availableParallelism()): void {
  startPool(workers, new URL('./worker-loop.js', import.meta.url));
}

/** start(), with the workers running the loop in module `loop` (internal: the specs pass one that fails to boot). */
export function startPool(workers: number, loop: URL): void {
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
  const errorPorts: MessagePort[] = [];
  for (let part = 1; part < workers; part++) {
    const { port1, port2 } = new MessageChannel();
    errorPorts.push(port1);
    const setup: WorkerSetup = {
      control: control.buffer as SharedArrayBuffer, scalars: scalars.buffer as SharedArrayBuffer, part,
      loop: loop.href, errors: port2,
    };
    const worker = new Worker(script, { workerData: setup, transferList: [port2] });
    worker.unref();
    // A worker that dies while the pool runs (it should not) takes the pool
    // down with it, and matmul falls back to one thread.
    worker.on('error', () => abandon(next));
    next.exits.push(new Promise((resolve) => worker.once('exit', () => { abandon(next); resolve(); })));
    next.workers.push(worker);
  }
  try {
    awaitBoot(control, workers - 1, errorPorts);
  } catch (error) {
    for (const worker of next.workers) void worker.terminate();
    throw error;
  } finally {
    for (const port of errorPorts) port.close();
  }
  pool = next;
  setParallelGemm(parallelGemm);
}

/**
 * Block until `expected` workers have counted themselves in READY; throw
 * the first boot error a worker posted (its event would never reach this
 * blocked thread), or after START_TIMEOUT_MS.
 */
function awaitBoot(control: Int32Array, expected: number, errorPorts: MessagePort[]): void {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = Atomics.load(control, READY);
    if (ready === expected) return;
    for (const port of errorPorts) {
      const failure = receiveMessageOnPort(port);
      if (failure !== undefined) throw new Error(`parallel.start: a worker failed to start: ${String(failure.message)}`);
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`parallel.start: only ${ready} of ${expected} workers started within ${START_TIMEOUT_MS} ms`);
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

/**
 * gemm's contract (C ← α·op(A)·op(B) + β·C, C not overlapping A or B),
 * computed by the pool; on one thread when the pool is stopped or the
 * product too small to cut. `threads` (an integer ≥ 1, default: all of the
 * pool's) caps how many threads share this product, so that a benchmark
 * can compare 1 … size() on one running pool; the bits do not depend on it.
 */
export function parallelGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
  threads: number = size(),
): void {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new ValueError(`parallelGemm: threads must be an integer ≥ 1, got ${threads}`);
  }
  const p = pool;
  // (k = 0 takes the small path too: m·n·0 is below SMALL_WORK.)
  if (p === null || usesSmallPath(m, n, k)) return gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  const wanted = Math.min(p.threads, threads);
  const axis = chooseAxis(m, n, wanted);
  const parts = Math.min(wanted, Math.ceil((axis === ROWS ? m : n) / tileOf(axis)));
  if (parts < 2) gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
  else poolGemm(p, parts, axis, transA, transB, m, n, k, alpha, A, B, beta, C);
}
