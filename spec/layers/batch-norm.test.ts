/**
 * Batch normalisation (EQ-REGULARIZERS-07): standardised features in
 * training mode, invariance to a preceding bias and to the scale of the
 * preceding weights, the 1/c gradient scaling, running averages in
 * evaluation mode (saved in the state), gradients against finite
 * differences, and the stated refusal of a batch of one in training mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { BatchNorm, Dense, Sequential } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { moduleGradCheck, seeds, withRng } from './support.js';

const run = (bn: BatchNorm, X: Tensor): Tensor => bn.forward(ad.constant(X)).value;

/** Column j of an n×C matrix as a plain array. */
const column = (X: Tensor, j: number): number[] => {
  const [n, C] = X.shape as [number, number];
  return Array.from({ length: n }, (_, i) => X.data[i * C + j]!);
};
const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const populationVariance = (v: number[]): number => {
  const m = meanOf(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
};

property('EQ-REGULARIZERS-07 in training mode with γ = 1, β = 0 each feature has batch mean 0 (1e-12) and population variance σ²/(σ² + ε) (1e-12)', seeds, withRng((rng) => {
  const n = rng.int(2, 20), C = rng.int(1, 6), epsilon = rng.next() < 0.5 ? 1e-5 : 0.3;
  const X = linalg.randn([n, C], rng, rng.uniform(-5, 5), rng.uniform(0.1, 3));
  const Y = run(new BatchNorm(C, { epsilon }), X);
  for (let j = 0; j < C; j++) {
    const y = column(Y, j), sigma2 = populationVariance(column(X, j));
    assertClose(meanOf(y), 0, { atol: 1e-12, rtol: 0 }, `feature ${j} mean`);
    assertClose(populationVariance(y), sigma2 / (sigma2 + epsilon), { atol: 1e-12, rtol: 1e-12 }, `feature ${j} variance`);
  }
}), { runs: 100 });

property('EQ-REGULARIZERS-07 a preceding bias is redundant: BN(z + b) = BN(z) to rounding, 16·ε_mach·(max|z| + |b|)/σ per feature; BN(c·z) = BN(z) for c > 0 at ε = 0 (1e-13)', seeds, withRng((rng) => {
  const n = rng.int(2, 12), C = rng.int(1, 5);
  const Z = linalg.randn([n, C], rng);
  const b = linalg.randn([C], rng);
  const c = rng.uniform(0.1, 10);
  const shifted = run(new BatchNorm(C), linalg.add(Z, b)), plain = run(new BatchNorm(C), Z);
  for (let j = 0; j < C; j++) {
    const z = column(Z, j);
    // z + b rounds each entry by ≤ ½ulp(max|z| + |b|); after dividing by σ that is the error of ẑ
    const atol = 16 * 2 ** -52 * (Math.max(...z.map(Math.abs)) + Math.abs(b.data[j]!)) / Math.sqrt(populationVariance(z));
    assertClose(column(shifted, j), column(plain, j), { atol, rtol: 0 }, `bias, feature ${j}`);
  }
  assertClose(run(new BatchNorm(C, { epsilon: 0 }), linalg.scale(Z, c)), run(new BatchNorm(C, { epsilon: 0 }), Z), { atol: 1e-13, rtol: 0 }, 'scale');
}), { runs: 100 });

test('EQ-REGULARIZERS-07 at ε = 1e-5 the scale invariance is approximate: BN(10·z) − BN(z) is of order ε/σ² (pinned)', () => {
  const rng = new Rng(707);
  const Z = linalg.randn([16, 3], rng);
  const d = linalg.max(linalg.abs(linalg.sub(run(new BatchNorm(3), linalg.scale(Z, 10)), run(new BatchNorm(3), Z))));
  assert.ok(d > 1e-7 && d < 5e-5, `max |BN(10z) − BN(z)| = ${d}`);
});

property('EQ-REGULARIZERS-07 the gradient with respect to the preceding weights scales as 1/c when they are scaled by c (ε = 0, 1e-9)', seeds, withRng((rng) => {
  const n = rng.int(3, 10), k = rng.int(1, 4), C = rng.int(1, 4), c = rng.uniform(0.2, 5);
  const X = linalg.randn([n, k], rng), u = linalg.randn([n, C], rng);
  const gradient = (scale: number): Tensor => {
    const dense = new Dense(k, C, { rng: new Rng(3), bias: false });
    dense.W.value.data.set(linalg.scale(dense.W.value, scale).data);
    const net = new Sequential([dense, new BatchNorm(C, { epsilon: 0 })]);
    ad.sum(ad.mul(net.forward(ad.constant(X)), u)).backward();
    return dense.W.grad;
  };
  assertClose(gradient(c), linalg.scale(gradient(1), 1 / c), { atol: 1e-12, rtol: 1e-9 });
}), { runs: 50 });

property('EQ-REGULARIZERS-07 backward matches central differences for x, γ and β, in training and evaluation mode, n×C and n×C×L', seeds, withRng((rng) => {
  const C = rng.int(1, 4), shape = rng.next() < 0.5 ? [rng.int(2, 6), C] : [rng.int(1, 4), C, rng.int(2, 5)];
  const bn = new BatchNorm(C, { epsilon: 0.01 });
  bn.gamma.value.data.set(linalg.randn([C], rng).data);
  bn.beta.value.data.set(linalg.randn([C], rng).data);
  const X = linalg.randn(shape, rng, 0, 2);
  const train = moduleGradCheck(bn, X, rng);
  assert.ok(train.ratio <= 1, `training: ${train.where}`);
  bn.runningVar.data.set(linalg.map(linalg.randn([C], rng), (v) => 0.5 + v * v).data);
  const evaluation = moduleGradCheck(bn.eval(), X, rng);
  assert.ok(evaluation.ratio <= 1, `evaluation: ${evaluation.where}`);
}), { runs: 40 });

test('EQ-REGULARIZERS-07 in evaluation mode an example\'s output does not depend on the rest of the batch; in training mode it does (negative control)', () => {
  const rng = new Rng(77);
  const bn = new BatchNorm(3);
  for (let t = 0; t < 5; t++) run(bn, linalg.randn([8, 3], rng, 1, 2)); // running averages away from their start
  const X = linalg.randn([6, 3], rng), X2 = linalg.clone(X);
  for (let k = 3; k < 18; k++) X2.data[k] = X2.data[k]! + 10; // rows 1 … 5 change, row 0 stays
  bn.eval();
  assertSameBits(run(bn, X).data.subarray(0, 3), run(bn, X2).data.subarray(0, 3), 'row 0 in evaluation mode');
  assertSameBits(run(bn, linalg.tensor(Array.from(X.data.subarray(0, 3)), [1, 3])).data, run(bn, X).data.subarray(0, 3), 'a batch of one in evaluation mode');
  bn.train();
  const a = run(bn, X).data.subarray(0, 3), b = run(bn, X2).data.subarray(0, 3);
  assert.ok(Math.abs(a[0]! - b[0]!) > 0.1, `row 0 in training mode moves with the others: ${a[0]} vs ${b[0]}`);
});

test('EQ-REGULARIZERS-07 running averages: m ← (1 − momentum)·m + momentum·μ_B, v ← (1 − momentum)·v + momentum·σ²_B·m/(m − 1), by hand over two batches', () => {
  const rng = new Rng(7070);
  const momentum = 0.25;
  const bn = new BatchNorm(2, { momentum });
  let mean = [0, 0], variance = [1, 1];
  for (let t = 0; t < 2; t++) {
    const X = linalg.randn([5, 2], rng, 3, 2);
    run(bn, X);
    for (let j = 0; j < 2; j++) {
      const v = column(X, j);
      mean[j] = (1 - momentum) * mean[j]! + momentum * meanOf(v);
      variance[j] = (1 - momentum) * variance[j]! + momentum * populationVariance(v) * 5 / 4;
    }
  }
  assertClose(bn.runningMean, mean, { atol: 1e-14, rtol: 1e-13 });
  assertClose(bn.runningVar, variance, { atol: 1e-14, rtol: 1e-13 });
  // evaluation applies them: y = γ(x − m)/√(v + ε) + β
  const x = linalg.randn([1, 2], rng);
  const y = run(bn.eval(), x);
  for (let j = 0; j < 2; j++) assertClose(y.data[j]!, (x.data[j]! - mean[j]!) / Math.sqrt(variance[j]! + 1e-5), { atol: 1e-14, rtol: 1e-13 });
  bn.train();
  mean = [...bn.runningMean.data];
  variance = [...bn.runningVar.data];
  assert.equal(bn.outputShape([4, 2]).join(), '4,2');
  assert.match(new Sequential([bn]).summary([4, 2]), /BatchNorm\(2\)/);
  assert.deepEqual([...bn.runningMean.data, ...bn.runningVar.data], [...mean, ...variance], 'summary and outputShape do not move the averages');
});

test('EQ-REGULARIZERS-07 the running statistics are saved with γ and β and come back bit for bit', () => {
  const rng = new Rng(17);
  const bn = new BatchNorm(3);
  for (let t = 0; t < 3; t++) run(bn, linalg.randn([4, 3], rng));
  bn.gamma.value.data.set([1.5, -2, 0.25]);
  const saved = JSON.parse(JSON.stringify(bn.stateDict())) as Record<string, unknown>;
  assert.deepEqual(Object.keys(saved), ['gamma', 'beta', 'runningMean', 'runningVar']);
  const copy = new BatchNorm(3).loadStateDict(saved);
  assertSameBits(copy.runningMean.data, bn.runningMean.data, 'runningMean');
  assertSameBits(copy.runningVar.data, bn.runningVar.data, 'runningVar');
  const x = linalg.randn([2, 3], rng);
  assertSameBits(run(copy.eval(), x).data, run(bn.eval(), x).data, 'the loaded copy evaluates as the original');
});

test('EQ-REGULARIZERS-07 a batch of one in training mode is a ValueError (its variance would be 0), and nothing changes; n×C×L uses every position', () => {
  const bn = new BatchNorm(2);
  const before = JSON.stringify(bn.stateDict());
  assert.throws(() => run(bn, linalg.ones([1, 2])), (e: unknown) => e instanceof ValueError && /BatchNorm\.forward: .*batch of one/.test(e.message));
  assert.equal(JSON.stringify(bn.stateDict()), before);
  assert.throws(() => run(bn, linalg.ones([4, 3])), ShapeError);
  assert.throws(() => run(bn, linalg.ones([4])), ShapeError);
  // one sequence of L = 3 positions is 3 values per channel: allowed, and the same as the (n·L)×C matrix of its columns
  const rng = new Rng(2);
  const X = linalg.randn([2, 2, 3], rng); // n = 2, C = 2, L = 3
  const rows = linalg.zeros([6, 2]);
  for (let i = 0; i < 2; i++) for (let c = 0; c < 2; c++) for (let l = 0; l < 3; l++) rows.data[(i * 3 + l) * 2 + c] = X.data[(i * 2 + c) * 3 + l]!;
  const Y = run(new BatchNorm(2), X), Yrows = run(new BatchNorm(2), rows);
  for (let i = 0; i < 2; i++) for (let c = 0; c < 2; c++) for (let l = 0; l < 3; l++) {
    assertClose(Y.data[(i * 2 + c) * 3 + l]!, Yrows.data[(i * 3 + l) * 2 + c]!, { atol: 1e-15, rtol: 1e-14 });
  }
  assert.doesNotThrow(() => run(new BatchNorm(2), linalg.randn([1, 2, 3], rng)));
});
