/**
 * The regression losses against their definitions written out by loops and
 * against linalg's norms: the sum of squared errors (EQ-LOSSES-01), the
 * MSE (02), the unsquared L2 loss (03) and the MAE (04), with their
 * minimisers over constant predictions and their gradients.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';
import { l2Loss, mae, mse, sse } from '../../src/losses/index.js';
import { assertClose, property } from '../harness/index.js';
import { seeds, withRng } from '../layers/support.js';

/** A prediction and a target of the same random shape ([n] or [n, k]). */
function pair(rng: Rng): { p: Tensor; y: Tensor; n: number } {
  const shape = rng.next() < 0.5 ? [rng.int(1, 12)] : [rng.int(1, 6), rng.int(1, 4)];
  const p = linalg.randn(shape, rng, 0, 10 ** rng.int(-2, 3)), y = linalg.randn(shape, rng);
  return { p, y, n: p.data.length };
}

const value = (loss: ad.Var): number => loss.item();
const at = (t: Tensor): ad.Var => ad.constant(t);
const constantPrediction = (y: Tensor, c: number): Tensor => linalg.full(y.shape, c);
/** ∂L/∂ŷ by backward. */
function gradient(loss: (p: ad.Var) => ad.Var, p: Tensor): Tensor {
  const v = ad.variable(linalg.clone(p));
  loss(v).backward();
  return v.grad;
}

property('EQ-LOSSES-02 mse equals the mean of per-example squared errors and (1/n)‖y − ŷ‖₂², over all entries', seeds, withRng((rng) => {
  const { p, y, n } = pair(rng);
  let s = 0;
  for (let i = 0; i < n; i++) s += (p.data[i]! - y.data[i]!) ** 2;
  assertClose(value(mse(at(p), y)), s / n, { atol: 0, rtol: 1e-12 });
  const r = linalg.norm2(linalg.reshape(linalg.sub(y, p), [n]));
  assertClose(value(mse(at(p), y)), (r * r) / n, { atol: 0, rtol: 1e-12 });
  assertClose(value(mse(at(p), y, { reduction: 'sum' })), s, { atol: 0, rtol: 1e-12 });
}), { runs: 100 });

property('EQ-LOSSES-02 mse is symmetric, ≥ 0, and 0 exactly when ŷ = y; ∂MSE/∂ŷ = (2/n)(ŷ − y)', seeds, withRng((rng) => {
  const { p, y, n } = pair(rng);
  assert.equal(value(mse(at(p), y)), value(mse(at(y), p)));
  assert.ok(value(mse(at(p), y)) > 0);
  assert.equal(value(mse(at(y), linalg.clone(y))), 0);
  assertClose(gradient((v) => mse(v, y), p), linalg.scale(linalg.sub(p, y), 2 / n), { atol: 1e-15, rtol: 1e-14 });
}), { runs: 100 });

property('EQ-LOSSES-02 over constant predictions c, argmin MSE = mean(y) and the derivative there is 0', seeds, withRng((rng) => {
  const { y, n } = pair(rng);
  const mean = linalg.sum(y) / n;
  const c = ad.variable(mean);
  mse(ad.mul(c, linalg.ones(y.shape)), y).backward();
  assertClose(c.grad.data[0]!, 0, { atol: 1e-12, rtol: 0 });
  for (let k = 0; k < 20; k++) {
    const other = mean + rng.normal();
    assert.ok(value(mse(at(constantPrediction(y, other)), y)) >= value(mse(at(constantPrediction(y, mean)), y)));
  }
}), { runs: 50 });

property('EQ-LOSSES-01 sse = n·mse; their gradients differ only by the factor n; both ≥ 0 and 0 iff f(x) = y(x)', seeds, withRng((rng) => {
  const { p, y, n } = pair(rng);
  assertClose(value(sse(at(p), y)), n * value(mse(at(p), y)), { atol: 0, rtol: 1e-12 });
  assertClose(gradient((v) => sse(v, y), p), linalg.scale(gradient((v) => mse(v, y), p), n), { atol: 0, rtol: 1e-12 });
  assert.equal(value(sse(at(y), linalg.clone(y))), 0);
  // the same argmin over constants: the mean of y
  const mean = linalg.sum(y) / n, other = mean + rng.normal();
  assert.ok(value(sse(at(constantPrediction(y, other)), y)) >= value(sse(at(constantPrediction(y, mean)), y)));
}), { runs: 100 });

property('EQ-LOSSES-03 l2Loss = ‖y − ŷ‖₂ = √(n·MSE), with the MSE\'s minimiser; gradient (ŷ − y)/‖ŷ − y‖', seeds, withRng((rng) => {
  const { p, y, n } = pair(rng);
  assertClose(value(l2Loss(at(p), y)), Math.sqrt(n * value(mse(at(p), y))), { atol: 0, rtol: 1e-12 });
  const r = value(l2Loss(at(p), y));
  assertClose(gradient((v) => l2Loss(v, y), p), linalg.scale(linalg.sub(p, y), 1 / r), { atol: 1e-15, rtol: 1e-12 });
  const mean = linalg.sum(y) / n;
  for (let k = 0; k < 20; k++) {
    const c = mean + rng.normal();
    assert.ok(value(l2Loss(at(constantPrediction(y, c)), y)) >= value(l2Loss(at(constantPrediction(y, mean)), y)));
  }
  // negative control: it differs from the MSE unless ‖y − ŷ‖ ∈ {0, √n}
  if (Math.abs(r - Math.sqrt(n)) > 1e-6) assert.notEqual(value(l2Loss(at(p), y)), value(mse(at(p), y)));
}), { runs: 100 });

test('EQ-LOSSES-03 at ŷ = y the L2 loss is 0 and its gradient is the subgradient 0, not NaN', () => {
  const y = linalg.tensor([1, -2, 3], [3]);
  const v = ad.variable(linalg.clone(y));
  const L = l2Loss(v, y);
  assert.equal(L.item(), 0);
  L.backward();
  assert.deepEqual(Array.from(v.grad.data), [0, 0, 0]);
  // ‖r‖ = √n makes it equal to the MSE: r = (1, 1, 1) for n = 3 gives √3 and 1; r = (1, 1, 1, 1) gives 2 and 1
  const r = linalg.tensor([1, 1, 1, 1], [4]);
  assert.equal(l2Loss(at(r), linalg.zeros([4])).item(), 2);
});

property('EQ-LOSSES-04 mae = (1/n)‖y − ŷ‖₁; MAE ≤ √MSE; its gradient is sign(ŷ − y)/n', seeds, withRng((rng) => {
  const { p, y, n } = pair(rng);
  const r = linalg.reshape(linalg.sub(y, p), [n]);
  assertClose(value(mae(at(p), y)), linalg.norm1(r) / n, { atol: 0, rtol: 1e-12 });
  assert.ok(value(mae(at(p), y)) <= Math.sqrt(value(mse(at(p), y))) * (1 + 1e-12));
  assertClose(gradient((v) => mae(v, y), p), linalg.map(linalg.sub(p, y), (d) => Math.sign(d) / n), { atol: 0, rtol: 1e-15 });
  assertClose(value(mae(at(p), y, { reduction: 'sum' })), linalg.norm1(r), { atol: 0, rtol: 1e-12 });
}), { runs: 100 });

/** The median of the entries (the mean of the two middle ones for even n). */
function median(t: Tensor): number {
  const s = Array.from(t.data).sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

property('EQ-LOSSES-04 the median minimises the MAE over constants; an outlier moves the mean by (10⁶ − y_max)/n and not the median', seeds, withRng((rng) => {
  const n = rng.int(3, 15);
  const y = linalg.randn([n], rng);
  const med = median(y);
  const best = value(mae(at(constantPrediction(y, med)), y));
  for (let k = 0; k < 100; k++) {
    const c = med + rng.normal(0, 2);
    assert.ok(value(mae(at(constantPrediction(y, c)), y)) >= best - 1e-15, `c = ${c}`);
  }
  const outlier = linalg.clone(y);
  const iMax = linalg.argmax(y), yMax = y.data[iMax]!;
  outlier.data[iMax] = 1e6;
  assert.equal(median(outlier), med);
  assertClose(linalg.sum(outlier) / n - linalg.sum(y) / n, (1e6 - yMax) / n, { atol: 1e-9, rtol: 1e-12 });
}), { runs: 50 });

property('gradCheck of mse, sse, mae, l2Loss in the prediction and in a target given as a Var', seeds, withRng((rng) => {
  const { p, y } = pair(rng);
  for (const [name, loss] of [['mse', mse], ['sse', sse], ['mae', mae], ['l2Loss', l2Loss]] as const) {
    const check = ad.gradCheck((a, b) => loss(a, b), [p, y]);
    assert.ok(check.ok, `${name}: ${check.message}`);
  }
  const sum = ad.gradCheck((a, b) => mse(a, b, { reduction: 'sum' }), [p, y]);
  assert.ok(sum.ok, sum.message);
}), { runs: 30 });
