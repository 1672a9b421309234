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
