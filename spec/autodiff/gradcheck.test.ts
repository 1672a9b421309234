/**
 * gradCheck itself: it passes on correct gradients, fails on wrong ones
 * (negative controls, including an error that a plain Σy projection would
 * miss), reports where, leaves the caller's Vars alone, and validates its
 * options. numericGradient agrees with closed forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import { ArgumentTypeError, ValueError } from '../../src/errors/index.js';
import { assertClose, property } from '../harness/index.js';
import { fill, normal } from './support.js';

/**
 * softmax along the last axis with a chosen local rule: the right one,
 * x̄ᵢ = yᵢ(gᵢ − Σⱼ gⱼyⱼ), or a wrong one, x̄ᵢ = yᵢ(gᵢ − mean g), which agrees
 * with it whenever g is constant (both give 0 for g = 1).
 */
function softmaxWith(rightRule: boolean) {
  return (x: Var): Var => {
    const y = ad.noGrad(() => ad.softmax(x)).value;
    return ad.customOp('mySoftmax', y, [x], (g) => {
      let gy = 0, gMean = 0;
      y.data.forEach((yi, i) => {
        const gi = g.data[i]!;
        gy += gi * yi;
        gMean += gi / y.data.length;
      });
      return [linalg.map(y, (yi, i) => yi * (g.data[i]! - (rightRule ? gy : gMean)))];
    });
  };
}

property('gradCheck passes a correct rule and fails a wrong one that Σy would not notice', (rng) => fill([rng.int(2, 6)], rng, normal()), (x) => {
  const good = ad.gradCheck(softmaxWith(true), [x]);
  assert.ok(good.ok, good.message);
  // Checked through L = Σy (g = 1), the wrong rule passes: both rules give 0 there.
  const throughSum = ad.gradCheck((v) => ad.sum(softmaxWith(false)(v)), [x]);
  assert.ok(throughSum.ok, `Σy should not notice the wrong rule: ${throughSum.message}`);
  // gradCheck's fixed random projection u (g = u, not constant) does.
  const bad = ad.gradCheck(softmaxWith(false), [x]);
  assert.equal(bad.ok, false, 'the wrong rule must fail');
  assert.ok(bad.worst.ratio > 1);
}, { runs: 20 });

test('gradCheck reports analytic and numeric gradients per input and the worst entry', () => {
  const x = linalg.tensor([1, 2], [2]), w = linalg.tensor([3, -1], [2]);
  const result = ad.gradCheck((a, b) => ad.sum(ad.mul(a, b)), [x, w]);
  assert.ok(result.ok, result.message);
  assert.equal(result.analytic.length, 2);
  const [dx, dw] = result.analytic;
  assertClose(dx!, w);
  assertClose(dw!, x);
  assertClose(result.numeric[0]!, w, { atol: 1e-8 });
  assert.match(result.message, /passed/);
});

test('gradCheck flags an off-by-a-little gradient with its input and entry, and NaN as a failure', () => {
  const nudged = (v: Var): Var => ad.customOp('nudged', linalg.map(v.value, (t) => t * t), [v], (g) =>
    [linalg.map(g, (gi, i) => gi * 2 * v.value.data[i]! + (i === 1 ? 1e-3 : 0))]);
  const result = ad.gradCheck((a, b) => ad.add(ad.sum(a), ad.sum(nudged(b))), [linalg.tensor([1, 1], [2]), linalg.tensor([0.5, 0.25, 2], [3])]);
  assert.equal(result.ok, false);
  assert.equal(result.worst.input, 1);
  assert.equal(result.worst.index, 1);
  assert.match(result.message, /input 1, entry 1/);
  const nan = ad.gradCheck((v) => ad.customOp('nan', linalg.clone(v.value), [v], (g) => [linalg.map(g, () => NaN)]), [1]);
  assert.equal(nan.ok, false);
  assert.equal(nan.worst.ratio, Infinity);
});

test('gradCheck copies its inputs: the caller\'s Vars and gradients are untouched; constant outputs check as zero', () => {
  const x = ad.variable([1, 2, 3]);
  x.grad.data.fill(7);
  const result = ad.gradCheck((v) => ad.sum(ad.exp(v)), [x]);
  assert.ok(result.ok);
  assert.deepEqual(Array.from(x.grad.data), [7, 7, 7]);
  assert.deepEqual(Array.from(x.value.data), [1, 2, 3]);
  const flat = ad.gradCheck(() => ad.constant(5), [x], { atol: 0, rtol: 0 }); // exact zeros pass even with no tolerance
  assert.ok(flat.ok);
  assert.deepEqual(flat.analytic.map((a) => Array.from(a.data)), [[0, 0, 0]]);
  assert.equal(flat.message, 'gradCheck passed: analytic and numeric agree exactly on all 3 entries');
  assert.doesNotMatch(flat.message, /-1/);
});

test('gradCheck validates its options and what f returns', () => {
  const f = (v: Var): Var => ad.sum(v);
  assert.throws(() => ad.gradCheck(f, [1], { eps: 0 }), (e: unknown) => e instanceof ValueError && /eps/.test(e.message));
  assert.throws(() => ad.numericGradient(f, [1], { eps: -1 }), (e: unknown) => e instanceof ValueError && /eps/.test(e.message));
  assert.throws(() => ad.gradCheck(f, [1], { eps: NaN }), ValueError);
  assert.throws(() => ad.gradCheck(f, [1], { atol: -1 }), (e: unknown) => e instanceof ValueError && /atol/.test(e.message));
  assert.throws(() => ad.gradCheck(() => 3 as unknown as Var, [1]), (e: unknown) => e instanceof ArgumentTypeError && /^gradCheck: f must return a Var/.test(e.message));
  assert.throws(() => ad.numericGradient(() => 3 as unknown as Var, [1]), (e: unknown) => e instanceof ArgumentTypeError && /^numericGradient: /.test(e.message));
});

property('numericGradient of Σ sin(x)·x agrees with the closed form sin x + x cos x', (rng) => fill([rng.int(1, 6)], rng, normal(2)), (x) => {
  const [g] = ad.numericGradient((v) => ad.sum(ad.mul(ad.sin(v), v)), [x]);
  assertClose(g!, linalg.map(x, (t) => Math.sin(t) + t * Math.cos(t)), { atol: 1e-8, rtol: 1e-7 });
}, { runs: 20 });

// ── The pass/fail edge: |a − n| ≤ atol + rtol·max(|a|, |n|), exactly ─────────
/**
 * f(x) = n·x with the analytic gradient a (a custom rule), checked at x = 0
 * with a step h = 2⁻¹⁰: x ± h, n·(±h), their difference and its quotient by
 * 2h are exact in float64, so the numeric gradient is exactly n, and every
 * case below sits where it is meant to, not merely near it.
 */
function slope(analytic: number, numeric: number) {
  return (v: Var): Var => ad.customOp('slope', linalg.map(v.value, (t) => numeric * t), [v], (g) => [linalg.map(g, (gi) => gi * analytic)]);
}
const H = 2 ** -10;

/** The neighbouring float64 of x, one ulp toward +∞ (up) or −∞ (down). */
function nextFloat(x: number, toward: 'up' | 'down'): number {
  if (x === 0) return toward === 'up' ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const away = (x > 0) === (toward === 'up'); // away from 0: the magnitude's bits grow by one
  view.setBigUint64(0, view.getBigUint64(0) + (away ? 1n : -1n));
  return view.getFloat64(0);
}

/** Run gradCheck on slope(a, n) at 0 and return ok, the ratio and the numeric gradient it used. */
function checkEdge(a: number, n: number, tolerance: { atol?: number; rtol?: number }) {
  const result = ad.gradCheck(slope(a, n), [0], { eps: H, ...tolerance });
  const [numeric] = result.numeric;
  return { ok: result.ok, ratio: result.worst.ratio, numeric: numeric?.data[0], analytic: result.analytic[0]?.data[0] };
}

const edges = [
  // large gradients (|∇| ≈ 10⁶): the rtol term is the bound, atol a 2⁻⁴⁰ part of it that still counts
  { scale: 'large, numeric larger', atol: 2 ** -20, rtol: 2 ** -10, larger: 2 ** 20, largerIs: 'numeric' },
  { scale: 'large, analytic larger', atol: 2 ** -20, rtol: 2 ** -10, larger: 2 ** 20, largerIs: 'analytic' },
  // small gradients (|∇| ≲ atol ≈ 10⁻⁶): the atol term is the bound, rtol a 2⁻¹⁰ part of it
  { scale: 'small, numeric larger', atol: 2 ** -20, rtol: 2 ** -10, larger: 2 ** -20, largerIs: 'numeric' },
  { scale: 'small, analytic larger', atol: 2 ** -20, rtol: 2 ** -10, larger: 2 ** -20, largerIs: 'analytic' },
] as const;

for (const { scale, atol, rtol, larger, largerIs } of edges) {
  test(`EQ-AUTODIFF-05 gradCheck's edge at ${scale}: |a − n| = atol + rtol·max(|a|, |n|) passes, the next case beyond fails`, () => {
    // The documented bound, with max(|a|, |n|) = larger; every term is a power of two, so it is exact.
    const bound = atol + rtol * larger;
    const other = larger - bound; // |a − n| = bound exactly, and |other| < larger
    assert.ok(Math.abs(other) < larger && larger - other === bound, 'the case sits exactly on the edge');
    const pair = (o: number): [number, number] => (largerIs === 'analytic' ? [larger, o] : [o, larger]);
    const on = checkEdge(...pair(other), { atol, rtol });
    assert.deepEqual([on.analytic, on.numeric], pair(other), 'analytic and numeric gradients are the ones set up');
    assert.equal(on.ratio, 1);
    assert.equal(on.ok, true, 'on the edge passes (≤)');
    // The nearest cases off the edge: the next `other` (in its ulps) whose float difference |a − n|
    // is above the bound, or below it (at the small scale many ulps of `other` round to the same difference).
    const past = (toward: 'up' | 'down', off: (difference: number) => boolean): number => {
      let o = nextFloat(other, toward);
      while (!off(larger - o)) o = nextFloat(o, toward);
      return o;
    };
    const beyondOther = past('down', (d) => d > bound);
    const beyond = checkEdge(...pair(beyondOther), { atol, rtol });
    assert.ok(beyond.ratio > 1);
    assert.equal(beyond.ok, false, 'just beyond the edge fails');
    const inside = checkEdge(...pair(past('up', (d) => d < bound)), { atol, rtol });
    assert.ok(inside.ok && inside.ratio < 1, 'just inside passes');
  });
}

test('EQ-AUTODIFF-05 gradCheck\'s default tolerances are atol = 1e-6, rtol = 1e-5: the edge of the documented rule, at 10⁶ and at 10⁻⁹', () => {
  const passes = (a: number, n: number): boolean => Math.abs(a - n) <= 1e-6 + 1e-5 * Math.max(Math.abs(a), Math.abs(n));
  for (const n of [1.25e6, -3e-9]) {
    // The largest a > n that the rule (evaluated as documented) accepts, found by ulps from the real
    // solution of a − n = 1e-6 + 1e-5·a (here a > |n|), which rounding puts within a few ulps of it.
    let a = (n + 1e-6) / (1 - 1e-5);
    while (passes(nextFloat(a, 'up'), n)) a = nextFloat(a, 'up');
    while (!passes(a, n)) a = nextFloat(a, 'down');
    assert.ok(passes(a, n) && !passes(nextFloat(a, 'up'), n));
    assert.equal(checkEdge(a, n, {}).ok, true, `n = ${n}: a = ${a} is on the edge`);
    assert.equal(checkEdge(nextFloat(a, 'up'), n, {}).ok, false, `n = ${n}: one ulp beyond fails`);
  }
});

test('gradCheck\'s worst is input −1, index −1, ratio 0 when every entry agrees exactly (or there is none), and the worst entry otherwise', () => {
  const none = { input: -1, index: -1, analytic: 0, numeric: 0, ratio: 0 };
  const exact = ad.gradCheck(slope(3, 3), [0, 0], { eps: H }); // one op per input below: both agree exactly
  assert.deepEqual(exact.worst, none);
  assert.equal(exact.ok, true);
  const twoInputs = ad.gradCheck((x, w) => ad.add(slope(3, 3)(x), slope(-5, -5)(w)), [0, 0], { eps: H, atol: 0, rtol: 0 });
  assert.deepEqual(twoInputs.worst, none, 'exact agreement passes with no tolerance at all');
  assert.equal(twoInputs.ok, true);
  assert.deepEqual(ad.gradCheck(() => ad.constant(1), []).worst, none, 'no inputs');
  assert.deepEqual(ad.gradCheck((v) => ad.sum(v), [linalg.zeros([0])]).worst, none, 'an input with no entries');
  assert.match(ad.gradCheck(() => ad.constant(1), []).message, /all 0 entries/);
  // Entry 0 of input 1 agrees exactly, entry 1 is off by half the bound: that one is the worst, and it passes.
  const half = (1e-6 + 1e-5 * 2) / 2;
  const rule = (v: Var): Var => ad.customOp('nudged', linalg.map(v.value, (t) => 2 * t), [v], (g) => [linalg.map(g, (gi, i) => gi * 2 + (i === 1 ? half : 0))]);
  const nudged = ad.gradCheck((x, w) => ad.add(ad.sum(x), ad.sum(rule(w))), [linalg.zeros([2]), linalg.zeros([2])], { eps: H });
  assert.equal(nudged.worst.input, 1);
  assert.equal(nudged.worst.index, 1);
  assert.ok(nudged.ok && nudged.worst.ratio > 0.49 && nudged.worst.ratio <= 0.5 + 1e-12);
});
