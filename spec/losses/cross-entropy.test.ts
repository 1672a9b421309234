/**
 * Cross-entropy losses against their definitions written out by loops:
 * the single-sample categorical CE and Gibbs' inequality (EQ-LOSSES-05),
 * the averaged multiclass CE in its double-sum and matrix forms (06), and
 * the binary CE as the negative log-likelihood of logistic regression (07);
 * the logits forms at ±800 and ±1000, their gradients softmax(z) − y and
 * σ(z) − y, and gradCheck.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, crossEntropyWithLogits } from '../../src/losses/index.js';
import { assertClose, property } from '../harness/index.js';
import { seeds, withRng } from '../layers/support.js';

const at = (t: Tensor): ad.Var => ad.constant(t);
const sig = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** n rows on the simplex of C classes (normalised exponentials of N(0, s²) draws). */
function simplexRows(n: number, C: number, rng: Rng, s = 1): Tensor {
  const t = linalg.zeros([n, C]);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += (t.data[i * C + c] = Math.exp(rng.normal(0, s)));
    for (let c = 0; c < C; c++) t.data[i * C + c] = t.data[i * C + c]! / sum;
  }
  return t;
}

/** Class indices [n] in 0 … C−1 and their one-hot rows. */
function labels(n: number, C: number, rng: Rng): { indices: Tensor; Y: Tensor } {
  const indices = linalg.tensor(Array.from({ length: n }, () => rng.int(0, C)), [n]);
  const Y = linalg.zeros([n, C]);
  for (let i = 0; i < n; i++) Y.data[i * C + indices.data[i]!] = 1;
  return { indices, Y };
}

/** softmax of each row, by loops (max subtracted). */
function softmaxRows(Z: Tensor): Tensor {
  const [n, C] = Z.shape as [number, number];
  const P = linalg.zeros([n, C]);
  for (let i = 0; i < n; i++) {
    let m = -Infinity, s = 0;
    for (let c = 0; c < C; c++) m = Math.max(m, Z.data[i * C + c]!);
    for (let c = 0; c < C; c++) s += Math.exp(Z.data[i * C + c]! - m);
    for (let c = 0; c < C; c++) P.data[i * C + c] = Math.exp(Z.data[i * C + c]! - m) / s;
  }
  return P;
}

property('EQ-LOSSES-05 for a one-hot y, CE = −ln p_true; CE ≥ 0; CE(y, p) ≥ H(y) with equality at p = y (Gibbs)', seeds, withRng((rng) => {
  const C = rng.int(2, 7);
  const p = simplexRows(1, C, rng), { indices, Y } = labels(1, C, rng);
  const c = indices.data[0]!;
  assertClose(crossEntropy(at(p), indices).item(), -Math.log(p.data[c]!), { atol: 0, rtol: 1e-15 });
  assert.equal(crossEntropy(at(p), Y).item(), crossEntropy(at(p), indices).item());
  assert.ok(crossEntropy(at(p), Y).item() >= 0);
  const y = simplexRows(1, C, rng), q = simplexRows(1, C, rng);
  let H = 0;
  for (let k = 0; k < C; k++) H -= y.data[k]! * Math.log(y.data[k]!);
  assert.ok(crossEntropy(at(q), y).item() > H, 'CE(y, q) > H(y) for q ≠ y');
  assertClose(crossEntropy(at(y), y).item(), H, { atol: 1e-15, rtol: 1e-14 });
}), { runs: 100 });

property('EQ-LOSSES-05 the logits form −Σ yᵢ(zᵢ − logsumexp z) is finite up to |z| = 1e4; its gradient is softmax(z) − y', seeds, withRng((rng) => {
  const n = rng.int(1, 5), C = rng.int(2, 6);
  const Z = linalg.randn([n, C], rng, 0, 10 ** rng.int(0, 5));
  const Y = simplexRows(n, C, rng);
  const loss = crossEntropyWithLogits(at(Z), Y, { reduction: 'sum' }).item();
  assert.ok(Number.isFinite(loss) && loss >= 0, `loss ${loss}`);
  const z = ad.variable(linalg.clone(Z));
  crossEntropyWithLogits(z, Y, { reduction: 'sum' }).backward();
  assertClose(z.grad, linalg.sub(softmaxRows(Z), Y), { atol: 1e-12, rtol: 0 });
  // mean reduction: divided by n
  const zMean = ad.variable(linalg.clone(Z));
  crossEntropyWithLogits(zMean, Y).backward();
  assertClose(zMean.grad, linalg.scale(linalg.sub(softmaxRows(Z), Y), 1 / n), { atol: 1e-12, rtol: 0 });
}), { runs: 100 });

property('EQ-LOSSES-06 −(1/n)Σᵢ Σⱼ y_ij ln p_ij equals the matrix form −(1/n)Σᵢ yᵢᵀ ln pᵢ and the mean of single-sample CEs', seeds, withRng((rng) => {
  const n = rng.int(1, 9), C = rng.int(2, 6);
  const P = simplexRows(n, C, rng), Y = rng.next() < 0.5 ? labels(n, C, rng).Y : simplexRows(n, C, rng);
  let doubleSum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < C; j++) doubleSum += Y.data[i * C + j]! * Math.log(P.data[i * C + j]!);
  const matrixForm = linalg.sum(linalg.mul(Y, linalg.log(P)));
  const perRow = Array.from({ length: n }, (_, i) => crossEntropy(at(linalg.tensor(P.data.slice(i * C, i * C + C), [1, C])), linalg.tensor(Y.data.slice(i * C, i * C + C), [1, C])).item());
  const L = crossEntropy(at(P), Y).item();
  assertClose(L, -doubleSum / n, { atol: 1e-15, rtol: 1e-12 });
  assertClose(L, -matrixForm / n, { atol: 1e-15, rtol: 1e-12 });
  assertClose(L, perRow.reduce((a, b) => a + b, 0) / n, { atol: 1e-15, rtol: 1e-12 });
  // invariant to the order of the samples
  const order = rng.permutation(n);
  const permute = (T: Tensor): Tensor => linalg.tensor(Array.from({ length: n * C }, (_, q) => T.data[order[Math.floor(q / C)]! * C + (q % C)]!), [n, C]);
  assertClose(crossEntropy(at(permute(P)), permute(Y)).item(), L, { atol: 0, rtol: 1e-14 });
}), { runs: 100 });

property('EQ-LOSSES-06 for k = 2 the multiclass CE equals the BCE of f = p_{·,1}', seeds, withRng((rng) => {
  const n = rng.int(1, 9);
  const P = simplexRows(n, 2, rng), { indices } = labels(n, 2, rng);
  const f = linalg.tensor(Array.from({ length: n }, (_, i) => P.data[2 * i + 1]!), [n]);
  assertClose(crossEntropy(at(P), indices).item(), binaryCrossEntropy(at(f), indices).item(), { atol: 1e-15, rtol: 1e-12 });
}), { runs: 100 });

test('EQ-LOSSES-06 a probability of 0 on the true class costs +∞ (no clipping); a 0 elsewhere costs nothing', () => {
  const P = linalg.tensor([0, 1, 0.5, 0.5], [2, 2]);
  assert.equal(crossEntropy(at(P), linalg.tensor([0, 0], [2])).item(), Infinity);
  assertClose(crossEntropy(at(P), linalg.tensor([1, 1], [2])).item(), Math.log(2) / 2, { atol: 0, rtol: 1e-15 });
  const p = ad.variable(linalg.clone(P));
  crossEntropy(p, linalg.tensor([1, 1], [2])).backward();
  assert.ok(Array.from(p.grad.data).every(Number.isFinite), 'the gradient at a zero of weight 0 is finite');
});

test('softmax and cross-entropy with logits are finite and exact at logits of ±800', () => {
  const Z = linalg.tensor([800, -800, -800, 800], [2, 2]);
  assert.deepEqual(Array.from(ad.softmax(at(Z)).value.data), [1, 0, 0, 1]);
  assert.equal(crossEntropyWithLogits(at(Z), linalg.tensor([0, 1], [2])).item(), 0);
  assert.equal(crossEntropyWithLogits(at(Z), linalg.tensor([1, 0], [2])).item(), 1600);
  assert.equal(crossEntropyWithLogits(at(Z), linalg.tensor([1, 0], [2]), { reduction: 'sum' }).item(), 3200);
  const z = ad.variable(linalg.clone(Z));
  crossEntropyWithLogits(z, linalg.tensor([1, 0], [2])).backward();
  assert.deepEqual(Array.from(z.grad.data), [0.5, -0.5, -0.5, 0.5]);
  // and binary: z = ±800 with y = 0 or 1
  const b = linalg.tensor([800, -800, 800, -800], [4]);
  assert.deepEqual(Array.from(linalg.tensor([0, 1, 1, 0], [4]).data, (_, i) =>
    binaryCrossEntropyWithLogits(at(linalg.tensor([b.data[i]!], [1])), linalg.tensor([[0, 1, 1, 0][i]!], [1])).item()), [800, 800, 0, 0]);
});

property('EQ-LOSSES-07 BCE = −(1/n) ln Πᵢ pᵢ^{yᵢ}(1 − pᵢ)^{1−yᵢ}: the negative log-likelihood', seeds, withRng((rng) => {
  const n = rng.int(1, 20);
  const p = linalg.map(linalg.zeros([n]), () => rng.uniform(0.01, 0.99));
  const y = linalg.map(linalg.zeros([n]), () => (rng.next() < 0.5 ? 1 : 0));
  let likelihood = 1;
  for (let i = 0; i < n; i++) likelihood *= y.data[i] === 1 ? p.data[i]! : 1 - p.data[i]!;
  assertClose(binaryCrossEntropy(at(p), y).item(), -Math.log(likelihood) / n, { atol: 1e-15, rtol: 1e-12 });
}), { runs: 100 });

property('EQ-LOSSES-07 BCE from logits equals BCE of σ(z) for |z| ≤ 30 (and wherever both are finite); ∂/∂zᵢ = (σ(zᵢ) − yᵢ)/n', seeds, withRng((rng) => {
  const n = rng.int(1, 12);
  const z = linalg.map(linalg.zeros([n]), () => rng.uniform(-30, 30));
  const y = linalg.map(linalg.zeros([n]), () => (rng.next() < 0.3 ? rng.next() : rng.next() < 0.5 ? 1 : 0));
  // The probability form rounds p = σ(z) to within ε/2 of 1, so ln(1 − p) carries an error up to about
  // ε·e^{|z|}/2 (1e-3 at |z| = 30): the bound of the comparison. The logits form has no such error.
  const zMax = Math.max(...Array.from(z.data, Math.abs));
  const viaProbabilities = binaryCrossEntropy(ad.sigmoid(at(z)), y).item();
  assertClose(binaryCrossEntropyWithLogits(at(z), y).item(), viaProbabilities, { atol: 2 * Number.EPSILON * Math.exp(zMax), rtol: 1e-12 });
  // = mean(softplus(z) − y·z), the formula of the catalogue
  assertClose(binaryCrossEntropyWithLogits(at(z), y).item(), ad.mean(ad.sub(ad.softplus(at(z)), ad.mul(y, z))).item(), { atol: 1e-13, rtol: 1e-12 });
  const v = ad.variable(linalg.clone(z));
  binaryCrossEntropyWithLogits(v, y).backward();
  assertClose(v.grad, linalg.tensor(Array.from(z.data, (zi, i) => (sig(zi) - y.data[i]!) / n), [n]), { atol: 1e-16, rtol: 1e-13 });
}), { runs: 100 });

test('EQ-LOSSES-07 BCE from logits is finite at |z| = 1000 and keeps ln(1 + e^{−z}) where σ(z) rounds to 1', () => {
  const z = linalg.tensor([1000, -1000, 1000, -1000], [4]);
  assert.equal(binaryCrossEntropyWithLogits(at(z), linalg.tensor([1, 0, 0, 1], [4]), { reduction: 'sum' }).item(), 2000);
  assert.equal(binaryCrossEntropy(ad.sigmoid(at(z)), linalg.tensor([1, 0, 0, 1], [4]), { reduction: 'sum' }).item(), Infinity);
  assertClose(binaryCrossEntropyWithLogits(at(linalg.tensor([40], [1])), linalg.tensor([1], [1])).item(), Math.exp(-40), { atol: 0, rtol: 1e-15 });
});

property('EQ-LOSSES-07 the logistic-regression Hessian Xᵀdiag(p(1 − p))X/n matches autodiff and is PSD: the loss is convex', seeds, withRng((rng) => {
  const n = rng.int(3, 30), d = rng.int(1, 4);
  const X = linalg.randn([n, d], rng);
  const y = linalg.map(linalg.zeros([n]), () => (rng.next() < 0.5 ? 1 : 0));
  const theta = linalg.randn([d], rng);
  const grad = (t: Tensor): Tensor => {
    const v = ad.variable(linalg.clone(t));
    binaryCrossEntropyWithLogits(ad.matmul(X, v), y).backward();
    return v.grad;
  };
  const p = Array.from({ length: n }, (_, i) => sig(linalg.dot(linalg.tensor(X.data.slice(i * d, i * d + d), [d]), theta)));
  const H = linalg.zeros([d, d]);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X.data[i * d + a]! * p[i]! * (1 - p[i]!) * X.data[i * d + b]!;
      H.data[a * d + b] = s / n;
    }
  }
  for (let a = 0; a < d; a++) {
    // column a of the Hessian by central differences of the autodiff gradient
    const h = 1e-5, plus = linalg.clone(theta), minus = linalg.clone(theta);
    plus.data[a] = plus.data[a]! + h;
    minus.data[a] = minus.data[a]! - h;
    const column = linalg.scale(linalg.sub(grad(plus), grad(minus)), 1 / (2 * h));
    for (let b = 0; b < d; b++) assertClose(column.data[b]!, H.data[b * d + a]!, { atol: 1e-8, rtol: 1e-6 });
  }
  const { values } = linalg.eigSym(H);
  assert.ok(Array.from(values.data).every((l) => l >= -1e-12), `eigenvalues ${Array.from(values.data)}`);
}), { runs: 30 });

property('EQ-LOSSES-07 for a soft label y ∈ (0, 1) the minimiser is p = y', seeds, withRng((rng) => {
  const y = rng.uniform(0.01, 0.99);
  const at1 = (p: number): number => binaryCrossEntropy(at(linalg.tensor([p], [1])), linalg.tensor([y], [1])).item();
  const v = ad.variable(linalg.tensor([y], [1]));
  binaryCrossEntropy(v, linalg.tensor([y], [1])).backward();
  assertClose(v.grad.data[0]!, 0, { atol: 1e-12, rtol: 0 });
  for (let k = 0; k < 20; k++) {
    const p = rng.uniform(0.001, 0.999);
    assert.ok(at1(p) >= at1(y), `p = ${p}`);
  }
}), { runs: 50 });

property('gradCheck of the four cross-entropies, in the prediction and in soft targets given as Vars', seeds, withRng((rng) => {
  const n = rng.int(1, 4), C = rng.int(2, 5);
  const P = simplexRows(n, C, rng, 0.5), Y = simplexRows(n, C, rng), Z = linalg.randn([n, C], rng, 0, 3);
  const { indices } = labels(n, C, rng);
  const checks = [
    ad.gradCheck((p) => crossEntropy(p, Y), [P]),
    ad.gradCheck((p) => crossEntropy(p, indices), [P]),
    ad.gradCheck((z) => crossEntropyWithLogits(z, Y), [Z]),
    ad.gradCheck((z) => crossEntropyWithLogits(z, indices, { reduction: 'sum' }), [Z]),
  ];
  const p = linalg.map(linalg.zeros([n, C]), () => rng.uniform(0.05, 0.95)), y = linalg.map(linalg.zeros([n, C]), () => rng.next());
  checks.push(ad.gradCheck((a, b) => binaryCrossEntropy(a, b), [p, y]), ad.gradCheck((a, b) => binaryCrossEntropyWithLogits(a, b), [Z, y]));
  for (const check of checks) assert.ok(check.ok, check.message);
  // Target rows are constrained to sum to 1, so central differences cannot move one entry alone:
  // their gradients are checked against the formulas ∂L/∂Y = −ln P/n and −log-softmax(Z)/n.
  const yP = ad.variable(linalg.clone(Y)), yZ = ad.variable(linalg.clone(Y));
  crossEntropy(at(P), yP).backward();
  crossEntropyWithLogits(at(Z), yZ).backward();
  assertClose(yP.grad, linalg.scale(linalg.log(P), -1 / n), { atol: 1e-15, rtol: 1e-14 });
  assertClose(yZ.grad, linalg.scale(linalg.log(softmaxRows(Z)), -1 / n), { atol: 1e-14, rtol: 1e-12 });
}), { runs: 30 });

test('cross-entropy targets: class indices or distribution rows, nothing else', () => {
  const P = simplexRows(2, 3, new (class { next = () => 0.5; normal = () => 0; } as unknown as new () => Rng)());
  assert.throws(() => crossEntropy(at(P), linalg.tensor([0, 3], [2])), ValueError);
  assert.throws(() => crossEntropy(at(P), linalg.tensor([0, 0.5], [2])), ValueError);
  assert.throws(() => crossEntropy(at(P), linalg.tensor([1, 1, 0, 0, 0, 1], [2, 3])), ValueError);
  assert.throws(() => crossEntropy(at(P), linalg.tensor([0, 1, 2], [3])), ShapeError);
  assert.throws(() => crossEntropyWithLogits(at(linalg.zeros([3])), linalg.tensor([0], [1])), ShapeError);
  assert.throws(() => binaryCrossEntropy(at(linalg.tensor([0.5], [1])), linalg.tensor([2], [1])), ValueError);
  assert.throws(() => binaryCrossEntropy(at(linalg.tensor([1.5], [1])), linalg.tensor([1], [1])), ValueError);
});
