/**
 * unsupervised — learning from X alone (001, "Clustering", "PCA"):
 *
 *   StandardScaler        x′ = (x − μ)/s per feature, fitted on training data   EQ-DATA-07
 *   KMeans                Lloyd's algorithm, k-means++ or random init, nInit   EQ-UNSUPERVISED-01 … 06
 *   assignClusters, updateCentroids, inertia, kmeansPlusPlus, randomCentroids   the steps, one by one
 *   PCA                   eigen or SVD route, explained variance, whitening    EQ-UNSUPERVISED-07 … 10
 *
 * Data X is n×d, row-major (rows are samples). Estimators have the shape
 * scikit-learn users know: `fit(X)` returns the estimator; `predict`,
 * `transform`, `inverseTransform`; fitted attributes by name (`centroids`,
 * `inertia`, `components`, `explainedVariance`, …), a NotFittedError before
 * fit; `toJSON()` and `Class.fromJSON(json)`, bit for bit. Randomness comes
 * from an `rng` option (an Rng or a seed), copied so that fitting twice gives
 * the same model. Imports `random`, `linalg` and `metrics`.
 *
 *   const km = new KMeans({ k: 3, rng: 1 }).fit(X);
 *   const Z = new PCA({ nComponents: 2 }).fitTransform(X);
 */
export { StandardScaler } from './standard-scaler.js';
export type { StandardScalerOptions, StandardScalerJSON } from './standard-scaler.js';
export { KMeans } from './kmeans.js';
export type { KMeansOptions, KMeansJSON } from './kmeans.js';
export { assignClusters, updateCentroids, inertia } from './kmeans-steps.js';
export { kmeansPlusPlus, randomCentroids } from './kmeans-init.js';
export { PCA } from './pca.js';
export type { PCAOptions, PCAJSON } from './pca.js';
