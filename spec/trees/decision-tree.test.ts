/**
 * EQ-TREES-01/02/03/09/10 on fitted trees: inference along one path, axis-
 * aligned conditions, greedy growth (structure, purity, training accuracy,
 * the slide's example), regression leaves, the stopping rules, cost-
 * complexity pruning against a dynamic programme over all prunings, feature
 * importances recomputed from the rows each node holds, labels, and the
 * shared estimator checks. The expected side walks the tree's arrays by hand
 * (support.ts) and recounts the training rows at each node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor, entropy, gini } from '../../src/trees/index.js';
import type { DecisionTreeJSON, TreeArrays } from '../../src/trees/index.js';
import { assertClose, property } from '../harness/index.js';
import { estimatorChecks } from '../harness/estimator.js';
import { accuracy, classification, depths, mat, membership, pathOf, regression, row, vec } from './support.js';

/** Class counts of the rows `rows` (labels y, K classes). */
const countsOf = (y: Tensor, rows: readonly number[], K: number): number[] => {
  const c = new Array<number>(K).fill(0);
  for (const i of rows) c[y.data[i]!]! += 1;
  return c;
};

/** Drop rows whose features repeat an earlier row's with another label (conflicting duplicates). */
function withoutConflicts(X: Tensor, y: Tensor): { X: Tensor; y: Tensor } {
  const seen = new Map<string, number>();
  const keep: number[] = [];
  for (let i = 0; i < X.shape[0]!; i++) {
    const key = row(X, i).join(',');
    const label = seen.get(key);
    if (label === undefined) {
      seen.set(key, y.data[i]!);
      keep.push(i);
    } else if (label === y.data[i]) keep.push(i);
  }
  return { X: mat(keep.map((i) => row(X, i))), y: vec(keep.map((i) => y.data[i]!)) };
}

// ── EQ-TREES-01 ───────────────────────────────────────────────────────────
/** The slide's tree: num_legs ≥ 3? yes → num_eyes ≥ 3? (classes: 0 "no", 1 "yes"). */
function slideTree(): DecisionTreeClassifier {
  const json = new DecisionTreeClassifier().toJSON() as DecisionTreeJSON;
  json.fitted = {
    nFeatures: 2, nOutputs: 2,
    tree: {
      feature: [0, -1, 1, -1, -1],
      threshold: [3, 'NaN', 3, 'NaN', 'NaN'],
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      value: { shape: [5, 2], data: [0.5, 0.5, 1, 0, 0.25, 0.75, 0, 1, 1, 0] },
      nSamples: [8, 4, 4, 3, 1],
      impurity: [0.5, 0, 0.375, 0, 0],
    },
  };
  return DecisionTreeClassifier.fromJSON(JSON.parse(JSON.stringify(json)));
}

test('EQ-TREES-01 the slide\'s tree: {num_legs: 4, num_eyes: 2} goes yes, then no; a value equal to the threshold goes yes', () => {
  const model = slideTree();
  assert.deepEqual(pathOf(model.tree, [4, 2]), [0, 2, 3]);
  assert.deepEqual(Array.from(model.apply(mat([[4, 2], [3, 3], [2, 9], [3, 2.999]])).data), [3, 4, 1, 3]);
  assert.deepEqual(Array.from(model.predict(mat([[4, 2], [3, 3], [2, 9]])).data), [1, 0, 0]);
  assert.equal(model.toText({ featureNames: ['num_legs', 'num_eyes'], classNames: ['no', 'yes'] }), [
    'num_legs ≥ 3?           n = 8, gini = 0.5',
    '├─ yes: num_eyes ≥ 3?   n = 4, gini = 0.375',
    '│  ├─ yes: class no     n = 1, gini = 0, p = [1, 0]',
    '│  └─ no: class yes     n = 3, gini = 0, p = [0, 1]',
    '└─ no: class no         n = 4, gini = 0, p = [1, 0]',
  ].join('\n'));
});

property('EQ-TREES-01 every example follows exactly one root-to-leaf path, no longer than the depth', (rng) => {
  const { X, y } = classification(rng, rng.int(5, 60), rng.int(1, 4), 3, rng.next() < 0.5 ? 4 : 0);
  return { X, y, maxDepth: rng.int(0, 6) };
}, ({ X, y, maxDepth }) => {
  const model = new DecisionTreeClassifier({ maxDepth }).fit(X, y);
  const leaves = model.apply(X).data;
  for (let i = 0; i < X.shape[0]!; i++) {
    const path = pathOf(model.tree, row(X, i));
    assert.equal(leaves[i], path[path.length - 1], `row ${i}`);
    assert.ok(path.length - 1 <= model.depth, 'path longer than the depth');
    assert.equal(model.tree.feature[path[path.length - 1]!], -1, 'the path ends at a leaf');
  }
});

// ── EQ-TREES-02 ───────────────────────────────────────────────────────────
property('EQ-TREES-02 each condition x_f ≥ t is the oblique condition wᵀx ≥ t with w = e_f', (rng) => classification(rng, 40, 3, 2), ({ X, y }) => {
  const tree = new DecisionTreeClassifier({ maxDepth: 4 }).fit(X, y).tree;
  for (let i = 0; i < X.shape[0]!; i++) {
    const x = row(X, i);
    for (let t = 0; t < tree.nodeCount; t++) {
      if (tree.feature[t]! < 0) continue;
      const w: number[] = x.map((_, j) => (j === tree.feature[t] ? 1 : 0));
      const wx = w.reduce((s, wj, j) => s + wj * x[j]!, 0);
      assert.equal(wx >= tree.threshold[t]!, x[tree.feature[t]!]! >= tree.threshold[t]!);
    }
  }
});

property('EQ-TREES-02 a strictly increasing transform of the features (exp) leaves the training partition unchanged', (rng) => classification(rng, rng.int(10, 60), 3, 3), ({ X, y }) => {
  const Xexp: Tensor = { shape: X.shape, data: X.data.map(Math.exp) };
  const a = new DecisionTreeClassifier().fit(X, y), b = new DecisionTreeClassifier().fit(Xexp, y);
  assert.deepEqual(Array.from(b.tree.feature), Array.from(a.tree.feature));
  assert.deepEqual(Array.from(b.apply(Xexp).data), Array.from(a.apply(X).data), 'leaf of each training row');
});

test('EQ-TREES-02 demo: on the diagonal boundary x₁ > x₂ a depth-1 axis-aligned tree falls short, the oblique split (1, −1)·x > 0 does not', () => {
  const rng = new Rng(2);
  const rows = Array.from({ length: 400 }, () => [rng.next(), rng.next()]);
  const X = mat(rows), y = vec(rows.map(([a, b]) => (a! > b! ? 1 : 0)));
  const stump = accuracy(y, new DecisionTreeClassifier({ maxDepth: 1 }).fit(X, y).predict(X));
  let hits = 0;
  rows.forEach(([a, b], i) => { if (Number(a! - b! > 0) === y.data[i]) hits++; });
  const oblique = hits / rows.length;
  assert.equal(oblique, 1);
  assert.ok(stump < 0.9, `depth-1 axis-aligned accuracy ${stump}`);
});

// ── EQ-TREES-03 ───────────────────────────────────────────────────────────
property('EQ-TREES-03 internal nodes have two children whose rows partition the parent\'s; pure nodes are leaves', (rng) => classification(rng, rng.int(2, 80), rng.int(1, 4), rng.int(2, 4), rng.next() < 0.5 ? 3 : 0), ({ X, y }) => {
  const model = new DecisionTreeClassifier({ criterion: 'entropy' }).fit(X, y);
  const tree = model.tree, K = model.nClasses;
  const sets = membership(tree, X);
  for (let t = 0; t < tree.nodeCount; t++) {
    assert.equal(tree.nSamples[t], sets[t]!.length, `nSamples of node ${t}`);
    const present = countsOf(y, sets[t]!, K).filter((c) => c > 0).length;
    if (tree.feature[t]! < 0) continue;
    const l = tree.left[t]!, r = tree.right[t]!;
    assert.ok(l > t && r > t && l !== r, `children of ${t}`);
    assert.deepEqual([...sets[l]!, ...sets[r]!].sort((a, b) => a - b), [...sets[t]!].sort((a, b) => a - b), `rows of node ${t}`);
    assert.ok(present >= 2, `node ${t} is pure but was split`);
  }
});

property('EQ-TREES-03 unlimited depth fits the training set exactly when no two equal rows disagree', (rng) => withoutConflicts(...Object.values(classification(rng, rng.int(2, 120), rng.int(1, 4), rng.int(2, 5), rng.next() < 0.7 ? 3 : 0)) as [Tensor, Tensor]), ({ X, y }) => {
  for (const criterion of ['gini', 'entropy'] as const) {
    assert.equal(accuracy(y, new DecisionTreeClassifier({ criterion }).fit(X, y).predict(X)), 1, criterion);
  }
});

test('EQ-TREES-03 XOR: every single split has gain 0; the default accepts them and fits exactly, a positive minImpurityDecrease makes a leaf', () => {
  const X = mat([[0, 0], [0, 1], [1, 0], [1, 1]]), y = vec([0, 1, 1, 0]);
  assert.equal(accuracy(y, new DecisionTreeClassifier().fit(X, y).predict(X)), 1);
  const stopped = new DecisionTreeClassifier({ minImpurityDecrease: 1e-12 }).fit(X, y);
  assert.equal(stopped.nLeaves, 1, 'no candidate has a positive score: the root is a leaf');
});

test('EQ-TREES-03 the slide\'s example: the root splits x₁ at 1, its "no" child is pure, its "yes" child splits x₂ at 0.5', () => {
  const X = mat([[0, 0.9], [0.5, 0.1], [0, 0.2], [0.5, 0.8], [1.5, 0], [2, 0.25], [1.5, 0.75], [2, 1]]);
  const y = vec([0, 0, 0, 0, 1, 1, 2, 2]);
  const tree = new DecisionTreeClassifier().fit(X, y).tree;
  assert.deepEqual(Array.from(tree.feature), [0, -1, 1, -1, -1]);
  assert.deepEqual(Array.from(tree.threshold.subarray(0, 3)), [1, NaN, 0.5]); // midpoints of 0.5|1.5 and 0.25|0.75
  assert.deepEqual(Array.from(tree.value.data), [0.5, 0.25, 0.25, 1, 0, 0, 0, 0.5, 0.5, 0, 1, 0, 0, 0, 1]);
});

// ── EQ-TREES-09 ───────────────────────────────────────────────────────────
property('EQ-TREES-09 a regression leaf predicts the mean of its targets, which minimises the leaf\'s squared error', (rng) => regression(rng, rng.int(2, 80), rng.int(1, 4), rng.next() < 0.5 ? 4 : 0), ({ X, y }) => {
  const model = new DecisionTreeRegressor({ maxDepth: 3 }).fit(X, y);
  const tree = model.tree, sets = membership(tree, X);
  for (let t = 0; t < tree.nodeCount; t++) {
    if (tree.feature[t]! >= 0) continue;
    const ys = sets[t]!.map((i) => y.data[i]!);
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    assertClose(tree.value.data[t]!, mean, { atol: 1e-12, rtol: 1e-12 }, `leaf ${t}`);
    const sse = (c: number) => ys.reduce((a, v) => a + (v - c) ** 2, 0);
    for (const delta of [1e-3, -1e-3]) assert.ok(sse(mean + delta) > sse(tree.value.data[t]!) - 1e-9, 'a shifted constant fits better');
    const variance = sse(mean) / ys.length;
    assertClose(tree.impurity[t]!, variance, { atol: 1e-12, rtol: 1e-9 }, `impurity of leaf ${t}`);
  }
});

property('EQ-TREES-09 noise-free step y = 1[x ≥ 0.3]: one split between the samples either side of 0.3, leaves exactly 0 and 1', (rng) => {
  const xs = Array.from({ length: rng.int(4, 60) }, () => rng.next());
  xs.push(0.1, 0.6);
  return xs;
}, (xs) => {
  const model = new DecisionTreeRegressor().fit(mat(xs.map((x) => [x])), vec(xs.map((x) => (x >= 0.3 ? 1 : 0))));
  const below = Math.max(...xs.filter((x) => x < 0.3)), above = Math.min(...xs.filter((x) => x >= 0.3));
  const tree = model.tree;
  assert.equal(tree.nodeCount, 3);
  assert.equal(tree.threshold[0], (below + above) / 2);
  assert.deepEqual([tree.value.data[tree.left[0]!], tree.value.data[tree.right[0]!]], [0, 1]);
});

// ── EQ-TREES-10 ───────────────────────────────────────────────────────────
property('EQ-TREES-10 depth ≤ maxDepth; internal nodes hold ≥ minSamplesSplit rows; leaves hold ≥ minSamplesLeaf rows', (rng) => {
  const { X, y } = classification(rng, rng.int(10, 120), rng.int(1, 4), 3, rng.next() < 0.5 ? 5 : 0);
  return { X, y, maxDepth: rng.int(1, 11), split: rng.int(2, 12), leaf: rng.int(1, 8) };
}, ({ X, y, maxDepth, split, leaf }) => {
  const deep = new DecisionTreeClassifier({ maxDepth }).fit(X, y);
  assert.ok(Math.max(...depths(deep.tree)) <= maxDepth, `depth ${deep.depth} > ${maxDepth}`);
  const bySplit = new DecisionTreeClassifier({ minSamplesSplit: split }).fit(X, y).tree;
  const splitSets = membership(bySplit, X);
  for (let t = 0; t < bySplit.nodeCount; t++) if (bySplit.feature[t]! >= 0) assert.ok(splitSets[t]!.length >= split, `node ${t}`);
  const byLeaf = new DecisionTreeClassifier({ minSamplesLeaf: leaf }).fit(X, y).tree;
  const leafSets = membership(byLeaf, X);
  for (let t = 0; t < byLeaf.nodeCount; t++) if (byLeaf.feature[t]! < 0) assert.ok(leafSets[t]!.length >= leaf, `leaf ${t}`);
});

test('EQ-TREES-10 maxDepth = 0 is one leaf: the majority class (ties to the lowest), or the mean', () => {
  const X = mat([[0], [1], [2], [3], [4]]);
  const c = new DecisionTreeClassifier({ maxDepth: 0 }).fit(X, vec([2, 1, 2, 0, 1]));
  assert.equal(c.nLeaves, 1);
  assert.deepEqual(Array.from(c.predict(X).data), [1, 1, 1, 1, 1]);
  const r = new DecisionTreeRegressor({ maxDepth: 0 }).fit(X, vec([1, 2, 3, 4, 10]));
  assert.deepEqual(Array.from(r.predict(mat([[-5]])).data), [4]);
});

property('EQ-TREES-10 training accuracy never falls as maxDepth grows (nested greedy trees)', (rng) => classification(rng, rng.int(10, 100), 3, 3, 4), ({ X, y }) => {
  let previous = -1;
  for (let maxDepth = 0; maxDepth <= 8; maxDepth++) {
    const acc = accuracy(y, new DecisionTreeClassifier({ maxDepth }).fit(X, y).predict(X));
    assert.ok(acc >= previous, `accuracy ${acc} at depth ${maxDepth} < ${previous}`);
    previous = acc;
  }
}, { runs: 40 });

test('EQ-TREES-10 demo: with 30 % label noise, validation accuracy at depth 3 beats depth 20 (seed 10)', () => {
  const rng = new Rng(10);
  const make = (n: number) => {
    const rows = Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = rows.map(([a, b]) => (rng.next() < 0.3 ? rng.int(0, 2) : a! + 0.5 * b! > 0 ? 1 : 0));
    return { X: mat(rows), y: vec(y) };
  };
  const train = make(400), validation = make(2000);
  const score = (maxDepth: number) => accuracy(validation.y, new DecisionTreeClassifier({ maxDepth }).fit(train.X, train.y).predict(validation.X));
  const shallow = score(3), deep = score(20);
  assert.ok(shallow > deep + 0.03, `depth 3: ${shallow}, depth 20: ${deep}`);
});

// ── pruning ───────────────────────────────────────────────────────────────
/** R(t) = (n_t/n)·I(t) and the least R_α over all prunings of the subtree at t (dynamic programme). */
function bestPrunedCost(tree: TreeArrays, alpha: number, t = 0): number {
  const own = (tree.nSamples[t]! / tree.nSamples[0]!) * tree.impurity[t]! + alpha;
  if (tree.feature[t]! < 0) return own;
  return Math.min(own, bestPrunedCost(tree, alpha, tree.left[t]!) + bestPrunedCost(tree, alpha, tree.right[t]!));
}

/** R_α of a tree: Σ over leaves (n_ℓ/n)·I(ℓ) + α·|leaves|. */
function costComplexity(tree: TreeArrays, alpha: number): number {
  let cost = 0;
  for (let t = 0; t < tree.nodeCount; t++) if (tree.feature[t]! < 0) cost += (tree.nSamples[t]! / tree.nSamples[0]!) * tree.impurity[t]! + alpha;
  return cost;
}

property('EQ-TREES-10 cost-complexity pruning: the path is monotone, α = 0 is the full tree, each αᵢ gives a tree of least R_α', (rng) => {
  const classifier = rng.next() < 0.6;
  const data = classifier ? classification(rng, rng.int(10, 80), 3, 3, 4) : regression(rng, rng.int(10, 80), 2);
  return { ...data, classifier };
}, ({ X, y, classifier }) => {
  const make = (ccpAlpha: number) => (classifier ? new DecisionTreeClassifier({ ccpAlpha }) : new DecisionTreeRegressor({ ccpAlpha }));
  const full = make(0).fit(X, y);
  const { ccpAlphas, impurities } = make(0).costComplexityPruningPath(X, y);
  const alphas = Array.from(ccpAlphas.data), R = Array.from(impurities.data);
  assert.equal(alphas[0], 0);
  assert.equal(alphas.length, R.length);
  for (let i = 1; i < alphas.length; i++) {
    assert.ok(alphas[i]! >= alphas[i - 1]!, `alphas fall at ${i}`);
    assert.ok(R[i]! >= R[i - 1]! - 1e-12, `impurities fall at ${i}`);
  }
  assertClose(R[0]!, costComplexity(full.tree, 0), { atol: 1e-12 }, 'R(T₀) is the full tree\'s');
  assertClose(R[R.length - 1]!, full.tree.impurity[0]!, { atol: 1e-12 }, 'the last tree is the root');
  assert.deepEqual(make(0).fit(X, y).toJSON(), full.toJSON(), 'α = 0 prunes nothing');
  let leaves = Infinity;
  const probes = [...alphas.slice(1), ...alphas.slice(1).map((a) => a * 1.5 + 1e-9)];
  for (const alpha of probes) {
    const pruned = make(alpha).fit(X, y).tree;
    assertClose(costComplexity(pruned, alpha), bestPrunedCost(full.tree, alpha), { atol: 1e-10, rtol: 1e-9 }, `R_α at α = ${alpha}`);
    // The pruned tree is the full one with subtrees cut: its conditions are those of the full tree's top.
    for (let t = 0; t < pruned.nodeCount; t++) {
      if (pruned.feature[t]! >= 0) assert.ok(Array.from(full.tree.threshold).includes(pruned.threshold[t]!));
    }
    if (alphas.includes(alpha)) {
      const count = Array.from(pruned.feature).filter((f) => f < 0).length;
      assert.ok(count < leaves || count === 1, 'each step of the path removes leaves');
      leaves = count;
    }
  }
}, { runs: 40 });

// ── feature importances ───────────────────────────────────────────────────
property('feature importances: the impurity decreases Σ n_t·I(t) − n_L·I(L) − n_R·I(R) per feature, recounted from the rows, normalised', (rng) => ({ ...classification(rng, rng.int(10, 80), 4, 3, 5), criterion: rng.next() < 0.5 ? 'gini' as const : 'entropy' as const }), ({ X, y, criterion }) => {
  const model = new DecisionTreeClassifier({ criterion, maxDepth: 4 }).fit(X, y);
  const tree = model.tree, sets = membership(tree, X), K = model.nClasses;
  const I = (t: number) => (criterion === 'gini' ? gini : entropy)(vec(countsOf(y, sets[t]!, K)));
  const expected = new Array<number>(4).fill(0);
  for (let t = 0; t < tree.nodeCount; t++) {
    if (tree.feature[t]! < 0) continue;
    const l = tree.left[t]!, r = tree.right[t]!;
    expected[tree.feature[t]!]! += sets[t]!.length * I(t) - sets[l]!.length * I(l) - sets[r]!.length * I(r);
  }
  const total = expected.reduce((a, b) => a + b, 0);
  assertClose(model.featureImportances, total > 0 ? expected.map((e) => e / total) : expected, { atol: 1e-12 });
});

test('feature importances: only the feature the label depends on matters; a single leaf has none', () => {
  const rng = new Rng(3);
  const rows = Array.from({ length: 200 }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const X = mat(rows), y = vec(rows.map((r) => (r[2]! > 0.1 ? 1 : 0)));
  assert.deepEqual(Array.from(new DecisionTreeClassifier().fit(X, y).featureImportances.data), [0, 0, 1]);
  assert.deepEqual(Array.from(new DecisionTreeClassifier({ maxDepth: 0 }).fit(X, y).featureImportances.data), [0, 0, 0]);
});

// ── labels and edge cases ─────────────────────────────────────────────────
test('a single class is a single leaf that predicts it with probability 1', () => {
  const model = new DecisionTreeClassifier().fit(mat([[1, 2], [3, 4], [5, 6]]), vec([0, 0, 0]));
  assert.equal(model.nLeaves, 1);
  assert.deepEqual(model.predictProba(mat([[0, 0]])), { shape: [1, 1], data: Float64Array.of(1) });
});

test('classes that never occur get probability 0: K from nClasses, labels {0, 2} of 4', () => {
  const model = new DecisionTreeClassifier({ nClasses: 4 }).fit(mat([[0], [1], [2], [3]]), vec([0, 0, 2, 2]));
  assert.deepEqual(model.predictProba(mat([[0], [3]])), { shape: [2, 4], data: Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0) });
  assert.equal(new DecisionTreeClassifier().fit(mat([[0], [1]]), vec([1, 3])).nClasses, 4, 'K = largest label + 1');
});

test('duplicate rows with different labels end in one leaf holding their proportions', () => {
  const X = mat([[1, 1], [1, 1], [1, 1], [2, 0]]);
  const model = new DecisionTreeClassifier().fit(X, vec([0, 1, 1, 0]));
  assert.deepEqual(Array.from(model.predictProba(mat([[1, 1]])).data), [1 / 3, 2 / 3]);
  assert.equal(model.nLeaves, 2);
});

test('constant features: no split at all; the root is a leaf', () => {
  const model = new DecisionTreeRegressor().fit(mat([[5, 1], [5, 1], [5, 1]]), vec([1, 2, 3]));
  assert.equal(model.nLeaves, 1);
  assert.deepEqual(Array.from(model.predict(mat([[0, 0]])).data), [2]);
});

// ── the shared estimator checks ───────────────────────────────────────────
estimatorChecks<DecisionTreeClassifier>({
  name: 'DecisionTreeClassifier',
  make: (seed) => new DecisionTreeClassifier({ maxFeatures: 2, rng: new Rng(seed), criterion: 'entropy' }),
  fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predictProba(X),
  toJSON: (m) => m.toJSON(),
  fromJSON: (json) => DecisionTreeClassifier.fromJSON(json),
  data: (rng) => classification(rng, 40, 3, 3, 4),
  order: 'exact', // the draws follow the nodes, which do not depend on the order of the rows
});

estimatorChecks<DecisionTreeClassifier>({
  name: 'DecisionTreeClassifier (all features)',
  make: () => new DecisionTreeClassifier({ minSamplesLeaf: 2 }),
  fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predictProba(X),
  toJSON: (m) => m.toJSON(),
  fromJSON: (json) => DecisionTreeClassifier.fromJSON(json),
  data: (rng) => classification(rng, 40, 3, 3, 4),
  order: 'exact',
});

estimatorChecks<DecisionTreeRegressor>({
  name: 'DecisionTreeRegressor',
  make: () => new DecisionTreeRegressor({ maxDepth: 5, ccpAlpha: 0.01 }),
  fit: (m, X, y) => { m.fit(X, y!); },
  output: (m, X) => m.predict(X),
  toJSON: (m) => m.toJSON(),
  fromJSON: (json) => DecisionTreeRegressor.fromJSON(json),
  data: (rng) => regression(rng, 40, 3),
  order: { atol: 1e-12, rtol: 1e-12 },
});
