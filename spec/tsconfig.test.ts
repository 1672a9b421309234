/**
 * The project compiles with every check that a fresh project gets: each
 * option that the installed TypeScript's `tsc --init` switches on (strict,
 * noUncheckedIndexedAccess, exactOptionalPropertyTypes,
 * verbatimModuleSyntax, isolatedModules, noUncheckedSideEffectImports,
 * declarationMap, …) is on in tsconfig.json too, and moduleDetection is the
 * same, so a folder of src/ copied into such a project compiles as it is.
 * Read at test time, so the spec follows TypeScript's defaults as they change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The compiler options of a config as tsc resolves it (comments, trailing commas and `extends` handled by tsc). */
function resolvedOptions(dir: string): Record<string, unknown> {
  const shown = execFileSync(process.execPath, [tsc, '--showConfig', '-p', dir], { encoding: 'utf8' });
  return (JSON.parse(shown) as { compilerOptions: Record<string, unknown> }).compilerOptions;
}

test('tsconfig.json switches on every option that tsc --init switches on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsc-init-'));
  try {
    execFileSync(process.execPath, [tsc, '--init'], { cwd: dir, encoding: 'utf8' });
    const fresh = resolvedOptions(dir);
    const project = resolvedOptions(root);
    const switchedOn = Object.keys(fresh).filter((option) => fresh[option] === true);
    assert.ok(switchedOn.includes('strict') && switchedOn.includes('noUncheckedIndexedAccess'), `tsc --init switches on ${switchedOn.join(', ')}`);
    const missing = switchedOn.filter((option) => project[option] !== true);
    assert.deepEqual(missing, [], 'options that tsc --init switches on and tsconfig.json does not');
    assert.equal(project['moduleDetection'], fresh['moduleDetection']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
