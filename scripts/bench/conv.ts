/**
 * Convolution benchmark: images per second of one forward and backward
 * pass of LeNet-5 (src/layers/lenet.ts) on a batch of 32 images 1×32×32,
 * three ways in the same run:
 *
 *   gemm, 1 thread   the convolutions as unfolded products (im2col, then
 *                    the gemm kernel for the output, the filter gradient
 *                    and the input gradient), the pool's hook removed
 *   gemm, pool       the same with linalg/parallel started (every core):
 *                    products of at least 80³ multiply-adds are shared
 *   direct           the sliding-window loops (method 'direct'), one thread
 *
 *   npm run bench -- conv [--json] [--rounds 9] [--round-ms 1500] [--warmup-ms 2000]
 *                         [--activation relu|tanh] [--pooling max|avg] [--batch 32]
 *
 * One step: zero the gradients, logits = net(X), L = cross-entropy of the
 * logits against seeded labels (mean over the batch), L.backward(). The
 * three networks hold the same weights, so their losses must agree (printed).
 *
 * Rounds interleave the variants (their order rotates from round to round)
 * and each variant runs whole steps for at least --round-ms (at least one
 * step); a figure is the median over rounds of batch·steps/seconds, with
 * the slowest and fastest round beside it. Two clocks: the wall clock, and
 * the process's CPU time (user + system, every thread of the process,
 * workers included). On a machine shared with other processes the wall
 * figure of a one-thread variant drops with the load while its CPU figure
 * stays close to what an idle core gives; for the pool the CPU figure is
 * images per core-second, and only the wall figure shows what the threads
 * gain. Ratios are medians of the ratio within each round, so that a change
 * of the machine's load between rounds cancels; gemm / direct is given by
 * both clocks. The load average is printed before and after; when it
 * exceeds the core count, the wall figures are low and noisy.
 *
 * Defaults: ReLU and max pooling, LeNet-5 as it is usually trained today;
 * --activation tanh --pooling avg is the 1998 network, whose tanh (the
 * accurate one of src/math, and its derivative from x) then costs about a
 * quarter of the step.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import { getParallelGemm, setParallelGemm } from '../../src/linalg/kernels/dispatch.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { lenet5 } from '../../src/layers/index.js';
import type { Sequential } from '../../src/layers/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { Rng } from '../../src/random/index.js';

interface Options {
  json: boolean;
  rounds: number;
  roundMs: number;
  warmupMs: number;
  activation: 'tanh' | 'relu';
  pooling: 'avg' | 'max';
  batch: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, rounds: 9, roundMs: 1500, warmupMs: 2000, activation: 'relu', pooling: 'max', batch: 32 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): number => {
      const v = Number(args[++i]);
      if (!Number.isSafeInteger(v) || v < 1) throw new Error(`conv: ${flag} takes a positive integer, got '${args[i]}'`);
      return v;
    };
    const choice = <T extends string>(choices: readonly T[]): T => {
      const v = args[++i];
      if (!(choices as readonly (string | undefined)[]).includes(v)) throw new Error(`conv: ${flag} takes ${choices.join(' or ')}, got '${v}'`);
      return v as T;
    };
    if (flag === '--json') options.json = true;
    else if (flag === '--rounds') options.rounds = value();
    else if (flag === '--round-ms') options.roundMs = value();
    else if (flag === '--warmup-ms') options.warmupMs = value();
    else if (flag === '--batch') options.batch = value();
    else if (flag === '--activation') options.activation = choice(['tanh', 'relu'] as const);
    else if (flag === '--pooling') options.pooling = choice(['avg', 'max'] as const);
    else throw new Error(`conv: unknown option '${flag}'; the options are --json, --rounds, --round-ms, --warmup-ms, --activation, --pooling, --batch`);
  }
  return options;
}

interface Variant {
  name: string;
  net: Sequential;
  /** Use the pool's hook while this variant runs. */
  pool: boolean;
  /** images per wall-clock second, per round. */
  rates: number[];
  /** images per CPU second of the process, per round. */
  cpuRates: number[];
  loss: number;
}

/** One forward and backward pass; returns the loss. */
function step(net: Sequential, X: linalg.Tensor, y: linalg.Tensor): number {
  net.zeroGrad();
  const L = crossEntropyWithLogits(net.forward(ad.constant(X)), y);
  L.backward();
  return L.item();
}

/** Whole steps for at least `ms` milliseconds; images per wall-clock second and per CPU second. */
function timed(v: Variant, X: linalg.Tensor, y: linalg.Tensor, ms: number): [number, number] {
  let steps = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  do {
    v.loss = step(v.net, X, y);
    steps++;
    t = performance.now();
  } while (t - t0 < ms);
  const cpu = process.cpuUsage(c0);
  const images = X.shape[0]! * steps;
  return [images / ((t - t0) / 1000), images / ((cpu.user + cpu.system) / 1e6)];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const cores = availableParallelism();
  const loadBefore = loadavg();
  const rng = new Rng(2024);
  const build = (method: 'gemm' | 'direct'): Sequential =>
    lenet5({ rng: new Rng(7), activation: options.activation, pooling: options.pooling, method });
  const X = linalg.randn([options.batch, 1, 32, 32], rng);
  const y = linalg.tensor(Array.from({ length: options.batch }, () => rng.int(0, 10)), [options.batch]);
  const variants: Variant[] = [
    { name: 'gemm, 1 thread', net: build('gemm'), pool: false, rates: [], cpuRates: [], loss: NaN },
    { name: `gemm, pool (${cores} threads)`, net: build('gemm'), pool: true, rates: [], cpuRates: [], loss: NaN },
    { name: 'direct loops, 1 thread', net: build('direct'), pool: false, rates: [], cpuRates: [], loss: NaN },
  ];
  parallel.start(cores);
  const hook = getParallelGemm();
  const use = (v: Variant): void => setParallelGemm(v.pool ? hook : null);
  const started = performance.now();
  try {
    for (const v of variants) {
      use(v);
      timed(v, X, y, options.warmupMs / variants.length);
    }
    for (let r = 0; r < options.rounds; r++) {
      process.stderr.write(`conv bench: round ${r + 1} of ${options.rounds} …\n`);
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(r + k) % variants.length]!;
        use(v);
        const [wall, cpu] = timed(v, X, y, options.roundMs);
        v.rates.push(wall);
        v.cpuRates.push(cpu);
      }
    }
  } finally {
    setParallelGemm(hook);
    await parallel.stop();
  }
  const [one, pooled, direct] = variants as [Variant, Variant, Variant];
  const ratio = (a: Variant, b: Variant): number => median(a.rates.map((x, i) => x / b.rates[i]!));
  const cpuRatio = (a: Variant, b: Variant): number => median(a.cpuRates.map((x, i) => x / b.cpuRates[i]!));
  const spread = (xs: readonly number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown', cores, node: process.version,
    loadAverageBefore: loadBefore.map((x) => Number(x.toFixed(2))), loadAverageAfter: loadavg().map((x) => Number(x.toFixed(2))),
  };
  const result = {
    benchmark: 'conv', network: `LeNet-5 (${options.activation}, ${options.pooling} pooling)`, batch: options.batch, input: '1×32×32',
    unit: 'images/s, forward + backward', rounds: options.rounds, machine, seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    variants: variants.map((v) => ({
      name: v.name, median: median(v.rates), min: spread(v.rates)[0], max: spread(v.rates)[1],
      cpuMedian: median(v.cpuRates), cpuMin: spread(v.cpuRates)[0], cpuMax: spread(v.cpuRates)[1], loss: v.loss,
    })),
    ratios: { gemmOverDirect: ratio(one, direct), gemmOverDirectCpu: cpuRatio(one, direct), poolOverDirect: ratio(pooled, direct), poolOverOneThread: ratio(pooled, one) },
  };
  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`${result.network}: forward + backward on a batch of ${options.batch} images 1×32×32, images/s`);
  console.log(`machine: ${machine.cpu}, ${cores} cores, Node ${machine.node}; load average ${machine.loadAverageBefore.join(' ')} before, ${machine.loadAverageAfter.join(' ')} after`);
  console.log('');
  const width = Math.max(...variants.map((v) => v.name.length));
  console.log(`  ${''.padEnd(width)}  ${'wall clock'.padStart(24)}   ${'CPU time'.padStart(24)}`);
  for (const v of variants) {
    const [lo, hi] = spread(v.rates), [clo, chi] = spread(v.cpuRates);
    const cell = (m: number, a: number, b: number): string => `${m.toFixed(0).padStart(6)} (${a.toFixed(0)} … ${b.toFixed(0)})`.padStart(24);
    console.log(`  ${v.name.padEnd(width)}  ${cell(median(v.rates), lo, hi)}   ${cell(median(v.cpuRates), clo, chi)}   loss ${v.loss.toFixed(12)}`);
  }
  console.log('');
  console.log(`  gemm / direct on one thread: ${result.ratios.gemmOverDirect.toFixed(1)}× (wall), ${result.ratios.gemmOverDirectCpu.toFixed(1)}× (CPU); with the pool ${result.ratios.poolOverDirect.toFixed(1)}× (wall); pool / one thread: ${result.ratios.poolOverOneThread.toFixed(2)}× (wall)`);
  console.log(`  (medians over ${options.rounds} rounds of the ratio within a round; the variants run in turn, for ≥ ${options.roundMs} ms each per round)`);
  if (Math.max(...machine.loadAverageBefore.slice(0, 1), ...machine.loadAverageAfter.slice(0, 1)) > cores) {
    console.log(`  note: the load average exceeded the ${cores} cores during the run: other processes shared them, so the figures are low and noisy.`);
  }
}
