/**
 * Every op's local gradient against central finite differences (gradCheck),
 * on random shapes and values drawn inside the op's domain and away from its
 * kinks, broadcasting included. gradCheck projects non-scalar outputs onto
 * fixed random weights, so each property checks the full vector-Jacobian
 * product. Tolerance: gradCheck's defaults, |a − n| ≤ 1e-6 + 1e-5·max(|a|, |n|)
 * (central differences with h = 1e-6 are good to about 1e-9 here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { awayFromZero, broadcastPartner, distinct, fill, normal, randomShape, uniform } from './support.js';

const RUNS = 25;

function check(f: (...xs: Var[]) => Var, inputs: readonly Tensor[], options: ad.GradCheckOptions = {}): void {
  const result = ad.gradCheck(f, inputs, options);
  assert.ok(result.ok, result.message);
}

/** Two shapes that broadcast to a random shape (either may be the larger). */
function pair(rng: Rng): [number[], number[]] {
  const out = randomShape(rng, 3, 4);
  const other = broadcastPartner(out, rng);
  return rng.next() < 0.5 ? [out, other] : [other, out];
}

type Binary = (a: ad.Operand, b: ad.Operand) => Var;
const binaries: [string, Binary, (rng: Rng) => number, (rng: Rng) => number][] = [
  ['add', ad.add, normal(), normal()],
  ['sub', ad.sub, normal(), normal()],
  ['mul', ad.mul, normal(), normal()],
  ['div', ad.div, normal(), awayFromZero(0.5, 2)],
  ['pow (both variable, positive base)', ad.pow, uniform(0.5, 2), uniform(-2, 2)],
];
for (const [name, op, drawA, drawB] of binaries) {
  property(`gradCheck: ${name} with broadcasting`, (rng) => {
    const [sa, sb] = pair(rng);
    return [fill(sa, rng, drawA), fill(sb, rng, drawB)] as const;
  }, ([a, b]) => check(op, [a, b]), { runs: RUNS });
}

property('gradCheck: pow with a constant integer exponent, negative bases included', (rng) => {
  return { x: fill(randomShape(rng), rng, normal()), p: rng.int(0, 5) };
}, ({ x, p }) => check((v) => ad.pow(v, p), [x]), { runs: RUNS });

property('gradCheck: neg, and a scalar operand on either side (number constants)', (rng) => {
  return fill(randomShape(rng), rng, normal());
}, (x) => {
  check((v) => ad.neg(v), [x]);
  check((v) => ad.sub(2.5, ad.mul(v, -3)), [x]);
}, { runs: RUNS });

property('gradCheck: matmul of matrices and vectors (row vector on the left, column on the right)', (rng) => {
  const m = rng.int(1, 5), k = rng.int(1, 5), n = rng.int(1, 5);
  const left = rng.next() < 0.25 ? [k] : [m, k];
  const right = rng.next() < 0.25 ? [k] : [k, n];
  return [fill(left, rng, normal()), fill(right, rng, normal())] as const;
}, ([a, b]) => check(ad.matmul, [a, b]), { runs: RUNS });

property('gradCheck: transpose and reshape (with −1)', (rng) => {
  return fill([rng.int(1, 5), rng.int(1, 5)], rng, normal());
}, (x) => {
  check((v) => ad.transpose(v), [x]);
  check((v) => ad.mul(ad.reshape(v, [-1]), ad.reshape(v, [x.data.length])), [x]);
  const [m = 0, n = 0] = x.shape;
  check((v) => ad.reshape(v, [n, 1, m]), [x]);
}, { runs: RUNS });

property('gradCheck: concat of 1–3 operands along a random axis', (rng) => {
  const shape = randomShape(rng, 3, 3, 1);
  const axis = rng.int(0, shape.length);
  const parts = Array.from({ length: rng.int(1, 4) }, () => fill(shape.map((d, i) => (i === axis ? rng.int(1, 4) : d)), rng, normal()));
  return { parts, axis: rng.next() < 0.5 ? axis : axis - shape.length };
}, ({ parts, axis }) => check((...vs) => ad.concat(vs, axis), parts), { runs: RUNS });

property('gradCheck: slice along a random axis', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  const axis = rng.int(0, shape.length);
  const n = shape[axis]!, start = rng.int(0, n);
  return { x: fill(shape, rng, normal()), axis, start, end: rng.int(start + 1, n + 1) };
}, ({ x, axis, start, end }) => check((v) => ad.slice(v, start, end, axis), [x]), { runs: RUNS });

property('gradCheck: indexSelect with repeated indices (an embedding lookup accumulates)', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  const axis = rng.int(0, shape.length);
  const n = shape[axis]!;
  const indices = Array.from({ length: rng.int(1, 7) }, () => rng.int(0, n));
  return { x: fill(shape, rng, normal()), axis, indices };
}, ({ x, axis, indices }) => check((v) => ad.indexSelect(v, indices, axis), [x]), { runs: RUNS });

property('gradCheck: sum, mean and max, whole or along an axis, with and without keepDims', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  const whole = rng.next() < 0.3;
  return { x: distinct(shape, rng), options: { axis: whole ? undefined : rng.int(-shape.length, shape.length), keepDims: rng.next() < 0.5 } };
}, ({ x, options }) => {
  check((v) => ad.sum(v, options), [x]);
  check((v) => ad.mean(v, options), [x]);
  check((v) => ad.max(v, options), [x]);
}, { runs: RUNS });

type Unary = (x: ad.Operand) => Var;
const unaries: [string, Unary, (rng: Rng) => number][] = [
  ['exp', ad.exp, uniform(-3, 3)],
  ['log (x > 0)', ad.log, uniform(0.2, 4)],
  ['sqrt (x > 0)', ad.sqrt, uniform(0.2, 4)],
  ['abs (away from 0)', ad.abs, awayFromZero(0.01, 3)],
  ['sin', ad.sin, normal(2)],
  ['cos', ad.cos, normal(2)],
  ['relu (away from 0)', ad.relu, awayFromZero(0.01, 3)],
  ['sigmoid', ad.sigmoid, normal(3)],
  ['tanh', ad.tanh, normal(2)],
  ['softplus', ad.softplus, normal(4)],
];
for (const [name, op, draw] of unaries) {
  property(`gradCheck: ${name}`, (rng) => fill(randomShape(rng), rng, draw), (x) => check(op, [x]), { runs: RUNS });
}

/** ∂/∂x Σ op(x), entry by entry, by backward(). */
function derivative(op: Unary, xs: readonly number[]): Float64Array {
  const v = ad.variable(linalg.tensor(xs, [xs.length]));
  ad.sum(op(v)).backward();
  return v.grad.data;
}

test('sigmoid′ and tanh′ keep full relative precision in the tails (x = ±20, ±37, ±100)', () => {
  // σ′(x) = e/(1 + e)², e = e^{−|x|};  tanh′(x) = sech²x = 4/(eˣ + e^{−x})² = 4e/(1 + e)², e = e^{−2|x|}.
  // y(1 − y) from y = σ(x) is exactly 0 from x ≈ 37 (true 8.5e-17); 1 − y² at x = 19 is 2.2e-16 (true 1.256e-16).
  // Cross-check of the closed forms by their series e/(1 + e)² = Σ_{k≥1} (−1)^{k+1}·k·eᵏ (two terms suffice for e ≤ 2.1e-9).
  const xs = [20, -20, 37, -37, 100, -100];
  const sigmoidPrime = xs.map((x) => { const e = Math.exp(-Math.abs(x)); return e / (1 + e) ** 2; });
  const tanhPrime = xs.map((x) => { const e = Math.exp(-2 * Math.abs(x)); return (4 * e) / (1 + e) ** 2; });
  assertClose(sigmoidPrime, xs.map((x) => { const e = Math.exp(-Math.abs(x)); return e - 2 * e * e; }), { atol: 0, rtol: 1e-15 });
  assertClose(tanhPrime, xs.map((x) => { const e = Math.exp(-2 * Math.abs(x)); return 4 * (e - 2 * e * e); }), { atol: 0, rtol: 1e-15 });
  assertClose(derivative(ad.sigmoid, xs), sigmoidPrime, { atol: 0, rtol: 1e-12 });
  assertClose(derivative(ad.tanh, xs), tanhPrime, { atol: 0, rtol: 1e-12 });
  assertClose(derivative(ad.tanh, [19]), [1.2556531168192118e-16], { atol: 0, rtol: 1e-12 }); // 4e^{−38}/(1 + e^{−38})²
  // At the centre: σ′(0) = 1/4 and tanh′(0) = 1 exactly.
  assert.deepEqual(Array.from(derivative(ad.sigmoid, [0, -0])), [0.25, 0.25]);
  assert.deepEqual(Array.from(derivative(ad.tanh, [0])), [1]);
});

property('sigmoid′ ≤ 1/4 and tanh′ ≤ 1 in floating point, also next to 0 where rounding could push them over', (rng) => {
  return Array.from({ length: 20 }, () => rng.normal(0, 1) * 10 ** -rng.int(0, 17));
}, (xs) => {
  for (const d of derivative(ad.sigmoid, xs)) assert.ok(d <= 0.25, `σ′ = ${d}`);
  for (const d of derivative(ad.tanh, xs)) assert.ok(d <= 1, `tanh′ = ${d}`);
}, { runs: 200 });

property('gradCheck: leakyRelu with a random slope (away from 0)', (rng) => {
  return { x: fill(randomShape(rng), rng, awayFromZero(0.01, 3)), alpha: rng.uniform(0, 0.5) };
}, ({ x, alpha }) => check((v) => ad.leakyRelu(v, alpha), [x]), { runs: RUNS });

property('gradCheck: clamp (away from the bounds)', (rng) => {
  const lo = rng.uniform(-1, 0), hi = rng.uniform(0.1, 1);
  const x = fill(randomShape(rng), rng, normal());
  x.data.forEach((xi, i) => {
    for (const bound of [lo, hi]) if (Math.abs(xi - bound) < 0.01) x.data[i] = bound + 0.02;
  });
  return { x, lo, hi };
}, ({ x, lo, hi }) => check((v) => ad.clamp(v, lo, hi), [x]), { runs: RUNS });

property('gradCheck: softmax and logSoftmax along a random axis', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  return { x: fill(shape, rng, normal(2)), axis: rng.int(-shape.length, shape.length) };
}, ({ x, axis }) => {
  check((v) => ad.softmax(v, axis), [x]);
  check((v) => ad.logSoftmax(v, axis), [x]);
}, { runs: RUNS });

property('gradCheck: where with a broadcast condition, and a dropout mask', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  const condition = fill(broadcastPartner(shape, rng), rng, (r) => (r.next() < 0.5 ? 1 : 0));
  return { x: fill(shape, rng, normal()), condition, mask: ad.dropoutMask(shape, 0.3, rng) };
}, ({ x, condition, mask }) => {
  check((v) => ad.where(condition, v, -3), [x]);
  check((v) => ad.softmax(ad.where(condition, v, -1e9)), [x]); // an attention mask
  check((v) => ad.mul(v, mask), [x]);
}, { runs: RUNS });

property('gradCheck: a dense layer with a bias row broadcast over the batch, through sum to a scalar', (rng) => {
  const n = rng.int(1, 6), d = rng.int(1, 5), h = rng.int(1, 5);
  return [fill([n, d], rng, normal()), fill([d, h], rng, normal()), fill([h], rng, normal())] as const;
}, ([X, W, b]) => check((x, w, bias) => ad.mean(ad.tanh(ad.add(ad.matmul(x, w), bias))), [X, W, b]), { runs: RUNS });
