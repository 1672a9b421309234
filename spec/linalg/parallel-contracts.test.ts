/**
 * Contract table of linalg/parallel (spec/harness/contracts.ts): every
 * runtime export of src/linalg/parallel/index.ts with bad calls and the
 * typed error each must get, naming the function called, leaving every
 * argument unchanged (bit for bit), and returning within the timeout. The
 * parallelGemm calls run twice, without a pool and on a running pool of 2
 * threads, since the pool must not change what is checked. A bad start()
 * must start nothing.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { maxWorkers } from '../../src/linalg/parallel/pool.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

/** Operands of a product big enough for the pool (m = 90, n = 100, k = 80), made afresh for each call. */
const [m, n, k] = [90, 100, 80];
const fresh = () => ({
  A: Float64Array.from({ length: m * k }, (_, i) => Math.sin(i)),
  B: Float64Array.from({ length: k * n }, (_, i) => Math.cos(i)),
  C: Float64Array.from({ length: m * n }, (_, i) => i / 7),
});

/** parallelGemm's arguments with `change` applied to the valid ones (by position). */
function gemmArgs(change: Record<number, unknown> = {}): () => unknown[] {
  return () => {
    const { A, B, C } = fresh();
    const args: unknown[] = [false, false, m, n, k, 1.5, A, B, 0.5, C];
    for (const [at, value] of Object.entries(change)) args[Number(at)] = typeof value === 'function' ? value(args) : value;
    return args;
  };
}

const gemmCalls: BadCall[] = [
  { label: 'transA a number', args: gemmArgs({ 0: 1 }), error: ArgumentTypeError },
  { label: 'transB a string', args: gemmArgs({ 1: 'true' }), error: ArgumentTypeError },
  { label: 'm negative', args: gemmArgs({ 2: -1 }), error: ValueError },
  { label: 'n fractional', args: gemmArgs({ 3: 2.5 }), error: ValueError },
  { label: 'k NaN', args: gemmArgs({ 4: NaN }), error: ValueError },
  { label: 'k a string', args: gemmArgs({ 4: '80' }), error: ArgumentTypeError },
  { label: 'm beyond 2^53', args: gemmArgs({ 2: 2 ** 53 }), error: ValueError },
  { label: 'alpha NaN', args: gemmArgs({ 5: NaN }), error: ValueError },
  { label: 'alpha a bigint', args: gemmArgs({ 5: 1n }), error: ArgumentTypeError },
  { label: 'beta infinite', args: gemmArgs({ 8: -Infinity }), error: ValueError },
  { label: 'beta undefined', args: gemmArgs({ 8: undefined }), error: ArgumentTypeError },
  { label: 'A a nested array', args: gemmArgs({ 6: [[1, 2], [3, 4]] }), error: ArgumentTypeError },
  { label: 'B a Float32Array', args: gemmArgs({ 7: new Float32Array(k * n) }), error: ArgumentTypeError },
  { label: 'C null', args: gemmArgs({ 9: null }), error: ArgumentTypeError },
  { label: 'A one value short of m·k', args: gemmArgs({ 6: new Float64Array(m * k - 1) }), error: ShapeError },
  { label: 'B one value longer than k·n', args: gemmArgs({ 7: new Float64Array(k * n + 1) }), error: ShapeError },
  { label: 'C sized n·n, not m·n', args: gemmArgs({ 9: new Float64Array(n * n) }), error: ShapeError },
  { label: 'm and k swapped (A is m×k)', args: gemmArgs({ 2: k, 4: m }), error: ShapeError },
  { label: 'transA with A stored m×k, m ≠ k', args: gemmArgs({ 0: true, 4: 81, 7: new Float64Array(81 * n) }), error: ShapeError },
  { label: 'transB, k = 81, B of 80·n values (Bᵀ needs n×k)', args: gemmArgs({ 1: true, 4: 81, 6: new Float64Array(m * 81) }), error: ShapeError },
  { label: 'C is A', args: gemmArgs({ 2: 90, 3: 90, 4: 90, 6: new Float64Array(8100), 7: new Float64Array(8100), 9: (a: unknown[]) => a[6] }), error: ValueError },
  {
    label: 'C overlaps the end of B',
    args: () => {
      const memory = new Float64Array(m * k + k * n + m * n);
      return [false, false, m, n, k, 1, memory.subarray(0, m * k), memory.subarray(m * k, m * k + k * n), 0,
        memory.subarray(m * k + k * n - 1, m * k + k * n - 1 + m * n)];
    },
    error: ValueError,
  },
  { label: 'threads 0', args: () => [...gemmArgs()(), 0], error: ValueError },
  { label: 'threads fractional', args: () => [...gemmArgs()(), 1.5], error: ValueError },
  { label: 'threads a string', args: () => [...gemmArgs()(), '2'], error: ArgumentTypeError },
];

const table = {
  start: [
    { label: 'workers 0', args: [0], error: ValueError, names: 'parallel.start' },
    { label: 'workers negative', args: [-2], error: ValueError, names: 'parallel.start' },
    { label: 'workers fractional', args: [1.5], error: ValueError, names: 'parallel.start' },
    { label: 'workers NaN', args: [NaN], error: ValueError, names: 'parallel.start' },
    { label: 'workers infinite', args: [Infinity], error: ValueError, names: 'parallel.start' },
    { label: 'workers above 4 × availableParallelism()', args: () => [maxWorkers() + 1], error: ValueError, names: 'parallel.start' },
    { label: 'workers 1000', args: [1000], error: ValueError, names: 'parallel.start' },
    { label: 'workers a string', args: ['2'], error: ArgumentTypeError, names: 'parallel.start' },
    { label: 'workers null', args: [null], error: ArgumentTypeError, names: 'parallel.start' },
    { label: 'workers a bigint', args: [2n], error: ArgumentTypeError, names: 'parallel.start' },
    { label: 'workers an options object', args: [{ workers: 2 }], error: ArgumentTypeError, names: 'parallel.start' },
  ],
  shared: [
    { label: 't a number', args: [3], error: ArgumentTypeError, names: 'parallel.shared' },
    { label: 't a Float64Array, not a tensor', args: [new Float64Array(4)], error: ArgumentTypeError, names: 'parallel.shared' },
    { label: 't with 3 values for shape [2, 2]', args: [{ shape: [2, 2], data: new Float64Array(3) }], error: ShapeError, names: 'parallel.shared' },
  ],
  parallelGemm: gemmCalls,
  'parallelGemm#on a running pool': gemmCalls.map((bad) => ({
    ...bad,
    names: 'parallelGemm',
    call: (...args: unknown[]) => {
      parallel.start(2);
      return (parallel.parallelGemm as (...a: unknown[]) => void)(...args);
    },
  })),
};

test('contracts linalg/parallel: a bad start() starts nothing', () => {
  for (const workers of [0, 1.5, maxWorkers() + 1, '2', null]) {
    assert.throws(() => parallel.start(workers as number));
    assert.equal(parallel.size(), 1, `start(${String(workers)})`);
  }
});

// 'parallelGemm#on a running pool' is parallelGemm again, called once a pool of 2 threads runs (stopped after the file).
contractSpec('linalg/parallel', parallel as unknown as Record<string, unknown>, table, {
  exempt: { size: 'takes no argument', stop: 'takes no argument' },
});

after(() => parallel.stop());
