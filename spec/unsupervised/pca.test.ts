/**
 * PCA against independent routes: standardisation and the correlation
 * matrix (EQ-UNSUPERVISED-07), the eigen route against the SVD route and
 * against the covariance's eigenvalues (08), the Eckart–Young least
 * reconstruction error (09), decorrelated components ZᵀZ = Σ² (10), and
 * whitening; plus the shared estimator contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { PCA } from '../../src/unsupervised/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, gen, property } from '../harness/index.js';

/** n×d data with columns of clearly different spread, mixed by a random rotation, shifted off the origin. */
function data(rng: Rng, n = rng.int(3, 60), d = rng.int(1, 7)): Tensor {
  const Q = gen.orthogonal(d).generate(rng);
  const spreads = linalg.tensor(Array.from({ length: d }, (_, j) => 2 ** (d - j) * (1 + 0.3 * rng.next())), [d]);
  return linalg.add(linalg.matmul(linalg.mul(linalg.randn([n, d], rng), spreads), Q), linalg.randn([d], rng, 0, 5));
}

const sample = (rng: Rng) => {
  const X = data(rng);
  return { X, k: rng.int(1, Math.min(...X.shape) + 1) };
};

/** W_k: d×k, the transpose of `components`. */
const W = (pca: PCA): Tensor => linalg.transpose(pca.components);
const centred = (X: Tensor): Tensor => linalg.center(X);
/** ‖A‖²_F. */
const frob2 = (A: Tensor): number => linalg.frobenius(A) ** 2;

property('EQ-UNSUPERVISED-08 variances descend and equal the top-k eigenvalues of cov(X); WᵀW = I_k; Z is m×k', sample, ({ X, k }) => {
  for (const solver of ['eigen', 'svd'] as const) {
    const pca = new PCA({ nComponents: k, solver }).fit(X);
    const lambda = pca.explainedVariance.data;
    for (let j = 1; j < k; j++) assert.ok(lambda[j]! <= lambda[j - 1]!, 'descending');
    const scale = lambda[0]!;
    assertClose(lambda, linalg.eigSym(linalg.cov(X)).values.data.slice(0, k), { atol: 1e-10 * scale, rtol: 1e-10 }, `${solver}: λ = eig(cov X)`);
    assertClose(linalg.matmul(pca.components, W(pca)), linalg.eye(k), { atol: 1e-12, rtol: 0 }, 'WᵀW = I');
    const d = X.shape[1]!;
    for (let c = 0; c < k; c++) {
      const axis = Array.from(pca.components.data.subarray(c * d, c * d + d));
      const big = axis.reduce((b, w, j) => (Math.abs(w) > Math.abs(axis[b]!) ? j : b), 0);
      assert.ok(axis[big]! > 0, `component ${c}: its largest entry is positive (the sign convention)`);
    }
    assert.deepEqual(pca.transform(X).shape, [X.shape[0], k]);
    assertClose(pca.transform(X), linalg.matmul(centred(X), W(pca)), { atol: 1e-10, rtol: 1e-10 }, 'Z = (X − μ)W');
  }
});

property('EQ-UNSUPERVISED-08 the eigen and SVD routes give the same W (|W_eigᵀW_svd| = I) and the same Z, signs included', sample, ({ X, k }) => {
  const e = new PCA({ nComponents: k, solver: 'eigen' }).fit(X), s = new PCA({ nComponents: k, solver: 'svd' }).fit(X);
  const cross = linalg.abs(linalg.matmul(e.components, W(s)));
  assertClose(cross, linalg.eye(k), { atol: 1e-8, rtol: 0 }, '|W_eigᵀ W_svd| = I');
  assertClose(e.components, s.components, { atol: 1e-8, rtol: 0 }, 'the sign convention makes the routes agree');
  const scale = Math.sqrt(e.explainedVariance.data[0]!);
  assertClose(e.transform(X), s.transform(X), { atol: 1e-8 * scale, rtol: 0 });
  assertClose(e.explainedVarianceRatio, s.explainedVarianceRatio, { atol: 1e-12, rtol: 1e-9 });
  assertClose(e.singularValues, linalg.svd(centred(X)).S.data.slice(0, k), { atol: 1e-9 * scale, rtol: 1e-9 });
});

property('EQ-UNSUPERVISED-08 with k = d the transform is an isometry of the centred data (row norms kept)', (rng) => data(rng, rng.int(8, 40), rng.int(1, 6)), (X) => {
  const pca = new PCA().fit(X);
  assert.equal(pca.nComponents, X.shape[1]);
  const Z = pca.transform(X), Xc = centred(X), d = X.shape[1]!;
  for (let i = 0; i < X.shape[0]!; i++) {
    const norm = (T: Tensor) => Math.hypot(...Array.from(T.data.subarray(i * d, i * d + d)));
    assertClose(norm(Z), norm(Xc), { atol: 1e-10, rtol: 1e-10 }, `row ${i}`);
  }
  assertClose(pca.explainedVarianceRatio.data.reduce((a, b) => a + b, 0), 1, { atol: 1e-12, rtol: 0 });
});

property('EQ-UNSUPERVISED-09 the reconstruction error is Σ_{j>k} σ_j², and no random orthonormal rank-k basis does better', sample, ({ X, k }) => {
  const pca = new PCA({ nComponents: k, solver: 'svd' }).fit(X);
  const sigma = linalg.svd(centred(X)).S.data;
  const tail = sigma.slice(k).reduce((a, s) => a + s * s, 0), total = sigma.reduce((a, s) => a + s * s, 0);
  const error = frob2(linalg.sub(X, pca.inverseTransform(pca.transform(X))));
  assertClose(error, tail, { atol: 1e-12 * total, rtol: 1e-8 });
  const Xc = centred(X), d = X.shape[1]!, rng = new Rng(k);
  for (let t = 0; t < 200; t++) {
    const Q = gen.orthonormalColumns(d, k, rng);
    const projected = linalg.matmul(linalg.matmul(Xc, Q), linalg.transpose(Q));
    assert.ok(frob2(linalg.sub(Xc, projected)) >= error * (1 - 1e-9) - 1e-12 * total, `basis ${t} beat PCA`);
  }
}, { runs: 30 });

property('EQ-UNSUPERVISED-09 the error does not increase with k and is 0 at k = rank', (rng) => {
  const n = rng.int(6, 30), d = rng.int(2, 6), r = rng.int(1, d + 1);
  return linalg.add(linalg.matmul(linalg.randn([n, r], rng), linalg.randn([r, d], rng)), linalg.randn([d], rng)) as Tensor & { rank?: number };
}, (X) => {
  const d = X.shape[1]!, r = Math.min(d, X.shape[0]!);
  let previous = Infinity;
  const errors: number[] = [];
  for (let k = 1; k <= r; k++) {
    const pca = new PCA({ nComponents: k, solver: 'svd' }).fit(X);
    const e = frob2(linalg.sub(X, pca.inverseTransform(pca.transform(X))));
    assert.ok(e <= previous * (1 + 1e-12) + 1e-20);
    errors.push(e);
    previous = e;
  }
  const scale = frob2(centred(X));
  const rank = linalg.svd(centred(X)).S.data.filter((s) => s > 1e-9 * Math.sqrt(scale)).length;
  assert.ok(errors[rank - 1]! <= 1e-20 + 1e-18 * scale, `error at k = rank ${rank}: ${errors[rank - 1]}`);
});

property('EQ-UNSUPERVISED-10 ZᵀZ = diag(σ₁², …, σ_k²) on the centred training data; cov(Z) has a descending diagonal', sample, ({ X, k }) => {
  const pca = new PCA({ nComponents: k }).fit(X);
  const Z = pca.transform(X), ZtZ = linalg.matmulTransA(Z, Z);
  const sigma2 = pca.singularValues.data.map((s) => s * s), top = sigma2[0]!;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (a === b) assertClose(ZtZ.data[a * k + b]!, sigma2[a]!, { atol: 1e-12 * top, rtol: 1e-9 });
      else assert.ok(Math.abs(ZtZ.data[a * k + b]!) <= 1e-10 * top, `off-diagonal (${a}, ${b}) = ${ZtZ.data[a * k + b]}`);
    }
  }
  const C = linalg.cov(Z);
  for (let j = 1; j < k; j++) assert.ok(C.data[j * k + j]! <= C.data[(j - 1) * k + j - 1]! * (1 + 1e-12));
  assertClose(linalg.div(linalg.sum(linalg.square(Z), { axis: 0 }), X.shape[0]! - 1), pca.explainedVariance, { atol: 1e-12 * top, rtol: 1e-9 });
});

property('EQ-UNSUPERVISED-10 with k = d, W is orthogonal with det W = ±1 (a rotation, possibly with a reflection)', (rng) => data(rng, rng.int(8, 30)), (X) => {
  const w = W(new PCA().fit(X));
  assertClose(Math.abs(linalg.det(w)), 1, { atol: 1e-12, rtol: 0 });
  assertClose(linalg.matmulTransA(w, w), linalg.eye(X.shape[1]!), { atol: 1e-12, rtol: 0 });
});

property('EQ-UNSUPERVISED-07 standardised PCA is the eigendecomposition of the correlation matrix, and ignores a positive rescaling of features', (rng) => {
  const X = data(rng, rng.int(5, 40), rng.int(2, 6));
  return { X, c: linalg.tensor(Array.from({ length: X.shape[1]! }, () => 10 ** rng.uniform(-2, 2)), [X.shape[1]!]) };
}, ({ X, c }) => {
  const d = X.shape[1]!, K = linalg.cov(X), R = linalg.zeros([d, d]);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) R.data[a * d + b] = K.data[a * d + b]! / Math.sqrt(K.data[a * d + a]! * K.data[b * d + b]!);
  const { values, vectors } = linalg.eigSym(R);
  const pca = new PCA({ standardize: true }).fit(X);
  assertClose(pca.explainedVariance, values, { atol: 1e-10, rtol: 1e-10 }, 'eigenvalues of the correlation matrix');
  assertClose(linalg.abs(linalg.matmul(pca.components, vectors)), linalg.eye(d), { atol: 1e-8, rtol: 0 }, 'its eigenvectors');
  const rescaled = linalg.mul(X, c);
  const other = new PCA({ standardize: true }).fit(rescaled);
  // Up to the sign of each component: the eigenvectors of a 2×2 correlation matrix are (1, ±1)/√2,
  // whose entries tie in magnitude, so the sign convention is decided by rounding there.
  const signs = linalg.tensor(Array.from({ length: d }, (_, j) => Math.sign(linalg.dot(
    linalg.tensor(other.components.data.slice(j * d, j * d + d), [d]), linalg.tensor(pca.components.data.slice(j * d, j * d + d), [d])))), [d]);
  assertClose(linalg.mul(other.components, linalg.reshape(signs, [d, 1])), pca.components, { atol: 1e-10, rtol: 0 });
  assertClose(linalg.mul(other.transform(rescaled), signs), pca.transform(X), { atol: 1e-10, rtol: 1e-10 });
  assertClose(other.explainedVariance, pca.explainedVariance, { atol: 1e-10, rtol: 1e-10 });
  // Negative control: without standardisation the rescaling changes the variances.
  const plain = new PCA().fit(X), plainRescaled = new PCA().fit(rescaled);
  assert.ok(Math.abs(plain.explainedVariance.data[0]! - plainRescaled.explainedVariance.data[0]!) > 1e-6 * plain.explainedVariance.data[0]!);
});

property('whitening gives the training components unit variance; inverseTransform undoes it', sample, ({ X, k }) => {
  const pca = new PCA({ nComponents: k, whiten: true }).fit(X);
  const Z = pca.transform(X);
  assertClose(linalg.cov(Z), linalg.eye(k), { atol: 1e-9, rtol: 0 });
  const plain = new PCA({ nComponents: k }).fit(X);
  assertClose(pca.inverseTransform(Z), plain.inverseTransform(plain.transform(X)), { atol: 1e-9, rtol: 1e-9 });
});

test('EQ-UNSUPERVISED-08 hand-worked: points on the line y = x have one component (1, 1)/√2 with all the variance', () => {
  const X = linalg.tensor([1, 1, 2, 2, 3, 3, 4, 4], [4, 2]);
  const pca = new PCA().fit(X);
  assertClose(pca.components.data.slice(0, 2), [Math.SQRT1_2, Math.SQRT1_2], { atol: 1e-15, rtol: 0 });
  assertClose(pca.explainedVariance, [10 / 3, 0], { atol: 1e-14, rtol: 1e-14 }); // Var(x) + Var(y) = 5/3 + 5/3
  assertClose(pca.explainedVarianceRatio, [1, 0], { atol: 1e-15, rtol: 0 });
  assertClose(pca.transform(linalg.tensor([2.5, 2.5], [1, 2])).data[0]!, 0, { atol: 1e-15, rtol: 0 });
});

test('PCA refuses more components than min(n, d), and a single sample', () => {
  const X = linalg.randn([5, 3], new Rng(1));
  assert.throws(() => new PCA({ nComponents: 4 }).fit(X), ValueError);
  assert.throws(() => new PCA({ nComponents: 6 }).fit(linalg.randn([5, 8], new Rng(1))), ValueError);
  assert.throws(() => new PCA().fit(linalg.randn([1, 3], new Rng(1))), ValueError);
});

for (const solver of ['eigen', 'svd'] as const) {
  estimatorChecks<PCA>({
    name: `PCA (${solver})`, make: () => new PCA({ nComponents: 2, solver, whiten: solver === 'svd' }), fit: (m, X) => { m.fit(X); },
    output: (m, X) => m.transform(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => PCA.fromJSON(json),
    data: (rng) => ({ X: data(rng, 30, 4) }), order: { atol: 1e-9, rtol: 1e-9 },
  });
}
