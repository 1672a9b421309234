/**
 * Tour section: linear models — least squares and gradient descent to the
 * same weights, polynomial degree against training and test error, ridge
 * shrinking every weight and lasso zeroing some, and logistic regression
 * by Newton and by gradient descent.
 */
import { add, matmul, randn, tensor } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Lasso, LinearRegression, LogisticRegression, PolynomialRegression, Ridge } from '../../src/linear/index.js';
import { mse } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
const list = (t: Tensor): string => Array.from(t.data, fmt).join(', ');

/** y = sin(2πx) + N(0, 0.1²) at n points x ~ U[0, 1], the inputs given as t = 2x − 1. */
function sine(rng: Rng, n: number): { X: Tensor; y: Tensor } {
  const x = Array.from({ length: n }, () => rng.uniform(0, 1));
  return { X: tensor(x.map((v) => 2 * v - 1), [n, 1]), y: tensor(x.map((v) => Math.sin(2 * Math.PI * v) + rng.normal(0, 0.1)), [n]) };
}

export function tour(): void {
  const rng = new Rng(2);
  const X = randn([100, 3], rng), y = add(add(matmul(X, tensor([1.5, -2, 0.5], [3])), 3), randn([100], rng, 0, 0.1));
  const exact = new LinearRegression().fit(X, y), gd = new LinearRegression({ solver: 'gd', tol: 1e-12 }).fit(X, y);
  result('EQ-OPTIMIZERS-03', [`least squares (QR): w = ${list(exact.coef)}, b = ${fmt(exact.intercept.data[0]!)}`,
    `gradient descent with ∇J = (2/n)Xᵀ(Xw + b − y), ${gd.nIter} steps: w = ${list(gd.coef)}, b = ${fmt(gd.intercept.data[0]!)}`],
  { read: 'src/linear/linear-regression.ts', spec: 'spec/linear/linear-regression.test.ts' });

  const train = sine(new Rng(8), 15), testSet = sine(new Rng(9), 1000);
  const rows = [0, 1, 3, 9, 14].map((degree) => {
    const model = new PolynomialRegression({ degree, basis: 'legendre' }).fit(train.X, train.y);
    return `degree ${String(degree).padStart(2)}: train MSE ${fmt(mse(train.y, model.predict(train.X))).padEnd(10)} test MSE ${fmt(mse(testSet.y, model.predict(testSet.X)))}`;
  });
  result('EQ-METRICS-08', ['y = sin(2πx) + noise, 15 points, Legendre basis:', ...rows],
    { read: 'src/linear/polynomial.ts', spec: 'spec/linear/polynomial.test.ts' });

  const sparse = add(matmul(X, tensor([3, 0, -2], [3])), randn([100], rng, 0, 0.1));
  result('EQ-REGULARIZERS-04', `ridge (α = 50) on y = 3x₀ − 2x₂: w = ${list(new Ridge({ alpha: 50 }).fit(X, sparse).coef)} (every weight shrunk, none 0)`,
    { read: 'src/linear/ridge.ts', spec: 'spec/linear/ridge-lasso.test.ts' });
  result('EQ-REGULARIZERS-03', `lasso (α = 0.2): w = ${list(new Lasso({ alpha: 0.2 }).fit(X, sparse).coef)} (the irrelevant weight exactly 0)`,
    { read: 'src/linear/lasso.ts', spec: 'spec/linear/ridge-lasso.test.ts' });

  const labels = tensor(Array.from({ length: 100 }, (_, i) => (X.data[3 * i]! - X.data[3 * i + 1]! + rng.normal(0, 0.5) > 0 ? 1 : 0)), [100]);
  const newton = new LogisticRegression({ alpha: 0.01 }).fit(X, labels), descent = new LogisticRegression({ alpha: 0.01, solver: 'gd' }).fit(X, labels);
  result('EQ-LAYERS-19', [`p = σ(xᵀw + b): Newton/IRLS in ${newton.nIter} steps w = ${list(newton.coef)}`,
    `gradient descent in ${descent.nIter} steps w = ${list(descent.coef)}; training accuracy ${newton.score(X, labels)}`],
  { read: 'src/linear/logistic.ts', spec: 'spec/linear/logistic.test.ts' });
}

export const chapter = defineChapter({
  name: 'linear',
  order: 50,
  title: 'Linear models: least squares, polynomial degree, ridge and lasso, logistic regression',
  run: tour,
});
