/**
 * Standardisation (EQ-DATA-07) against column statistics written out by
 * loops, its link to the correlation matrix (EQ-LINALG-06), the round trip,
 * constant columns, and validation data transformed with the training
 * statistics; plus the shared estimator contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';
import { StandardScaler } from '../../src/unsupervised/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, property } from '../harness/index.js';

const data = (rng: Rng): Tensor => {
  const n = rng.int(2, 50), d = rng.int(1, 6);
  return linalg.add(linalg.mul(linalg.randn([n, d], rng), linalg.rand([d], rng, 0.1, 100)), linalg.randn([d], rng, 0, 50));
};

/** Mean and standard deviation (divisor n − ddof) of column j. */
function column(X: Tensor, j: number, ddof: number): { mean: number; std: number } {
  const [n = 0, d = 0] = X.shape;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += X.data[i * d + j]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (X.data[i * d + j]! - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - ddof)) };
}

property('EQ-DATA-07 after fitTransform each column has mean 0 and standard deviation 1 under the ddof; inverseTransform round-trips', (rng) => ({ X: data(rng), ddof: rng.int(0, 2) as 0 | 1 }), ({ X, ddof }) => {
  const scaler = new StandardScaler({ ddof });
  const Z = scaler.fitTransform(X), d = X.shape[1]!;
  for (let j = 0; j < d; j++) {
    const { mean, std } = column(Z, j, ddof);
    assertClose(mean, 0, { atol: 1e-12, rtol: 0 }, `mean of column ${j}`);
    assertClose(std, 1, { atol: 1e-12, rtol: 0 }, `std of column ${j}`);
    const raw = column(X, j, ddof);
    assertClose(scaler.mean.data[j]!, raw.mean, { atol: 1e-12, rtol: 1e-12 });
    assertClose(scaler.scale.data[j]!, raw.std, { atol: 0, rtol: 1e-12 });
  }
  assertClose(scaler.inverseTransform(Z), X, { atol: 1e-12, rtol: 1e-12 });
  if (ddof === 1) {
    const K = linalg.cov(Z); // EQ-LINALG-06: XᵀX/(m − 1) of the standardised columns is the correlation matrix
    for (let j = 0; j < d; j++) assertClose(K.data[j * d + j]!, 1, { atol: 1e-12, rtol: 0 }, 'unit diagonal');
  }
});

property('EQ-DATA-07 validation data is transformed with the training statistics, never refit', (rng) => ({ X: data(rng), V: linalg.randn([5, 1], rng, 3, 2) }), ({ X, V }) => {
  const d = X.shape[1]!, scaler = new StandardScaler().fit(X);
  const before = JSON.stringify(scaler.toJSON());
  const valid = linalg.matmul(V, linalg.ones([1, d]));
  const Zv = scaler.transform(valid);
  assert.equal(JSON.stringify(scaler.toJSON()), before, 'transform does not refit');
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < d; j++) assert.equal(Zv.data[i * d + j], (valid.data[i * d + j]! - scaler.mean.data[j]!) / scaler.scale.data[j]!);
  }
});

test('EQ-DATA-07 a constant column becomes 0 (s is taken as 1), never NaN; the validation mean is not 0 in general', () => {
  const X = linalg.tensor([0.1, 1, 0.1, 2, 0.1, 3], [3, 2]);
  const scaler = new StandardScaler().fit(X);
  assert.deepEqual(Array.from(scaler.scale.data.slice(0, 1)), [1]);
  assert.equal(scaler.variance.data[0], 0);
  const Z = scaler.transform(X);
  assert.deepEqual([Z.data[0], Z.data[2], Z.data[4]], [0, 0, 0]);
  const valid = scaler.transform(linalg.tensor([0.1, 5, 0.1, 6], [2, 2]));
  assert.ok(valid.data[1]! > 1, 'the validation rows lie above the training mean');
  assert.deepEqual(Array.from(new StandardScaler({ withMean: false, withStd: false }).fit(X).transform(X).data), Array.from(X.data));
});

estimatorChecks<StandardScaler>({
  name: 'StandardScaler', make: () => new StandardScaler({ ddof: 1 }), fit: (m, X) => { m.fit(X); },
  output: (m, X) => m.transform(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => StandardScaler.fromJSON(json),
  data: (rng) => ({ X: data(rng) }), order: { atol: 1e-12, rtol: 1e-12 },
});
