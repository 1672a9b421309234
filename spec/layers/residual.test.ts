/**
 * The residual block X⁽ˡ⁺¹⁾ = σ(X⁽ˡ⁾W⁽ˡ⁾) + X⁽ˡ⁾ (EQ-LAYERS-24) as
 * `residualBlock` builds it, gradients through blocks with normalisation
 * inside, the gradient reaching the first layer through depth with and
 * without the skips (pinned), and a wrapper whose summary leaves a
 * BatchNorm body's running averages alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { BatchNorm, Dense, LayerNorm, Residual, Sequential, Sigmoid, Tanh, residualBlock } from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { assertClose, property } from '../harness/index.js';
import { moduleGradCheck, seeds, withRng } from './support.js';

const run = (m: Module, X: Tensor): Tensor => m.forward(ad.constant(X)).value;

property('EQ-LAYERS-24 residualBlock(k) computes relu(X·W) + X (tanh: tanh(X·W) + X), and passes gradCheck', seeds, withRng((rng) => {
  const k = rng.int(1, 6), n = rng.int(1, 5);
  const X = linalg.randn([n, k], rng);
  const relu = residualBlock(k, { rng }), tanh = residualBlock(k, { rng, activation: 'tanh' });
  const W = (block: Residual): Tensor => ((block.body as Sequential).layers[0] as Dense).W.value;
  assertClose(run(relu, X), linalg.add(linalg.maximum(linalg.matmul(X, W(relu)), 0), X), { atol: 1e-15, rtol: 1e-15 }, 'relu');
  assertClose(run(tanh, X), linalg.add(linalg.map(linalg.matmul(X, W(tanh)), Math.tanh), X), { atol: 1e-15, rtol: 1e-15 }, 'tanh');
  assert.deepEqual(relu.namedParameters().map(([name]) => name), ['body.0.W']);
  for (const block of [relu, tanh]) {
    const check = moduleGradCheck(block, X, rng);
    assert.ok(check.ratio <= 1, check.where);
  }
}), { runs: 40 });

property('EQ-LAYERS-24 blocks with normalisation inside, Residual(Dense → LayerNorm → tanh) and Residual(Dense → BatchNorm → tanh), pass gradCheck', seeds, withRng((rng) => {
  const k = rng.int(2, 5), n = rng.int(2, 5);
  const X = linalg.randn([n, k], rng);
  for (const norm of [new LayerNorm(k, { epsilon: 0.01 }), new BatchNorm(k, { epsilon: 0.01 })]) {
    const block = new Residual(new Sequential([new Dense(k, k, { rng }), norm, new Tanh()]));
    const check = moduleGradCheck(block, X, rng);
    assert.ok(check.ratio <= 1, `${norm}: ${check.where}`);
  }
}), { runs: 30 });

test('EQ-LAYERS-24 the gradient reaching the first layer through 5 … 40 sigmoid blocks stays of order 1 with skips and vanishes without them (pinned)', () => {
  const k = 8;
  const X = linalg.randn([16, k], new Rng(5)), u = linalg.randn([16, k], new Rng(6));
  const rows: string[] = [];
  let previousPlain = Infinity;
  for (const L of [5, 10, 20, 40]) {
    const rng = new Rng(24);
    const denses = Array.from({ length: L }, () => new Dense(k, k, { rng, bias: false })); // Glorot uniform
    const withSkips = new Sequential(denses.map((d) => new Residual(new Sequential([d, new Sigmoid()]))));
    const plain = new Sequential(denses.flatMap((d) => [d, new Sigmoid()]));
    const firstGradient = (net: Sequential): number => {
      net.zeroGrad();
      ad.sum(ad.mul(net.forward(ad.constant(X)), u)).backward();
      return linalg.frobenius(denses[0]!.W.grad);
    };
    const skip = firstGradient(withSkips), without = firstGradient(plain);
    rows.push(`L = ${L}: ${skip.toExponential(2)} with skips, ${without.toExponential(2)} without`);
    // measured: with skips 7.4, 7.4, 7.7, 7.1; without 1.2e-2, 2.5e-6, 3.1e-13, 6.5e-27
    assert.ok(skip > 1 && skip < 100, rows.join('; '));
    assert.ok(without < previousPlain / 100, rows.join('; '));
    previousPlain = without;
  }
  assert.ok(previousPlain < 1e-20, rows.join('; '));
});

test('EQ-LAYERS-24 a Residual around BatchNorm: summary and outputShape run no forward pass, the body\'s statistics are saved as body.…', () => {
  const rng = new Rng(246);
  const bn = new BatchNorm(3);
  const block = new Residual(new Sequential([new Dense(3, 3, { rng }), bn]));
  const before = [...bn.runningMean.data];
  assert.deepEqual(block.outputShape([4, 3]), [4, 3]);
  assert.match(new Sequential([block]).summary([4, 3]), /Residual/);
  assert.deepEqual([...bn.runningMean.data], before);
  assert.deepEqual(Object.keys(block.stateDict()), ['body.0.W', 'body.0.b', 'body.1.gamma', 'body.1.beta', 'body.1.runningMean', 'body.1.runningVar']);
  run(block, linalg.randn([4, 3], rng));
  assert.notDeepEqual([...bn.runningMean.data], before, 'a training forward pass moves them');
  block.eval();
  assert.equal(bn.training, false, 'eval() reaches the body');
  assert.throws(() => new Residual(new Dense(3, 2, { rng })).outputShape([1, 3]), ShapeError);
  assert.throws(() => residualBlock(3), (e: unknown) => e instanceof Error && /residualBlock/.test(e.message));
  assert.throws(() => residualBlock(3, { rng, activation: 'gelu' as never }), ValueError);
});
