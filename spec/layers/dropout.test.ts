/**
 * Dropout (EQ-REGULARIZERS-06): inverted scaling, the identity in
 * evaluation mode, the expected activation kept (statistical tests at
 * 4 standard errors), a new mask per call from the layer's Rng, and a
 * backward pass through the same mask.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Dropout, ReLU, Sequential } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

property('EQ-REGULARIZERS-06 in evaluation mode (and at p = 0) dropout is the identity: the same Var comes back', seeds, withRng((rng) => {
  const p = rng.uniform(0, 0.95);
  const x = ad.variable(linalg.randn([rng.int(1, 6), rng.int(1, 6)], rng));
  const layer = new Dropout(p, { rng: new Rng(rng.int(0, 1000)) });
  const before = layer.rng.state();
  assert.equal(layer.eval().forward(x), x);
  assert.equal(new Dropout(0, { rng }).forward(x), x);
  assert.deepEqual(layer.rng.state(), before, 'no draw in evaluation mode');
}), { runs: 30 });

property('EQ-REGULARIZERS-06 in training mode every output is 0 or x/(1 − p) (to 1 ulp), and the gradient is exactly 0 where a unit was dropped', seeds, withRng((rng) => {
  const p = rng.uniform(0.05, 0.9);
  const x = ad.variable(linalg.randn([rng.int(1, 8), rng.int(1, 8)], rng));
  const y = new Dropout(p, { rng }).forward(x);
  const g = linalg.randn(y.value.shape, rng);
  y.backward(g);
  for (let i = 0; i < y.value.data.length; i++) {
    const yi = y.value.data[i]!, xi = x.value.data[i]!;
    if (yi === 0 && xi !== 0) {
      assert.ok(x.grad.data[i] === 0, `dropped unit ${i} gets no gradient: ${x.grad.data[i]}`); // ±0
    } else {
      assertClose(yi, xi / (1 - p), { atol: 0, rtol: 2 ** -52 }, `kept unit ${i}`);
      assertClose(x.grad.data[i]!, g.data[i]! / (1 - p), { atol: 0, rtol: 2 ** -52 }, `gradient of kept unit ${i}`);
    }
  }
}), { runs: 50 });

test('EQ-REGULARIZERS-06 the fraction of dropped units among 10⁶ is within 4σ (binomial) of p', () => {
  const N = 1_000_000;
  for (const [p, seed] of [[0.1, 1], [0.5, 2], [0.8, 3]] as const) {
    const y = new Dropout(p, { rng: new Rng(seed) }).forward(ad.constant(linalg.ones([N])));
    let zeros = 0;
    for (const v of y.value.data) if (v === 0) zeros++;
    const sigma = Math.sqrt((p * (1 - p)) / N);
    assert.ok(Math.abs(zeros / N - p) <= 4 * sigma, `p = ${p}: dropped ${zeros / N}, 4σ = ${4 * sigma}`);
  }
});

test('EQ-REGULARIZERS-06 the Monte-Carlo mean of y over 10⁴ masks is within 4 standard errors of x (the expected activation is kept)', () => {
  const rng = new Rng(606);
  const T = 10_000, p = 0.3;
  const x = linalg.randn([8], rng, 0, 2);
  const layer = new Dropout(p, { rng });
  const sum = linalg.zeros([8]);
  for (let t = 0; t < T; t++) linalg.addScaledInto(sum, layer.forward(ad.constant(x)).value, 1);
  for (let i = 0; i < 8; i++) {
    const xi = x.data[i]!, mean = sum.data[i]! / T;
    // Var[yᵢ] = xᵢ²·p/(1 − p): yᵢ is xᵢ/(1 − p) with probability 1 − p, else 0
    const standardError = Math.abs(xi) * Math.sqrt(p / (1 - p)) / Math.sqrt(T);
    assert.ok(Math.abs(mean - xi) <= 4 * standardError, `unit ${i}: mean ${mean}, x = ${xi}, 4·SE = ${4 * standardError}`);
  }
});

test('EQ-REGULARIZERS-06 each call draws a new mask; the same seed gives the same masks bit for bit; p = 1 is refused', () => {
  const x = ad.constant(linalg.ones([4, 16]));
  const a = new Dropout(0.5, { rng: new Rng(66) }), b = new Dropout(0.5, { rng: new Rng(66) });
  const a1 = a.forward(x).value.data, a2 = a.forward(x).value.data;
  assert.notDeepEqual(Array.from(a1), Array.from(a2), 'two calls, two masks');
  assertSameBits(b.forward(x).value.data, a1, 'first mask, same seed');
  assertSameBits(b.forward(x).value.data, a2, 'second mask, same seed');
  assert.throws(() => new Dropout(1, { rng: new Rng(0) }), ValueError);
  assert.throws(() => new Dropout(-0.1, { rng: new Rng(0) }), ValueError);
});

test('EQ-REGULARIZERS-06 in a network: train()/eval() reach the dropout layer, and summary draws no mask', () => {
  const rng = new Rng(61);
  const drop = new Dropout(0.5, { rng: new Rng(1) });
  const first = new Dense(3, 5, { rng }), last = new Dense(5, 2, { rng });
  const net = new Sequential([first, new ReLU(), drop, last]);
  const X = ad.constant(linalg.randn([4, 3], rng));
  const state = drop.rng.state();
  assert.match(net.summary([4, 3]), /Dropout\(p = 0\.5\)/);
  assert.deepEqual(drop.rng.state(), state);
  net.eval();
  assert.equal(drop.training, false);
  const withoutDropout = new Sequential([first, new ReLU(), last]);
  assertSameBits(net.forward(X).value.data, withoutDropout.forward(X).value.data, 'in evaluation dropout is the identity');
  net.train();
  assert.notDeepEqual(Array.from(net.forward(X).value.data), Array.from(net.forward(X).value.data));
  assert.deepEqual(Object.keys(net.stateDict()), ['0.W', '0.b', '3.W', '3.b'], 'dropout has no saved state');
});
