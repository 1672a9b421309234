/**
 * Penalties added to a loss: the regularised objective (EQ-REGULARIZERS-01),
 * the 000 deck's list Σ‖w‖₁, Σ‖w‖₂, Σ‖w‖∞ (02), the squared L2 and its
 * weight-decay form (04), the elastic net (05); values against brute
 * force, gradients against finite differences, ridge against its closed
 * form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { BatchNorm, Dense, LayerNorm, Sequential, Tanh } from '../../src/layers/index.js';
import {
  elasticNetPenalty, l1Penalty, l2NormPenalty, l2Penalty, lInfPenalty, regularized, weightsOf,
} from '../../src/regularizers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { meanOfSquares, ridge, seeds, withRng } from './support.js';

/** A few parameter tensors of random shapes, each entry away from 0 by at least `away` (for L1's kink). */
function tensors(rng: Rng, away = 0): Var[] {
  return Array.from({ length: rng.int(1, 4) }, () => {
    const shape = rng.next() < 0.5 ? [rng.int(1, 5)] : [rng.int(1, 4), rng.int(1, 4)];
    return ad.variable(linalg.map(linalg.randn(shape, rng), (v) => (v >= 0 ? v + away : v - away)));
  });
}

/** Brute force, per tensor: Σ|w|, Σw², √Σw², max|w|. */
const brute = (ws: Var[], f: (w: number[]) => number): number => ws.reduce((s, w) => s + f(Array.from(w.value.data)), 0);
const sumAbs = (w: number[]): number => w.reduce((s, v) => s + Math.abs(v), 0);
const sumSq = (w: number[]): number => w.reduce((s, v) => s + v * v, 0);
const maxAbs = (w: number[]): number => Math.max(...w.map(Math.abs));

/** ∂R/∂w for each tensor by backward(). */
function gradients(R: (ws: Var[]) => Var, ws: Var[]): Tensor[] {
  for (const w of ws) w.zeroGrad();
  R(ws).backward();
  return ws.map((w) => linalg.clone(w.grad));
}

property('EQ-REGULARIZERS-02 Σ‖w‖₁, Σ‖w‖₂ (per tensor, not squared), Σ‖w‖∞ and the squared R_L2 equal their sums by brute force (1e-13), are ≥ 0, and are 0 iff every weight is 0', seeds, withRng((rng) => {
  const ws = tensors(rng);
  const cases: [string, (w: Var[]) => Var, (w: number[]) => number][] = [
    ['l1', l1Penalty, sumAbs], ['l2', l2Penalty, sumSq], ['l2Norm', l2NormPenalty, (w) => Math.sqrt(sumSq(w))], ['lInf', lInfPenalty, maxAbs],
  ];
  for (const [name, R, f] of cases) {
    const value = R(ws).item();
    assertClose(value, brute(ws, f), { atol: 1e-13, rtol: 1e-13 }, name);
    assert.ok(value > 0, `${name} > 0 for non-zero weights`);
    const zeros = ws.map((w) => ad.variable(linalg.zeros(w.value.shape)));
    assert.equal(R(zeros).item(), 0, `${name} = 0 at w = 0`);
    const one = zeros.map((w) => ad.variable(linalg.clone(w.value)));
    one[0]!.value.data[0] = rng.next() < 0.5 ? 1e-100 : -1e-3; // (1e-300)² would underflow R_L2 to 0, correctly rounded
    assert.ok(R(one).item() > 0, `${name} > 0 with one non-zero weight`);
  }
}), { runs: 100 });

property('EQ-REGULARIZERS-02 for one tensor Σ‖w‖₂ = √R_L2 (1e-15); the subgradient of Σ‖w‖∞ is sign(w_k) at the first arg-max |w| of each tensor and 0 elsewhere', seeds, withRng((rng) => {
  const ws = tensors(rng);
  const w = ws[0]!;
  assertClose(l2NormPenalty(w).item(), Math.sqrt(l2Penalty(w).item()), { atol: 0, rtol: 1e-15 });
  const g = gradients(lInfPenalty, ws);
  ws.forEach((v, i) => {
    const d = Array.from(v.value.data), k = d.map(Math.abs).indexOf(maxAbs(d));
    const expected = d.map((x, j) => (j === k ? Math.sign(x) : 0));
    assertSameBits(g[i]!.data, expected, `tensor ${i}`);
  });
}), { runs: 100 });

property('EQ-REGULARIZERS-02 every penalty\'s gradient matches central differences (L1 away from its kink at 0)', seeds, withRng((rng) => {
  const ws = tensors(rng, 1e-3);
  const alpha = rng.next();
  for (const [name, R] of [['l1', l1Penalty], ['l2', l2Penalty], ['l2Norm', l2NormPenalty], ['elasticNet', (v: Var[]) => elasticNetPenalty(v, alpha)]] as const) {
    const check = ad.gradCheck((...vs: Var[]) => R(vs), ws.map((w) => w.value));
    assert.ok(check.ok, `${name}: ${check.message}`);
  }
  // L∞ away from ties: its arg-max is unique and stays so under ±h
  const check = ad.gradCheck((...vs: Var[]) => lInfPenalty(vs), [linalg.tensor([0.5, -2, 1], [3]), linalg.fromArray([[3, 0.1], [-0.2, 1]])]);
  assert.ok(check.ok, `lInf: ${check.message}`);
}), { runs: 50 });

test('EQ-REGULARIZERS-02 at w = 0 the penalties take the zero subgradient (no NaN), and an empty list is R = 0', () => {
  const w = ad.variable(linalg.zeros([2, 3]));
  for (const R of [l1Penalty, l2Penalty, l2NormPenalty, lInfPenalty]) {
    w.zeroGrad();
    R(w).backward();
    assert.ok(Array.from(w.grad.data).every((v) => v === 0), `${R.name}: ${Array.from(w.grad.data).join(', ')}`);
    assert.equal(R([]).item(), 0);
  }
});

property('EQ-REGULARIZERS-01 total = data + λ·R; λ = 0 gives the data loss and its gradient bit for bit; ∇total = ∇data + λ∇R (1e-13)', seeds, withRng((rng) => {
  const m = rng.int(2, 10), d = rng.int(1, 5), lambda = rng.uniform(0, 3);
  const X = linalg.randn([m, d], rng), y = linalg.randn([m], rng);
  const w = ad.variable(linalg.randn([d], rng));
  const gradOf = (L: () => Var): { value: number; grad: Tensor } => {
    w.zeroGrad();
    const loss = L();
    loss.backward();
    return { value: loss.item(), grad: linalg.clone(w.grad) };
  };
  const data = gradOf(() => meanOfSquares(X, y, w)), R = gradOf(() => l2Penalty(w));
  const total = gradOf(() => regularized(meanOfSquares(X, y, w), lambda, l2Penalty(w)));
  assert.equal(total.value, data.value + R.value * lambda);
  assertClose(total.grad, linalg.add(data.grad, linalg.scale(R.grad, lambda)), { atol: 1e-13, rtol: 1e-13 });
  const none = gradOf(() => regularized(meanOfSquares(X, y, w), 0, l1Penalty(w)));
  assert.equal(none.value, data.value);
  assertSameBits(none.grad.data, data.grad.data, 'λ = 0');
}), { runs: 100 });

test('EQ-REGULARIZERS-01 ridge by its closed form over λ ∈ {0, 0.01, 0.1, 1, 10}: the data loss at the optimum never decreases and R(W*) never increases; the library\'s objective has zero gradient there (1e-10)', () => {
  const rng = new Rng(101);
  const M = 30, d = 5;
  const X = linalg.randn([M, d], rng), y = linalg.add(linalg.reshape(linalg.matmul(X, linalg.randn([d, 1], rng)), [M]), linalg.randn([M], rng, 0, 0.5));
  let lastData = -Infinity, lastR = Infinity;
  for (const lambda of [0, 0.01, 0.1, 1, 10]) {
    const w = ad.variable(ridge(X, y, lambda));
    const data = meanOfSquares(X, y, w).item(), R = l2Penalty(w).item();
    assert.ok(data >= lastData && R <= lastR, `λ = ${lambda}: data ${data} (was ${lastData}), R ${R} (was ${lastR})`);
    lastData = data;
    lastR = R;
    regularized(meanOfSquares(X, y, w), lambda, l2Penalty(w)).backward();
    assertClose(w.grad, linalg.zeros([d]), { atol: 1e-10, rtol: 0 }, `∇L at w*(${lambda})`);
  }
});

test('EQ-REGULARIZERS-01 weightsOf takes the weights (rank ≥ 2) and leaves biases and normalisation\'s γ, β out unless { biases: true }', () => {
  const rng = new Rng(1);
  const net = new Sequential([new Dense(3, 4, { rng }), new BatchNorm(4), new Tanh(), new Dense(4, 2, { rng }), new LayerNorm(2)]);
  const names = new Map(net.namedParameters().map(([n, v]) => [v, n]));
  assert.deepEqual(weightsOf(net).map((v) => names.get(v)), ['0.W', '3.W']);
  assert.deepEqual(weightsOf(net, { biases: true }).map((v) => names.get(v)), net.namedParameters().map(([n]) => n));
  assert.throws(() => regularized(l2Penalty(weightsOf(net)), -1, l2Penalty(weightsOf(net))), ValueError);
});

property('EQ-REGULARIZERS-04 ∇R_L2 = 2w exactly, and a gradient step on L + λR_L2 is the weight-decay form (1 − 2ηλ)w − η∇L (1e-15)', seeds, withRng((rng) => {
  const m = rng.int(2, 8), d = rng.int(1, 5), eta = rng.uniform(0.001, 0.2), lambda = rng.uniform(0, 2);
  const X = linalg.randn([m, d], rng), y = linalg.randn([m], rng);
  const w = ad.variable(linalg.randn([d], rng));
  assertSameBits(gradients((v) => l2Penalty(v), [w])[0]!.data, linalg.scale(w.value, 2).data, '∇R_L2');
  w.zeroGrad();
  meanOfSquares(X, y, w).backward();
  const gradL = linalg.clone(w.grad);
  w.zeroGrad();
  regularized(meanOfSquares(X, y, w), lambda, l2Penalty(w)).backward();
  const step = linalg.sub(w.value, linalg.scale(w.grad, eta));
  const decay = linalg.sub(linalg.scale(w.value, 1 - 2 * eta * lambda), linalg.scale(gradL, eta));
  assertClose(step, decay, { atol: 1e-15, rtol: 1e-15 });
}), { runs: 100 });

test('EQ-REGULARIZERS-04 gradient descent on (1/M)‖Xw − y‖² + λ‖w‖² converges to (XᵀX + MλI)⁻¹Xᵀy (1e-8); ‖w*(λ)‖ strictly decreases with λ and no coordinate is 0; the Hessian gains 2λI and a lower condition number', () => {
  const rng = new Rng(404);
  const M = 20, d = 4, lambda = 0.3;
  const X = linalg.randn([M, d], rng), y = linalg.randn([M], rng);
  const w = ad.variable(linalg.zeros([d]));
  for (let t = 0; t < 3000; t++) {
    w.zeroGrad();
    regularized(meanOfSquares(X, y, w), lambda, l2Penalty(w)).backward();
    linalg.addScaledInto(w.value, w.grad, -0.1);
  }
  assertClose(w.value, ridge(X, y, lambda), { atol: 1e-8, rtol: 0 });
  let last = Infinity;
  for (const l of [0, 0.01, 0.1, 1, 10, 100]) {
    const wl = ridge(X, y, l), norm = linalg.norm2(wl);
    assert.ok(norm < last, `‖w*(${l})‖ = ${norm} < ${last}`);
    assert.ok(Array.from(wl.data).every((v) => v !== 0), `no exact zero at λ = ${l}`);
    last = norm;
  }
  // H = (2/M)XᵀX + 2λI: every eigenvalue moves up by 2λ, so κ = λ_max/λ_min falls
  const H0 = linalg.scale(linalg.matmulTransA(X, X), 2 / M), H = linalg.add(H0, linalg.scale(linalg.eye(d), 2 * lambda));
  const e0 = linalg.eigSym(H0).values.data, e = linalg.eigSym(H).values.data;
  assertClose(e, Array.from(e0, (v) => v + 2 * lambda), { atol: 1e-12, rtol: 1e-12 });
  assert.ok(e[0]! / e[d - 1]! < e0[0]! / e0[d - 1]!);
});

property('EQ-REGULARIZERS-05 elastic net: α = 1 is R_L1 and α = 0 is R_L2 (values and gradients bit for bit); R_EN is linear in α (1e-13) and lies between min and max of the two', seeds, withRng((rng) => {
  const ws = tensors(rng);
  const R1 = l1Penalty(ws).item(), R2 = l2Penalty(ws).item();
  assert.equal(elasticNetPenalty(ws, 1).item(), R1);
  assert.equal(elasticNetPenalty(ws, 0).item(), R2);
  gradients((v) => elasticNetPenalty(v, 1), ws).forEach((g, i) => assertClose(g, gradients(l1Penalty, ws)[i]!, { atol: 0, rtol: 0 }, `α = 1, tensor ${i}`));
  gradients((v) => elasticNetPenalty(v, 0), ws).forEach((g, i) => assertClose(g, gradients(l2Penalty, ws)[i]!, { atol: 0, rtol: 0 }, `α = 0, tensor ${i}`));
  const alpha = rng.next(), R = elasticNetPenalty(ws, alpha).item();
  assertClose(R, alpha * R1 + (1 - alpha) * R2, { atol: 1e-13, rtol: 1e-13 });
  assert.ok(R >= Math.min(R1, R2) * (1 - 1e-15) && R <= Math.max(R1, R2) * (1 + 1e-15));
  assert.throws(() => elasticNetPenalty(ws, 1.01), ValueError);
  assert.throws(() => elasticNetPenalty(ws, -0.01), ValueError);
}), { runs: 100 });
