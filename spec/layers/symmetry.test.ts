/**
 * Invariance and equivariance (EQ-LAYERS-35): the helpers checkInvariance,
 * checkEquivariance and roll (used by the convolution and pooling specs,
 * EQ-LAYERS-31/32/33), a set model ρ(Σᵢ φ(xᵢ)) invariant to permutations,
 * and features of pairwise distances invariant to rotations and
 * translations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Sequential, Tanh, checkEquivariance, checkInvariance, roll } from '../../src/layers/index.js';
import { property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

test('EQ-LAYERS-35 checkInvariance and checkEquivariance: exact by default, within a tolerance when asked, and what they report', () => {
  const x = linalg.tensor([3, 1, 2], [3]);
  const reverse = (t: Tensor): Tensor => linalg.tensor([...t.data].reverse(), t.shape);
  assert.deepEqual(checkInvariance((t) => linalg.scalar(linalg.sum(t)), reverse, x), { ok: true, maxDifference: 0, index: -1 });
  const first = checkInvariance((t) => linalg.tensor([t.data[0]!], [1]), reverse, x);
  assert.deepEqual(first, { ok: false, maxDifference: 1, index: 0 });
  assert.ok(checkInvariance((t) => linalg.tensor([t.data[0]!], [1]), reverse, x, { atol: 1 }).ok);
  // squaring is equivariant to reversal; adding the index is not
  assert.ok(checkEquivariance((t) => linalg.mul(t, t), reverse, reverse, x).ok);
  const idx = checkEquivariance((t) => linalg.map(t, (v, i) => v + i), reverse, reverse, x);
  assert.equal(idx.ok, false);
  assert.equal(idx.maxDifference, 2);
  // a module's forward (a Var) is read through its value; NaN matches NaN
  assert.ok(checkInvariance((t) => ad.mul(ad.constant(t), NaN), (t) => t, x).ok);
  assert.throws(() => checkInvariance((t) => t, (t) => linalg.zeros([t.data.length + 1]), x), ShapeError);
  assert.throws(() => checkEquivariance((t) => t, reverse, 3 as never, x), ArgumentTypeError);
  assert.throws(() => checkInvariance((t) => t, reverse, x, { atol: -1 }), ValueError);
});

property('EQ-LAYERS-35 roll is a circular shift: roll by n is the identity, shifts add, and it permutes the entries', seeds, withRng((rng) => {
  const shape = Array.from({ length: rng.int(1, 4) }, () => rng.int(1, 5));
  const x = linalg.randn(shape, rng), axis = rng.int(-shape.length, shape.length), n = shape.at(axis)!;
  const a = rng.int(-9, 10), b = rng.int(-9, 10);
  assert.deepEqual(roll(x, n, axis).data, x.data);
  assert.deepEqual(roll(roll(x, a, axis), b, axis).data, roll(x, a + b, axis).data);
  assert.deepEqual([...roll(x, a, axis).data].sort(), [...x.data].sort());
  const v = linalg.tensor([0, 1, 2, 3], [4]);
  assert.deepEqual([...roll(v, 1, 0).data], [3, 0, 1, 2]);
}), { runs: 40 });

property('EQ-LAYERS-35 unordered inputs: a set model ρ(Σᵢ φ(xᵢ)) is invariant to permuting the elements, to 1e-12', seeds, withRng((rng) => {
  const n = rng.int(2, 9), d = rng.int(1, 4);
  const phi = new Sequential([new Dense(d, 8, { rng }), new Tanh(), new Dense(8, 8, { rng })]), rho = new Dense(8, 2, { rng });
  const model = (X: Tensor): Tensor => ad.noGrad(() => rho.forward(ad.sum(phi.forward(ad.constant(X)), { axis: 0, keepDims: true }))).value;
  const X = linalg.randn([n, d], rng), order = rng.permutation(n);
  if (order.every((v, i) => v === i)) [order[0], order[1]] = [1, 0]; // a permutation that moves something
  const permute = (t: Tensor): Tensor => linalg.tensor(Float64Array.from({ length: n * d }, (_, k) => t.data[order[Math.floor(k / d)]! * d + (k % d)]!), [n, d]);
  assert.ok(checkInvariance(model, permute, X, { atol: 1e-12, rtol: 1e-12 }).ok);
  // a model that reads the elements in order is not
  const ordered = new Dense(n * d, 2, { rng });
  assert.equal(checkInvariance((t) => ordered.forward(ad.constant(linalg.reshape(t, [1, n * d]))), permute, X, { atol: 1e-12 }).ok, false);
}), { runs: 30 });

/** The sorted pairwise distances ‖xᵢ − xⱼ‖ (i < j) of the rows of X: features that ignore rotations and translations. */
function distanceFeatures(X: Tensor): Tensor {
  const [n, d] = X.shape as [number, number];
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (X.data[i * d + k]! - X.data[j * d + k]!) ** 2;
    out.push(Math.sqrt(s));
  }
  return linalg.tensor(out, [out.length]);
}

property('EQ-LAYERS-35 rotational invariance: features of pairwise distances are invariant to a random orthogonal Q and translation t of every point, to 1e-12', seeds, withRng((rng) => {
  const n = rng.int(2, 8), d = rng.int(2, 4);
  const X = linalg.randn([n, d], rng);
  const { Q } = linalg.qr(linalg.randn([d, d], rng));
  const t = linalg.randn([d], rng);
  const move = (P: Tensor): Tensor => linalg.add(linalg.matmul(P, Q), t); // each row p ↦ pQ + t
  assert.ok(checkInvariance(distanceFeatures, move, X, { atol: 1e-12, rtol: 1e-12 }).ok);
  // the raw coordinates are not
  assert.equal(checkInvariance((P) => P, move, X, { atol: 1e-6 }).ok, false);
}), { runs: 30 });
