/**
 * Specs of the worker_threads pool (linalg/parallel): the same bits as one
 * thread for 1, 2 and 3 workers in all transpose forms (EQ-LINALG-01), the
 * hook that matmul uses above PARALLEL_MIN_WORK, start/stop/restart, the
 * bound on start's worker count, the checks on arguments (workers,
 * threads, an out that overlaps a or b), the axis the pool cuts C along
 * (the one that packs fewer values), a main thread that takes every chunk
 * when the workers wake too late, a worker's boot error reported by
 * start(), a script that used the pool and exits by itself without
 * stop(), and the generation rule of the chunk states (protocol.ts). Workers that fail are in parallel-faults.test.ts, the contract
 * table in parallel-contracts.test.ts. Every test that runs the pool is
 * guarded (fixtures/watchdog.ts): it fails, rather than hangs, should the pool block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../src/random/index.js';
import { ArgumentTypeError, PoolError, ValueError } from '../../src/errors/index.js';
import { matmul, matmulInto, matmulTransA, matmulTransB, randn, tensor } from '../../src/linalg/index.js';
import { PARALLEL_MIN_WORK, getParallelGemm, setParallelGemm } from '../../src/linalg/kernels/dispatch.js';
import { gemm } from '../../src/linalg/kernels/gemm.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { MAX_WORKERS_PER_CORE, maxWorkers, poolStatus, startPool } from '../../src/linalg/parallel/pool.js';
import {
  BELL, COLUMNS, DONE, FAILED, OPEN, ROWS, STATES, TAKEN,
  chooseAxis, chunkCount, chunkState, claimChunk, controlLength, partRange, settleChunk, tileOf,
} from '../../src/linalg/parallel/protocol.js';
import { KC, MC, NC } from '../../src/linalg/kernels/gemm.js';
import { assertSameBits, checkProperty, gen, property } from '../harness/index.js';
import type { Arbitrary } from '../harness/index.js';
import { operands } from './gemm-cases.js';
import { GUARD_MS, guarded } from './fixtures/watchdog.js';

/**
 * Shapes the pool cuts: tall (rows), wide (columns), square around the
 * threshold, KC-crossing depths, and a 6×8 product (2 tiles along either axis: a third thread gets no chunk).
 */
const shapes: Arbitrary<[number, number, number]> = {
  generate: (rng) => {
    const pick = rng.int(0, 5);
    if (pick === 0) return [6, 8, rng.int(20, 40)];
    if (pick === 1) return [rng.int(5, 12), rng.int(150, 300), rng.int(1, 300)]; // wide: cut along columns
    if (pick === 2) return [rng.int(150, 300), rng.int(5, 12), rng.int(1, 300)]; // tall: cut along rows
    return [rng.int(90, 200), rng.int(90, 200), rng.int(90, 300)];
  },
};

const cases = gen.tuple(
  shapes, gen.oneOf(false, true), gen.oneOf(false, true), gen.oneOf(1, -0.75, 2.5), gen.oneOf(0, 1, -0.5), gen.integer(0, 1_000_000),
) as unknown as Arbitrary<[[number, number, number], boolean, boolean, number, number, number]>;

test('EQ-LINALG-01 the pool gives the same bits as one thread with 2 and 3 threads (all transpose forms, α, β)', { timeout: GUARD_MS }, guarded(async () => {
  try {
    for (const workers of [2, 3]) {
      parallel.start(workers);
      assert.equal(parallel.size(), workers);
      checkProperty(`EQ-LINALG-01 pool of ${workers} = one thread`, cases, ([[m, n, k], transA, transB, alpha, beta, seed]) => {
        const { A, B, C0 } = operands(m, n, k, seed);
        const one = C0.slice(), pooled = C0.slice();
        gemm(transA, transB, m, n, k, alpha, A, B, beta, one);
        parallel.parallelGemm(transA, transB, m, n, k, alpha, A, B, beta, pooled);
        assertSameBits(pooled, one, `${workers} workers, ${m}×${k}·${k}×${n} transA=${transA} transB=${transB}`);
      }, { runs: 12 });
    }
  } finally {
    await parallel.stop();
  }
}));

test('matmul, matmulTransA and matmulTransB go through the pool from PARALLEL_MIN_WORK on, with the same bits', { timeout: GUARD_MS }, guarded(async () => {
  const rng = new Rng(3);
  const side = Math.ceil(Math.cbrt(PARALLEL_MIN_WORK));
  const a = randn([side + 5, side], rng), b = randn([side, side + 9], rng), g = randn([side + 5, side + 9], rng);
  const small = randn([side - 20, side - 20], rng);
  const products = () => [matmul(a, b), matmulTransA(a, g), matmulTransB(g, b), matmul(small, small)];
  const alone = products();
  parallel.start(2);
  try {
    const hook = getParallelGemm();
    assert.ok(hook !== null, 'start() installs the hook');
    let calls = 0;
    const names: string[] = [];
    setParallelGemm((...args) => { calls++; names.push(args[10]); hook(...args); });
    const pooled = products();
    assert.equal(calls, 3, 'the three big products use the pool, the small one does not');
    assert.deepEqual(names, ['matmul', 'matmulTransA', 'matmulTransB'], 'each names itself for the pool\'s errors');
    setParallelGemm(hook);
    pooled.forEach((c, i) => assertSameBits(c.data, alone[i]?.data ?? [], `product ${i}`));
  } finally {
    await parallel.stop();
  }
  assert.equal(getParallelGemm(), null, 'stop() removes the hook');
}));

test('start/stop: size() follows, a second start of the same size is kept, another size restarts, stop twice is harmless', { timeout: GUARD_MS }, guarded(async () => {
  assert.equal(parallel.size(), 1);
  parallel.start(2);
  const hook = getParallelGemm();
  parallel.start(2);
  assert.equal(getParallelGemm(), hook);
  assert.equal(parallel.size(), 2);
  parallel.start(3);
  assert.equal(parallel.size(), 3);
  await parallel.stop();
  await parallel.stop();
  assert.equal(parallel.size(), 1);
  // Restart after stop, and a product that needs a bigger shared buffer than the first.
  parallel.start();
  try {
    for (const side of [100, 180]) {
      const { A, B, C0 } = operands(side, side, side, side);
      const one = C0.slice(), pooled = C0.slice();
      gemm(false, false, side, side, side, 1, A, B, 1, one);
      parallel.parallelGemm(false, false, side, side, side, 1, A, B, 1, pooled);
      assertSameBits(pooled, one, `restarted pool, n = ${side}`);
    }
  } finally {
    await parallel.stop();
  }
  // Without a pool, parallelGemm is gemm on one thread.
  const { A, B, C0 } = operands(50, 40, 30, 1);
  const one = C0.slice(), alone = C0.slice();
  gemm(true, false, 50, 40, 30, 2, A, B, -1, one);
  parallel.parallelGemm(true, false, 50, 40, 30, 2, A, B, -1, alone);
  assertSameBits(alone, one, 'parallelGemm without a pool');
}));

test('matmulInto rejects an out that overlaps a or b (leaving it unchanged) and accepts a disjoint view of the same buffer', { timeout: GUARD_MS }, guarded(async () => {
  const side = Math.ceil(Math.cbrt(PARALLEL_MIN_WORK)) + 4, size = side * side; // big enough for the pool
  const rng = new Rng(5);
  const memory = randn([3 * size], rng).data;
  const view = (from: number) => tensor(memory.subarray(from, from + size), [side, side]);
  const a = view(0), b = view(size);
  parallel.start(2);
  try {
    for (const [label, out] of [['out = a', a], ['out = b', b], ['out straddles a and b', view(size - 3)], ['out overlaps the end of b', view(2 * size - 1)]] as const) {
      const before = memory.slice();
      // (by name: linalg's errors are moving to src/errors)
      assert.throws(() => matmulInto(out, a, b), (error: Error) => error.name === 'ValueError', label);
      assertSameBits(memory, before, `${label}: memory unchanged`);
    }
    const out = view(2 * size), expected = matmul(a, b);
    assert.equal(matmulInto(out, a, b), out);
    assertSameBits(out.data, expected.data, 'a disjoint view of the same buffer');
  } finally {
    await parallel.stop();
  }
}));

test('EQ-LINALG-01 when the workers wake too late for any chunk, the main thread computes them all, with the same bits, and copies nothing back', { timeout: GUARD_MS }, guarded(async () => {
  // The idle workers answer each job without taking a chunk, so main takes
  // chunk 0 and then every other one; a copy back from the shared buffer
  // (which holds no result) would change the bits.
  const loop = new URL('./fixtures/idle-worker.js', import.meta.url);
  try {
    for (const workers of [2, 3]) {
      startPool(workers, loop);
      checkProperty(`pool of ${workers} idle workers = one thread`, cases, ([[m, n, k], transA, transB, alpha, beta, seed]) => {
        const { A, B, C0 } = operands(m, n, k, seed);
        const one = C0.slice(), pooled = C0.slice();
        gemm(transA, transB, m, n, k, alpha, A, B, beta, one);
        parallel.parallelGemm(transA, transB, m, n, k, alpha, A, B, beta, pooled);
        assertSameBits(pooled, one, `${workers} idle workers, ${m}×${k}·${k}×${n} transA=${transA} transB=${transB}`);
      }, { runs: 8 });
      const status = poolStatus();
      assert.equal(status?.workerChunks, 0, 'nothing was copied back');
      assert.equal(status?.afterDeadline, 0, 'main took the open chunks at once, without waiting for a deadline');
    }
  } finally {
    await parallel.stop();
  }
}));

test(`start(n) rejects n that is not a safe integer from 1 to ${MAX_WORKERS_PER_CORE} × availableParallelism(), starting nothing; the bound itself starts`, { timeout: GUARD_MS }, guarded(async () => {
  assert.equal(maxWorkers(), MAX_WORKERS_PER_CORE * availableParallelism());
  const bad: [unknown, typeof ValueError][] = [
    [0, ValueError], [-1, ValueError], [1.5, ValueError], [NaN, ValueError], [Infinity, ValueError], [2 ** 53, ValueError],
    [maxWorkers() + 1, ValueError], [1000, ValueError],
    ['2', ArgumentTypeError], [null, ArgumentTypeError], [2n, ArgumentTypeError], [[2], ArgumentTypeError],
  ];
  for (const [workers, type] of bad) {
    assert.throws(() => parallel.start(workers as number), (error: unknown) => {
      assert.ok(error instanceof type, `start(${String(workers)}): ${String(error)}`);
      assert.match(error.message, /^parallel\.start: workers must be/);
      return true;
    });
    assert.equal(parallel.size(), 1, `start(${String(workers)}) started nothing`);
    assert.equal(getParallelGemm(), null);
  }
  assert.throws(() => parallel.start(maxWorkers() + 1), new RegExp(`at most ${MAX_WORKERS_PER_CORE} × availableParallelism\\(\\) = ${maxWorkers()}`));
  parallel.start(maxWorkers());
  try {
    assert.equal(parallel.size(), maxWorkers());
    const [m, n, k] = [130, 4 * maxWorkers() * 8, 90];
    const { A, B, C0 } = operands(m, n, k, 4);
    const one = C0.slice(), pooled = C0.slice();
    gemm(false, false, m, n, k, 1, A, B, 1, one);
    parallel.parallelGemm(false, false, m, n, k, 1, A, B, 1, pooled);
    assertSameBits(pooled, one, `a pool of ${maxWorkers()} threads`);
  } finally {
    await parallel.stop();
  }
}));

test('start reports the error of a worker that fails to boot, at once, as a PoolError with its message', { timeout: GUARD_MS }, guarded(() => {
  const loop = new URL('./fixtures/failing-worker.js', import.meta.url);
  const began = Date.now();
  assert.throws(() => startPool(3, loop), (error: unknown) => {
    assert.ok(error instanceof PoolError, String(error));
    assert.match(error.message, /^parallel\.start: a worker failed to start: .*boot failed on purpose/);
    return true;
  });
  assert.ok(Date.now() - began < 10_000, 'well before the 20 s timeout');
  assert.equal(parallel.size(), 1);
  assert.equal(getParallelGemm(), null);
}));

test('parallelGemm: threads must be an integer ≥ 1; threads = 1 and 2 give the same bits', { timeout: GUARD_MS }, guarded(async () => {
  const [m, n, k] = [130, 97, 140];
  const { A, B, C0 } = operands(m, n, k, 9);
  parallel.start(2);
  try {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      const C = C0.slice();
      assert.throws(() => parallel.parallelGemm(false, false, m, n, k, 1, A, B, 0.5, C, bad), ValueError, `threads = ${bad}`);
      assertSameBits(C, C0, `threads = ${bad}: C unchanged`);
    }
    const one = C0.slice(), two = C0.slice();
    parallel.parallelGemm(false, true, m, n, k, -1.5, A, B, 0.5, one, 1);
    parallel.parallelGemm(false, true, m, n, k, -1.5, A, B, 0.5, two, 2);
    assertSameBits(two, one, 'threads = 2 vs threads = 1');
  } finally {
    await parallel.stop();
  }
}));

test('a script that used the pool and never called stop() exits by itself', { timeout: GUARD_MS }, guarded(async () => {
  const script = fileURLToPath(new URL('./fixtures/pool-exit.js', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += String(chunk); });
  child.stderr.on('data', (chunk) => { output += String(chunk); });
  const limitMs = 30_000;
  const code = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve('timeout'); }, limitMs);
    child.on('exit', (exitCode) => { clearTimeout(timer); resolve(exitCode ?? -1); });
  });
  assert.equal(code, 0, `the child should exit with 0 within ${limitMs} ms, got ${code}; output:\n${output}`);
  assert.match(output, /threads 2 checksum -?\d/);
}));

/**
 * How many values the threads pack in all when C is cut along `axis` into
 * chunks for `parts` threads: gemmBlocked's loops walked over each chunk
 * (jc by NC, pc by KC: a kc×nc block of op(B); ic by MC: an mc×kc block of op(A)).
 */
function packedValues(m: number, n: number, k: number, parts: number, axis: number): number {
  const length = axis === ROWS ? m : n, tile = tileOf(axis), chunks = chunkCount(length, tile, parts);
  let total = 0;
  for (let q = 0; q < chunks; q++) {
    const [start, end] = partRange(q, chunks, length, tile);
    const [i0, i1, j0, j1] = axis === ROWS ? [start, end, 0, n] : [0, m, start, end];
    for (let jc = j0; jc < j1; jc += NC) {
      const nc = Math.min(NC, j1 - jc);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        total += kc * nc;
        for (let ic = i0; ic < i1; ic += MC) total += Math.min(MC, i1 - ic) * kc;
      }
    }
  }
  return total;
}

property(
  'the pool cuts C along the axis whose chunks pack fewer values (counted by walking the blocked loops)',
  gen.tuple(gen.integer(8, 3000), gen.integer(8, 3000), gen.integer(1, 600), gen.integer(2, 4)),
  ([m, n, k, parts]) => {
    const axis = chooseAxis(m, n, parts);
    const chosen = packedValues(m, n, k, parts, axis), other = packedValues(m, n, k, parts, axis === ROWS ? COLUMNS : ROWS);
    assert.ok(chosen <= other, `${m}×${n}, k = ${k}, ${parts} threads: ${axis === ROWS ? 'rows' : 'columns'} pack ${chosen} values, the other axis ${other}`);
  },
  { runs: 200 },
);

test('a square 1024² product on 2 threads is cut along columns and packs no value twice; a tall thin one along rows', () => {
  assert.equal(chooseAxis(1024, 1024, 2), COLUMNS);
  assert.equal(packedValues(1024, 1024, 1024, 2, COLUMNS), packedValues(1024, 1024, 1024, 1, ROWS), 'as much as one thread');
  assert.equal(chooseAxis(2000, 40, 2), ROWS);
  assert.equal(chooseAxis(4, 500, 2), COLUMNS, 'one row tile: rows cannot be cut');
});

property(
  'protocol: a thread of job g takes an OPEN_g chunk once and settles only its TAKEN_g chunk; a state of any other generation is left alone',
  gen.tuple(gen.oneOf(0, 1, 2 ** 29 - 1, 2 ** 30, 2 ** 31 - 1, -(2 ** 31)), gen.integer(-1000, 1000), gen.integer(1, 2 ** 30 - 1), gen.integer(0, 3)),
  ([base, offset, ahead, status]) => {
    // g and a later generation g' = g + ahead (SEQ wraps as an int32 does), 0 < ahead < 2³⁰.
    const g = (base + offset) | 0, later = (g + ahead) | 0;
    const control = new Int32Array(controlLength(1));
    const at = STATES;
    // Job g' runs: its chunk is in any status; a lagging thread of job g must not change it.
    control[at] = chunkState(later, status);
    assert.equal(claimChunk(control, g, 0), false, 'no chunk of a later job is taken');
    for (const settled of [DONE, FAILED]) settleChunk(control, g, 0, settled);
    assert.equal(control[at], chunkState(later, status), 'nor settled');
    assert.equal(control[BELL], 2, 'each settle rings BELL all the same');
    // Job g itself: OPEN_g is taken once, TAKEN_g settled once.
    control[at] = chunkState(g, OPEN);
    assert.equal(claimChunk(control, g, 0), true);
    assert.equal(control[at], chunkState(g, TAKEN));
    assert.equal(claimChunk(control, g, 0), false, 'a chunk is taken once');
    settleChunk(control, g, 0, status === FAILED ? FAILED : DONE);
    assert.equal(control[at], chunkState(g, status === FAILED ? FAILED : DONE));
    const states = [OPEN, TAKEN, DONE, FAILED].flatMap((s) => [chunkState(g, s), chunkState(later, s)]);
    assert.equal(new Set(states).size, 8, 'the eight states of g and g\' differ');
  },
  { runs: 200 },
);
