/**
 * The package as a user gets it: `npm pack` makes the tarball (from the
 * dist/ that `npm test` has just built; the `prepare` script builds it for
 * `npm pack` and for a git dependency), `npm install` puts it into a fresh
 * project made by the installed TypeScript's own `tsc --init`, and there
 *
 *   - every subpath of package.json's `exports` has a small use that the
 *     installed tsc type-checks and compiles, and Node runs as ESM;
 *   - the tarball holds the compiled output of every source file it ships,
 *     nothing stale, no specs or scripts; and every declaration map and
 *     source map points at a source file inside the tarball, so that
 *     go-to-definition opens the teaching source;
 *   - the declarations keep the doc comments that hover shows (the
 *     equations of svd, Rng and gradCheck).
 *
 * Offline: the package has no dependencies. Skipped, saying so, when npm is
 * not on the machine.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string; scripts: Record<string, string>; exports: Record<string, unknown>; dependencies?: Record<string, string>;
};

/** How to call npm: the npm that runs `npm test`, else `npm` on the PATH, else none. */
function findNpm(): { command: string; prefix: string[] } | undefined {
  const execPath = process.env['npm_execpath'];
  if (execPath !== undefined && execPath.endsWith('.js') && existsSync(execPath)) return { command: process.execPath, prefix: [execPath] };
  const probe = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? { command: 'npm', prefix: [] } : undefined;
}
const npm = findNpm();

/** A small use of each subpath: it must type-check, and it throws when run if the value is wrong. */
const uses: Record<string, string> = {
  '.': `import { linalg, random } from 'lecture-ml';
const x: linalg.Tensor = linalg.randn([3], new random.Rng(1));
if (x.shape[0] !== 3) throw new Error('root: randn shape');`,
  './errors': `import { MLError, ShapeError } from 'lecture-ml/errors';
const e: MLError = new ShapeError('use: a shape error');
if (!(e instanceof MLError)) throw new Error('errors: subclass');`,
  './random': `import { Rng } from 'lecture-ml/random';
const u: number = new Rng(7).uniform();
if (!(u >= 0 && u < 1)) throw new Error('random: uniform');`,
  './linalg': `import { eye, matmul, fromArray } from 'lecture-ml/linalg';
import type { Tensor } from 'lecture-ml/linalg';
const c: Tensor = matmul(fromArray([[1, 2], [3, 4]]), eye(2));
if (c.data[3] !== 4) throw new Error('linalg: matmul');`,
  './linalg/parallel': `import { size, start, stop } from 'lecture-ml/linalg/parallel';
start(2);
const threads: number = size();
await stop();
if (threads !== 2) throw new Error('linalg/parallel: size');`,
  './autodiff': `import { mul, variable } from 'lecture-ml/autodiff';
const x = variable(3);
mul(x, x).backward();
if (x.grad.data[0] !== 6) throw new Error('autodiff: d(x²)/dx');`,
  './layers': `import { Dense } from 'lecture-ml/layers';
const layer = new Dense(3, 2, { init: 'zeros' });
if (layer.numParameters() !== 8) throw new Error('layers: Dense(3, 2) has 3·2 + 2 parameters');`,
  './losses': `import { constant } from 'lecture-ml/autodiff';
import { fromArray } from 'lecture-ml/linalg';
import { mse } from 'lecture-ml/losses';
if (mse(constant(fromArray([1, 3])), fromArray([0, 0])).item() !== 5) throw new Error('losses: mse');`,
  './optimizers': `import { SGD } from 'lecture-ml/optimizers';
import { fromArray } from 'lecture-ml/linalg';
const theta = { value: fromArray([1]), grad: fromArray([2]) };
new SGD([theta], { lr: 0.25 }).step();
if (theta.value.data[0] !== 0.5) throw new Error('optimizers: θ − η·g');`,
  './math': `import * as math from 'lecture-ml/math';
const e: number = math.exp(1);
if (Math.abs(e - Math.E) > 1e-15) throw new Error('math: exp(1)');`,
};

/** Subpaths that are modules (package.json itself is exported for tools, not imported). */
const subpaths = Object.keys(manifest.exports).filter((subpath) => !subpath.endsWith('.json'));
const specifier = (subpath: string): string => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`);
const useFile = (subpath: string): string => `use-${subpath === '.' ? 'root' : subpath.slice(2).replace(/\//g, '-')}`;

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    assert.fail(`${[command, ...args].join(' ')} (in ${cwd}) exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** Every file under `dir`, as paths relative to it with '/'. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

describe('npm pack, installed into a fresh project', { skip: npm === undefined ? 'npm is not on this machine: the packed package was not checked' : false }, () => {
  let work = '';
  let installed = '';
  let shipped: string[] = [];

  before(() => {
    if (npm === undefined) return;
    work = mkdtempSync(join(tmpdir(), 'pack-'));
    const packed = JSON.parse(run(npm.command, [...npm.prefix, 'pack', '--ignore-scripts', '--json', '--pack-destination', work], root)) as
      { filename: string }[];
    const tarball = join(work, packed[0]?.filename ?? '');
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run(process.execPath, [tsc, '--init'], project);
    run(npm.command, [...npm.prefix, 'install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], project);
    installed = join(project, 'node_modules', manifest.name);
    shipped = filesUnder(installed);
  });
  after(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  test('the package has no dependencies and builds on prepare (npm pack, git dependencies)', () => {
    assert.equal(Object.keys(manifest.dependencies ?? {}).length, 0);
    assert.match(manifest.scripts['prepare'] ?? '', /\bnpm run build\b|\btsc\b/);
  });

  test('the tarball ships every source with its compiled output, and nothing else', () => {
    const sources = shipped.filter((path) => path.startsWith('src/') && path.endsWith('.ts'));
    assert.ok(sources.includes('src/index.ts') && sources.includes('src/linalg/svd.ts'), 'the teaching sources ship');
    const compiled = shipped.filter((path) => path.startsWith('dist/'));
    const expected = sources.flatMap((path) => {
      const base = `dist/${path.replace(/\.ts$/, '')}`;
      return [`${base}.js`, `${base}.js.map`, `${base}.d.ts`, `${base}.d.ts.map`];
    }).sort();
    assert.deepEqual(compiled, expected, 'dist/src is exactly the compiled sources (js, d.ts and their maps)');
    const others = shipped.filter((path) => !path.startsWith('src/') && !path.startsWith('dist/'));
    assert.deepEqual(others, ['LICENSE', 'README.md', 'package.json']);
  });

  test('every declaration map and source map points at a source file inside the tarball', () => {
    const maps = shipped.filter((path) => path.endsWith('.map'));
    assert.ok(maps.some((path) => path.endsWith('.d.ts.map')), 'declaration maps ship');
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(installed, path), 'utf8')) as { sources: string[]; sourceRoot?: string };
      assert.ok(map.sources.length > 0, `${path} names its source`);
      for (const source of map.sources) {
        const target = resolve(installed, dirname(path), map.sourceRoot ?? '', source);
        const inside = relative(installed, target).split(sep).join('/');
        assert.ok(!inside.startsWith('..') && shipped.includes(inside), `${path} points at ${source}, which is not in the tarball`);
      }
      const generated = path.slice(0, -'.map'.length);
      const file = path.split('/').at(-1) ?? '';
      assert.ok(readFileSync(join(installed, generated), 'utf8').trimEnd().endsWith(`//# sourceMappingURL=${file}`),
        `${generated} links its map`);
    }
  });

  test('the shipped declarations carry the doc comments that an editor\'s hover shows: svd, Rng and gradCheck state their equations', () => {
    const declarations = shipped.filter((path) => path.endsWith('.d.ts')).map((path) => readFileSync(join(installed, path), 'utf8'));
    /** The doc comment directly above `declaration` in the shipped .d.ts files. */
    const docOf = (declaration: string): string => {
      for (const text of declarations) {
        const at = text.indexOf(declaration);
        if (at < 0) continue;
        const before = text.slice(0, at).trimEnd();
        return before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : '';
      }
      return assert.fail(`no shipped declaration '${declaration}'`);
    };
    assert.match(docOf('export declare function svd('), /X = U·diag\(S\)·Vᵀ/);
    assert.match(docOf('export declare class Rng '), /xoshiro128\*\*[\s\S]*Box–Muller/);
    assert.match(docOf('export declare function gradCheck('), /\(L\(x \+ h·eⱼ\) − L\(x − h·eⱼ\)\) \/ \(2h\)/);
  });

  test('every subpath export type-checks with the installed tsc and imports in ESM', () => {
    const project = dirname(dirname(installed));
    for (const subpath of subpaths) {
      const use = uses[subpath] ?? `import * as namespace from '${specifier(subpath)}';
if (Object.keys(namespace).length === 0) throw new Error('${subpath}: no exports');`;
      writeFileSync(join(project, `${useFile(subpath)}.ts`), `${use}\nexport {};\n`);
    }
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      assert.fail(`the uses of the installed package do not compile under tsc --init's settings:\n${stdout ?? ''}${stderr ?? ''}`);
    }
    for (const subpath of subpaths) run(process.execPath, [`${useFile(subpath)}.js`], project);
  });
});
