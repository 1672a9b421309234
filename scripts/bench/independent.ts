/**
 * A reference for the pool's speed-up: T threads each compute a whole
 * one-thread product of their own (gemm on private n×n operands, nothing
 * shared, nothing copied) at the same moment. Against one thread alone,
 *
 *   T · t(one product alone) / t(T products at once)
 *
 * tells how much T threads get done at once on this machine. A split of one
 * product over T threads does the same arithmetic, and also copies operands
 * and waits for its slowest part, so on the same machine it should come
 * close to this figure, not far above it. On dedicated cores it is near T;
 * on a shared virtual machine, whose vCPUs may run at different speeds or
 * be paused by the host, it can be well below, and the benchmark prints it
 * next to the pool's figure so that the two can be read together.
 *
 * The main thread is one of the T; the others are worker threads started
 * here, each asleep in Atomics.wait on a job counter between products, and
 * counting the products it finished in DONE. When loaded as such a worker,
 * this module runs the worker's loop.
 */
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { Rng } from '../../src/random/index.js';
import { randn } from '../../src/linalg/index.js';
import { gemm } from '../../src/linalg/kernels/gemm.js';

/** Control block (Int32Array) indices. */
const SEQ = 0; //   job counter: main increments it, workers wait for it to change
const DONE = 1; //  workers started, plus products the workers finished
const SIZE = 2; //  n of the announced product; 0 tells the workers to exit
const CONTROL_LENGTH = 3;

/** How long start-up may take in all. */
const START_TIMEOUT_MS = 30_000;

interface Setup {
  role: 'independent-product';
  control: SharedArrayBuffer;
  seed: number;
}

/** Gaussian n×n operands A and B and a zero C (the benchmark's own come from here too). */
export function squareOperands(n: number, rng: Rng): { A: Float64Array; B: Float64Array; C: Float64Array } {
  return { A: randn([n * n], rng).data, B: randn([n * n], rng).data, C: new Float64Array(n * n) };
}

/** Sleep until cell `at` of `control` reaches `target` (looping: Node 20's Atomics.wait may return early). */
function waitUntil(control: Int32Array, at: number, target: number): void {
  for (let now = Atomics.load(control, at); now < target; now = Atomics.load(control, at)) Atomics.wait(control, at, now);
}

/** Set SIZE, then bump SEQ and wake every worker. */
function announce(control: Int32Array, size: number): void {
  Atomics.store(control, SIZE, size);
  Atomics.add(control, SEQ, 1);
  Atomics.notify(control, SEQ);
}

/** The worker's loop: one product of its own per job, of the size main announced. */
function workerLoop(setup: Setup): void {
  const control = new Int32Array(setup.control);
  const rng = new Rng(setup.seed);
  let own: ReturnType<typeof squareOperands> | null = null, n = 0;
  let seen = Atomics.load(control, SEQ);
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
  for (;;) {
    waitUntil(control, SEQ, seen + 1);
    seen = Atomics.load(control, SEQ);
    const size = Atomics.load(control, SIZE);
    if (size === 0) return;
    if (own === null || size !== n) { n = size; own = squareOperands(n, rng); }
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
   * (The first call at a new n also lets the workers make their operands:
   * make one untimed call per size.)
   */
  runTogether(n: number, A: Float64Array, B: Float64Array, C: Float64Array): void;
  /** Let the workers exit; resolves when they have. */
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
  // Start-up: every worker counts itself in DONE (its 'error' event could not
  // reach this blocked thread, so a worker that fails shows as a timeout).
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let ready = Atomics.load(control, DONE); ready < workers.length; ready = Atomics.load(control, DONE)) {
    const left = deadline - Date.now();
    if (left <= 0) {
      for (const worker of workers) void worker.terminate();
      throw new Error(`independent products: only ${ready} of ${workers.length} workers started within ${START_TIMEOUT_MS} ms`);
    }
    Atomics.wait(control, DONE, ready, left);
  }
  return {
    threads,
    runTogether(n, A, B, C) {
      const target = Atomics.load(control, DONE) + workers.length;
      announce(control, n);
      gemm(false, false, n, n, n, 1, A, B, 0, C);
      waitUntil(control, DONE, target);
    },
    stop() {
      announce(control, 0);
      for (const worker of workers) worker.ref(); // keep the process up until they are gone
      return Promise.all(exits).then(() => undefined);
    },
  };
}
