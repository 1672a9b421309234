/**
 * The scripts a newcomer runs: every one answers `--help` with its usage and
 * exit code 0 (and an unknown argument with exit code 1), and the tour
 * prints each result beside a catalogued equation ID, the source file to
 * read and a spec that proves it — files that exist, and a spec whose test
 * names carry that ID.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogue } from '../scripts/equations/catalogue.js';
import { idsIn, testNames } from '../scripts/equations/map.js';

const root = resolve(import.meta.dirname, '..', '..');
const script = (path: string): string => join(root, 'dist', 'scripts', path);

const scripts: { command: string; file: string; args: string[] }[] = [
  { command: 'npm start -- --help', file: 'tour.js', args: [] },
  { command: 'npm run bench -- --help', file: 'bench/run.js', args: [] },
  { command: 'npm run bench -- matmul --help', file: 'bench/run.js', args: ['matmul'] },
  { command: 'npm run bench -- trees --help', file: 'bench/run.js', args: ['trees'] },
  { command: 'npm run memory -- --help', file: 'autodiff-memory.js', args: [] },
  { command: 'npm run equations -- --help', file: 'equations.js', args: [] },
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

test('the tour prints each result beside its equation ID, the file to read and the spec that proves it', () => {
  const tour = spawnSync(process.execPath, [script('tour.js')], { encoding: 'utf8' });
  assert.equal(tour.status, 0, tour.stderr);
  const lines = tour.stdout.split('\n');
  const known = new Set(catalogue.map((equation) => equation.id));
  const shown: string[] = [];
  lines.forEach((line, i) => {
    const id = /^(EQ-[A-Z]+-\d+)\s/.exec(line)?.[1];
    if (id === undefined) return;
    shown.push(id);
    assert.ok(known.has(id), `${id} is a lecture equation`);
    const pointer = lines.slice(i + 1).find((next) => /^\s+read /.test(next));
    const match = /^\s+read (\S+) · proven in (\S+)$/.exec(pointer ?? '');
    assert.ok(match !== null, `a read/spec line follows ${id}: got '${pointer}'`);
    const [, source = '', spec = ''] = match;
    assert.ok(existsSync(join(root, source)), `${id}: ${source} exists`);
    const names = testNames(readFileSync(join(root, spec), 'utf8'));
    assert.ok(names.some((name) => idsIn(name).includes(id)), `${id}: a test of ${spec} names it`);
  });
  assert.ok(shown.includes('EQ-LINALG-05') && shown.includes('EQ-AUTODIFF-07'), `equations shown: ${shown.join(' ')}`);
  const lone = lines.filter((line) => /^\S/.test(line) && !/^(EQ-|===|Tour finished)/.test(line));
  assert.deepEqual(lone, [], 'every result line starts with its equation ID');
});
