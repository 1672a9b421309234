/**
 * The scripts a newcomer runs: every one answers `--help` with its usage and
 * exit code 0 (and an unknown argument with exit code 1). The tour's own
 * output is checked by spec/tour.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const script = (path: string): string => join(root, 'dist', 'scripts', path);

const scripts: { command: string; file: string; args: string[] }[] = [
  { command: 'npm start -- --help', file: 'tour.js', args: [] },
  { command: 'npm run bench -- --help', file: 'bench/run.js', args: [] },
  { command: 'npm run bench -- matmul --help', file: 'bench/run.js', args: ['matmul'] },
  { command: 'npm run bench -- trees --help', file: 'bench/run.js', args: ['trees'] },
  { command: 'npm run memory -- --help', file: 'autodiff-memory.js', args: [] },
  { command: 'npm run equations -- --help', file: 'equations.js', args: [] },
  { command: 'npm run playground -- --help', file: 'playground/serve.js', args: [] },
];

for (const { command, file, args } of scripts) {
  test(`${command} prints its usage and exits 0; an unknown argument exits 1`, () => {
    const help = spawnSync(process.execPath, [script(file), ...args, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^usage: npm /);
    if (args.length > 0) return; // `bench -- matmul --bogus` would start the benchmark's own parser
    const unknown = spawnSync(process.execPath, [script(file), '--no-such-option'], { encoding: 'utf8' });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /usage: npm /);
  });
}
