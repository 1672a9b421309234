/**
 * Plain gradient descent: the update θ − η∇J against its formula
 * (EQ-OPTIMIZERS-01), the loop until convergence (02), learning as argmin
 * against the closed-form least-squares solution (03), the learning-rate
 * threshold 2/λ_max on quadratics, eigen-component by eigen-component (09),
 * and the dependence of the limit on the starting point (25).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Sequential, Tanh } from '../../src/layers/index.js';
import { mse } from '../../src/losses/index.js';
import { SGD, flattenParameters, minimize, unflattenParameters } from '../../src/optimizers/index.js';
import { fit } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import {
  bitsOf, distance, drawGradients, eigenvalues, quadraticGradient, quadraticValue, randomParameters, seeds, trajectory,
  vectorParameter, withEigenvalues, withRng,
} from './support.js';

property('EQ-OPTIMIZERS-01 one SGD step is θ − η·g entry by entry, bit for bit; g = 0 and η = 0 leave θ as it was', seeds, withRng((rng) => {
  const params = randomParameters(rng);
  const eta = rng.uniform(0, 2);
  const sgd = new SGD(params, { lr: eta });
  for (let t = 0; t < 3; t++) {
    drawGradients(params, rng, 10 ** rng.int(-3, 3));
    const expected = params.flatMap((p) => Array.from(p.value.data, (x, i) => x - eta * p.grad.data[i]!));
    sgd.step();
    assert.deepEqual(bitsOf(params.flatMap((p) => Array.from(p.value.data))), bitsOf(expected));
  }
  const before = params.map((p) => linalg.clone(p.value));
  for (const p of params) p.grad.data.fill(0);
  sgd.step();
  params.forEach((p, k) => assert.deepEqual(bitsOf(p.value.data), bitsOf(before[k]!.data)));
  sgd.lr = 0;
  drawGradients(params, rng);
  sgd.step();
  params.forEach((p, k) => assert.deepEqual(Array.from(p.value.data), Array.from(before[k]!.data)));
  assert.equal(sgd.t, 5);
}), { runs: 60 });

property('EQ-OPTIMIZERS-01 descent lemma: f(θ − η∇f) < f(θ) at η = 1e-4, for random quadratics and MLP losses', seeds, withRng((rng) => {
  const d = rng.int(2, 7);
  const { H } = withEigenvalues(eigenvalues(d, 0.1, 10, rng), rng);
  const b = linalg.randn([d], rng);
  const p = vectorParameter(linalg.randn([d], rng).data);
  const before = quadraticValue(H, b, p.value);
  p.grad.data.set(quadraticGradient(H, b)(p.value).data);
  new SGD([p], { lr: 1e-4 }).step();
  assert.ok(quadraticValue(H, b, p.value) < before);

  const net = new Sequential([new Dense(3, 5, { rng }), new Tanh(), new Dense(5, 2, { rng })]);
  const X = linalg.randn([8, 3], rng), Y = linalg.randn([8, 2], rng);
  const loss = (): ad.Var => mse(net.forward(ad.constant(X)), Y);
  const L0 = loss();
  net.zeroGrad();
  L0.backward();
  new SGD(net.parameters(), { lr: 1e-4 }).step();
  assert.ok(loss().item() < L0.item());
}), { runs: 40 });

property('EQ-OPTIMIZERS-02 GD with η = 1/λ_max stops at ‖∇f‖ ≤ tol within 1e-6 of θ* = H⁻¹b, the loss never rising; a rerun gives the same bits', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const { H } = withEigenvalues(eigenvalues(d, 0.5, 5, rng), rng);
  const b = linalg.randn([d], rng), theta0 = linalg.randn([d], rng);
  const thetaStar = linalg.solve(H, b);
  const losses: number[] = [];
  const gradient = (theta: Tensor): Tensor => {
    losses.push(quadraticValue(H, b, theta));
    return quadraticGradient(H, b)(theta);
  };
  const result = minimize(gradient, theta0, { lr: 1 / 5, tolerance: 1e-9, maxIterations: 5000 });
  assert.ok(result.converged);
  assert.ok(distance(Array.from(result.theta.data), thetaStar.data) <= 1e-6);
  // Non-increasing up to the rounding of f itself (4 ulp of the terms ½θᵀHθ and bᵀθ near θ*).
  const slack = 4 * Number.EPSILON * (Math.abs(quadraticValue(H, null, thetaStar)) + Math.abs(linalg.dot(b, thetaStar)));
  for (let t = 1; t < losses.length; t++) assert.ok(losses[t]! <= losses[t - 1]! + slack, `the loss rose at iteration ${t}`);
  const again = minimize(quadraticGradient(H, b), theta0, { lr: 1 / 5, tolerance: 1e-9, maxIterations: 5000 });
  assert.deepEqual(bitsOf(again.theta.data), bitsOf(result.theta.data));
  assert.equal(again.iterations, result.iterations);
}), { runs: 30 });

property('EQ-OPTIMIZERS-02 the loop reaches the same θ̂ with gradients from autodiff as with the analytic gradient', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const { H } = withEigenvalues(eigenvalues(d, 0.5, 4, rng), rng);
  const b = linalg.randn([d], rng), theta0 = linalg.randn([d], rng);
  const byAutodiff = (theta: Tensor): Tensor => {
    const x = ad.variable(linalg.clone(theta));
    const Hx = ad.reshape(ad.matmul(H, ad.reshape(x, [d, 1])), [d]);
    const f = ad.sub(ad.mul(0.5, ad.sum(ad.mul(x, Hx))), ad.sum(ad.mul(b, x)));
    f.backward();
    return x.grad;
  };
  const a = minimize(byAutodiff, theta0, { lr: 0.2, tolerance: 1e-10, maxIterations: 5000 });
  const e = minimize(quadraticGradient(H, b), theta0, { lr: 0.2, tolerance: 1e-10, maxIterations: 5000 });
  assertClose(a.theta, e.theta, { atol: 1e-9, rtol: 1e-9 });
}), { runs: 20 });

property('EQ-OPTIMIZERS-03 fit by batch GD finds the least-squares argmin (lstsq) to 1e-6, and no perturbation of scale 1e-3 lowers the loss', seeds, withRng((rng) => {
  const n = rng.int(20, 40), d = rng.int(1, 4);
  const X = linalg.randn([n, d], rng), w = linalg.randn([d, 1], rng);
  const y = linalg.add(linalg.matmul(X, w), linalg.randn([n, 1], rng, 0, 0.3));
  const net = new Dense(d, 1, { rng });
  fit(net, mse, new SGD(net.parameters(), { lr: 0.3 }), { X, y }, { mode: 'batch', epochs: 3000, progress: false });
  // The closed form with an intercept: least squares on [X 1].
  const A = linalg.tensor(Array.from({ length: n * (d + 1) }, (_, k) => (k % (d + 1) === d ? 1 : X.data[Math.floor(k / (d + 1)) * d + (k % (d + 1))]!)), [n, d + 1]);
  const beta = linalg.lstsq(A, y);
  assertClose(net.W.value.data, beta.data.slice(0, d), { atol: 1e-6, rtol: 0 });
  assertClose(net.b!.value.data[0]!, beta.data[d]!, { atol: 1e-6, rtol: 0 });
  const loss = (): number => mse(net.forward(ad.constant(X)), y).item();
  const best = loss(), params = net.parameters(), theta = flattenParameters(params);
  for (let k = 0; k < 100; k++) {
    const moved = theta.map((x) => x + rng.normal(0, 1e-3));
    unflattenParameters(params, moved);
    assert.ok(loss() >= best - 1e-15, 'a perturbation lowered the loss');
  }
  unflattenParameters(params, theta);
  assert.equal(loss(), best);
}), { runs: 10 });

property('EQ-OPTIMIZERS-03 flattenParameters and unflattenParameters round-trip W = (W⁽¹⁾, …, W⁽ᴸ⁾) bit for bit, in order', seeds, withRng((rng) => {
  const net = new Sequential([new Dense(rng.int(1, 5), 4, { rng }), new Tanh(), new Dense(4, rng.int(1, 4), { rng })]);
  const params = net.parameters();
  const flat = flattenParameters(params);
  assert.deepEqual(bitsOf(flat), bitsOf(params.flatMap((p) => Array.from(p.value.data))));
  const other = flat.map((x) => -x);
  unflattenParameters(params, other);
  assert.deepEqual(bitsOf(flattenParameters(params)), bitsOf(other));
  unflattenParameters(params, flat);
  assert.deepEqual(bitsOf(flattenParameters(params)), bitsOf(flat));
}), { runs: 30 });

property('EQ-OPTIMIZERS-09 on f = ½θᵀHθ each eigen-component is multiplied by 1 − ηλᵢ per step: η = 1.9/λ_max converges, 2.1/λ_max diverges', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const lambda = eigenvalues(d, 0.5, 4, rng);
  const { H, Q } = withEigenvalues(lambda, rng);
  const components = (theta: ArrayLike<number>): number[] =>
    lambda.map((_, k) => Array.from(theta).reduce((s, x, i) => s + Q.data[i * d + k]! * x, 0));
  for (const factor of [1.9, 2.1]) {
    const eta = factor / 4;
    const p = vectorParameter(linalg.randn([d], rng).data);
    let c = components(p.value.data);
    const path = trajectory(new SGD([p], { lr: eta }), quadraticGradient(H, null), 400);
    path.slice(0, 5).forEach((theta) => {
      const next = components(theta);
      next.forEach((ci, k) => assertClose(ci, (1 - eta * lambda[k]!) * c[k]!, { atol: 1e-12 * Math.max(1, Math.abs(c[k]!)), rtol: 1e-10 }));
      c = next;
    });
    const last = Math.hypot(...path.at(-1)!);
    if (factor < 2) assert.ok(last < 1e-6, `η = 1.9/λ_max: ‖θ‖ = ${last}`);
    else assert.ok(last > 1e6, `η = 2.1/λ_max: ‖θ‖ = ${last}`);
  }
}), { runs: 30 });

property('EQ-OPTIMIZERS-09 for 1/λ_max < η < 2/λ_max the top component alternates in sign; on (0, 1/λ_max] a smaller η is slower at every t', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const lambda = eigenvalues(d, 0.5, 4, rng);
  const { H, Q } = withEigenvalues(lambda, rng);
  const top = (theta: ArrayLike<number>): number => Array.from(theta).reduce((s, x, i) => s + Q.data[i * d]! * x, 0);
  const theta0 = linalg.randn([d], rng);
  const eta = rng.uniform(1.05, 1.95) / 4;
  const path = trajectory(new SGD([vectorParameter(theta0.data)], { lr: eta }), quadraticGradient(H, null), 20);
  const first = Math.sign(top(theta0.data));
  // While the top component stands above the rounding of the projection (1e-12·‖θ‖), its sign alternates.
  path.forEach((theta, t) => {
    if (Math.abs(top(theta)) > 1e-12 * Math.hypot(...theta)) assert.equal(Math.sign(top(theta)), t % 2 === 0 ? -first : first, `step ${t + 1}`);
  });
  const small = rng.uniform(0.05, 0.5) / 4, large = rng.uniform(0.5, 1) / 4;
  const slow = trajectory(new SGD([vectorParameter(theta0.data)], { lr: small }), quadraticGradient(H, null), 50);
  const fast = trajectory(new SGD([vectorParameter(theta0.data)], { lr: large }), quadraticGradient(H, null), 50);
  slow.forEach((theta, t) => assert.ok(Math.hypot(...theta) >= Math.hypot(...fast[t]!) - 1e-15, `t = ${t + 1}`));
}), { runs: 30 });

/** f(x) = x⁴ − 3x² + x, the lectures' double well, with f′ and f″. */
const f = (x: number): number => x ** 4 - 3 * x ** 2 + x;
const df = (x: number): number => 4 * x ** 3 - 6 * x + 1;
const d2f = (x: number): number => 12 * x ** 2 - 6;
const dfTensor = (theta: Tensor): Tensor => linalg.tensor([df(theta.data[0]!)], [1]);

test('EQ-OPTIMIZERS-25 GD (η = 0.01) on x⁴ − 3x² + x ends in the local minimum 1.1309 from x₀ = 2 and in the global one −1.3008 from −2', () => {
  const right = minimize(dfTensor, linalg.tensor([2], [1]), { lr: 0.01, tolerance: 1e-10 }).theta.data[0]!;
  const left = minimize(dfTensor, linalg.tensor([-2], [1]), { lr: 0.01, tolerance: 1e-10 }).theta.data[0]!;
  assertClose(right, 1.1309, { atol: 1e-4, rtol: 0 });
  assertClose(f(right), -1.070, { atol: 1e-3, rtol: 0 });
  assertClose(left, -1.3008, { atol: 1e-4, rtol: 0 });
  assertClose(f(left), -3.514, { atol: 1e-3, rtol: 0 });
  for (const x of [left, right]) {
    assert.ok(Math.abs(df(x)) < 1e-8);
    assert.ok(d2f(x) > 0);
  }
});

test('EQ-OPTIMIZERS-25 noisy SGD (gradient + N(0, 8²), η = 0.01, 2000 steps) from x₀ = 2 ends in the global basin for 39 of 100 seeds (pinned), plain GD for none', () => {
  let global = 0;
  for (let seed = 0; seed < 100; seed++) {
    const rng = new Rng(seed);
    const noisy = (theta: Tensor): Tensor => linalg.tensor([df(theta.data[0]!) + rng.normal(0, 8)], [1]);
    const x = minimize(noisy, linalg.tensor([2], [1]), { lr: 0.01, tolerance: 0, maxIterations: 2000 }).theta.data[0]!;
    if (x < 0) global++;
  }
  assert.equal(global, 39);
});
