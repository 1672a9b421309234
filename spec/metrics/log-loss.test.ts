/**
 * Log loss against the cross-entropy losses on the same probabilities
 * (EQ-LOSSES-05/07 as metrics) and against its definition, with the
 * clipping rule at 0 and 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import * as losses from '../../src/losses/index.js';
import { logLoss } from '../../src/metrics/index.js';
import { assertClose, property } from '../harness/index.js';
import { labels, vec } from './support.js';

property('logLoss of n×K probability rows equals the multiclass cross-entropy loss (EQ-LOSSES-06)', (rng) => {
  const n = rng.int(1, 20), K = rng.int(2, 5);
  const logits = linalg.randn([n, K], rng, 0, 2);
  const P = linalg.map(logits, () => 0);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let c = 0; c < K; c++) z += Math.exp(logits.data[i * K + c]!);
    for (let c = 0; c < K; c++) P.data[i * K + c] = Math.exp(logits.data[i * K + c]!) / z;
  }
  return { y: labels(rng, n, K), P };
}, ({ y, P }) => {
  assertClose(logLoss(y, P), losses.crossEntropy(ad.constant(P), y).item(), { atol: 1e-14, rtol: 1e-13 });
});

property('logLoss of a vector of P(y = 1) equals the binary cross-entropy loss (EQ-LOSSES-07) and the two-column form', (rng) => {
  const n = rng.int(1, 20);
  return { y: labels(rng, n, 2), p: linalg.rand([n], rng, 0.01, 0.99) };
}, ({ y, p }) => {
  const value = logLoss(y, p);
  assertClose(value, losses.binaryCrossEntropy(ad.constant(p), y).item(), { atol: 1e-14, rtol: 1e-13 });
  const n = p.data.length, rows = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) { rows[2 * i] = 1 - p.data[i]!; rows[2 * i + 1] = p.data[i]!; }
  assertClose(logLoss(y, { shape: [n, 2], data: rows }), value, { atol: 1e-15, rtol: 1e-15 });
});

test('logLoss clips at ε = 1e-15: a certain wrong answer costs −ln(1e-15), eps 0 gives ∞; certain right answers cost ≈ 0', () => {
  assertClose(logLoss(vec([1]), vec([0])), -Math.log(1e-15), { atol: 0, rtol: 1e-15 });
  assert.equal(logLoss(vec([1]), vec([0]), { eps: 0 }), Infinity);
  assert.equal(logLoss(vec([1, 0]), vec([1, 0]), { eps: 0 }), 0);
  assert.equal(logLoss(vec([1]), vec([1])), -Math.log(1 - 1e-15), 'clipped at 1 − ε too');
  assertClose(logLoss(vec([0, 1]), vec([0.2, 0.7])), -(Math.log(0.8) + Math.log(0.7)) / 2, { atol: 0, rtol: 1e-15 });
});
