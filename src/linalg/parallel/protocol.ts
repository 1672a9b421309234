/**
 * What the main thread and the pool's workers share: the layout of the
 * control block (an Int32Array over a SharedArrayBuffer), the rule that
 * cuts C into chunks, the per-chunk states, and the worker's side of the
 * handshake (serveJobs, serveWorker). Both sides import this file, so they
 * cannot disagree.
 *
 * One product, step by step (the main thread's side is in product.ts):
 *   1. C is cut along AXIS (rows or columns, see chooseAxis) into CHUNKS
 *      chunks of whole register tiles, one per thread; chunk 0 is the main
 *      thread's, which computes it from the caller's own arrays;
 *   2. main copies into the shared data buffer what the other chunks read
 *      (the lines of op(A) or op(B), and of C when β ≠ 0, that only chunk 0
 *      reads are not copied), writes the sizes and offsets below, sets the
 *      state of chunk 0 to TAKEN and of the others to OPEN, all tagged with
 *      the job's generation g (the new value of SEQ), then stores SEQ = g
 *      and wakes the workers (Atomics.notify);
 *   3. a thread takes chunk c by turning its state from OPEN_g into
 *      TAKEN_g (Atomics.compareExchange: exactly one thread wins); a worker
 *      computes the chunk into the shared buffer and turns TAKEN_g into
 *      DONE_g (or FAILED_g when its computation threw) and rings BELL; main
 *      takes any chunk still OPEN once chunk 0 is done, so a worker that
 *      wakes late finds nothing left;
 *   4. main waits on BELL until every chunk a worker took is DONE_g, for a
 *      bounded time (product.ts), then copies those chunks back.
 * The generation in every state is what keeps a worker that lags behind
 * (it read job g, then was not scheduled for a while) harmless: its
 * compareExchange expects OPEN_g or TAKEN_g, and once main has moved on to
 * job g + 1 every state carries g + 1, so the lagging worker can neither
 * take a chunk of the new job nor mark one done. A state is
 * (4·g + status) | 0, so generations 2³⁰ apart look alike: a worker would
 * have to lag a billion products behind to be confused.
 *
 * No message is posted per product; messages carry only a new data buffer
 * (see `reserve` in product.ts), an operand buffer (a caller's
 * SharedArrayBuffer, read in place: `operandBuffer` in product.ts) and the
 * text of a worker's error.
 */
import type { MessagePort } from 'node:worker_threads';
import { receiveMessageOnPort } from 'node:worker_threads';
import { gemmBlocked } from '../kernels/gemm.js';
import { MR, NC, NR } from '../kernels/gemm-micro.js';

/** Indices into the control block (Int32Array). */
export const SEQ = 0; //       job counter and generation: main stores g + 1 for each job, workers wait for it to change
export const READY = 1; //     workers that have booted (start() waits for all of them; replacements count too)
export const CMD = 2; //       what SEQ announces: GEMM or EXIT
export const TRANS_A = 3; //   1 when op(A) = Aᵀ
export const TRANS_B = 4; //   1 when op(B) = Bᵀ
export const M = 5;
export const N = 6;
export const K = 7;
export const A_OFFSET = 8; //  where A, B, C start in their buffers (in doubles)
export const B_OFFSET = 9;
export const C_OFFSET = 10;
export const PARTS = 11; //    threads taking part (main and workers 1 … PARTS−1)
export const AXIS = 12; //     ROWS or COLUMNS: the axis along which C is cut
export const EPOCH = 13; //    the generation of the data buffer the job uses
export const CHUNKS = 14; //   how many chunks C is cut into
export const BELL = 15; //     rung (incremented, notified) when a worker settles a chunk or exits: main waits on it
export const GONE = 16; //     workers whose thread has exited (counted by worker.ts as the thread ends)
export const A_BUFFER = 17; // where A is read: 0, the data buffer; r ≥ 1, operand buffer r (the caller's own, shared)
export const B_BUFFER = 18; // the same for B
export const OPERANDS = 19; // operand buffers sent so far (a worker reads its port until it has them all)
export const STATES = 20; //   the state of chunk c is at STATES + c

/** The length of a control block with room for `maxChunks` chunk states. */
export function controlLength(maxChunks: number): number {
  return STATES + maxChunks;
}

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

/** The status part of a chunk's state. */
export const OPEN = 0; //   nobody has taken it
export const TAKEN = 1; //  a thread computes it
export const DONE = 2; //   a worker has written it into the shared buffer
export const FAILED = 3; // a worker's computation of it threw

/** The state word of a chunk of job `gen` with status `status`. */
export function chunkState(gen: number, status: number): number {
  return (gen * 4 + status) | 0;
}

/** Take chunk `chunk` of job `gen` (OPEN_g → TAKEN_g); false when another thread has it or the job is over. */
export function claimChunk(control: Int32Array, gen: number, chunk: number): boolean {
  const open = chunkState(gen, OPEN);
  return Atomics.compareExchange(control, STATES + chunk, open, chunkState(gen, TAKEN)) === open;
}

/**
 * Settle a chunk this worker took (TAKEN_g → DONE_g or FAILED_g) and ring
 * BELL. When main has moved on to a later job the state no longer reads
 * TAKEN_g and is left alone.
 */
export function settleChunk(control: Int32Array, gen: number, chunk: number, status: number): void {
  Atomics.compareExchange(control, STATES + chunk, chunkState(gen, TAKEN), chunkState(gen, status));
  ringBell(control);
}

/** Wake the main thread if it waits on BELL (it then looks at every state again). */
export function ringBell(control: Int32Array): void {
  Atomics.add(control, BELL, 1);
  Atomics.notify(control, BELL);
}

/** What a worker receives at its start. */
export interface WorkerSetup {
  control: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  /** This worker's number, 1 … workers (the main thread is 0); it takes part when below PARTS. */
  part: number;
  /** The module with the worker's loop (worker-loop.js; the specs pass faulty ones). */
  loop: string;
  /**
   * Where the worker posts the message of an error: one that kept it from
   * booting (start() reads it synchronously) or one thrown by a chunk (the
   * product reads it before it throws its PoolError).
   */
  errors: MessagePort;
}

/** A data buffer sent to a worker: the buffer of generation `epoch`. */
export interface DataMessage {
  epoch: number;
  data: SharedArrayBuffer;
}

/** An operand buffer sent to a worker: a caller's SharedArrayBuffer, number `operand` (1, 2, …), read in place. */
export interface OperandMessage {
  operand: number;
  buffer: SharedArrayBuffer;
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

/** Computes chunk `chunk` of `job` into C (A: op(A)'s storage, B: op(B)'s, C: m×n, as in gemm). */
export type ChunkFunction = (job: Job, chunk: number, A: Float64Array, B: Float64Array, C: Float64Array) => void;

/** Compute chunk `chunk` of `job` into C with gemmBlocked, whose summation order does not depend on the chunk. */
export function computeChunk(job: Job, chunk: number, A: Float64Array, B: Float64Array, C: Float64Array): void {
  const { transA, transB, m, n, k, alpha, beta, axis, chunks } = job;
  const [start, end] = partRange(chunk, chunks, axis === ROWS ? m : n, tileOf(axis));
  if (axis === ROWS) gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, start, end, 0, n);
  else gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, 0, m, start, end);
}

/** `control[index]`, for the fields that are always inside the block. */
function field(control: Int32Array, index: number): number {
  return control[index] ?? 0;
}

/**
 * A worker's side of the handshake, until EXIT: count itself in READY, then
 * run `runJob(g)` for each new generation g that SEQ announces. A throw
 * outside a chunk (runJob settles its chunks itself) ends the thread, which
 * the pool sees as an exit.
 */
export function serveJobs(control: Int32Array, runJob: (gen: number) => void): void {
  let seen = Atomics.load(control, SEQ);
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  for (;;) {
    // Sleep while SEQ === seen. The loop matters: on Node 20, Atomics.wait
    // now and then returns 'ok' although SEQ has not changed (a few times per
    // million jobs on a loaded machine).
    while (Atomics.load(control, SEQ) === seen) Atomics.wait(control, SEQ, seen);
    seen = Atomics.load(control, SEQ);
    if (Atomics.load(control, CMD) === EXIT) return;
    runJob(seen);
  }
}

/**
 * A worker's whole life (worker-loop.ts runs it with computeChunk; the
 * specs run it with faulty chunk functions): for each job, get the data
 * buffer it uses, take chunks 1, 2, … while any is OPEN, compute each with
 * `compute` into the shared buffer and settle it DONE, or FAILED (after
 * posting the error's text on `setup.errors`) when `compute` throws.
 *
 * The job's fields are read before any chunk is taken, and may be torn when
 * the worker lags behind (main rewrites them for the next job); that is
 * harmless, because a chunk can only be taken while its job runs, and then
 * the fields are the job's own. Nothing read before that may throw or
 * index out of the control block, hence the bounds below.
 */
export function serveWorker(setup: WorkerSetup, port: MessagePort, compute: ChunkFunction): void {
  const control = new Int32Array(setup.control);
  const scalars = new Float64Array(setup.scalars);
  const maxChunks = control.length - STATES;
  let epoch = 0;
  let data: Float64Array = new Float64Array(0);
  const operands: Float64Array[] = [];
  serveJobs(control, (gen) => {
    const wanted = field(control, EPOCH), operandCount = field(control, OPERANDS);
    while (epoch < wanted || operands.length < operandCount) {
      // The pool posts a buffer before it announces a job that uses it, so it is queued.
      const received = receiveMessageOnPort(port);
      if (received === undefined) throw new Error(`parallel worker ${setup.part}: data buffer ${wanted} was not sent`);
      const message = received.message as DataMessage | OperandMessage;
      if ('operand' in message) {
        operands[message.operand - 1] = new Float64Array(message.buffer);
        continue;
      }
      epoch = message.epoch;
      data = new Float64Array(message.data);
    }
    // A stale job (its buffer already replaced), or one capped to fewer threads.
    if (epoch !== wanted || setup.part >= field(control, PARTS)) return;
    const m = field(control, M), n = field(control, N), k = field(control, K);
    const job: Job = {
      transA: field(control, TRANS_A) === 1, transB: field(control, TRANS_B) === 1, m, n, k,
      alpha: scalars[ALPHA] ?? 0, beta: scalars[BETA] ?? 0, axis: field(control, AXIS), chunks: field(control, CHUNKS),
    };
    const aAt = field(control, A_OFFSET), bAt = field(control, B_OFFSET), cAt = field(control, C_OFFSET);
    // (A torn field of a stale job may name no buffer: then `data`, never read, since no chunk of it can be taken.)
    const aFrom = operands[field(control, A_BUFFER) - 1] ?? data, bFrom = operands[field(control, B_BUFFER) - 1] ?? data;
    const A = aFrom.subarray(aAt, aAt + m * k), B = bFrom.subarray(bAt, bAt + k * n), C = data.subarray(cAt, cAt + m * n);
    const last = Math.min(job.chunks, maxChunks);
    for (let chunk = 1; chunk < last; chunk++) {
      if (!claimChunk(control, gen, chunk)) continue;
      try {
        compute(job, chunk, A, B, C);
      } catch (error) {
        setup.errors.postMessage(error instanceof Error ? error.message : String(error));
        settleChunk(control, gen, chunk, FAILED);
        return;
      }
      settleChunk(control, gen, chunk, DONE);
    }
  });
}
