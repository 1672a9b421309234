/**
 * MLP training benchmark: samples per second of one SGD step of a
 * 784-128-10 perceptron trained through autodiff.
 *
 *   npm run bench -- mlp [--json] [--rounds 7] [--steps 20] [--warmup-ms 1500]
 *
 * The network, for a batch X (B×784) with one-hot targets Y (B×10), B = 64:
 *   H = ReLU(X·W₁ + b₁)                  W₁: 784×128, b₁: 128
 *   Z = H·W₂ + b₂                        W₂: 128×10,  b₂: 10
 *   L = −(1/B)·Σᵢ Σₖ Yᵢₖ·logSoftmax(Z)ᵢₖ  (softmax cross-entropy)
 *   θ ← θ − η·∂L/∂θ                      (SGD by hand on Var.value.data, η = 0.01)
 * on seeded Gaussian data (a fixed set of 8 batches, cycled). It exercises
 * the matmuls, the element-wise ops, and the exp/log of the log-softmax in
 * its forward and backward passes.
 *
 * After a JIT warm-up of about --warmup-ms of training, each of --rounds
 * rounds times --steps steps; the figure is the median round, in samples/s
 * (B·steps / time), with the spread (min … max) of the rounds beside it.
 * The final loss is printed so that a run that diverges shows.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { randn, zeros } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';

const D = 784, HIDDEN = 128, CLASSES = 10, BATCH = 64, BATCHES = 8, ETA = 0.01;

interface Options {
  json: boolean;
  rounds: number;
  steps: number;
  warmupMs: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, rounds: 7, steps: 20, warmupMs: 1500 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): number => {
      const v = Number(args[++i]);
      if (!Number.isSafeInteger(v) || v < 1) throw new Error(`mlp: ${flag} takes a positive integer, got '${args[i]}'`);
      return v;
    };
    if (flag === '--json') options.json = true;
    else if (flag === '--rounds') options.rounds = value();
    else if (flag === '--steps') options.steps = value();
    else if (flag === '--warmup-ms') options.warmupMs = value();
    else throw new Error(`mlp: unknown option '${flag}'; the options are --json, --rounds, --steps, --warmup-ms`);
  }
  return options;
}

/** One batch: X (B×784) Gaussian, Y (B×10) one-hot of uniform labels. */
function makeBatch(rng: Rng): { X: Tensor; Y: Tensor } {
  const X = randn([BATCH, D], rng);
  const Y = zeros([BATCH, CLASSES]);
  for (let i = 0; i < BATCH; i++) Y.data[i * CLASSES + rng.int(0, CLASSES)] = 1;
  return { X, Y };
}

/** One SGD step on the batch; returns the loss before the step. */
function step(params: readonly Var[], X: Tensor, Y: Tensor): number {
  const [W1, b1, W2, b2] = params as [Var, Var, Var, Var];
  const H = ad.relu(ad.add(ad.matmul(X, W1), b1));
  const Z = ad.add(ad.matmul(H, W2), b2);
  const L = ad.neg(ad.div(ad.sum(ad.mul(ad.logSoftmax(Z), Y)), BATCH));
  ad.zeroGrad(params);
  L.backward();
  for (const p of params) {
    const theta = p.value.data, g = p.grad.data;
    for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - ETA * g[i]!;
  }
  return L.item();
}

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const rng = new Rng(2024);
  const params = [
    ad.variable(randn([D, HIDDEN], rng, 0, Math.sqrt(2 / D)), 'W1'),
    ad.variable(zeros([HIDDEN]), 'b1'),
    ad.variable(randn([HIDDEN, CLASSES], rng, 0, Math.sqrt(1 / HIDDEN)), 'W2'),
    ad.variable(zeros([CLASSES]), 'b2'),
  ];
  const batches = Array.from({ length: BATCHES }, () => makeBatch(rng));
  let t = 0, loss = NaN;
  const run = (steps: number): void => {
    for (let s = 0; s < steps; s++, t++) {
      const batch = batches[t % BATCHES]!;
      loss = step(params, batch.X, batch.Y);
    }
  };
  const warmupEnd = performance.now() + options.warmupMs;
  while (performance.now() < warmupEnd) run(1);
  const rates: number[] = [];
  for (let r = 0; r < options.rounds; r++) {
    const t0 = performance.now();
    run(options.steps);
    const seconds = (performance.now() - t0) / 1000;
    rates.push((BATCH * options.steps) / seconds);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const result = {
    network: `${D}-${HIDDEN}-${CLASSES}`, batch: BATCH, rounds: options.rounds, steps: options.steps,
    samplesPerSecond: median, min: sorted[0]!, max: sorted[sorted.length - 1]!, loss,
  };
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`MLP ${result.network}, batch ${BATCH}, SGD η = ${ETA}: ${median.toFixed(0)} samples/s ` +
      `(median of ${options.rounds} rounds of ${options.steps} steps; rounds ${result.min.toFixed(0)} … ${result.max.toFixed(0)}; loss ${loss.toFixed(4)})`);
  }
}
