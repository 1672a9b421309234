/**
 * A full CNN (EQ-LAYERS-33): LeNet-5's shape arithmetic and parameter
 * count, conv → pool → flatten → dense giving (batch, classes), gradients
 * reaching the kernels (central differences on a tiny network), the two
 * routes of the convolutions giving one model, and a circular convolution
 * followed by global pooling making the model invariant to circular shifts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  AvgPool2d, Conv1d, Conv2d, Dense, Flatten, GlobalAvgPool, GlobalMaxPool, MaxPool2d, ReLU, Sequential, Tanh, checkInvariance, lenet5, roll,
} from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { assertClose, property } from '../harness/index.js';
import { moduleGradCheck, seeds, withRng } from './support.js';

const run = (m: Module, x: Tensor): Tensor => ad.noGrad(() => m.forward(ad.constant(x))).value;

test('EQ-LAYERS-33 LeNet-5: 1@32×32 → 6@28×28 → 6@14×14 → 16@10×10 → 16@5×5 → 120 → 84 → 10, with 61,706 parameters', () => {
  const net = lenet5({ rng: new Rng(5) });
  const rows = net.layerSummary([8, 1, 32, 32]);
  const shapes = rows.map((r) => r.outputShape);
  assert.deepEqual(shapes, [
    [8, 6, 28, 28], [8, 6, 28, 28], [8, 6, 14, 14], // C1, tanh, S2
    [8, 16, 10, 10], [8, 16, 10, 10], [8, 16, 5, 5], // C3, tanh, S4
    [8, 120, 1, 1], [8, 120, 1, 1], [8, 120], // C5, tanh, flatten
    [8, 84], [8, 84], [8, 10], // F6, tanh, output
  ]);
  // each shape by the formulas: o = ⌊(i + 2p − k)/s⌋ + 1 for the convolutions, ⌊(i − k)/s⌋ + 1 for the pooling
  const conv = (i: number): number => Math.floor((i + 0 - 5) / 1) + 1, pool = (i: number): number => Math.floor((i - 2) / 2) + 1;
  assert.deepEqual([conv(32), pool(conv(32)), conv(pool(conv(32))), pool(conv(pool(conv(32)))), conv(pool(conv(pool(conv(32)))))], [28, 14, 10, 5, 1]);
  assert.deepEqual(rows.map((r) => r.parameters), [156, 0, 0, 2416, 0, 0, 48120, 0, 0, 10164, 0, 850]);
  assert.equal(net.numParameters(), 61706);
  assert.deepEqual(run(net, linalg.randn([2, 1, 32, 32], new Rng(1))).shape, [2, 10]);
  const summary = net.summary([8, 1, 32, 32]);
  for (const line of ['Conv2d(1 → 6, 5×5)', '[8, 6, 28, 28]', 'AvgPool2d(2×2)', '[8, 16, 5, 5]', 'Conv2d(16 → 120, 5×5)', 'total parameters: 61706']) {
    assert.ok(summary.includes(line), `${line} in\n${summary}`);
  }
  // the options: max pooling, ReLU, three input channels, 7 classes
  const other = lenet5({ rng: new Rng(5), pooling: 'max', activation: 'relu', inChannels: 3, classes: 7 });
  assert.ok(other.layers[2] instanceof MaxPool2d && other.layers[1] instanceof ReLU);
  assert.equal(other.numParameters(), 61706 - 156 + 6 * (3 * 25 + 1) - 850 + 84 * 7 + 7);
  assert.ok(net.layers[2] instanceof AvgPool2d && net.layers[1] instanceof Tanh);
});

test('EQ-LAYERS-33 lenet5 refuses a missing rng, an unknown pooling or activation, and an input that is not 32×32', () => {
  assert.throws(() => lenet5(undefined as never), ArgumentTypeError);
  assert.throws(() => lenet5({} as never), ArgumentTypeError);
  assert.throws(() => lenet5({ rng: new Rng(1), pooling: 'median' as never }), ValueError);
  assert.throws(() => lenet5({ rng: new Rng(1), activation: 'swish' as never }), ValueError);
  assert.throws(() => lenet5({ rng: new Rng(1) }).outputShape([1, 1, 28, 28]), (e: Error) => /Conv2d\.outputShape/.test(e.message));
});

property('EQ-LAYERS-33 conv → pool → flatten → dense maps (batch, C, H, W) to (batch, classes), and the gradients reach the kernels (central differences)', seeds, withRng((rng) => {
  const C = rng.int(1, 3), classes = rng.int(2, 4), H = rng.int(5, 8), W = rng.int(5, 8), n = rng.int(1, 3);
  const k = 3, Ho = Math.floor((H - k + 1) / 2), Wo = Math.floor((W - k + 1) / 2);
  const net = new Sequential([
    new Conv2d(C, 2, k, { rng }), new Tanh(), new AvgPool2d(2), new Flatten(), new Dense(2 * Ho * Wo, classes, { rng }),
  ]);
  const x = linalg.randn([n, C, H, W], rng);
  assert.deepEqual(run(net, x).shape, [n, classes]);
  const check = moduleGradCheck(net, x, rng);
  assert.ok(check.ratio <= 1, check.where);
  // and a loss's gradient is non-zero on every kernel
  net.zeroGrad();
  crossEntropyWithLogits(net.forward(ad.constant(x)), linalg.tensor(Array.from({ length: n }, () => rng.int(0, classes)), [n])).backward();
  const conv = net.layers[0] as Conv2d;
  for (let f = 0; f < 2; f++) assert.ok(conv.W.grad.data.subarray(f * C * 9, (f + 1) * C * 9).some((v) => v !== 0));
}), { runs: 8 });

test('EQ-LAYERS-33 LeNet-5 with the direct convolution loops is the same model: the same logits, loss and gradients to 1e-10', () => {
  const fast = lenet5({ rng: new Rng(9), activation: 'relu', pooling: 'max' });
  const direct = lenet5({ rng: new Rng(9), activation: 'relu', pooling: 'max', method: 'direct' });
  const rng = new Rng(3);
  const x = linalg.randn([3, 1, 32, 32], rng), y = linalg.tensor([0, 4, 9], [3]);
  const losses = [fast, direct].map((net) => {
    net.zeroGrad();
    const L = crossEntropyWithLogits(net.forward(ad.constant(x)), y);
    L.backward();
    return L.item();
  });
  assertClose(losses[0]!, losses[1]!, { atol: 1e-12, rtol: 1e-12 });
  fast.parameters().forEach((p, i) => assertClose(p.grad, direct.parameters()[i]!.grad, { atol: 1e-10, rtol: 1e-10 }, fast.namedParameters()[i]![0]));
});

property('EQ-LAYERS-33 circular convolution followed by global pooling makes the whole model invariant to circular shifts (max exactly, average to 1e-12), 1-D and 2-D', seeds, withRng((rng) => {
  const net2 = new Sequential([new Conv2d(2, 3, 3, { rng, padding: 'same', paddingMode: 'circular' }), new ReLU(), new GlobalMaxPool(), new Dense(3, 2, { rng })]);
  const x2 = linalg.randn([2, 2, rng.int(3, 8), rng.int(3, 8)], rng), dy = rng.int(-8, 9), dx = rng.int(-8, 9);
  assert.ok(checkInvariance((t) => run(net2, t), (t) => roll(roll(t, dy, 2), dx, 3), x2).ok);
  const net1 = new Sequential([new Conv1d(4, 3, 5, { rng, padding: 'same', paddingMode: 'circular', dilation: 2 }), new Tanh(), new GlobalAvgPool()]);
  const x1 = linalg.randn([2, 4, rng.int(5, 20)], rng), d = rng.int(-20, 21);
  assert.ok(checkInvariance((t) => run(net1, t), (t) => roll(t, d, 2), x1, { atol: 1e-12, rtol: 1e-12 }).ok);
  // with zero padding a shift reaches the border and the output moves
  const zero = new Sequential([new Conv2d(2, 3, 3, { rng, padding: 'same' }), new ReLU(), new GlobalAvgPool()]);
  const check = checkInvariance((t) => run(zero, t), (t) => roll(t, 1, 3), x2, { atol: 1e-12, rtol: 1e-12 });
  assert.equal(check.ok, false);
}), { runs: 30 });
