/**
 * FASTA records (EQ-DATA-01): a header line '>' id [description], then the
 * sequence over any number of lines.
 *
 *   parse(">id description\nSEQ\nUENCE") = { id, description, sequence: "SEQUENCE" }
 *
 * Reading, as the lecture's example needs ("> F31.01" followed by a lower
 * case sequence broken across spaces and lines):
 *   - the id is the first word after '>' (whitespace after '>' is skipped),
 *     the description the rest of the line, trimmed ('' when absent);
 *   - all whitespace inside and between sequence lines is removed, and the
 *     sequence is put in normal form (upper case, alphabet.ts): a
 *     character outside ACGTN is an error giving its line and column, or N
 *     with `invalid: 'N'`;
 *   - blank lines are skipped; a '\r' ending a line is dropped;
 *   - text before the first header, or a header without an id, is an error
 *     giving the line number.
 * A record may have an empty sequence.
 *
 * Writing puts '>' id, a space and the description (when not empty) on the
 * header line and the sequence in lines of `lineWidth` letters (default
 * 60), each line ending in '\n'; read back, it gives the same records.
 * `fastaRecords` reads a string or any iterable of lines (a file read line
 * by line) and yields each record as soon as the next header (or the end)
 * shows that it is complete.
 */
import { ArgumentTypeError, ValueError, assertInteger, assertOptions, describeValue } from '../errors/index.js';
import { assertString, decodeBases, encodeBases, invalidOption } from './alphabet.js';
import type { InvalidBase, SequenceOptions } from './alphabet.js';

/** One FASTA record: an id (no whitespace), a description ('' when none) and the sequence in normal form. */
export interface FastaRecord {
  readonly id: string;
  readonly description: string;
  readonly sequence: string;
}

const WHITESPACE = /\s/;

/** The records of `lines`, numbering lines from 1 (internal: arguments checked). */
function* parseLines(lines: Iterable<unknown>, invalid: InvalidBase, where: string): Generator<FastaRecord> {
  let header: { id: string; description: string } | undefined;
  let parts: string[] = [];
  let lineNumber = 0;
  for (const raw of lines) {
    lineNumber++;
    if (typeof raw !== 'string') throw new ArgumentTypeError(`${where}: line ${lineNumber} is ${describeValue(raw)}, not a string`);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('>')) {
      if (header !== undefined) yield { ...header, sequence: parts.join('') };
      const text = line.slice(1).trim();
      const space = text.search(WHITESPACE);
      const id = space < 0 ? text : text.slice(0, space);
      if (id === '') throw new ValueError(`${where}: line ${lineNumber}: the header '>' has no id`);
      header = { id, description: space < 0 ? '' : text.slice(space).trim() };
      parts = [];
      continue;
    }
    const letters = line.replace(/\s+/g, '');
    if (letters === '') continue;
    if (header === undefined) {
      throw new ValueError(`${where}: line ${lineNumber}: expected a header line starting with '>' before the sequence, got ${describeValue(line)}`);
    }
    try {
      parts.push(decodeBases(encodeBases(letters, invalid, where)));
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      const bad = [...line].findIndex((c) => !/[\sACGTNacgtn]/.test(c));
      throw new ValueError(`${where}: line ${lineNumber}, column ${bad + 1}: ${JSON.stringify(line[bad])} is not a DNA base (A, C, G, T or N, either case) in record '${header.id}'; pass { invalid: 'N' } to read it as N`);
    }
  }
  if (header !== undefined) yield { ...header, sequence: parts.join('') };
}

/** Checks the arguments shared by the readers and returns the line source and the `invalid` rule. */
function readerArguments(source: unknown, options: SequenceOptions | undefined, where: string): [Iterable<unknown>, InvalidBase] {
  const o = assertOptions(options, ['invalid'], where);
  const invalid = invalidOption(o, where);
  if (typeof source === 'string') return [source.split('\n'), invalid];
  if (typeof source === 'object' && source !== null && typeof (source as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
    return [source as Iterable<unknown>, invalid];
  }
  throw new ArgumentTypeError(`${where}: source must be a string or an iterable of lines, got ${describeValue(source)}`);
}

/**
 * The records of a FASTA text, or of an iterable of its lines, one at a
 * time (a generator: a bad line throws when the reading reaches it, with
 * its line number). Options: invalid ('error' | 'N', default 'error').
 */
export function fastaRecords(source: string | Iterable<string>, options?: SequenceOptions): Generator<FastaRecord> {
  const where = 'fastaRecords';
  const [lines, invalid] = readerArguments(source, options, where);
  return parseLines(lines, invalid, where);
}

/** All records of a FASTA text (or iterable of lines), in order. Options as `fastaRecords`. */
export function readFasta(source: string | Iterable<string>, options?: SequenceOptions): FastaRecord[] {
  const where = 'readFasta';
  const [lines, invalid] = readerArguments(source, options, where);
  return [...parseLines(lines, invalid, where)];
}

/**
 * The FASTA text of `records`: '>' id (and ' ' description when it is not
 * empty), then the sequence, upper case, in lines of `lineWidth` letters
 * (default 60). An id must be non-empty without whitespace, a description
 * a single line, a sequence made of ACGTN (either case).
 */
export function writeFasta(records: readonly FastaRecord[], options?: { lineWidth?: number }): string {
  const where = 'writeFasta';
  if (!Array.isArray(records)) throw new ArgumentTypeError(`${where}: records must be an array of { id, description?, sequence }, got ${describeValue(records)}`);
  const o = assertOptions(options, ['lineWidth'], where);
  const width = o.lineWidth === undefined ? 60 : assertInteger(o.lineWidth, 'options.lineWidth', where, { min: 1 });
  const list: readonly unknown[] = records;
  const out: string[] = [];
  list.forEach((record, r) => {
    if (typeof record !== 'object' || record === null) throw new ArgumentTypeError(`${where}: records[${r}] must be an object { id, description?, sequence }, got ${describeValue(record)}`);
    const { id, description = '', sequence } = record as { id?: unknown; description?: unknown; sequence?: unknown };
    assertString(id, `records[${r}].id`, where);
    assertString(description, `records[${r}].description`, where);
    assertString(sequence, `records[${r}].sequence`, where);
    if (id === '' || WHITESPACE.test(id)) throw new ValueError(`${where}: records[${r}].id must be a non-empty word without whitespace, got ${JSON.stringify(id)}`);
    if (/[\r\n]/.test(description) || description !== description.trim()) {
      throw new ValueError(`${where}: records[${r}].description must be one line without leading or trailing whitespace, got ${JSON.stringify(description)}`);
    }
    const seq = decodeBases(encodeBases(sequence, 'error', where, `records[${r}].sequence`));
    out.push(description === '' ? `>${id}\n` : `>${id} ${description}\n`);
    for (let i = 0; i < seq.length; i += width) out.push(`${seq.slice(i, i + width)}\n`);
  });
  return out.join('');
}
