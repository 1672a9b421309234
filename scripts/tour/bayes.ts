/**
 * Tour section: naive Bayes (EQ-BAYES-01 … 11) — the softmax caveat, a
 * posterior that the product form loses to underflow, MAP against ML, and
 * the three models on small seeded data.
 */
import { fromArray } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { BernoulliNB, GaussianNB, MultinomialNB } from '../../src/bayes/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
const show = (t: Tensor): string => `[${Array.from(t.data, fmt).join(', ')}]`;

function accuracy(y: Tensor, p: Tensor): number {
  let hits = 0;
  for (let i = 0; i < y.data.length; i++) if (y.data[i] === p.data[i]) hits++;
  return hits / y.data.length;
}

export function tour(): void {
  const spec = 'spec/bayes/bayes-theorem.test.ts';
  const s = [0.02, 0.01];
  const softmax = s.map((x) => Math.exp(x) / (Math.exp(s[0]!) + Math.exp(s[1]!)));
  result('EQ-BAYES-04', [
    'slide: normalise the relative posterior "using, e.g., the softmax". For s = [0.02, 0.01]:',
    `softmax(s) = [${softmax.map(fmt).join(', ')}], but s/Σs = [0.6667, 0.3333] = softmax(log s): the softmax belongs on log-scores`,
  ], { read: 'src/bayes/log-space.ts', spec });

  const rng = new Rng(3), d = 2000;
  const counts = [0, 1].map(() => Array.from({ length: d }, () => 1 + rng.int(0, 3)));
  const words = new MultinomialNB().fit(fromArray(counts), fromArray([0, 1]));
  const x = fromArray([Array.from({ length: d }, () => 1)]);
  let product = 0.5;
  for (let j = 0; j < d; j++) product *= Math.exp(words.featureLogProb.data[j]!);
  result('EQ-BAYES-04', `2000 words with P(f_j | c) ≈ 5e-4: Π_j P(f_j | c₀)·P(c₀) = ${product} in float64; in log space P(c | x) = ${show(words.predictProba(x))}`,
    { read: 'src/bayes/naive-bayes.ts', spec });

  const X = fromArray([[1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1], [1, 0], [0, 1]]), y = fromArray([0, 0, 1, 1, 1, 1, 1, 1]);
  const map = new BernoulliNB({ binarize: null }).fit(X, y), ml = new BernoulliNB({ binarize: null, priors: 'uniform' }).fit(X, y);
  result('EQ-BAYES-11', `equal likelihoods, priors [0.25, 0.75]: MAP predicts ${map.predict(fromArray([[1, 0]])).data[0]} (the larger prior), ML ties and predicts ${ml.predict(fromArray([[1, 0]])).data[0]} (c₀)`,
    { read: 'src/bayes/naive-bayes.ts', spec: 'spec/bayes/naive-bayes.test.ts' });

  const blobs = new Rng(4), n = 600;
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    rows.push([k * 2 + blobs.normal(), -k + blobs.normal(0, 0.5)]);
    labels.push(k);
  }
  const train = fromArray(rows.slice(0, 400)), trainY = fromArray(labels.slice(0, 400));
  const test = fromArray(rows.slice(400)), testY = fromArray(labels.slice(400));
  const gaussian = new GaussianNB().fit(train, trainY);
  result('EQ-BAYES-07', [`Gaussian NB, 3 classes in 2-D: means ${show(gaussian.means)}, test accuracy ${fmt(accuracy(testY, gaussian.predict(test)))}`,
    `P(c | x = (2, −1)) = ${show(gaussian.predictProba(fromArray([[2, -1]])))}; with uniform priors (ML) ${show(new GaussianNB({ priors: 'uniform' }).fit(train, trainY).predictProba(fromArray([[2, -1]])))}`],
  { read: 'src/bayes/gaussian.ts', spec: 'spec/bayes/naive-bayes.test.ts' });
}

export const chapter = defineChapter({
  name: 'bayes',
  order: 70,
  title: 'Naive Bayes: Bayes\' theorem in log space, MAP and ML',
  run: tour,
});
