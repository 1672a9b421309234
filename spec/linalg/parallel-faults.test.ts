/**
 * Specs of the pool when a worker fails (linalg/parallel; the design is in
 * the headers of product.ts and pool.ts). Each uses a faulty worker loop
 * (fixtures/faulty-worker.ts) that takes a chunk and then exits, hangs,
 * sleeps and scribbles, or throws, and checks that
 *  - the product returns with the same bits as one thread, or throws a
 *    PoolError naming the function called and leaves its output as it
 *    was, within the pool's bound (a guarded test fails, never hangs);
 *  - the pool recovers: later products give the same bits, the worker that
 *    exited is replaced, and a pool whose workers keep exiting stops
 *    itself with a warning.
 * Every chunk the main thread computes reads the caller's arrays and every
 * chunk a worker computes reads the shared copies, so comparing the bits
 * with gemm on one thread catches both a chunk copied back half written
 * and a shared buffer scribbled on by a worker that was given up on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { PoolError } from '../../src/errors/index.js';
import { matmulInto, tensor } from '../../src/linalg/index.js';
import { getParallelGemm } from '../../src/linalg/kernels/dispatch.js';
import { gemm } from '../../src/linalg/kernels/gemm.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { MAX_REPLACEMENTS_PER_THREAD, poolStatus, startPool } from '../../src/linalg/parallel/pool.js';
import type { PoolStatus } from '../../src/linalg/parallel/pool.js';
import { assertSameBits } from '../harness/index.js';
import { operands } from './gemm-cases.js';
import { GUARD_MS, guarded } from './fixtures/watchdog.js';

/** The faulty loop with the given query (see the fixture's header). */
const faulty = (query: string): URL => new URL(`./fixtures/faulty-worker.js?${query}`, import.meta.url);

/**
 * A product big enough to be cut (along columns on 2 or 3 threads) and to
 * keep main busy with chunk 0 for a few ms: a worker woken at its start
 * takes its own chunk long before main could.
 */
const [M, N, K] = [120, 240, 160];

/** How many products a spec tries before it gives up waiting for a worker to take a chunk (a worker woken late finds none). */
const TRIES = 30;

function status(): PoolStatus {
  const s = poolStatus();
  assert.ok(s !== null, 'the pool runs');
  return s;
}

/** Wait (letting the 'exit' events and the replacement's boot through) until `ready()` holds; fail after `limitMs`. */
async function until(what: string, ready: () => boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!ready()) {
    assert.ok(Date.now() < deadline, `still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Twelve products, drawn once with their one-thread results, so that the
 * specs spend their time in pooled products (where a late worker can
 * strike): product `seed` mod 12 has its own operands, transposes, α and β.
 */
const cases = Array.from({ length: 12 }, (_, key) => {
  const { A, B, C0 } = operands(M, N, K, key + 1);
  const transA = (key & 1) === 1, transB = (key & 2) === 2, alpha = key % 3 === 0 ? 1 : -0.75, beta = key % 3 === 2 ? 0 : 0.5;
  const one = C0.slice();
  gemm(transA, transB, M, N, K, alpha, A, B, beta, one);
  return { A, B, C0, transA, transB, alpha, beta, one };
});

/** Product `seed` (mod 12) on the pool against gemm on one thread. */
function checkProduct(seed: number, label: string): void {
  const c = cases[seed % cases.length];
  assert.ok(c !== undefined);
  const pooled = c.C0.slice();
  parallel.parallelGemm(c.transA, c.transB, M, N, K, c.alpha, c.A, c.B, c.beta, pooled);
  assertSameBits(pooled, c.one, `${label} (seed ${seed})`);
}

/**
 * Products (each checked) until a worker has computed a chunk of one of
 * them; returns the next seed. A worker just booted, or on a loaded
 * machine, may wake too late for the first few (main then takes its chunk).
 */
function untilWorkersTakeChunks(seed: number, label: string): number {
  const before = status().workerChunks;
  for (let round = 0; status().workerChunks === before; round++) {
    assert.ok(round < TRIES, `${label}: no worker took a chunk in ${TRIES} products`);
    checkProduct(seed++, label);
  }
  return seed;
}

test('a worker that exits inside its chunk: the product has the same bits as one thread, main computes the chunk at once (not after the deadline), the worker is replaced and later products use it', { timeout: GUARD_MS }, guarded(async () => {
  startPool(2, faulty('fault=exit&times=1'));
  try {
    let seed = 1;
    for (; status().gone === 0; seed++) {
      assert.ok(seed <= TRIES, `the faulty worker took no chunk in ${TRIES} products`);
      checkProduct(seed, 'the product during which the worker exits');
    }
    assert.equal(status().afterExit, 1, 'main computed the dead worker\'s chunk');
    assert.equal(status().afterDeadline, 0, 'without waiting for the deadline: the exit rang BELL');
    checkProduct(seed++, 'a product after the worker exited, before its replacement');
    await until('the replacement boots', () => status().replacements === 1 && status().ready === 2);
    seed = untilWorkersTakeChunks(seed, 'products with the replacement, which computes chunks');
    for (let round = 0; round < 5; round++) checkProduct(seed++, 'a product with the replacement');
    assert.equal(status().afterExit + status().afterDeadline, 1, 'and nothing more had to be rescued');
  } finally {
    await parallel.stop();
  }
}));

test('a worker that hangs inside its chunk: the product has the same bits after the time bound; later products run without it and never wait; stop() ends it', { timeout: GUARD_MS }, guarded(async () => {
  startPool(2, faulty('fault=hang&times=1'));
  try {
    let seed = 1;
    for (; status().afterDeadline === 0; seed++) {
      assert.ok(seed <= TRIES, `the faulty worker took no chunk in ${TRIES} products`);
      checkProduct(seed, 'the product during which the worker hangs');
    }
    assert.equal(status().afterDeadline, 1);
    for (let round = 0; round < 5; round++) checkProduct(seed++, 'a product after the worker hung');
    assert.equal(status().afterDeadline, 1, 'the hung worker takes no chunk, so later products do not wait for it');
    assert.equal(status().gone, 0, 'it has not exited: nothing replaces it');
  } finally {
    await parallel.stop(); // terminates it after the grace period
  }
}));

test('a slow worker that scribbles over its shared buffer after main gave up on it never corrupts a later product, and is used again once it is back', { timeout: GUARD_MS }, guarded(async () => {
  // Worker 1 sleeps 600 ms inside its first chunk, then fills its whole data
  // buffer with NaN for 400 ms; worker 2 is correct and keeps reading the
  // shared copies of A and B and writing C there. Products run back to back
  // across that window and after it.
  const sleepMs = 600, scribbleMs = 400;
  startPool(3, faulty(`fault=slow&times=1&part=1&sleepMs=${sleepMs}&scribbleMs=${scribbleMs}`));
  try {
    let seed = 1;
    for (; status().afterDeadline === 0; seed++) {
      assert.ok(seed <= TRIES, `the slow worker took no chunk in ${TRIES} products`);
      checkProduct(seed, 'the product during which the worker is late');
    }
    const gaveUp = Date.now(), before = status().workerChunks;
    let products = 0;
    while (Date.now() < gaveUp + sleepMs + scribbleMs + 400) {
      checkProduct(seed++, 'a product while the late worker sleeps, scribbles, and comes back');
      products++;
    }
    assert.ok(products >= 10, `products ran across the window (${products})`);
    assert.ok(status().workerChunks > before, 'the correct worker took chunks meanwhile');
    for (let round = 0; round < 5; round++) checkProduct(seed++, 'a product once the slow worker is back');
    // When the late worker comes back it cannot settle its old chunk (nor a
    // chunk of the job then running, which would make that job wait).
    assert.equal(status().afterDeadline, 1, 'only the product during which the worker was late waited for the deadline');
  } finally {
    await parallel.stop();
  }
}));

test('a worker whose chunk throws: a PoolError naming matmulInto (or parallelGemm), with the worker\'s message, and the output left as it was; later products have the same bits', { timeout: GUARD_MS }, guarded(async () => {
  startPool(2, faulty('fault=throw&times=2'));
  try {
    // matmulInto (β = 0): out holds values that the product would overwrite.
    const [m, n, k] = [M, N, K];
    const { A, B, C0 } = operands(m, n, k, 11);
    const a = tensor(A, [m, k]), b = tensor(B, [k, n]);
    let failures = 0, seed = 100;
    for (let round = 0; failures === 0; round++) {
      assert.ok(round < TRIES, `the faulty worker took no chunk in ${TRIES} products`);
      const out = tensor(C0.slice(), [m, n]);
      try {
        matmulInto(out, a, b);
        const one = new Float64Array(m * n);
        gemm(false, false, m, n, k, 1, A, B, 0, one);
        assertSameBits(out.data, one, 'a matmulInto that did not fail');
      } catch (error) {
        assert.ok(error instanceof PoolError, String(error));
        assert.match(error.message, /^matmulInto: a worker of linalg\/parallel failed .*chunk failed on purpose.*left as it was/);
        assertSameBits(out.data, C0, 'a failed matmulInto leaves out unchanged');
        failures++;
      }
    }
    // parallelGemm with transposes and β ≠ 0 (its C is read, then must come back bit for bit).
    for (let round = 0; failures === 1; round++) {
      assert.ok(round < TRIES, `the faulty worker took no chunk in ${TRIES} products`);
      const { A: At, B: Bt, C0: C1 } = operands(m, n, k, seed++);
      const C = C1.slice(), one = C1.slice();
      try {
        parallel.parallelGemm(true, true, m, n, k, -1.25, At, Bt, 0.5, C);
        gemm(true, true, m, n, k, -1.25, At, Bt, 0.5, one);
        assertSameBits(C, one, 'a parallelGemm that did not fail');
      } catch (error) {
        assert.ok(error instanceof PoolError, String(error));
        assert.match(error.message, /^parallelGemm: a worker of linalg\/parallel failed/);
        assertSameBits(C, C1, 'a failed parallelGemm leaves C unchanged');
        failures++;
      }
    }
    seed = untilWorkersTakeChunks(seed, 'products after the failures: the worker that threw still takes chunks');
    for (let round = 0; round < 5; round++) checkProduct(seed++, 'a product after the failures');
  } finally {
    await parallel.stop();
  }
}));

test(`workers that keep exiting: the pool replaces them ${MAX_REPLACEMENTS_PER_THREAD} × threads times, then stops itself with a warning; products keep the same bits; start() brings it back`, { timeout: GUARD_MS }, guarded(async () => {
  const threads = 2, replacements = MAX_REPLACEMENTS_PER_THREAD * threads;
  startPool(threads, faulty('fault=exit'));
  const warned = once(process, 'warning');
  try {
    let seed = 1;
    for (let death = 1; death <= replacements + 1; death++) {
      for (let round = 0; status().gone < death; round++) {
        assert.ok(round < TRIES, `the faulty worker took no chunk in ${TRIES} products`);
        checkProduct(seed++, `the product during which worker ${death} exits`);
      }
      if (death <= replacements) await until(`replacement ${death} boots`, () => status().replacements === death && status().ready === death + 1);
    }
    await until('the pool stops itself', () => poolStatus() === null); // (the workers are unref'd: keep the loop up)
    const [warning] = (await warned) as [Error];
    assert.equal(warning.name, 'PoolWarning');
    assert.match(warning.message, /linalg\/parallel has stopped, and products run on one thread until parallel\.start\(\) is called again/);
    assert.equal(parallel.size(), 1);
    assert.equal(poolStatus(), null);
    assert.equal(getParallelGemm(), null, 'matmul no longer goes through the pool');
    checkProduct(seed++, 'a product once the pool has stopped itself');
    parallel.start(threads);
    assert.equal(parallel.size(), threads);
    untilWorkersTakeChunks(seed, 'products on the restarted pool');
  } finally {
    await parallel.stop();
  }
}));
