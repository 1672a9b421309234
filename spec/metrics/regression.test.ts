/**
 * The regression metrics against their definitions and against the losses
 * of the same name: MAE (EQ-METRICS-01) and MSE (EQ-METRICS-02) with their
 * invariances, RMSE, and R² against 1 − MSE/Var_pop(y).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import * as losses from '../../src/losses/index.js';
import { mae, mse, r2, rmse } from '../../src/metrics/index.js';
import type { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { vec } from './support.js';

/** Targets and predictions of one random shape, [n] or n×k. */
function pair(rng: Rng): { y: Tensor; p: Tensor } {
  const shape = rng.next() < 0.5 ? [rng.int(1, 30)] : [rng.int(1, 12), rng.int(1, 4)];
  return { y: linalg.randn(shape, rng, rng.normal(), 3), p: linalg.randn(shape, rng, 0, 10 ** rng.int(-2, 2)) };
}

const shift = (t: Tensor, c: number): Tensor => linalg.add(t, c);

property('EQ-METRICS-01 mae equals the mae loss, is ≥ 0 and symmetric, unchanged by one shift of y and ŷ, and ≤ rmse', pair, ({ y, p }) => {
  const value = mae(y, p);
  assert.equal(value, losses.mae(ad.constant(p), y).item(), 'the loss EQ-LOSSES-04 gives the same value');
  assert.ok(value >= 0);
  assert.equal(mae(p, y), value);
  assertClose(mae(shift(y, 7.5), shift(p, 7.5)), value, { atol: 1e-12, rtol: 1e-12 });
  assert.ok(value <= rmse(y, p) * (1 + 1e-15), 'MAE ≤ RMSE (Cauchy–Schwarz)');
});

property('EQ-METRICS-02 mse equals the mse loss, MSE = mean(r)² + var_pop(r), and scaling by c scales it by c²', pair, ({ y, p }) => {
  const value = mse(y, p);
  assertClose(value, losses.mse(ad.constant(p), y).item(), { atol: 0, rtol: 1e-15 }, 'the loss EQ-LOSSES-02');
  const r = linalg.sub(y, p).data, n = r.length;
  const mean = r.reduce((a, b) => a + b, 0) / n;
  const varPop = r.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  assertClose(value, mean * mean + varPop, { atol: 1e-12, rtol: 1e-12 });
  const c = -3.25;
  assertClose(mse(linalg.scale(y, c), linalg.scale(p, c)), c * c * value, { atol: 0, rtol: 1e-14 });
  assert.equal(rmse(y, p), Math.sqrt(value));
});

property('r2 = 1 − SS_res/SS_tot per column, = 1 − MSE/Var_pop(y) for a vector, 1 at ŷ = y and 0 at ŷ = ȳ', pair, ({ y, p }) => {
  const [n = 0, k = 1] = y.shape;
  let expected = 0;
  for (let j = 0; j < k; j++) {
    const col = (t: Tensor) => Array.from({ length: n }, (_, i) => t.data[i * k + j]!);
    const yc = col(y), pc = col(p), mean = yc.reduce((a, b) => a + b, 0) / n;
    const ssTot = yc.reduce((a, b) => a + (b - mean) ** 2, 0), ssRes = yc.reduce((a, b, i) => a + (b - pc[i]!) ** 2, 0);
    expected += (ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot) / k;
  }
  assertClose(r2(y, p), expected, { atol: 1e-12, rtol: 1e-9 });
  if (n > 1 && k === 1) {
    const varPop = linalg.sum(linalg.square(linalg.sub(y, linalg.mean(y)))) / n;
    assertClose(r2(y, p), 1 - mse(y, p) / varPop, { atol: 1e-12, rtol: 1e-9 });
    assertClose(r2(y, linalg.full(y.shape, linalg.mean(y))), 0, { atol: 1e-14, rtol: 0 });
  }
  assert.equal(r2(y, linalg.clone(y)), 1);
});

test('hand-worked: y = (3, −0.5, 2, 7), ŷ = (2.5, 0, 2, 8): MAE 0.5, MSE 0.375, R² = 1 − 1.5/29.1875', () => {
  const y = vec([3, -0.5, 2, 7]), p = vec([2.5, 0, 2, 8]);
  assert.equal(mae(y, p), 0.5);
  assert.equal(mse(y, p), 0.375);
  assertClose(r2(y, p), 1 - 1.5 / 29.1875, { atol: 0, rtol: 1e-15 });
});

test('r2 of a constant target: 1 when predicted exactly, 0 otherwise (never NaN); one sample likewise', () => {
  const y = vec([0.1, 0.1, 0.1]);
  assert.equal(r2(y, vec([0.1, 0.1, 0.1])), 1);
  assert.equal(r2(y, vec([0.1, 0.2, 0.1])), 0);
  assert.equal(r2(vec([5]), vec([5])), 1);
  assert.equal(r2(vec([5]), vec([4])), 0);
});
