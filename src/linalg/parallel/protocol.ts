/**
 * What the main thread and the pool's workers share: the layout of the
 * control block (an Int32Array over a SharedArrayBuffer) and the rule that
 * cuts C into parts. Both sides import this file, so they cannot disagree.
 *
 * One product, step by step:
 *   1. main copies A, B (and C when β ≠ 0) into the shared data buffer,
 *      writes the sizes and offsets below, sets PENDING = number of workers,
 *      then increments SEQ and wakes the workers (Atomics.notify);
 *   2. each worker, asleep in Atomics.wait(ctrl, SEQ, last seen value),
 *      wakes, computes its part of C into the shared buffer, decrements
 *      PENDING, and the last one wakes main;
 *   3. main computes part 0 straight into the caller's C meanwhile, then
 *      sleeps on PENDING until it is 0 and copies the other parts back.
 * No message is posted per product; messages carry only a new data buffer
 * when a product needs more room than the last (see pool.ts).
 */
import { MR, NR } from '../kernels/gemm-micro.js';

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
export const PARTS = 12; //    how many parts C is cut into (main takes part 0)
export const AXIS = 13; //     ROWS or COLUMNS: the axis along which C is cut
export const EPOCH = 14; //    the generation of the data buffer the job uses
export const FAILED = 15; //   workers whose part threw
export const CONTROL_LENGTH = 16;

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
  /** This worker's part (1 … parts−1; part 0 is the main thread's). */
  part: number;
}

/** A data buffer sent to a worker: the buffer of generation `epoch`. */
export interface DataMessage {
  epoch: number;
  data: SharedArrayBuffer;
}

/**
 * The range [start, end) of rows (or columns) of part `part` out of
 * `parts`, along an axis of length `length` cut at multiples of `tile`:
 * each part gets ⌊·⌋-balanced whole tiles, so that no register tile is
 * split between threads. (Splitting a tile would still give the same bits,
 * since every C_ij is summed the same way; whole tiles just waste nothing.)
 */
export function partRange(part: number, parts: number, length: number, tile: number): [number, number] {
  const tiles = Math.ceil(length / tile);
  const first = Math.floor((part * tiles) / parts);
  const last = Math.floor(((part + 1) * tiles) / parts);
  return [Math.min(first * tile, length), Math.min(last * tile, length)];
}

/** Cut along rows when C has at least as many row tiles as column tiles. */
export function chooseAxis(m: number, n: number): number {
  return Math.ceil(m / MR) >= Math.ceil(n / NR) ? ROWS : COLUMNS;
}

/** The register-tile size along an axis. */
export function tileOf(axis: number): number {
  return axis === ROWS ? MR : NR;
}
