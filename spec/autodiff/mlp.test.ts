/**
 * EQ-AUTODIFF-06, 07 and 10: the two-layer MLP of the lecture, forward and
 * backward, against the hand-derived formulas written out here, and the deep
 * chain rule for the first weight matrix as an explicit product of per-layer
 * Jacobians.
 *
 *   forward   z = W₁x + b₁,  h = σ(z),  ŷ = W₂h + b₂,  L = (ŷ − y)²
 *   backward  ∂L/∂ŷ = 2(ŷ − y)
 *             ∂L/∂W₂ = 2(ŷ − y)hᵀ      ∂L/∂b₂ = 2(ŷ − y)
 *             ∂L/∂h = W₂ᵀ·2(ŷ − y)     ∂L/∂z = ∂L/∂h ⊙ σ(z)(1 − σ(z))
 *             ∂L/∂W₁ = (∂L/∂z)xᵀ       ∂L/∂b₁ = ∂L/∂z
 *
 * Shapes: x: [d], W₁: [H, d], b₁: [H], W₂: [1, H], b₂: [1], y: [1].
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import { fill, normal, only, sig } from './support.js';

interface Mlp { x: Tensor; y: Tensor; W1: Tensor; b1: Tensor; W2: Tensor; b2: Tensor }

function drawMlp(rng: Rng): Mlp {
  const d = rng.int(1, 6), H = rng.int(1, 9);
  return {
    x: fill([d], rng, normal()), y: fill([1], rng, normal()),
    W1: gen.gaussian(H, d, rng), b1: fill([H], rng, normal()), W2: gen.gaussian(1, H, rng), b2: fill([1], rng, normal()),
  };
}

/** The staged forward pass, every stage kept. */
function staged(W1: Var, b1: Var, W2: Var, b2: Var, x: Tensor, y: Tensor) {
  const z = ad.add(ad.matmul(W1, x), b1);
  const h = ad.sigmoid(z);
  const yHat = ad.add(ad.matmul(W2, h), b2);
  const L = ad.pow(ad.sub(yHat, y), 2);
  return { z, h, yHat, L };
}

/** The lecture's formulas, by loops: forward stages and every gradient. */
function byHand(p: Mlp) {
  const d = p.x.data.length;
  const z = Array.from(p.b1.data, (b1j, j) => {
    let s = b1j;
    p.x.data.forEach((xk, k) => { s += p.W1.data[j * d + k]! * xk; });
    return s;
  });
  const h = z.map(sig);
  let yHat = only(p.b2);
  h.forEach((hj, j) => { yHat += p.W2.data[j]! * hj; });
  const y = only(p.y);
  const L = (yHat - y) ** 2;
  const dyHat = 2 * (yHat - y);
  const dW2 = h.map((hj) => dyHat * hj);
  const dh = Array.from(p.W2.data, (w) => w * dyHat);
  const dz = dh.map((g, j) => g * h[j]! * (1 - h[j]!));
  const dW1 = dz.flatMap((dzj) => Array.from(p.x.data, (xk) => dzj * xk));
  return { z, h, yHat, L, dyHat, dW2, db2: [dyHat], dh, dz, dW1, db1: dz };
}

property('EQ-AUTODIFF-06 the staged forward pass equals the formulas computed by hand', drawMlp, (p) => {
  const [W1, b1, W2, b2] = [p.W1, p.b1, p.W2, p.b2].map((t) => ad.variable(t)) as [Var, Var, Var, Var];
  const s = staged(W1, b1, W2, b2, p.x, p.y);
  const [H] = p.W1.shape;
  assert.deepEqual(s.z.value.shape, [H]);
  assert.deepEqual(s.h.value.shape, [H]);
  assert.ok(s.h.value.data.every((v) => v > 0 && v < 1), 'h ∈ (0, 1)^H');
  const hand = byHand(p);
  assertClose(s.z.value, hand.z, { atol: 1e-14, rtol: 1e-12 });
  assertClose(s.h.value, hand.h, { atol: 1e-14, rtol: 1e-12 });
  assertClose(s.L.value, [hand.L], { atol: 1e-14, rtol: 1e-12 });
}, { runs: 50 });

property('EQ-AUTODIFF-07 backward by the graph equals the hand-derived formulas and central differences', drawMlp, (p) => {
  const [W1, b1, W2, b2] = [p.W1, p.b1, p.W2, p.b2].map((t) => ad.variable(linalg.clone(t))) as [Var, Var, Var, Var];
  const s = staged(W1, b1, W2, b2, p.x, p.y);
  s.L.backward();
  const hand = byHand(p);
  // The graph and the formulas apply the same products in nearly the same order: float64-level agreement.
  const tight = { atol: 1e-13, rtol: 1e-10 };
  assertClose(s.yHat.grad, [hand.dyHat], tight, '∂L/∂ŷ');
  assertClose(s.h.grad, hand.dh, tight, '∂L/∂h');
  assertClose(s.z.grad, hand.dz, tight, '∂L/∂z');
  assertClose(W2.grad.data, hand.dW2, tight, '∂L/∂W₂');
  assertClose(b2.grad.data, hand.db2, tight, '∂L/∂b₂');
  assertClose(W1.grad.data, hand.dW1, tight, '∂L/∂W₁');
  assertClose(b1.grad.data, hand.db1, tight, '∂L/∂b₁');
  // Central differences agree to 1e-6 relative (the equation's tolerance).
  const check = ad.gradCheck((w1, c1, w2, c2) => staged(w1, c1, w2, c2, p.x, p.y).L, [p.W1, p.b1, p.W2, p.b2], { rtol: 1e-6, atol: 1e-8 });
  assert.ok(check.ok, check.message);
}, { runs: 50 });

test('EQ-AUTODIFF-07 a hand-worked example: d = 1, H = 1, every number on paper', () => {
  // x = 1, W₁ = 0, b₁ = 0 → z = 0, h = ½; W₂ = 2, b₂ = 0 → ŷ = 1; y = 0 → L = 1, ∂L/∂ŷ = 2
  // ∂L/∂W₂ = 2·½ = 1, ∂L/∂h = 2·2 = 4, ∂L/∂z = 4·¼ = 1, ∂L/∂W₁ = 1·1 = 1
  const [W1, b1, W2, b2] = [[[0]], [0], [[2]], [0]].map((v) => ad.variable(v)) as [Var, Var, Var, Var];
  const s = staged(W1, b1, W2, b2, linalg.tensor([1], [1]), linalg.tensor([0], [1]));
  s.L.backward();
  assert.equal(s.L.item(), 1);
  assert.deepEqual([only(W2.grad), only(s.h.grad), only(s.z.grad), only(W1.grad), only(b1.grad), only(b2.grad)], [1, 4, 1, 1, 1, 2]);
});

// ── EQ-AUTODIFF-10 ────────────────────────────────────────────────────────
/** x_{l+1} = tanh(W_l x_l), l = 1 … L; loss Σ(x_{L+1} − y)². Returns every activation. */
function deepForward(Ws: ad.Operand[], x: Tensor, y: Tensor): { xs: Var[]; loss: Var } {
  let last = ad.constant(x);
  const xs: Var[] = [last];
  for (const W of Ws) xs.push((last = ad.tanh(ad.matmul(W, last))));
  return { xs, loss: ad.sum(ad.pow(ad.sub(last, y), 2)) };
}

property('EQ-AUTODIFF-10 ∂𝓛/∂W⁽¹⁾ equals the explicit product of per-layer Jacobians, and freezing the other weights changes nothing', (rng) => {
  const L = rng.int(2, 7);
  const widths = Array.from({ length: L + 1 }, () => rng.int(1, 6));
  const Ws = Array.from({ length: L }, (_, l) => gen.gaussian(widths[l + 1]!, widths[l]!, rng));
  return { Ws, x: fill([widths[0]!], rng, normal()), y: fill([widths[L]!], rng, normal()) };
}, ({ Ws, x, y }) => {
  const params = Ws.map((W) => ad.variable(linalg.clone(W)));
  const { xs, loss } = deepForward(params, x, y);
  loss.backward();
  const a = xs.map((v) => v.value); // a[l] = x^(l+1) in the lecture's 1-based numbering
  const L = Ws.length;
  // ∂𝓛/∂x^(L+1) as a 1×n row, then the chain of Jacobians J_l = diag(1 − x_{l+1}²)·W_l for l = L … 2
  const out = a[L]!.data;
  let row: Tensor = { shape: [1, out.length], data: out.map((v, i) => 2 * (v - y.data[i]!)) };
  for (let l = L - 1; l >= 1; l--) {
    const W = Ws[l]!, next = a[l + 1]!.data;
    const n = W.shape[1]!;
    const J = linalg.map(W, (w, at) => (1 - next[Math.floor(at / n)]! ** 2) * w);
    row = gen.referenceMatmul(row, J);
  }
  // ∂x^(2)_j/∂W⁽¹⁾_{jk} = (1 − (x^(2)_j)²)·x^(1)_k
  const [W1, x1, x2] = [Ws[0]!, a[0]!.data, a[1]!.data];
  const n = W1.shape[1]!;
  const expected = Float64Array.from(W1.data, (_, at) => {
    const j = Math.floor(at / n), k = at % n;
    return row.data[j]! * (1 - x2[j]! ** 2) * x1[k]!;
  });
  const dW1 = params[0]!.grad.data;
  assertClose(dW1, expected, { atol: 1e-12, rtol: 1e-8 });
  // Frozen: W⁽²⁾ … W⁽ᴸ⁾ detached, or passed as plain tensors — the W⁽¹⁾ block is the same, bit for bit.
  for (const freeze of [(W: Var): ad.Operand => ad.detach(W), (W: Var): ad.Operand => W.value]) {
    const W1frozen = ad.variable(linalg.clone(W1));
    deepForward([W1frozen, ...params.slice(1).map(freeze)], x, y).loss.backward();
    assert.deepEqual(Array.from(W1frozen.grad.data), Array.from(dW1));
  }
}, { runs: 40 });
