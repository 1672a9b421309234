/**
 * Tour chapter: regularisation and normalisation — penalties added to the
 * loss (L1's exact zeros by proximal steps, L2 as weight decay), dropout's
 * kept expectation, batch and layer normalisation, skip connections
 * through depth, early stopping on an overfitting model, label
 * smoothing's finite logits, DNA augmentation, and the implicit
 * regularisation of gradient descent with double descent beside it. Plots:
 * the early-stopping curves and the double-descent curve.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { BatchNorm, Dense, Dropout, LayerNorm, Residual, Sequential, Sigmoid } from '../../src/layers/index.js';
import { crossEntropyWithLogits, mse } from '../../src/losses/index.js';
import {
  EarlyStopping, l1Penalty, l2NormPenalty, l2Penalty, leastSquaresGD, minimumNormLeastSquares, proxL1Into, randomCrop,
  regularized, reverseComplement, smoothLabels,
} from '../../src/regularizers/index.js';
import { result } from './print.js';
import { linePlot } from '../plot/charts.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
const list = (values: ArrayLike<number>): string => Array.from(values, fmt).join(', ');
const column = (t: Tensor): Tensor => linalg.reshape(t, [t.data.length, 1]);

/** `steps` gradient steps on loss(w) from w = 0 for w: [d], each followed by `after(w)`. */
function descend(d: number, loss: (w: Var) => Var, eta: number, steps: number, after: (w: Var) => void = () => {}): Tensor {
  const w = ad.variable(linalg.zeros([d]));
  for (let t = 0; t < steps; t++) {
    w.zeroGrad();
    loss(w).backward();
    linalg.addScaledInto(w.value, w.grad, -eta);
    after(w);
  }
  return w.value;
}

/** One-hot DNA N×4×L of the given strings (channels A, C, G, T). */
function oneHot(sequences: readonly string[]): Tensor {
  const L = sequences[0]!.length, X = linalg.zeros([sequences.length, 4, L]);
  sequences.forEach((s, n) => [...s].forEach((b, l) => { X.data[(n * 4 + 'ACGT'.indexOf(b)) * L + l] = 1; }));
  return X;
}
const letters = (X: Tensor): string => {
  const L = X.shape[2]!;
  return Array.from({ length: L }, (_, l) => 'ACGT'[[0, 1, 2, 3].find((c) => X.data[c * L + l] === 1)!]!).join('');
};

export function tour(context: TourContext): void {
  // a regression where only 3 of 10 features matter
  const rng = new Rng(3003);
  const X = linalg.randn([100, 10], rng);
  const y = linalg.add(linalg.reshape(linalg.matmul(X, column(linalg.tensor([3, -2, 1.5, 0, 0, 0, 0, 0, 0, 0], [10]))), [100]), linalg.randn([100], rng, 0, 0.3));
  const data = (w: Var): Var => mse(ad.reshape(ad.matmul(X, ad.reshape(w, [10, 1])), [100]), y);
  const l1 = descend(10, data, 0.05, 2000, (w) => proxL1Into(w, 0.05 * 0.1));
  const sub = descend(10, (w) => regularized(data(w), 0.1, l1Penalty(w)), 0.05, 2000);
  const l2 = descend(10, (w) => regularized(data(w), 0.1, l2Penalty(w)), 0.05, 2000);
  result('EQ-REGULARIZERS-03', [
    'slide: L1 "reduces the magnitude of some weights to exactly zero"; y depends on x₀, x₁, x₂ of 10 features, λ = 0.1:',
    `proximal steps (soft thresholding): irrelevant weights ${list(l1.data.subarray(3))}`,
    `plain subgradient descent on the same loss: ${list(sub.data.subarray(3))} (small, never 0)`,
  ], { read: 'src/regularizers/proximal.ts', spec: 'spec/regularizers/proximal.test.ts' });
  result('EQ-REGULARIZERS-04', [
    `slide: L2 "encourages smaller weight values across all features": irrelevant weights ${list(l2.data.subarray(3))} (shrunk, none 0)`,
    'a gradient step on L + λΣw² is w ← (1 − 2ηλ)w − η∇L: "weight decay" for SGD; not for Adam, where decoupled decay (AdamW) differs',
  ], { read: 'src/regularizers/penalties.ts', spec: 'spec/regularizers/penalties.test.ts' });
  const w = ad.variable(linalg.fromArray([[3, 4], [0, 0]]));
  result('EQ-REGULARIZERS-02', `000's Σ‖w‖₂ is a norm per tensor, 001's R_L2 its square: for w = [[3, 4], [0, 0]], Σ‖w‖₂ = ${l2NormPenalty(w).item()}, Σw² = ${l2Penalty(w).item()}`,
    { read: 'src/regularizers/penalties.ts', spec: 'spec/regularizers/penalties.test.ts' });

  const drop = new Dropout(0.5, { rng: new Rng(6) });
  const ones = ad.constant(linalg.ones([100_000]));
  const out = drop.forward(ones).value.data;
  result('EQ-REGULARIZERS-06', [
    'slide: "randomly set some neurons to zero"; inverted dropout with p = 0.5 on 10⁵ units equal to 1:',
    `dropped ${fmt(out.filter((v) => v === 0).length / out.length)}, kept units are ${out.find((v) => v !== 0)}, mean ${fmt(linalg.mean(linalg.tensor(Array.from(out), [out.length])))}; after eval() the output is the input`,
  ], { read: 'src/layers/dropout.ts', spec: 'spec/layers/dropout.test.ts' });

  const Z = linalg.randn([32, 3], new Rng(7), 5, 3);
  const bn = new BatchNorm(3), normed = bn.forward(ad.constant(Z)).value;
  const ln = new LayerNorm(3).forward(ad.constant(Z)).value;
  result('EQ-REGULARIZERS-07', [
    `slide: "normalize neuron activations by mean and variance of (mini-)batch"; 32 examples with mean 5, sd 3:`,
    `feature means before ${list(linalg.mean(Z, { axis: 0 }).data)}, after ${list(linalg.mean(normed, { axis: 0 }).data)}; running mean after one batch ${list(bn.runningMean.data)} (momentum 0.1)`,
  ], { read: 'src/layers/batch-norm.ts', spec: 'spec/layers/batch-norm.test.ts' });
  result('EQ-LAYERS-46', `layer norm standardises each example instead: row means ${list(linalg.mean(ln, { axis: 1 }).data.subarray(0, 3))}, … whatever the rest of the batch`,
    { read: 'src/layers/layer-norm.ts', spec: 'spec/layers/layer-norm.test.ts' });

  const k = 8, Xs = linalg.randn([16, k], new Rng(5)), u = linalg.randn([16, k], new Rng(6));
  const norms = [10, 40].map((L) => {
    const r = new Rng(24);
    const denses = Array.from({ length: L }, () => new Dense(k, k, { rng: r, bias: false }));
    const first = (net: Sequential): string => {
      net.zeroGrad();
      ad.sum(ad.mul(net.forward(ad.constant(Xs)), u)).backward();
      return linalg.frobenius(denses[0]!.W.grad).toExponential(1);
    };
    return `${L} layers: ‖∂L/∂W⁽¹⁾‖ = ${first(new Sequential(denses.map((d) => new Residual(new Sequential([d, new Sigmoid()])))))} with skips, ${first(new Sequential(denses.flatMap((d) => [d, new Sigmoid()])))} without`;
  });
  result('EQ-LAYERS-24', ['slide: skip connections X⁽ˡ⁺¹⁾ = σ(X⁽ˡ⁾W⁽ˡ⁾) + X⁽ˡ⁾ against vanishing gradients (sigmoid, Glorot init):', ...norms],
    { read: 'src/layers/residual.ts', spec: 'spec/layers/residual.test.ts' });

  // an overfitting linear model: 60 weights, 50 noisy examples, full-batch gradient descent from 0
  const fitRng = new Rng(8);
  const wTrue = linalg.randn([60, 1], fitRng, 0, 1 / Math.sqrt(60));
  const noisy = (m: number): { X: Tensor; y: Tensor } => {
    const Xd = linalg.randn([m, 60], fitRng);
    return { X: Xd, y: linalg.add(linalg.matmul(Xd, wTrue), linalg.randn([m, 1], fitRng, 0, 0.7)) };
  };
  const tr = noisy(50), va = noisy(200);
  const model = new Dense(60, 1, { init: 'zeros' });
  const stopper = new EarlyStopping({ patience: 20 });
  let last = NaN;
  const trainCurve: number[] = [], validationCurve: number[] = [];
  for (let epoch = 0; epoch < 2000; epoch++) {
    model.zeroGrad();
    const loss = mse(model.forward(ad.constant(tr.X)), tr.y);
    loss.backward();
    for (const p of model.parameters()) linalg.addScaledInto(p.value, p.grad, -0.01);
    last = ad.noGrad(() => mse(model.forward(ad.constant(va.X)), va.y)).item();
    trainCurve.push(loss.item());
    validationCurve.push(last);
    if (stopper.onEpochEnd({ epoch, trainLoss: loss.item(), validationLoss: last, model }) === 'stop') break;
  }
  const restored = ad.noGrad(() => mse(model.forward(ad.constant(va.X)), va.y)).item();
  result('EQ-REGULARIZERS-08', [
    'slide: "stop training when performance on a validation dataset starts to degrade"; 60 weights, 50 noisy examples, patience 20:',
    `validation MSE ${fmt(stopper.best)} at epoch ${stopper.bestEpoch}, ${fmt(last)} at epoch ${stopper.stoppedEpoch}, where it stopped; the restored weights score ${fmt(restored)}`,
  ], { read: 'src/regularizers/early-stopping.ts', spec: 'spec/regularizers/early-stopping.test.ts' });
  const epochs = trainCurve.map((_, e) => e);
  context.plot('early-stopping', linePlot({
    title: 'Early stopping: 60 weights, 50 noisy examples', xLabel: 'epoch', yLabel: 'MSE (log scale)', logY: true,
    series: [{ label: 'training', x: epochs, y: trainCurve }, { label: 'validation', x: epochs, y: validationCurve },
      { label: `best, epoch ${stopper.bestEpoch}`, x: [stopper.bestEpoch, stopper.bestEpoch], y: [Math.min(...trainCurve), Math.max(...validationCurve)] }],
  }), 'the training loss keeps falling; the validation loss turns up, and the weights of its minimum are restored');

  const gap = (target: Tensor): number => {
    const z = ad.variable(linalg.zeros([1, 5]));
    for (let t = 0; t < 400; t++) {
      z.zeroGrad();
      crossEntropyWithLogits(z, target).backward();
      linalg.addScaledInto(z.value, z.grad, -2);
    }
    return z.value.data[0]! - z.value.data[1]!;
  };
  result('EQ-REGULARIZERS-09', [
    `label smoothing (K = 5, ε = 0.1): target ${list(smoothLabels(linalg.tensor([0], [1]), 0.1, { classes: 5 }).data)}`,
    `logit gap after 400 steps: ${fmt(gap(smoothLabels(linalg.tensor([0], [1]), 0.1, { classes: 5 })))} (optimum ln((1 − ε + ε/K)/(ε/K)) = ${fmt(Math.log(0.92 / 0.02))}); with the hard label ${fmt(gap(linalg.tensor([0], [1])))} and growing`,
  ], { read: 'src/regularizers/label-smoothing.ts', spec: 'spec/regularizers/label-smoothing.test.ts' });

  const seq = oneHot(['ACCGTTAGC']);
  result('EQ-REGULARIZERS-10', `slide: "augmentation must be realistic!" — the other strand of ACCGTTAGC is ${letters(reverseComplement(seq))}; random crops of 6: ${[1, 2, 3].map(() => letters(randomCrop(seq, 6, rng))).join(', ')}`,
    { read: 'src/regularizers/augment-dna.ts', spec: 'spec/regularizers/augment.test.ts' });

  const under = new Rng(1111), A = linalg.randn([5, 12], under), b = linalg.randn([5], under);
  const gd = leastSquaresGD(A, b, { eta: 0.01, steps: 20_000 }), plus = minimumNormLeastSquares(A, b);
  result('EQ-REGULARIZERS-11', [
    'slide: "the gradient method itself is considered a method for regularization"; 5 equations, 12 unknowns, GD from 0:',
    `max |w_GD − X⁺y| = ${linalg.maxAbs(linalg.sub(gd, plus)).toExponential(1)}: of all interpolants it found the one of least norm, ‖w‖ = ${fmt(linalg.norm2(plus))}`,
  ], { read: 'src/regularizers/implicit.ts', spec: 'spec/regularizers/implicit.test.ts' });

  // double descent: min-norm least squares on p random ReLU features of 40 noisy points
  const dd = new Rng(12), wSine = linalg.randn([5, 1], dd);
  const draw = (m: number): { X: Tensor; y: Tensor } => {
    const Xd = linalg.randn([m, 5], dd);
    return { X: Xd, y: linalg.reshape(linalg.add(linalg.map(linalg.matmul(Xd, wSine), Math.sin), linalg.randn([m, 1], dd, 0, 0.3)), [m]) };
  };
  const trainSet = draw(40), testSet = draw(500);
  const V = linalg.randn([5, 320], dd, 0, 1 / Math.sqrt(5)), bias = linalg.randn([320], dd);
  const features = (Xd: Tensor, p: number): Tensor => {
    const Zd = linalg.matmul(Xd, V), m = Xd.shape[0]!, F = linalg.zeros([m, p]);
    for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) F.data[i * p + j] = Math.max(0, Zd.data[i * 320 + j]! + bias.data[j]!);
    return F;
  };
  const testError = (p: number): number => {
    const wp = minimumNormLeastSquares(features(trainSet.X, p), trainSet.y);
    const r = linalg.sub(linalg.reshape(linalg.matmul(features(testSet.X, p), column(wp)), [500]), testSet.y);
    return linalg.sum(linalg.mul(r, r)) / 500;
  };
  result('EQ-REGULARIZERS-12', `slide: "double descent"; test MSE of min-norm fits on p random ReLU features, n = 40: ${[10, 20, 36, 40, 50, 80, 320].map((p) => `p = ${p}: ${fmt(testError(p))}`).join(', ')}`,
    { read: 'src/regularizers/implicit.ts', spec: 'spec/regularizers/implicit.test.ts' });
  const ps = [5, 10, 15, 20, 25, 30, 34, 37, 39, 40, 41, 43, 46, 50, 60, 80, 120, 160, 240, 320];
  const errors = ps.map(testError), peak = ps[errors.indexOf(Math.max(...errors))]!;
  context.plot('double-descent', linePlot({
    title: 'Double descent: minimum-norm fits on p random ReLU features', xLabel: 'features p (n = 40 examples)', yLabel: 'test MSE (log scale)', logY: true,
    series: [{ label: 'test MSE', x: ps, y: errors }, { label: 'p = n', x: [40, 40], y: [Math.min(...errors), Math.max(...errors)] }],
  }), 'the test error peaks where p reaches n and falls again beyond it');
  context.headline(`early stopping at epoch ${stopper.stoppedEpoch} (best ${stopper.bestEpoch}); test MSE highest at p = ${peak} of n = 40`);
}

export const chapter = defineChapter({
  name: 'regularizers',
  order: 48,
  title: 'Regularisation and normalisation: penalties, dropout, batch and layer norm, skip connections, early stopping, label smoothing, augmentation',
  run: tour,
});
