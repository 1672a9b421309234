/**
 * Dense and Sequential: the affine layer against per-unit loops (EQ-LAYERS-21),
 * the row- and column-vector conventions and composition (22), the
 * bias-free feed-forward notation and its shapes (23), a single layer as
 * linear regression (20), the collapse of stacked linear layers (16), and
 * gradCheck through every parameter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Identity, Module, ReLU, Sequential, Tanh } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { accuracy, affineByLoops, BINARY_INPUTS, gaussian, gradientDescent, moduleGradCheck, mseOps, seeds, withRng, XOR } from './support.js';

const run = (m: Module, X: Tensor): Tensor => m.forward(ad.constant(X)).value;

property('EQ-LAYERS-21 the vectorised dense layer equals a per-unit loop z_j = w₀ⱼ + xᵀwⱼ, and row i of a batch is layer(xᵢ)', seeds, withRng((rng) => {
  const inF = rng.int(1, 7), outF = rng.int(1, 7), n = rng.int(1, 6);
  const layer = new Dense(inF, outF, { rng });
  linalg.addScaledInto(layer.b!.value, gaussian([outF], rng));
  const X = gaussian([n, inF], rng);
  const Y = run(layer, X);
  assert.deepEqual(Y.shape, [n, outF]);
  assertClose(Y, affineByLoops(X, layer.W.value, layer.b!.value), { atol: 1e-14, rtol: 1e-14 });
  for (let i = 0; i < n; i++) {
    const xi = linalg.tensor(X.data.slice(i * inF, (i + 1) * inF), [inF]);
    const yi = run(layer, xi);
    assert.deepEqual(yi.shape, [outF]);
    assertClose(yi.data, Y.data.subarray(i * outF, (i + 1) * outF), { atol: 1e-14, rtol: 1e-14 });
  }
}), { runs: 50 });

property('EQ-LAYERS-22 a row-convention network with W equals the column-convention network ŷ = W₂σ(W₁x + b₁) + b₂ with W₁ = Wᵀ', seeds, withRng((rng) => {
  const d = rng.int(1, 5), H = rng.int(1, 6), k = rng.int(1, 4);
  const l1 = new Dense(d, H, { rng }), l2 = new Dense(H, k, { rng });
  linalg.addScaledInto(l1.b!.value, gaussian([H], rng));
  linalg.addScaledInto(l2.b!.value, gaussian([k], rng));
  const net = new Sequential([l1, new Tanh(), l2]);
  const W1 = linalg.transpose(l1.W.value), W2 = linalg.transpose(l2.W.value); // out×in, as 001 writes them
  const x = gaussian([d], rng);
  // the 001 deck's column form, by loops
  const h = Array.from({ length: H }, (_, j) => {
    let s = l1.b!.value.data[j]!;
    for (let p = 0; p < d; p++) s += W1.data[j * d + p]! * x.data[p]!;
    return Math.tanh(s);
  });
  const yHat = Array.from({ length: k }, (_, j) => {
    let s = l2.b!.value.data[j]!;
    for (let p = 0; p < H; p++) s += W2.data[j * H + p]! * h[p]!;
    return s;
  });
  assertClose(run(net, x), yHat, { atol: 1e-14, rtol: 1e-13 });
}), { runs: 50 });

property('EQ-LAYERS-22 Sequential([A, Sequential([B, C])]) equals Sequential([A, B, C]): same outputs, same parameters; output (batch, out)', seeds, withRng((rng) => {
  const d = rng.int(1, 5), h = rng.int(1, 5), k = rng.int(1, 5), n = rng.int(1, 5);
  const A = new Dense(d, h, { rng }), B = new ReLU(), C = new Dense(h, k, { rng });
  const flat = new Sequential([A, B, C]), nested = new Sequential([A, new Sequential([B, C])]);
  const X = gaussian([n, d], rng);
  const y = run(flat, X);
  assert.deepEqual(y.shape, [n, k]);
  assertSameBits(run(nested, X).data, y.data, 'nested vs flat');
  assert.deepEqual(nested.parameters(), flat.parameters());
  // and the explicit formula relu(XW_A + b_A)W_C + b_C
  const explicit = affineByLoops(linalg.map(affineByLoops(X, A.W.value, A.b!.value), (v) => Math.max(v, 0)), C.W.value, C.b!.value);
  assertClose(y, explicit, { atol: 1e-13, rtol: 1e-12 });
}), { runs: 50 });

property('EQ-LAYERS-23 X⁽ˡ⁺¹⁾ = σ(X⁽ˡ⁾W⁽ˡ⁾) without bias: X⁽ˡ⁾ is n×k_ℓ, the count is Σ k_ℓk_{ℓ+1}, rows are independent', seeds, withRng((rng) => {
  const L = rng.int(1, 4), n = rng.int(2, 6);
  const k = Array.from({ length: L + 1 }, () => rng.int(1, 6));
  const layers: Module[] = [];
  for (let l = 0; l < L; l++) layers.push(new Dense(k[l]!, k[l + 1]!, { rng, bias: false }), new Tanh());
  const net = new Sequential(layers);
  let expected = 0;
  for (let l = 0; l < L; l++) expected += k[l]! * k[l + 1]!;
  assert.equal(net.numParameters(), expected);
  const X = gaussian([n, k[0]!], rng);
  let h: Var = ad.constant(X);
  let byHand = X;
  for (let l = 0; l < L; l++) {
    h = layers[2 * l + 1]!.forward(layers[2 * l]!.forward(h));
    assert.deepEqual(h.value.shape, [n, k[l + 1]!], `X⁽${l + 2}⁾`);
    byHand = linalg.map(affineByLoops(byHand, (layers[2 * l] as Dense).W.value, null), Math.tanh);
  }
  assertClose(h.value, byHand, { atol: 1e-14, rtol: 1e-13 });
  // perturb row j: every other row stays bit-identical
  const j = rng.int(0, n), X2 = linalg.clone(X);
  X2.data[j * k[0]!] = X2.data[j * k[0]!]! + 1;
  const Y = run(net, X), Y2 = run(net, X2), m = k[L]!;
  for (let i = 0; i < n; i++) if (i !== j) assertSameBits(Y2.data.subarray(i * m, (i + 1) * m), Y.data.subarray(i * m, (i + 1) * m), `row ${i}`);
  // a mismatched k_ℓ throws
  const wrong = new Dense(Math.max(...k) + 1, 2, { rng });
  assert.throws(() => run(new Sequential([...layers, wrong]), X), ShapeError);
  assert.throws(() => run(wrong, X), (e: unknown) => e instanceof ShapeError && /Dense\.forward/.test((e as Error).message));
}), { runs: 40 });

test('EQ-LAYERS-20 gradient descent on the MSE of a Dense(3 → 1) reaches the least-squares solution to 1e-6', () => {
  const rng = new Rng(20);
  const n = 60;
  const X = gaussian([n, 3], rng);
  const y = linalg.tensor(Array.from({ length: n }, (_, i) => 0.5 * X.data[3 * i]! - 2 * X.data[3 * i + 1]! + X.data[3 * i + 2]! + 0.7 + rng.normal(0, 0.3)), [n, 1]);
  const layer = new Dense(3, 1, { init: 'zeros' });
  gradientDescent(layer.parameters(), () => mseOps(layer.forward(ad.constant(X)), y), 0.2, 600);
  // reference: least squares on [X 1]
  const A = linalg.tensor(Array.from({ length: n * 4 }, (_, q) => (q % 4 === 3 ? 1 : X.data[Math.floor(q / 4) * 3 + (q % 4)]!)), [n, 4]);
  const theta = linalg.lstsq(A, y);
  assertClose(layer.W.value.data, theta.data.subarray(0, 3), { atol: 1e-6, rtol: 0 });
  assertClose(layer.b!.value.data, theta.data.subarray(3), { atol: 1e-6, rtol: 0 });
});

property('EQ-LAYERS-20 ŷ = w₁x₁ + w₂x₂ + w₃x₃ + b = wᵀx + b, and ŷ is linear in the parameters: f(x; aθ₁ + bθ₂) = a f(x; θ₁) + b f(x; θ₂)', seeds, withRng((rng) => {
  const layer = new Dense(3, 1, { rng });
  const [W, b] = [layer.W.value, layer.b!.value];
  const x = gaussian([3], rng);
  const expansion = W.data[0]! * x.data[0]! + W.data[1]! * x.data[1]! + W.data[2]! * x.data[2]! + b.data[0]!;
  assertClose(run(layer, x), [expansion], { atol: 1e-15, rtol: 1e-15 });
  const theta1 = [gaussian([3, 1], rng), gaussian([1], rng)], theta2 = [gaussian([3, 1], rng), gaussian([1], rng)];
  const a = rng.normal(), c = rng.normal();
  const at = (theta: Tensor[]): number => {
    W.data.set(theta[0]!.data);
    b.data.set(theta[1]!.data);
    return run(layer, x).data[0]!;
  };
  const mixed = at(theta1.map((t, i) => linalg.add(linalg.scale(t, a), linalg.scale(theta2[i]!, c))));
  assertClose(mixed, a * at(theta1) + c * at(theta2), { atol: 1e-12, rtol: 1e-12 });
}));

property('EQ-LAYERS-16 stacked linear layers collapse: (XW₁ + b₁)W₂ + b₂ = X(W₁W₂) + (b₁W₂ + b₂), also through an affine activation', seeds, withRng((rng) => {
  const d = rng.int(1, 5), h = rng.int(1, 5), k = rng.int(1, 5), n = rng.int(1, 5);
  const l1 = new Dense(d, h, { rng }), l2 = new Dense(h, k, { rng });
  linalg.addScaledInto(l1.b!.value, gaussian([h], rng));
  linalg.addScaledInto(l2.b!.value, gaussian([k], rng));
  const X = gaussian([n, d], rng);
  const W = linalg.matmul(l1.W.value, l2.W.value), b = linalg.add(linalg.matmul(l1.b!.value, l2.W.value), l2.b!.value);
  assertClose(run(new Sequential([l1, new Identity(), l2]), X), affineByLoops(X, W, b), { atol: 1e-12, rtol: 1e-12 });
  // σ(x) = αx + β between them: (α(XW₁ + b₁) + β)W₂ + b₂ = X(αW₁W₂) + ((αb₁ + β)W₂ + b₂)
  const alpha = rng.normal(), beta = rng.normal();
  class Affine extends Module {
    forward(x: Var): Var { return ad.add(ad.mul(x, alpha), beta); }
  }
  const Wa = linalg.scale(W, alpha);
  const ba = linalg.add(linalg.matmul(linalg.add(linalg.scale(l1.b!.value, alpha), beta), l2.W.value), l2.b!.value);
  assertClose(run(new Sequential([l1, new Affine(), l2]), X), affineByLoops(X, Wa, ba), { atol: 1e-12, rtol: 1e-12 });
}), { runs: 50 });

test('EQ-LAYERS-16 a linear-activation MLP of any depth reaches at most 75% on XOR; relu(1) + relu(−1) ≠ relu(0 )', () => {
  // A composition of affine maps is affine, z = w₁x₁ + w₂x₂ + c, and no threshold of an affine function
  // separates XOR: z(01) + z(10) = z(00) + z(11), so both positives above and both negatives below is impossible.
  for (let seed = 0; seed < 20; seed++) {
    const rng = new Rng(seed);
    const depth = 1 + (seed % 4);
    const layers: Module[] = [];
    for (let l = 0; l < depth; l++) layers.push(new Dense(l === 0 ? 2 : 3, l === depth - 1 ? 1 : 3, { rng }), new Identity());
    const net = new Sequential(layers);
    gradientDescent(net.parameters(), () => mseOps(net.forward(ad.constant(BINARY_INPUTS)), linalg.reshape(XOR, [4, 1])), 0.05, 300);
    const z = run(net, BINARY_INPUTS).data;
    for (const t of [...z, 0.5]) assert.ok(accuracy(z, XOR.data, t) <= 0.75, `seed ${seed}, threshold ${t}`);
  }
  const relu = (x: number): number => ad.relu(ad.constant(x)).item();
  assert.notEqual(relu(1) + relu(-1), relu(0));
});

property('gradCheck through Dense (W, b and the input) and through a Sequential of Dense and activations', seeds, withRng((rng) => {
  const d = rng.int(1, 4), h = rng.int(1, 4), k = rng.int(1, 4), n = rng.int(1, 4);
  const layer = new Dense(d, k, { rng });
  linalg.addScaledInto(layer.b!.value, gaussian([k], rng));
  const check = ad.gradCheck((x, W, b) => ad.add(ad.matmul(x, W), b), [gaussian([n, d], rng), layer.W, layer.b!]);
  assert.ok(check.ok, check.message);
  const dense = moduleGradCheck(layer, gaussian([n, d], rng), rng);
  assert.ok(dense.ratio <= 1, dense.where);
  const net = new Sequential([new Dense(d, h, { rng }), new Tanh(), new Dense(h, k, { rng, bias: false })]);
  const seq = moduleGradCheck(net, gaussian([n, d], rng), rng);
  assert.ok(seq.ratio <= 1, seq.where);
}), { runs: 20 });

test('Dense validates its arguments and options', () => {
  assert.throws(() => new Dense(0, 2, { rng: new Rng(0) }), ValueError);
  assert.throws(() => new Dense(2, 2), (e: unknown) => e instanceof ArgumentTypeError && /rng/.test((e as Error).message));
  assert.throws(() => new Dense(2, 2, { rng: new Rng(0), init: 'xavier' as never }), ValueError);
  assert.throws(() => new Dense(2, 2, { rng: new Rng(0), bias: 1 as never }), ArgumentTypeError);
  assert.throws(() => new Dense(2, 2, { rng: new Rng(0), init: () => linalg.zeros([3, 3]) }), ValueError);
  assert.equal(new Dense(2, 3, { init: 'zeros' }).toString(), 'Dense(2 → 3)');
  assert.deepEqual(new Dense(2, 3, { init: 'zeros' }).outputShape([7, 2]), [7, 3]);
});
