/**
 * EQ-TREES-05 … 09 on their own: entropy and Gini bounds, the information
 * gain as mutual information, the non-negativity of every weighted gain
 * (and the pinned counterexample to the pointwise reading), the variance
 * reduction as the between-groups variance. The expected side is a formula
 * written here from joint counts, or a closed form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entropy, gini, giniGain, informationGain, varianceReduction } from '../../src/trees/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { mat, vec } from './support.js';

/** Random class counts [K], K in 2 … 6, some entries 0. */
function counts(rng: Rng): number[] {
  const K = rng.int(2, 7);
  return Array.from({ length: K }, () => (rng.next() < 0.2 ? 0 : rng.int(0, 20))).map((c, k, all) => (all.every((x) => x === 0) && k === 0 ? 1 : c));
}

/** A random C×K count table (C children in 2 … 5), with a positive total. */
function table(rng: Rng): number[][] {
  const C = rng.int(2, 6), K = rng.int(2, 6);
  const rows = Array.from({ length: C }, () => Array.from({ length: K }, () => (rng.next() < 0.3 ? 0 : rng.int(0, 30))));
  rows[0]![0]! += 1;
  return rows;
}

/** The same table with `p` permuting its rows (children) or columns (classes). */
const permuteRows = (t: number[][], p: readonly number[]): number[][] => p.map((i) => t[i]!);
const permuteColumns = (t: number[][], p: readonly number[]): number[][] => t.map((r) => p.map((k) => r[k]!));

/** I(class; child) = Σ p(c, k)·log₂(p(c, k)/(p(c)·p(k))) from the joint counts. */
function mutualInformation(t: number[][]): number {
  const n = t.flat().reduce((a, b) => a + b, 0);
  const rowSum = t.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = t[0]!.map((_, k) => t.reduce((a, r) => a + r[k]!, 0));
  let mi = 0;
  t.forEach((r, c) => r.forEach((x, k) => {
    if (x > 0) mi += (x / n) * Math.log2((x * n) / (rowSum[c]! * colSum[k]!));
  }));
  return mi;
}

// ── EQ-TREES-05 ───────────────────────────────────────────────────────────
property('EQ-TREES-05 0 ≤ H ≤ log₂ K, 0 iff pure, log₂ K iff uniform, invariant to permuting classes, no NaN', counts, (c) => {
  const H = entropy(vec(c));
  const K = c.length;
  assert.ok(Number.isFinite(H), `H = ${H}`);
  assert.ok(H >= 0 && H <= Math.log2(K) + 1e-12, `H = ${H} outside [0, log₂ ${K}]`);
  const present = c.filter((x) => x > 0).length;
  assert.equal(H === 0, present === 1, `H = ${H} with ${present} classes present`);
  assert.equal(Math.abs(H - Math.log2(K)) <= 1e-12, c.every((x) => x === c[0]), `H = ${H}, log₂ K = ${Math.log2(K)}`);
  assertClose(entropy(vec([...c].reverse())), H, {}, 'reversed classes');
  assertClose(entropy(vec([...c.slice(1), c[0]!])), H, {}, 'rotated classes');
});

test('EQ-TREES-05 H([0.9, 0.1]) = 0.468996 bits; H([½, ½]) = 1 bit; H of 8 equal classes = 3 bits; 0·log 0 := 0', () => {
  assertClose(entropy(vec([0.9, 0.1])), 0.4689955935892812, { atol: 1e-15 });
  assert.equal(entropy(vec([9, 1])), entropy(vec([0.9, 0.1])));
  assertClose(entropy(vec([1, 1])), 1, { atol: 1e-15 });
  assertClose(entropy(vec([2, 2, 2, 2, 2, 2, 2, 2])), 3, { atol: 1e-15 });
  assert.equal(entropy(vec([0, 5, 0])), 0);
  assert.ok(!Object.is(entropy(vec([0, 5, 0])), -0), 'a pure node has H = +0');
  // Bits, not nats: the natural-log entropy is smaller by ln 2.
  const nats = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
  assertClose(entropy(vec([0.9, 0.1])) * Math.LN2, nats, { atol: 1e-15 });
});

// ── EQ-TREES-06 ───────────────────────────────────────────────────────────
property('EQ-TREES-06 IG = H(parent) − Σ (n_c/n)·H(child_c) equals the mutual information of class and child', table, (t) => {
  const ig = informationGain(mat(t));
  assertClose(ig, mutualInformation(t), { atol: 1e-12 });
  const C = t.length, K = t[0]!.length;
  assertClose(informationGain(mat(permuteRows(t, Array.from({ length: C }, (_, i) => C - 1 - i)))), ig, { atol: 1e-12 }, 'children swapped');
  assertClose(informationGain(mat(permuteColumns(t, Array.from({ length: K }, (_, k) => K - 1 - k)))), ig, { atol: 1e-12 }, 'classes permuted');
});

property('EQ-TREES-06 IG = H(parent) for pure children; IG = 0 for children with the parent\'s proportions', (rng) => {
  const K = rng.int(2, 6);
  const parent = Array.from({ length: K }, () => rng.int(1, 10));
  const scale = rng.int(1, 4);
  return { parent, scale };
}, ({ parent, scale }) => {
  const K = parent.length;
  const pure = parent.map((n, c) => Array.from({ length: K }, (_, k) => (k === c ? n : 0)));
  assertClose(informationGain(mat(pure)), entropy(vec(parent)), { atol: 1e-12 });
  const proportional = [parent, parent.map((n) => n * scale)];
  assertClose(informationGain(mat(proportional)), 0, { atol: 1e-12 });
});

// ── EQ-TREES-07 ───────────────────────────────────────────────────────────
property('EQ-TREES-07 the weighted IG of 10⁴ random splits (2–5 children) is ≥ −1e-12', table, (t) => {
  const ig = informationGain(mat(t));
  assert.ok(ig >= -1e-12, `IG = ${ig} for ${JSON.stringify(t)}`);
}, { runs: 10_000 });

test('EQ-TREES-07 pinned counterexample to the pointwise reading: [9, 1] → [8, 0] + [1, 1]', () => {
  const parent = entropy(vec([9, 1]));
  assertClose(parent, 0.4689955935892812, { atol: 1e-15 });
  const pointwise = parent - entropy(vec([1, 1])); // H(x) − H(x | a = right): the right child alone
  assertClose(pointwise, -0.5310044064107188, { atol: 1e-15 });
  assert.ok(pointwise < 0, 'one outcome can raise the entropy');
  const weighted = informationGain(mat([[8, 0], [1, 1]]));
  assertClose(weighted, 0.4689955935892812 - (2 / 10) * 1, { atol: 1e-15 });
  assert.ok(weighted > 0, 'the weighted gain stays positive');
});

// ── EQ-TREES-08 ───────────────────────────────────────────────────────────
property('EQ-TREES-08 0 ≤ G ≤ 1 − 1/K, 0 iff pure, 1 − 1/K iff uniform; binary G = 2p(1 − p)', counts, (c) => {
  const G = gini(vec(c));
  const K = c.length;
  assert.ok(G >= 0 && G <= 1 - 1 / K + 1e-12, `G = ${G}`);
  assert.equal(G === 0, c.filter((x) => x > 0).length === 1);
  assert.equal(Math.abs(G - (1 - 1 / K)) <= 1e-12, c.every((x) => x === c[0]));
  const p = c[0]! / (c[0]! + c[1]!);
  if (c[0]! + c[1]! > 0) assertClose(gini(vec([c[0]!, c[1]!])), 2 * p * (1 - p), { atol: 1e-15 });
});

property('EQ-TREES-08 the weighted Gini gain of random splits is ≥ −1e-12', table, (t) => {
  const g = giniGain(mat(t));
  assert.ok(g >= -1e-12, `gain = ${g}`);
}, { runs: 2000 });

property('EQ-TREES-08 pure children give the maximal gain G(parent) (and H(parent)); proportional children give 0', (rng) => {
  const K = rng.int(2, 6);
  return { parent: Array.from({ length: K }, () => rng.int(1, 10)), splits: rng.int(2, 4) };
}, ({ parent, splits }) => {
  const K = parent.length;
  const pure = parent.map((n, c) => Array.from({ length: K }, (_, k) => (k === c ? n : 0)));
  assertClose(giniGain(mat(pure)), gini(vec(parent)), { atol: 1e-12 });
  const proportional = Array.from({ length: splits }, (_, s) => parent.map((n) => n * (s + 1)));
  assertClose(giniGain(mat(proportional)), 0, { atol: 1e-12 });
  assertClose(informationGain(mat(proportional)), 0, { atol: 1e-12 });
  // No split beats pure children: a random split of the same parent gains at most G(parent).
  const split = [parent.map((n) => Math.floor(n / 2)), parent.map((n) => n - Math.floor(n / 2))];
  assert.ok(giniGain(mat(split)) <= gini(vec(parent)) + 1e-12);
});

// ── EQ-TREES-09 ───────────────────────────────────────────────────────────
/** Targets and child indices of a random regression split. */
function regressionSplit(rng: Rng): { y: number[]; child: number[] } {
  const n = rng.int(2, 40), C = rng.int(2, 5), scale = 10 ** rng.int(-2, 4);
  const y = Array.from({ length: n }, () => rng.normal(rng.int(-3, 4), scale));
  const child = Array.from({ length: n }, () => rng.int(0, C));
  return { y, child };
}

property('EQ-TREES-09 the variance reduction is ≥ −1e-12·Var and equals the between-children variance Σ (n_c/n)(ȳ_c − ȳ)²', regressionSplit, ({ y, child }) => {
  const reduction = varianceReduction(vec(y), vec(child));
  const n = y.length, mean = y.reduce((a, b) => a + b, 0) / n;
  const parent = y.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
  assert.ok(reduction >= -1e-12 * Math.max(parent, 1), `reduction = ${reduction}`);
  let between = 0;
  for (const c of new Set(child)) {
    const ys = y.filter((_, i) => child[i] === c);
    const m = ys.reduce((a, b) => a + b, 0) / ys.length;
    between += (ys.length / n) * (m - mean) ** 2;
  }
  assertClose(reduction, between, { atol: 1e-12 * Math.max(parent, 1), rtol: 1e-9 });
});

test('EQ-TREES-09 a split into constant children removes all the variance; one child removes none', () => {
  const y: Tensor = vec([1, 1, 1, 5, 5]);
  assertClose(varianceReduction(y, vec([0, 0, 0, 1, 1])), 3.84, { atol: 1e-14 }); // Var = 3.84 = 0.6·0.4·4²
  assert.equal(varianceReduction(y, vec([0, 0, 0, 0, 0])), 0);
});
