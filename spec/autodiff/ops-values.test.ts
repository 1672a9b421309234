/**
 * Forward values of the ops against the spec's own loops (multi-index
 * references, naive formulas), the stability of the activations and of
 * softmax at large |x|, and the typed errors that name the op and both shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import * as math from '../../src/math/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import { broadcastPartner, fill, normal, randomShape, ravel, referenceZip, unravel, uniform } from './support.js';

property('binary ops broadcast as NumPy does (spec multi-index reference)', (rng) => {
  const out = randomShape(rng, 3, 4);
  return [fill(out, rng, uniform(0.5, 2)), fill(broadcastPartner(out, rng), rng, uniform(0.5, 2)), out] as const;
}, ([a, b, out]) => {
  const cases: [(x: ad.Operand, y: ad.Operand) => ad.Var, (x: number, y: number) => number][] = [
    [ad.add, (x, y) => x + y], [ad.sub, (x, y) => x - y], [ad.mul, (x, y) => x * y], [ad.div, (x, y) => x / y], [ad.pow, math.pow],
  ];
  for (const [op, f] of cases) {
    assertClose(op(a, b).value, referenceZip(a, b, out, f), { atol: 0, rtol: 0 });
    assertClose(op(b, a).value, referenceZip(b, a, out, f), { atol: 0, rtol: 0 });
  }
  assertClose(ad.neg(a).value, linalg.map(a, (x) => -x));
}, { runs: 30 });

test('matmul and transpose agree with the harness loops', () => {
  const rng = new Rng(11);
  const A = gen.gaussian(3, 4, rng), B = gen.gaussian(4, 2, rng);
  assertClose(ad.matmul(A, B).value, gen.referenceMatmul(A, B));
  assertClose(ad.transpose(A).value, gen.referenceTranspose(A));
  assert.deepEqual(ad.matmul(linalg.tensor([1, 2, 3, 4], [4]), B).value.shape, [2]);
  assert.deepEqual(ad.reshape(A, [2, -1]).value.shape, [2, 6]);
});

/** Y[…, j, …] = X[…, idx[j], …] by multi-indices. */
function referenceGather(x: Tensor, axis: number, idx: readonly number[]): Tensor {
  const shape = x.shape.map((d, i) => (i === axis ? idx.length : d));
  const y = linalg.zeros(shape);
  for (let i = 0; i < y.data.length; i++) {
    const m = unravel(i, shape);
    m[axis] = idx[m[axis]!]!;
    y.data[i] = x.data[ravel(m, x.shape)]!;
  }
  return y;
}

property('indexSelect, slice and concat pick and join entries as the multi-index reference does', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  return { x: fill(shape, rng, normal()), axis: rng.int(0, shape.length), rng: rng.fork() };
}, ({ x, axis, rng }) => {
  const n = x.shape[axis]!;
  const idx = Array.from({ length: rng.int(1, 6) }, () => rng.int(0, n));
  assertClose(ad.indexSelect(x, idx, axis).value, referenceGather(x, axis, idx), { atol: 0, rtol: 0 });
  const start = rng.int(0, n), end = rng.int(start, n + 1);
  const range = Array.from({ length: end - start }, (_, i) => start + i);
  assertClose(ad.slice(x, start, end, axis).value, referenceGather(x, axis, range), { atol: 0, rtol: 0 });
  // concat(x[:k], x[k:]) is x again
  const k = rng.int(0, n + 1);
  const joined = ad.concat([ad.slice(x, 0, k, axis), ad.slice(x, k, n, axis)], axis);
  assertClose(joined.value, x, { atol: 0, rtol: 0 });
}, { runs: 30 });

property('sum, mean and max along an axis agree with loops over multi-indices', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  return { x: fill(shape, rng, normal()), axis: rng.int(0, shape.length), keepDims: rng.next() < 0.5 };
}, ({ x, axis, keepDims }) => {
  const kept = x.shape.map((d, i) => (i === axis ? 1 : d));
  const s = linalg.zeros(kept), m = linalg.full(kept, -Infinity);
  for (let i = 0; i < x.data.length; i++) {
    const index = unravel(i, x.shape);
    index[axis] = 0;
    const flat = ravel(index, kept), xi = x.data[i]!;
    s.data[flat] = s.data[flat]! + xi;
    m.data[flat] = Math.max(m.data[flat]!, xi);
  }
  const shape = keepDims ? kept : kept.filter((_, i) => i !== axis);
  assertClose(ad.sum(x, { axis, keepDims }).value, { shape, data: s.data });
  assertClose(ad.mean(x, { axis, keepDims }).value, { shape, data: s.data.map((v) => v / x.shape[axis]!) });
  assertClose(ad.max(x, { axis, keepDims }).value, { shape, data: m.data }, { atol: 0, rtol: 0 });
  let total = 0;
  for (const v of x.data) total += v;
  assertClose(ad.sum(x).value, { shape: [], data: Float64Array.of(total) });
  assert.deepEqual(ad.mean(x, { keepDims: true }).value.shape, x.shape.map(() => 1));
}, { runs: 30 });

property('mean divides the sum by n: bit-for-bit linalg.mean, whole and along an axis, and ∂L/∂xᵢ = gᵢ/n exactly', (rng) => {
  const shape = [rng.int(1, 60), rng.int(1, 60)];
  return { x: fill(shape, rng, normal()), axis: rng.int(0, 2), g: rng.normal(0, 1) };
}, ({ x, axis, g }) => {
  assert.equal(ad.mean(x).item(), linalg.mean(x));
  assertClose(ad.mean(x, { axis }).value, linalg.mean(x, { axis }), { atol: 0, rtol: 0 });
  const v = ad.variable(linalg.clone(x));
  ad.mean(v).backward(g);
  assert.ok(v.grad.data.every((d) => d === g / x.data.length), `expected every entry ${g / x.data.length}`);
}, { runs: 50 });

/** The flat index of the maximum of each line along `axis` (the first NaN if the line has one, else the first maximiser). */
function referenceArgmax(x: Tensor, axis: number): number[] {
  const lines = new Map<string, number[]>();
  for (let i = 0; i < x.data.length; i++) {
    const index = unravel(i, x.shape);
    index[axis] = 0;
    const key = index.join(',');
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key)!.push(i); // flat order is k order within a line
  }
  return [...lines.values()].map((line) => {
    const nan = line.find((i) => Number.isNaN(x.data[i]));
    if (nan !== undefined) return nan;
    const top = Math.max(...line.map((i) => x.data[i]!));
    return line.find((i) => x.data[i] === top)!;
  });
}

property('max propagates NaN as linalg.max does: the first NaN is the maximum and takes the gradient, whole and along an axis', (rng) => {
  const shape = randomShape(rng, 3, 4, 1);
  const x = fill(shape, rng, normal());
  for (let j = rng.int(1, 3); j > 0; j--) x.data[rng.int(0, x.data.length)] = NaN;
  return { x, axis: rng.int(0, shape.length) };
}, ({ x, axis }) => {
  const v = ad.variable(linalg.clone(x));
  const whole = ad.max(v);
  assert.ok(Number.isNaN(whole.item()) && Number.isNaN(linalg.max(x)));
  whole.backward();
  const first = x.data.findIndex(Number.isNaN);
  assert.deepEqual(Array.from(v.grad.data), Array.from(x.data, (_, i) => (i === first ? 1 : 0)));
  const w = ad.variable(linalg.clone(x));
  const along = ad.max(w, { axis });
  assertClose(along.value, linalg.max(x, { axis }), { atol: 0, rtol: 0 }); // NaN matches only NaN
  ad.sum(along).backward();
  const expected = new Float64Array(x.data.length);
  for (const i of referenceArgmax(x, axis)) expected[i] = 1;
  assert.deepEqual(Array.from(w.grad.data), Array.from(expected));
}, { runs: 30 });

test('max: a hand-worked NaN case, [1, NaN, 2, NaN] → NaN with the gradient at index 1', () => {
  const x = ad.variable([1, NaN, 2, NaN]);
  const y = ad.max(x);
  assert.ok(Number.isNaN(y.item()));
  y.backward();
  assert.deepEqual(Array.from(x.grad.data), [0, 1, 0, 0]);
});

test('a hand-worked example: softmax([1, 2, 3]) and the max routing of its gradient', () => {
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)], s = e.reduce((a, b) => a + b);
  assertClose(ad.softmax(linalg.tensor([1, 2, 3], [3])).value, e.map((v) => v / s));
  assertClose(ad.logSoftmax(linalg.tensor([1, 2, 3], [3])).value, e.map((v) => Math.log(v / s)));
  const x = ad.variable([[1, 5], [7, 2]]);
  ad.sum(ad.max(x, { axis: 0 })).backward();
  assert.deepEqual(Array.from(x.grad.data), [0, 1, 1, 0]);
});

property('softmax and logSoftmax are shift-invariant and stable: rows of ±1000 stay finite and sum to 1', (rng) => {
  return { x: fill([rng.int(1, 4), rng.int(1, 5)], rng, normal(3)), shift: rng.uniform(-1000, 1000) };
}, ({ x, shift }) => {
  const p = ad.softmax(x).value, q = ad.softmax(linalg.add(x, shift)).value;
  assertClose(q, p, { atol: 1e-15, rtol: 1e-12 });
  assertClose(ad.logSoftmax(linalg.add(x, shift)).value, ad.logSoftmax(x).value, { atol: 1e-12, rtol: 1e-12 });
  const [n = 0, c = 0] = x.shape;
  for (let i = 0; i < n; i++) {
    const total = q.data.subarray(i * c, (i + 1) * c).reduce((a, b) => a + b, 0);
    assertClose(total, 1, { atol: 1e-14 });
  }
  // naive softmax on the unshifted row (moderate values) is the same distribution
  for (let i = 0; i < n; i++) {
    const row = Array.from(x.data.subarray(i * c, (i + 1) * c), Math.exp);
    const z = row.reduce((a, b) => a + b, 0);
    assertClose(p.data.subarray(i * c, (i + 1) * c), row.map((v) => v / z), { rtol: 1e-12 });
  }
}, { runs: 30 });

test('softmax of a fully masked row (every entry −∞) is uniform, as a −1e9 fill gives; masked entries of other rows get 0', () => {
  const x = linalg.tensor([-Infinity, -Infinity, -Infinity, -Infinity, 0, Math.log(3)], [2, 3]);
  assertClose(ad.softmax(x).value, [1 / 3, 1 / 3, 1 / 3, 0, 1 / 4, 3 / 4], { atol: 0, rtol: 1e-15 });
  assertClose(ad.logSoftmax(x).value, [-Math.log(3), -Math.log(3), -Math.log(3), -Infinity, Math.log(1 / 4), Math.log(3 / 4)], { rtol: 1e-15 });
  // Along axis 0 only the first column is fully masked.
  assertClose(ad.softmax(x, 0).value, [0.5, 0, 0, 0.5, 1, 1], { atol: 0, rtol: 1e-15 });
  // An attention mask: −∞ and the recommended finite fill −1e9 give the same distributions.
  const scores = linalg.tensor([0.3, -1.2, 2, 0.5, 0.1, -0.7], [2, 3]);
  const condition = linalg.tensor([0, 0, 0, 1, 0, 1], [2, 3]); // row 0 fully masked
  const infinite = ad.softmax(ad.where(condition, scores, -Infinity)).value;
  const finite = ad.softmax(ad.where(condition, scores, -1e9)).value;
  assertClose(infinite, finite, { atol: 0, rtol: 1e-15 });
  assertClose(infinite.data.subarray(0, 3), [1 / 3, 1 / 3, 1 / 3], { atol: 0, rtol: 1e-15 });
  // Gradients stay finite and agree with finite differences (masked entries get 0). logSoftmax is
  // checked on whole rows only, since a masked entry of a partly masked row is −∞ there.
  const rows = linalg.tensor([0, 0, 0, 1, 1, 1], [2, 3]);
  for (const [op, c] of [[ad.softmax, condition], [ad.logSoftmax, rows]] as const) {
    const result = ad.gradCheck((v) => op(ad.where(c, v, -Infinity)), [scores]);
    assert.ok(result.ok, result.message);
    assert.ok(result.analytic.every((a) => a.data.every(Number.isFinite)));
  }
});

test('sigmoid, tanh and softplus are finite at large |x| and match the naive forms at moderate x', () => {
  const big = linalg.tensor([-1e300, -1000, -40, 40, 1000, 1e300], [6]);
  for (const op of [ad.sigmoid, ad.tanh, ad.softplus]) {
    for (const v of op(big).value.data) assert.ok(Number.isFinite(v), `${op.name} gave ${v}`);
  }
  assert.deepEqual(Array.from(ad.softplus(linalg.tensor([1000, -1000], [2])).value.data), [1000, 0]);
  assert.equal(ad.sigmoid(linalg.tensor([-1000], [1])).value.data[0], 0);
  const x = linalg.tensor([-3, -0.5, 0, 0.7, 4], [5]);
  assertClose(ad.sigmoid(x).value, linalg.map(x, (t) => 1 / (1 + Math.exp(-t))), { rtol: 1e-15 });
  assertClose(ad.softplus(x).value, linalg.map(x, (t) => Math.log(1 + Math.exp(t))), { rtol: 1e-14 });
  assertClose(ad.leakyRelu(x, 0.1).value, linalg.map(x, (t) => (t > 0 ? t : 0.1 * t)));
  assertClose(ad.relu(x).value, linalg.map(x, (t) => Math.max(t, 0)));
  assertClose(ad.clamp(x, -1, 1).value, [-1, -0.5, 0, 0.7, 1]);
  assertClose(ad.abs(x).value, [3, 0.5, 0, 0.7, 4]);
});

test('where keeps entries under a broadcast condition; dropoutMask is 0 or 1/(1 − p) with E[m] = 1', () => {
  const x = linalg.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
  const y = ad.where(linalg.tensor([1, 0, 1], [3]), x, -9);
  assert.deepEqual(Array.from(y.value.data), [1, -9, 3, 4, -9, 6]);
  const rng = new Rng(5);
  const m = ad.dropoutMask([100, 100], 0.25, rng);
  let total = 0;
  for (const v of m.data) {
    assert.ok(v === 0 || v === 1 / 0.75);
    total += v;
  }
  assertClose(total / m.data.length, 1, { atol: 0.02 }); // 10 000 draws: sd of the mean ≈ 0.006
  assert.ok(ad.dropoutMask([10], 0, rng).data.every((v) => v === 1));
});

/** The error is of the type, and its message names the op and every listed fragment. */
function throwsNaming(fn: () => unknown, type: typeof ShapeError | typeof ValueError, ...fragments: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    for (const f of fragments) assert.ok((e as Error).message.includes(f), `message "${(e as Error).message}" lacks "${f}"`);
    return true;
  });
}

test('shape mismatches throw a ShapeError naming the op and both shapes, before any node is built', () => {
  const a = ad.variable(linalg.zeros([2, 3])), b = ad.variable(linalg.zeros([4]));
  for (const [name, op] of [['add', ad.add], ['sub', ad.sub], ['mul', ad.mul], ['div', ad.div], ['pow', ad.pow]] as const) {
    throwsNaming(() => op(a, b), ShapeError, name, '[2, 3]', '[4]');
  }
  throwsNaming(() => ad.matmul(a, linalg.zeros([4, 2])), ShapeError, 'matmul', '[2, 3]', '[4, 2]');
  throwsNaming(() => ad.concat([a, linalg.zeros([2, 2, 1])], 0), ShapeError, 'concat', '[2, 3]', '[2, 2, 1]');
  throwsNaming(() => ad.concat([a, linalg.zeros([3, 2])], 1), ShapeError, 'concat', '[2, 3]', '[3, 2]');
  throwsNaming(() => ad.where(linalg.zeros([2]), a, 0), ShapeError, 'where', '[2]', '[2, 3]');
  throwsNaming(() => ad.where(linalg.zeros([4, 1, 1]), a, 0), ShapeError, 'where', '[4, 1, 1]', '[2, 3]');
  throwsNaming(() => ad.reshape(a, [4, 2]), ShapeError, 'reshape', '[2, 3]', '[4, 2]');
  throwsNaming(() => ad.transpose(linalg.zeros([1, 2, 3])), ShapeError, 'transpose', '[1, 2, 3]');
  throwsNaming(() => ad.sum(a, { axis: 2 }), ShapeError, 'sum', 'axis 2', '[2, 3]');
  throwsNaming(() => ad.softmax(a, -3), ShapeError, 'softmax', 'axis -3', '[2, 3]');
  throwsNaming(() => ad.logSoftmax(a, 1.5), ValueError, 'logSoftmax', 'axis', '1.5');
  throwsNaming(() => ad.slice(a, 1, 4, 1), ValueError, 'slice', '1:4', '[2, 3]');
  throwsNaming(() => ad.slice(a, 2, 1), ValueError, 'slice', '2:1');
  throwsNaming(() => ad.slice(a, 0.5, 1), ValueError, 'slice', 'start', '0.5');
  throwsNaming(() => ad.indexSelect(a, [0, 3], 1), ValueError, 'indexSelect', 'index 3', '[2, 3]');
  throwsNaming(() => ad.indexSelect(a, [0.5]), ValueError, 'indexSelect', '0.5');
  throwsNaming(() => ad.concat([]), ValueError, 'concat');
  throwsNaming(() => ad.mean(linalg.zeros([0])), ValueError, 'mean', '[0]');
  throwsNaming(() => ad.max(linalg.zeros([2, 0]), { axis: 1 }), ValueError, 'max', '[2, 0]');
  throwsNaming(() => ad.clamp(a, 1, 0), ValueError, 'clamp', 'lo = 1', 'hi = 0');
  throwsNaming(() => ad.clamp(a, NaN, 0), ValueError, 'clamp');
  throwsNaming(() => ad.leakyRelu(a, NaN), ValueError, 'leakyRelu', 'NaN');
  throwsNaming(() => ad.dropoutMask([2], 1, new Rng(0)), ValueError, 'dropoutMask', '1');
  throwsNaming(() => ad.sumToShape(linalg.zeros([2, 3]), [2]), ShapeError, 'sumToShape', '[2, 3]', '[2]');
  throwsNaming(() => ad.sumToShape(linalg.zeros([3]), [5]), ShapeError, 'sumToShape', '[3]', '[5]');
  throwsNaming(() => ad.sumToShape(linalg.zeros([2, 3]), [1, 2, 3]), ShapeError, 'sumToShape', '[2, 3]', '[1, 2, 3]');
});

test('sumToShape folds a broadcast gradient back: a bias [3] over a batch [2, 3] gets the column sums', () => {
  const g = linalg.tensor([1, 2, 3, 10, 20, 30], [2, 3]);
  assert.deepEqual(Array.from(ad.sumToShape(g, [3]).data), [11, 22, 33]);
  assert.deepEqual(Array.from(ad.sumToShape(g, [2, 1]).data), [6, 60]);
  assert.deepEqual(Array.from(ad.sumToShape(g, []).data), [66]);
  assert.equal(ad.sumToShape(g, [2, 3]), g, 'the same shape returns g itself');
});

test('pow: ∂(a^b)/∂b = a^b·ln a, taken as 0 where a^b = 0 (not 0·(−∞) = NaN); ∂/∂a at p = 0 is 0', () => {
  const a = ad.variable([0, 2]), b = ad.variable([3, 3]);
  ad.sum(ad.pow(a, b)).backward();
  assert.deepEqual(Array.from(b.grad.data), [0, 8 * Math.log(2)]);
  assert.deepEqual(Array.from(a.grad.data), [0, 12]);
  const z = ad.variable([0]);
  ad.sum(ad.pow(z, 0)).backward();
  assert.deepEqual(Array.from(z.grad.data), [0]);
});

test('concat with a constant part passes gradients only to the variable parts', () => {
  const x = ad.variable([[1, 2]]);
  const y = ad.concat([linalg.tensor([5, 6], [1, 2]), x], 0);
  ad.sum(ad.mul(y, linalg.tensor([1, 2, 3, 4], [2, 2]))).backward();
  assert.deepEqual(Array.from(x.grad.data), [3, 4]);
});
