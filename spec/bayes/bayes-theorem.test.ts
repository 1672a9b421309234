/**
 * EQ-BAYES-01 … 06: Bayes' theorem, the evidence by total probability, the
 * relative posterior, its normalisation by a softmax of log-scores, the
 * chain rule and the naive conditional independence — on random joint
 * probability tables computed here, and through the library's models where
 * a model can stand for the table (a multinomial model over one one-hot
 * feature is exactly a table P(f | c)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { BernoulliNB, MultinomialNB } from '../../src/bayes/index.js';
import { logNormaliseRowsInto, logSumExp } from '../../src/bayes/log-space.js';
import { assertClose, property } from '../harness/index.js';
import { allBinary, bernoulliData, dirichlet, mat, row, vec } from './support.js';

/** A random joint table P(f, c), F values × K classes, as rows P(f = v, ·). */
function jointTable(rng: Rng): number[][] {
  const F = rng.int(2, 7), K = rng.int(2, 5);
  const cells = dirichlet(rng, F * K);
  return Array.from({ length: F }, (_, v) => cells.slice(v * K, v * K + K));
}

/**
 * A multinomial model that is the table: one row per class with fractional
 * counts P(f = v, c = k)·1000, α = 0, and priors P(c) given, so that
 * θ_kv = P(v | k) and the model's P(c | f = v) is the table's posterior.
 */
function tableModel(P: number[][]): MultinomialNB {
  const F = P.length, K = P[0]!.length;
  const prior = Array.from({ length: K }, (_, k) => P.reduce((a, r) => a + r[k]!, 0));
  const X = mat(Array.from({ length: K }, (_, k) => P.map((r) => r[k]! * 1000)));
  const priorSum = prior.reduce((a, b) => a + b, 0);
  return new MultinomialNB({ alpha: 0, priors: vec(prior.map((p) => p / priorSum)) }).fit(X, vec(Array.from({ length: K }, (_, k) => k)));
}

const oneHot = (F: number) => mat(Array.from({ length: F }, (_, v) => Array.from({ length: F }, (_, u) => (u === v ? 1 : 0))));

// ── EQ-BAYES-01 ───────────────────────────────────────────────────────────
property('EQ-BAYES-01 Bayes\' theorem P(c|f) = P(f|c)P(c)/P(f) equals P(f, c)/Σ_c P(f, c); in [0, 1], summing to 1; the model agrees', jointTable, (P) => {
  const F = P.length, K = P[0]!.length;
  const prior = Array.from({ length: K }, (_, k) => P.reduce((a, r) => a + r[k]!, 0));
  const model = tableModel(P).predictProba(oneHot(F));
  for (let v = 0; v < F; v++) {
    const evidence = P[v]!.reduce((a, b) => a + b, 0);
    const bayes = P[v]!.map((joint, k) => ((joint / prior[k]!) * prior[k]!) / evidence); // likelihood·prior/evidence
    const direct = P[v]!.map((joint) => joint / evidence);
    assertClose(bayes, direct, { atol: 1e-12 });
    assert.ok(bayes.every((p) => p >= 0 && p <= 1 + 1e-15));
    assertClose(bayes.reduce((a, b) => a + b, 0), 1, { atol: 1e-12 });
    assertClose(row(model, v), direct, { atol: 1e-12 }, `the model's posterior at f = ${v}`);
  }
});

property('EQ-BAYES-01 a Bernoulli model\'s posterior is Bayes\' theorem by brute force: Π_j likelihoods, priors, evidence by total probability', (rng) => {
  const K = rng.int(2, 4), d = rng.int(1, 6);
  const prior = dirichlet(rng, K), p = Array.from({ length: K }, () => Array.from({ length: d }, () => 0.05 + 0.9 * rng.next()));
  return { ...bernoulliData(rng, rng.int(K, 60), prior, p), alpha: rng.next() < 0.5 ? 1 : 0.5 };
}, ({ X, y, alpha }) => {
  const model = new BernoulliNB({ alpha, binarize: null }).fit(X, y);
  const K = model.nClasses, d = model.nFeatures;
  const n = model.classCount.data, N = model.featureCount.data;
  const total = n.reduce((a, b) => a + b, 0);
  const inputs = allBinary(d);
  const proba = model.predictProba(mat(inputs));
  inputs.forEach((x, m) => {
    const joint = Array.from({ length: K }, (_, k) => {
      if (n[k] === 0) return 0;
      let likelihood = 1;
      for (let j = 0; j < d; j++) {
        const pkj = (N[k * d + j]! + alpha) / (n[k]! + 2 * alpha);
        likelihood *= x[j] === 1 ? pkj : 1 - pkj;
      }
      return likelihood * (n[k]! / total);
    });
    const evidence = joint.reduce((a, b) => a + b, 0);
    assertClose(row(proba, m), joint.map((j) => j / evidence), { atol: 1e-12 }, `x = ${x.join('')}`);
  });
});

// ── EQ-BAYES-02 ───────────────────────────────────────────────────────────
property('EQ-BAYES-02 the evidence Σ_i P(f|c_i)P(c_i) is the marginal P(f), sums to 1 over f, and is one number for every class', jointTable, (P) => {
  const F = P.length, K = P[0]!.length;
  const prior = Array.from({ length: K }, (_, k) => P.reduce((a, r) => a + r[k]!, 0));
  const evidence = P.map((r) => r.reduce((a, joint, k) => a + (joint / prior[k]!) * prior[k]!, 0));
  assertClose(evidence, P.map((r) => r.reduce((a, b) => a + b, 0)), { atol: 1e-12 });
  assertClose(evidence.reduce((a, b) => a + b, 0), 1, { atol: 1e-12 });
  // The model: log P(f) = log P(f, c_k) − log P(c_k | f), the same for every k.
  const model = tableModel(P), X = oneHot(F);
  const joint = model.predictJointLogProba(X), posterior = model.predictLogProba(X);
  for (let v = 0; v < F; v++) {
    for (let k = 0; k < K; k++) {
      if (P[v]![k]! < 1e-300) continue;
      assertClose(row(joint, v)[k]! - row(posterior, v)[k]!, Math.log(evidence[v]!), { atol: 1e-12, rtol: 1e-12 }, `f = ${v}, k = ${k}`);
    }
  }
});

// ── EQ-BAYES-03 ───────────────────────────────────────────────────────────
property('EQ-BAYES-03 the relative posterior has the posterior\'s argmax, and posterior/relative = 1/P(f) for every k', jointTable, (P) => {
  const F = P.length;
  const model = tableModel(P), X = oneHot(F);
  const relative = model.predictJointLogProba(X), posterior = model.predictProba(X), predicted = model.predict(X);
  for (let v = 0; v < F; v++) {
    const r = row(relative, v), p = row(posterior, v);
    assert.equal(r.indexOf(Math.max(...r)), p.indexOf(Math.max(...p)));
    assert.equal(predicted.data[v], r.indexOf(Math.max(...r)));
    const evidence = P[v]!.reduce((a, b) => a + b, 0);
    r.forEach((z, k) => assertClose(p[k]! / Math.exp(z), 1 / evidence, { atol: 0, rtol: 1e-12 }, `k = ${k}`));
  }
});

// ── EQ-BAYES-04 ───────────────────────────────────────────────────────────
property('EQ-BAYES-04 softmax of the log-scores, e^{z_k}/Σ e^{z_j} with z = log s, is s/Σs', (rng) => Array.from({ length: rng.int(1, 8) }, () => Math.exp(rng.normal(0, 5))), (s) => {
  const z = Float64Array.from(s, Math.log);
  assert.equal(logNormaliseRowsInto(z, 1, s.length), -1);
  const total = s.reduce((a, b) => a + b, 0);
  assertClose(Array.from(z, Math.exp), s.map((x) => x / total), { atol: 1e-15, rtol: 1e-12 });
  assertClose(logSumExp(Float64Array.from(s, Math.log), 0, s.length), Math.log(total), { atol: 1e-12, rtol: 1e-12 });
});

test('EQ-BAYES-04 negative control: softmax of the relative posteriors themselves is not their normalisation', () => {
  const s = [0.02, 0.01];
  const softmax = s.map((x) => Math.exp(x) / (Math.exp(s[0]!) + Math.exp(s[1]!)));
  assertClose(softmax, [0.5025, 0.4975], { atol: 1e-4 });
  assertClose(s.map((x) => x / 0.03), [2 / 3, 1 / 3], { atol: 1e-15 });
  const z = Float64Array.from(s, Math.log);
  logNormaliseRowsInto(z, 1, 2);
  assertClose(Array.from(z, Math.exp), [2 / 3, 1 / 3], { atol: 1e-15 });
  // Very negative and very different log-scores: no overflow, no 0/0.
  const far = Float64Array.of(-1e6, -1e6 - 3, -Infinity);
  logNormaliseRowsInto(far, 1, 3);
  assertClose(Array.from(far, Math.exp), [1 / (1 + Math.exp(-3)), Math.exp(-3) / (1 + Math.exp(-3)), 0], { atol: 1e-15 });
  assert.equal(logSumExp([-Infinity, -Infinity], 0, 2), -Infinity);
});

test('EQ-BAYES-04 2000 features with P(f_j | c) ≈ 1e-3: the product underflows to 0/0, the log-space posterior is valid', () => {
  const d = 2000, rng = new Rng(3);
  const counts = [0, 1].map(() => Array.from({ length: d }, () => 1 + rng.int(0, 3)));
  const model = new MultinomialNB({ alpha: 1 }).fit(mat(counts), vec([0, 1]));
  const x = Array.from({ length: d }, () => 1);
  const logTheta = model.featureLogProb.data;
  const products = [0, 1].map((k) => x.reduce((p, xj, j) => p * Math.exp(logTheta[k * d + j]!) ** xj, 0.5));
  assert.deepEqual(products, [0, 0], 'the naive product underflows');
  assert.ok(Number.isNaN(products[0]! / (products[0]! + products[1]!)));
  const proba = Array.from(model.predictProba(mat([x])).data);
  assert.ok(proba.every(Number.isFinite));
  assertClose(proba[0]! + proba[1]!, 1, { atol: 1e-15 });
  // Against the log-odds summed here: P(c₁ | x) = σ(z₁ − z₀).
  let logOdds = 0;
  for (let j = 0; j < d; j++) logOdds += logTheta[d + j]! - logTheta[j]!;
  assertClose(proba[1]!, 1 / (1 + Math.exp(-logOdds)), { atol: 1e-12 });
});

// ── EQ-BAYES-05 ───────────────────────────────────────────────────────────
/** A random joint over 3 binary features × 3 classes, indexed [f₁][f₂][f₃][c] as a flat array. */
const joint3 = (rng: Rng) => dirichlet(rng, 2 * 2 * 2 * 3);
const at = (f: readonly number[], c: number) => ((f[0]! * 2 + f[1]!) * 2 + f[2]!) * 3 + c;

/** P of the event that the features listed in `fixed` take their values (others summed out), jointly with class c. */
function marginal(P: readonly number[], fixed: ReadonlyMap<number, number>, c: number): number {
  let s = 0;
  for (const f of allBinary(3)) if ([...fixed].every(([j, v]) => f[j] === v)) s += P[at(f, c)]!;
  return s;
}

property('EQ-BAYES-05 the chain rule P(f₁, f₂, f₃, c) = P(f₁|f₂, f₃, c)·P(f₂|f₃, c)·P(f₃|c)·P(c), for every order of the features', joint3, (P) => {
  const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  for (const f of allBinary(3)) {
    for (let c = 0; c < 3; c++) {
      for (const order of orders) {
        // P(f_{o1} | f_{o2}, f_{o3}, c) · P(f_{o2} | f_{o3}, c) · P(f_{o3} | c) · P(c)
        let product = marginal(P, new Map(), c);
        for (let step = order.length - 1; step >= 0; step--) {
          const given = new Map(order.slice(step + 1).map((j) => [j, f[j]!] as [number, number]));
          const withIt = new Map([...given, [order[step]!, f[order[step]!]!]]);
          product *= marginal(P, withIt, c) / marginal(P, given, c);
        }
        assertClose(product, P[at(f, c)]!, { atol: 1e-12 }, `f = ${f.join('')}, c = ${c}, order ${order.join('')}`);
      }
    }
  }
});

// ── EQ-BAYES-06 ───────────────────────────────────────────────────────────
property('EQ-BAYES-06 for a joint built as P(c)·Π_j P(f_j|c), P(f_i | f_rest, c) = P(f_i | c); for a generic joint it is not', (rng) => ({
  prior: dirichlet(rng, 3), p: Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => 0.05 + 0.9 * rng.next())), generic: joint3(rng),
}), ({ prior, p, generic }) => {
  const P = new Array<number>(24).fill(0);
  for (const f of allBinary(3)) for (let c = 0; c < 3; c++) P[at(f, c)] = prior[c]! * f.reduce((a, fj, j) => a * (fj === 1 ? p[c]![j]! : 1 - p[c]![j]!), 1);
  let worst = 0;
  for (const f of allBinary(3)) {
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 3; i++) {
        const rest = new Map([0, 1, 2].filter((j) => j !== i).map((j) => [j, f[j]!] as [number, number]));
        const full = new Map([...rest, [i, f[i]!]]);
        const conditional = marginal(P, full, c) / marginal(P, rest, c);
        assertClose(conditional, marginal(P, new Map([[i, f[i]!]]), c) / marginal(P, new Map(), c), { atol: 1e-12 });
        worst = Math.max(worst, Math.abs(marginal(generic, full, c) / marginal(generic, rest, c) - marginal(generic, new Map([[i, f[i]!]]), c) / marginal(generic, new Map(), c)));
      }
    }
  }
  assert.ok(worst > 1e-3, `a Dirichlet joint happened to be conditionally independent (${worst})`);
});

test('EQ-BAYES-06 a Bernoulli model fitted to a conditionally independent generator recovers P(f_j | c) within binomial error (seed 6)', () => {
  const rng = new Rng(6);
  const prior = [0.5, 0.3, 0.2], p = [[0.1, 0.5, 0.9, 0.3], [0.7, 0.2, 0.4, 0.6], [0.5, 0.5, 0.05, 0.95]];
  const { X, y } = bernoulliData(rng, 20_000, prior, p);
  const model = new BernoulliNB({ alpha: 0, binarize: null }).fit(X, y);
  const n = model.classCount.data, logP = model.featureLogProb.data;
  for (let k = 0; k < 3; k++) {
    assert.ok(Math.abs(n[k]! / 20_000 - prior[k]!) < 4.5 * Math.sqrt((prior[k]! * (1 - prior[k]!)) / 20_000), `prior ${k}`);
    for (let j = 0; j < 4; j++) {
      const se = Math.sqrt((p[k]![j]! * (1 - p[k]![j]!)) / n[k]!);
      assert.ok(Math.abs(Math.exp(logP[k * 4 + j]!) - p[k]![j]!) < 4.5 * se, `p[${k}][${j}] = ${Math.exp(logP[k * 4 + j]!)} vs ${p[k]![j]}`);
    }
  }
});
