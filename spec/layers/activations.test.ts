/**
 * Activations (EQ-LAYERS-07 … 15, 17, 18): the decks' literal forms against
 * the library's stable ones, the identities between them (tanh = 2σ(2x) − 1,
 * softplus′ = σ), derivatives by autodiff against the closed forms and
 * central differences, point-wise application, softmax's invariances, the
 * dead ReLU neuron, and gradCheck through every activation module.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  Dense, Heaviside, Identity, LeakyReLU, ReLU, Sequential, Sigmoid, Softmax, Softplus, Tanh, activation, heaviside, identity, leakyRelu,
  relu, sigmoid, sigmoidRatioForm, sigmoidReciprocalForm, softmax, softplus, tanh, tanhExponentialForm,
} from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { gradientDescent, moduleGradCheck, mseOps, seeds, withRng } from './support.js';

const EPS = Number.EPSILON;
const f = (act: (x: Var) => Var, x: number): number => act(ad.constant(x)).item();
/** f′(x) by backward. */
function derivative(act: (x: Var) => Var, x: number): number {
  const v = ad.variable(x);
  act(v).backward();
  return v.grad.data[0]!;
}
/** f′(x) by central differences, h = 1e-5. */
const central = (act: (x: Var) => Var, x: number, h = 1e-5): number => (f(act, x + h) - f(act, x - h)) / (2 * h);
const grid = (low: number, high: number, count: number): number[] => Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));

property('EQ-LAYERS-07 σ(x) = 1/(1 + e^{−x}) = eˣ/(eˣ + 1) on [−30, 30]; σ(−x) = 1 − σ(x); logit(σ(x)) = x', seeds, withRng((rng) => {
  const x = rng.uniform(-30, 30);
  assertClose(sigmoidRatioForm(x), sigmoidReciprocalForm(x), { atol: 1e-15, rtol: 0 });
  assertClose(f(sigmoid, x), sigmoidReciprocalForm(x), { atol: 1e-15, rtol: 0 });
  assertClose(f(sigmoid, -x), 1 - f(sigmoid, x), { atol: 1e-15, rtol: 0 });
  // σ(x) near 1 keeps only ε of 1 − σ, so logit(σ(x)) carries an error up to about ε·eˣ (1e-3 at x = 30);
  // the catalogue's 1e-9 holds where that is small (x ≤ 15 or so), and for every x ≤ 0.
  const p = f(sigmoid, x);
  assertClose(Math.log(p) - Math.log1p(-p), x, { atol: 1e-9 + 2 * EPS * Math.exp(x), rtol: 0 });
}), { runs: 500 });

test('EQ-LAYERS-07 σ(0) = 0.5; the library sigmoid is finite, in [0, 1] and non-decreasing on [−1000, 1000]; eˣ/(eˣ + 1) is NaN from 710', () => {
  assert.equal(f(sigmoid, 0), 0.5);
  const xs = grid(-1000, 1000, 20001);
  const ys = sigmoid(ad.constant(linalg.tensor(xs, [xs.length]))).value.data;
  for (let i = 0; i < ys.length; i++) {
    assert.ok(Number.isFinite(ys[i]!) && ys[i]! >= 0 && ys[i]! <= 1, `σ(${xs[i]})`);
    if (i > 0) assert.ok(ys[i]! >= ys[i - 1]!, `monotone at ${xs[i]}`);
  }
  assert.ok(Number.isNaN(sigmoidRatioForm(710)) && Number.isNaN(sigmoidRatioForm(1000)));
  assert.equal(f(sigmoid, 1000), 1);
  assert.equal(f(sigmoid, -1000), 0);
});

property('EQ-LAYERS-08 σ′ = σ(1 − σ) by autodiff (1e-14) and by central differences (1e-9) on [−20, 20]', seeds, withRng((rng) => {
  const x = rng.uniform(-20, 20);
  const s = sigmoidReciprocalForm(x);
  assertClose(derivative(sigmoid, x), s * (1 - s), { atol: 1e-14, rtol: 0 });
  assertClose(derivative(sigmoid, x), central(sigmoid, x), { atol: 1e-9, rtol: 0 });
}), { runs: 300 });

test('EQ-LAYERS-08 max σ′ = 1/4 at x = 0, and σ′(x) < 1e-4 for |x| > 9.22: the vanishing gradient', () => {
  assert.equal(derivative(sigmoid, 0), 0.25);
  for (const x of grid(-40, 40, 8001)) assert.ok(derivative(sigmoid, x) <= 0.25);
  for (const x of [...grid(9.221, 40, 500), ...grid(-40, -9.221, 500)]) assert.ok(derivative(sigmoid, x) < 1e-4, `x = ${x}`);
  assert.ok(derivative(sigmoid, 9.2) > 1e-4, 'the bound is tight: σ′(9.2) > 1e-4');
});

property('EQ-LAYERS-09 tanh = (eˣ − e^{−x})/(eˣ + e^{−x}) on [−20, 20]; tanh(−x) = −tanh(x); tanh′ = 1 − tanh² by autodiff and central differences', seeds, withRng((rng) => {
  const x = rng.uniform(-20, 20);
  assertClose(tanhExponentialForm(x), f(tanh, x), { atol: 1e-15, rtol: 0 });
  assert.equal(f(tanh, -x), -f(tanh, x));
  const t = f(tanh, x);
  assert.ok(t > -1 && t < 1 || Math.abs(x) > 19, 'in (−1, 1) until rounding reaches ±1');
  assertClose(derivative(tanh, x), 1 - t * t, { atol: 1e-14, rtol: 0 });
  assertClose(derivative(tanh, x), central(tanh, x), { atol: 1e-9, rtol: 0 });
}), { runs: 300 });

test('EQ-LAYERS-09 the library tanh is ±1 at ±1000; the explicit form is NaN from |x| = 710', () => {
  assert.equal(f(tanh, 1000), 1);
  assert.equal(f(tanh, -1000), -1);
  for (const x of [710, -710, 1000]) assert.ok(Number.isNaN(tanhExponentialForm(x)), `x = ${x}`);
});

property('EQ-LAYERS-10 tanh(x) = 2σ(2x) − 1 to 1e-15 on [−20, 20], and so tanh′(x) = 4σ′(2x)', seeds, withRng((rng) => {
  const x = rng.uniform(-20, 20);
  assertClose(f(tanh, x), 2 * f(sigmoid, 2 * x) - 1, { atol: 1e-15, rtol: 0 });
  assertClose(derivative(tanh, x), 4 * derivative(sigmoid, 2 * x), { atol: 1e-15, rtol: 1e-14 });
}), { runs: 300 });

test('EQ-LAYERS-11 tanh′(0) = 1 = 4σ′(0); tanh′ ≥ σ′ for |x| ≤ 1.66 and tanh′ < σ′ for |x| ≥ 1.67 (crossover 1.6629)', () => {
  assert.equal(derivative(tanh, 0), 1);
  assert.equal(derivative(tanh, 0), 4 * derivative(sigmoid, 0));
  for (const x of grid(-1.66, 1.66, 3321)) assert.ok(derivative(tanh, x) >= derivative(sigmoid, x), `x = ${x}`);
  for (const x of [...grid(1.67, 30, 2000), ...grid(-30, -1.67, 2000)]) assert.ok(derivative(tanh, x) < derivative(sigmoid, x), `x = ${x}`);
});

property('EQ-LAYERS-12 relu(cx) = c·relu(x) for c ≥ 0; relu(x) − relu(−x) = x; relu′ is 1 for x > 0, 0 for x < 0 and at 0', seeds, withRng((rng) => {
  const x = rng.normal(0, 10), c = rng.uniform(0, 5);
  assert.equal(f(relu, c * x), c * f(relu, x));
  assert.equal(f(relu, x) - f(relu, -x), x);
  assert.equal(derivative(relu, Math.abs(x) + 1e-300), 1);
  assert.equal(derivative(relu, -Math.abs(x) - 1e-300), 0);
  assert.equal(derivative(relu, 0), 0);
}), { runs: 200 });

/** A 2 → 3 → 1 network whose hidden unit 0 has bias −100: a negative pre-activation on every input of [0, 1]². */
function deadUnitNetwork(hidden: Module): { net: Sequential; first: Dense } {
  const rng = new Rng(12);
  const first = new Dense(2, 3, { rng });
  first.b!.value.data[0] = -100;
  return { net: new Sequential([first, hidden, new Dense(3, 1, { rng })]), first };
}

test('EQ-LAYERS-12 a ReLU unit with a large negative bias gets exactly zero gradient and stays bit-identical for 100 steps (dying ReLU)', () => {
  const rng = new Rng(120);
  const X = linalg.rand([16, 2], rng), y = linalg.randn([16, 1], rng);
  const { net, first } = deadUnitNetwork(new ReLU());
  const column0 = (): number[] => [first.W.value.data[0]!, first.W.value.data[3]!, first.b!.value.data[0]!];
  const before = column0();
  net.zeroGrad();
  mseOps(net.forward(ad.constant(X)), y).backward();
  assert.deepEqual([first.W.grad.data[0], first.W.grad.data[3], first.b!.grad.data[0]], [0, 0, 0]);
  gradientDescent(net.parameters(), () => mseOps(net.forward(ad.constant(X)), y), 0.1, 100);
  assertSameBits(column0(), before, 'the dead unit\'s weights and bias');
});

property('EQ-LAYERS-13 leaky(x) = x for x ≥ 0, αx for x < 0 (0.1 in the 001 deck) = max(αx, x) for α ∈ [0, 1]; its slope below 0 is α', seeds, withRng((rng) => {
  const x = rng.normal(0, 10), alpha = rng.uniform(0, 1);
  const leaky01 = (v: Var): Var => leakyRelu(v, 0.1);
  assert.equal(f(leaky01, x), x >= 0 ? x : 0.1 * x);
  assert.equal(f((v) => leakyRelu(v, alpha), x), Math.max(alpha * x, x));
  assert.equal(derivative((v) => leakyRelu(v, alpha), -Math.abs(x) - 1e-300), alpha);
  assert.equal(new LeakyReLU().alpha, 0.01, 'the default slope is PyTorch\'s');
}), { runs: 200 });

test('EQ-LAYERS-13 with leaky ReLU the unit of the dead-neuron construction receives a non-zero gradient and moves', () => {
  const rng = new Rng(120);
  const X = linalg.rand([16, 2], rng), y = linalg.randn([16, 1], rng);
  const { net, first } = deadUnitNetwork(new LeakyReLU(0.1));
  const before = first.b!.value.data[0]!;
  net.zeroGrad();
  mseOps(net.forward(ad.constant(X)), y).backward();
  assert.notEqual(first.b!.grad.data[0], 0);
  gradientDescent(net.parameters(), () => mseOps(net.forward(ad.constant(X)), y), 0.1, 100);
  assert.notEqual(first.b!.value.data[0], before);
});

property('EQ-LAYERS-14 softplus′ = σ (1e-14); softplus(x) − softplus(−x) = x; 0 < softplus(x) − relu(x) ≤ ln 2', seeds, withRng((rng) => {
  const x = rng.normal(0, 10 ** rng.int(-3, 3));
  assertClose(derivative(softplus, x), f(sigmoid, x), { atol: 1e-14, rtol: 0 });
  assertClose(f(softplus, x) - f(softplus, -x), x, { atol: 1e-15, rtol: 1e-14 });
  // The gap ln(1 + e^{−|x|}) is positive, but below x ≈ −745 or above x ≈ 37 it no longer shows in the
  // value of softplus (e^{−|x|} < ε·|x|): strictly positive is checked for |x| ≤ 30.
  const gap = f(softplus, x) - f(relu, x);
  assert.ok(gap >= 0 && gap <= Math.LN2, `gap ${gap} at ${x}`);
  if (Math.abs(x) <= 30) assert.ok(gap > 0, `gap ${gap} at ${x}`);
}), { runs: 300 });

test('EQ-LAYERS-14 softplus(0) − relu(0) = ln 2 = 0.693147…; softplus(1000) = 1000 (the literal ln(1 + eˣ) is ∞); softplus(−700) ≈ e^{−700} > 0', () => {
  assert.equal(f(softplus, 0), Math.LN2);
  assert.equal(f(softplus, 1000), 1000);
  assert.equal(Math.log(1 + Math.exp(1000)), Infinity);
  const tiny = f(softplus, -700);
  assert.ok(tiny > 0);
  assertClose(tiny, Math.exp(-700), { atol: 0, rtol: 1e-15 });
});

const POINTWISE: [string, (x: Var) => Var, (x: number) => number][] = [
  ['sigmoid', sigmoid, (x) => f(sigmoid, x)],
  ['tanh', tanh, (x) => f(tanh, x)],
  ['relu', relu, (x) => f(relu, x)],
  ['leakyRelu', (v) => leakyRelu(v, 0.1), (x) => f((v) => leakyRelu(v, 0.1), x)],
  ['softplus', softplus, (x) => f(softplus, x)],
  ['heaviside', heaviside, (x) => f(heaviside, x)],
];

property('EQ-LAYERS-15 every element-wise activation acts point-wise: act(T)[i] = act(T[i]); it commutes with permutations and reshapes; its Jacobian is diagonal', seeds, withRng((rng) => {
  const shape = Array.from({ length: rng.int(1, 4) }, () => rng.int(1, 4));
  const T = linalg.randn(shape, rng, 0, 3);
  const size = T.data.length;
  for (const [name, act, scalar] of POINTWISE) {
    const Y = act(ad.constant(T)).value;
    assertSameBits(Y.data, Array.from(T.data, scalar), `${name}: act(T)[i] = act(T[i])`);
    const flat = act(ad.constant(linalg.reshape(T, [size]))).value;
    assertSameBits(flat.data, Y.data, `${name}: reshape`);
    const order = rng.permutation(size);
    const permuted = act(ad.constant(linalg.tensor(Array.from(order, (k) => T.data[k]!), [size]))).value;
    assertSameBits(permuted.data, Array.from(order, (k) => Y.data[k]!), `${name}: permutation`);
    // Jacobian rows by backward with one-hot seeds: off-diagonal entries exactly 0
    for (let i = 0; i < size; i++) {
      const x = ad.variable(linalg.clone(T));
      const seed = linalg.zeros(shape);
      seed.data[i] = 1;
      act(x).backward(seed);
      for (let j = 0; j < size; j++) if (j !== i) assert.equal(x.grad.data[j], 0, `${name}: ∂y${i}/∂x${j}`);
    }
  }
  // negative control: softmax is not point-wise; changing one logit changes every output
  if (size >= 2) {
    const row = linalg.randn([size], rng), moved = linalg.clone(row);
    moved.data[0] = moved.data[0]! + 1;
    const a = softmax(ad.constant(row)).value, b = softmax(ad.constant(moved)).value;
    for (let j = 0; j < size; j++) assert.notEqual(a.data[j], b.data[j], `softmax output ${j} moved`);
  }
}), { runs: 30 });

property('EQ-LAYERS-17 softmax outputs in (0, 1) for |z| ≤ 30, summing to 1; shift-invariant (c up to 1000); order-preserving; Jacobian diag(p) − ppᵀ', seeds, withRng((rng) => {
  const k = rng.int(2, 8);
  const z = linalg.map(linalg.zeros([k]), () => rng.uniform(-30, 30));
  const p = softmax(ad.constant(z)).value;
  // In [0, 1] always; strictly inside while every gap z_max − zᵢ stays below ln(1/ε) ≈ 36 (a softmax of
  // [30, −30] rounds to [1, 0]), so the catalogue's "(0, 1) for |z| ≤ 30" is checked for a spread ≤ 30.
  assert.ok(Array.from(p.data).every((v) => v >= 0 && v <= 1));
  if (linalg.max(z) - linalg.min(z) <= 30) assert.ok(Array.from(p.data).every((v) => v > 0 && v < 1));
  assertClose(linalg.sum(p), 1, { atol: 1e-12, rtol: 0 });
  for (const c of [rng.normal(0, 10), 1000, -1000]) {
    assertClose(softmax(ad.constant(linalg.add(z, c))).value, p, { atol: 1e-12, rtol: 0 });
  }
  assert.ok(Number.isNaN(Math.exp(1000 + 30) / Math.exp(1000 + 30)), 'the naive form overflows where the library does not');
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (z.data[i]! > z.data[j]!) assert.ok(p.data[i]! > p.data[j]!);
  assert.equal(linalg.argmax(p), linalg.argmax(z));
  for (let i = 0; i < k; i++) {
    const x = ad.variable(linalg.clone(z));
    const seed = linalg.zeros([k]);
    seed.data[i] = 1;
    softmax(x).backward(seed);
    for (let j = 0; j < k; j++) assertClose(x.grad.data[j]!, (i === j ? p.data[i]! : 0) - p.data[i]! * p.data[j]!, { atol: 1e-15, rtol: 1e-12 });
  }
}), { runs: 100 });

property('EQ-LAYERS-17 softmax(z/T) tends to the one-hot argmax as T → 0⁺ and to uniform as T → ∞', seeds, withRng((rng) => {
  const k = rng.int(2, 6);
  const z = linalg.randn([k], rng);
  const cold = softmax(ad.constant(linalg.scale(z, 1 / 1e-4))).value, hot = softmax(ad.constant(linalg.scale(z, 1 / 1e8))).value;
  const oneHot = linalg.zeros([k]);
  oneHot.data[linalg.argmax(z)] = 1;
  const gap = Math.min(...Array.from(z.data, (v, i) => (i === linalg.argmax(z) ? Infinity : linalg.max(z) - v)));
  if (gap > 1e-2) assertClose(cold, oneHot, { atol: 1e-12, rtol: 0 });
  assertClose(hot, linalg.full([k], 1 / k), { atol: 1e-7, rtol: 0 });
}), { runs: 100 });

property('EQ-LAYERS-18 softmax([z₁, z₂])₁ = σ(z₁ − z₂): a two-class softmax is a sigmoid', seeds, withRng((rng) => {
  const z1 = rng.normal(0, 5), z2 = rng.normal(0, 5);
  assertClose(softmax(ad.constant(linalg.tensor([z1, z2], [2]))).value.data[0]!, f(sigmoid, z1 - z2), { atol: 1e-15, rtol: 0 });
}), { runs: 200 });

test('identity returns its input; the Heaviside step is 1 above 0 and 0 at and below it, with no gradient', () => {
  const x = ad.variable(linalg.tensor([-1, 0, 2, NaN], [4]));
  assert.equal(identity(x), x);
  const y = heaviside(x);
  assertSameBits(y.value.data, [0, 0, 1, NaN], 'H');
  ad.sum(ad.mul(y, 1)).backward();
  assert.deepEqual(Array.from(x.grad.data), [0, 0, 0, 0]);
  assert.deepEqual([activation('softmax'), activation('leakyRelu', { alpha: 0.1 }), activation('heaviside')].map(String), ['Softmax', 'LeakyReLU(α = 0.1)', 'Heaviside']);
});

property('gradCheck through every activation module (inputs away from the kinks of ReLU, leaky ReLU and the step)', seeds, withRng((rng) => {
  const n = rng.int(1, 4), k = rng.int(1, 5);
  const X = linalg.map(linalg.randn([n, k], rng, 0, 2), (v) => (Math.abs(v) < 0.01 ? v + 0.1 : v));
  const modules: Module[] = [new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(0.1), new Softplus(), new Softmax(), new Identity(), new Heaviside()];
  for (const m of modules) {
    const check = moduleGradCheck(m, X, rng);
    assert.ok(check.ratio <= 1, `${m.toString()}: ${check.where}`);
  }
}), { runs: 20 });
