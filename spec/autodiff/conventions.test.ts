/**
 * The documented conventions where calculus does not fix the gradient: the
 * kinks of relu, leakyRelu, abs and clamp, and the ties (and NaN) of max.
 * Each value below is the one the op's file header states; the property
 * specs draw away from these points, so only this worked example pins them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';

/** ∂(Σ op(x))/∂x, entry by entry. */
function gradient(op: (v: Var) => Var, x: linalg.Tensor | linalg.NestedArray): number[] {
  const v = ad.variable(x);
  ad.sum(op(v)).backward();
  return Array.from(v.grad.data);
}

test('conventions at kinks and ties, worked by hand (activations, ops-unary, ops-reduce headers)', () => {
  // relu′ = 1 if x > 0, else 0: 0 at the kink (so is a dead unit's)
  assert.deepEqual(gradient(ad.relu, [-1, 0, 2]), [0, 0, 1]);
  // leakyRelu′ = 1 if x > 0, else α: α at the kink
  assert.deepEqual(gradient((v) => ad.leakyRelu(v, 0.25), [-1, 0, 2]), [0.25, 0.25, 1]);
  // abs′ = sign x: 0 at 0
  assert.deepEqual(gradient(ad.abs, [-2, 0, 3]), [-1, 0, 1]);
  // clamp′ = 1 if lo ≤ x ≤ hi, else 0: 1 at both bounds
  assert.deepEqual(gradient((v) => ad.clamp(v, -1, 1), [-2, -1, 0, 1, 2]), [0, 1, 1, 1, 0]);
  // max sends the gradient to the first maximiser: max([3, 3, 1]) = 3 from index 0
  assert.deepEqual(gradient((v) => ad.max(v), [3, 3, 1]), [1, 0, 0]);
  // along an axis, to the first maximiser of each line along that axis
  const x = [[2, 5, 5], [2, 1, 5]];
  assert.deepEqual(gradient((v) => ad.max(v, { axis: 0 }), x), [1, 1, 1, 0, 0, 0]); // every column ties or has its max in row 0
  assert.deepEqual(gradient((v) => ad.max(v, { axis: 1 }), x), [0, 1, 0, 0, 0, 1]); // row 0: 5 at 1 and 2 → 1; row 1: 5 at 2
  assert.deepEqual(gradient((v) => ad.max(v, { axis: -1, keepDims: true }), x), [0, 1, 0, 0, 0, 1]);
  // and a NaN is larger than everything: the first NaN takes the gradient (as linalg.max returns NaN)
  assert.deepEqual(gradient((v) => ad.max(v, { axis: 1 }), [[1, NaN, NaN], [NaN, 7, 9]]), [0, 1, 0, 1, 0, 0]);
});
