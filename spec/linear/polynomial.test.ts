/**
 * Polynomial features and regression: the graded order of the terms and
 * their count, the Legendre recurrence against the closed forms, and model
 * capacity — training error against degree, interpolation, the U-shaped
 * test error (EQ-METRICS-08) and the bias–variance decomposition
 * (EQ-METRICS-09); and the estimator contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { PolynomialRegression, polynomialFeatures } from '../../src/linear/index.js';
import { Rng } from '../../src/random/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, property } from '../harness/index.js';
import { meanSquare } from './support.js';

test('the terms come in graded order (1, x₁, x₂, x₁², x₁x₂, x₂², …) and number C(d + degree, degree)', () => {
  const X = linalg.tensor([2, 3], [1, 2]);
  assert.deepEqual(Array.from(polynomialFeatures(X, { degree: 3 }).data), [1, 2, 3, 4, 6, 9, 8, 12, 18, 27]);
  assert.deepEqual(Array.from(polynomialFeatures(X, { degree: 2, includeBias: false }).data), [2, 3, 4, 6, 9]);
  const binomial = (a: number, b: number): number => (b === 0 ? 1 : (binomial(a - 1, b - 1) * a) / b);
  for (const [d, degree] of [[1, 5], [3, 4], [5, 2], [4, 0]] as const) {
    assert.equal(polynomialFeatures(linalg.ones([1, d]), { degree }).shape[1], binomial(d + degree, degree));
  }
});

property('the Legendre factors follow P₂ = (3x² − 1)/2, P₃ = (5x³ − 3x)/2, P₄ = (35x⁴ − 30x² + 3)/8, and products across variables', (rng) => ({ x: rng.uniform(-1, 1), t: rng.uniform(-1, 1) }), ({ x, t }) => {
  const one = polynomialFeatures(linalg.tensor([x], [1, 1]), { degree: 4, basis: 'legendre' }).data;
  assertClose(one, [1, x, (3 * x * x - 1) / 2, (5 * x ** 3 - 3 * x) / 2, (35 * x ** 4 - 30 * x * x + 3) / 8], { atol: 1e-15, rtol: 1e-14 });
  const two = polynomialFeatures(linalg.tensor([x, t], [1, 2]), { degree: 2, basis: 'legendre' }).data;
  assertClose(two, [1, x, t, (3 * x * x - 1) / 2, x * t, (3 * t * t - 1) / 2], { atol: 1e-15, rtol: 1e-14 });
});

/** y = sin(2πx) + N(0, 0.1²) at n points x ~ U[0, 1]; the features use t = 2x − 1 ∈ [−1, 1]. */
function sine(rng: Rng, n: number): { X: Tensor; y: Tensor } {
  const x = Array.from({ length: n }, () => rng.uniform(0, 1));
  return { X: linalg.tensor(x.map((v) => 2 * v - 1), [n, 1]), y: linalg.tensor(x.map((v) => Math.sin(2 * Math.PI * v) + rng.normal(0, 0.1)), [n]) };
}

const variance = (y: Tensor): number => meanSquare(y, linalg.full(y.shape, linalg.mean(y)));
const fitted = (degree: number, X: Tensor, y: Tensor) => new PolynomialRegression({ degree, basis: 'legendre' }).fit(X, y);

property('EQ-METRICS-08 training MSE does not increase with the degree 0 … n−1 (Legendre basis, QR), and degree n − 1 interpolates', (rng) => sine(rng, 15), ({ X, y }) => {
  const v = variance(y);
  let previous = Infinity;
  for (let degree = 0; degree < 15; degree++) {
    const mse = meanSquare(y, fitted(degree, X, y).predict(X));
    assert.ok(mse <= previous + 1e-9 * v, `degree ${degree}: ${mse} after ${previous}`);
    previous = mse;
  }
  assert.ok(previous <= 1e-12 * v, `degree 14 leaves ${previous / v}·Var(y)`);
}, { runs: 30 });

test('EQ-METRICS-08 the test error is U-shaped: degree 3 beats degree 1 and degree 14; more data helps degree 9', () => {
  const train = sine(new Rng(8), 15), testSet = sine(new Rng(9), 1000);
  const testMse = (degree: number, data = train) => meanSquare(testSet.y, fitted(degree, data.X, data.y).predict(testSet.X));
  const [one, three, fourteen] = [testMse(1), testMse(3), testMse(14)];
  // Measured: test MSE 0.2537 (degree 1), 0.02268 (degree 3), 1.8e7 (degree 14, the interpolant swings between the points).
  assert.ok(three < one && three < fourteen, `test MSE: degree 1 ${one}, 3 ${three}, 14 ${fourteen}`);
  const nine = testMse(9), nineMore = testMse(9, sine(new Rng(10), 150));
  // Measured: degree 9 has test MSE 0.02532 from 15 points and 0.01005 from 150.
  assert.ok(nineMore < nine, `degree 9: n = 15 gives ${nine}, n = 150 gives ${nineMore}`);
});

/** ŷ_r at the grid of R fits of `degree`, each on the same 25 inputs with fresh noise (a fixed design). */
function ensemble(degree: number, R: number, seed: number, grid: Tensor): Float64Array[] {
  const rng = new Rng(seed), { X } = sine(rng, 25);
  return Array.from({ length: R }, () => {
    const y = linalg.tensor(Array.from(X.data, (t) => Math.sin(Math.PI * (t + 1)) + rng.normal(0, 0.1)), [25]);
    return fitted(degree, X, y).predict(grid).data;
  });
}

test('EQ-METRICS-09 mean_r(ŷ_r − f)² = (mean_r ŷ_r − f)² + var_r(ŷ_r) at every point; over resampled noise, bias² falls and variance rises with the degree', () => {
  const m = 50, grid = linalg.tensor(Array.from({ length: m }, (_, i) => -1 + (2 * (i + 0.5)) / m), [m, 1]);
  const f = Array.from(grid.data, (t) => Math.sin(Math.PI * (t + 1))); // sin(2πx) at x = (t + 1)/2
  const results = [1, 3, 9].map((degree) => {
    const preds = ensemble(degree, 60, 21, grid);
    let bias2 = 0, variance2 = 0;
    for (let i = 0; i < m; i++) {
      const values = preds.map((p) => p[i]!), mean = values.reduce((a, v) => a + v, 0) / values.length;
      const mse = values.reduce((a, v) => a + (v - f[i]!) ** 2, 0) / values.length;
      const b2 = (mean - f[i]!) ** 2, varPop = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
      assertClose(mse, b2 + varPop, { atol: 1e-15, rtol: 1e-12 }, `degree ${degree}, point ${i}`);
      bias2 += b2 / m;
      variance2 += varPop / m;
    }
    return { degree, bias2, variance: variance2 };
  });
  // Measured: bias² 0.2006, 0.005734, 0.0001315 and variance 0.0007394, 0.001359, 0.005412 for degrees 1, 3, 9.
  for (let t = 1; t < results.length; t++) {
    assert.ok(results[t]!.bias2 < results[t - 1]!.bias2, `bias² ${JSON.stringify(results)}`);
    assert.ok(results[t]!.variance > results[t - 1]!.variance, `variance ${JSON.stringify(results)}`);
  }
});

estimatorChecks<PolynomialRegression>({
  name: 'PolynomialRegression', make: () => new PolynomialRegression({ degree: 3, basis: 'legendre', alpha: 1e-3 }), fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predict(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => PolynomialRegression.fromJSON(json),
  data: (rng) => {
    const X = linalg.rand([25, 2], rng, -1, 1);
    return { X, y: linalg.add(linalg.sum(linalg.square(X), { axis: 1 }), linalg.randn([25], rng, 0, 0.1)) };
  },
  order: { atol: 1e-9, rtol: 1e-8 },
});
