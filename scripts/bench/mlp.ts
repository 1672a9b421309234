/**
 * MLP training benchmark: samples per second of one SGD step of a
 * 784-128-10 perceptron trained through autodiff.
 *
 *   npm run bench -- mlp [--json] [--rounds 7] [--steps 20] [--warmup-ms 1500] [--batch 64] [--threads 1,2] [--shared]
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
 *
 * --batch B sets the batch size. --threads t₁,t₂,… trains with the
 * linalg/parallel pool started on t threads (1: no pool) in turn: every
 * round times each thread count once (the order rotating, each after a
 * short warm-up of its own, so that the workers' code is compiled too),
 * and the speed-up printed is the median of the per-round ratios to the
 * first thread count. Wall-clock: the threads' CPU times would add up.
 * --shared puts the parameters and the batches in shared memory
 * (parallel.shared), so that the pool reads them without copying.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { randn, zeros } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { poolStatus } from '../../src/linalg/parallel/pool.js';
import { Rng } from '../../src/random/index.js';

const D = 784, HIDDEN = 128, CLASSES = 10, BATCHES = 8, ETA = 0.01;
let BATCH = 64;

interface Options {
  json: boolean;
  rounds: number;
  steps: number;
  warmupMs: number;
  threads: number[] | null;
  shared: boolean;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, rounds: 7, steps: 20, warmupMs: 1500, threads: null, shared: false };
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
    else if (flag === '--batch') BATCH = value();
    else if (flag === '--shared') options.shared = true;
    else if (flag === '--threads') {
      const list = (args[++i] ?? '').split(',').map(Number);
      if (list.some((t) => !Number.isSafeInteger(t) || t < 1)) throw new Error(`mlp: --threads takes positive integers, got '${args[i]}'`);
      options.threads = list;
    } else throw new Error(`mlp: unknown option '${flag}'; the options are --json, --rounds, --steps, --warmup-ms, --batch, --threads, --shared`);
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
  const place = (x: Tensor): Tensor => (options.shared ? parallel.shared(x) : x);
  const params = [
    ad.variable(place(randn([D, HIDDEN], rng, 0, Math.sqrt(2 / D))), 'W1'),
    ad.variable(place(zeros([HIDDEN])), 'b1'),
    ad.variable(place(randn([HIDDEN, CLASSES], rng, 0, Math.sqrt(1 / HIDDEN))), 'W2'),
    ad.variable(place(zeros([CLASSES])), 'b2'),
  ];
  const batches = Array.from({ length: BATCHES }, () => {
    const { X, Y } = makeBatch(rng);
    return { X: place(X), Y };
  });
  let t = 0, loss = NaN;
  const run = (steps: number): void => {
    for (let s = 0; s < steps; s++, t++) {
      const batch = batches[t % BATCHES]!;
      loss = step(params, batch.X, batch.Y);
    }
  };
  const warmupEnd = performance.now() + options.warmupMs;
  while (performance.now() < warmupEnd) run(1);
  if (options.threads !== null) {
    await compareThreads(options, options.threads, run, () => loss);
    return;
  }
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

/** The --threads comparison (file comment): samples/s per thread count, and the ratios to the first. */
async function compareThreads(options: Options, threads: number[], run: (steps: number) => void, loss: () => number): Promise<void> {
  const rates = threads.map(() => [] as number[]);
  const routes = threads.map(() => ({ shared: 0, single: 0 }));
  const ratios = threads.map(() => [] as number[]);
  for (let r = 0; r < options.rounds; r++) {
    const round = threads.map(() => 0);
    for (let q = 0; q < threads.length; q++) {
      const index = (q + r) % threads.length;
      parallel.start(threads[index]!);
      const warm = performance.now() + 300;
      while (performance.now() < warm) run(1);
      const t0 = performance.now();
      run(options.steps);
      round[index] = (BATCH * options.steps) / ((performance.now() - t0) / 1000);
      const status = poolStatus();
      if (status !== null) {
        routes[index]!.shared += status.sharedProducts;
        routes[index]!.single += status.singleProducts;
      }
      await parallel.stop(); // a fresh pool (and route chooser) for every timing
    }
    round.forEach((rate, q) => { rates[q]!.push(rate); ratios[q]!.push(rate / round[0]!); });
  }
  await parallel.stop();
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const result = threads.map((t, q) => ({
    threads: t, samplesPerSecond: median(rates[q]!), min: Math.min(...rates[q]!), max: Math.max(...rates[q]!),
    ratio: median(ratios[q]!), ratioMin: Math.min(...ratios[q]!), ratioMax: Math.max(...ratios[q]!),
    sharedProducts: routes[q]!.shared, singleProducts: routes[q]!.single,
  }));
  if (options.json) {
    console.log(JSON.stringify({ network: `${D}-${HIDDEN}-${CLASSES}`, batch: BATCH, rounds: options.rounds, steps: options.steps, result, loss: loss() }));
    return;
  }
  console.log(`MLP ${D}-${HIDDEN}-${CLASSES}, batch ${BATCH}, SGD η = ${ETA}, ${options.rounds} rounds of ${options.steps} steps (wall-clock):`);
  for (const f of result) {
    console.log(`  ${String(f.threads).padStart(2)} thread${f.threads === 1 ? ' ' : 's'} ${f.samplesPerSecond.toFixed(0)} samples/s ` +
      `(${f.min.toFixed(0)} … ${f.max.toFixed(0)}); ×${f.ratio.toFixed(2)} of ${threads[0]} (${f.ratioMin.toFixed(2)} … ${f.ratioMax.toFixed(2)})` +
      (f.threads > 1 ? `; products shared ${f.sharedProducts}, left on one thread ${f.singleProducts}` : ''));
  }
}
