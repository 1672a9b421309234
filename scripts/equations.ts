/**
 * `npm run equations`: where each lecture equation lives and whether its
 * specs pass — lecture equation (ID, title, deck) → source file → spec file
 * → passing or not.
 *
 * The map is read from the repository (scripts/equations/map.ts: sources'
 * headers, specs' test names); "passing" comes from running, with
 * node:test's `run`, only the tests whose names carry an equation ID, in
 * the built spec files (dist/spec/) that name one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { decks } from './equations/catalogue.js';
import type { Deck } from './equations/catalogue.js';
import { equationMap, readmeSection, renderMarkdown, withSection } from './equations/map.js';
import { runSpecs } from './equations/status.js';
import type { Status } from './equations/status.js';
import type { MapRow } from './equations/map.js';

const USAGE = `usage: npm run equations -- [options]

Prints each lecture equation with its deck, the source file that implements
it (named in the file's header), the spec files that prove it (named in a
test's name) and whether those tests pass (by running them).

options:
  --static      do not run the specs: print the map only
  --all         list every catalogued equation, not only those implemented or proven
  --id PREFIX   only equations whose ID starts with PREFIX (EQ-LINALG, EQ-LINALG-05)
  --markdown    print the README's table (static) instead
  --write       rewrite the README's table between its markers
  --help        this text

To run the specs of one equation yourself:
  npm run build && node --test --test-name-pattern 'EQ-LINALG-05' dist/spec/`;

interface Options { static: boolean; all: boolean; id: string; markdown: boolean; write: boolean }

function parse(args: readonly string[]): Options | string {
  const options: Options = { static: false, all: false, id: '', markdown: false, write: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--static') options.static = true;
    else if (arg === '--all') options.all = true;
    else if (arg === '--markdown') options.markdown = true;
    else if (arg === '--write') options.write = true;
    else if (arg === '--id') {
      const prefix = args[++i];
      if (prefix === undefined) return '--id needs a prefix, e.g. --id EQ-LINALG-05';
      options.id = prefix.toUpperCase();
    } else return `unknown option '${arg}'`;
  }
  return options;
}

function describeStatus(status: Status | undefined, row: MapRow): string {
  if (row.specs.length === 0) return 'no spec yet';
  if (status === undefined) return 'not run (is dist/ built?)';
  if (status.failed > 0) return `FAILING (${status.failed} of ${status.passed + status.failed} tests)`;
  return `passing (${status.passed} test${status.passed === 1 ? '' : 's'})`;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const options = parse(args);
  if (typeof options === 'string') {
    console.error(`${options}\n\n${USAGE}`);
    return 1;
  }
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { rows: allRows, unknown } = equationMap(root, { all: options.all });
  const rows = allRows.filter((row) => row.equation.id.startsWith(options.id));

  if (options.markdown || options.write) {
    const table = renderMarkdown(equationMap(root).rows);
    if (options.markdown) console.log(table);
    if (options.write) {
      const readmePath = join(root, 'README.md');
      const readme = readFileSync(readmePath, 'utf8');
      const updated = withSection(readme, table);
      writeFileSync(readmePath, updated);
      console.log(readmeSection(readme) === table ? 'README.md: the equation map was up to date' : 'README.md: equation map rewritten');
    }
    return 0;
  }

  const statuses = options.static ? new Map<string, Status>() : await runSpecs(root, rows);
  let failing = 0;
  for (const row of rows) {
    const { id, title } = row.equation;
    const status = statuses.get(id);
    if (status !== undefined && status.failed > 0) failing++;
    console.log(`${id}  ${title}  (${row.equation.decks.join(', ')})${options.static ? '' : `  — ${describeStatus(status, row)}`}`);
    console.log(`    source  ${row.sources.join(', ') || '—'}`);
    console.log(`    spec    ${row.specs.join(', ') || '—'}`);
  }
  const cited = [...new Set(rows.flatMap((row) => row.equation.decks))].sort();
  console.log(`\ndecks: ${cited.map((deck: Deck) => `${deck} ${decks[deck]}`).join('\n       ')}`);
  if (unknown.length > 0) console.log(`IDs named in the code but not in the catalogue: ${unknown.join(' ')}`);
  console.log(`${rows.length} equations listed${options.static ? '' : `, ${failing} with a failing spec`}.`);
  return failing > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
