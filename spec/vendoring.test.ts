/**
 * Vendoring: a module copied into another project, together with the
 * modules its row of the import rule allows, compiles there on its own —
 * strict TypeScript, no package, no path alias, no Node types. The spec
 * copies each module's folders into a fresh directory and type-checks them
 * with the project's own compiler.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Each module and the folders a vendored copy needs (the module first). */
const ground = ['errors', 'math'].filter((folder) => existsSync(join(root, 'src', folder)));
const vendorSets: Record<string, string[]> = {
  random: ['random', ...ground],
  linalg: ['linalg', 'random', ...ground],
  autodiff: ['autodiff', 'linalg', 'random', ...ground],
  layers: ['layers', 'autodiff', 'linalg', 'random', ...ground],
  losses: ['losses', 'autodiff', 'linalg', 'random', ...ground],
  trees: ['trees', 'linalg', 'random', ...ground],
  bayes: ['bayes', 'linalg', 'random', ...ground],
};

for (const [module, folders] of Object.entries(vendorSets)) {
  test(`vendoring ${module}/ with ${folders.slice(1).join(', ') || 'nothing else'} compiles alone, without Node types`, () => {
    const dir = mkdtempSync(join(tmpdir(), `vendor-${module}-`));
    try {
      for (const folder of folders) {
        cpSync(join(root, 'src', folder), join(dir, 'src', folder), {
          recursive: true,
          filter: (path) => !path.includes(join('linalg', 'parallel')), // the Node-only pool stays behind
        });
      }
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: 'es2022', moduleResolution: 'bundler', lib: ['es2022'],
          types: [], strict: true, noEmit: true, skipLibCheck: false,
        },
        include: ['src'],
      }));
      try {
        execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        assert.fail(`the vendored ${module}/ does not compile:\n${stdout ?? ''}${stderr ?? ''}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
