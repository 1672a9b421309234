/**
 * Logistic regression: the gradient is zero at the fit, against autodiff's
 * cross-entropy from logits (EQ-LOSSES-07 for the binary case, EQ-LOSSES-06
 * for the multinomial), gradient descent reaching the Newton/IRLS θ
 * (EQ-LAYERS-19), the decision rule p > ½ ⇔ z > 0, the binary model as
 * the two-class softmax, convexity of the loss; and the estimator contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { LogisticRegression } from '../../src/linear/index.js';
import * as losses from '../../src/losses/index.js';
import { Rng } from '../../src/random/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, property } from '../harness/index.js';
import { classification } from './support.js';

/** J(W, b) = cross-entropy from logits + (α/2)‖W‖², with its gradient, by autodiff. */
function objective(X: Tensor, y: Tensor, W: Tensor, b: Tensor, alpha: number, binary: boolean): { J: number; gW: Tensor; gb: Tensor } {
  const w = ad.variable(W), c = ad.variable(b);
  const z = ad.add(ad.matmul(ad.constant(X), w), c);
  const nll = binary ? losses.binaryCrossEntropyWithLogits(ad.reshape(z, [X.shape[0]!]), y) : losses.crossEntropyWithLogits(z, y);
  const J = ad.add(nll, ad.mul(alpha / 2, ad.sum(ad.pow(w, 2))));
  J.backward();
  return { J: J.item(), gW: w.grad, gb: c.grad };
}

const binaryData = (rng: Rng) => ({ ...classification(rng, rng.int(20, 80), rng.int(1, 5), 2), alpha: 10 ** rng.uniform(-3, -1) });
const multiData = (rng: Rng) => ({ ...classification(rng, rng.int(30, 90), rng.int(1, 4), rng.int(3, 5)), alpha: 10 ** rng.uniform(-3, -1) });

property('EQ-LOSSES-07 binary: at the Newton fit autodiff\'s gradient of BCE-from-logits + (α/2)‖w‖² is 0', binaryData, ({ X, y, alpha }) => {
  const model = new LogisticRegression({ alpha }).fit(X, y);
  assert.ok(model.converged, `${model.nIter} Newton steps`);
  const d = X.shape[1]!;
  const { gW, gb } = objective(X, y, linalg.reshape(model.coef, [d, 1]), linalg.reshape(model.intercept, [1]), alpha, true);
  assertClose(gW, linalg.zeros([d, 1]), { atol: 1e-9, rtol: 0 });
  assertClose(gb, [0], { atol: 1e-9, rtol: 0 });
});

property('EQ-LOSSES-06 multinomial: at the fit autodiff\'s gradient of the cross-entropy from logits + (α/2)‖W‖² is 0', multiData, ({ X, y, alpha }) => {
  const model = new LogisticRegression({ alpha }).fit(X, y);
  assert.ok(model.converged);
  const K = model.nClasses, d = X.shape[1]!;
  const { gW, gb } = objective(X, y, model.coef, model.intercept, alpha, false);
  assertClose(gW, linalg.zeros([d, K]), { atol: 1e-9, rtol: 0 });
  assertClose(gb, linalg.zeros([K]), { atol: 1e-9, rtol: 0 });
  const P = model.predictProba(X);
  for (let i = 0; i < X.shape[0]!; i++) assertClose(P.data.slice(i * K, i * K + K).reduce((a, p) => a + p, 0), 1, { atol: 1e-14, rtol: 0 });
}, { runs: 40 });

property('EQ-LAYERS-19 gradient descent on the cross-entropy from θ = 0 reaches the Newton/IRLS θ (1e-6)', (rng) => ({ ...classification(rng, rng.int(30, 80), rng.int(1, 4), rng.int(2, 4)), alpha: 0.01 }), ({ X, y, alpha }) => {
  const newton = new LogisticRegression({ alpha }).fit(X, y), gd = new LogisticRegression({ alpha, solver: 'gd', tol: 1e-10 }).fit(X, y);
  assert.ok(gd.converged, `${gd.nIter} steps`);
  assertClose(gd.coef, newton.coef, { atol: 1e-6, rtol: 1e-6 });
  assertClose(gd.intercept, newton.intercept, { atol: 1e-6, rtol: 1e-6 });
}, { runs: 20 });

property('EQ-LAYERS-19 p = σ(z) ∈ (0, 1), and the prediction is 1 exactly when z > 0 (p > ½)', binaryData, ({ X, y, alpha }) => {
  const model = new LogisticRegression({ alpha }).fit(X, y);
  const z = model.decisionFunction(X), P = model.predictProba(X), yhat = model.predict(X);
  for (let i = 0; i < X.shape[0]!; i++) {
    const p = P.data[2 * i + 1]!;
    assert.ok(p > 0 && p < 1);
    assertClose(p, 1 / (1 + Math.exp(-z.data[i]!)), { atol: 1e-15, rtol: 1e-14 });
    assert.equal(yhat.data[i], z.data[i]! > 0 ? 1 : 0);
  }
});

property('two classes as a softmax with penalty α equal the sigmoid model with α/2 (Θ = (−θ/2, θ/2))', binaryData, ({ X, y, alpha }) => {
  const soft = new LogisticRegression({ alpha, multiClass: 'multinomial' }).fit(X, y), sig = new LogisticRegression({ alpha: alpha / 2 }).fit(X, y);
  assertClose(soft.predictProba(X), sig.predictProba(X), { atol: 1e-9, rtol: 1e-8 });
  const d = X.shape[1]!;
  assertClose(Array.from({ length: d }, (_, j) => soft.coef.data[2 * j + 1]! - soft.coef.data[2 * j]!), sig.coef, { atol: 1e-8, rtol: 1e-8 });
});

property('EQ-LOSSES-07 the loss is convex: J at the midpoint of two parameter vectors is at most the mean of the ends', (rng) => ({ ...classification(rng, 30, 3, 2), a: linalg.randn([3, 1], rng, 0, 3), b: linalg.randn([3, 1], rng, 0, 3) }), ({ X, y, a, b }) => {
  const J = (w: Tensor) => objective(X, y, w, linalg.zeros([1]), 0, true).J;
  assert.ok(J(linalg.scale(linalg.add(a, b), 0.5)) <= (J(a) + J(b)) / 2 + 1e-12);
});

test('a single class is refused; separable data with α > 0 still has a finite fit', () => {
  const X = linalg.randn([10, 2], new Rng(1));
  assert.throws(() => new LogisticRegression().fit(X, linalg.zeros([10])), ValueError);
  const y = linalg.tensor(Array.from({ length: 10 }, (_, i) => (X.data[2 * i]! > 0 ? 1 : 0)), [10]);
  const model = new LogisticRegression({ alpha: 1e-3 }).fit(X, y);
  assert.ok(model.converged && model.coef.data.every(Number.isFinite));
  assert.equal(model.score(X, y), 1);
});

estimatorChecks<LogisticRegression>({
  name: 'LogisticRegression (binary, Newton)', make: () => new LogisticRegression({ alpha: 0.01 }), fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predictProba(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => LogisticRegression.fromJSON(json),
  data: (rng) => classification(rng, 30, 3, 2), order: { atol: 1e-9, rtol: 1e-8 },
});
estimatorChecks<LogisticRegression>({
  name: 'LogisticRegression (multinomial, gradient descent)', make: () => new LogisticRegression({ alpha: 0.01, solver: 'gd', maxIter: 300 }),
  fit: (m, X, y) => { m.fit(X, y!); }, output: (m, X) => m.predictProba(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => LogisticRegression.fromJSON(json),
  data: (rng) => classification(rng, 30, 3, 3), order: { atol: 1e-9, rtol: 1e-8 },
});
