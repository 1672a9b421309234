/**
 * What the main thread and the pool's workers share: the layout of the
 * control block (an Int32Array over a SharedArrayBuffer), the rule that
 * cuts C into chunks, the chunk loop and the worker's side of the
 * handshake (serveJobs). Both sides import this file, so they cannot disagree.
 *
 * One product, step by step:
 *   1. C is cut along AXIS (rows or columns, see chooseAxis) into CHUNKS
 *      chunks of whole register tiles, one per thread; chunk 0 is the main
 *      thread's, which computes it from the caller's own arrays;
 *   2. main copies into the shared data buffer what the other chunks read
 *      (the lines of op(A) or op(B), and of C when β ≠ 0, that only chunk 0
 *      reads are not copied), writes the sizes and offsets below, sets
 *      PENDING = number of workers and NEXT = 1, then increments SEQ and
 *      wakes the workers (Atomics.notify); the workers take chunks from 1
 *      on at once, main joins them after chunk 0, and each takes the next
 *      chunk with Atomics.add(ctrl, NEXT, 1) until none is left, so when a
 *      worker wakes late, main takes its chunk too;
 *   3. each worker then decrements PENDING, and the last one wakes main,
 *      which sleeps on PENDING until it is 0 and copies the workers' chunks
 *      back (main computes its own chunks straight into the caller's C).
 * No message is posted per product; messages carry only a new data buffer
 * when a product needs more room than the last (see `reserve` in product.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { gemmBlocked } from '../kernels/gemm.js';
import { MR, NC, NR } from '../kernels/gemm-micro.js';

/** Indices into the control block (Int32Array). */
export const SEQ = 0; //       job counter: main increments it, workers wait for it to change
export const PENDING = 1; //   workers still computing the current job
export const READY = 2; //     workers that have started and wait for jobs
export const CMD = 3; //       what SEQ announces: GEMM or EXIT
export const TRANS_A = 4; //   1 when op(A) = Aᵀ
export const TRANS_B = 5; //   1 when op(B) = Bᵀ
export const M = 6;
export const N = 7;
export const K = 8;
export const A_OFFSET = 9; //  where A, B, C start in the data buffer (in doubles)
export const B_OFFSET = 10;
export const C_OFFSET = 11;
export const PARTS = 12; //    threads taking part (main and workers 1 … PARTS−1)
export const AXIS = 13; //     ROWS or COLUMNS: the axis along which C is cut
export const EPOCH = 14; //    the generation of the data buffer the job uses
export const FAILED = 15; //   workers whose chunk threw
export const CHUNKS = 16; //   how many chunks C is cut into
export const NEXT = 17; //     the next chunk to take
export const CONTROL_LENGTH = 18;

/** Indices into the scalar block (Float64Array). */
export const ALPHA = 0;
export const BETA = 1;
export const SCALAR_LENGTH = 2;

/** Commands. */
export const GEMM = 1;
export const EXIT = 2;

/** Axes along which C is cut. */
export const ROWS = 0;
export const COLUMNS = 1;

/** What a worker receives at its start. */
export interface WorkerSetup {
  control: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  /** This worker's number, 1 … workers (the main thread is 0); it takes part when below PARTS. */
  part: number;
  /** The module with the worker's loop (worker-loop.js; a spec passes one that fails to boot). */
  loop: string;
  /** Where the worker posts the message of an error that kept it from booting; start() reads it synchronously. */
  errors: MessagePort;
}

/** A data buffer sent to a worker: the buffer of generation `epoch`. */
export interface DataMessage {
  epoch: number;
  data: SharedArrayBuffer;
}

/**
 * Chunks per thread. More chunks would even out threads of unequal speed,
 * but each chunk packs again what its axis does not split (all of op(B) for
 * a cut along rows; op(A) for each NC-wide block of a cut along columns).
 * With the JavaScript kernel and row cuts, 4 per thread made 2 threads on
 * an idle 2-core machine 1.81× one thread at n = 1024 instead of 1.93×
 * (1.72× instead of 1.96× at n = 512); with 2, 1.89× and 1.82×. With the
 * SIMD kernel and column cuts, 2 per thread against 1 gave medians of
 * 1.81× and 1.70× against 1.72× and 1.79× (16 paired rounds each), and in
 * a later run, with 1, 2 and 4 per thread interleaved in the same rounds,
 * 1.78×, 1.76× and 1.70×: no better beyond the noise, even on vCPUs
 * whose speeds differed from one round to the next.
 */
export const CHUNKS_PER_THREAD = 1;

/** How many chunks to cut an axis of length `length` into, for `parts` threads. */
export function chunkCount(length: number, tile: number, parts: number): number {
  return Math.min(Math.ceil(length / tile), parts * CHUNKS_PER_THREAD);
}

/**
 * The range [start, end) of rows (or columns) of chunk `chunk` out of
 * `chunks`, along an axis of length `length` cut at multiples of `tile`:
 * each chunk gets ⌊·⌋-balanced whole tiles, so that no register tile is
 * split between threads. (Splitting a tile would still give the same bits,
 * since every C_ij is summed the same way; whole tiles just waste nothing.)
 */
export function partRange(chunk: number, chunks: number, length: number, tile: number): [number, number] {
  const tiles = Math.ceil(length / tile);
  const first = Math.floor((chunk * tiles) / chunks);
  const last = Math.floor(((chunk + 1) * tiles) / chunks);
  return [Math.min(first * tile, length), Math.min(last * tile, length)];
}

/**
 * The axis to cut C along for `parts` threads: the one that packs less twice.
 * On one thread, gemm packs op(A) once per NC-wide block of columns and
 * op(B) once in all. Cut into c chunks,
 *   along rows:    every chunk packs all of op(B) again: (c − 1)·k·n more values;
 *   along columns: chunk q packs op(A) ⌈w_q/NC⌉ times for its width w_q:
 *                  (Σ_q ⌈w_q/NC⌉ − ⌈n/NC⌉)·m·k more, and op(B) is only split.
 * So a square product whose column chunks are whole multiples of NC wide
 * (n = 1024 or 2048 on 2 threads) is cut along columns and packs nothing
 * twice (measured at n = 1024 with the SIMD kernel, paired in one process:
 * columns 3–4 % faster than rows); a tall, thin C is cut along rows. Other
 * widths may tie (n = 1536 on 2 threads: 768-wide chunks pack op(A) 4 times
 * instead of 3, as much extra as rows), and a tie goes to rows. An axis
 * too short to give 2 chunks is not chosen.
 */
export function chooseAxis(m: number, n: number, parts: number): number {
  const rowChunks = chunkCount(m, MR, parts), columnChunks = chunkCount(n, NR, parts);
  if (columnChunks < 2) return ROWS;
  if (rowChunks < 2) return COLUMNS;
  let aPacks = 0;
  for (let q = 0; q < columnChunks; q++) {
    const [start, end] = partRange(q, columnChunks, n, NR);
    aPacks += Math.ceil((end - start) / NC);
  }
  const extraForColumns = (aPacks - Math.ceil(n / NC)) * m, extraForRows = (rowChunks - 1) * n; // both × k
  return extraForColumns < extraForRows ? COLUMNS : ROWS;
}

/** The register-tile size along an axis. */
export function tileOf(axis: number): number {
  return axis === ROWS ? MR : NR;
}

/** One product as both sides see it: C ← α·op(A)·op(B) + β·C, cut along `axis` into `chunks` chunks. */
export interface Job {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  beta: number;
  axis: number;
  chunks: number;
}

/** Compute chunk `chunk` of `job` into C with gemmBlocked (A: op(A)'s storage, B: op(B)'s, C: m×n, as in gemm). */
export function computeChunk(job: Job, chunk: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  const { transA, transB, m, n, k, alpha, beta, axis, chunks } = job;
  const [start, end] = partRange(chunk, chunks, axis === ROWS ? m : n, tileOf(axis));
  if (axis === ROWS) gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, start, end, 0, n);
  else gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, 0, m, start, end);
}

/**
 * Take chunks of `job` in turn (Atomics.add on NEXT) and compute each into C,
 * until none is left; mark each chunk taken in `taken` when given. The main
 * thread and the workers both run this loop.
 */
export function takeChunks(
  control: Int32Array, job: Job, A: Float64Array, B: Float64Array, C: Float64Array, taken: Uint8Array | null,
): void {
  for (let chunk = Atomics.add(control, NEXT, 1); chunk < job.chunks; chunk = Atomics.add(control, NEXT, 1)) {
    if (taken !== null) taken[chunk] = 1;
    computeChunk(job, chunk, A, B, C);
  }
}

/**
 * A worker's side of the handshake, until EXIT: count itself in READY, then
 * for each new SEQ run `runJob` (counting a throw in FAILED) and answer by
 * decrementing PENDING, the last worker waking main. worker-loop.ts runs it
 * with the job that takes chunks.
 */
export function serveJobs(control: Int32Array, runJob: () => void): void {
  let seen = Atomics.load(control, SEQ);
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  for (;;) {
    // Sleep while SEQ === seen. The loop matters: on Node 20, Atomics.wait
    // now and then returns 'ok' although SEQ has not changed (a few times per
    // million jobs on a loaded machine); running the old job again would
    // decrement PENDING twice and leave the main thread waiting forever.
    while (Atomics.load(control, SEQ) === seen) Atomics.wait(control, SEQ, seen);
    seen = Atomics.load(control, SEQ);
    if (Atomics.load(control, CMD) === EXIT) return;
    try {
      runJob();
    } catch {
      Atomics.add(control, FAILED, 1); // main reports it after the join
    }
    if (Atomics.sub(control, PENDING, 1) === 1) Atomics.notify(control, PENDING); // the last one wakes main
  }
}
