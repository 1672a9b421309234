/**
 * Benchmarks: `npm run bench -- <name> [options]` builds, then runs one.
 *
 *   matmul   GFLOP/s of the naive twin, the blocked GEMM on one thread (with
 *            its SIMD and its JavaScript tile), and the worker pool with
 *            1 … cores threads, next to what every core computing a product
 *            of its own at once gives (scripts/bench/matmul.ts);
 *            options: --json, --sizes 64,128,…, --naive-max n
 *   mlp      samples/s of SGD training of a 784-128-10 MLP through autodiff
 *            at batch 64 (scripts/bench/mlp.ts);
 *            options: --json, --rounds n, --steps n, --warmup-ms n
 *   fit      samples/s of training a 784-128-10 MLP with Adam through
 *            Sequential, Dense, crossEntropyWithLogits, Adam and fit, against
 *            the same loop written by hand in the same rounds, and their
 *            ratio (scripts/bench/fit.ts); options: --json, --rounds n,
 *            --samples n, --epochs n, --warmup-ms n
 *   trees    fit times and test accuracies of a depth-10 decision tree, a
 *            100-tree random forest and Gaussian naive Bayes on 20,000 × 50
 *            seeded Gaussian blobs (scripts/bench/trees.ts);
 *            options: --json, --std s, --runs n, --forest-runs n, --trees n
 *   classical  time per Lloyd iteration of k-means (k = 5) and PCA fit times
 *            (2 components, eigen and SVD routes) on 20,000 × 50 seeded
 *            Gaussian blobs (scripts/bench/classical.ts); options: --json, --runs n
 *   conv     images/s of forward + backward of LeNet-5 on 32 images 1×32×32:
 *            the unfolded gemm route on one thread and with the pool, beside
 *            the direct sliding-window loops (scripts/bench/conv.ts);
 *            options: --json, --rounds n, --round-ms n, --warmup-ms n,
 *            --activation relu|tanh, --pooling max|avg, --batch n
 *   decompositions  times and GFLOP/s of cholesky, solve (LU), qr, eigSym
 *            and svd at n = 100, 300, 1000 and 1000 × 50, each beside its
 *            twin in interleaved rounds (scripts/bench/decompositions.ts)
 *
 * Tests never time anything; figures live here.
 */
interface Bench {
  main(args: string[]): Promise<void>;
}

const benches: Record<string, () => Promise<Bench>> = {
  matmul: () => import('./matmul.js'),
  mlp: () => import('./mlp.js'),
  fit: () => import('./fit.js'),
  trees: () => import('./trees.js'),
  classical: () => import('./classical.js'),
  conv: () => import('./conv.js'),
  decompositions: () => import('./decompositions.js'),
};

/** Each benchmark's options, for --help (its file's header says more). */
const options: Record<string, string> = {
  matmul: '[--json] [--sizes 64,128,…] [--naive-max n (default 1024)]',
  classical: '[--json] [--runs n (default 15)]',
  fit: '[--json] [--rounds n (default 9)] [--samples n (default 2048)] [--epochs n (default 2)] [--warmup-ms n (default 2000)]',
  conv: '[--json] [--rounds n (9)] [--round-ms n (1500)] [--activation relu|tanh] [--pooling max|avg] [--batch n (32)]',
  decompositions: '[--json] [--sizes 100,300,1000] [--tall 1000x50] [--only …] [--rounds n] [--twin-max n] [--blocks 16,32,64]',
  trees: '[--json] [--std s (default 4)] [--runs n (default 5)] [--forest-runs n (default 3)] [--trees n (default 100)]',
};

const usage = `usage: npm run bench -- <name> [options]

${Object.keys(benches).map((bench) => `  ${bench.padEnd(8)} ${options[bench] ?? `options: see scripts/bench/${bench}.ts`}`).join('\n')}

Each prints figures measured in this run (medians of repeated timings after
a warm-up) and ratios of variants timed in the same rounds; they depend on
the machine and its load. What each measures is in its file's header.`;

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : benches[name];
if (name === '--help' || name === '-h' || args.includes('--help')) {
  console.log(usage);
} else if (load === undefined) {
  console.error(`${usage}${name === undefined ? '' : `\n\nunknown benchmark '${name}'`}`);
  process.exitCode = 1;
} else {
  try {
    await (await load()).main(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
