/**
 * The engine: topological order, accumulation, zeroGrad, noGrad, detach,
 * customOp, the optimizer contract { value, grad }, and the typed errors of
 * backward().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as ad from '../../src/autodiff/index.js';
import { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import { assertClose, property } from '../harness/index.js';
import { fill, normal, only } from './support.js';

test('a leaf reads a zero gradient of its shape before any backward pass', () => {
  const w = ad.variable([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(w.grad.shape, [2, 3]);
  assert.deepEqual(Array.from(w.grad.data), [0, 0, 0, 0, 0, 0]);
  assert.equal(w.grad, w.grad, 'the same tensor on every read');
  assert.equal(w.op, 'leaf');
  assert.equal(ad.constant(2).requiresGrad, false);
  assert.equal(ad.variable(2).item(), 2);
});

test('gradients accumulate over backward passes at the leaves; intermediate nodes are recomputed each pass', () => {
  const x = ad.variable(3);
  const h = ad.mul(x, x); // h = x², used by both outputs below
  const y = ad.mul(h, 2);
  y.backward();
  assert.equal(only(x.grad), 12); // d(2x²)/dx = 4x
  y.backward();
  assert.equal(only(x.grad), 24, 'leaves accumulate');
  assert.equal(only(h.grad), 2, 'an intermediate gradient is reset, not doubled');
  const held = x.grad;
  x.zeroGrad();
  assert.equal(only(held), 0, 'zeroGrad zeroes in place: a held grad tensor stays valid');
  ad.sub(h, x).backward();
  assert.equal(only(x.grad), 5); // 2x − 1
  ad.zeroGrad([x, h]);
  assert.equal(only(x.grad), 0);
});

test('a node used twice receives the sum over both paths: d(x·x)/dx = 2x (EQ-AUTODIFF-04)', () => {
  const x = ad.variable(linalg.tensor([1.5, -2, 0.25], [3]));
  ad.sum(ad.mul(x, x)).backward();
  assert.deepEqual(Array.from(x.grad.data), [3, -4, 0.5]);
});

test('backward on a leaf seeds the leaf itself; a number seed fills the shape', () => {
  const x = ad.variable([1, 2]);
  x.backward(linalg.tensor([5, 6], [2]));
  assert.deepEqual(Array.from(x.grad.data), [5, 6]);
  const y = ad.mul(x, 2);
  y.backward(0.5);
  assert.deepEqual(Array.from(x.grad.data), [6, 7]);
});

property('the topological order puts every node after all of its inputs, each once', (rng) => rng.int(2, 30), (n) => {
  const leaves = [ad.variable(1), ad.variable(2)];
  const nodes: Var[] = [...leaves];
  let last: Var = leaves[1]!;
  for (let i = 0; i < n; i++) nodes.push((last = ad.add(nodes[(i * 7) % nodes.length]!, last)));
  const order = ad.topologicalOrder(last);
  assert.equal(new Set(order).size, order.length);
  const position = new Map(order.map((v, i) => [v, i]));
  for (const v of order) for (const input of v.inputs) assert.ok(position.get(input)! < position.get(v)!);
}, { runs: 20 });

test('a deep chain (20 000 nodes) goes backward without overflowing the call stack', () => {
  const x = ad.variable(1);
  let y: Var = x;
  for (let i = 0; i < 20000; i++) y = ad.mul(y, 1.0001);
  y.backward();
  assertClose(only(x.grad), 1.0001 ** 20000, { rtol: 1e-11 });
});

test('noGrad records no graph, nests, and restores recording after an exception', () => {
  const x = ad.variable(2);
  const y = ad.noGrad(() => {
    assert.equal(ad.isGradEnabled(), false);
    const inner = ad.noGrad(() => ad.mul(x, x));
    assert.equal(ad.isGradEnabled(), false, 'still off after the inner call returns');
    return ad.add(inner, x);
  });
  assert.equal(ad.isGradEnabled(), true);
  assert.equal(y.item(), 6);
  assert.equal(y.requiresGrad, false);
  assert.equal(y.inputs.length, 0);
  assert.throws(() => ad.noGrad(() => { throw new Error('boom'); }), /boom/);
  assert.equal(ad.isGradEnabled(), true, 'restored after the throw');
  assert.equal(ad.mul(x, x).requiresGrad, true);
});

test('an op on constants only records nothing', () => {
  const c = ad.add(ad.constant([1, 2]), linalg.tensor([3, 4], [2]));
  assert.equal(c.requiresGrad, false);
  assert.equal(c.inputs.length, 0);
});

test('detach shares the value and cuts the graph', () => {
  const x = ad.variable(3);
  const d = ad.detach(ad.mul(x, x));
  assert.equal(d.requiresGrad, false);
  const y = ad.add(ad.mul(d, x), x); // d is a constant 9: dy/dx = 9 + 1
  y.backward();
  assert.equal(only(x.grad), 10);
  const w = ad.variable([1, 2]);
  assert.equal(ad.detach(w).value, w.value, 'the same tensor, not a copy');
});

test('customOp builds an op from a value and a local-gradient rule', () => {
  const cube = (v: Var): Var => ad.customOp('cube', linalg.map(v.value, (t) => t ** 3), [v], (g) => [linalg.mul(g, linalg.map(v.value, (t) => 3 * t * t))]);
  const x = ad.variable([1, -2]);
  const y = cube(x);
  assert.equal(y.op, 'cube');
  ad.sum(y).backward();
  assert.deepEqual(Array.from(x.grad.data), [3, 12]);
  assert.equal(ad.noGrad(() => cube(x)).requiresGrad, false);
});

test('a local rule returning a wrong shape is reported with the op name', () => {
  const x = ad.variable([1, 2]);
  const bad = ad.customOp('bad', linalg.clone(x.value), [x], () => [linalg.zeros([3])]);
  assert.throws(() => ad.sum(bad).backward(), (e: unknown) => e instanceof ShapeError && /'bad'/.test(e.message) && /\[3\]/.test(e.message) && /\[2\]/.test(e.message));
});

test('a backward pass that throws changes no gradient: leaves and intermediate nodes keep what they had', () => {
  const x = ad.variable([1, 2]), w = ad.variable([3, 4]);
  const h = ad.mul(x, x);
  h.backward(linalg.tensor([1, 1], [2])); // x.grad = 2x = [2, 4]; h.grad = [1, 1]
  const held = x.grad;
  const rules: [string, () => linalg.Tensor[]][] = [
    ['a wrong shape', () => [linalg.zeros([3])]],
    ['an error of its own', () => { throw new RangeError('boom'); }],
  ];
  for (const [what, rule] of rules) {
    const bad = ad.customOp('bad', linalg.clone(h.value), [ad.mul(h, w)], rule);
    // Reverse order: sum(x) hands x its contribution and sum(h) reaches h before 'bad' runs.
    const L = ad.add(ad.add(ad.sum(bad), ad.sum(h)), ad.sum(x));
    assert.throws(() => L.backward(), what === 'a wrong shape' ? ShapeError : RangeError);
    assert.equal(x.grad, held, `${what}: the same gradient tensor`);
    assert.deepEqual(Array.from(x.grad.data), [2, 4], `${what}: x.grad unchanged`);
    assert.deepEqual(Array.from(w.grad.data), [0, 0], `${what}: w.grad unchanged`);
    assert.deepEqual(Array.from(h.grad.data), [1, 1], `${what}: h.grad unchanged`);
  }
});

test('a local rule may return null for an input: nothing flows there, and nodes reached only that way read zero', () => {
  const x = ad.variable([1, 2]);
  x.grad = linalg.tensor([5, 5], [2]);
  const h = ad.mul(x, 3);
  const stop = (v: Var): Var => ad.customOp('stop', linalg.clone(v.value), [v], () => [null]);
  ad.sum(stop(x)).backward();
  assert.deepEqual(Array.from(x.grad.data), [5, 5], 'a leaf reached with no contribution keeps its gradient');
  ad.add(ad.sum(stop(h)), ad.sum(x)).backward();
  assert.deepEqual(Array.from(x.grad.data), [6, 6], 'only the path through sum(x) counts');
  assert.deepEqual(Array.from(h.grad.data), [0, 0]);
});

test('backward() on a non-scalar without a seed says so; a wrong seed shape names both shapes', () => {
  const x = ad.variable([[1, 2], [3, 4]]);
  const y = ad.mul(x, 2);
  assert.throws(() => y.backward(), (e: unknown) => e instanceof ValueError && /not a scalar/.test(e.message) && /\[2, 2\]/.test(e.message) && /seed/.test(e.message));
  assert.throws(() => y.backward(linalg.zeros([4])), (e: unknown) => e instanceof ShapeError && /\[4\]/.test(e.message) && /\[2, 2\]/.test(e.message));
  assert.throws(() => ad.constant(1).backward(), (e: unknown) => e instanceof ValueError && /does not depend/.test(e.message));
  ad.sum(ad.reshape(x, [1, 4])).backward(); // a one-entry value needs no seed, whatever its rank
  assert.deepEqual(Array.from(x.grad.data), [1, 1, 1, 1]);
});

test('Var.grad can be set only to a tensor of the value shape; item() needs one entry', () => {
  const x = ad.variable([1, 2]);
  x.grad = linalg.tensor([7, 8], [2]);
  assert.deepEqual(Array.from(x.grad.data), [7, 8]);
  assert.throws(() => { x.grad = linalg.zeros([3]); }, (e: unknown) => e instanceof ShapeError && /\[3\]/.test(e.message) && /\[2\]/.test(e.message));
  assert.throws(() => x.item(), ShapeError);
  assert.deepEqual(x.shape, [2]);
  // No unchecked way in from outside: the engine's gradient access is private to var.ts,
  // so the class has no static members at all (only a function's own length, name, prototype).
  assert.deepEqual(Object.getOwnPropertyNames(Var).sort(), ['length', 'name', 'prototype']);
});

test('the optimizer contract: a Var is { value, grad }; stepping value.data in place between graphs is safe', () => {
  // Plain gradient descent on L(w) = Σ (w − t)², written as an optimizer would:
  // it sees only { value: Tensor; grad: Tensor }.
  const params: { value: linalg.Tensor; grad: linalg.Tensor }[] = [];
  const w = ad.variable(linalg.tensor([5, -3], [2]));
  params.push(w);
  const target = linalg.tensor([1, 2], [2]);
  for (let step = 0; step < 200; step++) {
    w.zeroGrad();
    ad.sum(ad.pow(ad.sub(w, target), 2)).backward(); // a new graph every step
    for (const p of params) p.value.data.forEach((v, i, value) => { value[i] = v - 0.1 * p.grad.data[i]!; });
  }
  assertClose(w.value, target, { atol: 1e-12 });
});

property('constant operands (Tensor, number, constant Var) receive no gradient and keep a zero grad', (rng) => fill([3], rng, normal()), (t) => {
  const c = ad.constant(t);
  const x = ad.variable(linalg.clone(t));
  ad.sum(ad.mul(ad.add(x, c), ad.add(t, 1))).backward();
  assert.deepEqual(Array.from(c.grad.data), [0, 0, 0]);
  assertClose(x.grad, linalg.add(t, 1));
}, { runs: 10 });

test('a node cannot be rewired: its inputs are a frozen copy, its structure read-only, and the graph is unchanged after trying', () => {
  const x = ad.variable([1, 2]), w = ad.variable([3, 4]);
  const y = ad.mul(x, w);
  const { inputs, value, local } = y;
  assert.ok(Object.isFrozen(inputs));
  assert.throws(() => (y.inputs as Var[]).push(x), TypeError);
  assert.throws(() => { (y.inputs as Var[])[0] = w; }, TypeError);
  assert.throws(() => (y.inputs as Var[]).pop(), TypeError);
  const writable = y as unknown as Record<string, unknown>;
  for (const key of ['inputs', 'requiresGrad', 'op', 'local']) {
    assert.throws(() => { writable[key] = null; }, TypeError, `${key} is read-only`);
  }
  assert.equal(y.inputs, inputs);
  assert.deepEqual([...y.inputs], [x, w]);
  assert.equal(y.value, value);
  assert.equal(y.local, local);
  assert.equal(y.op, 'mul');
  assert.equal(y.requiresGrad, true);
  ad.sum(y).backward();
  assert.deepEqual(Array.from(x.grad.data), [3, 4], '∂Σ(x ⊙ w)/∂x = w, through the original graph');
  assert.deepEqual(Array.from(w.grad.data), [1, 2]);
  // customOp keeps a copy: the caller's list stays the caller's (not frozen), and changing it changes no node.
  const list = [x];
  const z = ad.customOp('copy', linalg.clone(x.value), list, (g) => [g]);
  list.push(w);
  assert.ok(!Object.isFrozen(list));
  assert.deepEqual([...z.inputs], [x]);
  // name is a label and may change
  y.name = 'y';
  assert.equal(y.name, 'y');
});

test('a Var prints its name, op and inputs, whether it holds a gradient, and its value with shape (toString, util.inspect)', () => {
  const x = ad.variable([[1, 2.5], [-3, 4]], 'x'), w = ad.variable([[2, 2], [2, 2]], 'w');
  const h = ad.mul(x, w);
  h.name = 'h';
  const y = ad.sum(ad.tanh(h));
  const valueOf = (v: Var): string => linalg.format(v.value);
  assert.equal(x.toString(), `Var 'x' (leaf; grad: none yet)\n${valueOf(x)}`);
  assert.equal(h.toString(), `Var 'h' (mul of 'x', 'w'; grad: none yet)\n${valueOf(h)}`);
  assert.match(valueOf(h), /shape \[2, 2\]/);
  assert.equal(y.toString().split('\n')[0], 'Var (sum of tanh; grad: none yet)', 'an unnamed input is shown by its op');
  y.backward();
  assert.equal(x.toString().split('\n')[0], "Var 'x' (leaf; grad: held)");
  assert.equal(ad.constant(3).toString(), `Var (leaf; constant)\n${linalg.format(linalg.scalar(3))}`);
  assert.equal(inspect(h), h.toString(), 'util.inspect (console.log) uses the same printout');
  assert.equal(inspect([x]), `[\n  ${x.toString().replaceAll('\n', '\n  ')}\n]`, 'also inside a list');
  assert.equal(`${y}`, y.toString());
});
