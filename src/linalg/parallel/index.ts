/**
 * linalg/parallel — a worker_threads pool for big matrix products (Node
 * only; reached as the subpath `lecture-ml/linalg/parallel`, never imported
 * by the rest of the library).
 *
 *   // parallel: this module, imported as a namespace from the subpath above
 *   parallel.start();          // one thread per core, the main thread included
 *   matmul(a, b);              // products with m·n·k ≥ 80³ are shared by the threads,
 *                              // shape by shape where that measured faster (split.ts)
 *   await parallel.stop();     // optional: idle workers never keep the process alive
 *   const w = parallel.shared(w0);  // w0's values in shared memory: products read it in place
 *
 * Results are the same bits as on one thread, for any number of workers.
 * start(n) takes 1 ≤ n ≤ 4 × availableParallelism(). A worker that dies or
 * hangs mid-product never hangs the caller (the main thread computes what
 * is missing, same bits); one whose chunk throws gives a PoolError and
 * leaves the output as it was (pool.ts and product.ts say how).
 */
export { parallelGemm, size, start, stop } from './pool.js';
export { shared } from './shared.js';
