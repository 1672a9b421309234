/**
 * Tour section: optimisation (EQ-OPTIMIZERS-*): the learning-rate threshold
 * 2/λ_max, local minima and momentum on the lectures' double well,
 * Nesterov on an ill-conditioned quadratic, Adam's sign-like first step,
 * Rprop failing with mini-batches, the optimal step ε* and the Newton step,
 * and fit's modes and learning curves on two Gaussian blobs.
 */
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, ReLU, Sequential } from '../../src/layers/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { Adam, Momentum, Nesterov, Rprop, SGD, minimize, newtonStep, optimalStepSize } from '../../src/optimizers/index.js';
import { fit } from '../../src/train/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
const vector = (values: number[]): Tensor => linalg.tensor(values, [values.length]);

export function tour(): void {
  // f = ½θᵀHθ with H = diag(4, 1): GD multiplies the top component by 1 − 4η per step.
  const H = linalg.tensor([4, 0, 0, 1], [2, 2]);
  const quadratic = (theta: Tensor): Tensor => vector([4 * theta.data[0]!, theta.data[1]!]);
  const after = (eta: number): number => Math.hypot(...minimize(quadratic, vector([1, 1]), { lr: eta, tolerance: 0, maxIterations: 50 }).theta.data);
  result('EQ-OPTIMIZERS-09', `f = ½θᵀdiag(4, 1)θ, 50 GD steps from (1, 1): ‖θ‖ = ${fmt(after(1.9 / 4))} at η = 1.9/λ_max, ${fmt(after(2.1 / 4))} at η = 2.1/λ_max`,
    { read: 'src/optimizers/sgd.ts', spec: 'spec/optimizers/gradient-descent.test.ts' });

  const wellGradient = (theta: Tensor): Tensor => vector([4 * theta.data[0]! ** 3 - 6 * theta.data[0]! + 1]);
  const end = (x0: number, options: Parameters<typeof minimize>[2]): string =>
    fmt(minimize(wellGradient, vector([x0]), { tolerance: 1e-10, maxIterations: 20_000, ...options }).theta.data[0]!);
  result('EQ-OPTIMIZERS-25', `f = x⁴ − 3x² + x, GD with η = 0.01: from x₀ = 2 it stops at ${end(2, { lr: 0.01 })} (local), from −2 at ${end(-2, { lr: 0.01 })} (global)`,
    { read: 'src/optimizers/minimize.ts', spec: 'spec/optimizers/gradient-descent.test.ts' });
  result('EQ-OPTIMIZERS-11', `from x₀ = 2 with momentum β = 0.9 (η = 0.01): ${end(2, { optimizer: (p) => new Momentum(p, { lr: 0.01, gamma: 0.9 }) })}; with β = 0.5: ${end(2, { optimizer: (p) => new SGD(p, { lr: 0.01, momentum: 0.5 }) })}`,
    { read: 'src/optimizers/momentum.ts', spec: 'spec/optimizers/momentum.test.ts' });

  const stiff = (theta: Tensor): Tensor => vector([100 * theta.data[0]!, theta.data[1]!]);
  const stepsTo = (options: Parameters<typeof minimize>[2]): number =>
    minimize(stiff, vector([1, 1]), { tolerance: 1e-6, maxIterations: 10_000, ...options }).iterations;
  result('EQ-OPTIMIZERS-13', `κ = 100, η = 1/λ_max: ‖∇f‖ < 1e-6 after ${stepsTo({ lr: 0.01 })} GD steps, ${stepsTo({ optimizer: (p) => new Nesterov(p, { lr: 0.01, gamma: 0.9 }) })} Nesterov steps (γ = 0.9)`,
    { read: 'src/optimizers/nesterov.ts', spec: 'spec/optimizers/momentum.test.ts' });

  const first = (g: number): string => {
    const p = { value: vector([0]), grad: vector([g]) };
    return fmt(new Adam([p], { lr: 0.1, epsilon: 0 }).delta()[0]!.data[0]!);
  };
  result('EQ-OPTIMIZERS-19', `Adam's first step (η = 0.1, ε = 0) is −η·sign(g) whatever |g|: g = 1e-6 → ${first(1e-6)}, g = 1e3 → ${first(1e3)}, g = −7 → ${first(-7)}`,
    { read: 'src/optimizers/adam.ts', spec: 'spec/optimizers/adaptive.test.ts' });

  const X = linalg.tensor([1, 1, 1, 1, 1, 1, 1, 1, 1, -10], [10, 1]), zeros = linalg.zeros([10, 1]);
  const rprop = (mode: 'batch' | 'stochastic'): string => {
    const model = new Dense(1, 1, { init: 'zeros', bias: false });
    fit(model, (p) => ad.mean(p), new Rprop(model.parameters(), { initialStep: 0.01 }), { X, y: zeros }, { mode, rng: 3, progress: false });
    return fmt(model.W.value.data[0]!);
  };
  result('EQ-OPTIMIZERS-18', [
    'per-example gradients [+1 × 9, −10]: mean −0.1, so θ should grow; 9 of 10 signs are +',
    `one epoch of Rprop: full batch θ = ${rprop('batch')}, batch size 1 θ = ${rprop('stochastic')} (the wrong way)`,
  ], { read: 'src/optimizers/rprop.ts', spec: 'spec/optimizers/rprop.test.ts' });

  const g = vector([1, 2]), S = linalg.tensor([3, 1, 1, 2], [2, 2]);
  const x1 = newtonStep(vector([1, 2]), linalg.sub(linalg.reshape(linalg.matmul(S, linalg.reshape(vector([1, 2]), [2, 1])), [2]), vector([1, 1])), S);
  result('EQ-OPTIMIZERS-23', `g = (1, 2), H = [[3, 1], [1, 2]]: ε* = gᵀg/gᵀHg = 5/15 = ${fmt(optimalStepSize(g, S))}`,
    { read: 'src/optimizers/second-order.ts', spec: 'spec/optimizers/second-order.test.ts' });
  result('EQ-OPTIMIZERS-24', `one Newton step on ½xᵀHx − (1, 1)ᵀx from (1, 2) lands on H⁻¹(1, 1) = (0.2, 0.4): (${Array.from(x1.data, fmt).join(', ')})`,
    { read: 'src/optimizers/second-order.ts', spec: 'spec/optimizers/second-order.test.ts' });

  const rng = new Rng(8);
  const labels = linalg.tensor(Array.from({ length: 200 }, (_, i) => i % 2), [200]);
  const points = linalg.tensor(Array.from({ length: 400 }, (_, k) => rng.normal() + (labels.data[Math.floor(k / 2)] === 1 ? 1.5 : -1.5)), [200, 2]);
  const train = { X: linalg.tensor(Array.from(points.data.subarray(0, 320)), [160, 2]), y: linalg.tensor(Array.from(labels.data.subarray(0, 160)), [160]) };
  const validation = { X: linalg.tensor(Array.from(points.data.subarray(320)), [40, 2]), y: linalg.tensor(Array.from(labels.data.subarray(160)), [40]) };
  const net = new Sequential([new Dense(2, 8, { rng, init: 'heNormal' }), new ReLU(), new Dense(8, 2, { rng })]);
  const adam = new Adam(net.parameters(), { lr: 0.01 });
  const history = fit(net, crossEntropyWithLogits, adam, train, { epochs: 10, batchSize: 32, dropLast: true, rng: 1, validation, progress: false });
  result('EQ-OPTIMIZERS-07', `160 samples, B = 32: ${history.iterationsPerEpoch} iterations per epoch; after 10 epochs Adam's t = ${adam.t}`,
    { read: 'src/train/fit.ts', spec: 'spec/train/fit.test.ts' });
  result('EQ-OPTIMIZERS-29', [
    `learning curves (epochs 1, 5, 10): training loss ${[0, 4, 9].map((e) => fmt(history.trainLoss[e]!)).join(' → ')}`,
    `validation loss ${[0, 4, 9].map((e) => fmt(history.validationLoss[e]!)).join(' → ')}`,
  ], { read: 'src/train/fit.ts', spec: 'spec/train/fit.test.ts' });
}

export const chapter = defineChapter({
  name: 'optimizers',
  order: 40,
  title: 'Optimisation: gradient descent, momentum, adaptive steps, curvature; the training loop',
  run: tour,
});
