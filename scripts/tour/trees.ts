/**
 * Tour section: decision trees (EQ-TREES-01 … 10) on small seeded examples —
 * entropy and the information gain with the slide's caveat, the slide's tree
 * learnt from six animals, the splitter against brute force, depth against
 * overfitting and pruning.
 */
import { fromArray } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { DecisionTreeClassifier, entropy, gini, informationGain } from '../../src/trees/index.js';
import { SplitterScratch, bestSplitNaive, findSplit } from '../../src/trees/splitter.js';
import { rankColumns } from '../../src/trees/ranks.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));

function accuracy(y: Tensor, p: Tensor): number {
  let hits = 0;
  for (let i = 0; i < y.data.length; i++) if (y.data[i] === p.data[i]) hits++;
  return hits / y.data.length;
}

/** n rows of 3 Gaussian features; the label is 1[x₀ + ½x₁ > 0], flipped at random with probability `noise`. */
function noisy(rng: Rng, n: number, noise: number): { X: Tensor; y: Tensor } {
  const X = new Float64Array(n * 3), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) X[i * 3 + j] = rng.normal();
    y[i] = rng.next() < noise ? rng.int(0, 2) : X[i * 3]! + 0.5 * X[i * 3 + 1]! > 0 ? 1 : 0;
  }
  return { X: { shape: [n, 3], data: X }, y: { shape: [n], data: y } };
}

export function tour(): void {
  const read = 'src/trees/impurity.ts', spec = 'spec/trees/impurity.test.ts';
  result('EQ-TREES-05', `H([0.9, 0.1]) = ${fmt(entropy(fromArray([0.9, 0.1])))} bits; H of 4 equal classes = ${entropy(fromArray([1, 1, 1, 1]))} = log₂ 4`,
    { read, spec });
  const pointwise = entropy(fromArray([9, 1])) - entropy(fromArray([1, 1]));
  result('EQ-TREES-07', [
    `slide: "IG(x | a = a) ≥ 0". Parent [9, 1] split into [8, 0] and [1, 1]:`,
    `H(parent) − H(right child) = ${fmt(pointwise)} < 0, but the weighted IG = ${fmt(informationGain(fromArray([[8, 0], [1, 1]])))} ≥ 0`,
  ], { read, spec });
  result('EQ-TREES-08', `Gini of [9, 1] = ${fmt(gini(fromArray([9, 1])))} = 2·0.9·0.1; of 4 equal classes ${gini(fromArray([1, 1, 1, 1]))} = 1 − 1/4`, { read, spec });

  const X = fromArray([[4, 2], [4, 6], [2, 2], [0, 2], [8, 8], [6, 2]]), y = fromArray([1, 0, 0, 0, 0, 1]);
  const tree = new DecisionTreeClassifier({ criterion: 'entropy' }).fit(X, y);
  result('EQ-TREES-03', ['slide: "a tree of questions", grown greedily from the root. Learnt from six animals (num_legs, num_eyes):',
    ...tree.toText({ featureNames: ['num_legs', 'num_eyes'], classNames: ['no', 'yes'] }).split('\n')],
  { read: 'src/trees/grow.ts', spec: 'spec/trees/decision-tree.test.ts' });
  const path = [0], answers: string[] = [];
  for (let t = 0; tree.tree.feature[t]! >= 0;) {
    const yes = [4, 2][tree.tree.feature[t]!]! >= tree.tree.threshold[t]!;
    answers.push(yes ? 'yes' : 'no');
    t = yes ? tree.tree.right[t]! : tree.tree.left[t]!;
    path.push(t);
  }
  result('EQ-TREES-01', `{num_legs: 4, num_eyes: 2} walks the nodes ${path.join(' → ')} (${answers.join(', then ')}) to leaf ${tree.apply(fromArray([[4, 2]])).data[0]} and gets class ${tree.predict(fromArray([[4, 2]])).data[0]}`,
    { read: 'src/trees/tree-arrays.ts', spec: 'spec/trees/decision-tree.test.ts' });

  const rng = new Rng(5);
  const data = noisy(rng, 300, 0.2);
  const labels = Int32Array.from(data.y.data), samples = Int32Array.from({ length: 300 }, (_, i) => i);
  const splitData = { X: data.X.data, d: 3, labels, K: 2, targets: null };
  const counts = Float64Array.of(labels.filter((c) => c === 0).length, labels.filter((c) => c === 1).length);
  const sweep = findSplit(splitData, samples.slice(), 0, 300, { m: 300, counts, mean: 0 }, 'gini', 1, 3, null, new SplitterScratch(rankColumns(data.X.data, 300, 3), 300, 2, 3, 'gini'));
  const brute = bestSplitNaive(splitData, samples, 'gini', 1);
  let candidates = 0;
  for (let j = 0; j < 3; j++) candidates += new Set(Array.from({ length: 300 }, (_, i) => data.X.data[i * 3 + j])).size - 1;
  result('EQ-TREES-04', `300 rows × 3 features, ${candidates} candidate thresholds: the sorted sweep picks x${sweep.feature} ≥ ${fmt(sweep.threshold)} (gain ${fmt(sweep.gain)}), brute force x${brute.feature} ≥ ${fmt(brute.threshold)} (gain ${fmt(brute.gain)})`,
    { read: 'src/trees/splitter.ts', spec: 'spec/trees/splitter.test.ts' });

  const validation = noisy(rng, 2000, 0.2);
  const rows = [1, 3, 5, 10, 20].map((maxDepth) => {
    const model = new DecisionTreeClassifier({ maxDepth }).fit(data.X, data.y);
    return `depth ≤ ${String(maxDepth).padEnd(2)}: ${String(model.nLeaves).padStart(3)} leaves, train ${fmt(accuracy(data.y, model.predict(data.X)))}, validation ${fmt(accuracy(validation.y, model.predict(validation.X)))}`;
  });
  // Cost-complexity pruning: the path of α, each α chosen on the validation rows (a held-out set in practice).
  const { ccpAlphas } = new DecisionTreeClassifier().costComplexityPruningPath(data.X, data.y);
  let best = { alpha: 0, score: -1, leaves: 0 };
  for (const alpha of ccpAlphas.data) {
    const pruned = new DecisionTreeClassifier({ ccpAlpha: alpha }).fit(data.X, data.y);
    const score = accuracy(validation.y, pruned.predict(validation.X));
    if (score > best.score) best = { alpha, score, leaves: pruned.nLeaves };
  }
  result('EQ-TREES-10', ['slide: "set a maximum depth … a minimum number of examples". 20 % noisy labels, 300 training rows:', ...rows,
    `pruned by cost complexity at the best of ${ccpAlphas.data.length} path alphas, α = ${fmt(best.alpha)}: ${best.leaves} leaves, validation ${fmt(best.score)}`],
  { read: 'src/trees/prune.ts', spec: 'spec/trees/decision-tree.test.ts' });
}

export const chapter = defineChapter({
  name: 'trees',
  order: 60,
  title: 'Decision trees: entropy, information gain, the splitter, depth and pruning, forests',
  run: tour,
});
