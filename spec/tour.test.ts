/**
 * The tour (`npm start`) cannot rot: this spec runs every chapter with
 * --quick once and checks that
 *   - it exits 0 and its summary lists every chapter of
 *     scripts/tour/chapters.ts, none failed, and every file of
 *     scripts/tour/ that declares a chapter is listed there;
 *   - each result line starts with a catalogued equation ID followed by the
 *     source file to read and a spec whose test names carry that ID, files
 *     that exist;
 *   - the SVG files it announces are the ones it wrote, each well-formed XML
 *     (spec/xml.ts) whose series (elements of class "series") are the ones
 *     its legend names, none empty; the plots pinned below have exactly
 *     the series listed; the charts the README shows are such files too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogue } from '../scripts/equations/catalogue.js';
import { idsIn, testNames } from '../scripts/equations/map.js';
import * as registry from '../scripts/tour/chapters.js';
import { descendants, parseXml } from './xml.js';

const root = resolve(import.meta.dirname, '..', '..');
const tourScript = join(root, 'dist', 'scripts', 'tour.js');
const out = mkdtempSync(join(tmpdir(), 'tour-'));
const run = spawnSync(process.execPath, [tourScript, '--quick', '--out', out], { encoding: 'utf8', cwd: root });
const written = existsSync(out) ? readdirSync(out).sort() : [];
const svgs = new Map(written.map((file) => [file, readFileSync(join(out, file), 'utf8')]));
rmSync(out, { recursive: true, force: true });
const lines = run.stdout.split('\n');
const chapters = Object.values(registry);

/** Plots whose series are pinned: file → legend labels, in order. */
const PINNED: Record<string, string[]> = {
  'genotypes-pca.svg': ['population A', 'population B', 'population C'],
  'optimizer-race-race.svg': ['GD', 'Momentum', 'Nesterov', 'Adagrad', 'RMSprop', 'Adam'],
  'datasets-loss-curves.svg': ['two moons', 'two circles', 'three spirals'],
  'datasets-moons-mlp.svg': ['class 0', 'class 1'],
  'sequences-accuracy-by-k.svg': ['naive Bayes', 'decision tree'],
  'dna-kmer-sparsity.svg': ['4^k columns', 'non-zero', 'L − k + 1'],
  'regularizers-double-descent.svg': ['test MSE', 'p = n'],
};

test('npm start -- --quick runs every chapter of scripts/tour/chapters.ts and each ends in the summary', () => {
  assert.equal(run.status, 0, run.stderr);
  const summary = lines.slice(lines.indexOf('=== Summary ===') + 3).filter((line) => line.startsWith('| '));
  const rows = summary.map((line) => line.split('|').map((cell) => cell.trim()));
  assert.deepEqual(rows.map((r) => r[1]).sort(), chapters.map((c) => c.name).sort());
  for (const r of rows) assert.notEqual(r[5], 'FAILED', `chapter ${r[1]}`);
  assert.match(lines.find((line) => line.startsWith('Tour finished')) ?? '', new RegExp(`${chapters.length} chapters`));
});

test('every file of scripts/tour/ that declares a chapter is listed in scripts/tour/chapters.ts', () => {
  const folder = join(root, 'scripts', 'tour'), list = readFileSync(join(folder, 'chapters.ts'), 'utf8');
  const declaring = readdirSync(folder).filter((f) => f.endsWith('.ts') && /^export const chapter = defineChapter\(/m.test(readFileSync(join(folder, f), 'utf8')));
  assert.ok(declaring.length >= chapters.length);
  for (const file of declaring) assert.match(list, new RegExp(`from '\\./${file.replace(/\.ts$/, '')}\\.js'`), `${file} is in chapters.ts`);
  assert.equal(new Set(chapters.map((c) => c.name)).size, chapters.length, 'chapter names are distinct');
});

test('the tour prints each result beside its equation ID, the file to read and the spec that proves it', () => {
  const known = new Set(catalogue.map((equation) => equation.id));
  const shown: string[] = [];
  lines.forEach((line, i) => {
    const id = /^(EQ-[A-Z]+-\d+)\s/.exec(line)?.[1];
    if (id === undefined) return;
    shown.push(id);
    assert.ok(known.has(id), `${id} is a lecture equation`);
    const pointer = lines.slice(i + 1).find((next) => /^\s+read /.test(next));
    const match = /^\s+read (\S+(?: and \S+)*) · proven in (\S+)$/.exec(pointer ?? '');
    assert.ok(match !== null, `a read/spec line follows ${id}: got '${pointer}'`);
    const [, sources = '', spec = ''] = match;
    for (const source of sources.split(' and ')) assert.ok(existsSync(join(root, source)), `${id}: ${source} exists`);
    const names = testNames(readFileSync(join(root, spec), 'utf8'));
    assert.ok(names.some((name) => idsIn(name).includes(id)), `${id}: a test of ${spec} names it`);
  });
  for (const id of ['EQ-LINALG-05', 'EQ-AUTODIFF-07', 'EQ-DATA-01', 'EQ-DATA-02', 'EQ-DATA-03', 'EQ-DATA-04', 'EQ-DATA-09']) {
    assert.ok(shown.includes(id), `${id} among the equations shown: ${shown.join(' ')}`);
  }
  const lone = lines.filter((line) => /^\S/.test(line) && !/^(EQ-|===|Tour finished|\| )/.test(line));
  assert.deepEqual(lone, [], 'every result line starts with its equation ID');
});

test('the SVG plots the tour announces are the files it wrote, each well-formed with the series its legend names', () => {
  const announced = lines.flatMap((line) => /^\s+plot (\S+): \S/.exec(line)?.[1] ?? []).map((path) => path.slice(out.length + 1)).sort();
  assert.deepEqual(written, announced);
  assert.ok(written.length >= 10, `${written.length} plots`);
  for (const [file, svg] of svgs) {
    const legend = chart(file, svg);
    const pinned = PINNED[file];
    if (pinned !== undefined) assert.deepEqual(legend, pinned, file);
  }
  for (const file of Object.keys(PINNED)) assert.ok(svgs.has(file), `${file} written`);
});

/** Checks that an SVG document parses and draws the series its legend names; returns the legend. */
function chart(file: string, svg: string): string[] {
  const rootElement = parseXml(svg), all = descendants(rootElement);
  assert.equal(rootElement.name, 'svg', file);
  assert.equal(rootElement.attributes.get('xmlns'), 'http://www.w3.org/2000/svg', file);
  const series = all.filter((e) => e.attributes.get('class') === 'series');
  const legend = all.find((e) => e.attributes.get('class') === 'legend')!.children.filter((e) => e.name === 'text').map((e) => e.text);
  assert.ok(series.length > 0, `${file}: at least one series`);
  assert.equal(series.length, legend.length, `${file}: a legend entry per series`);
  series.forEach((s, k) => {
    const drawn = s.name === 'path' ? /[ML]-?[\d.]+ -?[\d.]+/.test(s.attributes.get('d') ?? '') : s.children.length > 0;
    assert.ok(drawn, `${file}: series '${legend[k]}' is drawn`);
  });
  return legend;
}

test('the charts the README shows are tour charts in the repository', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => m[1]!);
  assert.ok(images.length > 0, 'the README shows a chart');
  for (const image of images) {
    const name = image.split('/').pop()!;
    assert.ok(svgs.has(name), `${image} is a chart the tour writes`);
    assert.deepEqual(chart(image, readFileSync(join(root, image), 'utf8')), chart(name, svgs.get(name)!), `${image}: the tour's series`);
  }
});

test('--chapter runs the chapters named, --list lists them all, an unknown chapter exits 1', () => {
  const list = spawnSync(process.execPath, [tourScript, '--list'], { encoding: 'utf8' });
  assert.equal(list.status, 0);
  assert.deepEqual(list.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]).sort(), chapters.map((c) => c.name).sort());
  const unknown = spawnSync(process.execPath, [tourScript, '--chapter', 'no-such-chapter'], { encoding: 'utf8' });
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /no chapter named 'no-such-chapter'/);
  const one = spawnSync(process.execPath, [tourScript, '--chapter', 'metrics', '--quick', '--out', join(tmpdir(), 'tour-unused')], { encoding: 'utf8' });
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /Tour finished in [\d.]+ s: 1 chapter,/);
});
