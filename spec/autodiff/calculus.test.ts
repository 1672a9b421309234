/**
 * EQ-AUTODIFF-01 … 05: derivatives and gradients, steepest ascent, the chain
 * rule on random expression DAGs, and differentiation of programs with
 * data-dependent control flow. The expected side is a closed form written
 * here, a finite difference, or forward-mode dual numbers written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, gen, property } from '../harness/index.js';
import { euclid, fill, inner, normal, only, sig } from './support.js';

// ── EQ-AUTODIFF-01 ────────────────────────────────────────────────────────
property('EQ-AUTODIFF-01 d(x²)/dx = 2x: exact for x·x, and a central difference agrees to 1e-8', gen.scalar({ min: -1e3, max: 1e3 }), (x) => {
  const v = ad.variable(x);
  ad.mul(v, v).backward();
  assert.equal(only(v.grad), 2 * x);
  const w = ad.variable(x);
  ad.pow(w, 2).backward();
  assert.equal(only(w.grad), 2 * x);
  const h = 1e-3 * Math.max(1, Math.abs(x)); // (x+h)² − (x−h)² = 4xh exactly in ℝ: only rounding is left
  assertClose(((x + h) ** 2 - (x - h) ** 2) / (2 * h), only(v.grad), { atol: 1e-8, rtol: 1e-8 });
});

// ── EQ-AUTODIFF-02 ────────────────────────────────────────────────────────
const f02 = (x1: Var, x2: Var): Var => ad.add(ad.mul(3, ad.mul(x1, x1)), ad.mul(x2, x2));

test('EQ-AUTODIFF-02 ∇(3x₁² + x₂²) at (1, 1) is [6, 2]', () => {
  const x1 = ad.variable(1), x2 = ad.variable(1);
  f02(x1, x2).backward();
  assert.deepEqual([only(x1.grad), only(x2.grad)], [6, 2]);
  const x = ad.variable([1, 1]); // the same on a vector: Σ [3, 1] ⊙ x ⊙ x
  ad.sum(ad.mul(linalg.tensor([3, 1], [2]), ad.mul(x, x))).backward();
  assert.deepEqual(Array.from(x.grad.data), [6, 2]);
});

property('EQ-AUTODIFF-02 ∇(3x₁² + x₂²) = [6x₁, 2x₂] at random points, and agrees with finite differences', gen.tuple(gen.scalar({ min: -100, max: 100 }), gen.scalar({ min: -100, max: 100 })), ([a, b]) => {
  const x1 = ad.variable(a), x2 = ad.variable(b);
  f02(x1, x2).backward();
  assertClose([only(x1.grad), only(x2.grad)], [6 * a, 2 * b]);
  const check = ad.gradCheck(f02, [a, b], { eps: 1e-4 });
  assert.ok(check.ok, check.message);
});

// ── EQ-AUTODIFF-03 ────────────────────────────────────────────────────────
/** f(x) = ½xᵀAx + bᵀx + Σₖ cₖ sin(dₖᵀx), x: [n], A: n×n, b: [n], D: K×n, c: [K]. */
interface Smooth { A: Tensor; b: Tensor; D: Tensor; c: Tensor; x: Tensor }

function smooth(p: Smooth, x: Var): Var {
  const quadratic = ad.mul(0.5, ad.matmul(x, ad.matmul(p.A, x)));
  return ad.add(ad.add(quadratic, ad.matmul(p.b, x)), ad.sum(ad.mul(p.c, ad.sin(ad.matmul(p.D, x)))));
}

/** ∇f = ½(A + Aᵀ)x + b + Σₖ cₖ cos(dₖᵀx) dₖ, by loops. */
function smoothGradient(p: Smooth): number[] {
  const n = p.x.data.length;
  const A = p.A.data, x = p.x.data;
  const g = Array.from(p.b.data, (bi, i) => {
    let s = bi;
    for (let j = 0; j < n; j++) s += 0.5 * (A[i * n + j]! + A[j * n + i]!) * x[j]!;
    return s;
  });
  p.c.data.forEach((ck, k) => {
    const dk = p.D.data.subarray(k * n, (k + 1) * n);
    const t = inner(dk, x);
    dk.forEach((dki, i) => { g[i] = g[i]! + ck * Math.cos(t) * dki; });
  });
  return g;
}

property('EQ-AUTODIFF-03 the gradient is the direction of steepest ascent (1000 random unit directions)', (rng) => {
  const n = rng.int(2, 6), K = rng.int(1, 4);
  return { A: gen.gaussian(n, n, rng), b: fill([n], rng, normal()), D: gen.gaussian(K, n, rng), c: fill([K], rng, normal()), x: fill([n], rng, normal()), rng: rng.fork() };
}, (p) => {
  const n = p.x.data.length;
  const x = ad.variable(linalg.clone(p.x));
  const fx = smooth(p, x);
  fx.backward();
  const grad = x.grad.data;
  assertClose(grad, smoothGradient(p), { atol: 1e-12, rtol: 1e-10 });
  const norm = euclid(grad);
  const at = (t: number, u: ArrayLike<number>): number => ad.noGrad(() => smooth(p, ad.constant(linalg.tensor(Array.from(p.x.data, (v, i) => v + t * u[i]!), [n]))).item());
  const h = 1e-5;
  const slopeAlong = (u: ArrayLike<number>): number => (at(h, u) - at(-h, u)) / (2 * h); // D_u f by central differences
  const uStar = Array.from(grad, (g) => g / norm);
  const steepest = slopeAlong(uStar);
  assertClose(steepest, norm, { atol: 1e-6, rtol: 1e-6 }); // along ∇f/‖∇f‖, f climbs at ‖∇f‖
  for (let trial = 0; trial < 1000; trial++) {
    const w = Array.from({ length: n }, () => p.rng.normal());
    const length = euclid(w);
    const u = w.map((wi) => wi / length);
    const slope = slopeAlong(u);
    if (trial < 50) assertClose(slope, inner(grad, u), { atol: 1e-6, rtol: 1e-6 }); // D_u f = ∇f·u
    assert.ok(slope <= steepest + 1e-6, `direction ${trial} climbs at ${slope}, faster than along ∇f (${steepest})`);
  }
  if (norm > 1e-6) assert.ok(at(-1e-4, uStar.map((v) => v * norm)) < fx.item(), 'a small step along −∇f decreases f');
}, { runs: 8 });

// ── EQ-AUTODIFF-04 ────────────────────────────────────────────────────────
type Op = 'add' | 'sub' | 'mul' | 'div' | 'exp' | 'log' | 'tanh' | 'sigmoid' | 'relu' | 'matmul' | 'sum' | 'mean';
const OPS: Op[] = ['add', 'sub', 'mul', 'div', 'exp', 'log', 'tanh', 'sigmoid', 'relu', 'matmul', 'sum', 'mean'];
interface Step { op: Op; args: [number, number] }

function apply(op: Op, a: Var, b: Var): Var {
  switch (op) {
    case 'add': return ad.add(a, b);
    case 'sub': return ad.sub(a, b);
    case 'mul': return ad.mul(a, b);
    case 'div': return ad.div(a, b);
    case 'exp': return ad.exp(a);
    case 'log': return ad.log(a);
    case 'tanh': return ad.tanh(a);
    case 'sigmoid': return ad.sigmoid(a);
    case 'relu': return ad.relu(a);
    case 'matmul': return ad.matmul(a, b);
    case 'sum': return ad.sum(a);
    case 'mean': return ad.mean(a);
  }
}

/** Replay a program on the leaves; node i ≥ leaves.length is step i − leaves.length. */
function run(program: Step[], leaves: Var[]): Var[] {
  const nodes = [...leaves];
  for (const { op, args: [i, j] } of program) nodes.push(apply(op, nodes[i]!, nodes[j]!));
  return nodes;
}

/** Is the step's input inside the op's domain, away from kinks and poles, with a bounded output? */
function admissible(op: Op, a: Tensor, b: Tensor, y: Tensor): boolean {
  const min = (t: Tensor, f: (v: number) => number): number => Math.min(...Array.from(t.data, f));
  if (op === 'matmul' && (a.shape.length !== 2 || b.shape.length !== 2)) return false;
  if (op === 'exp' && Math.max(...a.data) > 3) return false;
  if (op === 'log' && min(a, (v) => v) < 0.1) return false;
  if (op === 'div' && min(b, Math.abs) < 0.2) return false;
  if (op === 'relu' && min(a, Math.abs) < 1e-3) return false;
  return y.data.every((v) => Number.isFinite(v) && Math.abs(v) < 1e3);
}

/** A random DAG of depth ≤ 6 over 2–3 leaves of shape n×n; operands are any earlier node (sharing happens). */
function randomDag(rng: Rng): { leaves: Tensor[]; program: Step[] } {
  const n = rng.int(1, 4);
  const leaves = Array.from({ length: rng.int(2, 4) }, () => fill([n, n], rng, normal()));
  const values = [...leaves];
  const depth = values.map(() => 0);
  const program: Step[] = [];
  for (let attempt = 0; attempt < 200 && program.length < 8; attempt++) {
    const op = OPS[rng.int(0, OPS.length)]!;
    const args: [number, number] = [rng.int(0, values.length), rng.int(0, values.length)];
    const [a, b] = [values[args[0]]!, values[args[1]]!];
    const d = 1 + Math.max(depth[args[0]]!, depth[args[1]]!);
    if (d > 6) continue;
    let y: Tensor;
    try {
      y = ad.noGrad(() => apply(op, ad.constant(a), ad.constant(b))).value;
    } catch {
      continue; // shapes that do not fit (a matmul with a scalar)
    }
    if (!admissible(op, a, b, y)) continue;
    program.push({ op, args });
    values.push(y);
    depth.push(d);
  }
  return { leaves, program };
}

property('EQ-AUTODIFF-04 on random expression DAGs the reverse-mode gradient equals central differences for every leaf', randomDag, ({ leaves, program }) => {
  const output = (...xs: Var[]): Var => run(program, xs).at(-1)!;
  const check = ad.gradCheck(output, leaves, { eps: 1e-6, rtol: 1e-5, atol: 1e-7 });
  assert.ok(check.ok, `${check.message}\nprogram: ${JSON.stringify(program)}`);
}, { runs: 60 });

/** f(x) = tanh(Wx) ⊙ σ(Vx): R^n → R^m with JVP by dual numbers written here. */
function dualJvp(W: Tensor, V: Tensor, x: Tensor, v: Tensor): number[] {
  const [m = 0, n = 0] = W.shape;
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    let a = 0, da = 0, b = 0, db = 0; // (value, tangent) of (Wx)ᵢ and (Vx)ᵢ
    for (let j = 0; j < n; j++) {
      const wij = W.data[i * n + j]!, vij = V.data[i * n + j]!, xj = x.data[j]!, tj = v.data[j]!;
      a += wij * xj; da += wij * tj;
      b += vij * xj; db += vij * tj;
    }
    const t = Math.tanh(a), s = sig(b);
    out.push((1 - t * t) * da * s + t * s * (1 - s) * db);
  }
  return out;
}

property('EQ-AUTODIFF-04 dot-product test ⟨Jv, u⟩ = ⟨v, Jᵀu⟩ (JVP by dual numbers and by differences, VJP by backward)', (rng) => {
  const m = rng.int(1, 6), n = rng.int(1, 6);
  return { W: gen.gaussian(m, n, rng), V: gen.gaussian(m, n, rng), x: fill([n], rng, normal()), v: fill([n], rng, normal()), u: fill([m], rng, normal()) };
}, ({ W, V, x, v, u }) => {
  const f = (t: Var): Var => ad.mul(ad.tanh(ad.matmul(W, t)), ad.sigmoid(ad.matmul(V, t)));
  const leaf = ad.variable(linalg.clone(x));
  f(leaf).backward(u); // x.grad = Jᵀu
  const vjp = inner(v.data, leaf.grad.data);
  assertClose(inner(dualJvp(W, V, x, v), u.data), vjp, { atol: 1e-10, rtol: 1e-10 });
  const h = 1e-5;
  const at = (s: number): Float64Array => ad.noGrad(() => f(ad.constant(linalg.add(x, linalg.scale(v, s))))).value.data;
  const plus = at(h), minus = at(-h);
  const jvp = Array.from(plus, (p, i) => (p - minus[i]!) / (2 * h));
  assertClose(inner(jvp, u.data), vjp, { atol: 1e-7, rtol: 1e-7 });
}, { runs: 40 });

test('EQ-AUTODIFF-04 a node used twice accumulates: d(x·x)/dx = 2x, and through a shared subexpression', () => {
  const x = ad.variable(1.5);
  const a = ad.mul(x, x); // a = x²
  ad.add(a, ad.mul(a, a)).backward(); // x² + x⁴ → 2x + 4x³
  assertClose(only(x.grad), 2 * 1.5 + 4 * 1.5 ** 3);
});

// ── EQ-AUTODIFF-05 ────────────────────────────────────────────────────────
/**
 * A program with a data-dependent loop, a branch, max and abs:
 *   y ← x; while Σy² < 10: y ← 1.5·y            (T trips)
 *   y ← tanh(y) if y₀ > 0, else y ⊙ y
 *   f = max|y| + Σ y
 */
function program(x: Var, trace?: { trips: number; margins: number[] }): Var {
  let y = x;
  let trips = 0;
  for (;;) {
    const s = ad.noGrad(() => ad.sum(ad.mul(y, y)).item());
    trace?.margins.push(Math.abs(s - 10));
    if (s >= 10 || trips >= 40) break;
    y = ad.mul(y, 1.5);
    trips++;
  }
  const y0 = y.value.data[0]!; // the branch looks at the first entry
  trace?.margins.push(Math.abs(y0));
  y = y0 > 0 ? ad.tanh(y) : ad.mul(y, y);
  if (trace) trace.trips = trips;
  return ad.add(ad.max(ad.abs(y)), ad.sum(y));
}

/** The gradient of the branch taken, by hand: y = c·x (c = 1.5^T), then the branch, then max|·| + Σ. */
function branchGradient(x: Tensor, trips: number): number[] {
  const c = 1.5 ** trips;
  const y = Array.from(x.data, (v) => c * v);
  const tanhBranch = y[0]! > 0;
  const z = y.map((v) => (tanhBranch ? Math.tanh(v) : v * v));
  const dz = y.map((v) => (tanhBranch ? 1 - Math.tanh(v) ** 2 : 2 * v)); // ∂zᵢ/∂yᵢ
  let k = 0;
  z.forEach((zi, i) => { if (Math.abs(zi) > Math.abs(z[k]!)) k = i; });
  return z.map((_, i) => (1 + (i === k ? Math.sign(z[k]!) : 0)) * dz[i]! * c);
}

property('EQ-AUTODIFF-05 through loops with data-dependent trip counts, branches, max and abs, AD gives the gradient of the path taken', (rng) => fill([rng.int(1, 5)], rng, normal()), (x) => {
  const trace = { trips: 0, margins: [] as number[] };
  const v = ad.variable(linalg.clone(x));
  program(v, trace).backward();
  const y = Array.from(x.data, (t) => t * 1.5 ** trace.trips);
  const [z0 = 0, z1 = -Infinity] = y.map((t) => (y[0]! > 0 ? Math.tanh(t) : t * t)).map(Math.abs).sort((p, q) => q - p);
  if (Math.min(...trace.margins, ...y.map(Math.abs), z0 - z1) < 1e-4) return; // too near a branch point to difference
  assertClose(v.grad.data, branchGradient(x, trace.trips), { atol: 1e-12, rtol: 1e-10 });
  const check = ad.gradCheck((t) => program(t), [x], { eps: 1e-7 });
  assert.ok(check.ok, check.message);
}, { runs: 60 });

test('EQ-AUTODIFF-05 gradCheck flags a deliberately wrong custom gradient (negative control)', () => {
  const square = (wrong: boolean) => (v: Var): Var => ad.customOp('square', linalg.map(v.value, (t) => t * t), [v], (g) => [linalg.mul(g, linalg.map(v.value, (t) => (wrong ? 3 : 2) * t))]);
  const x = linalg.tensor([0.3, -1.2, 2], [3]);
  const good = ad.gradCheck(square(false), [x]);
  assert.ok(good.ok, good.message);
  const bad = ad.gradCheck(square(true), [x]);
  assert.equal(bad.ok, false);
  assert.match(bad.message, /gradCheck failed/);
});

property('EQ-AUTODIFF-05 no NaN gradients for finite inputs inside each op\'s domain, extremes included', (rng) => {
  const edges = [-1e300, -1e3, -40, -1, -1e-300, 0, 1e-300, 1, 40, 1e3, 1e300];
  return fill([8], rng, (r) => (r.next() < 0.5 ? edges[r.int(0, edges.length)]! : r.normal(0, 100)));
}, (x) => {
  const positive = linalg.map(x, (t) => Math.max(Math.abs(t), 1e-300));
  const cases: [string, Tensor, (v: Var) => Var][] = [
    ['sigmoid', x, ad.sigmoid], ['tanh', x, ad.tanh], ['softplus', x, ad.softplus], ['relu', x, ad.relu],
    ['leakyRelu', x, (v) => ad.leakyRelu(v)], ['abs', x, ad.abs], ['clamp', x, (v) => ad.clamp(v, -1, 1)],
    ['softmax', x, (v) => ad.softmax(v)], ['logSoftmax', x, (v) => ad.logSoftmax(v)], ['max', x, (v) => ad.max(v)],
    ['exp (x ≤ 700)', linalg.map(x, (t) => Math.min(t, 700)), ad.exp], ['log (x > 0)', linalg.map(positive, (t) => Math.min(t, 1e300)), ad.log],
    ['sqrt (x > 0)', positive, ad.sqrt], ['sin', linalg.map(x, (t) => Math.min(Math.max(t, -1e6), 1e6)), ad.sin],
  ];
  for (const [name, input, op] of cases) {
    const v = ad.variable(linalg.clone(input));
    const y = op(v);
    y.backward(linalg.full(y.value.shape, 1e-3));
    assert.ok(v.grad.data.every((g) => !Number.isNaN(g)), `${name}: NaN gradient at ${Array.from(input.data)}`);
  }
}, { runs: 40 });
