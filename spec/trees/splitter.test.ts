/**
 * EQ-TREES-04, the splitter: the sorted sweep with running counts
 * (findSplit) against brute force — every midpoint between consecutive
 * distinct values split from scratch and scored with impurity.ts, both by
 * the library's readable twin (bestSplitNaive) and by an enumeration written
 * here — for the three criteria, with ties and duplicates, and with
 * minSamplesLeaf. Also the sort under the sweep against Array.prototype.sort.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor, giniGain, informationGain, varianceReduction } from '../../src/trees/index.js';
import { SplitterScratch, bestSplitNaive, findSplit, midpoint } from '../../src/trees/splitter.js';
import type { Criterion, SplitData } from '../../src/trees/splitter.js';
import { sortPairs, sortPairsNaive } from '../../src/trees/sort.js';
import { rankColumns } from '../../src/trees/ranks.js';
import { RadixScratch, RankScratch, radixSortPairs, radixSortRanks } from '../../src/trees/radix-sort.js';
import { ValueError } from '../../src/errors/index.js';
import { assertClose, property } from '../harness/index.js';
import { classification, mat, regression, vec } from './support.js';

interface Case {
  data: SplitData;
  n: number;
  criterion: Criterion;
  minLeaf: number;
}

/** A random node: n examples, d features with few distinct values (ties) or continuous, and a criterion. */
function splitCase(rng: Rng): Case {
  const criterion = (['gini', 'entropy', 'mse'] as const)[rng.int(0, 3)]!;
  const n = rng.int(2, 40), d = rng.int(1, 5), K = rng.int(2, 5);
  const levels = rng.next() < 0.6 ? rng.int(1, 6) : 0; // levels 1: a constant feature
  const minLeaf = rng.next() < 0.5 ? 1 : rng.int(1, Math.max(2, Math.floor(n / 2)));
  if (criterion === 'mse') {
    const { X, y } = regression(rng, n, d, levels);
    return { data: { X: X.data, d, labels: null, K: 1, targets: y.data }, n, criterion, minLeaf };
  }
  const { X, y } = classification(rng, n, d, K, levels);
  return { data: { X: X.data, d, labels: Int32Array.from(y.data), K, targets: null }, n, criterion, minLeaf };
}

/** Every candidate of the node, scored here: feature, threshold, gain. */
function candidates({ data, n, criterion, minLeaf }: Case): { feature: number; threshold: number; gain: number }[] {
  const out: { feature: number; threshold: number; gain: number }[] = [];
  for (let f = 0; f < data.d; f++) {
    const values = [...new Set(Array.from({ length: n }, (_, i) => data.X[i * data.d + f]!))].sort((a, b) => a - b);
    for (let q = 0; q + 1 < values.length; q++) {
      const threshold = (values[q]! + values[q + 1]!) / 2;
      const side = Array.from({ length: n }, (_, i) => (data.X[i * data.d + f]! >= threshold ? 1 : 0));
      const right = side.reduce((a: number, b) => a + b, 0);
      if (right < minLeaf || n - right < minLeaf) continue;
      let gain: number;
      if (criterion === 'mse') gain = varianceReduction(vec(Array.from(data.targets!)), vec(side));
      else {
        const t = [new Array<number>(data.K).fill(0), new Array<number>(data.K).fill(0)];
        side.forEach((s, i) => { t[s]![data.labels![i]!]! += 1; });
        gain = criterion === 'gini' ? giniGain(mat(t)) : informationGain(mat(t));
      }
      out.push({ feature: f, threshold, gain });
    }
  }
  return out;
}

function stats(c: Case): { m: number; counts: Float64Array; mean: number } {
  const counts = new Float64Array(c.data.K);
  let sum = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.data.labels !== null) counts[c.data.labels[i]!]! += 1;
    else sum += c.data.targets![i]!;
  }
  return { m: c.n, counts, mean: sum / c.n };
}

const fast = (c: Case) => {
  const samples = Int32Array.from({ length: c.n }, (_, i) => i);
  return findSplit(c.data, samples, 0, c.n, stats(c), c.criterion, c.minLeaf, c.data.d, null, new SplitterScratch(rankColumns(c.data.X, c.n, c.data.d), c.n, c.data.K, c.data.d, c.criterion));
};

property('EQ-TREES-04 the sorted sweep finds the best of all midpoint thresholds (brute force), for gini, entropy and mse', splitCase, (c) => {
  const all = candidates(c);
  const split = fast(c);
  const naive = bestSplitNaive(c.data, Int32Array.from({ length: c.n }, (_, i) => i), c.criterion, c.minLeaf);
  if (all.length === 0) {
    assert.equal(split.feature, -1, 'no candidate, yet a split');
    assert.equal(naive.feature, -1);
    return;
  }
  const best = Math.max(...all.map((a) => a.gain));
  const scale = Math.max(1, Math.abs(best));
  // The chosen condition is a candidate, and its gain (scored here) is the best one.
  const chosen = all.find((a) => a.feature === split.feature && a.threshold === split.threshold);
  assert.ok(chosen !== undefined, `the split x${split.feature} ≥ ${split.threshold} is not a midpoint candidate`);
  assertClose(chosen.gain, best, { atol: 1e-12 * scale, rtol: 0 }, 'gain of the chosen split');
  assertClose(split.gain, best, { atol: 1e-10 * scale, rtol: 1e-9 }, 'gain the splitter reports');
  assertClose(naive.gain, best, { atol: 1e-12 * scale, rtol: 0 }, 'the naive twin');
  // Where the best is unique by a clear margin, all three name the same condition.
  const runnerUp = Math.max(-Infinity, ...all.filter((a) => a.gain < best - 1e-9 * scale).map((a) => a.gain));
  const clear = all.filter((a) => a.gain >= best - 1e-9 * scale).length === 1 && runnerUp < best - 1e-9 * scale;
  if (clear) {
    assert.deepEqual([split.feature, split.threshold], [naive.feature, naive.threshold]);
  }
}, { runs: 300 });

property('EQ-TREES-04 each feature has #distinct − 1 candidates; a constant feature is never chosen', (rng) => {
  const n = rng.int(2, 30), d = rng.int(2, 5);
  const { X, y } = classification(rng, n, d, 3, 4);
  const constant = rng.int(0, d);
  for (let i = 0; i < n; i++) X.data[i * d + constant] = 7;
  return { X, y, n, d, constant };
}, ({ X, y, n, d, constant }) => {
  const c: Case = { data: { X: X.data, d, labels: Int32Array.from(y.data), K: 3, targets: null }, n, criterion: 'gini', minLeaf: 1 };
  const all = candidates(c);
  for (let f = 0; f < d; f++) {
    const distinct = new Set(Array.from({ length: n }, (_, i) => X.data[i * d + f])).size;
    assert.equal(all.filter((a) => a.feature === f).length, distinct - 1, `feature ${f}`);
  }
  const model = new DecisionTreeClassifier().fit(X, y);
  assert.ok(!Array.from(model.tree.feature).includes(constant), 'a tree split on the constant feature');
});

test('EQ-TREES-04 criterion accepts gini and entropy (classifier) and mse (regressor), nothing else', () => {
  const { X, y } = classification(new Rng(4), 30, 3, 2);
  for (const criterion of ['gini', 'entropy'] as const) assert.ok(new DecisionTreeClassifier({ criterion }).fit(X, y).nLeaves >= 1);
  assert.ok(new DecisionTreeRegressor({ criterion: 'mse' }).fit(X, y).nLeaves >= 1);
  assert.throws(() => new DecisionTreeClassifier({ criterion: 'mse' as never }), ValueError);
  assert.throws(() => new DecisionTreeRegressor({ criterion: 'gini' as never }), ValueError);
});

test('EQ-TREES-04 a threshold lies strictly above the lower value and at most the upper, even between adjacent doubles', () => {
  assert.equal(midpoint(1, 2), 1.5);
  const a = 1, b = 1 + Number.EPSILON; // adjacent: (a + b)/2 rounds to a
  assert.equal(midpoint(a, b), b);
  assert.equal(midpoint(-1e308, 1e308), 0);
  assert.equal(midpoint(1.7e308, Number.MAX_VALUE), midpoint(1.7e308, Number.MAX_VALUE)); // finite, no overflow
  assert.ok(Number.isFinite(midpoint(1.7e308, Number.MAX_VALUE)));
  assert.equal(midpoint(0, Number.MIN_VALUE), Number.MIN_VALUE);
  // In a fitted tree, x_i < t ≤ x_{i+1}: the adjacent pair splits at the upper value.
  const model = new DecisionTreeClassifier().fit(mat([[a], [b]]), vec([0, 1]));
  assert.equal(model.tree.threshold[0], b);
  assert.deepEqual(Array.from(model.predict(mat([[a], [b]])).data), [0, 1]);
});

// ── the sort under the sweep ──────────────────────────────────────────────
property('EQ-TREES-04 sortPairs sorts the values and carries the indices along (ties, runs, sorted and reversed input, the heapsort fallback)', (rng) => {
  const n = rng.int(0, 400);
  const kind = rng.int(0, 5);
  const values = Array.from({ length: n }, (_, i) => {
    if (kind === 0) return rng.normal();
    if (kind === 1) return rng.int(0, 4); // long runs of equal values
    if (kind === 2) return i;             // sorted
    if (kind === 3) return n - i;         // reversed
    return i % 7;                         // organ pipe
  });
  return { values, heap: rng.next() < 0.2 };
}, ({ values, heap }) => {
  const n = values.length;
  const v = Float64Array.from(values), ix = Int32Array.from({ length: n }, (_, i) => i);
  sortPairs(v, ix, n, heap ? 0 : undefined);
  assert.deepEqual(Array.from(v), [...values].sort((a, b) => a - b));
  for (let i = 0; i < n; i++) assert.equal(v[i], values[ix[i]!], `index ${i} travelled apart from its value`);
  assert.deepEqual([...ix].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i), 'the indices are a permutation');
  const w = Float64Array.from(values), jx = Int32Array.from({ length: n }, (_, i) => i);
  sortPairsNaive(w, jx, n);
  assert.deepEqual(Array.from(w), Array.from(v), 'the naive twin agrees');
});

property('EQ-TREES-04 the radix sorts: doubles (signs, −0, subnormals, huge values, runs) and small integer ranks, against Array.prototype.sort', (rng) => {
  const n = rng.int(0, 3000);
  const special = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e308, -1e308, 1, -1, 2 ** -1074 * 3];
  const kind = rng.int(0, 3);
  const values = Array.from({ length: n }, () => {
    if (kind === 0) return rng.next() < 0.2 ? special[rng.int(0, special.length)]! : rng.normal(0, 10 ** rng.int(-5, 6));
    if (kind === 1) return rng.int(-3, 4); // runs
    return rng.normal(1000, 1e-9); // one shared exponent: the high digits are skipped
  });
  const bits = rng.int(0, 21);
  const ranks = Array.from({ length: n }, () => (bits === 0 ? 0 : rng.int(0, 2 ** bits)));
  return { values, ranks, bits };
}, ({ values, ranks, bits }) => {
  const n = values.length;
  const v = Float64Array.from(values), ix = Int32Array.from({ length: n }, (_, i) => i);
  radixSortPairs(v, ix, n, new RadixScratch(n));
  const expected = [...values].sort((a, b) => a - b);
  for (let i = 0; i < n; i++) {
    assert.ok(v[i] === expected[i], `entry ${i}: ${v[i]} vs ${expected[i]}`);
    assert.ok(Object.is(v[i], values[ix[i]!]), `index ${i} travelled apart from its value (bits of −0 kept)`);
  }
  const k = Int32Array.from(ranks), jx = Int32Array.from({ length: n }, (_, i) => i);
  radixSortRanks(k, jx, n, bits, new RankScratch(n));
  assert.deepEqual(Array.from(k), [...ranks].sort((a, b) => a - b));
  for (let i = 0; i < n; i++) assert.equal(k[i], ranks[jx[i]!]);
  assert.deepEqual([...jx].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
}, { runs: 60 });

property('EQ-TREES-04 column ranks order the rows as the values do, and name the values back', (rng) => {
  const n = rng.int(1, 2500), d = rng.int(1, 3);
  return { X: Float64Array.from({ length: n * d }, () => (rng.next() < 0.5 ? rng.int(0, 5) : rng.normal())), n, d };
}, ({ X, n, d }) => {
  const { ranks, distinct, offset, bits, rows } = rankColumns(X, n, d);
  assert.equal(rows, n);
  for (let j = 0; j < d; j++) {
    const column = Array.from({ length: n }, (_, i) => X[i * d + j]!);
    const values = [...new Set(column)].sort((a, b) => a - b);
    assert.deepEqual(Array.from(distinct.subarray(offset[j]!, offset[j + 1]!)), values);
    assert.equal(bits[j], 32 - Math.clz32(values.length - 1));
    for (let i = 0; i < n; i++) assert.equal(distinct[offset[j]! + ranks[j * n + i]!], column[i]);
  }
}, { runs: 30 });
