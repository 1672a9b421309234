/**
 * Tour chapter: the optimiser zoo raced on a 2-D function, and the three
 * modes of gradient descent compared (EQ-OPTIMIZERS-05, 08, 12, 13, 14,
 * 16, 19). Plots: each optimiser's path over the contours of a Rosenbrock
 * valley, and the training loss of batch, stochastic and mini-batch GD.
 */
import { Dense, ReLU, Sequential } from '../../src/layers/index.js';
import { blobs } from '../../src/data/index.js';
import { tensor } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { Adagrad, Adam, Momentum, Nesterov, RMSprop, SGD, minimize } from '../../src/optimizers/index.js';
import type { Optimizer, Parameter } from '../../src/optimizers/index.js';
import { Rng } from '../../src/random/index.js';
import { fit } from '../../src/train/index.js';
import type { FitMode } from '../../src/train/index.js';
import { contourPlot, linePlot, sampleGrid } from '../plot/charts.js';
import type { Series } from '../plot/charts.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

/** A Rosenbrock valley, f(x, y) = (1 − x)² + 10(y − x²)², minimum f(1, 1) = 0. */
const f = (x: number, y: number): number => (1 - x) ** 2 + 10 * (y - x * x) ** 2;
const gradient = (x: number, y: number): [number, number] => [-2 * (1 - x) - 40 * x * (y - x * x), 20 * (y - x * x)];

/** The racers: a name, the equation it implements, and its update rule with the rate tuned for this valley. */
const RACERS: [string, string, string, (p: Parameter[]) => Optimizer][] = [
  ['GD', 'EQ-OPTIMIZERS-12', 'src/optimizers/sgd.ts', (p) => new SGD(p, { lr: 0.012 })],
  ['Momentum', 'EQ-OPTIMIZERS-12', 'src/optimizers/momentum.ts', (p) => new Momentum(p, { lr: 0.004, gamma: 0.9 })],
  ['Nesterov', 'EQ-OPTIMIZERS-13', 'src/optimizers/nesterov.ts', (p) => new Nesterov(p, { lr: 0.004, gamma: 0.9 })],
  ['Adagrad', 'EQ-OPTIMIZERS-14', 'src/optimizers/adagrad.ts', (p) => new Adagrad(p, { lr: 0.5 })],
  ['RMSprop', 'EQ-OPTIMIZERS-16', 'src/optimizers/rmsprop.ts', (p) => new RMSprop(p, { lr: 0.01 })],
  ['Adam', 'EQ-OPTIMIZERS-19', 'src/optimizers/adam.ts', (p) => new Adam(p, { lr: 0.05 })],
];

const SPECS: Record<string, string> = {
  'EQ-OPTIMIZERS-12': 'spec/optimizers/momentum.test.ts', 'EQ-OPTIMIZERS-13': 'spec/optimizers/momentum.test.ts',
  'EQ-OPTIMIZERS-14': 'spec/optimizers/adaptive.test.ts', 'EQ-OPTIMIZERS-16': 'spec/optimizers/adaptive.test.ts', 'EQ-OPTIMIZERS-19': 'spec/optimizers/adaptive.test.ts',
};

/** Runs one optimiser from (−1.5, 2) for `steps` steps and returns the points where it took the gradient. */
function race(make: (p: Parameter[]) => Optimizer, steps: number): Series & { x: number[]; y: number[] } {
  const xs: number[] = [], ys: number[] = [];
  const grad = (theta: Tensor): Tensor => {
    const [x, y] = [theta.data[0]!, theta.data[1]!];
    xs.push(x);
    ys.push(y);
    return tensor(gradient(x, y), [2]);
  };
  const { theta } = minimize(grad, tensor([-1.5, 2], [2]), { optimizer: make, tolerance: 0, maxIterations: steps });
  xs.push(theta.data[0]!);
  ys.push(theta.data[1]!);
  return { label: '', x: xs, y: ys };
}

/** One epoch-by-epoch training loss curve of `mode` on blobs, same model, same η. */
function modeCurve(mode: FitMode, epochs: number): { loss: number[]; steps: number } {
  const rng = new Rng(45), data = blobs(new Rng(4), { n: 240, k: 3, std: 1.5 });
  const net = new Sequential([new Dense(2, 16, { rng, init: 'heNormal' }), new ReLU(), new Dense(16, 3, { rng })]);
  const history = fit(net, crossEntropyWithLogits, new SGD(net.parameters(), { lr: 0.05 }), { X: data.X, y: data.y }, { epochs, mode, ...(mode === 'minibatch' ? { batchSize: 16 } : {}), rng: 1, progress: false });
  return { loss: history.trainLoss, steps: history.iterations };
}

function run(tour: TourContext): void {
  const steps = tour.size(400, 150);
  const progress = tour.progress('optimiser race', RACERS.length);
  const paths = RACERS.map(([name, , , make]) => {
    const path = race(make, steps);
    progress.tick();
    return { ...path, label: name };
  });
  progress.done();
  const at = (s: Series): string => {
    const i = s.x.length - 1, x = s.x[i]!, y = s.y[i]!;
    return `${s.label} f = ${fmt(f(x, y))} at (${fmt(x)}, ${fmt(y)})`;
  };
  for (const id of new Set(RACERS.map(([, eq]) => eq))) {
    const members = RACERS.filter(([, eq]) => eq === id);
    result(id, `${steps} steps on f = (1 − x)² + 10(y − x²)² from (−1.5, 2): ${members.map(([name]) => at(paths.find((p) => p.label === name)!)).join('; ')}`,
      { read: members.map(([, , read]) => read).join(' and '), spec: SPECS[id]! });
  }
  const grid = sampleGrid(f, [-2, 2, -1, 3], 120, 120);
  tour.plot('race', contourPlot({
    title: 'The optimiser zoo in a Rosenbrock valley', xLabel: 'x', yLabel: 'y', grid,
    levels: [0.1, 0.3, 1, 2, 4, 8, 16, 32, 64], paths,
  }), `${steps} steps of each optimiser from (−1.5, 2) towards the minimum at (1, 1)`);

  const epochs = tour.size(30, 8), modes: FitMode[] = ['batch', 'minibatch', 'stochastic'];
  const curves = modes.map((mode) => ({ mode, ...modeCurve(mode, epochs) }));
  result('EQ-OPTIMIZERS-08', [
    `the same 2-16-3 network, SGD η = 0.05, ${epochs} epochs over 240 blobs: batch (B = n), mini-batch (B = 16), stochastic (B = 1):`,
    curves.map((c) => `${c.mode} ${c.steps} steps, loss ${fmt(c.loss[0]!)} → ${fmt(c.loss.at(-1)!)}`).join('; '),
  ], { read: 'src/train/fit.ts', spec: 'spec/train/fit.test.ts' });
  tour.plot('gd-modes', linePlot({
    title: 'Batch, mini-batch and stochastic gradient descent', xLabel: 'epoch', yLabel: 'training loss (log scale)', logY: true,
    series: curves.map((c) => ({ label: `${c.mode} (${c.steps / epochs}/epoch)`, x: c.loss.map((_, e) => e + 1), y: c.loss })),
  }), 'per epoch, more and noisier steps lower the loss faster');
  const best = paths.reduce((a, b) => (f(a.x.at(-1)!, a.y.at(-1)!) <= f(b.x.at(-1)!, b.y.at(-1)!) ? a : b));
  tour.headline(`closest to (1, 1) after ${steps} steps: ${best.label}; after ${epochs} epochs stochastic ${fmt(curves[2]!.loss.at(-1)!)} vs batch ${fmt(curves[0]!.loss.at(-1)!)}`);
}

export const chapter = defineChapter({
  name: 'optimizer-race',
  order: 45,
  title: 'The optimiser zoo raced on a 2-D valley; batch, mini-batch and stochastic descent',
  run,
});
