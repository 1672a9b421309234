/**
 * Tour chapter: the lectures' toy data sets and what a hidden layer buys
 * (EQ-LAYERS-19, EQ-LAYERS-27) — logistic regression draws one straight
 * boundary through two moons and two circles; an MLP trained by gradient
 * descent bends it around them. Plots: both decision boundaries and the
 * MLP's loss curve.
 */
import * as ad from '../../src/autodiff/index.js';
import { blobs, circles, spirals, twoMoons } from '../../src/data/index.js';
import type { Dataset } from '../../src/data/index.js';
import { addScaledInto, argmax, tensor } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { mlp } from '../../src/layers/index.js';
import { LogisticRegression } from '../../src/linear/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { accuracy } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/index.js';
import { decisionBoundary, linePlot } from '../plot/charts.js';
import type { Grid } from '../plot/charts.js';
import { extent } from '../plot/scale.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

/** A box around the data with a margin of 10 %. */
function box(X: Tensor): [number, number, number, number] {
  const xs = X.data.filter((_, i) => i % 2 === 0), ys = X.data.filter((_, i) => i % 2 === 1);
  const [x0, x1] = extent(xs), [y0, y1] = extent(ys), mx = 0.1 * (x1 - x0), my = 0.1 * (y1 - y0);
  return [x0 - mx, x1 + mx, y0 - my, y1 + my];
}

/** The class a model predicts on a 70 × 70 grid over the data's box. */
function regions(X: Tensor, predict: (P: Tensor) => Tensor): Grid {
  const [x0, x1, y0, y1] = box(X), n = 70, points = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      points[2 * (j * n + i)] = x0 + ((i + 0.5) / n) * (x1 - x0);
      points[2 * (j * n + i) + 1] = y0 + ((j + 0.5) / n) * (y1 - y0);
    }
  }
  return { x0, x1, y0, y1, nx: n, ny: n, value: predict(tensor(points, [n * n, 2])).data };
}

/**
 * A 2-16-16-K tanh MLP trained by full-batch gradient descent on the
 * cross-entropy of its logits, θ ← θ − η∇L; returns the net's class
 * predictor and the loss after each step.
 */
function trainMlp(tour: TourContext, data: Dataset, K: number, steps: number, label: string): { predict: (X: Tensor) => Tensor; losses: number[] } {
  const net = mlp([2, 16, 16, K], { activation: 'tanh', rng: new Rng(35) });
  const X = ad.constant(data.X), losses: number[] = [], eta = 0.5;
  const progress = tour.progress(label, steps);
  for (let t = 0; t < steps; t++) {
    net.zeroGrad();
    const loss = crossEntropyWithLogits(net.forward(X), data.y);
    loss.backward();
    losses.push(loss.item());
    for (const p of net.parameters()) addScaledInto(p.value, p.grad, -eta);
    progress.tick();
  }
  progress.done();
  const predict = (P: Tensor): Tensor => argmax(ad.noGrad(() => net.forward(ad.constant(P))).value, { axis: 1 });
  return { predict, losses };
}

function run(tour: TourContext): void {
  const rng = new Rng(35), n = tour.size(200, 120), steps = tour.size(600, 300);
  const sets: [string, Dataset, number][] = [
    ['two moons', twoMoons(rng, { n, noise: 0.1 }), 2],
    ['two circles', circles(rng, { n, noise: 0.06, factor: 0.45 }), 2],
    ['three spirals', spirals(rng, { n, classes: 3, noise: 0.03, turns: 0.75 }), 3],
  ];
  const blobSet = blobs(rng, { n, k: 3, std: 1 });
  const linear = (d: Dataset): LogisticRegression => new LogisticRegression({ multiClass: 'multinomial' }).fit(d.X, d.y);
  result('EQ-LAYERS-19', [
    'logistic regression, p = softmax(xW + b): one straight boundary between each pair of classes. Training accuracy on',
    [...sets.map(([name, d]) => `${name} ${fmt(accuracy(d.y, linear(d).predict(d.X)))}`), `three Gaussian blobs ${fmt(accuracy(blobSet.y, linear(blobSet).predict(blobSet.X)))}`].join(', '),
  ], { read: 'src/linear/logistic.ts', spec: 'spec/linear/logistic.test.ts' });

  const trained = sets.map(([name, d, K]) => ({ name, d, K, ...trainMlp(tour, d, K, steps, name) }));
  result('EQ-LAYERS-27', [
    `slide: a network with a hidden layer can approximate any decision boundary. A 2-16-16-K tanh MLP, ${steps} steps of gradient descent (η = 0.5):`,
    trained.map((t) => `${t.name} ${fmt(accuracy(t.d.y, t.predict(t.d.X)))} (loss ${fmt(t.losses[0]!)} → ${fmt(t.losses.at(-1)!)})`).join(', '),
  ], { read: 'src/layers/mlp.ts', spec: 'spec/layers/mlp.test.ts' });

  const moons = trained[0]!, names = ['class 0', 'class 1', 'class 2'];
  const points = (d: Dataset) => ({ x: d.X.data.filter((_, i) => i % 2 === 0), y: d.X.data.filter((_, i) => i % 2 === 1), group: d.y.data, names });
  const logistic = linear(moons.d);
  tour.plot('moons-logistic', decisionBoundary({ title: 'Logistic regression on two moons', xLabel: 'x₁', yLabel: 'x₂', grid: regions(moons.d.X, (P) => logistic.predict(P)), points: points(moons.d) }),
    'one straight boundary cannot follow the moons');
  tour.plot('moons-mlp', decisionBoundary({ title: 'A 2-16-16-2 MLP on two moons', xLabel: 'x₁', yLabel: 'x₂', grid: regions(moons.d.X, moons.predict), points: points(moons.d) }),
    'the hidden layers bend the boundary around them');
  const spiral = trained[2]!;
  tour.plot('spirals-mlp', decisionBoundary({ title: 'A 2-16-16-3 MLP on three spirals', xLabel: 'x₁', yLabel: 'x₂', grid: regions(spiral.d.X, spiral.predict), points: points(spiral.d) }),
    'three interleaved arms, three regions');
  tour.plot('loss-curves', linePlot({
    title: 'Training loss of the MLPs', xLabel: 'step', yLabel: 'cross-entropy (log scale)', logY: true,
    series: trained.map((t) => ({ label: t.name, x: t.losses.map((_, i) => i + 1), y: t.losses })),
  }), 'full-batch gradient descent on the cross-entropy of the logits');
  tour.headline(`moons: logistic ${fmt(accuracy(moons.d.y, logistic.predict(moons.d.X)))}, MLP ${fmt(accuracy(moons.d.y, moons.predict(moons.d.X)))}`);
}

export const chapter = defineChapter({
  name: 'datasets',
  order: 35,
  title: 'The lectures\' toy data sets: a straight boundary against a hidden layer',
  run,
});
