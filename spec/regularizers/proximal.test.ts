/**
 * L1's exact zeros (EQ-REGULARIZERS-03) and the elastic net's closed form
 * (05) through proximal steps: soft thresholding against its definition,
 * the proximal gradient method against the closed forms on an orthonormal
 * design, the zero count against λ and α, and a pinned regression where
 * L1 zeroes the irrelevant weights while L2 and the plain subgradient only
 * shrink them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { l1Penalty, l2Penalty, proxElasticNetInto, proxL1Into, regularized, softThreshold } from '../../src/regularizers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { ista, meanOfSquares, orthonormalDesign, seeds, sumOfSquares, withRng, zerosIn } from './support.js';

/** S_τ(x) = sign(x)·max(|x| − τ, 0) for one number, as defined. */
const S = (x: number, tau: number): number => Math.sign(x) * Math.max(Math.abs(x) - tau, 0);

property('EQ-REGULARIZERS-03 R_L1 = ‖w‖₁ with subgradient sign(w) (0 at 0); soft thresholding is sign(u)·max(|u| − τ, 0), exactly 0 for |u| ≤ τ', seeds, withRng((rng) => {
  const n = rng.int(1, 12), tau = rng.uniform(0, 2);
  const u = linalg.map(linalg.randn([n], rng), (v) => (rng.next() < 0.2 ? 0 : v));
  const w = ad.variable(linalg.clone(u));
  const R = l1Penalty(w);
  assert.equal(R.item(), linalg.norm1(u));
  R.backward();
  assertSameBits(w.grad.data, Array.from(u.data, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0)), 'sign(w)');
  const s = softThreshold(u, tau);
  for (let i = 0; i < n; i++) {
    const ui = u.data[i]!;
    if (Math.abs(ui) <= tau) assert.ok(s.data[i] === 0, `|u| ≤ τ gives exactly 0, got ${s.data[i]}`);
    else assert.equal(s.data[i], S(ui, tau));
  }
  const inPlace = ad.variable(linalg.clone(u));
  proxL1Into([inPlace], tau);
  assertSameBits(inPlace.value.data, s.data, 'proxL1Into = softThreshold');
}), { runs: 100 });

property('EQ-REGULARIZERS-03 on an orthonormal design the proximal gradient method reaches w_j = S_{λ/2}(z_j), z = Xᵀy, for the sum loss, and S_{λM/2}(z_j) for the mean loss (1e-10)', seeds, withRng((rng) => {
  const M = rng.int(6, 15), d = rng.int(1, 5), lambda = rng.uniform(0, 3);
  const { X, y, z } = orthonormalDesign(M, d, rng, 2);
  const sum = ista(d, (w) => sumOfSquares(X, y, w), 0.2, 200, (w) => proxL1Into(w, 0.2 * lambda));
  assertClose(sum.value, Array.from(z.data, (zj) => S(zj, lambda / 2)), { atol: 1e-10, rtol: 0 }, 'sum loss');
  const lambdaMean = lambda / M; // the same threshold λ/2 in the mean loss's units: λ_mean·M/2
  const eta = 0.2 * M;
  const mean = ista(d, (w) => meanOfSquares(X, y, w), eta, 200, (w) => proxL1Into(w, eta * lambdaMean));
  assertClose(mean.value, Array.from(z.data, (zj) => S(zj, (lambdaMean * M) / 2)), { atol: 1e-10, rtol: 0 }, 'mean loss');
}), { runs: 50 });

test('EQ-REGULARIZERS-03 the number of exact zeros never decreases with λ, and w = 0 once λ ≥ 2‖Xᵀy‖∞', () => {
  const rng = new Rng(303);
  const M = 40, d = 12;
  const { X, y, z } = orthonormalDesign(M, d, rng, 3);
  const lambdaMax = 2 * linalg.maxAbs(z);
  let last = -1;
  for (const lambda of [0, 0.1, 0.5, 1, 2, 4, lambdaMax * 0.999, lambdaMax, lambdaMax * 2]) {
    const w = ista(d, (v) => sumOfSquares(X, y, v), 0.25, 100, (v) => proxL1Into(v, 0.25 * lambda));
    const zeros = zerosIn(w.value);
    assert.ok(zeros >= last, `λ = ${lambda}: ${zeros} zeros after ${last}`);
    if (lambda >= lambdaMax) assert.equal(zeros, d, `λ = ${lambda} ≥ 2‖Xᵀy‖∞ = ${lambdaMax}`);
    else if (lambda > 0 && lambda < lambdaMax) assert.ok(zeros < d);
    last = zeros;
  }
});

test('EQ-REGULARIZERS-03 a pinned regression with 3 relevant features of 10: L1 by proximal steps sets the 7 irrelevant weights exactly to 0; L2, and L1 by plain subgradient descent, only shrink them', () => {
  const rng = new Rng(3003);
  const M = 100, d = 10;
  const X = linalg.randn([M, d], rng);
  const truth = linalg.tensor([3, -2, 1.5, 0, 0, 0, 0, 0, 0, 0], [d]);
  const y = linalg.add(linalg.reshape(linalg.matmul(X, linalg.reshape(truth, [d, 1])), [M]), linalg.randn([M], rng, 0, 0.3));
  const lambda = 0.1, eta = 0.05, steps = 2000;
  const l1 = ista(d, (w) => meanOfSquares(X, y, w), eta, steps, (w) => proxL1Into(w, eta * lambda));
  const l2 = ista(d, (w) => regularized(meanOfSquares(X, y, w), lambda, l2Penalty(w)), eta, steps, () => {});
  const subgradient = ista(d, (w) => regularized(meanOfSquares(X, y, w), lambda, l1Penalty(w)), eta, steps, () => {});
  const irrelevant = (w: ad.Var): number[] => Array.from(w.value.data.subarray(3));
  assert.deepEqual(irrelevant(l1).map((v) => v === 0), Array(7).fill(true), `L1 proximal: ${irrelevant(l1).join(', ')}`);
  assert.ok(Array.from(l1.value.data.subarray(0, 3)).every((v) => Math.abs(v) > 1), 'the relevant ones stay');
  for (const [name, w] of [['L2', l2], ['L1 by subgradient', subgradient]] as const) {
    const rest = irrelevant(w);
    assert.ok(rest.every((v) => v !== 0), `${name}: no exact zero`);
    assert.ok(Math.max(...rest.map(Math.abs)) < 0.1, `${name}: small, ${rest.join(', ')}`);
  }
});

property('EQ-REGULARIZERS-05 on an orthonormal design with the sum loss the elastic net\'s fixed point is S_{λα/2}(z_j)/(1 + λ(1 − α)) (1e-10)', seeds, withRng((rng) => {
  const M = rng.int(6, 15), d = rng.int(1, 5), lambda = rng.uniform(0, 3), alpha = rng.next();
  const { X, y, z } = orthonormalDesign(M, d, rng, 2);
  const eta = 0.2;
  const w = ista(d, (v) => sumOfSquares(X, y, v), eta, 300, (v) => proxElasticNetInto(v, eta * lambda, alpha));
  assertClose(w.value, Array.from(z.data, (zj) => S(zj, (lambda * alpha) / 2) / (1 + lambda * (1 - alpha))), { atol: 1e-10, rtol: 0 });
  // α = 1 is the L1 step exactly
  const a = linalg.randn([d], rng), b = linalg.clone(a);
  proxElasticNetInto(a, 0.3, 1);
  proxL1Into(b, 0.3);
  assertSameBits(a.data, b.data, 'α = 1');
}), { runs: 50 });

test('EQ-REGULARIZERS-05 at a fixed λ the number of exact zeros never decreases with α; α = 0 makes none; α outside [0, 1] throws', () => {
  const rng = new Rng(505);
  const M = 40, d = 12, lambda = 2;
  const { X, y } = orthonormalDesign(M, d, rng, 2);
  let last = -1;
  for (const alpha of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
    const w = ista(d, (v) => sumOfSquares(X, y, v), 0.2, 300, (v) => proxElasticNetInto(v, 0.2 * lambda, alpha));
    const zeros = zerosIn(w.value);
    assert.ok(zeros >= last, `α = ${alpha}: ${zeros} zeros after ${last}`);
    if (alpha === 0) assert.equal(zeros, 0);
    last = zeros;
  }
  assert.ok(last > 0, 'α = 1 makes zeros here');
  assert.throws(() => proxElasticNetInto(linalg.zeros([2]), 0.1, 2), ValueError);
});
