/**
 * What the machine lets T threads do at once: T threads each compute a whole
 * one-thread product of their own (gemm on private n×n operands, nothing
 * shared, nothing copied) at the same moment. Against one thread alone,
 *
 *   throughput ratio = T · t(one product alone) / t(T products at once)
 *
 * is the most that any split of one product over T threads can be expected
 * to reach on this machine: a split does the same arithmetic, and also
 * copies operands and waits for the slowest part. On dedicated cores it is
 * close to T; on a shared virtual machine, where a vCPU may run slower
 * than its sibling or be paused by the host, it is less, and the benchmark
 * prints it next to the pool's figure so that the two can be compared.
 *
 * The main thread is one of the T; the others are worker threads started
 * here, each sleeping in Atomics.wait on a job counter between products
 * (the same handshake as the pool's, without the pool's sharing of data).
 * When loaded as such a worker, this module runs the worker's loop.
 */
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { Rng } from '../../src/random/index.js';
import { randn } from '../../src/linalg/index.js';
import { gemm } from '../../src/linalg/kernels/gemm.js';

/** Control block (Int32Array) indices. */
const SEQ = 0; //   job counter: main increments it, workers wait for it to change
const DONE = 1; //  workers that finished the current job (or started, for job 0)
const SIZE = 2; //  n of the next product; 0 tells the workers to exit
const CONTROL_LENGTH = 3;

interface Setup {
  role: 'independent-product';
  control: SharedArrayBuffer;
  seed: number;
}

/** n×n operands of one thread's own product. */
function operandsOf(n: number, rng: Rng): { A: Float64Array; B: Float64Array; C: Float64Array } {
  return { A: randn([n * n], rng).data, B: randn([n * n], rng).data, C: new Float64Array(n * n) };
}

/** Sleep until the control cell `at` differs from `seen` (looping: Node 20's Atomics.wait may return early). */
function waitWhile(control: Int32Array, at: number, seen: number): void {
  while (Atomics.load(control, at) === seen) Atomics.wait(control, at, seen);
}

/** The worker's loop: one product of its own per job, of the size main asks for. */
function workerLoop(setup: Setup): void {
  const control = new Int32Array(setup.control);
  const rng = new Rng(setup.seed);
  let n = 0, own = operandsOf(0, rng);
  let seen = Atomics.load(control, SEQ);
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
  for (;;) {
    waitWhile(control, SEQ, seen);
    seen = Atomics.load(control, SEQ);
    const size = Atomics.load(control, SIZE);
    if (size === 0) return;
    if (size !== n) { n = size; own = operandsOf(n, rng); }
    gemm(false, false, n, n, n, 1, own.A, own.B, 0, own.C);
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}

if (!isMainThread && (workerData as Setup | null)?.role === 'independent-product') workerLoop(workerData as Setup);

/** T threads (main and T − 1 workers) that can each run a product of their own at the same moment. */
export interface IndependentProducts {
  threads: number;
  /**
   * Every thread computes one n×n product of its own at once; the main
   * thread's operands are A, B, C. Returns when the last thread is done.
   */
  runTogether(n: number, A: Float64Array, B: Float64Array, C: Float64Array): void;
  /** Let the workers exit. */
  stop(): Promise<void>;
}

/** Start `threads` − 1 workers (threads ≥ 1) and wait until each sleeps on the job counter. */
export function startIndependent(threads: number, seed: number): IndependentProducts {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_LENGTH * Int32Array.BYTES_PER_ELEMENT));
  const workers = Array.from({ length: threads - 1 }, (_, w) => {
    const setup: Setup = { role: 'independent-product', control: control.buffer as SharedArrayBuffer, seed: seed + w };
    const worker = new Worker(new URL(import.meta.url), { workerData: setup });
    worker.unref();
    return worker;
  });
  const exits = workers.map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
  for (let ready = Atomics.load(control, DONE); ready < workers.length; ready = Atomics.load(control, DONE)) {
    if (Atomics.wait(control, DONE, ready, 30_000) === 'timed-out') throw new Error('independent products: a worker did not start');
  }
  return {
    threads,
    runTogether(n, A, B, C) {
      const before = Atomics.load(control, DONE);
      Atomics.store(control, SIZE, n);
      Atomics.add(control, SEQ, 1);
      Atomics.notify(control, SEQ);
      gemm(false, false, n, n, n, 1, A, B, 0, C);
      for (let done = Atomics.load(control, DONE); done < before + workers.length; done = Atomics.load(control, DONE)) {
        Atomics.wait(control, DONE, done);
      }
    },
    stop() {
      Atomics.store(control, SIZE, 0);
      Atomics.add(control, SEQ, 1);
      Atomics.notify(control, SEQ);
      return Promise.all(exits).then(() => undefined);
    },
  };
}
