/**
 * Specs of the Tensor constructors and views, the element-wise operations
 * with broadcasting (shapes with 0-size dimensions, entries with NaN), and
 * the reductions, each against a plain loop written here or a hand-worked
 * example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import * as L from '../../src/linalg/index.js';
import * as math from '../../src/math/index.js';
import { assertClose, gen, property } from '../harness/index.js';

const { ShapeError, ValueError } = L;

test('constructors: zeros, ones, full, eye, scalar, tensor, fromArray/toArray round trip', () => {
  assert.deepEqual(L.zeros([2, 3]).shape, [2, 3]);
  assert.ok(L.ones([4]).data.every((x) => x === 1));
  assert.ok(L.full([2, 2], 7).data.every((x) => x === 7));
  assert.deepEqual(L.toArray(L.eye(2, 3)), [[1, 0, 0], [0, 1, 0]]);
  assert.deepEqual(L.toArray(L.scalar(5)), 5);
  assert.equal(L.sizeOf([]), 1);
  const nested = [[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]];
  const t = L.fromArray(nested);
  assert.deepEqual(t.shape, [3, 2, 2]);
  assert.deepEqual(L.toArray(t), nested);
  assert.deepEqual(L.fromArray([]).shape, [0]);
  const shared = new Float64Array([1, 2, 3, 4]);
  assert.equal(L.tensor(shared, [2, 2]).data, shared, 'tensor() shares the buffer');
  assert.deepEqual(L.tensor([1, 2], [2]).data, Float64Array.of(1, 2));
  const c = L.clone(t);
  c.data[0] = 99;
  assert.equal(t.data[0], 1, 'clone copies');
});

test('reshape shares the buffer, infers −1, and rejects sizes that do not fit', () => {
  const t = L.fromArray([[1, 2, 3], [4, 5, 6]]);
  const r = L.reshape(t, [3, -1]);
  assert.deepEqual(r.shape, [3, 2]);
  assert.equal(r.data, t.data);
  assert.throws(() => L.reshape(t, [4, 2]), /cannot view shape \[2, 3\] as \[4, 2\]/);
  assert.throws(() => L.reshape(t, [4, -1]), /cannot infer/);
  assert.throws(() => L.reshape(t, [0, -1]), /cannot infer/);
});

test('bad shapes and ragged arrays give ShapeErrors; validators name what came', () => {
  assert.throws(() => L.zeros([2, -1]), ShapeError);
  assert.throws(() => L.zeros([1.5]), ShapeError);
  // Each constructor names itself in its error.
  assert.throws(() => L.full([-1], 0), /^ShapeError: full: shape is \[-1\]; dimensions/);
  assert.throws(() => L.ones([-1]), /^ShapeError: ones: shape/);
  assert.throws(() => L.zeros([-1]), /^ShapeError: zeros: shape/);
  assert.throws(() => L.eye(2.5), /^ValueError: eye: n must be a safe integer ≥ 0, got 2.5/);
  assert.throws(() => L.randn([-1], new Rng(1)), /^ShapeError: randn: shape/);
  assert.throws(() => L.rand([2, 0.5], new Rng(1)), /^ShapeError: rand: shape is \[2, 0.5\]/);
  assert.throws(() => L.tensor([1, 2, 3], [2, 2]), /needs 4 entries, got 3/);
  assert.throws(() => L.fromArray([[1, 2], [3]]), /ragged/);
  assert.throws(() => L.fromArray([[1, 2], 3] as L.NestedArray), /ragged/);
  assert.throws(() => L.fromArray([1, [2]] as L.NestedArray), /ragged/);
  assert.throws(() => L.assertMatrix(L.zeros([3]), 'A', 'f'), /^ShapeError: f: A must be a matrix \(rank 2\), got shape \[3\]/);
  assert.throws(() => L.assertSquare(L.zeros([2, 3]), 'A', 'f'), /square/);
  assert.throws(() => L.assertVector(L.zeros([2, 3]), 'x', 'f'), /vector/);
  assert.throws(() => L.assertFinite(L.tensor([1, NaN], [2]), 'x', 'f'), (e: unknown) => e instanceof ValueError && /NaN at flat index 1/.test(e.message));
  assert.throws(() => L.assertSameShape(L.zeros([2]), L.zeros([3]), 'f'), /\[2\] and \[3\]/);
  assert.equal(L.assertSquare(L.zeros([3, 3]), 'A', 'f'), 3);
  const err = new ShapeError('x');
  assert.equal(err.name, 'ShapeError');
  assert.ok(err instanceof L.MLError);
});

test('random constructors are reproducible and have the asked-for moments', () => {
  const a = L.randn([400, 50], new Rng(1), 3, 2), b = L.randn([400, 50], new Rng(1), 3, 2);
  assert.deepEqual(a.data, b.data);
  const n = a.data.length;
  assert.ok(Math.abs(L.mean(a) - 3) < 4 * 2 / Math.sqrt(n));
  const u = L.rand([1000], new Rng(2), -1, 1);
  assert.ok(u.data.every((x) => x >= -1 && x < 1));
});

/** A reference broadcast: compute each output index from its multi-index. */
function referenceZip(a: L.Tensor, b: L.Tensor, op: (x: number, y: number) => number): L.Tensor {
  const rank = Math.max(a.shape.length, b.shape.length);
  const pad = (s: readonly number[]) => [...new Array(rank - s.length).fill(1), ...s];
  const sa = pad(a.shape), sb = pad(b.shape);
  const shape = sa.map((d, i) => (d === 1 ? sb[i]! : d)); // 1 against 0 gives 0
  const out = L.zeros(shape);
  const at = (t: L.Tensor, s: number[], idx: number[]) => t.data[idx.reduce((acc, i, k) => acc * s[k]! + (s[k] === 1 ? 0 : i), 0)]!;
  for (let flat = 0; flat < out.data.length; flat++) {
    const idx: number[] = [];
    let f = flat;
    for (let k = rank - 1; k >= 0; k--) { idx.unshift(f % shape[k]!); f = Math.floor(f / shape[k]!); }
    out.data[flat] = op(at(a, sa, idx), at(b, sb, idx));
  }
  return out;
}

/**
 * Two shapes that broadcast: draw a shape (dimensions 0–4, so empty tensors
 * come up), then knock dimensions down to 1 or drop leading ones. About one
 * entry in ten is NaN.
 */
const broadcastPair = (rng: Rng) => {
  const rank = rng.int(0, 4);
  const full = Array.from({ length: rank }, () => rng.int(0, 5));
  const thin = (s: number[]) => s.map((d) => (rng.next() < 0.3 ? 1 : d)).slice(rng.int(0, rank + 1) === 0 ? 1 : 0);
  const draw = (shape: number[]) => L.map(L.randn(shape, rng), (x) => (rng.next() < 0.1 ? NaN : x));
  return [draw(thin(full)), draw(thin(full))] as const;
};

property('binary ops broadcast as NumPy does (against a multi-index reference)', broadcastPair, ([a, b]) => {
  const ops: [(x: L.Tensor, y: L.Tensor) => L.Tensor, (x: number, y: number) => number][] = [
    [L.add, (x, y) => x + y], [L.sub, (x, y) => x - y], [L.mul, (x, y) => x * y], [L.div, (x, y) => x / y],
    [L.maximum, (x, y) => Math.max(x, y)], [L.minimum, (x, y) => Math.min(x, y)], [L.pow, math.pow],
  ];
  for (const [op, f] of ops) assertClose(op(a, b), referenceZip(a, b, f), { atol: 0, rtol: 0 });
  assert.deepEqual(L.broadcastShapes(a.shape, b.shape), referenceZip(a, b, () => 0).shape);
});

test('maximum and minimum give NaN when either side is NaN, in either order', () => {
  for (const f of [L.maximum, L.minimum]) {
    assert.ok(Number.isNaN(f(NaN, 1).data[0]), `${f === L.maximum ? 'maximum' : 'minimum'}(NaN, 1)`);
    assert.ok(Number.isNaN(f(1, NaN).data[0]));
    assert.ok(Number.isNaN(f(NaN, NaN).data[0]));
  }
  assert.deepEqual(Array.from(L.maximum(L.fromArray([1, 5]), 3).data), [3, 5]);
  assert.deepEqual(Array.from(L.minimum(L.fromArray([1, 5]), 3).data), [1, 3]);
  assert.deepEqual(L.add(L.zeros([1, 3]), L.zeros([0, 1])).shape, [0, 3], 'a dimension of 1 against 0 gives 0');
});

test('broadcasting: a bias row over a batch, scalars both sides, and incompatible shapes', () => {
  const batch = L.fromArray([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(L.toArray(L.add(batch, L.fromArray([10, 20, 30]))), [[11, 22, 33], [14, 25, 36]]);
  assert.deepEqual(L.toArray(L.sub(1, batch)), [[0, -1, -2], [-3, -4, -5]]);
  assert.deepEqual(L.toArray(L.mul(batch, 2)), [[2, 4, 6], [8, 10, 12]]);
  assert.throws(() => L.add(batch, L.zeros([2])), /\[2, 3\] and \[2\] do not fit/);
});

property('unary ops apply point-wise', gen.vector([0, 20]), (x) => {
  const checks: [(t: L.Tensor) => L.Tensor, (v: number) => number][] = [
    [L.neg, (v) => -v], [L.abs, Math.abs], [L.exp, math.exp], [L.log, math.log], [L.sqrt, Math.sqrt], [L.square, (v) => v * v],
  ];
  for (const [op, f] of checks) assertClose(op(x), x.data.map(f), { atol: 0, rtol: 0 });
  assertClose(L.scale(x, 3), x.data.map((v) => 3 * v), { atol: 0, rtol: 0 });
  assertClose(L.map(x, (v, i) => v + i), x.data.map((v, i) => v + i), { atol: 0, rtol: 0 });
  const y = L.clone(x);
  assert.equal(L.addScaledInto(y, x, 2), y);
  assertClose(y, x.data.map((v) => 3 * v), { atol: 1e-15, rtol: 1e-15 });
  if (x.data.length > 0) assert.throws(() => L.addScaledInto(y, L.zeros([x.data.length + 1])), ShapeError);
});

/** Sum of a 3-d tensor along an axis by explicit loops over the multi-index. */
function referenceAlong(t: L.Tensor, axis: number, init: number, step: (acc: number, x: number) => number): number[] {
  const [d0 = 0, d1 = 0, d2 = 0] = t.shape;
  const [e0 = 0, e1 = 0] = [d0, d1, d2].filter((_, k) => k !== axis); // the dimensions that stay
  const out = new Array<number>(e0 * e1).fill(init);
  for (let i = 0; i < d0; i++) for (let j = 0; j < d1; j++) for (let k = 0; k < d2; k++) {
    const [o0 = 0, o1 = 0] = [i, j, k].filter((_, q) => q !== axis);
    const o = o0 * e1 + o1;
    out[o] = step(out[o]!, t.data[(i * d1 + j) * d2 + k]!);
  }
  return out;
}

const tensor3 = (rng: Rng) => L.randn([rng.int(1, 5), rng.int(1, 5), rng.int(1, 5)], rng);

property('sum, max, min, mean and argmax along every axis agree with explicit loops', tensor3, (t) => {
  for (let axis = 0; axis < 3; axis++) {
    assertClose(L.sum(t, { axis }), referenceAlong(t, axis, 0, (a, x) => a + x), { atol: 1e-15, rtol: 1e-15 });
    assertClose(L.max(t, { axis }), referenceAlong(t, axis, -Infinity, Math.max), { atol: 0, rtol: 0 });
    assertClose(L.min(t, { axis }), referenceAlong(t, axis, Infinity, Math.min), { atol: 0, rtol: 0 });
    const n = t.shape[axis]!;
    assertClose(L.mean(t, { axis }), referenceAlong(t, axis, 0, (a, x) => a + x).map((s) => s / n), { atol: 1e-15, rtol: 1e-15 });
    const arg = L.argmax(t, { axis, keepDims: true });
    assert.deepEqual(arg.shape, t.shape.map((d, k) => (k === axis ? 1 : d)));
    const maxima = L.max(t, { axis });
    for (let o = 0; o < arg.data.length; o++) {
      // The value at the arg index is the maximum (checked through a slice along the axis).
      const idx = arg.data[o]!, [, d1 = 0, d2 = 0] = t.shape, [, e1 = 0] = maxima.shape;
      const multi = [Math.floor(o / e1), o % e1];
      multi.splice(axis, 0, idx);
      const [i = 0, j = 0, k = 0] = multi;
      assert.equal(t.data[(i * d1 + j) * d2 + k], maxima.data[o]);
    }
  }
  assert.equal(L.sum(t), Array.from(t.data).reduce((a, x) => a + x, 0));
  assert.equal(L.max(t), Math.max(...t.data));
  assert.equal(L.min(t), Math.min(...t.data));
  assert.equal(t.data[L.argmax(t)], Math.max(...t.data));
  assert.deepEqual(L.sum(t, { axis: -1 }).data, L.sum(t, { axis: 2 }).data);
});

/** 3-d tensors whose dimensions may be 0 (empty tensors and empty axes). */
const tensor3MaybeEmpty = (rng: Rng) => L.randn([rng.int(0, 4), rng.int(0, 4), rng.int(0, 4)], rng);

property('sum along every axis agrees with explicit loops, also with 0-size dimensions; mean where the axis is non-empty', tensor3MaybeEmpty, (t) => {
  for (let axis = 0; axis < 3; axis++) {
    const sums = referenceAlong(t, axis, 0, (a, x) => a + x);
    assertClose(L.sum(t, { axis }), sums, { atol: 1e-15, rtol: 1e-15 });
    assert.deepEqual(L.sum(t, { axis }).shape, t.shape.filter((_, k) => k !== axis));
    const n = t.shape[axis]!;
    if (n > 0) assertClose(L.mean(t, { axis }), sums.map((s) => s / n), { atol: 1e-15, rtol: 1e-15 });
  }
  assert.equal(L.sum(t), Array.from(t.data).reduce((a, x) => a + x, 0));
});

test('reductions: hand-worked values, ties, NaN, empty input and bad axes', () => {
  const t = L.fromArray([[1, 5, 5], [7, 0, -1]]);
  assert.deepEqual(Array.from(L.sum(t, { axis: 0 }).data), [8, 5, 4]);
  assert.deepEqual(L.sum(t, { axis: 1, keepDims: true }).shape, [2, 1]);
  assert.deepEqual(Array.from(L.mean(t, { axis: 1 }).data), [11 / 3, 2]);
  assert.equal(L.mean(t), 17 / 6);
  assert.equal(L.argmax(L.fromArray([1, 5, 5])), 1, 'ties go to the lowest index');
  assert.deepEqual(Array.from(L.argmax(t, { axis: 1 }).data), [1, 0]);
  assert.ok(Number.isNaN(L.max(L.fromArray([1, NaN, 2]))));
  assert.ok(Number.isNaN(L.min(L.fromArray([1, NaN, 2]))));
  assert.equal(L.argmax(L.fromArray([1, NaN, 2, NaN])), 1, 'the first NaN is the argmax, as max returns NaN');
  assert.deepEqual(Array.from(L.argmax(L.fromArray([[1, 3], [NaN, 2], [5, NaN]]), { axis: 0 }).data), [1, 2]);
  const empty = L.zeros([0]);
  assert.equal(L.sum(empty), 0);
  for (const f of [L.mean, L.max, L.min, L.argmax] as ((x: L.Tensor) => number)[]) assert.throws(() => f(empty), ValueError);
  const emptyAxis = L.zeros([2, 0]);
  for (const f of [L.mean, L.max, L.min, L.argmax]) assert.throws(() => f(emptyAxis, { axis: 1 }), /axis 1 of shape \[2, 0\] is empty/);
  assert.throws(() => L.sum(t, { axis: 2 }), /axis 2 is out of range for shape \[2, 3\]/);
  assert.throws(() => L.sum(t, { axis: 0.5 }), ShapeError);
});

test('splitAxis: [outer, n, inner, axis] around an axis (flat index (o·n + k)·inner + i); negative axes count from the end', () => {
  assert.deepEqual(L.splitAxis([2, 3, 4], 1, 'f'), [2, 3, 4, 1]);
  assert.deepEqual(L.splitAxis([2, 3, 4], -1, 'f'), [6, 4, 1, 2]);
  assert.deepEqual(L.splitAxis([2, 3, 4], 0, 'f'), [1, 2, 12, 0]);
  assert.deepEqual(L.splitAxis([5], 0, 'f'), [1, 5, 1, 0]);
  assert.deepEqual(L.splitAxis([2, 0, 3], 1, 'f'), [2, 0, 3, 1]);
  assert.throws(() => L.splitAxis([2, 3], 2, 'f'), (e: unknown) => e instanceof ShapeError && /^f: axis 2 is out of range for shape \[2, 3\]/.test(e.message));
  assert.throws(() => L.splitAxis([2, 3], -3, 'f'), ShapeError);
  assert.throws(() => L.splitAxis([2, 3], 0.5, 'f'), ShapeError);
  assert.throws(() => L.splitAxis([], 0, 'f'), ShapeError);
});

test('bad input gets a typed error that says what to do: a cyclic array, a bare axis, a shape too large, keepDims alone', () => {
  const cyclic: L.NestedArray[] = [];
  cyclic.push(cyclic);
  assert.throws(() => L.fromArray(cyclic), (e: unknown) => e instanceof ShapeError && /nested deeper than 64 levels \(or contains itself\)/.test(e.message));
  assert.throws(() => L.sum(L.zeros([2, 3]), 1 as unknown as L.AxisOptions), (e: unknown) =>
    e instanceof L.ArgumentTypeError && e.message.startsWith('sum: the axis goes in the options object: write sum(t, { axis: 1 })'));
  assert.throws(() => L.zeros([1e5, 1e5]), (e: unknown) =>
    e instanceof ValueError && e.message === `zeros: shape [100000, 100000] has 10000000000 entries, more than the ${L.MAX_TENSOR_SIZE} (2³¹ − 1) a tensor may hold`);
  assert.throws(() => L.matmulTransA(L.zeros([1, 1e5]), L.zeros([1, 1e5])), /^ValueError: matmulTransA: shape \[100000, 100000\]/);
  assert.throws(() => L.sum(L.zeros([2]), { keepDims: true }), /^ValueError: sum: keepDims needs an axis/);
  assert.throws(() => L.tensor('abcdef' as unknown as number[], [2, 3]), /^ArgumentTypeError: tensor: data must be a Float64Array or an array of numbers, got the string "abcdef"/);
  assert.throws(() => L.solve([[2, 0], [0, 2]] as unknown as L.Tensor, L.fromArray([1, 1])), /^ArgumentTypeError: solve: A must be a Tensor .* make one with fromArray/);
  assert.throws(() => L.svd(L.eye(2), { ful: true } as L.SVDOptions), /^ValueError: svd: unknown option 'ful'; the options are: full, maxSweeps, method$/);
});
