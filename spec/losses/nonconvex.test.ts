/**
 * EQ-LOSSES-08: the loss of a neural network is not convex in its
 * parameters. Permuting the hidden units of a one-hidden-layer MLP gives
 * another parameter vector π(θ) with the same predictions, so the same
 * loss; the midpoint of θ and π(θ) is a different network whose loss is
 * higher, which breaks the midpoint inequality L((θ₁ + θ₂)/2) ≤ (L(θ₁) +
 * L(θ₂))/2 that every convex function keeps. Linear regression's MSE and
 * logistic regression's BCE keep it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Sequential, Tanh } from '../../src/layers/index.js';
import { binaryCrossEntropyWithLogits, mse } from '../../src/losses/index.js';
import { assertClose, property } from '../harness/index.js';
import { gradientDescent, seeds, withRng } from '../layers/support.js';

/** d → H → 1 with tanh, and its parameters as plain tensors [W₁, b₁, W₂, b₂]. */
function mlp(d: number, H: number, rng: Rng): Sequential {
  return new Sequential([new Dense(d, H, { rng }), new Tanh(), new Dense(H, 1, { rng })]);
}

/** π(θ): hidden unit j becomes unit order[j] (columns of W₁, entries of b₁, rows of W₂). */
function permuteHidden(net: Sequential, order: Int32Array): Tensor[] {
  const [W1, b1, W2, b2] = net.parameters().map((v) => v.value) as [Tensor, Tensor, Tensor, Tensor];
  const [d, H] = W1.shape as [number, number];
  const pW1 = linalg.zeros([d, H]), pb1 = linalg.zeros([H]), pW2 = linalg.zeros([H, 1]);
  for (let j = 0; j < H; j++) {
    const k = order[j]!;
    for (let i = 0; i < d; i++) pW1.data[i * H + k] = W1.data[i * H + j]!;
    pb1.data[k] = b1.data[j]!;
    pW2.data[k] = W2.data[j]!;
  }
  return [pW1, pb1, pW2, linalg.clone(b2)];
}

/** The loss of `net` with its parameters set to θ (restored afterwards). */
function lossAt(net: Sequential, theta: Tensor[], X: Tensor, y: Tensor): { loss: number; yHat: Tensor } {
  const params = net.parameters(), saved = params.map((p) => linalg.clone(p.value));
  params.forEach((p, i) => p.value.data.set(theta[i]!.data));
  const yHat = net.forward(ad.constant(X));
  const loss = mse(yHat, y).item();
  params.forEach((p, i) => p.value.data.set(saved[i]!.data));
  return { loss, yHat: yHat.value };
}

property('EQ-LOSSES-08 permuting the hidden units leaves the predictions and the loss unchanged', seeds, withRng((rng) => {
  const d = rng.int(1, 4), H = rng.int(2, 7), n = rng.int(1, 10);
  const net = mlp(d, H, rng);
  linalg.addScaledInto(net.parameters()[1]!.value, linalg.randn([H], rng));
  const X = linalg.randn([n, d], rng), y = linalg.randn([n, 1], rng);
  const theta = net.parameters().map((p) => linalg.clone(p.value));
  const a = lossAt(net, theta, X, y), b = lossAt(net, permuteHidden(net, rng.permutation(H)), X, y);
  assertClose(b.yHat, a.yHat, { atol: 1e-12, rtol: 1e-12 });
  assertClose(b.loss, a.loss, { atol: 1e-12, rtol: 1e-12 });
}), { runs: 50 });

test('EQ-LOSSES-08 (demonstrative, seed 8) the midpoint of θ and its permutation π(θ) has a higher loss: not convex', () => {
  const rng = new Rng(8);
  const X = linalg.randn([40, 2], rng);
  const y = linalg.tensor(Array.from({ length: 40 }, (_, i) => Math.sin(2 * X.data[2 * i]!) * X.data[2 * i + 1]!), [40, 1]);
  const net = mlp(2, 4, rng);
  gradientDescent(net.parameters(), () => mse(net.forward(ad.constant(X)), y), 0.1, 300);
  const theta = net.parameters().map((p) => linalg.clone(p.value));
  const swapped = permuteHidden(net, Int32Array.from([1, 0, 3, 2]));
  const middle = theta.map((t, i) => linalg.scale(linalg.add(t, swapped[i]!), 0.5));
  const L = lossAt(net, theta, X, y).loss, Lpi = lossAt(net, swapped, X, y).loss, Lmid = lossAt(net, middle, X, y).loss;
  assertClose(Lpi, L, { atol: 1e-12, rtol: 1e-12 });
  assert.ok(Lmid > (L + Lpi) / 2, `L(mid) = ${Lmid} should exceed (L(θ) + L(π(θ)))/2 = ${(L + Lpi) / 2}`);
});

test('EQ-LOSSES-08 contrast: the MSE of linear regression and the BCE of logistic regression keep the midpoint inequality (1000 pairs)', () => {
  const rng = new Rng(80);
  const X = linalg.randn([30, 3], rng);
  const yReal = linalg.randn([30], rng), yBinary = linalg.map(yReal, (v) => (v > 0 ? 1 : 0));
  const losses = [
    (w: Tensor) => mse(ad.matmul(ad.constant(X), w), yReal).item(),
    (w: Tensor) => binaryCrossEntropyWithLogits(ad.matmul(ad.constant(X), w), yBinary).item(),
  ];
  for (let k = 0; k < 1000; k++) {
    const a = linalg.randn([3], rng, 0, 3), b = linalg.randn([3], rng, 0, 3);
    const mid = linalg.scale(linalg.add(a, b), 0.5);
    for (const L of losses) {
      const bound = (L(a) + L(b)) / 2;
      assert.ok(L(mid) <= bound + 1e-12 * Math.abs(bound), `pair ${k}`);
    }
  }
});
