/**
 * EQ-BAYES-07 … 11 and the three models: the naive-Bayes posterior against
 * the exact posterior of the full joint, parameters against counts and
 * two-pass statistics computed here, densities multiplied out in product
 * space, the MAP rule against all 81 deterministic rules of a small model,
 * the binary rule as a log-likelihood-ratio test, uniform priors and the ML
 * rule; partialFit against fit, the order of the features, edge cases, and
 * the shared estimator checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../src/linalg/index.js';
import { BernoulliNB, GaussianNB, MultinomialNB } from '../../src/bayes/index.js';
import { ValueError } from '../../src/errors/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { allBinary, bernoulliData, countData, dirichlet, gaussianData, mat, row, vec } from './support.js';

type Model = GaussianNB | MultinomialNB | BernoulliNB;

/** Rows `rows` of X (and y). */
const take = (t: Tensor, rows: readonly number[]): Tensor => {
  const d = t.shape.length > 1 ? t.shape[1]! : 1;
  const data = new Float64Array(rows.length * d);
  rows.forEach((i, r) => data.set(t.data.subarray(i * d, i * d + d), r * d));
  return { shape: t.shape.length > 1 ? [rows.length, d] : [rows.length], data };
};

const argmax = (xs: readonly number[]): number => xs.indexOf(Math.max(...xs));

// ── EQ-BAYES-07 ───────────────────────────────────────────────────────────
property('EQ-BAYES-07 under a conditionally independent joint the naive posterior is the exact one, for every input; log and product space agree', (rng) => {
  const K = rng.int(2, 4), d = rng.int(1, 5);
  const prior = dirichlet(rng, K), p = Array.from({ length: K }, () => Array.from({ length: d }, () => 0.05 + 0.9 * rng.next()));
  return bernoulliData(rng, rng.int(K + 2, 80), prior, p);
}, ({ X, y }) => {
  const model = new BernoulliNB({ alpha: 0, binarize: null, nClasses: 4 }).fit(X, y);
  const K = 4, d = model.nFeatures;
  const n = model.classCount.data, N = model.featureCount.data, total = n.reduce((a, b) => a + b, 0);
  // The full joint over all 2^d inputs: P(x, c) = P(c)·Π_j p_cj^{x_j}(1 − p_cj)^{1−x_j}, p = N/n (α = 0).
  const jointOf = (x: number[]) => Array.from({ length: K }, (_, k) => (n[k] === 0 ? 0 : (n[k]! / total) * x.reduce((a, xj, j) => a * (xj === 1 ? N[k * d + j]! / n[k]! : 1 - N[k * d + j]! / n[k]!), 1)));
  // Inputs of probability 0 under every class (α = 0) have no posterior; predictProba refuses them (a spec below).
  const inputs = allBinary(d).filter((x) => jointOf(x).some((j) => j > 0));
  const joint = inputs.map(jointOf);
  const proba = model.predictProba(mat(inputs));
  inputs.forEach((x, m) => {
    const evidence = joint[m]!.reduce((a, b) => a + b, 0);
    assertClose(row(proba, m), joint[m]!.map((j) => j / evidence), { atol: 1e-12 }, `x = ${x.join('')}`);
    assertClose(row(proba, m).reduce((a, b) => a + b, 0), 1, { atol: 1e-12 });
  });
});

property('EQ-BAYES-07 fitting from counts: P(c_k) = n_k/n, P(f_j | c_k) = N_kj/n_k with α = 0 (raw frequencies), (N_kj + α)/(n_k + 2α) with α', (rng) => {
  const K = rng.int(1, 4);
  return { ...bernoulliData(rng, rng.int(1, 50), dirichlet(rng, K), Array.from({ length: K }, () => [0.2, 0.5, 0.8])), alpha: rng.next() < 0.5 ? 0 : rng.next() * 2 };
}, ({ X, y, alpha }) => {
  const model = new BernoulliNB({ alpha, binarize: null }).fit(X, y);
  const K = model.nClasses, n = X.shape[0]!;
  for (let k = 0; k < K; k++) {
    const rows = Array.from(y.data.keys()).filter((i) => y.data[i] === k);
    assert.equal(model.classCount.data[k], rows.length);
    if (rows.length === 0) continue;
    assertClose(Math.exp(model.classLogPrior.data[k]!), rows.length / n, { atol: 1e-15, rtol: 1e-14 });
    for (let j = 0; j < 3; j++) {
      const present = rows.filter((i) => X.data[i * 3 + j] === 1).length;
      assert.equal(model.featureCount.data[k * 3 + j], present);
      assertClose(Math.exp(model.featureLogProb.data[k * 3 + j]!), (present + alpha) / (rows.length + 2 * alpha), { atol: 1e-15, rtol: 1e-14 });
    }
  }
});

property('Gaussian model: means and variances are the per-class two-pass mean and (1/n_k)Σ(x − μ)² plus ε = varSmoothing·max_j Var(x_j)', (rng) => ({ ...gaussianData(rng, rng.int(3, 60), rng.int(1, 4), rng.int(1, 5)), s: 10 ** rng.int(-12, 0) }), ({ X, y, s }) => {
  const model = new GaussianNB({ varSmoothing: s }).fit(X, y);
  const [n, d] = X.shape as [number, number], K = model.nClasses;
  const column = (j: number, rows: number[]) => rows.map((i) => X.data[i * d + j]!);
  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const varOf = (xs: number[]) => xs.reduce((a, x) => a + (x - meanOf(xs)) ** 2, 0) / xs.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const epsilon = s * Math.max(...Array.from({ length: d }, (_, j) => varOf(column(j, all))));
  assertClose(model.epsilon, epsilon, { atol: 1e-300, rtol: 1e-12 });
  for (let k = 0; k < K; k++) {
    const rows = all.filter((i) => y.data[i] === k);
    for (let j = 0; j < d; j++) {
      assertClose(model.means.data[k * d + j]!, meanOf(column(j, rows)), { atol: 1e-12, rtol: 1e-12 });
      assertClose(model.variances.data[k * d + j]!, varOf(column(j, rows)) + epsilon, { atol: 1e-12, rtol: 1e-10 });
    }
  }
});

property('Gaussian model: the joint log-probability is log(P(c)·Π_j N(x_j; μ, σ²)) multiplied out in product space', (rng) => gaussianData(rng, 30, 3, 3), ({ X, y }) => {
  const model = new GaussianNB().fit(X, y);
  const mu = model.means.data, v = model.variances.data, prior = model.classLogPrior.data;
  const joint = model.predictJointLogProba(X);
  for (let i = 0; i < 30; i++) {
    for (let k = 0; k < 3; k++) {
      let density = Math.exp(prior[k]!);
      for (let j = 0; j < 3; j++) density *= Math.exp(-((X.data[i * 3 + j]! - mu[k * 3 + j]!) ** 2) / (2 * v[k * 3 + j]!)) / Math.sqrt(2 * Math.PI * v[k * 3 + j]!);
      if (density > 1e-250) assertClose(row(joint, i)[k]!, Math.log(density), { atol: 1e-10, rtol: 1e-12 });
    }
  }
});

property('Multinomial model: the posterior is Bayes\' theorem with the full multinomial P(x|c) = N!/Πx_j!·Π θ^x (the coefficient cancels)', (rng) => ({ ...countData(rng, rng.int(3, 40), rng.int(2, 4), rng.int(2, 5)), alpha: 0.1 + rng.next() }), ({ X, y, alpha }) => {
  const model = new MultinomialNB({ alpha }).fit(X, y);
  const [n, d] = X.shape as [number, number], K = model.nClasses;
  const factorial = (m: number): number => (m <= 1 ? 1 : m * factorial(m - 1));
  const Nkj = model.featureCount.data, prior = model.classLogPrior.data;
  const proba = model.predictProba(X);
  for (let i = 0; i < n; i++) {
    const x = Array.from(X.data.subarray(i * d, i * d + d));
    const coefficient = factorial(x.reduce((a, b) => a + b, 0)) / x.reduce((a, xj) => a * factorial(xj), 1);
    const joint = Array.from({ length: K }, (_, k) => {
      const Nk = Array.from({ length: d }, (_, j) => Nkj[k * d + j]!).reduce((a, b) => a + b, 0);
      return Math.exp(prior[k]!) * coefficient * x.reduce((a, xj, j) => a * ((Nkj[k * d + j]! + alpha) / (Nk + alpha * d)) ** xj, 1);
    });
    const evidence = joint.reduce((a, b) => a + b, 0);
    if (evidence > 1e-250) assertClose(row(proba, i), joint.map((j) => j / evidence), { atol: 1e-12, rtol: 1e-9 }, `row ${i}`);
  }
});

// ── EQ-BAYES-08 ───────────────────────────────────────────────────────────
property('EQ-BAYES-08 predict is the argmax of predictProba (all three models)', (rng) => ({ g: gaussianData(rng, 40, 3, 3), c: countData(rng, 40, 3, 4) }), ({ g, c }) => {
  const check = (model: Model, X: Tensor) => {
    const p = model.predictProba(X), predicted = model.predict(X);
    for (let i = 0; i < X.shape[0]!; i++) assert.equal(predicted.data[i], argmax(row(p, i)));
  };
  check(new GaussianNB().fit(g.X, g.y), g.X);
  check(new MultinomialNB().fit(c.X, c.y), c.X);
  check(new BernoulliNB().fit(c.X, c.y), c.X);
});

property('EQ-BAYES-08 MAP is Bayes-optimal: of all 3⁴ = 81 rules for 4 feature values × 3 classes, none has a smaller expected 0-1 loss', (rng) => dirichlet(rng, 12), (cells) => {
  // The table P(f = v, c = k) = cells[v*3 + k], as a multinomial model over a one-hot feature (θ_kv = P(v | k), priors P(c)).
  const P = Array.from({ length: 4 }, (_, v) => cells.slice(v * 3, v * 3 + 3));
  const prior = [0, 1, 2].map((k) => P.reduce((a, r) => a + r[k]!, 0));
  const model = new MultinomialNB({ alpha: 0, priors: vec(prior) }).fit(mat([0, 1, 2].map((k) => P.map((r) => r[k]! * 1000))), vec([0, 1, 2]));
  const map = Array.from(model.predict(mat([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])).data);
  const risk = (rule: readonly number[]) => 1 - rule.reduce((a, k, v) => a + P[v]![k]!, 0);
  let best = Infinity;
  for (let r = 0; r < 81; r++) best = Math.min(best, risk([r % 3, Math.floor(r / 3) % 3, Math.floor(r / 9) % 3, Math.floor(r / 27)]));
  assertClose(risk(map), best, { atol: 1e-12 });
});

// ── EQ-BAYES-09 ───────────────────────────────────────────────────────────
property('EQ-BAYES-09 binary MAP: choose c₁ iff log P(x|c₁) − log P(x|c₀) > log P(c₀) − log P(c₁); P(c₁|x) = σ(log-odds)', (rng) => {
  const p = [0, 1].map(() => Array.from({ length: 4 }, () => 0.05 + 0.9 * rng.next()));
  return bernoulliData(rng, rng.int(4, 60), [0.3 + 0.4 * rng.next(), 0], p);
}, ({ X, y }) => {
  // Labels from the prior draw are all 0 here: relabel half of them so both classes exist.
  const labels = vec(Array.from(y.data, (_, i) => i % 2));
  const model = new BernoulliNB({ binarize: null }).fit(X, labels);
  const inputs = mat(allBinary(4));
  const joint = model.predictJointLogProba(inputs), proba = model.predictProba(inputs), predicted = model.predict(inputs);
  const prior = model.classLogPrior.data;
  for (let m = 0; m < 16; m++) {
    const [z0, z1] = row(joint, m) as [number, number];
    const llr = (z1 - prior[1]!) - (z0 - prior[0]!);
    assert.equal(predicted.data[m], llr > prior[0]! - prior[1]! ? 1 : 0, `input ${m}`);
    assertClose(row(proba, m)[1]!, 1 / (1 + Math.exp(-(z1 - z0))), { atol: 1e-12 });
  }
});

test('EQ-BAYES-09 a tie goes to c₀', () => {
  const model = new BernoulliNB({ binarize: null }).fit(mat([[1, 0], [0, 1]]), vec([0, 1]));
  assert.deepEqual(Array.from(model.predict(mat([[1, 1], [0, 0]])).data), [0, 0]);
  assert.deepEqual(Array.from(model.predictProba(mat([[1, 1]])).data), [0.5, 0.5]);
});

// ── EQ-BAYES-10 ───────────────────────────────────────────────────────────
property('EQ-BAYES-10 with priors 1/K, predictProba is the normalised Π_j P(f_j|c_k); a balanced set learns priors of exactly 1/K (the uniform prior, bit for bit)', (rng) => ({ ...countData(rng, 30, 3, 4), copies: rng.int(1, 5) }), ({ X, y, copies }) => {
  const uniform = new MultinomialNB({ priors: 'uniform' }).fit(X, y);
  const logTheta = uniform.featureLogProb.data, [n, d] = X.shape as [number, number];
  const proba = uniform.predictProba(X);
  for (let i = 0; i < n; i++) {
    const likelihood = [0, 1, 2].map((k) => Math.exp(Array.from({ length: d }, (_, j) => X.data[i * d + j]! * logTheta[k * d + j]!).reduce((a, b) => a + b, 0)));
    const total = likelihood.reduce((a, b) => a + b, 0);
    if (total > 1e-250) assertClose(row(proba, i), likelihood.map((l) => l / total), { atol: 1e-12 });
  }
  assertClose(Array.from(uniform.classLogPrior.data), [1, 2, 3].map(() => -Math.log(3)), { atol: 1e-15 });
  const balanced = new GaussianNB().fit(mat(Array.from({ length: 3 * copies }, (_, i) => [i])), vec(Array.from({ length: 3 * copies }, (_, i) => i % 3)));
  assert.deepEqual(Array.from(balanced.classCount.data), [copies, copies, copies]);
  assert.equal(copies / (3 * copies), 1 / 3, 'n_k/n is 1/K exactly');
  const flat = new GaussianNB({ priors: 'uniform' }).fit(mat([[0], [1], [2]]), vec([0, 1, 2]));
  assertSameBits(balanced.classLogPrior.data, flat.classLogPrior.data, 'learned priors of a balanced set against the uniform prior');
});

// ── EQ-BAYES-11 ───────────────────────────────────────────────────────────
property('EQ-BAYES-11 with a uniform prior MAP and ML predict alike on every input; ML is argmax_k Π_j P(f_j|c_k)', (rng) => countData(rng, 40, 3, 4), ({ X, y }) => {
  const ml = new MultinomialNB({ priors: 'uniform' }).fit(X, y);
  const map = new MultinomialNB({ priors: vec([1 / 3, 1 / 3, 1 / 3]) }).fit(X, y);
  assert.deepEqual(Array.from(map.predict(X).data), Array.from(ml.predict(X).data));
  const logTheta = ml.featureLogProb.data, d = 4;
  for (let i = 0; i < X.shape[0]!; i++) {
    const loglik = [0, 1, 2].map((k) => Array.from({ length: d }, (_, j) => X.data[i * d + j]! * logTheta[k * d + j]!).reduce((a, b) => a + b, 0));
    assert.equal(ml.predict(take(X, [i])).data[0], argmax(loglik));
  }
});

test('EQ-BAYES-11 equal likelihoods, unequal priors: MAP takes the larger prior, ML ties and takes c₀', () => {
  // Both classes see the same rows, so every likelihood is equal; class 1 has 3 times the examples.
  const X = mat([[1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1]]);
  const y = vec([0, 0, 1, 1, 1, 1, 1, 1]);
  const map = new BernoulliNB({ binarize: null }).fit(X, y), ml = new BernoulliNB({ binarize: null, priors: 'uniform' }).fit(X, y);
  const inputs = mat([[1, 0], [0, 1], [1, 1]]);
  assert.deepEqual(Array.from(map.predict(inputs).data), [1, 1, 1]);
  assert.deepEqual(Array.from(ml.predict(inputs).data), [0, 0, 0]);
  assertClose(Array.from(map.predictProba(mat([[1, 0]])).data), [0.25, 0.75], { atol: 1e-15 });
});

// ── partialFit, feature order, edge cases ─────────────────────────────────
property('partialFit over batches gives the model of one fit (all three models)', (rng) => {
  const g = gaussianData(rng, rng.int(6, 60), 3, 3), c = countData(rng, rng.int(6, 60), 3, 4);
  const cuts = (n: number) => [...new Set([0, n, rng.int(1, n), rng.int(1, n)])].sort((a, b) => a - b);
  return { g, c, gCuts: cuts(g.X.shape[0]!), cCuts: cuts(c.X.shape[0]!) };
}, ({ g, c, gCuts, cCuts }) => {
  const batched = <M extends Model>(model: M, X: Tensor, y: Tensor, cuts: number[]): M => {
    for (let b = 0; b + 1 < cuts.length; b++) {
      const rows = Array.from({ length: cuts[b + 1]! - cuts[b]! }, (_, i) => cuts[b]! + i);
      model.partialFit(take(X, rows), take(y, rows));
    }
    return model;
  };
  const gaussianA = new GaussianNB({ nClasses: 3 }).fit(g.X, g.y), gaussianB = batched(new GaussianNB({ nClasses: 3 }), g.X, g.y, gCuts);
  assertClose(gaussianB.means, gaussianA.means, { atol: 1e-12, rtol: 1e-12 });
  assertClose(gaussianB.variances, gaussianA.variances, { atol: 1e-12, rtol: 1e-10 });
  assertClose(gaussianB.predictProba(g.X), gaussianA.predictProba(g.X), { atol: 1e-9 });
  for (const make of [() => new MultinomialNB({ nClasses: 3 }), () => new BernoulliNB({ nClasses: 3, binarize: 1 })]) {
    const a = make().fit(c.X, c.y), b = batched(make(), c.X, c.y, cCuts);
    assert.deepEqual(b.toJSON(), a.toJSON(), 'integer counts add up exactly');
  }
});

property('the order of the features does not change the posterior (1e-12)', (rng) => ({ g: gaussianData(rng, 30, 3, 4), c: countData(rng, 30, 3, 4), p: rng.permutation(4) }), ({ g, c, p }) => {
  const permute = (X: Tensor): Tensor => mat(Array.from({ length: X.shape[0]! }, (_, i) => Array.from(p, (j) => X.data[i * 4 + j]!)));
  for (const [make, data] of [[() => new GaussianNB(), g], [() => new MultinomialNB(), c], [() => new BernoulliNB(), c]] as const) {
    const a = make().fit(data.X, data.y), b = make().fit(permute(data.X), data.y);
    assertClose(b.predictProba(permute(data.X)), a.predictProba(data.X), { atol: 1e-12 });
  }
});

test('edge cases: one class; constant features; duplicate rows with different labels; a class absent from the data', () => {
  const one = new GaussianNB().fit(mat([[1, 2], [3, 4]]), vec([0, 0]));
  assert.deepEqual(Array.from(one.predictProba(mat([[9, 9]])).data), [1]);
  const constant = new GaussianNB().fit(mat([[5, 1], [5, 2], [5, 3], [5, 4]]), vec([0, 0, 1, 1]));
  assert.ok(Array.from(constant.predictProba(mat([[5, 1], [6, 4]])).data).every(Number.isFinite));
  const allConstant = new GaussianNB().fit(mat([[5], [5]]), vec([0, 1]));
  assert.equal(allConstant.epsilon, 1e-9, 'every feature constant: ε = varSmoothing');
  assert.deepEqual(Array.from(allConstant.predictProba(mat([[5]])).data), [0.5, 0.5]);
  const duplicates = new MultinomialNB({ alpha: 0 }).fit(mat([[1, 2], [1, 2], [1, 2]]), vec([0, 1, 1])); // equal likelihoods: the prior decides
  assertClose(Array.from(duplicates.predictProba(mat([[1, 2]])).data), [1 / 3, 2 / 3], { atol: 1e-15 });
  const absent = new GaussianNB({ nClasses: 3 }).fit(mat([[0], [1], [5], [6]]), vec([0, 0, 2, 2]));
  assert.equal(absent.predictProba(mat([[3]])).data[1], 0, 'a class without examples has posterior 0');
  const uniformAbsent = new MultinomialNB({ nClasses: 3, priors: 'uniform' }).fit(mat([[1, 0], [0, 1]]), vec([0, 2]));
  assert.equal(uniformAbsent.predictProba(mat([[1, 1]])).data[1], 0);
});

test('α = 0 with a word never seen in any class: the row is impossible under every class, a ValueError', () => {
  const model = new MultinomialNB({ alpha: 0 }).fit(mat([[1, 0, 0], [0, 1, 0]]), vec([0, 1]));
  assert.deepEqual(Array.from(model.predict(mat([[2, 0, 0]])).data), [0]);
  assert.throws(() => model.predictProba(mat([[0, 0, 1]])), ValueError);
  assert.throws(() => model.predict(mat([[0, 0, 1]])), ValueError);
  assert.throws(() => model.predictLogProba(mat([[0, 0, 1]])), ValueError);
  assert.deepEqual(Array.from(model.predictJointLogProba(mat([[0, 0, 1]])).data), [-Infinity, -Infinity]);
});

test('the Bernoulli model binarises at its threshold (x > threshold is present)', () => {
  const model = new BernoulliNB({ binarize: 2, alpha: 0 }).fit(mat([[3], [2], [0], [5]]), vec([0, 0, 1, 1]));
  assert.deepEqual(Array.from(model.featureCount.data), [1, 1]);
  assertClose(model.predictLogProba(mat([[2.5]])), new BernoulliNB({ binarize: null, alpha: 0 }).fit(mat([[1], [0], [0], [1]]), vec([0, 0, 1, 1])).predictLogProba(mat([[1]])), { atol: 0 });
});

// ── the shared estimator checks ───────────────────────────────────────────
const tolerance = { atol: 1e-12, rtol: 1e-9 };
estimatorChecks<GaussianNB>({
  name: 'GaussianNB', make: () => new GaussianNB(), fit: (m, X, y) => { m.fit(X, y!); }, output: (m, X) => m.predictProba(X),
  toJSON: (m) => m.toJSON(), fromJSON: (json) => GaussianNB.fromJSON(json), data: (rng) => gaussianData(rng, 30, 3, 3), order: tolerance,
});
estimatorChecks<MultinomialNB>({
  name: 'MultinomialNB', make: () => new MultinomialNB({ alpha: 0.5 }), fit: (m, X, y) => { m.fit(X, y!); }, output: (m, X) => m.predictProba(X),
  toJSON: (m) => m.toJSON(), fromJSON: (json) => MultinomialNB.fromJSON(json), data: (rng) => countData(rng, 30, 3, 4), order: tolerance,
});
estimatorChecks<BernoulliNB>({
  name: 'BernoulliNB', make: () => new BernoulliNB({ priors: vec([0.2, 0.3, 0.5]) }), fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predictLogProba(X), toJSON: (m) => m.toJSON(), fromJSON: (json) => BernoulliNB.fromJSON(json),
  data: (rng) => countData(rng, 30, 3, 4), order: tolerance,
});

