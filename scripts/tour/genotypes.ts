/**
 * Tour chapter: k-means and PCA on genotypes (EQ-UNSUPERVISED-08, 05) —
 * three populations whose allele frequencies drifted apart (fixation
 * index F), 0/1/2 genotypes of a few hundred variants: the first two
 * principal components separate the populations, and k-means on them
 * finds the populations without their labels. Plot: the PCA scatter
 * coloured by population.
 */
import { genotypes } from '../../src/data/index.js';
import { adjustedRandIndex } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/index.js';
import { KMeans, PCA } from '../../src/unsupervised/index.js';
import { scatterPlot } from '../plot/charts.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

function run(tour: TourContext): void {
  const per = tour.size(60, 30), snps = tour.size(300, 200), fst = 0.05;
  const g = genotypes(new Rng(95), { populations: 3, perPopulation: per, snps, fst });
  const pca = new PCA({ nComponents: 2, solver: 'svd' }).fit(g.X), Z = pca.transform(g.X);
  const ratio = Array.from(pca.explainedVarianceRatio.data, fmt).join(', ');
  result('EQ-UNSUPERVISED-08', [
    `${3 * per} individuals from 3 populations (F = ${fst}), ${snps} variants coded 0/1/2: PCA of the centred genotypes,`,
    `explained variance ratio of PC1 and PC2 ${ratio} (the rest is sampling noise spread over ${snps - 2} more directions)`,
  ], { read: 'src/unsupervised/pca.ts', spec: 'spec/unsupervised/pca.test.ts' });
  tour.plot('pca', scatterPlot({
    title: 'Genotypes projected on their first two principal components', xLabel: 'PC1', yLabel: 'PC2',
    points: { x: Z.data.filter((_, i) => i % 2 === 0), y: Z.data.filter((_, i) => i % 2 === 1), group: g.y.data, names: ['population A', 'population B', 'population C'] },
  }), 'each dot an individual, coloured by its population (PCA never saw the colours)');

  const onPcs = new KMeans({ k: 3, nInit: 10, rng: 95 }).fit(Z), onAll = new KMeans({ k: 3, nInit: 10, rng: 95 }).fit(g.X);
  const ariPcs = adjustedRandIndex(onPcs.labels, g.y), ariAll = adjustedRandIndex(onAll.labels, g.y);
  result('EQ-UNSUPERVISED-05', `k-means (k = 3, k-means++, 10 restarts) finds the populations: adjusted Rand index ${fmt(ariPcs)} on the two PCs, ${fmt(ariAll)} on all ${snps} variants`,
    { read: 'src/unsupervised/kmeans.ts', spec: 'spec/unsupervised/kmeans.test.ts' });
  tour.headline(`PC1 + PC2 explain ${ratio}; k-means on them: adjusted Rand index ${fmt(ariPcs)}`);
}

export const chapter = defineChapter({
  name: 'genotypes',
  order: 95,
  title: 'Populations in genotypes: PCA coloured by population, k-means without the labels',
  run,
});
