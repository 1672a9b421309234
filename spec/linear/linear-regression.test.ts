/**
 * Linear regression: the least-squares solution against the normal
 * equations solved by LU, its zero gradient (EQ-AUTODIFF-08), gradient
 * descent with the lecture's gradient against the closed form
 * (EQ-OPTIMIZERS-03) with a loss that never rises (EQ-OPTIMIZERS-02), the
 * minimum-norm solution of a rank-deficient design; and the estimator contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { LinearRegression } from '../../src/linear/index.js';
import * as losses from '../../src/losses/index.js';
import { Rng } from '../../src/random/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, property } from '../harness/index.js';
import { centred, meanSquare, regression } from './support.js';

const tall = (rng: Rng) => regression(rng, rng.int(8, 60), rng.int(1, 6));

property('least squares matches the normal equations XᵀX·w = Xᵀy (solved by LU) and the intercept ȳ − x̄ᵀw', tall, ({ X, y }) => {
  const model = new LinearRegression().fit(X, y);
  const { Xc, yc } = centred(X, y);
  const w = linalg.solve(linalg.matmulTransA(Xc, Xc), linalg.matmulTransA(Xc, linalg.reshape(yc, [yc.data.length, 1])));
  assertClose(model.coef, linalg.reshape(w, [w.data.length]), { atol: 1e-9, rtol: 1e-8 });
  const xBar = linalg.mean(X, { axis: 0 });
  assertClose(model.intercept.data[0]!, linalg.mean(y) - linalg.dot(xBar, model.coef), { atol: 1e-9, rtol: 1e-9 });
  assert.deepEqual(model.intercept.shape, []);
});

property('EQ-AUTODIFF-08 at the least-squares fit the gradient (2/n)Xᵀ(Xw + b − y) vanishes, and autodiff\'s gradient of the MSE is that formula', tall, ({ X, y }) => {
  const model = new LinearRegression().fit(X, y);
  const n = X.shape[0]!;
  const w = ad.variable(linalg.reshape(model.coef, [X.shape[1]!, 1])), b = ad.variable(model.intercept.data[0]!);
  const yhat = ad.add(ad.matmul(ad.constant(X), w), b);
  losses.mse(yhat, linalg.reshape(y, [n, 1])).backward();
  const scale = linalg.maxAbs(X) * linalg.maxAbs(y) + 1;
  assertClose(w.grad, linalg.zeros(w.grad.shape), { atol: 1e-10 * scale, rtol: 0 }, '∇_w J at the fit');
  assertClose(b.grad.data[0]!, 0, { atol: 1e-10 * scale, rtol: 0 }, '∂J/∂b at the fit');
  // Away from the fit, the formula and autodiff agree.
  const w2 = ad.variable(linalg.randn([X.shape[1]!, 1], new Rng(1))), b2 = ad.variable(0.5);
  losses.mse(ad.add(ad.matmul(ad.constant(X), w2), b2), linalg.reshape(y, [n, 1])).backward();
  const r = linalg.sub(linalg.add(linalg.matmul(X, w2.value), 0.5), linalg.reshape(y, [n, 1]));
  assertClose(w2.grad, linalg.scale(linalg.matmulTransA(X, r), 2 / n), { atol: 1e-12 * scale, rtol: 1e-12 });
  assertClose(b2.grad.data[0]!, (2 / n) * linalg.sum(r), { atol: 1e-12 * scale, rtol: 1e-12 });
});

property('EQ-OPTIMIZERS-03 gradient descent with the lecture\'s gradient reaches the closed-form argmin (1e-6)', (rng) => regression(rng, rng.int(10, 50), rng.int(1, 4)), ({ X, y }) => {
  // Standardised columns keep the condition number, and so the iteration count, modest.
  const Xs = linalg.div(linalg.center(X), linalg.sqrt(linalg.mean(linalg.square(linalg.center(X)), { axis: 0 })));
  const exact = new LinearRegression().fit(Xs, y), gd = new LinearRegression({ solver: 'gd', tol: 1e-12 }).fit(Xs, y);
  assert.ok(gd.converged, `${gd.nIter} steps`);
  assertClose(gd.coef, exact.coef, { atol: 1e-6, rtol: 1e-6 });
  assertClose(gd.intercept, exact.intercept, { atol: 1e-6, rtol: 1e-6 });
}, { runs: 30 });

property('EQ-OPTIMIZERS-02 with η = 1/L the loss never increases from one gradient step to the next', (rng) => regression(rng, rng.int(5, 30), rng.int(1, 4)), ({ X, y }) => {
  let previous = Infinity;
  for (let t = 1; t <= 25; t++) {
    const J = meanSquare(y, new LinearRegression({ solver: 'gd', maxIter: t, tol: 0 }).fit(X, y).predict(X));
    assert.ok(J <= previous * (1 + 1e-12), `step ${t}: ${previous} → ${J}`);
    previous = J;
  }
}, { runs: 20 });

test('a rank-deficient design gets the minimum-norm least-squares solution (a repeated column splits its weight)', () => {
  const rng = new Rng(5), n = 30;
  const x = linalg.randn([n, 2], rng), y = linalg.add(linalg.matmul(x, linalg.tensor([2, -1], [2])), linalg.randn([n], rng, 0, 0.1));
  const X = linalg.zeros([n, 3]);
  for (let i = 0; i < n; i++) X.data.set([x.data[2 * i]!, x.data[2 * i]!, x.data[2 * i + 1]!], 3 * i); // column 0 twice
  const full = new LinearRegression().fit(X, y), base = new LinearRegression().fit(x, y);
  assert.ok(full.rankDeficient && !base.rankDeficient);
  assertClose(full.coef, [base.coef.data[0]! / 2, base.coef.data[0]! / 2, base.coef.data[1]!], { atol: 1e-10, rtol: 1e-9 });
  assertClose(full.predict(X), base.predict(x), { atol: 1e-10, rtol: 1e-10 });
});

property('a target n×k fits k regressions at once; without an intercept the fit goes through the origin', (rng) => regression(rng, rng.int(6, 30), rng.int(1, 4)), ({ X, y }) => {
  const n = X.shape[0]!, y2 = linalg.scale(linalg.add(y, 1), -2), Y = linalg.zeros([n, 2]);
  for (let i = 0; i < n; i++) Y.data.set([y.data[i]!, y2.data[i]!], 2 * i);
  const both = new LinearRegression().fit(X, Y), one = new LinearRegression().fit(X, y), two = new LinearRegression().fit(X, y2);
  assert.deepEqual(both.coef.shape, [X.shape[1], 2]);
  const column = (t: Tensor, c: number) => Array.from({ length: t.shape[0]! }, (_, j) => t.data[j * 2 + c]!);
  assertClose(column(both.coef, 0), one.coef, { atol: 1e-10, rtol: 1e-9 });
  assertClose(column(both.coef, 1), two.coef, { atol: 1e-10, rtol: 1e-9 });
  const origin = new LinearRegression({ fitIntercept: false }).fit(X, y);
  assert.equal(origin.intercept.data[0], 0);
  assertClose(origin.coef, linalg.lstsq(X, y), { atol: 1e-10, rtol: 1e-9 });
});

estimatorChecks<LinearRegression>({
  name: 'LinearRegression', make: () => new LinearRegression(), fit: (m, X, y) => { m.fit(X, y!); }, output: (m, X) => m.predict(X),
  toJSON: (m) => m.toJSON(), fromJSON: (json) => LinearRegression.fromJSON(json), data: (rng) => regression(rng, 25, 3), order: { atol: 1e-10, rtol: 1e-9 },
});
estimatorChecks<LinearRegression>({
  name: 'LinearRegression (gradient descent)', make: () => new LinearRegression({ solver: 'gd', maxIter: 200 }), fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predict(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => LinearRegression.fromJSON(json),
  data: (rng) => regression(rng, 25, 3), order: { atol: 1e-8, rtol: 1e-8 },
});
