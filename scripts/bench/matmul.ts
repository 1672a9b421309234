/**
 * Matmul benchmark: C = AB for n×n float64 matrices, in GFLOP/s = 2n³ / time.
 *
 *   npm run bench -- matmul [--json] [--sizes 64,128,256] [--naive-max 1024]
 *
 * For each n, in one run: the naive i-j-k twin (`gemmNaive`), the blocked
 * kernel on one thread (`gemm`, on WebAssembly SIMD where available), the
 * same with its JavaScript micro-kernel (`blocked JS`), and the worker pool
 * with 1 … cores threads (`parallel.parallelGemm` on one running pool,
 * capped at w threads), then the ratios blocked/naive, blocked/JS and
 * pool/one-thread, and a reference for the last: `indep×T/1t`, T threads
 * each computing a one-thread product of their own at the same moment,
 * T·t(one alone)/t(all at once) (independent.ts), which tells how much the
 * machine's T cores get done at once. Each figure is the median of repeated samples taken
 * after a JIT warm-up; the variants are sampled in turn (naive, blocked
 * JS, independent, blocked, pool×cores, …, pool×1, naive, …) so that a machine whose
 * speed drifts shifts them all alike, and each ratio is the median of the
 * ratios within a round. The naive twin is timed once at n = 1024 and skipped
 * above --naive-max (at 2048 it would take minutes).
 * Last, the four transpose forms of the blocked kernel at n = 512.
 *
 * --json prints one JSON object on stdout (progress goes to stderr).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Rng } from '../../src/random/index.js';
import { PARALLEL_MIN_WORK } from '../../src/linalg/kernels/dispatch.js';
import { MR, NR, simdAvailable, withSimdEnabled } from '../../src/linalg/kernels/gemm-micro.js';
import { KC, MC, NC, gemm, gemmNaive } from '../../src/linalg/kernels/gemm.js';
import * as parallel from '../../src/linalg/parallel/index.js';
import { squareOperands, startIndependent } from './independent.js';
import type { IndependentProducts } from './independent.js';

interface Options {
  json: boolean;
  sizes: number[];
  naiveMax: number;
}

/** One figure: the median time of `samples` samples, as GFLOP/s. */
interface Figure {
  gflops: number;
  seconds: number;
  samples: number;
}

interface SizeResult {
  n: number;
  naive: Figure | null;
  blocked: Figure;
  /** The blocked kernel with its JavaScript micro-kernel (what runs where WebAssembly SIMD is missing). */
  scalar: Figure;
  /** pool[w − 1]: the pool with w threads. */
  pool: (Figure & { threads: number })[];
  /** Median over rounds of t(naive)/t(blocked), samples of one round paired. */
  blockedOverNaive: number | null;
  /** Median over rounds of t(scalar)/t(blocked): what the SIMD kernel gains. */
  blockedOverScalar: number;
  /** poolOverBlocked[w − 1]: median over rounds of t(blocked)/t(pool with w threads). */
  poolOverBlocked: number[];
  /** T·t(blocked)/t(T one-thread products at once, one per thread), median over rounds: what T cores get done at once. */
  independentOverBlocked: number;
}

const DEFAULT_SIZES = [64, 128, 256, 512, 1024, 2048];

/** A positive integer from flag `flag`'s value, or a usage error naming both. */
function positiveInteger(flag: string, value: string | undefined): number {
  const x = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(x) || x < 1) {
    throw new Error(`matmul bench: ${flag} needs a positive integer, got '${value ?? ''}'`);
  }
  return x;
}

function parseArgs(args: string[]): Options {
  const options: Options = { json: false, sizes: DEFAULT_SIZES, naiveMax: 1024 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--sizes') options.sizes = (args[++i] ?? '').split(',').map((n) => positiveInteger('--sizes', n));
    else if (arg === '--naive-max') options.naiveMax = positiveInteger('--naive-max', args[++i]);
    else throw new Error(`matmul bench: unknown option '${arg}' (expected --json, --sizes a,b,…, --naive-max n)`);
  }
  return options;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? NaN, lower = sorted[mid - 1] ?? NaN;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
};

/** Seconds per call, over `calls` calls. */
function secondsPerCall(run: () => void, calls: number): number {
  const start = performance.now();
  for (let c = 0; c < calls; c++) run();
  return (performance.now() - start) / 1000 / calls;
}

/** Run `run` again and again for at least `ms` milliseconds (JIT warm-up). */
function warmUp(run: () => void, ms: number): void {
  const end = performance.now() + ms;
  do run(); while (performance.now() < end);
}


interface Variant {
  run: () => void;
  samples: number;
  calls: number;
  times: number[];
}

/** Time every variant at one size, taking their samples in turn. */
function sampleInTurn(variants: Variant[], n: number): void {
  // Calls per sample: enough for ~0.1 s (one untimed call calibrates, for n ≤ 512).
  for (const v of variants) {
    if (v.samples === 0) continue;
    v.calls = n <= 512 ? Math.max(1, Math.ceil(0.1 / secondsPerCall(v.run, 1))) : 1;
  }
  const rounds = Math.max(...variants.map((v) => v.samples));
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) if (round < v.samples) v.times.push(secondsPerCall(v.run, v.calls));
  }
}

/**
 * The speed-up of `fast` over `slow`: the median, over the rounds in which
 * both were sampled, of t(slow)/t(fast). Pairing the samples of one round
 * cancels the drift of a shared machine better than a ratio of medians.
 */
const pairedRatio = (slow: Variant, fast: Variant): number => {
  const rounds = Math.min(slow.times.length, fast.times.length);
  return median(Array.from({ length: rounds }, (_, r) => (slow.times[r] ?? NaN) / (fast.times[r] ?? NaN)));
};

const figure = (v: Variant, n: number): Figure => {
  const seconds = median(v.times);
  return { gflops: (2 * n ** 3) / seconds / 1e9, seconds, samples: v.times.length };
};

function benchSize(n: number, independent: IndependentProducts, options: Options, rng: Rng): SizeResult {
  const threads = independent.threads;
  const { A, B, C } = squareOperands(n, rng);
  const samples = n <= 512 ? 7 : n <= 1024 ? 9 : 3; // 9 at the size of the targets: a steadier median
  const naiveSamples = n > options.naiveMax ? 0 : n >= 1024 ? 1 : n >= 512 ? 3 : samples;
  const variant = (run: () => void, count: number): Variant => ({ run, samples: count, calls: 1, times: [] });
  const naive = variant(() => gemmNaive(false, false, n, n, n, 1, A, B, 0, C), naiveSamples);
  const blocked = variant(() => gemm(false, false, n, n, n, 1, A, B, 0, C), samples);
  const scalar = variant(() => withSimdEnabled(false, () => gemm(false, false, n, n, n, 1, A, B, 0, C)), samples);
  const pool = Array.from({ length: threads }, (_, w) =>
    variant(() => parallel.parallelGemm(false, false, n, n, n, 1, A, B, 0, C, w + 1), samples));
  const together = variant(() => independent.runTogether(n, A, B, C), samples);
  independent.runTogether(n, A, B, C); // untimed: the workers make their operands of this size
  // Each ratio pairs samples of one round, taken close together: blocked
  // sits right after the independent products (the JavaScript tile one
  // step before) and right before the pool with every thread (then fewer
  // threads), so that the machine's drift between them is small.
  sampleInTurn([naive, scalar, together, blocked, ...[...pool].reverse()], n);
  const blockedFigure = figure(blocked, n);
  const naiveFigure = naive.samples > 0 ? figure(naive, n) : null;
  const poolFigures = pool.map((v, w) => ({ threads: w + 1, ...figure(v, n) }));
  return {
    n,
    naive: naiveFigure,
    blocked: blockedFigure,
    scalar: figure(scalar, n),
    pool: poolFigures,
    blockedOverNaive: naiveFigure === null ? null : pairedRatio(naive, blocked),
    blockedOverScalar: pairedRatio(scalar, blocked),
    poolOverBlocked: pool.map((v) => pairedRatio(blocked, v)),
    independentOverBlocked: threads * pairedRatio(blocked, together),
  };
}

/** The blocked kernel's four transpose forms at one size (one thread). */
function benchForms(n: number, rng: Rng): Record<string, Figure> {
  const { A, B, C } = squareOperands(n, rng);
  const forms: Record<string, [boolean, boolean]> = { 'AB': [false, false], 'AᵀB': [true, false], 'ABᵀ': [false, true], 'AᵀBᵀ': [true, true] };
  const variants = Object.values(forms).map(([ta, tb]): Variant =>
    ({ run: () => gemm(ta, tb, n, n, n, 1, A, B, 0, C), samples: 5, calls: 1, times: [] }));
  sampleInTurn(variants, n);
  return Object.fromEntries(variants.map((variant, i) => [Object.keys(forms)[i], figure(variant, n)]));
}

const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? '—' : x.toFixed(digits));

export async function main(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const threads = availableParallelism();
  const progress = (line: string): void => { process.stderr.write(`${line}\n`); };
  const loadBefore = loadavg();
  const started = performance.now();
  parallel.start(threads);
  let independent: IndependentProducts | null = null;
  try {
    const together = startIndependent(threads, 7);
    independent = together; // stopped in finally
    // JIT warm-up of every kernel, in this thread and in the workers.
    const rng = new Rng(2024);
    const w = 128, { A, B, C } = squareOperands(w, rng);
    warmUp(() => gemmNaive(false, false, w, w, w, 1, A, B, 0, C), 300);
    warmUp(() => gemm(false, false, w, w, w, 1, A, B, 0, C), 300);
    withSimdEnabled(false, () => warmUp(() => gemm(false, false, w, w, w, 1, A, B, 0, C), 300));
    warmUp(() => parallel.parallelGemm(false, false, w, w, w, 1, A, B, 0, C), 500);
    warmUp(() => together.runTogether(w, A, B, C), 500);
    const results: SizeResult[] = [];
    for (const n of options.sizes) {
      progress(`matmul bench: n = ${n} …`);
      results.push(benchSize(n, together, options, rng));
    }
    const formsN = Math.min(512, Math.max(...options.sizes));
    progress(`matmul bench: transpose forms at n = ${formsN} …`);
    const forms = benchForms(formsN, rng);
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown', cores: threads, node: process.version,
      loadAverageBefore: loadBefore.map((x) => Number(x.toFixed(2))),
      loadAverageAfter: loadavg().map((x) => Number(x.toFixed(2))),
    };
    const seconds = (performance.now() - started) / 1000;
    if (options.json) {
      console.log(JSON.stringify({
        benchmark: 'matmul', unit: 'GFLOP/s = 2n³ / median seconds', machine, seconds: Number(seconds.toFixed(1)),
        kernel: simdAvailable() ? 'wasm-simd' : 'javascript',
        blocking: { MR, NR, KC, MC, NC }, parallelMinWork: PARALLEL_MIN_WORK, results, forms: { n: formsN, figures: forms },
      }, null, 2));
      return;
    }
    report(results, forms, formsN, threads, machine, seconds);
  } finally {
    await Promise.all([parallel.stop(), independent?.stop()]);
  }
}

function report(
  results: SizeResult[], forms: Record<string, Figure>, formsN: number, threads: number,
  machine: { cpu: string; cores: number; node: string; loadAverageBefore: number[]; loadAverageAfter: number[] },
  seconds: number,
): void {
  const poolHeads = Array.from({ length: threads }, (_, w) => `pool×${w + 1}`);
  const ratioHeads = Array.from({ length: threads }, (_, w) => `pool×${w + 1}/1t`);
  const heads = ['n', 'naive', 'blocked', 'blocked JS', ...poolHeads, 'blocked/naive', 'blocked/JS', ...ratioHeads, `indep×${threads}/1t`];
  const rows = results.map((r) => [
    String(r.n), fmt(r.naive?.gflops), fmt(r.blocked.gflops), fmt(r.scalar.gflops), ...r.pool.map((f) => fmt(f.gflops)),
    r.blockedOverNaive === null ? '—' : `${fmt(r.blockedOverNaive, 1)}×`, `${fmt(r.blockedOverScalar)}×`,
    ...r.poolOverBlocked.map((x) => `${fmt(x)}×`), `${fmt(r.independentOverBlocked)}×`,
  ]);
  const widths = heads.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  ');
  console.log(`matmul: C = AB, n×n float64, GFLOP/s = 2n³ / median time (blocked = gemm on one thread, 1t)`);
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ` +
    `load average ${machine.loadAverageBefore.join(' ')} before, ${machine.loadAverageAfter.join(' ')} after`);
  console.log('');
  console.log(line(heads));
  for (const row of rows) console.log(line(row));
  console.log('');
  const samples = results.map((r) => `n=${r.n}: ${r.blocked.samples}${r.naive ? `, naive ${r.naive.samples}` : ', naive skipped'}`);
  console.log(`samples per figure (medians): ${samples.join('; ')}`);
  console.log('ratios: median over rounds of the ratio of the two samples taken in the same round');
  console.log(`pool×w: one pool of ${threads} threads (main + ${threads - 1} worker${threads === 2 ? "" : "s"}) with each product cut into w parts; ` +
    `pool×1 is the one-thread kernel called through the pool`);
  console.log(`indep×${threads}/1t: ${threads} threads each computing a one-thread product of its own at once, ` +
    `${threads}·t(one alone)/t(all at once): what ${threads} cores get done at once here, a reference for pool×${threads}/1t`);
  console.log(`matmul hands products to the pool from m·n·k ≥ ${PARALLEL_MIN_WORK} (≈ ${Math.round(Math.cbrt(PARALLEL_MIN_WORK))}³)`);
  console.log(`blocking: MR×NR = ${MR}×${NR}, KC = ${KC}, MC = ${MC}, NC = ${NC}; blocks run on the ` +
    (simdAvailable() ? 'WebAssembly SIMD kernel (f64x2)' : 'JavaScript micro-kernel (no WebAssembly SIMD on this engine)') +
    '; blocked JS: the same blocking with the JavaScript micro-kernel');
  console.log('');
  console.log(`transpose forms at n = ${formsN} (blocked, one thread): ` +
    Object.entries(forms).map(([name, f]) => `${name} ${fmt(f.gflops)}`).join(', '));
  const at1024 = results.find((r) => r.n === 1024);
  if (at1024 !== undefined) {
    const two = at1024.poolOverBlocked[1];
    console.log('');
    console.log('targets at n = 1024 (shown here, never asserted in a test):');
    console.log(`  one thread ≥ 6 GFLOP/s: ${fmt(at1024.blocked.gflops)} (${at1024.blocked.gflops >= 6 ? 'met' : 'not met'})`);
    if (at1024.blockedOverNaive !== null) {
      console.log(`  one thread ≥ 7× naive:  ${fmt(at1024.blockedOverNaive, 1)}× (${at1024.blockedOverNaive >= 7 ? 'met' : 'not met'})`);
    }
    if (two !== undefined) {
      console.log(`  2 threads ≥ 1.9× one:   ${fmt(two)}× (${two >= 1.9 ? 'met' : 'not met'})`);
      if (threads === 2) {
        console.log(`  (two independent one-thread products at once: ${fmt(at1024.independentOverBlocked)}× one alone, in the same run; ` +
          `the pool reached ${fmt((100 * two) / at1024.independentOverBlocked, 0)} % of that)`);
      }
    }
  }
  console.log(`(${seconds.toFixed(0)} s in all; the machine is shared, so figures vary from run to run)`);
}
