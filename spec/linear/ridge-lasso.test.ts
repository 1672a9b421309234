/**
 * Ridge against its closed form (EQ-REGULARIZERS-04) and the lecture's mean
 * scaling; lasso against the subgradient optimality conditions, the
 * soft-threshold solution of an orthonormal design, and its exact zeros
 * (EQ-REGULARIZERS-03); and the estimator contract of both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Lasso, LinearRegression, Ridge, softThreshold } from '../../src/linear/index.js';
import { Rng } from '../../src/random/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, gen, property } from '../harness/index.js';
import { centred, regression } from './support.js';

const norm = (t: Tensor): number => Math.sqrt(t.data.reduce((a, v) => a + v * v, 0));

property('EQ-REGULARIZERS-04 ridge equals (X_cᵀX_c + αI)⁻¹X_cᵀy_c; the mean form (1/n)‖·‖² + λ‖w‖² is α = nλ', (rng) => ({ ...regression(rng), alpha: 10 ** rng.uniform(-3, 2) }), ({ X, y, alpha }) => {
  const { Xc, yc } = centred(X, y), d = X.shape[1]!, n = X.shape[0]!;
  const closed = linalg.solve(linalg.add(linalg.matmulTransA(Xc, Xc), linalg.scale(linalg.eye(d), alpha)), linalg.matmulTransA(Xc, linalg.reshape(yc, [n, 1])));
  const model = new Ridge({ alpha }).fit(X, y);
  assertClose(model.coef, linalg.reshape(closed, [d]), { atol: 1e-9, rtol: 1e-8 });
  // The lecture's mean form, minimised by gradient steps on (1/n)‖Xc w − yc‖² + λ‖w‖² from the ridge solution: the gradient there is 0.
  const lambda = alpha / n, w = linalg.reshape(model.coef, [d, 1]);
  const grad = linalg.add(linalg.scale(linalg.matmulTransA(Xc, linalg.sub(linalg.matmul(Xc, w), linalg.reshape(yc, [n, 1]))), 2 / n), linalg.scale(w, 2 * lambda));
  assertClose(grad, linalg.zeros([d, 1]), { atol: 1e-9 * (linalg.maxAbs(X) * linalg.maxAbs(y) + 1), rtol: 0 });
});

property('EQ-REGULARIZERS-04 ‖w(α)‖ decreases strictly with α, no weight is exactly 0, and α = 0 is least squares', regression, ({ X, y }) => {
  let previous = Infinity;
  for (const alpha of [0, 0.01, 0.1, 1, 10, 100]) {
    const w = new Ridge({ alpha }).fit(X, y).coef;
    assert.ok(norm(w) < previous, `α = ${alpha}: ‖w‖ = ${norm(w)} after ${previous}`);
    assert.ok(w.data.every((v) => v !== 0));
    if (alpha === 0) assertClose(w, new LinearRegression().fit(X, y).coef, { atol: 1e-10, rtol: 1e-9 });
    previous = norm(w);
  }
});

/** (1/n)·X_cᵀ(y − Xw − b): the correlations of the residual with each column. */
function residualCorrelations(X: Tensor, y: Tensor, w: Tensor, b: number): number[] {
  const n = X.shape[0]!, d = X.shape[1]!, r = linalg.sub(linalg.sub(y, linalg.matmul(X, w)), b);
  return Array.from({ length: d }, (_, j) => Array.from({ length: n }, (__, i) => X.data[i * d + j]! * r.data[i]!).reduce((a, v) => a + v, 0) / n);
}

property('EQ-REGULARIZERS-03 the lasso solution satisfies the subgradient conditions: x_jᵀr/n = α·sign(w_j), or |x_jᵀr/n| ≤ α at w_j = 0', (rng) => {
  const data = regression(rng, rng.int(10, 60), rng.int(1, 8));
  const scale = Math.max(...residualCorrelations(data.X, linalg.sub(data.y, linalg.mean(data.y)), linalg.zeros([data.X.shape[1]!]), 0).map(Math.abs));
  return { ...data, alpha: scale * rng.uniform(0.01, 1.2) };
}, ({ X, y, alpha }) => {
  const model = new Lasso({ alpha, tol: 1e-13, maxIter: 100_000 }).fit(X, y);
  assert.ok(model.converged);
  const w = model.coef, b = model.intercept.data[0]!;
  assertClose(b, linalg.mean(y) - linalg.dot(linalg.mean(X, { axis: 0 }), w), { atol: 1e-10, rtol: 1e-10 }, 'b = ȳ − x̄ᵀw');
  residualCorrelations(X, y, w, b).forEach((c, j) => {
    const wj = w.data[j]!;
    if (wj !== 0) assertClose(c, alpha * Math.sign(wj), { atol: 1e-8 * (alpha + 1), rtol: 0 }, `active coordinate ${j}`);
    else assert.ok(Math.abs(c) <= alpha * (1 + 1e-8) + 1e-12, `inactive coordinate ${j}: |${c}| > α = ${alpha}`);
  });
}, { runs: 50 });

property('EQ-REGULARIZERS-03 on an orthonormal design (XᵀX = I) the lasso is soft thresholding, w_j = S(z_j, nα), z = Xᵀy', (rng) => {
  const n = rng.int(4, 30), d = rng.int(1, Math.min(n, 6) + 1);
  return { X: gen.orthonormalColumns(n, d, rng), y: linalg.randn([n], rng, 0, 2), alpha: rng.uniform(0, 0.2) };
}, ({ X, y, alpha }) => {
  const n = X.shape[0]!, z = linalg.matmulTransA(X, linalg.reshape(y, [n, 1])).data;
  const w = new Lasso({ alpha, fitIntercept: false }).fit(X, y).coef;
  assertClose(w, Array.from(z, (zj) => softThreshold(zj, n * alpha)), { atol: 1e-10, rtol: 1e-10 });
  // The sum form ‖y − Xw‖² + λ‖w‖₁ of the lecture, λ = 2nα: its threshold is λ/2.
  assertClose(w, Array.from(z, (zj) => Math.sign(zj) * Math.max(Math.abs(zj) - (2 * n * alpha) / 2, 0)), { atol: 1e-10, rtol: 1e-10 });
});

property('EQ-REGULARIZERS-03 the number of exact zeros does not decrease with α, and w = 0 from α = max|x_jᵀy_c|/n on', (rng) => regression(rng, rng.int(10, 40), rng.int(2, 8)), ({ X, y }) => {
  const { Xc, yc } = centred(X, y), n = X.shape[0]!;
  const top = Math.max(...Array.from(linalg.matmulTransA(Xc, linalg.reshape(yc, [n, 1])).data, Math.abs)) / n;
  let zeros = -1;
  for (const fraction of [0.001, 0.01, 0.05, 0.2, 0.5, 0.9, 1, 1.5]) {
    const w = new Lasso({ alpha: fraction * top, tol: 1e-13, maxIter: 100_000 }).fit(X, y).coef;
    const count = w.data.filter((v) => v === 0).length;
    assert.ok(count >= zeros, `α = ${fraction}·α_max: ${count} zeros after ${zeros}`);
    zeros = count;
    if (fraction >= 1) assert.equal(count, X.shape[1]);
  }
});

test('EQ-REGULARIZERS-03 ridge keeps every weight, lasso sets the irrelevant ones to exactly 0', () => {
  const rng = new Rng(9), n = 80, X = linalg.randn([n, 6], rng);
  const y = linalg.add(linalg.matmul(X, linalg.tensor([3, 0, 0, -2, 0, 0], [6])), linalg.randn([n], rng, 0, 0.1));
  const lasso = new Lasso({ alpha: 0.1 }).fit(X, y).coef, ridge = new Ridge({ alpha: 10 }).fit(X, y).coef;
  assert.deepEqual(Array.from(lasso.data, (v) => v === 0), [false, true, true, false, true, true]);
  assert.ok(ridge.data.every((v) => v !== 0));
});

estimatorChecks<Ridge>({
  name: 'Ridge', make: () => new Ridge({ alpha: 0.5 }), fit: (m, X, y) => { m.fit(X, y!); }, output: (m, X) => m.predict(X),
  toJSON: (m) => m.toJSON(), fromJSON: (json) => Ridge.fromJSON(json), data: (rng) => regression(rng, 25, 4), order: { atol: 1e-10, rtol: 1e-9 },
});
estimatorChecks<Lasso>({
  name: 'Lasso', make: () => new Lasso({ alpha: 0.2 }), fit: (m, X, y) => { m.fit(X, y!); }, output: (m, X) => m.predict(X),
  toJSON: (m) => m.toJSON(), fromJSON: (json) => Lasso.fromJSON(json), data: (rng) => regression(rng, 25, 4), order: { atol: 1e-8, rtol: 1e-8 },
});
