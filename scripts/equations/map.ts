/**
 * The equation map: lecture equation (ID, title, deck) → source file → spec
 * file. Read statically from the repository's TypeScript files:
 *
 *   source  a file under src/ whose header (its opening doc comment) names
 *           the ID: `EQ-LINALG-05`, or several as `EQ-AUTODIFF-04/05`; a
 *           range such as `EQ-AUTODIFF-01 … 11` is a summary and names none
 *   spec    a file under spec/ with a test whose name (the first string
 *           argument of `test`, `property`, `describe`, `it` or `suite`)
 *           names the ID
 *
 * `npm run equations` prints it (scripts/equations.ts, which also runs the
 * specs for "passing or not"); the README carries `renderMarkdown`'s table
 * between the markers below, and spec/equations.test.ts fails when that copy
 * is stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { catalogue, decks } from './catalogue.js';
import type { Deck, Equation } from './catalogue.js';

/** One row of the map: an equation and the files that implement and prove it. */
export interface MapRow {
  readonly equation: Equation;
  /** Repository paths (with `/`) of the sources whose header names the ID. */
  readonly sources: readonly string[];
  /** Repository paths of the specs whose test names name the ID. */
  readonly specs: readonly string[];
}

/** The README lines between which the static map lives. */
export const BEGIN_MARKER = '<!-- equation-map:begin (npm run equations -- --write) -->';
export const END_MARKER = '<!-- equation-map:end -->';

const ID_MENTION = /EQ-([A-Z]+)-(\d{2,})((?:(?:\/|,\s*)\d{2}(?!\d))*)(\s*(?:…|\.\.\.)\s*\d+)?/g;
const TEST_NAME = /(?<![.\w$])(?:test|property|describe|it|suite)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

/** Every `.ts` file under `dir`, as sorted repository paths relative to `root`. */
function typeScriptFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(relative(root, child).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return found.sort();
}

/**
 * The IDs a piece of text names: single IDs, slash lists (EQ-X-01/02) and
 * comma lists of two-digit numbers (EQ-X-19, 20, 21; a deck's three-digit
 * name such as "EQ-X-06, 003" ends the list); ranges are skipped.
 */
export function idsIn(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(ID_MENTION)) {
    const [, module, first, more, range] = match;
    if (module === undefined || first === undefined || range !== undefined) continue;
    const numbers = [first, ...(more ?? '').split(/[/,]\s*/).filter((n) => n !== '')];
    for (const number of numbers) ids.push(`EQ-${module}-${number.padStart(first.length, '0')}`);
  }
  return ids;
}

/** A file's header: its opening doc comment, or '' when it has none. */
export function header(text: string): string {
  const trimmed = text.replace(/^#![^\n]*\n/, '').trimStart();
  if (!trimmed.startsWith('/**')) return '';
  const end = trimmed.indexOf('*/');
  return end < 0 ? '' : trimmed.slice(0, end);
}

/** The names of the tests a spec file declares (first string argument of each call). */
export function testNames(text: string): string[] {
  return [...text.matchAll(TEST_NAME)].map((match) => match[2] ?? '');
}

function addTo(index: Map<string, string[]>, id: string, path: string): void {
  const paths = index.get(id) ?? [];
  if (!paths.includes(path)) paths.push(path);
  index.set(id, paths);
}

/**
 * The static map of the repository at `root`: one row per catalogued
 * equation that a source header or a spec name mentions (every catalogued
 * equation with `all`), in catalogue order. IDs that are not in the
 * catalogue come back in `unknown`.
 */
export function equationMap(root: string, options: { all?: boolean } = {}): { rows: MapRow[]; unknown: string[] } {
  const sources = new Map<string, string[]>();
  const specs = new Map<string, string[]>();
  for (const path of typeScriptFiles(root, 'src')) {
    for (const id of idsIn(header(readFileSync(join(root, path), 'utf8')))) addTo(sources, id, path);
  }
  for (const path of typeScriptFiles(root, 'spec')) {
    for (const name of testNames(readFileSync(join(root, path), 'utf8'))) {
      for (const id of idsIn(name)) addTo(specs, id, path);
    }
  }
  const known = new Set(catalogue.map((equation) => equation.id));
  const unknown = [...new Set([...sources.keys(), ...specs.keys()])].filter((id) => !known.has(id)).sort();
  const rows = catalogue
    .map((equation) => ({ equation, sources: sources.get(equation.id) ?? [], specs: specs.get(equation.id) ?? [] }))
    .filter((row) => options.all === true || row.sources.length > 0 || row.specs.length > 0);
  return { rows, unknown };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const files = (paths: readonly string[]): string => (paths.length === 0 ? '—' : paths.map((p) => `\`${p}\``).join('<br>'));

/** The map as the README's Markdown: a table and the legend of the decks it cites. */
export function renderMarkdown(rows: readonly MapRow[]): string {
  const lines = [
    '| ID | equation | deck | source | spec |',
    '|---|---|---|---|---|',
    ...rows.map(({ equation, sources, specs }) =>
      `| ${equation.id} | ${cell(equation.title)} | ${equation.decks.join(', ')} | ${files(sources)} | ${files(specs)} |`),
  ];
  const cited = [...new Set(rows.flatMap((row) => row.equation.decks))].sort();
  lines.push('', `Decks: ${cited.map((deck: Deck) => `${deck} ${decks[deck]}`).join('; ')}.`);
  lines.push('', `${rows.length} of the ${catalogue.length} lecture equations are implemented or proven so far;` +
    ' `npm run equations -- --all` lists every one.');
  return lines.join('\n');
}

/** The text between the README's markers, or undefined when a marker is missing. */
export function readmeSection(readme: string): string | undefined {
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return undefined;
  return readme.slice(begin + BEGIN_MARKER.length, end).trim();
}

/** The README with `section` between its markers (which must exist). */
export function withSection(readme: string, section: string): string {
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${BEGIN_MARKER} … ${END_MARKER} section`);
  return `${readme.slice(0, begin + BEGIN_MARKER.length)}\n${section}\n${readme.slice(end)}`;
}
