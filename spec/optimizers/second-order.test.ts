/**
 * Curvature and step size: the second-order model along the gradient, exact
 * on quadratics and O(ε³) off them (EQ-OPTIMIZERS-22); the optimal step
 * ε* = gᵀg/gᵀHg against a golden-section line search and the Rayleigh
 * bounds (23); the Newton step, one step to the minimum of a quadratic,
 * affine invariant, drawn to saddles, and its cost in Hessian-vector
 * products (24).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { exp, log } from '../../src/math/index.js';
import { SGD, curvature, newtonStep, optimalStepSize, secondOrderModel } from '../../src/optimizers/index.js';
import { assertClose, property } from '../harness/index.js';
import { eigenvalues, quadraticGradient, quadraticValue, seeds, trajectory, vectorParameter, withEigenvalues, withRng } from './support.js';

/** log Σ exp(xᵢ), its gradient softmax(x) = p and Hessian diag(p) − ppᵀ. */
function logSumExp(x: Tensor): { f: number; g: Tensor; H: Tensor } {
  const d = x.data.length, m = Math.max(...x.data);
  const e = Array.from(x.data, (xi) => exp(xi - m)), s = e.reduce((a, b) => a + b, 0);
  const p = e.map((ei) => ei / s);
  const H = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) H[i * d + j] = (i === j ? p[i]! : 0) - p[i]! * p[j]!;
  return { f: m + log(s), g: linalg.tensor(p, [d]), H: { shape: [d, d], data: H } };
}

/** x − ε·g as a new tensor. */
const along = (x: Tensor, g: Tensor, epsilon: number): Tensor => linalg.tensor(Array.from(x.data, (xi, i) => xi - epsilon * g.data[i]!), [x.data.length]);

property('EQ-OPTIMIZERS-22 the model f(x) − εgᵀg + ½ε²gᵀHg is exact for a quadratic ½xᵀAx − bᵀx, for every ε', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const { H } = withEigenvalues(Array.from({ length: d }, () => rng.uniform(-3, 3)), rng);
  const b = linalg.randn([d], rng), x = linalg.randn([d], rng);
  const g = quadraticGradient(H, b)(x);
  for (let k = 0; k < 10; k++) {
    const epsilon = rng.uniform(-5, 5);
    const exact = quadraticValue(H, b, along(x, g, epsilon));
    assertClose(secondOrderModel(quadraticValue(H, b, x), g, H, epsilon), exact, { atol: 1e-10, rtol: 1e-10 });
  }
  assertClose(curvature(g, H), linalg.dot(g, quadraticGradient(H, null)(g)), { atol: 1e-12, rtol: 1e-12 });
}), { runs: 40 });

property('EQ-OPTIMIZERS-22 off quadratics (log-sum-exp) the model\'s error is O(ε³): halving ε from 1e-2 divides it by 6 … 10', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const x = linalg.randn([d], rng, 0, 2);
  const { f, g, H } = logSumExp(x);
  const error = (epsilon: number): number => Math.abs(logSumExp(along(x, g, epsilon)).f - secondOrderModel(f, g, H, epsilon));
  const ratio = error(1e-2) / error(5e-3);
  assert.ok(ratio >= 6 && ratio <= 10, `ratio ${ratio}`);
}), { runs: 40 });

property('EQ-OPTIMIZERS-22 with gᵀHg ≤ 0 the model falls for every ε > 0 and ε* = +∞; with gᵀHg > 0 it is least at ε*', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const lambda = Array.from({ length: d }, () => rng.uniform(-3, 3));
  lambda[0] = -rng.uniform(0.5, 3);
  const { H, Q } = withEigenvalues(lambda, rng);
  const down = linalg.tensor(Array.from({ length: d }, (_, i) => Q.data[i * d]!), [d]); // the eigenvector of λ₀ < 0
  assert.ok(curvature(down, H) < 0);
  assert.equal(optimalStepSize(down, H), Infinity);
  for (const epsilon of [1e-3, 0.1, 1, 10, 1e3]) assert.ok(secondOrderModel(0, down, H, epsilon) < 0);
  assert.equal(optimalStepSize(down, linalg.zeros([d, d])), Infinity);
  const { H: spd } = withEigenvalues(eigenvalues(d, 0.5, 4, rng), rng);
  const g = linalg.randn([d], rng), star = optimalStepSize(g, spd);
  assert.ok(Number.isFinite(star) && star > 0);
  for (let k = 0; k < 20; k++) {
    const epsilon = star * rng.uniform(0, 2);
    assert.ok(secondOrderModel(0, g, spd, star) <= secondOrderModel(0, g, spd, epsilon) + 1e-15);
  }
  assert.equal(optimalStepSize(linalg.zeros([d]), spd), 0);
}), { runs: 40 });

property('EQ-OPTIMIZERS-22 Hessian-vector products by central differences of autodiff gradients match the analytic Hessian of log-sum-exp (1e-6)', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const x = linalg.randn([d], rng), v = linalg.randn([d], rng);
  const gradient = (at: Tensor): Tensor => {
    const z = ad.variable(linalg.clone(at));
    ad.sum(ad.mul(ad.logSoftmax(ad.reshape(z, [1, d])), -1 / d)).backward(); // −mean log softmax = lse(z) − mean(z)
    return linalg.tensor(Array.from(z.grad.data, (gi) => gi + 1 / d), [d]); // + ∇mean(z)
  };
  const h = 1e-5;
  const plus = gradient(linalg.tensor(Array.from(x.data, (xi, i) => xi + h * v.data[i]!), [d]));
  const minus = gradient(linalg.tensor(Array.from(x.data, (xi, i) => xi - h * v.data[i]!), [d]));
  const hvp = Array.from(plus.data, (p, i) => (p - minus.data[i]!) / (2 * h));
  const { H } = logSumExp(x);
  assertClose(hvp, linalg.reshape(linalg.matmul(H, linalg.reshape(v, [d, 1])), [d]).data, { atol: 1e-6, rtol: 1e-6 });
}), { runs: 40 });

/**
 * The minimiser of q on [a, b] by golden-section search (unimodal q). It
 * compares values of q, which near the minimum differ by less than their
 * rounding once b − a is about √(ε_machine) of the scale: it stops there.
 */
function goldenSection(q: (e: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 200 && b - a > 1e-12; k++) {
    const c = b - r * (b - a), d = a + r * (b - a);
    if (q(c) < q(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

/** The zero of an increasing function on [a, b] by bisection (to the last bit). */
function bisect(f: (e: number) => number, a: number, b: number): number {
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    if (f(m) < 0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

property('EQ-OPTIMIZERS-23 ε* = gᵀg/gᵀHg minimises f(x − εg) on a quadratic (golden-section search, and bisection on the slope); 1/λ_max ≤ ε* ≤ 1/λ_min', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const lambda = eigenvalues(d, rng.uniform(0.1, 1), rng.uniform(2, 10), rng);
  const { H } = withEigenvalues(lambda, rng);
  const b = linalg.randn([d], rng), x = linalg.randn([d], rng);
  const g = quadraticGradient(H, b)(x);
  const star = optimalStepSize(g, H);
  const q = (e: number): number => quadraticValue(H, b, along(x, g, e));
  // Golden-section search on the values, to the √ε_machine its comparisons allow (relative 1e-7 of ε*) …
  assertClose(goldenSection(q, 0, 2 / Math.min(...lambda)), star, { atol: 0, rtol: 1e-7 });
  // … and the zero of the slope dq/dε = −gᵀ∇f(x − εg), found by bisection, to 1e-10.
  const slope = (e: number): number => -linalg.dot(g, quadraticGradient(H, b)(along(x, g, e)));
  assertClose(bisect(slope, 0, 2 / Math.min(...lambda)), star, { atol: 0, rtol: 1e-10 });
  const [low, high] = [1 / Math.max(...lambda), 1 / Math.min(...lambda)];
  assert.ok(star >= low * (1 - 1e-12) && star <= high * (1 + 1e-12));
}), { runs: 40 });

property('EQ-OPTIMIZERS-23 ε* = 1/λ when g is an eigenvector; ε* does not change when g is scaled by c ≠ 0 (bit for bit for powers of two)', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const lambda = eigenvalues(d, 0.1, 10, rng);
  const { H, Q } = withEigenvalues(lambda, rng);
  const k = rng.int(0, d);
  const u = linalg.tensor(Array.from({ length: d }, (_, i) => Q.data[i * d + k]!), [d]);
  assertClose(optimalStepSize(u, H), 1 / lambda[k]!, { atol: 0, rtol: 1e-12 });
  const g = linalg.randn([d], rng), star = optimalStepSize(g, H);
  assert.equal(optimalStepSize(linalg.scale(g, -(2 ** rng.int(-20, 20))), H), star);
  assertClose(optimalStepSize(linalg.scale(g, rng.uniform(-100, 100)), H), star, { atol: 0, rtol: 1e-14 });
}), { runs: 40 });

property('EQ-OPTIMIZERS-24 one Newton step from any x₀ lands on the minimiser H⁻¹b of a strictly convex quadratic (1e-10)', seeds, withRng((rng) => {
  const d = rng.int(1, 7);
  const { H } = withEigenvalues(eigenvalues(d, 0.5, 5, rng), rng);
  const b = linalg.randn([d], rng), x0 = linalg.randn([d], rng, 0, 100);
  const x1 = newtonStep(x0, quadraticGradient(H, b)(x0), H);
  assertClose(x1, linalg.solve(H, b), { atol: 1e-10, rtol: 1e-10 });
  assertClose(quadraticGradient(H, b)(x1).data, new Float64Array(d), { atol: 1e-10, rtol: 0 });
}), { runs: 40 });

property('EQ-OPTIMIZERS-24 Newton is affine invariant: on g(y) = f(Ay) its iterates are A⁻¹ times those on f (1e-8), f = lse + ½‖x‖²', seeds, withRng((rng) => {
  const d = rng.int(2, 5);
  const A = linalg.add(linalg.eye(d), linalg.randn([d, d], rng, 0, 0.3));
  const parts = (x: Tensor): { g: Tensor; H: Tensor } => {
    const { g, H } = logSumExp(x);
    return { g: linalg.add(g, x), H: linalg.add(H, linalg.eye(d)) };
  };
  let x = linalg.randn([d], rng);
  let y = linalg.solve(A, x);
  for (let k = 0; k < 3; k++) {
    const fx = parts(x);
    x = newtonStep(x, fx.g, fx.H);
    const fy = parts(linalg.reshape(linalg.matmul(A, linalg.reshape(y, [d, 1])), [d]));
    const At = linalg.transpose(A);
    const gy = linalg.reshape(linalg.matmul(At, linalg.reshape(fy.g, [d, 1])), [d]);
    const Hy = linalg.matmul(linalg.matmul(At, fy.H), A);
    y = newtonStep(y, gy, Hy);
    assertClose(y, linalg.solve(A, x), { atol: 1e-8, rtol: 1e-8 }, `iteration ${k + 1}`);
  }
}), { runs: 30 });

test('EQ-OPTIMIZERS-24 on f = x² − y² one Newton step goes to the saddle (0, 0) from anywhere; GD moves away along y', () => {
  const H = linalg.tensor([2, 0, 0, -2], [2, 2]);
  const grad = (v: Tensor): Tensor => linalg.tensor([2 * v.data[0]!, -2 * v.data[1]!], [2]);
  for (const start of [[1, 1], [-3, 0.5], [1e3, -1e-3]]) {
    const x0 = linalg.tensor(start, [2]);
    assert.deepEqual(Array.from(newtonStep(x0, grad(x0), H).data).map(Math.abs), [0, 0]);
    const path = trajectory(new SGD([vectorParameter(start)], { lr: 0.1 }), grad, 10);
    assert.ok(Math.abs(path.at(-1)![1]!) > Math.abs(start[1]!) * 5);
    assert.ok(Math.abs(path.at(-1)![0]!) < Math.abs(start[0]!));
  }
});

test('EQ-OPTIMIZERS-24 building H for d parameters takes d Hessian-vector products (2d gradients by central differences), GD one gradient per step', () => {
  let calls = 0;
  const d = 5;
  const gradient = (x: Tensor): Tensor => {
    calls++;
    return logSumExp(x).g;
  };
  const x = linalg.tensor([0.3, -1, 2, 0.1, -0.4], [d]);
  const columns: number[][] = [];
  for (let j = 0; j < d; j++) {
    const e = linalg.zeros([d]);
    e.data[j] = 1;
    const plus = gradient(along(x, e, -1e-5)), minus = gradient(along(x, e, 1e-5));
    columns.push(Array.from(plus.data, (p, i) => (p - minus.data[i]!) / 2e-5));
  }
  assert.equal(calls, 2 * d);
  assertClose(columns.flat(), logSumExp(x).H.data, { atol: 1e-8, rtol: 1e-6 });
  calls = 0;
  trajectory(new SGD([vectorParameter(x.data)], { lr: 0.1 }), gradient, 1);
  assert.equal(calls, 1);
});
