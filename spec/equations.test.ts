/**
 * The equation map (scripts/equations/): the README's copy is the map of
 * the repository as it is now, every ID that the code names is a lecture
 * equation of the catalogue, and the readers behind the map (header IDs,
 * test names, pass/fail counts) read what they claim to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { catalogue } from '../scripts/equations/catalogue.js';
import { equationMap, header, idsIn, readmeSection, renderMarkdown, testNames } from '../scripts/equations/map.js';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * Spec text for the fixtures, written with T( P( D( I( for test( property(
 * describe( it(, so that this file's own text names no test that the map
 * would read.
 */
const calls = (text: string): string =>
  text.replace(/\b([TPDI])\(/g, (_all, letter: string) => `${{ T: 'test', P: 'property', D: 'describe', I: 'it' }[letter] ?? letter}(`);

test('the README\'s equation map is the map of the repository as it is (npm run equations -- --write renews it)', () => {
  const section = readmeSection(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.ok(section !== undefined, 'README.md has the equation-map markers');
  assert.equal(section, renderMarkdown(equationMap(root).rows), 'README.md\'s equation map is stale: run `npm run equations -- --write`');
});

test('every equation ID named in a source header or a test name is in the catalogue, and the catalogue\'s IDs are unique', () => {
  const { rows, unknown } = equationMap(root);
  assert.deepEqual(unknown, [], 'IDs that are no lecture equation (a typo, or a catalogue entry missing)');
  assert.ok(rows.some((row) => row.equation.id === 'EQ-LINALG-05' && row.sources.includes('src/linalg/svd.ts')),
    'the SVD is mapped to src/linalg/svd.ts');
  const ids = catalogue.map((equation) => equation.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('the readers: IDs with slash and comma lists (two-digit numbers), ranges skipped; a header is the opening doc comment; test names are first string arguments', () => {
  assert.deepEqual(idsIn('(EQ-AUTODIFF-04/05) and EQ-LINALG-1 and EQ-LINALG-02, EQ-AUTODIFF-01 … 11'),
    ['EQ-AUTODIFF-04', 'EQ-AUTODIFF-05', 'EQ-LINALG-02']);
  assert.deepEqual(idsIn('Adam (EQ-OPTIMIZERS-19, 20, 21; …) and EQ-LAYERS-06, 003 deck, EQ-LOSSES-05, 6'),
    ['EQ-OPTIMIZERS-19', 'EQ-OPTIMIZERS-20', 'EQ-OPTIMIZERS-21', 'EQ-LAYERS-06', 'EQ-LOSSES-05']);
  assert.equal(header('#!/usr/bin/env node\n/** EQ-LINALG-01 */\n/** EQ-LINALG-02 */'), '/** EQ-LINALG-01 ');
  assert.equal(header('// EQ-LINALG-01\n/** EQ-LINALG-02 */'), '');
  const source = calls(`T('ID-A-01 a', () => {});\nP(\n  "ID-B-02 it's", gen, f);\nD(\`ID-C-03 \${x}\`);\n/x/.T('ID-D-04');\nI('a \\' quoted');`);
  assert.deepEqual(testNames(source), ['ID-A-01 a', "ID-B-02 it's", 'ID-C-03 ${x}', "a \\' quoted"]);
});

test('the map of a small repository, and the pass/fail counts from running its ID-named tests', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'equations-'));
  try {
    mkdirSync(join(dir, 'src', 'm'), { recursive: true });
    mkdirSync(join(dir, 'spec', 'm'), { recursive: true });
    mkdirSync(join(dir, 'dist', 'spec', 'm'), { recursive: true });
    writeFileSync(join(dir, 'src', 'm', 'a.ts'), '/**\n * The product (EQ-LINALG-01), norms EQ-LINALG-02/03.\n */\n// EQ-LINALG-04 outside the header\n');
    const spec = calls(`T('EQ-LINALG-01 passes', () => {});
T('EQ-LINALG-02 fails', () => { throw new Error('wrong'); });
T('EQ-LINALG-01 and EQ-LINALG-03 pass', () => {});
T('no ID: never run', () => { throw new Error('ran'); });`);
    writeFileSync(join(dir, 'spec', 'm', 'a.test.ts'), spec);
    writeFileSync(join(dir, 'dist', 'spec', 'm', 'a.test.js'), `import { test } from 'node:test';\n${spec}\n`);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const { rows } = equationMap(dir);
    assert.deepEqual(rows.map((row) => [row.equation.id, row.sources, row.specs]), [
      ['EQ-LINALG-01', ['src/m/a.ts'], ['spec/m/a.test.ts']],
      ['EQ-LINALG-02', ['src/m/a.ts'], ['spec/m/a.test.ts']],
      ['EQ-LINALG-03', ['src/m/a.ts'], ['spec/m/a.test.ts']],
    ]);
    assert.equal(equationMap(dir, { all: true }).rows.length, catalogue.length);
    // node:test's run() declines to start inside a test file: count in a child process, as `npm run equations` does
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT'];
    // (a file, not `node -e`: run() passes the parent's flags on to the processes it starts)
    writeFileSync(join(dir, 'count.js'), `
      const { runSpecs } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'scripts', 'equations', 'status.js')).href)});
      const statuses = await runSpecs(${JSON.stringify(dir)}, ${JSON.stringify(rows)});
      console.log(JSON.stringify(Object.fromEntries(statuses)));`);
    const counted = execFileSync(process.execPath, [join(dir, 'count.js')], { encoding: 'utf8', env });
    assert.deepEqual(JSON.parse(counted), {
      'EQ-LINALG-01': { passed: 2, failed: 0 },
      'EQ-LINALG-02': { passed: 0, failed: 1 },
      'EQ-LINALG-03': { passed: 1, failed: 0 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
