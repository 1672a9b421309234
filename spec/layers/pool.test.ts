/**
 * Pooling (EQ-LAYERS-32): no parameters, the output size, max commuting
 * with ReLU, the local shift invariance and its negative control, global
 * pooling's invariance to circular shifts, average pooling as a constant
 * convolution, and gradCheck of every variant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  AvgPool1d, AvgPool2d, Conv2d, GlobalAvgPool, GlobalMaxPool, MaxPool1d, MaxPool2d, avgPool1d, avgPool2d, checkInvariance, globalAvgPool,
  globalMaxPool, maxPool1d, maxPool2d, relu, roll,
} from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

const run = (m: Module, x: Tensor): Tensor => ad.noGrad(() => m.forward(ad.constant(x))).value;

/** max or mean of each window by loops over an explicit list of its entries. */
function poolByLoops(x: Tensor, k: [number, number], s: [number, number], rule: 'max' | 'avg'): Tensor {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const Ho = Math.floor((H - k[0]) / s[0]) + 1, Wo = Math.floor((W - k[1]) / s[1]) + 1;
  const y = linalg.zeros([N, C, Ho, Wo]);
  for (let q = 0; q < N * C; q++) for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    const window: number[] = [];
    for (let u = 0; u < k[0]; u++) for (let v = 0; v < k[1]; v++) window.push(x.data[(q * H + i * s[0] + u) * W + j * s[1] + v]!);
    y.data[(q * Ho + i) * Wo + j] = rule === 'max' ? Math.max(...window) : window.reduce((a, b) => a + b, 0) / window.length;
  }
  return y;
}

property('EQ-LAYERS-32 max and average pooling equal the window max and mean by loops; output ⌊(i − k)/s⌋ + 1; no parameters', seeds, withRng((rng) => {
  const k: [number, number] = [rng.int(1, 4), rng.int(1, 4)], s: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
  const x = linalg.randn([rng.int(1, 3), rng.int(1, 3), k[0] + rng.int(0, 7), k[1] + rng.int(0, 7)], rng);
  for (const [layer, rule] of [[new MaxPool2d(k, { stride: s }), 'max'], [new AvgPool2d(k, { stride: s }), 'avg']] as const) {
    const expected = poolByLoops(x, k, s, rule);
    assert.deepEqual(layer.outputShape(x.shape), expected.shape);
    assertClose(run(layer, x), expected, { atol: 1e-15, rtol: 1e-15 }, rule);
    assert.equal(layer.numParameters(), 0);
    assert.deepEqual(layer.parameters(), []);
  }
}), { runs: 50 });

test('EQ-LAYERS-32 k = s = 2 halves even sizes: 6@28×28 → 6@14×14 (LeNet\'s S2), 16@10×10 → 16@5×5; the stride defaults to the window', () => {
  assert.deepEqual(new AvgPool2d(2).outputShape([1, 6, 28, 28]), [1, 6, 14, 14]);
  assert.deepEqual(new MaxPool2d(2).outputShape([4, 16, 10, 10]), [4, 16, 5, 5]);
  assert.deepEqual(new MaxPool1d(3).outputShape([2, 4, 10]), [2, 4, 3]);
  assert.deepEqual(new AvgPool1d(3, { stride: 1 }).outputShape([2, 4, 10]), [2, 4, 8]);
  assert.equal(new MaxPool2d([2, 3]).toString(), 'MaxPool2d(2×3)');
  assert.equal(new AvgPool1d(3, { stride: 1 }).toString(), 'AvgPool1d(3, stride 1)');
});

property('EQ-LAYERS-32 maxpool(relu(X)) = relu(maxpool(X)) bit for bit: max commutes with a non-decreasing map', seeds, withRng((rng) => {
  const k = rng.int(1, 4), s = rng.int(1, 4);
  const x = ad.constant(linalg.randn([2, 3, k + rng.int(0, 6), k + rng.int(0, 6)], rng));
  assertSameBits(maxPool2d(relu(x), k, { stride: s }).value.data, relu(maxPool2d(x, k, { stride: s })).value.data, 'maxpool ∘ relu');
}), { runs: 50 });

property('EQ-LAYERS-32 local shift invariance: moving a window\'s unique maximum inside its window leaves max pooling unchanged; permuting a window leaves average pooling unchanged (1e-12)', seeds, withRng((rng) => {
  const k = rng.int(2, 4), rows = rng.int(1, 4), cols = rng.int(1, 4);
  const x = linalg.randn([1, 1, k * rows, k * cols], rng);
  const W = k * cols, wi = rng.int(0, rows), wj = rng.int(0, cols); // a window, non-overlapping (s = k)
  const at = (u: number, v: number): number => (wi * k + u) * W + wj * k + v;
  const a = at(rng.int(0, k), rng.int(0, k));
  x.data[a] = 100; // the window's unique maximum
  let b = at(rng.int(0, k), rng.int(0, k));
  if (b === a) b = at(0, 0) === a ? at(k - 1, k - 1) : at(0, 0);
  const moved = linalg.clone(x);
  [moved.data[a], moved.data[b]] = [x.data[b]!, x.data[a]!];
  const max = new MaxPool2d(k), avg = new AvgPool2d(k);
  assertSameBits(run(max, moved).data, run(max, x).data, 'max pooling');
  assertClose(run(avg, moved), run(avg, x), { atol: 1e-12, rtol: 1e-12 });
}), { runs: 50 });

test('EQ-LAYERS-32 negative control: a shift of 1 that carries a maximum across a window boundary changes the output: the invariance is local', () => {
  const x = linalg.zeros([1, 1, 1, 4]);
  x.data[1] = 5; // window [0, 1] holds the maximum
  const pool = new MaxPool1d(2);
  const y = run(pool, linalg.reshape(x, [1, 1, 4])), shifted = run(pool, linalg.reshape(roll(x, 1, 3), [1, 1, 4]));
  assert.deepEqual([...y.data], [5, 0]);
  assert.deepEqual([...shifted.data], [0, 5]);
});

property('EQ-LAYERS-32 global max and average pooling are invariant to every circular shift (max exactly, average to 1e-12), 1-D and 2-D', seeds, withRng((rng) => {
  const x2 = linalg.randn([2, 3, rng.int(1, 7), rng.int(1, 7)], rng), x1 = linalg.randn([2, 3, rng.int(1, 9)], rng);
  const dy = rng.int(-6, 7), dx = rng.int(-6, 7);
  const shift2 = (t: Tensor): Tensor => roll(roll(t, dy, 2), dx, 3), shift1 = (t: Tensor): Tensor => roll(t, dx, 2);
  for (const [x, shift] of [[x2, shift2], [x1, shift1]] as const) {
    assert.ok(checkInvariance((t) => globalMaxPool(ad.constant(t)), shift, x).ok);
    assert.ok(checkInvariance((t) => globalAvgPool(ad.constant(t)), shift, x, { atol: 1e-12, rtol: 1e-12 }).ok);
  }
  assert.deepEqual(run(new GlobalMaxPool(), x2).shape, [2, 3]);
  assertClose(run(new GlobalAvgPool(), x1), linalg.mean(x1, { axis: 2 }), { atol: 0, rtol: 0 });
}), { runs: 50 });

property('EQ-LAYERS-32 average pooling equals a convolution with the constant kernel 1/k² and stride k, to 1e-12', seeds, withRng((rng) => {
  const k = rng.int(1, 4), N = rng.int(1, 3), C = rng.int(1, 3);
  const x = linalg.randn([N, C, k * rng.int(1, 4) + rng.int(0, k), k * rng.int(1, 4)], rng);
  const conv = new Conv2d(1, 1, k, { init: 'zeros', bias: false, stride: k });
  conv.W.value.data.fill(1 / (k * k));
  const [, , H, W] = x.shape as [number, number, number, number];
  const byConv = run(conv, linalg.reshape(x, [N * C, 1, H, W])); // each map on its own
  assertClose(run(new AvgPool2d(k), x).data, byConv.data, { atol: 1e-12, rtol: 1e-12 });
}), { runs: 40 });

property('gradCheck of max and average pooling, 1-D and 2-D, with strides below, at and above the window (inputs without ties)', seeds, withRng((rng) => {
  const k = rng.int(1, 4), s = rng.int(1, 4), two = rng.int(0, 2) === 1;
  const shape = two ? [2, 2, k + rng.int(0, 4), k + rng.int(0, 4)] : [2, 2, k + rng.int(0, 6)];
  const x = linalg.tensor(Float64Array.from(rng.permutation(linalg.sizeOf(shape)), (v) => v * 0.37 - 3), shape); // distinct values: no ties
  const ops = two
    ? [(v: ad.Var) => maxPool2d(v, k, { stride: s }), (v: ad.Var) => avgPool2d(v, [k, 1], { stride: [s, 1] })]
    : [(v: ad.Var) => maxPool1d(v, k, { stride: s }), (v: ad.Var) => avgPool1d(v, k, { stride: s })];
  for (const f of [...ops, globalMaxPool, globalAvgPool]) {
    const check = ad.gradCheck(f, [x], { atol: 1e-7, rtol: 1e-6 });
    assert.ok(check.ok, check.message);
  }
}), { runs: 40 });

test('max pooling: a tie sends the gradient to the first maximiser; a NaN in a window is its maximum (and takes the gradient)', () => {
  const x = ad.variable(linalg.tensor([1, 3, 3, 0, NaN, 2, 1, 1], [1, 1, 8]));
  const y = maxPool1d(x, 2);
  assert.deepEqual([...y.value.data].map(String), ['3', '3', 'NaN', '1']);
  y.backward(linalg.tensor([1, 2, 3, 4], [1, 1, 4]));
  assert.deepEqual([...x.grad.data], [0, 1, 2, 0, 3, 0, 4, 0]);
});

test('pooling refuses a window larger than the input, the wrong rank, a window or stride below 1', () => {
  assert.throws(() => new MaxPool2d(3).forward(ad.constant(linalg.zeros([1, 1, 2, 5]))), (e: Error) => e instanceof ShapeError && e.message.startsWith('MaxPool2d.forward'));
  assert.throws(() => avgPool1d(ad.constant(linalg.zeros([1, 4])), 2), ShapeError);
  assert.throws(() => new AvgPool1d(0), ValueError);
  assert.throws(() => new MaxPool1d(2, { stride: 0 }), ValueError);
  assert.throws(() => globalMaxPool(ad.constant(linalg.zeros([2, 3]))), ShapeError);
  assert.throws(() => new GlobalAvgPool().forward(ad.constant(linalg.zeros([2, 3, 0]))), ShapeError);
});
