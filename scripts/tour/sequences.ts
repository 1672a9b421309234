/**
 * Tour chapter: classifying DNA by its k-mer profile (EQ-BAYES-07,
 * EQ-TREES-03, EQ-DATA-03) — gene families drawn from Markov chains that
 * differ only in which base follows which, told apart by multinomial naive
 * Bayes and a decision tree on k-mer counts, better as k reaches the
 * chains' order + 1; and a planted TATAAT box found by a bag of 6-mers.
 * Plot: test accuracy against k.
 */
import { DecisionTreeClassifier } from '../../src/trees/index.js';
import { MultinomialNB } from '../../src/bayes/index.js';
import { kmerMatrix, kmerNames, markovFamilies, plantedMotif } from '../../src/data/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { accuracy } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/index.js';
import { takeRows, trainTestSplit } from '../../src/train/index.js';
import { linePlot } from '../plot/charts.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

/** Test accuracies of naive Bayes and a depth-8 tree on k-mer counts of a stratified 75/25 split. */
function scores(sequences: readonly string[], y: Tensor, k: number): { nb: number; tree: number } {
  const X = kmerMatrix(sequences, k);
  const { train, test } = trainTestSplit(sequences.length, 0.25, { rng: new Rng(75), stratify: y });
  const [Xtr, ytr, Xte, yte] = [takeRows(X, train), takeRows(y, train), takeRows(X, test), takeRows(y, test)];
  const nb = new MultinomialNB().fit(Xtr, ytr), tree = new DecisionTreeClassifier({ maxDepth: 8, rng: new Rng(1) }).fit(Xtr, ytr);
  return { nb: accuracy(yte, nb.predict(Xte)), tree: accuracy(yte, tree.predict(Xte)) };
}

function run(tour: TourContext): void {
  const n = tour.size(600, 150), length = tour.size(300, 150);
  const families = markovFamilies(new Rng(75), { n, families: 4, length, order: 2, contrast: 1.2 });
  const ks = tour.size([1, 2, 3, 4, 5], [1, 2, 3, 4]);
  const progress = tour.progress('k-mer classifiers', ks.length);
  const byK = ks.map((k) => {
    const s = scores(families.sequences, families.y, k);
    progress.tick();
    return s;
  });
  progress.done();
  const line = (which: 'nb' | 'tree'): string => ks.map((k, i) => `k = ${k}: ${fmt(byK[i]![which])}`).join(', ');
  result('EQ-BAYES-07', [
    `${n} sequences of ${length} bases from 4 order-2 Markov chains ("gene families"); multinomial naive Bayes on k-mer counts,`,
    `P(c | x) ∝ P(c)·Π_w P(w | c)^{x_w}, test accuracy (25 % held out): ${line('nb')}`,
  ], { read: 'src/bayes/multinomial.ts', spec: 'spec/bayes/naive-bayes.test.ts' });
  result('EQ-TREES-03', `a decision tree (Gini, depth ≤ 8) grown greedily on the same counts: ${line('tree')}`,
    { read: 'src/trees/grow.ts', spec: 'spec/trees/decision-tree.test.ts' });
  tour.plot('accuracy-by-k', linePlot({
    title: 'Gene families told apart by their k-mer profiles', xLabel: 'k', yLabel: 'test accuracy',
    series: [{ label: 'naive Bayes', x: ks, y: byK.map((s) => s.nb) }, { label: 'decision tree', x: ks, y: byK.map((s) => s.tree) }],
  }), 'the families differ in which base follows a 2-base context: 3-mers see it, 1-mers hardly do');

  const motif = plantedMotif(new Rng(76), { n: tour.size(800, 200), length: 100, fraction: 0.5, mutationRate: 0.1 });
  const six = scores(motif.sequences, motif.y, 6);
  const X = kmerMatrix(motif.sequences, 6), column = kmerNames(6).indexOf('TATAAT');
  let hits = 0;
  motif.sequences.forEach((_, i) => { if ((X.data[i * 4096 + column]! > 0 ? 1 : 0) === motif.y.data[i]) hits++; });
  result('EQ-DATA-03', [
    `a TATAAT box planted in half of ${motif.sequences.length} random 100-base sequences (10 % of its bases mutated): the bag of 6-mers`,
    `forgets where the box sits but keeps that it occurs: "TATAAT count > 0" is right for ${fmt(hits / motif.sequences.length)}; on all 4,096 counts naive Bayes ${fmt(six.nb)}, the tree ${fmt(six.tree)}`,
  ], { read: 'src/data/kmers.ts', spec: 'spec/data/kmers.test.ts' });
  const best = byK.reduce((a, b, i) => (b.nb > byK[a]!.nb ? i : a), 0);
  tour.headline(`gene families: naive Bayes ${fmt(byK[0]!.nb)} with 1-mers, ${fmt(byK[best]!.nb)} with ${ks[best]}-mers; tree ${fmt(byK[best]!.tree)}`);
}

export const chapter = defineChapter({
  name: 'sequences',
  order: 75,
  title: 'Classifying DNA by k-mers: naive Bayes and a decision tree on gene families; a planted motif',
  run,
});
