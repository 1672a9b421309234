/**
 * Tour section: clustering and PCA (EQ-UNSUPERVISED-01 … 10, EQ-DATA-05 …
 * 07) — k-means step by step on seeded blobs with the inertia falling, its
 * failure on long parallel clusters, PCA by both routes with the explained
 * variance, decorrelated components and the least reconstruction error,
 * standardisation, and splits and folds.
 */
import { add, matmul, matmulTransA, maxAbs, randn, sub, tensor } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { adjustedRandIndex } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/index.js';
import { kFold, trainValTestSplit } from '../../src/train/index.js';
import { KMeans, PCA, StandardScaler, assignClusters, inertia, kmeansPlusPlus, updateCentroids } from '../../src/unsupervised/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
const sci = (x: number): string => x.toExponential(1);

/** n points around k centres (spread 1), with each point's blob. */
function blobs(rng: Rng, n: number, d: number, k: number, sep: number): { X: Tensor; y: Tensor } {
  const centres = randn([k, d], rng, 0, sep), X = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    for (let j = 0; j < d; j++) X[i * d + j] = centres.data[(i % k) * d + j]! + rng.normal();
  }
  return { X: { shape: [n, d], data: X }, y: { shape: [n], data: y } };
}

export function tour(): void {
  const kmeans = { read: 'src/unsupervised/kmeans.ts', spec: 'spec/unsupervised/kmeans.test.ts' };
  const steps = { read: 'src/unsupervised/kmeans-steps.ts', spec: 'spec/unsupervised/kmeans.test.ts' };
  const { X, y } = blobs(new Rng(3), 300, 2, 3, 4);
  const C0 = kmeansPlusPlus(X, 3, new Rng(1));
  result('EQ-UNSUPERVISED-02', `k-means++ picks 3 distinct data points as centroids: ${Array.from(C0.data, fmt).join(', ')}`,
    { read: 'src/unsupervised/kmeans-init.ts', spec: 'spec/unsupervised/kmeans.test.ts' });
  let C = C0, z = assignClusters(X, C);
  const J = [inertia(X, C, z)];
  for (let t = 0; t < 4; t++) {
    C = updateCentroids(X, z, C).centroids;
    J.push(inertia(X, C, z));
    z = assignClusters(X, C);
    J.push(inertia(X, C, z));
  }
  result('EQ-UNSUPERVISED-03', 'assignment z ← argmin_j ‖x − μ_j‖² (one GEMM for all distances), update μ_j ← mean of its points:', steps);
  result('EQ-UNSUPERVISED-05', [`inertia after each step: ${J.map(fmt).join(' → ')} (never up)`,
    `adjusted Rand index against the true blobs: ${fmt(adjustedRandIndex(z, y))}`], kmeans);

  const rng = new Rng(6), n = 500, long = new Float64Array(4 * n), truth = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    truth[i] = i < n ? 0 : 1;
    long[2 * i] = rng.normal(0, 10);
    long[2 * i + 1] = rng.normal(i < n ? -1.5 : 1.5, 0.5);
  }
  const L: Tensor = { shape: [2 * n, 2], data: long };
  const km = new KMeans({ k: 2, nInit: 10, rng: 1 }).fit(L);
  result('EQ-UNSUPERVISED-06', [`two long parallel clusters (σx = 10, σy = 0.5): k-means cuts across them,`,
    `adjusted Rand index ${fmt(adjustedRandIndex(km.labels, { shape: [2 * n], data: truth }))}, with inertia ${sci(km.inertia)} below the true partition's`], kmeans);

  const pcaFiles = { read: 'src/unsupervised/pca.ts', spec: 'spec/unsupervised/pca.test.ts' };
  const mix = tensor([3, 1, 0.5, 0, 1, 0.3, 0, 0, 0.2], [3, 3]);
  const D = add(matmul(randn([200, 3], new Rng(8)), mix), tensor([5, -2, 1], [3]));
  const eig = new PCA({ nComponents: 2 }).fit(D), viaSvd = new PCA({ nComponents: 2, solver: 'svd' }).fit(D);
  result('EQ-UNSUPERVISED-08', [`explained variance ${Array.from(eig.explainedVariance.data, fmt).join(', ')} (ratio ${Array.from(eig.explainedVarianceRatio.data, fmt).join(', ')})`,
    `eigen route vs SVD route: max |W_eig − W_svd| = ${sci(maxAbs(sub(eig.components, viaSvd.components)))}`], pcaFiles);
  const Z = eig.transform(D), ZtZ = matmulTransA(Z, Z);
  result('EQ-UNSUPERVISED-10', `ZᵀZ = diag(${fmt(ZtZ.data[0]!)}, ${fmt(ZtZ.data[3]!)}), off-diagonal ${sci(ZtZ.data[1]!)}: the components are uncorrelated`, pcaFiles);
  const error = (k: number): number => {
    const p = new PCA({ nComponents: k }).fit(D);
    return sub(D, p.inverseTransform(p.transform(D))).data.reduce((a, v) => a + v * v, 0);
  };
  const sigma = new PCA().fit(D).singularValues.data;
  result('EQ-UNSUPERVISED-09', `reconstruction error with k = 1, 2, 3: ${[1, 2, 3].map((k) => fmt(error(k))).join(', ')}; Eckart–Young: Σ_{j>1} σ_j² = ${fmt(sigma[1]! ** 2 + sigma[2]! ** 2)}, σ₃² = ${fmt(sigma[2]! ** 2)}`, pcaFiles);
  const scaled = new StandardScaler({ ddof: 1 }).fitTransform(D), K = matmulTransA(scaled, scaled);
  result('EQ-DATA-07', `standardised: XᵀX/(m − 1) has diagonal ${[0, 4, 8].map((i) => fmt(K.data[i]! / 199)).join(', ')}`,
    { read: 'src/unsupervised/standard-scaler.ts', spec: 'spec/unsupervised/standard-scaler.test.ts' });
  const std = new PCA({ standardize: true }).fit(D), stdScaled = new PCA({ standardize: true }).fit(matmul(D, tensor([100, 0, 0, 0, 1, 0, 0, 0, 0.01], [3, 3])));
  result('EQ-UNSUPERVISED-07', `with standardisation, rescaling features by 100, 1, 0.01 leaves the variances ${Array.from(std.explainedVariance.data, fmt).join(', ')} → ${Array.from(stdScaled.explainedVariance.data, fmt).join(', ')}`, pcaFiles);

  const split = trainValTestSplit(50, [0.7, 0.15, 0.15], { rng: new Rng(4) });
  result('EQ-DATA-05', `50 samples at 0.7/0.15/0.15: ${split.train.length}, ${split.validation.length}, ${split.test.length} (disjoint, shuffled)`,
    { read: 'src/train/split.ts', spec: 'spec/train/split.test.ts' });
  const folds = kFold(10, 3, { rng: new Rng(4) });
  result('EQ-DATA-06', `3 folds of 10 samples validate on ${folds.map((f) => `{${Array.from(f.validation).join(', ')}}`).join(', ')}`,
    { read: 'src/train/cross-validate.ts', spec: 'spec/train/cross-validate.test.ts' });
}

export const chapter = defineChapter({
  name: 'unsupervised',
  order: 90,
  title: 'Unsupervised learning: k-means, PCA, standardisation; splits and folds',
  run: tour,
});
