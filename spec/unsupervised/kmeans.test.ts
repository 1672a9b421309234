/**
 * k-means against brute force: the score and tie rule (EQ-UNSUPERVISED-01),
 * the initialisations (02), the assignment step (03), the update step and
 * its empty-cluster rule (04), Lloyd's iteration (05) and the failure modes
 * of its objective (06); and the shared estimator contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentTypeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { adjustedRandIndex } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/index.js';
import { KMeans, assignClusters, inertia, kmeansPlusPlus, randomCentroids, updateCentroids } from '../../src/unsupervised/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { assertClose, gen, property } from '../harness/index.js';
import { blobs, clusterMean, dist2, nearest, row, sse } from './support.js';

/** Random data and random centroids (points drawn off the data). */
function dataAndCentroids(rng: Rng): { X: Tensor; C: Tensor } {
  const n = rng.int(1, 60), d = rng.int(1, 6), k = rng.int(1, 7);
  return { X: linalg.randn([n, d], rng, rng.normal(0, 5), 3), C: linalg.randn([k, d], rng, 0, 3) };
}

property('EQ-UNSUPERVISED-01/03 each label is the brute-force argmin of ‖x − μ_j‖² (= argmax of −‖x − μ_j‖²), in 0 … k−1', dataAndCentroids, ({ X, C }) => {
  const z = assignClusters(X, C), k = C.shape[0]!;
  for (let i = 0; i < X.shape[0]!; i++) {
    assert.equal(z.data[i], nearest(X, i, C));
    const scores = Array.from({ length: k }, (_, j) => -dist2(X, i, C, j));
    assert.equal(z.data[i], scores.indexOf(Math.max(...scores)), 'the argmax of the score, the first on a tie');
  }
});

property('EQ-UNSUPERVISED-03 with the centroids fixed, no single-point reassignment lowers Σ‖x − μ_z‖²', dataAndCentroids, ({ X, C }) => {
  const z = assignClusters(X, C), J = sse(X, C, z);
  for (let i = 0; i < X.shape[0]!; i++) {
    for (let j = 0; j < C.shape[0]!; j++) {
      const moved = linalg.clone(z);
      moved.data[i] = j;
      assert.ok(sse(X, C, moved) >= J, `moving point ${i} to cluster ${j} lowered the sum`);
    }
  }
});

property('EQ-UNSUPERVISED-01 assignments are unchanged when data and centroids are translated or rotated together', (rng) => {
  const { X, C } = dataAndCentroids(rng);
  const d = X.shape[1]!;
  return { X, C, shift: linalg.randn([d], rng, 0, 10), Q: gen.orthogonal(d).generate(rng) };
}, ({ X, C, shift, Q }) => {
  const z = assignClusters(X, C);
  assert.deepEqual(assignClusters(linalg.add(X, shift), linalg.add(C, shift)).data, z.data);
  assert.deepEqual(assignClusters(linalg.matmul(X, Q), linalg.matmul(C, Q)).data, z.data);
});

test('EQ-UNSUPERVISED-01 ties go to the lowest index; fit takes X alone', () => {
  const C = linalg.tensor([-1, 0, 1, 0, 0, 1, 0, -1], [4, 2]);
  // (0, 0) is at distance 1 from all four centroids; (0.5, 0.5) ties 1 and 2.
  assert.deepEqual(Array.from(assignClusters(linalg.tensor([0, 0, 0.5, 0.5, -3, 0], [3, 2]), C).data), [0, 1, 0]);
  const big = linalg.tensor([1e8, 1e8, 1e8 + 2, 1e8 + 2], [2, 2]);
  assert.deepEqual(Array.from(assignClusters(linalg.tensor([1e8 + 1, 1e8 + 1], [1, 2]), big).data), [0], 'a tie far from the origin');
  // Far from the origin ‖x‖² − 2x·μ + ‖μ‖² cannot tell 1 + 1e-6 from 1 − 1e-6: the direct distances decide.
  const far = linalg.tensor([1e8, 0, 1e8 + 2, 0], [2, 2]), X = linalg.tensor([1e8 + 1 + 1e-6, 0, 1e8 + 1 - 1e-6, 0], [2, 2]);
  assert.deepEqual(Array.from(assignClusters(X, far).data), [1, 0]);
  assert.deepEqual(Array.from(assignClusters(X, far).data), [nearest(X, 0, far), nearest(X, 1, far)]);
  const km = new KMeans({ k: 1 });
  assert.throws(() => (km.fit as (X: Tensor, y: Tensor) => unknown)(C, linalg.zeros([4])), ArgumentTypeError);
});

property('EQ-UNSUPERVISED-02 both initialisations pick k distinct rows of X, and one seed gives the same rows', (rng) => {
  const n = rng.int(1, 40), d = rng.int(1, 4);
  // Rows drawn from a few values, so duplicates are common.
  const X = linalg.tensor(Array.from({ length: n * d }, () => rng.int(0, 3)), [n, d]);
  return { X, k: rng.int(1, n + 1), seed: rng.int(0, 1000) };
}, ({ X, k, seed }) => {
  const n = X.shape[0]!, d = X.shape[1]!;
  const distinct = new Set(Array.from({ length: n }, (_, i) => row(X, i).join(','))).size;
  for (const init of [randomCentroids, kmeansPlusPlus]) {
    if (k > distinct) {
      assert.throws(() => init(X, k, new Rng(seed)), ValueError);
      continue;
    }
    const C = init(X, k, new Rng(seed));
    assert.deepEqual(C.shape, [k, d]);
    const rows = Array.from({ length: k }, (_, j) => row(C, j).join(','));
    assert.equal(new Set(rows).size, k, 'pairwise distinct');
    const data = new Set(Array.from({ length: n }, (_, i) => row(X, i).join(',')));
    assert.ok(rows.every((r) => data.has(r)), 'each centroid is a data point');
    assert.deepEqual(init(X, k, new Rng(seed)).data, C.data, 'reproducible');
  }
});

test('EQ-UNSUPERVISED-02 k > n throws, in the initialisers and in fit', () => {
  const X = linalg.randn([3, 2], new Rng(1));
  assert.throws(() => kmeansPlusPlus(X, 4, new Rng(1)), ValueError);
  assert.throws(() => randomCentroids(X, 4, new Rng(1)), ValueError);
  assert.throws(() => new KMeans({ k: 4 }).fit(X), /k = 4 is larger than the number of samples n = 3/);
});

property('EQ-UNSUPERVISED-04 each new centroid is the mean of its points; moving it by δ raises its SSE by exactly n_j‖δ‖²', (rng) => {
  const { X, C } = dataAndCentroids(rng);
  return { X, C, z: assignClusters(X, C), delta: linalg.randn([X.shape[1]!], rng) };
}, ({ X, C, z, delta }) => {
  const { centroids, labels, empty } = updateCentroids(X, z, C);
  if (empty === 0) assert.deepEqual(labels.data, z.data, 'labels change only through the empty-cluster rule');
  const d = X.shape[1]!;
  for (let j = 0; j < C.shape[0]!; j++) {
    const { mean, count } = clusterMean(X, labels, j);
    if (count === 0) continue;
    assertClose(row(centroids, j), mean, { atol: 1e-12, rtol: 1e-12 }, `centroid ${j}`);
    const sseOf = (mu: number[]) => {
      let s = 0;
      for (let i = 0; i < X.shape[0]!; i++) if (labels.data[i] === j) for (let l = 0; l < d; l++) s += (X.data[i * d + l]! - mu[l]!) ** 2;
      return s;
    };
    const at = sseOf(mean), moved = sseOf(mean.map((m, l) => m + delta.data[l]!));
    const norm2 = delta.data.reduce((s, v) => s + v * v, 0);
    assertClose(moved - at, count * norm2, { atol: 1e-9 * (at + moved), rtol: 1e-9 }, 'SSE(μ + δ) − SSE(μ) = n_j‖δ‖²');
  }
});

test('EQ-UNSUPERVISED-04 an empty cluster takes the point farthest from its centroid, and no NaN appears', () => {
  // Points 0, 1, 10 all nearest centroid 0 (at 0); centroid 1 (at 100) is empty.
  const X = linalg.tensor([0, 1, 10], [3, 1]), C = linalg.tensor([0, 100], [2, 1]);
  const z = assignClusters(X, C);
  assert.deepEqual(Array.from(z.data), [0, 0, 0]);
  const { centroids, labels, empty } = updateCentroids(X, z, C);
  assert.equal(empty, 1);
  assert.deepEqual(Array.from(labels.data), [0, 0, 1], 'the farthest point (10) moves to the empty cluster');
  assert.deepEqual(Array.from(centroids.data), [0.5, 10]);
  assert.ok(inertia(X, centroids, labels) < inertia(X, C, z));
  // Every point on its centroid: nothing can move, the empty centroid is kept.
  const same = linalg.tensor([2, 2], [2, 1]);
  const kept = updateCentroids(same, linalg.tensor([0, 0], [2]), linalg.tensor([2, 7], [2, 1]));
  assert.deepEqual(Array.from(kept.centroids.data), [2, 7]);
  // Duplicate initial centroids: the second is empty after the first assignment, and the fit still has no NaN.
  const fit = new KMeans({ k: 2, init: linalg.tensor([0, 0], [2, 1]) }).fit(linalg.tensor([0, 1, 10, 11], [4, 1]));
  assert.ok(fit.centroids.data.every(Number.isFinite));
  assert.deepEqual(Array.from(fit.centroids.data).sort((a, b) => a - b), [0.5, 10.5]);
});

/** Lloyd's iteration driven step by step, with the inertia after every step. */
function lloydByHand(X: Tensor, C0: Tensor, steps: number): { J: number[]; labels: Tensor; C: Tensor } {
  let C = C0, labels = assignClusters(X, C);
  const J = [sse(X, C, labels)];
  for (let s = 0; s < steps; s++) {
    ({ centroids: C, labels } = updateCentroids(X, labels, C));
    J.push(sse(X, C, labels));
    labels = assignClusters(X, C);
    J.push(sse(X, C, labels));
  }
  return { J, labels, C };
}

property('EQ-UNSUPERVISED-05 the inertia never increases after an assignment step or an update step', (rng) => {
  const n = rng.int(2, 80), k = rng.int(1, Math.min(n, 8) + 1);
  const { X } = blobs(rng, n, rng.int(1, 5), rng.int(1, 6), 1, rng.next() * 6);
  return { X, C0: kmeansPlusPlus(X, k, rng) };
}, ({ X, C0 }) => {
  const { J } = lloydByHand(X, C0, 12);
  for (let t = 1; t < J.length; t++) assert.ok(J[t]! <= J[t - 1]! * (1 + 1e-12), `step ${t}: ${J[t - 1]} → ${J[t]}`);
});

property('EQ-UNSUPERVISED-05 Lloyd stops within 1000 iterations at a fixed point: nearest centroids, centroids the means', (rng) => {
  const n = rng.int(2, 120), d = rng.int(1, 5);
  return { X: blobs(rng, n, d, rng.int(1, 6), 1, rng.next() * 5).X, k: rng.int(1, Math.min(n, 7) + 1), seed: rng.int(0, 1e6) };
}, ({ X, k, seed }) => {
  const km = new KMeans({ k, tol: 0, maxIter: 1000, rng: seed }).fit(X);
  assert.ok(km.converged && km.nIter <= 1000);
  const C = km.centroids, z = km.labels;
  for (let i = 0; i < X.shape[0]!; i++) assert.equal(z.data[i], nearest(X, i, C));
  for (let j = 0; j < k; j++) {
    const { mean, count } = clusterMean(X, z, j);
    if (count > 0) assertClose(row(C, j), mean, { atol: 1e-12, rtol: 1e-12 }, `centroid ${j} is its cluster's mean`);
  }
  assertClose(km.inertia, sse(X, C, z), { atol: 0, rtol: 1e-14 });
  assert.deepEqual(km.predict(X).data, z.data);
  assertClose(km.score(X), -km.inertia, { atol: 0, rtol: 1e-14 });
}, { runs: 50 });

property('EQ-UNSUPERVISED-05 well-separated blobs are recovered exactly up to label permutation (adjusted Rand index 1)', (rng) => {
  const k = rng.int(2, 6);
  return { ...blobs(rng, k * rng.int(5, 30), rng.int(2, 6), k, 0.5, 1), k, seed: rng.int(0, 1e6) };
}, ({ X, y, centres, k, seed }) => {
  // Centres at distance ≫ the spread: scale them apart.
  const d = X.shape[1]!, Xs = linalg.clone(X);
  for (let i = 0; i < X.shape[0]!; i++) for (let l = 0; l < d; l++) Xs.data[i * d + l]! += 100 * centres.data[y.data[i]! * d + l]!;
  const km = new KMeans({ k, nInit: 3, rng: seed }).fit(Xs);
  assert.equal(adjustedRandIndex(km.labels, y), 1);
}, { runs: 30 });

test('EQ-UNSUPERVISED-05 more restarts keep the lowest inertia: nInit 10 is never worse than its first run', () => {
  for (let seed = 0; seed < 10; seed++) {
    const { X } = blobs(new Rng(seed), 90, 2, 6, 2, 4);
    const one = new KMeans({ k: 6, init: 'random', nInit: 1, rng: seed }).fit(X);
    const ten = new KMeans({ k: 6, init: 'random', nInit: 10, rng: seed }).fit(X);
    assert.ok(ten.inertia <= one.inertia);
  }
});

test('EQ-UNSUPERVISED-05 hand-worked: 1, 2, 10, 12 from centroids 1 and 2 converge to 1.5 and 11 in two iterations', () => {
  const X = linalg.tensor([1, 2, 10, 12], [4, 1]);
  const km = new KMeans({ k: 2, init: linalg.tensor([1, 2], [2, 1]), tol: 0 }).fit(X);
  // z = (0, 1, 1, 1) → μ = (1, 8) → z = (0, 0, 1, 1) → μ = (1.5, 11) → z unchanged.
  assert.deepEqual(Array.from(km.centroids.data), [1.5, 11]);
  assert.deepEqual(Array.from(km.labels.data), [0, 0, 1, 1]);
  assert.equal(km.nIter, 2);
  assert.equal(km.inertia, 0.25 + 0.25 + 1 + 1);
});

test('EQ-UNSUPERVISED-06 two long parallel clusters are cut across their length, and that cut has the lower inertia', () => {
  const rng = new Rng(6);
  const n = 500, X = new Float64Array(4 * n), y = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    y[i] = i < n ? 0 : 1;
    X[2 * i] = rng.normal(0, 10);
    X[2 * i + 1] = rng.normal(i < n ? -1.5 : 1.5, 0.5);
  }
  const data: Tensor = { shape: [2 * n, 2], data: X }, truth: Tensor = { shape: [2 * n], data: y };
  const km = new KMeans({ k: 2, nInit: 10, rng: 1 }).fit(data);
  const ari = adjustedRandIndex(km.labels, truth);
  const trueCentroids = linalg.tensor([...clusterMean(data, truth, 0).mean, ...clusterMean(data, truth, 1).mean], [2, 2]);
  const trueInertia = sse(data, trueCentroids, truth);
  assert.ok(ari < 0.5, `adjusted Rand index ${ari}`);
  assert.ok(km.inertia < trueInertia / 2, `k-means ${km.inertia.toExponential(3)} vs the true partition ${trueInertia.toExponential(3)}`);
  // The split is along x: the two centroids differ mostly in x.
  const C = km.centroids;
  assert.ok(Math.abs(C.data[0]! - C.data[2]!) > 5 * Math.abs(C.data[1]! - C.data[3]!));
});

test('EQ-UNSUPERVISED-06 a small cluster beside a large one does not keep its own points', () => {
  const rng = new Rng(3);
  const big = 1000, small = 20, X = new Float64Array(2 * (big + small)), y = new Float64Array(big + small);
  for (let i = 0; i < big + small; i++) {
    const isSmall = i >= big;
    y[i] = isSmall ? 1 : 0;
    X[2 * i] = rng.normal(isSmall ? 4 : 0, isSmall ? 0.5 : 2);
    X[2 * i + 1] = rng.normal(0, isSmall ? 0.5 : 2);
  }
  const data: Tensor = { shape: [big + small, 2], data: X }, truth: Tensor = { shape: [big + small], data: y };
  const km = new KMeans({ k: 2, nInit: 10, rng: 2 }).fit(data);
  const sizes = [0, 1].map((j) => km.labels.data.filter((z) => z === j).length).sort((a, b) => a - b);
  assert.ok(sizes[0]! > 3 * small, `the smaller k-means cluster has ${sizes[0]} points, the true one ${small}`);
  assert.ok(adjustedRandIndex(km.labels, truth) < 0.5);
});

estimatorChecks<KMeans>({
  name: 'KMeans (k-means++)', make: (seed) => new KMeans({ k: 3, rng: seed }), fit: (m, X) => { m.fit(X); },
  output: (m, X) => m.transform(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => KMeans.fromJSON(json),
  data: (rng) => ({ X: blobs(rng, 30, 3, 3, 1, 5).X }), order: { skip: 'the initial centroids are drawn by row index' },
});

estimatorChecks<KMeans>({
  name: 'KMeans (given initial centroids)', make: () => new KMeans({ k: 3, init: linalg.tensor([-5, 0, 0, 0, 0, 0, 5, 0, 0], [3, 3]) }),
  fit: (m, X) => { m.fit(X); }, output: (m, X) => m.transform(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => KMeans.fromJSON(json),
  data: (rng) => ({ X: blobs(rng, 30, 3, 3, 1, 5).X }), order: { atol: 1e-12, rtol: 1e-12 },
});
