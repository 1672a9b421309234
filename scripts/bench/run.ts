/**
 * Benchmarks: `npm run bench -- <name> [options]` builds, then runs one.
 *
 *   matmul   GFLOP/s of the naive twin, the blocked GEMM on one thread (with
 *            its SIMD and its JavaScript tile), and the worker pool with
 *            1 … cores threads, next to what every core computing a product
 *            of its own at once gives (scripts/bench/matmul.ts);
 *            options: --json, --sizes 64,128,…, --naive-max n
 *
 * Tests never time anything; figures live here.
 */
interface Bench {
  main(args: string[]): Promise<void>;
}

const benches: Record<string, () => Promise<Bench>> = {
  matmul: () => import('./matmul.js'),
};

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !(name in benches)) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join(' | ')}> [options]` +
    (name === undefined ? '' : `\nunknown benchmark '${name}'`));
  process.exitCode = 1;
} else {
  try {
    await (await benches[name]()).main(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
