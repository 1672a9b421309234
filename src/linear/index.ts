/**
 * linear — models linear in their parameters (000, "What is a linear
 * model?"; 003, "LOGISTIC REGRESSION"), each with its objective's scaling
 * in its file's header:
 *
 *   LinearRegression     (1/n)‖y − Xw − b‖²; least squares by QR (SVD when
 *                        rank-deficient) or gradient descent with the lecture's gradient
 *   PolynomialRegression, polynomialFeatures   monomial or Legendre basis, by degree
 *   Ridge                ‖y − Xw − b‖² + α‖w‖², closed form          EQ-REGULARIZERS-04
 *   Lasso                (1/(2n))‖y − Xw − b‖² + α‖w‖₁, coordinate descent  EQ-REGULARIZERS-03
 *   LogisticRegression   −(1/n)Σ ln p(yᵢ|xᵢ) + (α/2)‖W‖², binary or multinomial,
 *                        Newton/IRLS or gradient descent              EQ-LAYERS-19
 *
 * X is n×d (rows are samples); regression targets [n] or n×k; class labels
 * 0 … K−1. Estimators: fit(X, y) returns this; predict (and predictProba,
 * decisionFunction); score (R², accuracy); coef and intercept by name;
 * toJSON / Class.fromJSON bit for bit. Imports random, linalg, metrics
 * (and may import autodiff, losses, regularizers, optimizers, train).
 *
 *   const model = new Ridge({ alpha: 1 }).fit(X, y);
 *   model.score(XTest, yTest);
 */
export { LinearRegression } from './linear-regression.js';
export type { LinearRegressionOptions, LinearRegressionJSON } from './linear-regression.js';
export { PolynomialRegression, polynomialFeatures } from './polynomial.js';
export type { PolynomialOptions, PolynomialRegressionOptions, PolynomialRegressionJSON } from './polynomial.js';
export { Ridge } from './ridge.js';
export type { RidgeOptions, RidgeJSON } from './ridge.js';
export { Lasso, softThreshold } from './lasso.js';
export type { LassoOptions, LassoJSON } from './lasso.js';
export { LogisticRegression } from './logistic.js';
export type { LogisticRegressionOptions, LogisticRegressionJSON } from './logistic.js';
