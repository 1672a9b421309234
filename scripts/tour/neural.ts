/**
 * Tour section: neural networks I (EQ-LAYERS-49, 04, 05, 07, 14, 16, 25, 48;
 * EQ-LOSSES-01, 03, 07) — from the biological neuron to a trained network:
 * the Hodgkin–Huxley neuron firing above a threshold, the perceptron on
 * AND, OR and XOR, the activations' stable forms, why non-linearity is
 * needed, XOR with two hidden units, He initialisation through depth, and
 * the losses as each deck writes them.
 */
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  Dense, Perceptron, ReLU, Sequential, hodgkinHuxley, mlp, sigmoid, sigmoidRatioForm, sigmoidReciprocalForm, softplus,
} from '../../src/layers/index.js';
import type { Initializer, Module } from '../../src/layers/index.js';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, l2Loss, mse, sse } from '../../src/losses/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
const X = linalg.fromArray([[0, 0], [0, 1], [1, 0], [1, 1]]);
const labels = { AND: linalg.fromArray([0, 0, 0, 1]), OR: linalg.fromArray([0, 1, 1, 1]), XOR: linalg.fromArray([0, 1, 1, 0]) };

/** Upward crossings of 0 mV: action potentials. */
function spikes(V: Tensor): number {
  let count = 0;
  for (let i = 1; i < V.data.length; i++) if (V.data[i - 1]! < 0 && V.data[i]! >= 0) count++;
  return count;
}

/** Plain gradient descent θ ← θ − η∇L for `steps` steps. */
function descend(net: Module, loss: () => ad.Var, eta: number, steps: number): void {
  for (let t = 0; t < steps; t++) {
    net.zeroGrad();
    loss().backward();
    for (const p of net.parameters()) linalg.addScaledInto(p.value, p.grad, -eta);
  }
}

export function tour(): void {
  const hh = (I: number): number => spikes(hodgkinHuxley({ current: I, duration: 200 }).V);
  result('EQ-LAYERS-49', [
    'slide: the Hodgkin–Huxley neuron, I = C·dV/dt + ḡ_K n⁴(V − V_K) + ḡ_Na m³h(V − V_Na) + ḡ_l(V − V_l), by RK4:',
    `spikes in 200 ms at I = 0, 6.2, 6.3, 10, 20 μA/cm²: ${[0, 6.2, 6.3, 10, 20].map(hh).join(', ')} (below about 6.26 the spikes die out, above it they repeat)`,
  ], { read: 'src/layers/hodgkin-huxley.ts', spec: 'spec/layers/hodgkin-huxley.test.ts' });

  const fits = (['AND', 'OR'] as const).map((name) => {
    const p = new Perceptron().fit(X, labels[name]);
    return `${name} in ${p.epochs} epochs (w = [${Array.from(p.w.data).join(', ')}], b = ${p.b})`;
  });
  result('EQ-LAYERS-04', `slide: "the perceptron can solve AND and OR". Rosenblatt's rule from 0 converges: ${fits.join('; ')}`,
    { read: 'src/layers/perceptron.ts', spec: 'spec/layers/perceptron.test.ts' });
  const xor = new Perceptron({ maxEpochs: 1000 }).fit(X, labels.XOR);
  result('EQ-LAYERS-05', `slide: "the perceptron cannot solve XOR". After ${xor.epochs} epochs: converged ${xor.converged}, fewest mistakes in an epoch ${Math.min(...xor.mistakes)}`,
    { read: 'src/layers/perceptron.ts', spec: 'spec/layers/perceptron.test.ts' });

  const s = (x: number): number => sigmoid(ad.constant(x)).item();
  result('EQ-LAYERS-07', [
    `σ(x) = 1/(1 + e^{−x}) = eˣ/(eˣ + 1): at x = 3 both give ${fmt(sigmoidReciprocalForm(3))} and ${fmt(sigmoidRatioForm(3))}`,
    `at x = 710 the literal eˣ/(eˣ + 1) gives ${sigmoidRatioForm(710)} (∞/∞); the library's branch on the sign gives ${s(710)}`,
  ], { read: 'src/layers/activations.ts', spec: 'spec/layers/activations.test.ts' });
  result('EQ-LAYERS-14', `softplus(x) = ln(1 + eˣ): literal at 1000 = ${Math.log(1 + Math.exp(1000))}, library = ${softplus(ad.constant(1000)).item()}; softplus(0) = ln 2 = ${fmt(softplus(ad.constant(0)).item())}`,
    { read: 'src/layers/activations.ts', spec: 'spec/layers/activations.test.ts' });

  const rng = new Rng(16);
  const l1 = new Dense(3, 4, { rng }), l2 = new Dense(4, 2, { rng });
  const x = linalg.randn([5, 3], rng);
  const stacked = new Sequential([l1, l2]).forward(ad.constant(x)).value;
  const one = linalg.add(linalg.matmul(x, linalg.matmul(l1.W.value, l2.W.value)), linalg.add(linalg.matmul(l1.b!.value, l2.W.value), l2.b!.value));
  result('EQ-LAYERS-16', `slide: "stacking of linear functions results in a linear function". Dense(3→4) then Dense(4→2) against X(W₁W₂) + (b₁W₂ + b₂): max difference ${linalg.maxAbs(linalg.sub(stacked, one)).toExponential(1)}`,
    { read: 'src/layers/dense.ts', spec: 'spec/layers/dense.test.ts' });

  const net = mlp([2, 2, 1], { activation: 'tanh', rng: new Rng(1) });
  const y = linalg.reshape(labels.XOR, [4, 1]);
  descend(net, () => mse(net.forward(ad.constant(X)), y), 0.5, 300);
  const out = net.predict(X);
  result('EQ-LAYERS-25', [
    `slide: "solve XOR with just 2 hidden neurons". A 2-2-1 tanh MLP after 300 steps of gradient descent on the MSE (seed 1):`,
    `outputs ${Array.from(out.data, fmt).join(', ')} for 00, 01, 10, 11; its layers:`,
    ...net.summary([4, 2]).split('\n'),
  ], { read: 'src/layers/mlp.ts', spec: 'spec/layers/mlp.test.ts' });

  // the spec's instance: 64 samples through 20 bias-free Dense(256 → 256) + ReLU layers, seed 480
  const r = new Rng(480);
  const input = linalg.randn([64, 256], r);
  const meanSquare = (t: Tensor): number => linalg.sum(linalg.square(t)) / t.data.length;
  const deep = (c: number): number => {
    const init: Initializer = (shape, g) => linalg.randn(shape, g, 0, Math.sqrt(c / shape[0]!));
    const layers: Module[] = [];
    for (let l = 0; l < 20; l++) layers.push(new Dense(256, 256, { rng: r, init, bias: false }), new ReLU());
    return meanSquare(ad.noGrad(() => new Sequential(layers).forward(ad.constant(input))).value) / meanSquare(input);
  };
  result('EQ-LAYERS-48', `mean square of the activations after 20 ReLU layers, over the input's: He (Var 2/fan_in) ${fmt(deep(2))}, Var 0.5/fan_in ${deep(0.5).toExponential(1)} (≈ 4⁻²⁰)`,
    { read: 'src/layers/init.ts', spec: 'spec/layers/init.test.ts' });

  const yHat = ad.constant(linalg.fromArray([1, 2, 4])), target = linalg.fromArray([0, 2, 2]);
  result('EQ-LOSSES-01', `ŷ = [1, 2, 4], y = [0, 2, 2]: the 000 deck's "MSE" Σ(ŷ − y)² = ${sse(yHat, target).item()} = n·mse, mse = ${fmt(mse(yHat, target).item())}`,
    { read: 'src/losses/mse.ts', spec: 'spec/losses/regression.test.ts' });
  result('EQ-LOSSES-03', `the 002 deck's "L2 loss" ‖y − ŷ‖₂ = ${fmt(l2Loss(yHat, target).item())} = √5, neither squared nor averaged`,
    { read: 'src/losses/l2.ts', spec: 'spec/losses/regression.test.ts' });
  const z = ad.constant(linalg.fromArray([1000, -1000])), y01 = linalg.fromArray([0, 1]);
  result('EQ-LOSSES-07', `BCE of logits z = [1000, −1000] with y = [0, 1]: from logits ${binaryCrossEntropyWithLogits(z, y01).item()}, through p = σ(z) ${binaryCrossEntropy(ad.sigmoid(z), y01).item()} (p rounds to 1 and 0)`,
    { read: 'src/losses/binary-cross-entropy.ts', spec: 'spec/losses/cross-entropy.test.ts' });
}

export const chapter = defineChapter({
  name: 'neural',
  order: 30,
  title: 'Neural networks I: from the biological neuron to a trained network; activations, initialisation, losses',
  run: tour,
});
