/**
 * Vendoring: a module copied into someone's new project, with exactly the
 * folders that its row of the import rule allows and the ground floor
 * (`errors/`, and `math/` once it exists), compiles there and runs — no
 * package, no path alias, no build plugin.
 *
 * Each case makes a fresh project the way a newcomer does: a package.json
 * with `"type": "module"` and the installed TypeScript's own `tsc --init`,
 * taken at test time, so that the spec follows TypeScript's defaults as
 * they change (today: strict, noUncheckedIndexedAccess,
 * exactOptionalPropertyTypes, verbatimModuleSyntax, isolatedModules,
 * `types: []`). It copies the folders under `lib/`, compiles a small use of
 * the module with that config, runs it with Node, and compares its output,
 * bit for bit, with the same use run here on the repository's own modules.
 *
 * Without Node's types the copy of `linalg/` leaves `parallel/` behind, and
 * a product big enough for the pool runs on one thread; with Node's types
 * (`types: ["node"]`, as the generated config suggests) and `parallel/`, the
 * same product runs on a pool of 2 threads and gives the same bits.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Rng } from '../src/random/index.js';
import { fromArray, matmul, randn, tensor } from '../src/linalg/index.js';
import { constant, mean, mul, pow, sub, variable } from '../src/autodiff/index.js';
import { Dense, Sequential, Tanh } from '../src/layers/index.js';
import { crossEntropyWithLogits } from '../src/losses/index.js';
import { Adam } from '../src/optimizers/index.js';
import { elasticNetPenalty, reverseComplement, softThreshold } from '../src/regularizers/index.js';
import { exp, log, sin } from '../src/math/index.js';
import { DecisionTreeClassifier } from '../src/trees/index.js';
import { GaussianNB } from '../src/bayes/index.js';
import { auroc, f1, logLoss, r2 } from '../src/metrics/index.js';
import { KMeans, PCA } from '../src/unsupervised/index.js';
import { kFold, trainTestSplit } from '../src/train/index.js';
import { LogisticRegression, Ridge } from '../src/linear/index.js';
import { kmerMatrix, readNpy, twoMoons, writeNpy } from '../src/data/index.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * The import rule (the design notes; the README's modules table): the
 * modules each module may import, besides the ground floor. A module of a
 * row that does not exist yet has nothing to copy.
 */
const importRow: Record<string, readonly string[]> = {
  errors: [],
  math: ['errors'],
  random: [],
  linalg: ['random'],
  autodiff: ['random', 'linalg'],
  layers: ['random', 'linalg', 'autodiff'],
  losses: ['random', 'linalg', 'autodiff'],
  optimizers: ['random', 'linalg'],
  regularizers: ['random', 'linalg', 'autodiff'],
  trees: ['random', 'linalg', 'metrics'],
  bayes: ['random', 'linalg', 'metrics'],
  metrics: ['random', 'linalg'],
  unsupervised: ['random', 'linalg', 'metrics'],
  train: ['random', 'linalg', 'autodiff', 'layers', 'losses', 'regularizers', 'optimizers', 'metrics', 'unsupervised', 'trees', 'bayes', 'data'],
  linear: ['random', 'linalg', 'autodiff', 'losses', 'regularizers', 'optimizers', 'metrics', 'train'],
  data: ['random', 'linalg'],
};
const exists = (folder: string): boolean => existsSync(join(root, 'src', folder));
/** errors/ imports nothing and math/ only errors/; every other module may import both. */
const groundFloor = ['errors', 'math'].filter(exists);

/** The folders of src/ to copy for `module`: itself, its row, the ground floor. */
function foldersFor(module: string): string[] {
  const row = importRow[module];
  if (row === undefined) throw new Error(`no import row for src/${module}/: add it to this spec and to the README`);
  const floor = module === 'errors' ? [] : module === 'math' ? ['errors'] : groundFloor;
  return [...new Set([module, ...row.filter(exists), ...floor])];
}

/** float64 values as hexadecimal bit patterns, so that a comparison is bit for bit. */
const bits = (values: Iterable<number>): string[] => Array.from(values, (x) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
});

/** The line of code a use prints with: the same bit patterns as `bits`, without Node's types. */
const PRINT = `
const bits = (values: Iterable<number>): string[] => Array.from(values, (x) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
});`;

/** The product big enough for the pool (m·n·k = 96³ ≥ 80³), drawn from Rng(5). */
const PRODUCT = `
const rng = new Rng(5);
const C = matmul(randn([96, 96], rng), randn([96, 96], rng));`;

interface Case {
  module: string;
  /** Node's types and linalg/parallel/ copied too. */
  node: boolean;
  /** main.ts: a use of the module that prints one JSON line. */
  main: string;
  /** What main.ts must print, computed here on the repository's own modules. */
  expected: () => unknown;
}

const cases: Case[] = [
  {
    module: 'errors', node: false,
    main: `import { MLError, ShapeError } from './lib/errors/index.js';
const error: MLError = new ShapeError('matmul: a shape');
console.log(JSON.stringify([error instanceof MLError, error.name, error.message]));`,
    expected: () => [true, 'ShapeError', 'matmul: a shape'],
  },
  {
    module: 'math', node: false,
    main: `import { exp, log, sin } from './lib/math/index.js';${PRINT}
console.log(JSON.stringify(bits([exp(1), log(10), sin(1e22)])));`,
    expected: () => bits([exp(1), log(10), sin(1e22)]),
  },
  {
    module: 'random', node: false,
    main: `import { Rng } from './lib/random/index.js';${PRINT}
const rng = new Rng(42);
console.log(JSON.stringify(bits([rng.uniform(), rng.normal(), rng.int(0, 1000)])));`,
    expected: () => {
      const rng = new Rng(42);
      return bits([rng.uniform(), rng.normal(), rng.int(0, 1000)]);
    },
  },
  {
    module: 'linalg', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { matmul, randn } from './lib/linalg/index.js';${PRINT}${PRODUCT}
console.log(JSON.stringify([1, bits(C.data)]));`,
    expected: () => {
      const rng = new Rng(5);
      return [1, bits(matmul(randn([96, 96], rng), randn([96, 96], rng)).data)];
    },
  },
  {
    module: 'linalg', node: true,
    main: `import { Rng } from './lib/random/index.js';
import { matmul, randn } from './lib/linalg/index.js';
import * as parallel from './lib/linalg/parallel/index.js';${PRINT}
parallel.start(2);${PRODUCT}
const threads = parallel.size();
await parallel.stop();
console.log(JSON.stringify([threads, bits(C.data)]));`,
    expected: () => {
      const rng = new Rng(5);
      return [2, bits(matmul(randn([96, 96], rng), randn([96, 96], rng)).data)];
    },
  },
  {
    module: 'autodiff', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn } from './lib/linalg/index.js';
import { mean, mul, pow, sub, variable } from './lib/autodiff/index.js';${PRINT}
const rng = new Rng(3);
const w = variable(randn([4], rng)), x = randn([4], rng);
mean(pow(sub(mul(w, x), 1), 2)).backward();
console.log(JSON.stringify(bits(w.grad.data)));`,
    expected: () => {
      const rng = new Rng(3);
      const w = variable(randn([4], rng)), x = randn([4], rng);
      mean(pow(sub(mul(w, x), 1), 2)).backward();
      return bits(w.grad.data);
    },
  },
  {
    module: 'layers', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn } from './lib/linalg/index.js';
import { constant } from './lib/autodiff/index.js';
import { Dense, Sequential, Tanh } from './lib/layers/index.js';${PRINT}
const rng = new Rng(11);
const net = new Sequential([new Dense(3, 4, { rng }), new Tanh(), new Dense(4, 2, { rng })]);
console.log(JSON.stringify(bits(net.forward(constant(randn([5, 3], rng))).value.data)));`,
    expected: () => {
      const rng = new Rng(11);
      const net = new Sequential([new Dense(3, 4, { rng }), new Tanh(), new Dense(4, 2, { rng })]);
      return bits(net.forward(constant(randn([5, 3], rng))).value.data);
    },
  },
  {
    module: 'losses', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn, tensor } from './lib/linalg/index.js';
import { variable } from './lib/autodiff/index.js';
import { crossEntropyWithLogits } from './lib/losses/index.js';${PRINT}
const logits = variable(randn([4, 3], new Rng(13)));
const loss = crossEntropyWithLogits(logits, tensor([0, 2, 1, 2], [4]));
loss.backward();
console.log(JSON.stringify(bits([loss.item(), ...logits.grad.data])));`,
    expected: () => {
      const logits = variable(randn([4, 3], new Rng(13)));
      const loss = crossEntropyWithLogits(logits, tensor([0, 2, 1, 2], [4]));
      loss.backward();
      return bits([loss.item(), ...logits.grad.data]);
    },
  },
  {
    module: 'optimizers', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn } from './lib/linalg/index.js';
import { Adam } from './lib/optimizers/index.js';${PRINT}
const rng = new Rng(29);
const theta = { value: randn([5], rng), grad: randn([5], rng) };
const adam = new Adam([theta], { lr: 0.1, epsMode: 'inside' });
for (let t = 0; t < 3; t++) adam.step();
console.log(JSON.stringify(bits([...theta.value.data, ...adam.v[0]!.data])));`,
    expected: () => {
      const rng = new Rng(29);
      const theta = { value: randn([5], rng), grad: randn([5], rng) };
      const adam = new Adam([theta], { lr: 0.1, epsMode: 'inside' });
      for (let t = 0; t < 3; t++) adam.step();
      return bits([...theta.value.data, ...adam.v[0]!.data]);
    },
  },
  {
    module: 'regularizers', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn } from './lib/linalg/index.js';
import { variable } from './lib/autodiff/index.js';
import { elasticNetPenalty, reverseComplement, softThreshold } from './lib/regularizers/index.js';${PRINT}
const rng = new Rng(29);
const w = variable(randn([3, 2], rng));
const R = elasticNetPenalty(w, 0.3);
R.backward();
console.log(JSON.stringify(bits([R.item(), ...w.grad.data, ...softThreshold(w.value, 0.5).data, ...reverseComplement(randn([1, 4, 3], rng)).data])));`,
    expected: () => {
      const rng = new Rng(29);
      const w = variable(randn([3, 2], rng));
      const R = elasticNetPenalty(w, 0.3);
      R.backward();
      return bits([R.item(), ...w.grad.data, ...softThreshold(w.value, 0.5).data, ...reverseComplement(randn([1, 4, 3], rng)).data]);
    },
  },
  {
    module: 'trees', node: false,
    main: `import { fromArray } from './lib/linalg/index.js';
import { DecisionTreeClassifier } from './lib/trees/index.js';${PRINT}
const X = fromArray([[4, 2], [4, 6], [2, 2], [0, 2], [8, 8], [6, 2]]), y = fromArray([1, 0, 0, 0, 0, 1]);
const tree = new DecisionTreeClassifier({ criterion: 'entropy' }).fit(X, y);
console.log(JSON.stringify(bits([...tree.predict(fromArray([[5, 2], [1, 7]])).data, ...tree.featureImportances.data])));`,
    expected: () => {
      const X = fromArray([[4, 2], [4, 6], [2, 2], [0, 2], [8, 8], [6, 2]]), y = fromArray([1, 0, 0, 0, 0, 1]);
      const tree = new DecisionTreeClassifier({ criterion: 'entropy' }).fit(X, y);
      return bits([...tree.predict(fromArray([[5, 2], [1, 7]])).data, ...tree.featureImportances.data]);
    },
  },
  {
    module: 'bayes', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn, tensor } from './lib/linalg/index.js';
import { GaussianNB } from './lib/bayes/index.js';${PRINT}
const rng = new Rng(17);
const nb = new GaussianNB().fit(randn([8, 2], rng), tensor([0, 1, 0, 1, 0, 1, 0, 1], [8]));
console.log(JSON.stringify(bits(nb.predictProba(randn([3, 2], rng)).data)));`,
    expected: () => {
      const rng = new Rng(17);
      const nb = new GaussianNB().fit(randn([8, 2], rng), tensor([0, 1, 0, 1, 0, 1, 0, 1], [8]));
      return bits(nb.predictProba(randn([3, 2], rng)).data);
    },
  },
  {
    module: 'metrics', node: false,
    main: `import { tensor } from './lib/linalg/index.js';
import { auroc, f1, logLoss, r2 } from './lib/metrics/index.js';${PRINT}
const y = tensor([0, 1, 1, 0, 1], [5]), s = tensor([0.2, 0.9, 0.4, 0.4, 0.7], [5]);
console.log(JSON.stringify(bits([auroc(y, s), f1(y, tensor([0, 1, 0, 1, 1], [5])), logLoss(y, s), r2(s, tensor([0.1, 1, 0.5, 0.3, 0.6], [5]))])));`,
    expected: () => {
      const y = tensor([0, 1, 1, 0, 1], [5]), s = tensor([0.2, 0.9, 0.4, 0.4, 0.7], [5]);
      return bits([auroc(y, s), f1(y, tensor([0, 1, 0, 1, 1], [5])), logLoss(y, s), r2(s, tensor([0.1, 1, 0.5, 0.3, 0.6], [5]))]);
    },
  },
  {
    module: 'unsupervised', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn } from './lib/linalg/index.js';
import { KMeans, PCA } from './lib/unsupervised/index.js';${PRINT}
const X = randn([40, 3], new Rng(19));
const km = new KMeans({ k: 3, rng: 2 }).fit(X), pca = new PCA({ nComponents: 2 }).fit(X);
console.log(JSON.stringify(bits([km.inertia, ...km.centroids.data, ...pca.transform(X).data])));`,
    expected: () => {
      const X = randn([40, 3], new Rng(19));
      const km = new KMeans({ k: 3, rng: 2 }).fit(X), pca = new PCA({ nComponents: 2 }).fit(X);
      return bits([km.inertia, ...km.centroids.data, ...pca.transform(X).data]);
    },
  },
  {
    module: 'train', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { kFold, trainTestSplit } from './lib/train/index.js';
const rng = new Rng(23);
const { train, test } = trainTestSplit(20, 0.25, { rng });
console.log(JSON.stringify([Array.from(train), Array.from(test), kFold(7, 3, { rng }).map((f) => Array.from(f.validation))]));`,
    expected: () => {
      const rng = new Rng(23);
      const { train, test } = trainTestSplit(20, 0.25, { rng });
      return [Array.from(train), Array.from(test), kFold(7, 3, { rng }).map((f) => Array.from(f.validation))];
    },
  },
  {
    module: 'linear', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { randn, tensor } from './lib/linalg/index.js';
import { LogisticRegression, Ridge } from './lib/linear/index.js';${PRINT}
const rng = new Rng(29), X = randn([30, 3], rng), y = randn([30], rng);
const labels = tensor(Array.from(y.data, (v) => (v > 0 ? 1 : 0)), [30]);
const ridge = new Ridge({ alpha: 2 }).fit(X, y), clf = new LogisticRegression().fit(X, labels);
console.log(JSON.stringify(bits([...ridge.coef.data, ...clf.predictProba(X).data])));`,
    expected: () => {
      const rng = new Rng(29), X = randn([30, 3], rng), y = randn([30], rng);
      const labels = tensor(Array.from(y.data, (v) => (v > 0 ? 1 : 0)), [30]);
      const ridge = new Ridge({ alpha: 2 }).fit(X, y), clf = new LogisticRegression().fit(X, labels);
      return bits([...ridge.coef.data, ...clf.predictProba(X).data]);
    },
  },
  {
    module: 'data', node: false,
    main: `import { Rng } from './lib/random/index.js';
import { kmerMatrix, readNpy, twoMoons, writeNpy } from './lib/data/index.js';${PRINT}
const moons = twoMoons(new Rng(31), { n: 6 });
const K = kmerMatrix(['ACGTN', 'ttgca'], 2, { canonical: true });
console.log(JSON.stringify([bits(readNpy(writeNpy(moons.X)).data), Array.from(K.data)]));`,
    expected: () => {
      const moons = twoMoons(new Rng(31), { n: 6 });
      const K = kmerMatrix(['ACGTN', 'ttgca'], 2, { canonical: true });
      return [bits(readNpy(writeNpy(moons.X)).data), Array.from(K.data)];
    },
  },
];

/** Runs a command; on failure, the assertion shows what it printed. */
async function check(what: string, file: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(file, args, { cwd, encoding: 'utf8' })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return assert.fail(`${what}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** The tsconfig.json that `tsc --init` of the installed TypeScript writes, made once (by the first case that asks). */
let freshConfig: Promise<string> | undefined;
async function initConfig(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-init-'));
  try {
    await check('tsc --init failed', process.execPath, [tsc, '--init'], dir);
    return readFileSync(join(dir, 'tsconfig.json'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a module vendored into a project made by tsc --init', { concurrency: 2 }, () => {
  test('every module of src/ has an import row here, so that none goes unvendored', () => {
    const modules = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const module of modules) assert.ok(importRow[module] !== undefined, `src/${module}/ has no import row in this spec`);
    for (const module of modules) {
      assert.ok(cases.some((c) => c.module === module), `src/${module}/ has no vendoring case`);
    }
  });

  test('the README\'s "Vendoring one folder" table lists exactly these folders', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Vendoring one folder'));
    const rows = new Map([...section.matchAll(/^\| `([a-z/]+)` \| ((?:`[a-z/]+\/`(?:, )?)+) \|$/gm)]
      .map((match) => [match[1] ?? '', [...(match[2] ?? '').matchAll(/`([a-z/]+)\/`/g)].map((folder) => folder[1] ?? '')]));
    for (const module of new Set(cases.map((c) => c.module))) {
      assert.deepEqual([...(rows.get(module) ?? [])].sort(), foldersFor(module).sort(), `the README's row for ${module}`);
    }
  });

  for (const { module, node, main, expected } of cases) {
    const folders = foldersFor(module);
    const copied = folders.map((f) => `${f}/`).join(', ') + (folders.includes('linalg') ? (node ? ' (with parallel/)' : ' (without parallel/)') : '');
    test(`${copied} compile${node ? ' with Node\'s types' : ' without Node\'s types'} and run a use of ${module}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `vendor-${module}-`));
      try {
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `uses-${module}`, private: true, type: 'module' }));
        const config = await (freshConfig ??= initConfig());
        writeFileSync(join(dir, 'tsconfig.json'), config);
        if (node) {
          const withNode = config.replace(/^(\s*)"types": \[\],?$/m, '$1"types": ["node"],');
          assert.notEqual(withNode, config, 'the tsconfig.json of tsc --init has no `"types": [],` line to change');
          writeFileSync(join(dir, 'tsconfig.json'), withNode);
          mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
          symlinkSync(join(root, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
        }
        for (const folder of folders) {
          cpSync(join(root, 'src', folder), join(dir, 'lib', folder), {
            recursive: true,
            filter: (path) => node || !path.startsWith(join(root, 'src', 'linalg', 'parallel')),
          });
        }
        assert.equal(existsSync(join(dir, 'lib', 'linalg', 'parallel')), node && folders.includes('linalg'));
        writeFileSync(join(dir, 'main.ts'), `${main}\n`);
        await check(`lib/${folders.join(', lib/')} and main.ts do not compile under tsc --init's settings`, process.execPath, [tsc, '-p', dir], dir);
        const printed = await check('main.js failed', process.execPath, [join(dir, 'main.js')], dir);
        assert.deepEqual(JSON.parse(printed), expected());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
