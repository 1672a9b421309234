/**
 * Layer normalisation (EQ-LAYERS-46): standardised vectors, invariance to
 * a·x + c, independence of the rows, a constant vector mapped to β, and
 * gradients against finite differences and against the same formula
 * written with autodiff's elementary ops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ShapeError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { LayerNorm } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { moduleGradCheck, seeds, withRng } from './support.js';

const run = (ln: LayerNorm, X: Tensor): Tensor => ln.forward(ad.constant(X)).value;
const row = (X: Tensor, i: number, d: number): number[] => Array.from(X.data.subarray(i * d, (i + 1) * d));
const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const populationVariance = (v: number[]): number => {
  const m = meanOf(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
};

property('EQ-LAYERS-46 with γ = 1, β = 0 each output vector has mean 0 (1e-12) and population variance σ²/(σ² + ε) (1e-12)', seeds, withRng((rng) => {
  const n = rng.int(1, 8), d = rng.int(2, 10), epsilon = rng.next() < 0.5 ? 1e-5 : 0.5;
  const X = linalg.randn([n, d], rng, rng.uniform(-3, 3), rng.uniform(0.2, 4));
  const Y = run(new LayerNorm(d, { epsilon }), X);
  for (let i = 0; i < n; i++) {
    const y = row(Y, i, d), sigma2 = populationVariance(row(X, i, d));
    assertClose(meanOf(y), 0, { atol: 1e-12, rtol: 0 }, `row ${i} mean`);
    assertClose(populationVariance(y), sigma2 / (sigma2 + epsilon), { atol: 1e-12, rtol: 1e-12 }, `row ${i} variance`);
  }
}), { runs: 100 });

property('EQ-LAYERS-46 LN_ε(a·x + c) = LN_{ε/a²}(x) (1e-12): exactly LN(x) at ε = 0, off by a relative O(ε/σ²) otherwise', seeds, withRng((rng) => {
  const n = rng.int(1, 5), d = rng.int(2, 8);
  const X = linalg.randn([n, d], rng);
  const a = rng.uniform(0.1, 10), c = rng.uniform(-5, 5), epsilon = rng.uniform(0, 0.1);
  const moved = linalg.add(linalg.scale(X, a), c);
  assertClose(run(new LayerNorm(d, { epsilon }), moved), run(new LayerNorm(d, { epsilon: epsilon / (a * a) }), X), { atol: 1e-12, rtol: 1e-11 });
  assertClose(run(new LayerNorm(d, { epsilon: 0 }), moved), run(new LayerNorm(d, { epsilon: 0 }), X), { atol: 1e-12, rtol: 1e-11 }, 'ε = 0');
}), { runs: 100 });

property('EQ-LAYERS-46 it is per example: changing row j ≠ i leaves row i bit-identical, a batch of one gives the same row, and evaluation mode computes the same', seeds, withRng((rng) => {
  const n = rng.int(2, 6), d = rng.int(1, 6), i = rng.int(0, n);
  const ln = new LayerNorm(d);
  ln.gamma.value.data.set(linalg.randn([d], rng).data);
  ln.beta.value.data.set(linalg.randn([d], rng).data);
  const X = linalg.randn([n, d], rng), X2 = linalg.add(X, linalg.randn([n, d], rng, 0, 5));
  X2.data.set(X.data.subarray(i * d, (i + 1) * d), i * d);
  const Y = run(ln, X);
  assertSameBits(run(ln, X2).data.subarray(i * d, (i + 1) * d), Y.data.subarray(i * d, (i + 1) * d), `row ${i}`);
  assertSameBits(run(ln, linalg.tensor(row(X, i, d), [1, d])).data, Y.data.subarray(i * d, (i + 1) * d), 'batch of one');
  assertSameBits(run(ln.eval(), X).data, Y.data, 'evaluation mode');
}), { runs: 50 });

test('EQ-LAYERS-46 a constant vector maps to β with no NaN when ε > 0 (and to NaN at ε = 0, as documented)', () => {
  const ln = new LayerNorm(4);
  ln.beta.value.data.set([0.5, -1, 2, 0]);
  ln.gamma.value.data.set([3, 3, 3, 3]);
  assertSameBits(run(ln, linalg.full([2, 4], 7.25)).data, [0.5, -1, 2, 0, 0.5, -1, 2, 0], 'constant rows');
  assert.ok(Number.isNaN(run(new LayerNorm(4, { epsilon: 0 }), linalg.full([1, 4], 7.25)).data[0]!));
  const x = ad.variable(linalg.full([1, 4], 7.25));
  ad.sum(ad.mul(ln.forward(x), linalg.tensor([1, 2, 3, 4], [4]))).backward();
  assert.ok(Array.from(x.grad.data).every(Number.isFinite), 'finite gradient at a constant vector');
});

/** LN written with autodiff's elementary ops, the formula as the file states it: a second route for values and gradients. */
function layerNormByOps(x: Var, gamma: Var, beta: Var, epsilon: number): Var {
  const mu = ad.mean(x, { axis: -1, keepDims: true });
  const centred = ad.sub(x, mu);
  const sigma2 = ad.mean(ad.mul(centred, centred), { axis: -1, keepDims: true });
  return ad.add(ad.mul(ad.div(centred, ad.sqrt(ad.add(sigma2, epsilon))), gamma), beta);
}

property('EQ-LAYERS-46 values and gradients (x, γ, β) equal those of the formula written with autodiff ops (1e-12), and backward matches central differences', seeds, withRng((rng) => {
  const d = rng.int(1, 6), shape = rng.next() < 0.5 ? [rng.int(1, 5), d] : [rng.int(1, 3), rng.int(1, 4), d];
  const epsilon = rng.uniform(1e-6, 0.1);
  const ln = new LayerNorm(d, { epsilon });
  ln.gamma.value.data.set(linalg.randn([d], rng).data);
  ln.beta.value.data.set(linalg.randn([d], rng).data);
  const X = linalg.randn(shape, rng, 0, 2), u = linalg.randn(shape, rng);
  const x1 = ad.variable(linalg.clone(X)), x2 = ad.variable(linalg.clone(X));
  const g2 = ad.variable(linalg.clone(ln.gamma.value)), b2 = ad.variable(linalg.clone(ln.beta.value));
  ln.zeroGrad();
  const y1 = ln.forward(x1), y2 = layerNormByOps(x2, g2, b2, epsilon);
  assertClose(y1.value, y2.value, { atol: 1e-12, rtol: 1e-12 }, 'values');
  ad.sum(ad.mul(y1, u)).backward();
  ad.sum(ad.mul(y2, u)).backward();
  assertClose(x1.grad, x2.grad, { atol: 1e-11, rtol: 1e-10 }, '∂/∂x');
  assertClose(ln.gamma.grad, g2.grad, { atol: 1e-12, rtol: 1e-12 }, '∂/∂γ');
  assertClose(ln.beta.grad, b2.grad, { atol: 1e-12, rtol: 1e-12 }, '∂/∂β');
  const check = moduleGradCheck(ln, X, rng);
  assert.ok(check.ratio <= 1, check.where);
}), { runs: 60 });

test('EQ-LAYERS-46 the last axis must have length d; γ and β are the saved state', () => {
  const ln = new LayerNorm(3);
  assert.throws(() => run(ln, linalg.zeros([2, 4])), ShapeError);
  assert.throws(() => ln.outputShape([3, 2]), ShapeError);
  assert.deepEqual(ln.outputShape([5, 7, 3]), [5, 7, 3]);
  assert.deepEqual(Object.keys(ln.stateDict()), ['gamma', 'beta']);
  assert.equal(String(ln), 'LayerNorm(3)');
  assert.equal(new LayerNorm(2, { epsilon: 0 }).epsilon, 0);
});
