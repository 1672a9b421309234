/**
 * The injection point between the products of `matmul.ts` and the optional
 * thread pool of `linalg/parallel/` (Node only).
 *
 *   gemmAuto(…) = hook(…)   if a pool installed a hook and m·n·k ≥ PARALLEL_MIN_WORK
 *               = gemm(…)   otherwise (one thread)
 *
 * Nothing here imports the pool, so linalg loads in a browser or in a
 * vendored copy without `parallel/`, and there every product runs on one
 * thread. The pool calls `setParallelGemm(fn)` in `parallel.start()` and
 * `setParallelGemm(null)` in `parallel.stop()` (and when it gives up after
 * its workers kept exiting); this hook is the only module state, and it
 * never changes a result: the pool sums every C_ij in the same order as
 * `gemm`, so both give the same bits. A pool whose worker fails throws a
 * PoolError naming `where` and leaves C as it was.
 */
import { gemm } from './gemm.js';

/**
 * The smallest product (m·n·k multiply-adds) worth handing to the pool.
 * The pool copies what its workers read of A, B (and C when β ≠ 0) into
 * shared memory, and their part of C back, and
 * a round trip through Atomics (wake a sleeping worker, wait for its
 * answer) costs tens of µs: on this 2-core machine (Intel Xeon, Node 20.20)
 * an 8×8×8 product through a 2-thread pool took about 44 µs against 1.5 µs
 * on one thread (after warm-up; 80 µs cold), close to the ~50 µs that
 * DESIGN.md's "Performance" reports for this kind of machine. The threshold
 * rests on the timings below, not on that figure. Measured on 2 cores
 * (scripts/bench/matmul.ts --sizes 48,64,80,96): for square products the
 * pool with 2 threads overtook one thread between n = 48 and n = 64 from run
 * to run, and was 1.3–1.4× faster at n = 80; the hook starts at 80³ to keep
 * a margin for a worker woken from a long sleep.
 */
export const PARALLEL_MIN_WORK = 80 * 80 * 80;

/**
 * The pool's hook: gemm's contract, plus `where`, the public function the
 * caller called (`matmul`, `matmulInto`, …), which names it in the message
 * of a PoolError should the pool fail. The caller has checked the arguments.
 */
export type ParallelGemmHook = (
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array, where: string,
) => void;

let parallelGemm: ParallelGemmHook | null = null;

/** Install (or, with null, remove) the multi-threaded gemm that gemmAuto uses for big products. */
export function setParallelGemm(fn: ParallelGemmHook | null): void {
  parallelGemm = fn;
}

/** The installed multi-threaded gemm, or null when none is. */
export function getParallelGemm(): ParallelGemmHook | null {
  return parallelGemm;
}

/**
 * gemm, on the pool when one is installed and the product is big enough
 * (same contract, same bits); `where` (default 'matmul') is the public
 * function the caller called, for the pool's errors.
 */
export function gemmAuto(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array, where = 'matmul',
): void {
  if (parallelGemm !== null && m * n * k >= PARALLEL_MIN_WORK) parallelGemm(transA, transB, m, n, k, alpha, A, B, beta, C, where);
  else gemm(transA, transB, m, n, k, alpha, A, B, beta, C);
}
