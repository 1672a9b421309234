/**
 * Networks built from layers: output heads (EQ-LAYERS-18), logistic
 * regression as one sigmoid neuron trained to the Newton/IRLS solution
 * (19), residual blocks (24), XOR with two hidden units and the hidden
 * layer as a feature extractor (25), trunk and head (26), and universal
 * approximation as a demonstration (27).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, MLP, Perceptron, ReLU, Residual, Sequential, Tanh, mlp } from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { binaryCrossEntropy, mse } from '../../src/losses/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { BINARY_INPUTS, XOR, accuracy, gradientDescent, moduleGradCheck, seeds, withRng } from './support.js';

const run = (m: Module, X: Tensor): Tensor => m.forward(ad.constant(X)).value;

property('EQ-LAYERS-18 classification heads: predict gives classes 0 … k−1, the argmax of predictProba, whose rows sum to 1', seeds, withRng((rng) => {
  const d = rng.int(1, 4), k = rng.int(2, 5), n = rng.int(1, 10);
  const X = linalg.randn([n, d], rng, 0, 3);
  const soft = mlp([d, 4, k], { head: 'softmax', rng, activation: 'tanh' });
  const P = soft.predictProba(X), classes = soft.predict(X);
  assert.deepEqual(P.shape, [n, k]);
  assertClose(linalg.sum(P, { axis: 1 }), linalg.ones([n]), { atol: 1e-12, rtol: 0 });
  assert.deepEqual(Array.from(classes.data), Array.from(linalg.argmax(P, { axis: 1 }).data));
  assert.ok(Array.from(classes.data).every((c) => Number.isInteger(c) && c >= 0 && c < k));
  const binary = mlp([d, 3, 1], { head: 'sigmoid', rng });
  const Pb = binary.predictProba(X);
  assert.deepEqual(Pb.shape, [n, 2]);
  assertClose(linalg.sum(Pb, { axis: 1 }), linalg.ones([n]), { atol: 1e-15, rtol: 0 });
  assert.deepEqual(Array.from(binary.predict(X).data), Array.from(linalg.argmax(Pb, { axis: 1 }).data));
}), { runs: 50 });

test('EQ-LAYERS-18 regression heads: the identity head returns unbounded reals, the ReLU head returns values ≥ 0 for every input', () => {
  const rng = new Rng(18);
  const X = linalg.randn([200, 3], rng, 0, 10);
  const identity = mlp([3, 8, 2], { rng }), relu = mlp([3, 8, 2], { rng, head: 'relu' });
  const y = identity.predict(X);
  assert.deepEqual(y.shape, [200, 2]);
  assert.ok(linalg.max(y) > 1 && linalg.min(y) < -1, 'outside [−1, 1] in both directions');
  assert.ok(linalg.min(relu.predict(X)) >= 0);
  assert.throws(() => identity.predictProba(X), ValueError);
  assert.throws(() => mlp([3, 2], { rng, head: 'sigmoid' }), ValueError);
  assert.throws(() => identity.predict(linalg.zeros([2, 4])), ShapeError);
  assert.equal(String(mlp([3, 5, 2], { rng, head: 'softmax' })), 'MLP(3 → 5 → 2, softmax)');
});

test('EQ-LAYERS-19 a Dense + sigmoid neuron trained by gradient descent on BCE from zero reaches the Newton/IRLS θ to 1e-6', () => {
  const rng = new Rng(19);
  const n = 200;
  const X = linalg.randn([n, 2], rng);
  const thetaTrue = [0.5, 1.5, -2];
  const y = linalg.tensor(Array.from({ length: n }, (_, i) => {
    const z = thetaTrue[0]! + thetaTrue[1]! * X.data[2 * i]! + thetaTrue[2]! * X.data[2 * i + 1]!;
    return rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0; // Bernoulli labels: not separable
  }), [n, 1]);
  const model = mlp([2, 1], { head: 'sigmoid', init: 'zeros' });
  const [dense] = model.layers as [Dense];
  gradientDescent(model.parameters(), () => binaryCrossEntropy(model.forward(ad.constant(X)), y), 2, 3000);
  // IRLS reference on X̃ = [1 X]: θ ← θ + (X̃ᵀWX̃)⁻¹X̃ᵀ(y − p), W = diag(p(1 − p))
  const theta = [0, 0, 0];
  for (let it = 0; it < 30; it++) {
    const H = linalg.zeros([3, 3]), g = linalg.zeros([3]);
    for (let i = 0; i < n; i++) {
      const x = [1, X.data[2 * i]!, X.data[2 * i + 1]!];
      const p = 1 / (1 + Math.exp(-(theta[0]! * x[0]! + theta[1]! * x[1]! + theta[2]! * x[2]!)));
      for (let a = 0; a < 3; a++) {
        g.data[a] = g.data[a]! + x[a]! * (y.data[i]! - p);
        for (let b = 0; b < 3; b++) H.data[a * 3 + b] = H.data[a * 3 + b]! + x[a]! * p * (1 - p) * x[b]!;
      }
    }
    const step = linalg.solve(H, g);
    for (let a = 0; a < 3; a++) theta[a] = theta[a]! + step.data[a]!;
  }
  assertClose([dense.b!.value.data[0]!, ...dense.W.value.data], theta, { atol: 1e-6, rtol: 0 });
  // p ∈ (0, 1), and p > 0.5 exactly where xᵀθ > 0
  const p = run(model, X), z = run(dense, X);
  for (let i = 0; i < n; i++) {
    assert.ok(p.data[i]! > 0 && p.data[i]! < 1);
    assert.equal(p.data[i]! > 0.5, z.data[i]! > 0);
  }
});

test('EQ-LAYERS-24 a residual block needs k_ℓ = k_{ℓ+1}; with W = 0 and σ(0) = 0 (ReLU, tanh) it is exactly the identity', () => {
  const rng = new Rng(24);
  assert.throws(() => new Residual(new Dense(3, 2, { rng })).forward(ad.constant(linalg.zeros([1, 3]))), ShapeError);
  const X = linalg.randn([5, 3], rng);
  for (const act of [new ReLU(), new Tanh()]) {
    const block = new Residual(new Sequential([new Dense(3, 3, { init: 'zeros', bias: false }), act]));
    assertSameBits(run(block, X).data, X.data, act.toString());
  }
  assert.deepEqual(new Residual(new Dense(3, 3, { rng })).namedParameters().map(([n]) => n), ['body.W', 'body.b']);
});

/** The Jacobian ∂y/∂x (k×k) of f at x: [k], row i by a backward pass seeded with eᵢ. */
function jacobian(f: (x: Var) => Var, x: Tensor): Tensor {
  const k = x.data.length, J = linalg.zeros([k, k]);
  for (let i = 0; i < k; i++) {
    const v = ad.variable(linalg.clone(x));
    const seed = linalg.zeros([k]);
    seed.data[i] = 1;
    f(v).backward(seed);
    J.data.set(v.grad.data, i * k);
  }
  return J;
}

property('EQ-LAYERS-24 the Jacobian of y = σ(xW) + x is I + J_branch', seeds, withRng((rng) => {
  const k = rng.int(1, 6);
  const body = new Sequential([new Dense(k, k, { rng }), new Tanh()]);
  const block = new Residual(body);
  const x = linalg.randn([k], rng);
  assertClose(jacobian((v) => block.forward(v), x), linalg.add(linalg.eye(k), jacobian((v) => body.forward(v), x)), { atol: 1e-15, rtol: 1e-15 });
  const check = moduleGradCheck(block, linalg.reshape(x, [1, k]), rng);
  assert.ok(check.ratio <= 1, check.where);
}), { runs: 50 });

test('EQ-LAYERS-24 50 residual ReLU blocks with ‖W‖₂ ≤ 0.01 keep every singular value of the Jacobian in [0.99⁵⁰, 1.01⁵⁰]; without skips it is ≤ 0.01⁵⁰', () => {
  const rng = new Rng(2450);
  const k = 6;
  const denses = Array.from({ length: 50 }, () => {
    const d = new Dense(k, k, { rng, bias: false });
    const W = d.W.value;
    W.data.set(linalg.scale(W, 0.01 / linalg.spectralNorm(W)).data);
    return d;
  });
  const withSkips = new Sequential(denses.map((d) => new Residual(new Sequential([d, new ReLU()]))));
  const without = new Sequential(denses.flatMap((d) => [d, new ReLU()]));
  const x = linalg.map(linalg.randn([k], rng), Math.abs); // positive, so the ReLUs pass the skip's signal on
  const S = linalg.svd(jacobian((v) => withSkips.forward(v), x)).S;
  for (const s of S.data) assert.ok(s >= 0.99 ** 50 && s <= 1.01 ** 50, `σ = ${s}`);
  const plain = linalg.svd(jacobian((v) => without.forward(v), x)).S;
  assert.ok(linalg.max(plain) <= 0.01 ** 50, `‖J‖ = ${linalg.max(plain)}`);
});

/** Dense(2 → 2) → ReLU → Dense(2 → 1) with h₁ = relu(x₁ + x₂), h₂ = relu(x₁ + x₂ − 1), y = h₁ − 2h₂. */
function designedXor(): { net: Sequential; hidden: Sequential } {
  const first = new Dense(2, 2, { init: 'zeros' }), second = new Dense(2, 1, { init: 'zeros' });
  first.W.value.data.set([1, 1, 1, 1]);
  first.b!.value.data.set([0, -1]);
  second.W.value.data.set([1, -2]);
  const net = new Sequential([first, new ReLU(), second]);
  return { net, hidden: net.slice(0, 2) };
}

test('EQ-LAYERS-25 h₁ = relu(x₁ + x₂), h₂ = relu(x₁ + x₂ − 1), y = h₁ − 2h₂ is XOR; its hidden layer makes XOR linearly separable', () => {
  const { net, hidden } = designedXor();
  assert.deepEqual(Array.from(run(net, BINARY_INPUTS).data), [0, 1, 1, 0]);
  const H = run(hidden, BINARY_INPUTS);
  const p = new Perceptron({ maxEpochs: 100 }).fit(H, XOR);
  assert.ok(p.converged);
  assert.deepEqual(Array.from(p.predict(H).data), Array.from(XOR.data));
  // feature engineering: with x₁x₂ as a third feature, w = (1, 1, −2), b = −0.5 separates XOR
  const X3 = linalg.tensor(Array.from({ length: 12 }, (_, q) => {
    const i = Math.floor(q / 3), j = q % 3;
    return j < 2 ? BINARY_INPUTS.data[2 * i + j]! : BINARY_INPUTS.data[2 * i]! * BINARY_INPUTS.data[2 * i + 1]!;
  }), [4, 3]);
  const unit = new Dense(3, 1, { init: 'zeros' });
  unit.W.value.data.set([1, 1, -2]);
  unit.b!.value.data[0] = -0.5;
  assert.equal(accuracy(run(unit, X3).data, XOR.data, 0), 1);
});

/** A 2-2-1 tanh MLP trained on XOR by gradient descent on the MSE, 300 steps of η = 0.5; its accuracy at 0.5. */
function trainXor(seed: number): number {
  const net = mlp([2, 2, 1], { activation: 'tanh', rng: new Rng(seed) });
  const y = linalg.reshape(XOR, [4, 1]);
  gradientDescent(net.parameters(), () => mse(net.forward(ad.constant(BINARY_INPUTS)), y), 0.5, 300);
  return accuracy(run(net, BINARY_INPUTS).data, XOR.data);
}

// Measured: seeds 1, 2, 3, 5, 8, 10–15, 17–19 solve it (14 of 20); the others stop in a local minimum
// (one hidden unit saturated), as the catalogue warns. With BCE on logits, η = 0.5 and 1000 steps, 8 of 20.
test('EQ-LAYERS-25 (demonstrative) a 2-2-1 tanh MLP reaches 100% on XOR from seed 1, and from at least half of seeds 0 … 19', () => {
  assert.equal(trainXor(1), 1);
  const solved = Array.from({ length: 20 }, (_, seed) => trainXor(seed)).filter((a) => a === 1).length;
  assert.ok(solved >= 10, `${solved} of 20 seeds`);
});

test('EQ-LAYERS-26 f = head ∘ trunk; a linear head trained on a frozen trunk reaches lstsq on the trunk features, the trunk bit-identical', () => {
  const rng = new Rng(26);
  const net = mlp([3, 4, 1], { activation: 'tanh', rng });
  const trunk = net.slice(0, -1), head = net.slice(-1);
  const X = linalg.randn([50, 3], rng), y = linalg.randn([50, 1], rng);
  assertSameBits(run(net, X).data, run(head, run(trunk, X)).data, 'model = head(trunk(x))');
  const trunkBefore = trunk.parameters().map((p) => linalg.clone(p.value));
  const F = run(trunk, X); // the features, computed once: the trunk is frozen
  // The MSE's Hessian 2F̃ᵀF̃/n has eigenvalues in [0.017, 2.54] here (F̃ = [F 1]): η = 0.75 contracts the
  // error by 1 − 0.75·0.017 per step, below 1e-10 of its start after 2000 steps.
  gradientDescent(head.parameters(), () => mse(head.forward(ad.constant(F)), y), 0.75, 2000);
  const Fb = linalg.tensor(Array.from({ length: 50 * 5 }, (_, q) => (q % 5 === 4 ? 1 : F.data[Math.floor(q / 5) * 4 + (q % 5)]!)), [50, 5]);
  const theta = linalg.lstsq(Fb, y);
  const [dense] = head.layers as [Dense];
  assertClose([...dense.W.value.data, dense.b!.value.data[0]!], theta.data, { atol: 1e-6, rtol: 0 });
  trunk.parameters().forEach((p, i) => assertSameBits(p.value.data, trunkBefore[i]!.data, `trunk parameter ${i}`));
  assert.ok(net instanceof MLP);
});

/**
 * The minimum-norm least-squares solution of A·θ ≈ b through the SVD, singular values below
 * max(m, n)·ε·σ₁ dropped (128 tanh features on 200 points are rank-deficient to working precision).
 */
function leastSquares(A: Tensor, b: Tensor): Tensor {
  const { U, S, V } = linalg.svd(A);
  const [m, n] = A.shape as [number, number], p = S.data.length;
  const cutoff = Math.max(m, n) * Number.EPSILON * S.data[0]!;
  const theta = linalg.zeros([n, 1]);
  for (let j = 0; j < p; j++) {
    const s = S.data[j]!;
    if (s <= cutoff) continue;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U.data[i * p + j]! * b.data[i]!;
    for (let k = 0; k < n; k++) theta.data[k] = theta.data[k]! + (V.data[k * p + j]! * ub) / s;
  }
  return theta;
}

test('EQ-LAYERS-27 (demonstrative) one tanh hidden layer fitted by least squares approximates sin on [−π, π]: nested widths 2, 8, 32, 128', () => {
  const rng = new Rng(27);
  const m = 200, widths = [2, 8, 32, 128];
  const x = linalg.tensor(Array.from({ length: m }, (_, i) => -Math.PI + (2 * Math.PI * i) / (m - 1)), [m, 1]);
  const target = linalg.map(x, Math.sin);
  // one pool of 128 hidden units, W ~ N(0, 2²), b ~ U(−2π, 2π); width H takes the first H
  const poolW = linalg.randn([1, 128], rng, 0, 2), poolB = linalg.rand([128], rng, -2 * Math.PI, 2 * Math.PI);
  const results = widths.map((H) => {
    const hidden = new Dense(1, H, { init: 'zeros' });
    hidden.W.value.data.set(poolW.data.subarray(0, H));
    hidden.b!.value.data.set(poolB.data.subarray(0, H));
    const F = run(new Sequential([hidden, new Tanh()]), x);
    const A = linalg.tensor(Array.from({ length: m * (H + 1) }, (_, q) => (q % (H + 1) === H ? 1 : F.data[Math.floor(q / (H + 1)) * H + (q % (H + 1))]!)), [m, H + 1]);
    const theta = leastSquares(A, target);
    const fit = linalg.matmul(A, theta);
    return { mse: linalg.sum(linalg.square(linalg.sub(fit, target))) / m, maxError: linalg.maxAbs(linalg.sub(fit, target)) };
  });
  // measured max errors: 0.83, 0.058, 9.9e-7, 1.2e-12 (the catalogue's reference run: 0.71, 0.22, 2e-7, 6e-13)
  for (let i = 1; i < results.length; i++) assert.ok(results[i]!.mse <= results[i - 1]!.mse * (1 + 1e-9) + 1e-30, `H = ${widths[i]}`);
  assert.ok(results[3]!.maxError < 1e-2, `max error at H = 128: ${results[3]!.maxError}`);
});
