/**
 * Decompositions benchmark: each routine beside its twin, in the same run.
 *
 *   npm run bench -- decompositions [--json] [--sizes 100,300,1000] [--tall 1000x50]
 *       [--only cholesky,solve,qr,eigSym,svd] [--rounds n] [--twin-max n] [--blocks 16,32,64]
 *
 * For each n (and the tall m×n of PCA for qr and svd), on one thread:
 *   cholesky  cholesky(A), A = BBᵀ + n·I        twin: the column loop (cholesky.ts)
 *   solve     solve(A, b), A Gaussian, one b    twin: unblocked elimination + substitution
 *   qr        qr(A), thin Q and R               twin: one reflection at a time (qr.ts)
 *   eigSym    eigSym(A), A = B + Bᵀ, B Gaussian  twin: eigSym(A, { method: 'jacobi' })
 *   svd       svd(X), X Gaussian, thin          twin: svd(X, { method: 'jacobi' })
 * Both variants of a routine are timed in turn in every round (which goes
 * first alternates), so that a machine whose speed drifts (other jobs) slows
 * both alike. Each call is timed twice: wall-clock, and the CPU time of
 * this process (process.cpuUsage: user + system), which on a machine
 * loaded beyond its cores leaves out the time slices taken by other
 * processes and so varies far less (at a load of 13 on 2 cores: gemm at
 * n = 300 took 16–49 ms wall-clock and 8.1–8.9 ms of CPU). The figure of
 * each is the median of the rounds with the spread (min … max), the
 * speed-up the median of the per-round ratios of CPU times, and GFLOP/s
 * are per CPU second. They use the usual counts: n³/3 (Cholesky), 2n³/3 (LU),
 * 4mn² − 4n³/3 (QR with its thin Q, m ≥ n); eigSym and svd have no fixed
 * count (their iterations depend on the matrix) and are given as times.
 * Before timing, each variant's result is checked (relative residual, and
 * orthogonality where there is an orthogonal factor), so that no variant
 * wins by being wrong; the checks are printed beside the figures.
 * Twins of eigSym and svd are skipped above --twin-max (default 300: at
 * n = 1000 Jacobi takes tens of seconds).
 *
 * --blocks b1,b2,… times the blocked factorisations alone (Cholesky, LU —
 * printed as solve — and QR with its Q) at each block size instead, in
 * interleaved rounds (how their block sizes were chosen).
 *
 * The load average is printed before and after: on a machine whose load
 * exceeds its cores, the figures are unreliable (other processes take the
 * CPU for whole time slices), and the ratios of interleaved runs are the
 * figures to read. --json prints one JSON object on stdout.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Rng } from '../../src/random/index.js';
import { cholesky, eigSym, matmul, matmulTransA, qr, randn, solve, svd } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { factorUnblocked as choleskyTwin } from '../../src/linalg/cholesky.js';
import { choleskyUpperBlocked } from '../../src/linalg/cholesky-blocked.js';
import { factorUnblocked as luTwin } from '../../src/linalg/lu.js';
import { factorBlocked } from '../../src/linalg/lu-blocked.js';
import { householderUnblocked } from '../../src/linalg/qr.js';
import { householderBlocked } from '../../src/linalg/qr-blocked.js';
import { substituteInto } from '../../src/linalg/substitute.js';

const ROUTINES = ['cholesky', 'solve', 'qr', 'eigSym', 'svd'] as const;
type Routine = (typeof ROUTINES)[number];

interface Options {
  json: boolean;
  sizes: number[];
  tall: [number, number] | null;
  only: Routine[];
  rounds: number | null;
  twinMax: number;
  blocks: number[] | null;
}

const USAGE = 'usage: npm run bench -- decompositions [--json] [--sizes 100,300,1000] [--tall 1000x50] ' +
  '[--only cholesky,solve,qr,eigSym,svd] [--rounds n] [--twin-max n (default 300)] [--blocks 16,32,64]';

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, sizes: [100, 300, 1000], tall: [1000, 50], only: [...ROUTINES], rounds: null, twinMax: 300, blocks: null };
  const list = (flag: string, value: string | undefined): number[] => {
    const xs = (value ?? '').split(',').map(Number);
    if (xs.length === 0 || xs.some((x) => !Number.isSafeInteger(x) || x < 1)) throw new Error(`decompositions: ${flag} takes positive integers, got '${value ?? ''}'\n${USAGE}`);
    return xs;
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i], value = args[i + 1];
    if (flag === '--json') { options.json = true; continue; }
    i++;
    if (flag === '--sizes') options.sizes = list(flag, value);
    else if (flag === '--rounds') options.rounds = list(flag, value)[0]!;
    else if (flag === '--twin-max') options.twinMax = list(flag, value)[0]!;
    else if (flag === '--blocks') options.blocks = list(flag, value);
    else if (flag === '--tall') {
      const [m, n] = (value ?? '').split('x').map(Number);
      if (value === 'none') options.tall = null;
      else if (m === undefined || n === undefined || !(m >= n && n >= 1)) throw new Error(`decompositions: --tall takes mxn with m ≥ n ≥ 1 or none, got '${value ?? ''}'\n${USAGE}`);
      else options.tall = [m, n];
    } else if (flag === '--only') {
      const names = (value ?? '').split(',');
      const bad = names.find((name) => !(ROUTINES as readonly string[]).includes(name));
      if (bad !== undefined) throw new Error(`decompositions: unknown routine '${bad}' (${ROUTINES.join(', ')})\n${USAGE}`);
      options.only = names as Routine[];
    } else throw new Error(`decompositions: unknown option '${flag ?? ''}'\n${USAGE}`);
  }
  return options;
}

/** A variant to time: its name and the call. */
interface Variant { name: string; run: () => void }

interface Timing { median: number; min: number; max: number }

function summary(xs: number[]): Timing {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1]!, min: s[0]!, max: s[s.length - 1]! };
}

/**
 * Warm each variant up (≥ 300 ms, ≥ 2 calls), then `rounds` rounds timing
 * each once, the order rotating: wall-clock and CPU time (user + system of
 * this process, which on a loaded machine leaves out the time slices other
 * processes took) of every call, in ms.
 */
function interleave(variants: Variant[], rounds: number): { wall: number[][]; cpu: number[][] } {
  for (const v of variants) {
    const until = performance.now() + 300;
    let calls = 0;
    while (calls < 2 || performance.now() < until) { v.run(); calls++; }
  }
  const wall = variants.map(() => [] as number[]), cpu = variants.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (let q = 0; q < variants.length; q++) {
      const index = (q + r) % variants.length;
      const t0 = performance.now(), u0 = process.cpuUsage();
      variants[index]!.run();
      const u = process.cpuUsage(u0);
      wall[index]!.push(performance.now() - t0);
      cpu[index]!.push((u.user + u.system) / 1000);
    }
  }
  return { wall, cpu };
}

/** ‖A‖_F. */
function fro(a: Tensor): number {
  let s = 0;
  for (const x of a.data) s += x * x;
  return Math.sqrt(s);
}

function minus(a: Tensor, b: Tensor): Tensor {
  return { shape: a.shape, data: a.data.map((x, i) => x - b.data[i]!) };
}

/** ‖QᵀQ − I‖_F. */
function orthogonality(q: Tensor): number {
  const g = matmulTransA(q, q), k = q.shape[1]!;
  for (let i = 0; i < k; i++) g.data[i * k + i] = g.data[i * k + i]! - 1;
  return fro(g);
}

/** U·diag(s)·Vᵀ for U: m×p, V: n×p. */
function usv(u: Tensor, s: Float64Array, v: Tensor): Tensor {
  const [m, p] = u.shape as [number, number];
  const us = { shape: [m, p], data: u.data.map((x, i) => x * s[i % p]!) };
  const vt = { shape: [p, v.shape[0]!], data: new Float64Array(p * v.shape[0]!) };
  for (let i = 0; i < v.shape[0]!; i++) for (let j = 0; j < p; j++) vt.data[j * v.shape[0]! + i] = v.data[i * p + j]!;
  return matmul(us, vt);
}

const fmt = (x: number): string => x.toExponential(1);

interface Case {
  routine: Routine;
  m: number;
  n: number;
  flops: number | null;
  variants: Variant[];
  /** The accuracy of each variant, as text. */
  checks: string[];
}

/** The cases of one routine at m×n (m = n but for qr and svd). */
function makeCase(routine: Routine, m: number, n: number, rng: Rng, twinMax: number): Case {
  if (routine === 'cholesky') {
    const b = randn([n, n], rng);
    const a = matmul(b, { shape: [n, n], data: transposeData(b.data, n, n) });
    for (let i = 0; i < n; i++) a.data[i * n + i] = a.data[i * n + i]! + n;
    const residual = (l: Float64Array): string => fmt(fro(minus(a, matmul({ shape: [n, n], data: l }, { shape: [n, n], data: transposeData(l, n, n) }))) / fro(a));
    return {
      routine, m: n, n, flops: n ** 3 / 3,
      variants: [{ name: 'blocked', run: () => cholesky(a) }, { name: 'twin', run: () => choleskyTwin(a, 'bench') }],
      checks: [`‖A − LLᵀ‖/‖A‖ ${residual(cholesky(a).data)}`, `twin ${residual(choleskyTwin(a, 'bench'))}`],
    };
  }
  if (routine === 'solve') {
    const a = randn([n, n], rng), b = randn([n], rng);
    const twin = (): Float64Array => {
      const f = luTwin(a), x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = b.data[f.perm[i]!]!;
      substituteInto(f.LU, n, n, 1, true, true, x, 1);
      substituteInto(f.LU, n, n, 1, false, false, x, 1);
      return x;
    };
    const residual = (x: Float64Array): string =>
      fmt(fro(minus(matmul(a, { shape: [n], data: x }), b)) / (fro(a) * fro({ shape: [n], data: x })));
    return {
      routine, m: n, n, flops: (2 * n ** 3) / 3,
      variants: [{ name: 'blocked', run: () => solve(a, b) }, { name: 'twin', run: twin }],
      checks: [`‖Ax − b‖/(‖A‖‖x‖) ${residual(solve(a, b).data)}`, `twin ${residual(twin())}`],
    };
  }
  const a = randn([m, n], rng);
  if (routine === 'qr') {
    const check = (q: Float64Array, r: Float64Array): string => {
      const Q = { shape: [m, n], data: q }, R = { shape: [n, n], data: r.slice(0, n * n) };
      return `‖A − QR‖/‖A‖ ${fmt(fro(minus(a, matmul(Q, R))) / fro(a))}, ‖QᵀQ − I‖ ${fmt(orthogonality(Q))}`;
    };
    const fresh = qr(a), twin = householderUnblocked(a, n, 'bench');
    return {
      routine, m, n, flops: 4 * m * n * n - (4 * n ** 3) / 3,
      variants: [{ name: 'blocked', run: () => qr(a) }, { name: 'twin', run: () => householderUnblocked(a, n, 'bench') }],
      checks: [check(fresh.Q.data, fresh.R.data), `twin ${check(twin.Q, twin.R)}`],
    };
  }
  if (routine === 'eigSym') {
    const s = { shape: [n, n], data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s.data[i * n + j] = a.data[i * n + j]! + a.data[j * n + i]!;
    const check = (f: { values: Tensor; vectors: Tensor }): string => {
      const vl = { shape: [n, n], data: f.vectors.data.map((x, k) => x * f.values.data[k % n]!) };
      return `‖AV − VΛ‖/‖A‖ ${fmt(fro(minus(matmul(s, f.vectors), vl)) / fro(s))}, ‖VᵀV − I‖ ${fmt(orthogonality(f.vectors))}`;
    };
    const variants: Variant[] = [{ name: 'tridiagonal', run: () => eigSym(s) }];
    const checks = [check(eigSym(s))];
    if (n <= twinMax) {
      variants.push({ name: 'jacobi', run: () => eigSym(s, { method: 'jacobi' }) });
      checks.push(`jacobi ${check(eigSym(s, { method: 'jacobi' }))}`);
    }
    return { routine, m: n, n, flops: null, variants, checks };
  }
  const check = (f: { U: Tensor; S: Tensor; V: Tensor }): string =>
    `‖X − UΣVᵀ‖/‖X‖ ${fmt(fro(minus(a, usv(f.U, f.S.data, f.V))) / fro(a))}, ‖UᵀU − I‖ ${fmt(orthogonality(f.U))}, ‖VᵀV − I‖ ${fmt(orthogonality(f.V))}`;
  const variants: Variant[] = [{ name: 'bidiagonal', run: () => svd(a) }];
  const checks = [check(svd(a))];
  if (n <= twinMax) {
    variants.push({ name: 'jacobi', run: () => svd(a, { method: 'jacobi' }) });
    checks.push(`jacobi ${check(svd(a, { method: 'jacobi' }))}`);
  }
  return { routine, m, n, flops: null, variants, checks };
}

function transposeData(x: Float64Array, m: number, n: number): Float64Array {
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = x[i * n + j]!;
  return t;
}

/** The block-size variants of the blocked cholesky, LU and QR at n. */
function blockCases(n: number, blocks: number[], rng: Rng): Case[] {
  const b = randn([n, n], rng);
  const spd = matmul(b, { shape: [n, n], data: transposeData(b.data, n, n) });
  for (let i = 0; i < n; i++) spd.data[i * n + i] = spd.data[i * n + i]! + n;
  const perm = new Int32Array(n);
  return [
    { routine: 'cholesky', m: n, n, flops: n ** 3 / 3, checks: [], variants: blocks.map((nb) => ({ name: `NB ${nb}`, run: () => choleskyUpperBlocked(spd.data.slice(), n, 'bench', nb) })) },
    { routine: 'solve', m: n, n, flops: (2 * n ** 3) / 3, checks: [], variants: blocks.map((nb) => ({ name: `NB ${nb}`, run: () => factorBlocked(b.data.slice(), n, perm, nb) })) },
    { routine: 'qr', m: n, n, flops: 4 * n ** 3 - (4 * n ** 3) / 3, checks: [], variants: blocks.map((nb) => ({ name: `NB ${nb}`, run: () => householderBlocked(b, n, 'bench', nb) })) },
  ];
}

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const log = (line: string): void => { (options.json ? console.error : console.log)(line); };
  const cores = availableParallelism();
  const loadBefore = loadavg()[0]!;
  log(`load average ${loadBefore.toFixed(1)} on ${cores} cores${loadBefore > cores ? ' (more than the cores: figures unreliable, read the interleaved ratios)' : ''}`);
  const rng = new Rng(2024);
  const cases: Case[] = [];
  for (const n of options.sizes) {
    if (options.blocks !== null) cases.push(...blockCases(n, options.blocks, rng).filter((c) => options.only.includes(c.routine)));
    else for (const routine of options.only) cases.push(makeCase(routine, n, n, rng, options.twinMax));
  }
  if (options.tall !== null && options.blocks === null) {
    const [m, n] = options.tall;
    for (const routine of options.only) if (routine === 'qr' || routine === 'svd') cases.push(makeCase(routine, m, n, rng, Math.max(options.twinMax, n)));
  }
  const results: unknown[] = [];
  for (const c of cases) {
    const rounds = options.rounds ?? (c.m * c.n <= 300 * 300 ? 9 : 3);
    const { wall, cpu } = interleave(c.variants, rounds);
    const figures = c.variants.map((v, q) => ({ name: v.name, wall: summary(wall[q]!), cpu: summary(cpu[q]!) }));
    const gflops = (ms: number): string => (c.flops === null ? '' : `, ${(c.flops / ms / 1e6).toFixed(2)} GFLOP/s`);
    const parts = figures.map((f) =>
      `${f.name} cpu ${f.cpu.median.toFixed(1)} ms (${f.cpu.min.toFixed(1)} … ${f.cpu.max.toFixed(1)})${gflops(f.cpu.median)}, ` +
      `wall ${f.wall.median.toFixed(1)} ms (${f.wall.min.toFixed(1)} … ${f.wall.max.toFixed(1)})`);
    const ratios = figures.slice(1).map((f, q) => {
      const per = cpu[q + 1]!.map((t, r) => t / cpu[0]![r]!);
      const s = summary(per);
      return `${f.name}/${figures[0]!.name} ${s.median.toFixed(2)}× (${s.min.toFixed(2)} … ${s.max.toFixed(2)})`;
    });
    log(`${c.routine.padEnd(8)} ${`${c.m}×${c.n}`.padEnd(9)} ${parts.join(' | ')}`);
    if (ratios.length > 0) log(`${''.padEnd(18)} cpu-time ratio ${ratios.join(', ')}`);
    if (c.checks.length > 0) log(`${''.padEnd(18)} ${c.checks.join('; ')}`);
    results.push({ routine: c.routine, m: c.m, n: c.n, rounds, flops: c.flops, figures, checks: c.checks });
  }
  const loadAfter = loadavg()[0]!;
  log(`load average ${loadAfter.toFixed(1)} on ${cores} cores after the run`);
  if (options.json) console.log(JSON.stringify({ cores, loadBefore, loadAfter, results }));
}
