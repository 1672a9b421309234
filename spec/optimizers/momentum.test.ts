/**
 * Momentum in its two lecture forms and Nesterov's look-ahead: each update
 * against the slide recurrence written here on plain numbers, the closed
 * form of the displacement under a constant gradient (EQ-OPTIMIZERS-10),
 * the equivalence of the 000 and 003 forms for a constant step size and
 * the double-well demonstration (11), the zoo's Δθ row (12), and NAG's
 * gradient at θ − γv (13).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Momentum, Nesterov, SGD, minimize } from '../../src/optimizers/index.js';
import { pow } from '../../src/math/index.js';
import { assertClose, property } from '../harness/index.js';
import {
  bitsOf, distance, drawGradients, eigenvalues, quadraticGradient, randomParameters, seeds, trajectory, valuesOf,
  vectorParameter, withEigenvalues, withRng,
} from './support.js';

property('EQ-OPTIMIZERS-10 Momentum follows v = γv + ηg, θ = θ − v over random steps (reference on plain numbers)', seeds, withRng((rng) => {
  const params = randomParameters(rng);
  const eta = rng.uniform(0, 1), gamma = rng.uniform(0, 0.99);
  const opt = new Momentum(params, { lr: eta, gamma });
  const theta = valuesOf(params), v = theta.map(() => 0);
  for (let t = 0; t < 6; t++) {
    drawGradients(params, rng);
    const g = params.flatMap((p) => Array.from(p.grad.data));
    for (let i = 0; i < theta.length; i++) {
      v[i] = gamma * v[i]! + eta * g[i]!;
      theta[i] = theta[i]! - v[i]!;
    }
    opt.step();
    assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-13 });
    assertClose(opt.v.flatMap((s) => Array.from(s.data)), v, { atol: 1e-14, rtol: 1e-13 });
  }
}), { runs: 50 });

property('EQ-OPTIMIZERS-10 γ = 0 is gradient descent bit for bit; a constant gradient c moves θ by ηc[T/(1−γ) − γ(1−γ^T)/(1−γ)²] and v → ηc/(1−γ)', seeds, withRng((rng) => {
  const params = randomParameters(rng), twin = params.map((p) => ({ value: linalg.clone(p.value), grad: p.grad }));
  const eta = rng.uniform(0.001, 1);
  const plain = new Momentum(params, { lr: eta, gamma: 0 }), gd = new SGD(twin, { lr: eta });
  for (let t = 0; t < 4; t++) {
    drawGradients(params, rng);
    plain.step();
    gd.step();
    assert.deepEqual(bitsOf(valuesOf(params)), bitsOf(valuesOf(twin)));
  }
  const gamma = rng.uniform(0, 0.95), c = rng.normal(), T = rng.int(1, 200);
  const p = vectorParameter([0]);
  p.grad.data[0] = c;
  const opt = new Momentum([p], { lr: eta, gamma });
  for (let t = 0; t < T; t++) opt.step();
  const expected = -eta * c * (T / (1 - gamma) - (gamma * (1 - pow(gamma, T))) / (1 - gamma) ** 2);
  assertClose(p.value.data[0]!, expected, { atol: 1e-12 * Math.abs(eta * c), rtol: 1e-12 });
  for (let t = 0; t < 2000; t++) opt.step();
  assertClose(opt.v[0]!.data[0]!, (eta * c) / (1 - gamma), { atol: 0, rtol: 1e-12 });
}), { runs: 50 });

test('EQ-OPTIMIZERS-10 at γ = 0.9 the terminal velocity on a shallow slope is 10× the plain step', () => {
  const p = vectorParameter([0]);
  p.grad.data[0] = 1e-3;
  const opt = new Momentum([p], { lr: 0.1, gamma: 0.9 });
  for (let t = 0; t < 500; t++) opt.step();
  assertClose(opt.v[0]!.data[0]! / (0.1 * 1e-3), 10, { atol: 0, rtol: 1e-12 });
});

property('EQ-OPTIMIZERS-10 on a random SPD quadratic with 0 ≤ γ < 1, 0 < ηλ_max < 2(1 + γ) the iterates converge to θ* (heavy-ball region)', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const lambda = eigenvalues(d, 0.2, 2, rng);
  const { H } = withEigenvalues(lambda, rng);
  const b = linalg.randn([d], rng), thetaStar = linalg.solve(H, b);
  const gamma = rng.uniform(0, 0.9), eta = (rng.uniform(0.1, 1.8) * (1 + gamma)) / 2;
  const p = vectorParameter(linalg.randn([d], rng).data);
  const start = distance(Array.from(p.value.data), thetaStar.data);
  const path = trajectory(new Momentum([p], { lr: eta, gamma }), quadraticGradient(H, b), 4000);
  assert.ok(distance(path.at(-1)!, thetaStar.data) <= 1e-8 * start, `γ = ${gamma}, ηλ_max = ${2 * eta}`);
}), { runs: 30 });

property('EQ-OPTIMIZERS-11 SGD with momentum β follows M = βM + g, θ = θ − ηM (reference); β = 0 is plain GD bit for bit', seeds, withRng((rng) => {
  const params = randomParameters(rng);
  const eta = rng.uniform(0, 1), beta = rng.uniform(0, 0.99);
  const opt = new SGD(params, { lr: eta, momentum: beta });
  const theta = valuesOf(params), M = theta.map(() => 0);
  for (let t = 0; t < 6; t++) {
    drawGradients(params, rng);
    const g = params.flatMap((p) => Array.from(p.grad.data));
    for (let i = 0; i < theta.length; i++) {
      M[i] = beta * M[i]! + g[i]!;
      theta[i] = theta[i]! - eta * M[i]!;
    }
    opt.step();
    assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-13 });
  }
  const plain = randomParameters(rng), twin = plain.map((p) => ({ value: linalg.clone(p.value), grad: p.grad }));
  const zero = new SGD(plain, { lr: eta, momentum: 0 });
  for (let t = 0; t < 3; t++) {
    drawGradients(plain, rng);
    const expected = valuesOf(twin).map((x, i) => x - eta * plain.flatMap((p) => Array.from(p.grad.data))[i]!);
    zero.step();
    assert.deepEqual(bitsOf(valuesOf(plain)), bitsOf(expected));
    twin.forEach((p, k) => p.value.data.set(plain[k]!.value.data));
  }
  assert.equal(zero.M.length, 0);
}), { runs: 50 });

property('EQ-OPTIMIZERS-11 the 000 form (γ = β, η) and the 003 form (β, η) give one trajectory for a constant η, v_t = η·M_t; not after η changes', seeds, withRng((rng) => {
  const d = rng.int(2, 6);
  const { H } = withEigenvalues(eigenvalues(d, 0.1, 3, rng), rng);
  const b = linalg.randn([d], rng), theta0 = linalg.randn([d], rng).data;
  const beta = rng.uniform(0.5, 0.95), eta = rng.uniform(0.01, 0.1);
  const a = vectorParameter(theta0), c = vectorParameter(theta0);
  const d0 = new Momentum([a], { lr: eta, gamma: beta }), d3 = new SGD([c], { lr: eta, momentum: beta });
  const gradient = quadraticGradient(H, b);
  let worst = 0;
  for (let t = 0; t < 200; t++) {
    a.grad.data.set(gradient(a.value).data);
    c.grad.data.set(gradient(c.value).data);
    d0.step();
    d3.step();
    worst = Math.max(worst, distance(Array.from(a.value.data), c.value.data));
    assertClose(d0.v[0]!.data, linalg.scale(d3.M[0]!, eta).data, { atol: 1e-15, rtol: 1e-12 });
  }
  assert.ok(worst <= 1e-13, `max ‖θ_D0 − θ_D3‖ = ${worst}`);
  // From the start again, η cut by 10 after 10 steps: the 003 form scales its whole buffer at once, the 000 form keeps the old η inside v.
  a.value.data.set(theta0);
  c.value.data.set(theta0);
  const e0 = new Momentum([a], { lr: eta, gamma: beta }), e3 = new SGD([c], { lr: eta, momentum: beta });
  for (let t = 0; t < 15; t++) {
    if (t === 10) e0.lr = e3.lr = eta / 10;
    a.grad.data.set(gradient(a.value).data);
    c.grad.data.set(gradient(c.value).data);
    e0.step();
    e3.step();
  }
  assert.ok(distance(Array.from(a.value.data), c.value.data) > 1e-6, 'the forms should differ once η changes');
}), { runs: 30 });

/** f′ of the double well f(x) = x⁴ − 3x² + x, as a one-entry tensor. */
const doubleWell = (theta: Tensor): Tensor => linalg.tensor([4 * theta.data[0]! ** 3 - 6 * theta.data[0]! + 1], [1]);

test('EQ-OPTIMIZERS-11 on x⁴ − 3x² + x from x₀ = 2 (η = 0.01) GD stops at 1.1309; momentum β = 0.9 reaches −1.3008 (both forms); β = 0.5 does not', () => {
  const x0 = linalg.tensor([2], [1]);
  const run = (make: Parameters<typeof minimize>[2]): number => minimize(doubleWell, x0, { tolerance: 1e-10, maxIterations: 20_000, ...make }).theta.data[0]!;
  assertClose(run({ lr: 0.01 }), 1.1309, { atol: 1e-4, rtol: 0 });
  assertClose(run({ optimizer: (p) => new SGD(p, { lr: 0.01, momentum: 0.9 }) }), -1.3008, { atol: 1e-4, rtol: 0 });
  assertClose(run({ optimizer: (p) => new Momentum(p, { lr: 0.01, gamma: 0.9 }) }), -1.3008, { atol: 1e-4, rtol: 0 });
  assertClose(run({ optimizer: (p) => new SGD(p, { lr: 0.01, momentum: 0.5 }) }), 1.1309, { atol: 1e-4, rtol: 0 });
});

property('EQ-OPTIMIZERS-12 Momentum\'s Δθ_t = −γv_{t−1} − ηg_t, and v_t := −Δθ_t is exactly the velocity of EQ-OPTIMIZERS-10', seeds, withRng((rng) => {
  const params = randomParameters(rng);
  const eta = rng.uniform(0, 1), gamma = rng.uniform(0, 0.99);
  const opt = new Momentum(params, { lr: eta, gamma });
  for (let t = 0; t < 5; t++) {
    drawGradients(params, rng);
    const vPrevious = opt.v.flatMap((s) => Array.from(s.data)), g = params.flatMap((p) => Array.from(p.grad.data));
    const delta = opt.delta().flatMap((s) => Array.from(s.data));
    assert.deepEqual(bitsOf(delta), bitsOf(vPrevious.map((v, i) => -(gamma * v + eta * g[i]!))));
    opt.step();
    assert.deepEqual(bitsOf(opt.v.flatMap((s) => Array.from(s.data)).map((v) => -v)), bitsOf(delta));
  }
}), { runs: 40 });

property('EQ-OPTIMIZERS-13 NAG holds θ − γv and follows the slide: v = γv + η∇J(θ − γv), θ = θ − v; the gradient is asked at θ − γv_{t−1}', seeds, withRng((rng) => {
  const d = rng.int(2, 5);
  const { H } = withEigenvalues(eigenvalues(d, 0.1, 3, rng), rng);
  const b = linalg.randn([d], rng), theta0 = linalg.randn([d], rng);
  const eta = rng.uniform(0.01, 0.3), gamma = rng.uniform(0, 0.95);
  const gradient = quadraticGradient(H, b);
  // The slide's recurrence on plain numbers: where it evaluates the gradient, and θ.
  const theta = Array.from(theta0.data), v = theta.map(() => 0), asked: number[][] = [], thetas: number[][] = [];
  for (let t = 0; t < 8; t++) {
    const look = theta.map((x, i) => x - gamma * v[i]!);
    asked.push(look);
    const g = gradient(linalg.tensor(look, [d])).data;
    for (let i = 0; i < d; i++) {
      v[i] = gamma * v[i]! + eta * g[i]!;
      theta[i] = theta[i]! - v[i]!;
    }
    thetas.push([...theta]);
  }
  const spied: number[][] = [];
  const result = minimize((x) => {
    spied.push(Array.from(x.data));
    return gradient(x);
  }, theta0, { optimizer: (p) => new Nesterov(p, { lr: eta, gamma }), tolerance: 0, maxIterations: 8 });
  asked.forEach((look, t) => assertClose(spied[t]!, look, { atol: 1e-13, rtol: 1e-12 }, `gradient call ${t}`));
  assertClose((result.optimizer as Nesterov).theta(0).data, thetas.at(-1)!, { atol: 1e-13, rtol: 1e-12 });
}), { runs: 40 });

property('EQ-OPTIMIZERS-13 NAG with γ = 0 is GD bit for bit; for a linear J (constant gradient) its θ follows momentum\'s', seeds, withRng((rng) => {
  const params = randomParameters(rng), twin = params.map((p) => ({ value: linalg.clone(p.value), grad: p.grad }));
  const eta = rng.uniform(0.001, 1);
  const nag = new Nesterov(params, { lr: eta, gamma: 0 }), gd = new SGD(twin, { lr: eta });
  for (let t = 0; t < 4; t++) {
    drawGradients(params, rng);
    nag.step();
    gd.step();
    assert.deepEqual(bitsOf(valuesOf(params)), bitsOf(valuesOf(twin)));
  }
  const gamma = rng.uniform(0, 0.95), c = linalg.randn([3], rng), start = linalg.randn([3], rng).data;
  const a = vectorParameter(start), m = vectorParameter(start);
  a.grad.data.set(c.data);
  m.grad.data.set(c.data);
  const nesterov = new Nesterov([a], { lr: eta, gamma }), momentum = new Momentum([m], { lr: eta, gamma });
  for (let t = 0; t < 30; t++) {
    nesterov.step();
    momentum.step();
    assertClose(nesterov.theta(0).data, m.value.data, { atol: 1e-12, rtol: 1e-12 });
  }
}), { runs: 40 });

test('EQ-OPTIMIZERS-13 on a quadratic with κ = 100 (γ = 0.9, η = 1/λ_max), NAG reaches ‖θ − θ*‖ < 1e-6 in fewer steps than GD (pinned: 234 against 1375)', () => {
  const lambda = [100, 1, 10, 50, 3];
  const H = linalg.tensor(lambda.flatMap((l, i) => lambda.map((_, j) => (i === j ? l : 0))), [5, 5]);
  const gradient = quadraticGradient(H, null);
  const theta0 = linalg.ones([5]);
  const stepsTo = (make: Parameters<typeof minimize>[2]): number => {
    let steps = 0;
    minimize((x) => {
      if (Math.hypot(...x.data) >= 1e-6) steps++;
      return gradient(x);
    }, theta0, { tolerance: 0, maxIterations: 5000, ...make });
    return steps;
  };
  const nag = stepsTo({ optimizer: (p) => new Nesterov(p, { lr: 1 / 100, gamma: 0.9 }) });
  const gd = stepsTo({ lr: 1 / 100 });
  assert.ok(nag < gd);
  assert.deepEqual([nag, gd], [234, 1375]);
});
