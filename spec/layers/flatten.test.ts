/**
 * Flatten and Unflatten (EQ-LAYERS-34): the naive approach to images,
 * unroll them into a vector; the round trip is exact and the gradient is
 * the upstream gradient reshaped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Flatten, Sequential, Unflatten } from '../../src/layers/index.js';
import { assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

property('EQ-LAYERS-34 flatten/unflatten round-trips exactly; row n of the flat matrix is sample n in row-major order; the gradient comes back reshaped', seeds, withRng((rng) => {
  const dims = Array.from({ length: rng.int(1, 4) }, () => rng.int(1, 5)), N = rng.int(1, 4);
  const size = dims.reduce((a, d) => a * d, 1);
  const x = linalg.randn([N, ...dims], rng);
  const flat = new Flatten().forward(ad.constant(x));
  assert.deepEqual(flat.shape, [N, size]);
  assertSameBits(flat.value.data, x.data, 'flatten keeps the order');
  const back = new Sequential([new Flatten(), new Unflatten(dims)]).forward(ad.constant(x));
  assert.deepEqual(back.shape, x.shape);
  assertSameBits(back.value.data, x.data, 'unflatten ∘ flatten');
  const v = ad.variable(linalg.clone(x)), g = linalg.randn([N, size], rng);
  new Flatten().forward(v).backward(g);
  assert.deepEqual(v.grad.shape, x.shape);
  assertSameBits(v.grad.data, g.data, 'the gradient, reshaped');
}), { runs: 40 });

test('Flatten and Unflatten: shapes, names and the inputs they refuse', () => {
  assert.deepEqual(new Flatten().outputShape([32, 16, 5, 5]), [32, 400]);
  assert.deepEqual(new Flatten().outputShape([7]), [7, 1]);
  assert.deepEqual(new Unflatten([6, 28, 28]).outputShape([2, 4704]), [2, 6, 28, 28]);
  assert.equal(new Unflatten([6, 28, 28]).toString(), 'Unflatten([6, 28, 28])');
  assert.throws(() => new Flatten().forward(ad.constant(linalg.scalar(1))), ShapeError);
  assert.throws(() => new Unflatten([6, 28, 28]).forward(ad.constant(linalg.zeros([2, 4700]))), ShapeError);
  assert.throws(() => new Unflatten(6 as never), ArgumentTypeError);
  assert.throws(() => new Unflatten([6, 0]), ValueError);
});
