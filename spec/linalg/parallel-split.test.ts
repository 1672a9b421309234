/**
 * Specs of the pool's route chooser (parallel/split.ts): which products
 * matmul shares, from their measured times. The times here are made up
 * (tests never time anything), and the routes give the same bits, so the
 * spec checks the rule and that matmul's results do not depend on it.
 * And of shared operands (parallel/shared.ts): the workers read an operand
 * that views a SharedArrayBuffer in place, with the bits of the copied path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { matmul, matmulTransA, randn } from '../../src/linalg/index.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { gemm } from '../../src/linalg/kernels/gemm.js';
import { poolStatus } from '../../src/linalg/parallel/pool.js';
import { MAX_OPERAND_BUFFERS } from '../../src/linalg/parallel/product.js';
import { MAX_SHAPES, PROBES, REPROBE_EVERY, SplitChooser, shapeKey } from '../../src/linalg/parallel/split.js';
import { assertSameBits } from '../harness/index.js';
import { GUARD_MS, guarded } from './fixtures/watchdog.js';

/** Run `calls` products of one shape through the chooser, the pool taking `pooledMs` and one thread `singleMs` (functions of the call index). */
function drive(chooser: SplitChooser, key: string, calls: number, pooledMs: (i: number) => number, singleMs: (i: number) => number): boolean[] {
  const routes: boolean[] = [];
  for (let i = 0; i < calls; i++) {
    const pooled = chooser.usePool(key);
    routes.push(pooled);
    chooser.record(key, pooled, pooled ? pooledMs(i) : singleMs(i));
  }
  return routes;
}

test('the chooser times both routes PROBES times (the pool first), then takes the faster, and the other once every REPROBE_EVERY products', () => {
  for (const poolFaster of [false, true]) {
    const chooser = new SplitChooser(), key = shapeKey(false, false, 64, 128, 784, 0);
    const calls = 4 * REPROBE_EVERY;
    const routes = drive(chooser, key, calls, () => (poolFaster ? 1 : 3), () => 2);
    assert.deepEqual(routes.slice(0, 2 * PROBES), Array.from({ length: 2 * PROBES }, (_, i) => i % 2 === 0), 'probes alternate, pool first');
    routes.slice(2 * PROBES).forEach((pooled, j) => {
      const call = 2 * PROBES + j + 1; // usePool counts calls from 1
      const expected = call % REPROBE_EVERY === 0 ? !poolFaster : poolFaster;
      assert.equal(pooled, expected, `call ${call}: pool ${poolFaster ? 'faster' : 'slower'}`);
    });
    const other = routes.filter((pooled) => pooled !== poolFaster).length - PROBES;
    assert.ok(other <= Math.ceil(calls / REPROBE_EVERY), `the slower route ran ${other} times after the probes`);
  }
});

test('the chooser follows a change of load: the pool, slower at first, is taken once its re-probes measure it faster; a cold first probe does not decide', () => {
  const chooser = new SplitChooser(), key = shapeKey(true, false, 784, 128, 64, 0);
  // The pool's first probe is slow (cold code), its second fast: the least of the probes counts.
  const early = drive(chooser, key, 2 * PROBES + 3, (i) => (i === 0 ? 50 : 1), () => 2);
  assert.deepEqual(early.slice(2 * PROBES), [true, true, true]);
  // Then the pool becomes slow (a busy machine): one re-probe moves t toward 10, and one thread is taken.
  const chooser2 = new SplitChooser();
  drive(chooser2, key, 2 * PROBES, () => 1, () => 2);
  const busy = drive(chooser2, key, 4 * REPROBE_EVERY, () => 10, () => 2);
  const lastQuarter = busy.slice(3 * REPROBE_EVERY);
  assert.ok(lastQuarter.filter((pooled) => pooled).length <= 1, 'a slow pool is left after it measured slow');
  // And fast again: the re-probes of the pool bring it back.
  const back = drive(chooser2, key, 12 * REPROBE_EVERY, () => 0.5, () => 2);
  assert.ok(back.slice(-REPROBE_EVERY).filter((pooled) => pooled).length >= REPROBE_EVERY - 1, 'a fast pool is taken again');
});

test('shapes are told apart by m, n, k, the transposes and β ≠ 0, and at most MAX_SHAPES are remembered', () => {
  const keys = new Set([
    shapeKey(false, false, 2, 3, 4, 0), shapeKey(false, false, 3, 2, 4, 0), shapeKey(false, false, 2, 4, 3, 0),
    shapeKey(true, false, 2, 3, 4, 0), shapeKey(false, true, 2, 3, 4, 0), shapeKey(false, false, 2, 3, 4, 1),
    shapeKey(false, false, 23, 4, 5, 0), shapeKey(false, false, 2, 34, 5, 0),
  ]);
  assert.equal(keys.size, 8);
  const chooser = new SplitChooser();
  for (let i = 0; i < MAX_SHAPES; i++) chooser.usePool(shapeKey(false, false, i + 1, 1, 1, 0));
  assert.equal(chooser.size, MAX_SHAPES);
  chooser.usePool('one more');
  assert.equal(chooser.size, 1, 'one more shape clears them');
  chooser.record('never seen', true, 1); // harmless
  assert.equal(chooser.size, 1);
});

test('EQ-LINALG-01 with the pool started, repeated products of one shape (probes, choices, re-probes) give the bits of one thread', { timeout: GUARD_MS }, guarded(async () => {
  const rng = new Rng(19);
  const x = randn([64, 196], rng), w = randn([196, 128], rng), g = randn([64, 128], rng);
  const alone = [matmul(x, w), matmulTransA(x, g)];
  parallel.start(2);
  try {
    for (let i = 0; i < 2 * PROBES + REPROBE_EVERY + 2; i++) {
      assertSameBits(matmul(x, w).data, alone[0]!.data, `matmul, product ${i}`);
      assertSameBits(matmulTransA(x, g).data, alone[1]!.data, `matmulTransA, product ${i}`);
    }
  } finally {
    await parallel.stop();
  }
}));

test('EQ-LINALG-01 shared operands: the same bits as one thread and as the copied path, all transposes and β; A and B are not copied', { timeout: GUARD_MS }, guarded(async () => {
  const rng = new Rng(7);
  const [m, n, k] = [40, 36, 150]; // k > 2·max(m, n): the copied path copies more than all of C twice
  parallel.start(2);
  try {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const beta of [0, 0.5]) {
          const A = randn([m * k], rng).data, B = randn([k * n], rng).data, C0 = randn([m * n], rng).data;
          const sA = parallel.shared({ shape: [m * k], data: A }).data, sB = parallel.shared({ shape: [k * n], data: B }).data;
          assert.ok(sA.buffer instanceof SharedArrayBuffer && sB.buffer instanceof SharedArrayBuffer);
          assertSameBits(sA, A, 'shared() copies the values bit for bit');
          const one = C0.slice(), copied = C0.slice(), inPlace = C0.slice();
          gemm(transA, transB, m, n, k, 1.25, A, B, beta, one);
          const before = poolStatus()!.copied;
          parallel.parallelGemm(transA, transB, m, n, k, 1.25, A, B, beta, copied);
          const middle = poolStatus()!.copied;
          parallel.parallelGemm(transA, transB, m, n, k, 1.25, sA, sB, beta, inPlace);
          const after = poolStatus()!.copied;
          const label = `transA=${transA} transB=${transB} β=${beta}`;
          assertSameBits(copied, one, `copied path, ${label}`);
          assertSameBits(inPlace, one, `shared path, ${label}`);
          assert.ok(middle - before > 2 * m * n, `the copied path copies op(A) or op(B): ${middle - before}`);
          assert.ok(after - middle <= 2 * m * n, `the shared path copies at most C's parts: ${after - middle}`);
        }
      }
    }
    // A view into the middle of a shared buffer, and more buffers than the workers keep: copied again, same bits.
    const [p, q, r] = [24, 20, 30];
    for (let i = 0; i <= MAX_OPERAND_BUFFERS; i++) {
      const big = parallel.shared(randn([p * r + 13], rng)).data, A = big.subarray(13), B = randn([r * q], rng).data;
      const one = new Float64Array(p * q), pooled = new Float64Array(p * q);
      gemm(false, false, p, q, r, 1, A, B, 0, one);
      parallel.parallelGemm(false, false, p, q, r, 1, A, B, 0, pooled);
      assertSameBits(pooled, one, `shared buffer ${i + 1}`);
    }
  } finally {
    await parallel.stop();
  }
}));
