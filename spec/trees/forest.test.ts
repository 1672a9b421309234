/**
 * Random forests: the average of their trees (recomputed from `estimators`),
 * the out-of-bag predictions (recomputed for a one-tree forest, whose
 * out-of-bag rows are exactly those it never saw), a forest without
 * bootstrap or feature sampling against a single tree, seeds, and the
 * shared estimator checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier, RandomForestRegressor } from '../../src/trees/index.js';
import { assertClose, property } from '../harness/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { accuracy, classification, regression } from './support.js';

property('the forest\'s probabilities are the mean of its trees\'; predict is their argmax; importances the trees\' mean', (rng) => ({ ...classification(rng, 60, 4, 3, 5), seed: rng.int(0, 1000) }), ({ X, y, seed }) => {
  const forest = new RandomForestClassifier({ nEstimators: 7, maxDepth: 4, rng: new Rng(seed) }).fit(X, y);
  const trees = forest.estimators;
  assert.equal(trees.length, 7);
  const mean = new Float64Array(X.shape[0]! * 3), importances = new Float64Array(4);
  for (const tree of trees) {
    tree.predictProba(X).data.forEach((p, j) => { mean[j]! += p / trees.length; });
    tree.featureImportances.data.forEach((v, j) => { importances[j]! += v / trees.length; });
  }
  const proba = forest.predictProba(X);
  assertClose(proba, { shape: [X.shape[0]!, 3], data: mean }, { atol: 1e-15 });
  assertClose(forest.featureImportances.data, importances, { atol: 1e-15 });
  const predicted = forest.predict(X).data;
  for (let i = 0; i < X.shape[0]!; i++) {
    const row = Array.from(proba.data.subarray(i * 3, i * 3 + 3));
    assert.equal(predicted[i], row.indexOf(Math.max(...row)));
  }
});

property('the regression forest predicts the mean of its trees', (rng) => ({ ...regression(rng, 50, 3), seed: rng.int(0, 1000) }), ({ X, y, seed }) => {
  const forest = new RandomForestRegressor({ nEstimators: 5, rng: new Rng(seed), maxFeatures: 2 }).fit(X, y);
  const mean = new Float64Array(X.shape[0]!);
  for (const tree of forest.estimators) tree.predict(X).data.forEach((p, i) => { mean[i]! += p; });
  assertClose(forest.predict(X).data, mean.map((s) => s / 5), { atol: 1e-14, rtol: 1e-14 });
});

property('out of bag, one tree: rows the tree never saw carry its prediction, the others NaN; the score is their accuracy', (rng) => ({ ...classification(rng, 50, 3, 3, 4), seed: rng.int(0, 1000) }), ({ X, y, seed }) => {
  const forest = new RandomForestClassifier({ nEstimators: 1, oob: true, rng: new Rng(seed) }).fit(X, y);
  const tree = forest.estimators[0]!, K = forest.nClasses;
  const oob = forest.oobDecisionFunction, own = tree.predictProba(X), predicted = tree.predict(X);
  const rows: number[] = [];
  for (let i = 0; i < X.shape[0]!; i++) {
    const p = Array.from(oob.data.subarray(i * K, i * K + K));
    if (p.every(Number.isNaN)) continue;
    rows.push(i);
    assert.deepEqual(p, Array.from(own.data.subarray(i * K, i * K + K)), `row ${i}`);
  }
  // A bootstrap sample of n rows misses each row with probability (1 − 1/n)ⁿ ≈ e⁻¹.
  assert.ok(rows.length > 0 && rows.length < X.shape[0]!, `${rows.length} out-of-bag rows`);
  const hits = rows.filter((i) => predicted.data[i] === y.data[i]).length;
  assert.equal(forest.oobScore, hits / rows.length);
});

test('out of bag, many trees: the out-of-bag accuracy estimates the accuracy on fresh data (seed 5)', () => {
  const rng = new Rng(5);
  const train = classification(rng, 300, 4, 2), test = classification(rng, 2000, 4, 2);
  const forest = new RandomForestClassifier({ nEstimators: 60, oob: true, rng: new Rng(1) }).fit(train.X, train.y);
  const fresh = accuracy(test.y, forest.predict(test.X));
  assert.ok(Math.abs(forest.oobScore - fresh) < 0.06, `oob ${forest.oobScore}, test ${fresh}`);
  const oob = forest.oobDecisionFunction.data;
  for (let i = 0; i < 300; i++) assertClose(oob[2 * i]! + oob[2 * i + 1]!, 1, { atol: 1e-12 });
  const regressor = new RandomForestRegressor({ nEstimators: 40, oob: true, rng: new Rng(2) }).fit(...Object.values(regression(rng, 200, 2)) as [never, never]);
  assert.ok(regressor.oobScore > 0.5 && regressor.oobScore < 1, `R² out of bag ${regressor.oobScore}`);
  assert.equal(regressor.oobPrediction.shape[0], 200);
});

property('without bootstrap and with every feature, each tree of the forest is the single tree, and so is the forest', (rng) => classification(rng, 40, 3, 3, 4), ({ X, y }) => {
  const single = new DecisionTreeClassifier().fit(X, y);
  const forest = new RandomForestClassifier({ nEstimators: 3, bootstrap: false, maxFeatures: 'all' }).fit(X, y);
  for (const tree of forest.estimators) assert.deepEqual(tree.toJSON().fitted, single.toJSON().fitted);
  assertClose(forest.predictProba(X), single.predictProba(X), { atol: 1e-15 }); // (p + p + p)/3 rounds
  const r = new RandomForestRegressor({ nEstimators: 2, bootstrap: false }).fit(X, y);
  assertClose(r.predict(X), new DecisionTreeRegressor().fit(X, y).predict(X), { atol: 1e-15 });
});

test('the forest draws from its Rng: the same seed gives the same forest, another seed another; maxFeatures √d by default', () => {
  const { X, y } = classification(new Rng(8), 60, 9, 3);
  const a = new RandomForestClassifier({ nEstimators: 4, rng: new Rng(1) }).fit(X, y);
  const b = new RandomForestClassifier({ nEstimators: 4, rng: new Rng(1) }).fit(X, y);
  const c = new RandomForestClassifier({ nEstimators: 4, rng: new Rng(2) }).fit(X, y);
  assert.deepEqual(a.toJSON(), b.toJSON());
  assert.notDeepEqual(a.toJSON().fitted, c.toJSON().fitted);
  assert.equal(a.estimators[0]!.toJSON().options.maxFeatures, 'sqrt');
  const trees = a.estimators.map((t) => JSON.stringify(t.toJSON().fitted));
  assert.equal(new Set(trees).size, 4, 'bootstrap samples and feature draws differ from tree to tree');
  assert.equal(a.nClasses, 3);
  assert.equal(a.nFeatures, 9);
});

estimatorChecks<RandomForestClassifier>({
  name: 'RandomForestClassifier',
  make: (seed) => new RandomForestClassifier({ nEstimators: 5, oob: true, rng: new Rng(seed) }),
  fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predictProba(X),
  toJSON: (m) => m.toJSON(),
  fromJSON: (json) => RandomForestClassifier.fromJSON(json),
  data: (rng) => classification(rng, 40, 3, 3),
  order: { skip: 'a bootstrap sample draws row indices, so permuting the rows gives other samples' },
});

estimatorChecks<RandomForestRegressor>({
  name: 'RandomForestRegressor',
  make: (seed) => new RandomForestRegressor({ nEstimators: 4, oob: true, maxDepth: 4, rng: new Rng(seed) }),
  fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predict(X),
  toJSON: (m) => m.toJSON(),
  fromJSON: (json) => RandomForestRegressor.fromJSON(json),
  data: (rng) => regression(rng, 40, 3),
  order: { skip: 'a bootstrap sample draws row indices, so permuting the rows gives other samples' },
});
