/**
 * The tour of the lectures (`npm start`): one chapter per lecture topic,
 * each training on embedded, seeded data and printing what the lecture
 * claims beside what happened, with the equation ID, the file to read and
 * the spec that proves it (scripts/tour/print.ts); plots go to
 * tour-output/ as SVG, and a summary table ends the run.
 *
 * Chapters are the files of scripts/tour/ that export `chapter`
 * (scripts/tour/chapter.ts says how to write one), each listed by one line
 * of scripts/tour/chapters.ts; a new chapter needs no edit here. A chapter
 * that throws is reported, the others still run, and the exit code is 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chapter, Progress, TourContext } from './tour/chapter.js';
import * as registry from './tour/chapters.js';
import { INDENT, takePrinted } from './tour/print.js';

const USAGE = `usage: npm start [-- --list] [-- --chapter NAME …] [-- --quick] [-- --out DIR]

The tour of the lectures: each chapter runs one lecture's equations on
small seeded examples and prints each result beside its equation ID, with
the source file to read and the spec that proves it; plots are written as
SVG files, and a summary table ends the run.

  --list           list the chapters and exit
  --chapter NAME   run only this chapter (repeat, or NAME,NAME, for several)
  --quick          small sizes: every chapter in a few seconds
  --out DIR        where the SVG plots go (default tour-output)

npm run equations lists every equation with its files.`;

interface Options {
  list: boolean;
  quick: boolean;
  chapters: string[];
  out: string;
}

/** The options, or a message saying what is wrong. */
function parse(args: readonly string[]): Options | string {
  const o: Options = { list: false, quick: false, chapters: [], out: 'tour-output' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--list') o.list = true;
    else if (arg === '--quick') o.quick = true;
    else if (arg === '--chapter' || arg === '--out') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--out') o.out = value;
      else o.chapters.push(...value.split(',').filter((name) => name !== ''));
    } else return `unknown argument '${arg}'`;
  }
  return o;
}

/** Every chapter of scripts/tour/chapters.ts, in their order; throws when two share a name. */
function chapters(): Chapter[] {
  const all = Object.values(registry);
  const names = new Set<string>();
  for (const c of all) {
    if (names.has(c.name)) throw new Error(`two tour chapters are named '${c.name}'`);
    names.add(c.name);
  }
  return all.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1));
}

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs and specs stay clean). */
function progressBar(label: string, total: number): Progress {
  const tty = process.stderr.isTTY === true && total > 0;
  let done = 0, shown = -1;
  const draw = (): void => {
    const filled = Math.round((30 * done) / total);
    if (filled === shown) return;
    shown = filled;
    process.stderr.write(`\r  ${label} [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${Math.round((100 * done) / total)}%`);
  };
  return {
    tick(n = 1) {
      done = Math.min(total, done + n);
      if (tty) draw();
    },
    done() {
      if (tty) process.stderr.write(`\r${' '.repeat(label.length + 42)}\r`);
    },
  };
}

interface Row {
  name: string;
  seconds: number;
  ids: string[];
  plots: string[];
  headline: string;
  failed: boolean;
}

/** Runs one chapter and returns its summary row. */
async function runChapter(chapter: Chapter, o: Options): Promise<Row> {
  const row: Row = { name: chapter.name, seconds: 0, ids: [], plots: [], headline: '', failed: false };
  const context: TourContext = {
    quick: o.quick,
    size: (full, quick) => (o.quick ? quick : full),
    plot(name, svg, caption) {
      mkdirSync(o.out, { recursive: true });
      const path = join(o.out, `${chapter.name}-${name}.svg`);
      writeFileSync(path, svg);
      row.plots.push(path);
      console.log(`${' '.repeat(INDENT)}plot ${path}: ${caption}`);
    },
    progress: progressBar,
    headline(text) {
      row.headline = text;
    },
  };
  console.log(`\n=== ${chapter.title} ===`);
  takePrinted();
  const started = performance.now();
  try {
    await chapter.run(context);
  } catch (error) {
    row.failed = true;
    console.error(`chapter '${chapter.name}' failed:`, error);
  }
  row.seconds = (performance.now() - started) / 1000;
  row.ids = takePrinted();
  return row;
}

/** "1 plot", "3 plots". */
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The summary table: one row per chapter. */
function summary(rows: readonly Row[], seconds: number): string {
  const header = ['chapter', 'time', 'equations', 'plots', 'headline'];
  const body = rows.map((r) => [r.name, `${r.seconds.toFixed(1)} s`, String(new Set(r.ids).size), String(r.plots.length), r.failed ? 'FAILED' : r.headline]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, j) => (j === 4 ? c : c.padEnd(widths[j]!))).join(' | ')}`.trimEnd();
  return ['\n=== Summary ===', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line),
    `Tour finished in ${seconds.toFixed(1)} s: ${count(rows.length, 'chapter')}, ${count(new Set(rows.flatMap((r) => r.ids)).size, 'equation')} shown, ${count(rows.reduce((a, r) => a + r.plots.length, 0), 'plot')}.`].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return console.log(USAGE);
  const o = parse(args);
  if (typeof o === 'string') {
    console.error(`${o}\n\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  const all = chapters();
  if (o.list) {
    for (const c of all) console.log(`${c.name.padEnd(16)} ${c.title}`);
    return;
  }
  const unknown = o.chapters.filter((name) => !all.some((c) => c.name === name));
  if (unknown.length > 0) {
    console.error(`no chapter named ${unknown.map((n) => `'${n}'`).join(', ')}; the chapters are: ${all.map((c) => c.name).join(', ')}`);
    process.exitCode = 1;
    return;
  }
  const chosen = o.chapters.length === 0 ? all : all.filter((c) => o.chapters.includes(c.name));
  const started = performance.now(), rows: Row[] = [];
  for (const chapter of chosen) rows.push(await runChapter(chapter, o));
  console.log(summary(rows, (performance.now() - started) / 1000));
  if (rows.some((r) => r.failed)) process.exitCode = 1;
}

await main();
