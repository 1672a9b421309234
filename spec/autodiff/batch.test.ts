/**
 * EQ-AUTODIFF-08 and 09: the gradient of the mean squared error of a linear
 * model, and the mini-batch gradient as the mean of per-example gradients.
 *
 *   L(w, b) = (1/M) Σᵢ (xᵢᵀw + b − yᵢ)²,   ∇_w L = (2/M) Xᵀ(Xw + b − y),   ∂L/∂b = (2/M) Σᵢ (ŷᵢ − yᵢ)
 *
 * Reductions: `mean` over the batch gives (1/B) Σᵢ ∇Lᵢ; `sum` gives Σᵢ ∇Lᵢ = B times that.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import { fill, normal, only } from './support.js';

/** mse(Xw + b, y) with X: [M, k], w: [k], b: [] (a scalar broadcast over the batch), y: [M]. */
function mse(X: Tensor, w: Var, b: Var, y: Tensor): Var {
  return ad.mean(ad.pow(ad.sub(ad.add(ad.matmul(X, w), b), y), 2));
}

function drawLinear(rng: Rng) {
  const k = rng.int(1, 5), M = rng.int(k + 2, 13);
  return { X: gen.gaussian(M, k, rng), w: fill([k], rng, normal()), b: rng.normal(), y: fill([M], rng, normal(2)) };
}

/** (2/M) Xᵀ r and (2/M) Σ r with r = Xw + b − y, by loops. */
function mseGradient(X: Tensor, w: ArrayLike<number>, b: number, y: Tensor): { dw: number[]; db: number } {
  const [M = 0, k = 0] = X.shape;
  const r = Array.from(y.data, (yi, i) => {
    let s = b - yi;
    for (let j = 0; j < k; j++) s += X.data[i * k + j]! * w[j]!;
    return s;
  });
  const dw = Array.from({ length: k }, (_, j) => {
    let s = 0;
    r.forEach((ri, i) => { s += X.data[i * k + j]! * ri; });
    return (2 / M) * s;
  });
  return { dw, db: (2 / M) * r.reduce((p, q) => p + q, 0) };
}

property('EQ-AUTODIFF-08 ∇ mse(Xw + b, y) = (2/M)Xᵀ(Xw + b − y); the bias component is (2/M)Σ(ŷ − y)', drawLinear, (p) => {
  const w = ad.variable(linalg.clone(p.w)), b = ad.variable(p.b);
  mse(p.X, w, b, p.y).backward();
  const { dw, db } = mseGradient(p.X, p.w.data, p.b, p.y);
  // 1e-12 relative, with an absolute floor of 1e-14·(scale of the terms) for components that cancel to near 0
  assertClose(w.grad.data, dw, { atol: 1e-14, rtol: 1e-12 });
  assertClose(only(b.grad), db, { atol: 1e-14, rtol: 1e-12 });
}, { runs: 60 });

property('EQ-AUTODIFF-08 the gradient vanishes at the least-squares solution from lstsq', drawLinear, (p) => {
  const [M = 0, k = 0] = p.X.shape;
  const A = linalg.zeros([M, k + 1]); // [X 1]: the bias as a weight on a constant feature
  for (let i = 0; i < M; i++) {
    A.data.set(p.X.data.subarray(i * k, (i + 1) * k), i * (k + 1));
    A.data[i * (k + 1) + k] = 1;
  }
  const theta = linalg.lstsq(A, p.y);
  const w = ad.variable(linalg.tensor(theta.data.slice(0, k), [k])), b = ad.variable(linalg.tensor(theta.data.slice(k), []));
  mse(p.X, w, b, p.y).backward();
  assertClose(w.grad.data, new Float64Array(k), { atol: 1e-8, rtol: 0 });
  assertClose(only(b.grad), 0, { atol: 1e-8, rtol: 0 });
}, { runs: 40 });

// ── EQ-AUTODIFF-09 ────────────────────────────────────────────────────────
/** A two-layer MLP on a batch: X: [B, d], W₁: [d, H], b₁: [H] (a row broadcast over the batch), W₂: [H, 1], b₂: [1]. */
function batchLoss(params: Var[], X: Tensor, y: Tensor, reduce: (v: Var) => Var): Var {
  const [W1, b1, W2, b2] = params as [Var, Var, Var, Var];
  const yHat = ad.add(ad.matmul(ad.tanh(ad.add(ad.matmul(X, W1), b1)), W2), b2);
  return reduce(ad.pow(ad.sub(yHat, y), 2));
}

function drawBatch(rng: Rng) {
  const B = rng.int(1, 9), d = rng.int(1, 5), H = rng.int(1, 6);
  return {
    X: gen.gaussian(B, d, rng), y: gen.gaussian(B, 1, rng), y2: gen.gaussian(B, 1, rng),
    params: [gen.gaussian(d, H, rng), fill([H], rng, normal()), gen.gaussian(H, 1, rng), fill([1], rng, normal())],
    a: rng.normal(), c: rng.normal(),
  };
}

/** The gradients of every parameter of loss(params). */
function gradients(params: Tensor[], loss: (ps: Var[]) => Var): Float64Array[] {
  const vars = params.map((t) => ad.variable(linalg.clone(t)));
  loss(vars).backward();
  return vars.map((v) => v.grad.data);
}

property('EQ-AUTODIFF-09 the mini-batch gradient equals the mean of per-example gradients (sum: B times)', drawBatch, (p) => {
  const [B = 0, d = 0] = p.X.shape;
  const batchMean = gradients(p.params, (ps) => batchLoss(ps, p.X, p.y, (v) => ad.mean(v)));
  const batchSum = gradients(p.params, (ps) => batchLoss(ps, p.X, p.y, (v) => ad.sum(v)));
  const perExample = Array.from({ length: B }, (_, i) => {
    const Xi = linalg.tensor(p.X.data.slice(i * d, (i + 1) * d), [1, d]), yi = linalg.tensor(p.y.data.slice(i, i + 1), [1, 1]);
    return gradients(p.params, (ps) => batchLoss(ps, Xi, yi, (v) => ad.sum(v)));
  });
  batchMean.forEach((gMean, k) => {
    const ofExample = perExample.map((g) => g[k]!);
    const mean = gMean.map((_, j) => ofExample.reduce((s, g) => s + g[j]!, 0) / B);
    const scale = Math.max(...ofExample.map((g) => Math.max(...Array.from(g, Math.abs))));
    // 1e-12 relative; the floor 1e-14·(largest per-example entry) covers components that cancel across examples
    assertClose(gMean, mean, { atol: 1e-14 * scale, rtol: 1e-12 }, `parameter ${k}, mean`);
    assertClose(batchSum[k]!, mean.map((v) => B * v), { atol: 1e-14 * B * scale, rtol: 1e-12 }, `parameter ${k}, sum`);
  });
}, { runs: 40 });

property('EQ-AUTODIFF-09 linearity: ∇(aL₁ + cL₂) = a∇L₁ + c∇L₂', drawBatch, (p) => {
  const L1 = (ps: Var[]): Var => batchLoss(ps, p.X, p.y, (v) => ad.mean(v));
  const L2 = (ps: Var[]): Var => batchLoss(ps, p.X, p.y2, (v) => ad.sum(v));
  const both = gradients(p.params, (ps) => ad.add(ad.mul(p.a, L1(ps)), ad.mul(p.c, L2(ps))));
  const g1 = gradients(p.params, L1), g2 = gradients(p.params, L2);
  both.forEach((g, k) => {
    const gk1 = g1[k]!, gk2 = g2[k]!;
    const expected = g.map((_, j) => p.a * gk1[j]! + p.c * gk2[j]!);
    const scale = Math.max(...Array.from(gk1, (v, j) => Math.abs(p.a * v) + Math.abs(p.c * gk2[j]!)));
    assertClose(g, expected, { atol: 1e-14 * scale, rtol: 1e-12 }, `parameter ${k}`);
  });
}, { runs: 40 });

test('EQ-AUTODIFF-08 a hand-worked example: M = 2, k = 1', () => {
  // X = [1; 2], w = 1, b = 0, y = [0; 0] → ŷ = [1; 2], L = (1 + 4)/2 = 2.5
  // ∂L/∂w = (2/2)(1·1 + 2·2) = 5, ∂L/∂b = (2/2)(1 + 2) = 3
  const w = ad.variable([1]), b = ad.variable(0);
  const L = mse(linalg.tensor([1, 2], [2, 1]), w, b, linalg.tensor([0, 0], [2]));
  L.backward();
  assert.deepEqual([L.item(), only(w.grad), only(b.grad)], [2.5, 5, 3]);
});
