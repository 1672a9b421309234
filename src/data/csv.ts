/**
 * A CSV reader for the tables of the lectures: numeric feature columns and
 * one label column, as in the k-mer table (ID, AA, AC, …, class).
 *
 * The text is read as RFC 4180 says: records end at a line break ('\n' or
 * '\r\n'); a field may be quoted with ", and then holds the delimiter,
 * line breaks and "" for a quote. Reading differs from the RFC in two
 * stated ways: a blank line is skipped, and a leading byte-order mark is
 * dropped. The first record is the header (unless `header: false`, when
 * the columns are named "0", "1", …).
 *
 *   X[i, j] = the number in row i, feature column j        X: n × d, row-major
 *   y[i]    = the label of row i: the number itself when every label is a
 *             number, else the index of the label in `classes`, the
 *             distinct labels in sorted order
 *
 * A feature is a decimal number (`1`, `-2.5`, `.5`, `3e-7`; spaces around
 * it allowed); anything else, an empty field included, is an error naming
 * the line and the column. A record with the wrong number of fields, an
 * unterminated quote, or a quote inside an unquoted field is an error
 * naming its line (the line where the record starts).
 */
import { ArgumentTypeError, ValueError, assertBoolean, assertInteger, assertOptions, describeValue } from '../errors/index.js';
import { MAX_TENSOR_SIZE } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { assertString } from './alphabet.js';

/** Options of `readCSV`. */
export interface CSVOptions {
  /** The label column, by header name or 0-based index; null for none (default: the last column). */
  label?: string | number | null;
  /** Columns to leave out (an id column, say), by name or index (default none). */
  ignore?: readonly (string | number)[];
  /** The first record names the columns (default true). */
  header?: boolean;
  /** The field separator, one character other than '"', '\r' and '\n' (default ','). */
  delimiter?: string;
}

/** What `readCSV` returns. */
export interface CSVTable {
  /** n × d features, row-major (X[i*d + j]). */
  readonly X: Tensor;
  /** n labels (numbers, or indices into `classes`); null without a label column. */
  readonly y: Tensor | null;
  /** The d feature columns' names, in the order of X's columns. */
  readonly featureNames: readonly string[];
  /** The label column's name, or null. */
  readonly labelName: string | null;
  /** The distinct labels in sorted order when they are not all numbers; else null. */
  readonly classes: readonly string[] | null;
}

interface Row {
  line: number;
  fields: string[];
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** The finite number a field spells, or undefined (internal). */
const numberIn = (field: string): number | undefined => {
  const x = NUMBER.test(field) ? Number(field) : NaN;
  return Number.isFinite(x) ? x : undefined;
};

/** Splits the text into records of fields, each with the line where it starts (internal). */
function records(text: string, delimiter: string, where: string): Row[] {
  const rows: Row[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const open = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new ValueError(`${where}: line ${open}: a quoted field is not closed`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) {
          throw new ValueError(`${where}: line ${line}: expected '${delimiter}' or the end of the line after a closing quote, got ${JSON.stringify(next)}`);
        }
      } else {
        while (i < text.length && text[i] !== delimiter && text[i] !== '\n') {
          if (text[i] === '"') throw new ValueError(`${where}: line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
          field += text[i];
          i++;
        }
        if (field.endsWith('\r') && text[i] !== delimiter) field = field.slice(0, -1);
      }
      fields.push(field);
      if (text[i] === delimiter) { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') { i++; line++; }
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: start, fields });
  }
  return rows;
}

/** The column index of a name or index (internal). */
function columnOf(key: unknown, names: readonly string[], what: string, where: string): number {
  if (typeof key === 'number') {
    assertInteger(key, what, where, { min: 0, max: names.length - 1 });
    return key;
  }
  if (typeof key !== 'string') throw new ArgumentTypeError(`${where}: ${what} must be a column name or index, got ${describeValue(key)}`);
  const j = names.indexOf(key);
  if (j < 0) throw new ValueError(`${where}: ${what} ${JSON.stringify(key)} is not a column; the columns are: ${names.join(', ')}`);
  return j;
}

/**
 * Reads a CSV text into features X (n × d) and labels y (see the file
 * comment). Options: label (the last column), ignore ([]), header (true),
 * delimiter (',').
 *
 *   const { X, y, classes } = readCSV('a,b,class\n1,2,x\n3,4,y\n');   // y = [0, 1], classes ['x', 'y']
 */
export function readCSV(text: string, options?: CSVOptions): CSVTable {
  const where = 'readCSV';
  assertString(text, 'text', where);
  const o = assertOptions(options, ['label', 'ignore', 'header', 'delimiter'], where);
  const header = o.header === undefined ? true : assertBoolean(o.header, 'options.header', where);
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || '"\r\n'.includes(delimiter)) {
    throw new ValueError(`${where}: options.delimiter must be one character other than '"', '\\r' and '\\n', got ${describeValue(delimiter)}`);
  }
  if (o.ignore !== undefined && !Array.isArray(o.ignore)) throw new ArgumentTypeError(`${where}: options.ignore must be an array of column names or indices, got ${describeValue(o.ignore)}`);
  const rows = records(text, delimiter, where);
  if (rows.length === 0) throw new ValueError(`${where}: the text has no records`);
  const width = rows[0]!.fields.length;
  const names = header ? rows[0]!.fields : Array.from({ length: width }, (_, j) => String(j));
  const body = header ? rows.slice(1) : rows;
  const labelColumn = o.label === null ? -1 : o.label === undefined ? width - 1 : columnOf(o.label, names, 'options.label', where);
  const ignored = new Set((o.ignore ?? []).map((key, i) => columnOf(key, names, `options.ignore[${i}]`, where)));
  const features = names.map((_, j) => j).filter((j) => j !== labelColumn && !ignored.has(j));
  for (const row of body) {
    if (row.fields.length !== width) {
      throw new ValueError(`${where}: line ${row.line} has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'}, expected ${width}${header ? ' (as the header)' : ' (as the first record)'}`);
    }
  }
  const n = body.length, d = features.length;
  if (n * d > MAX_TENSOR_SIZE) throw new ValueError(`${where}: ${n} rows × ${d} columns is more than the 2³¹ − 1 entries of a tensor`);
  const X = new Float64Array(n * d);
  body.forEach((row, i) => features.forEach((j, c) => {
    const field = row.fields[j]!, x = numberIn(field);
    if (x === undefined) throw new ValueError(`${where}: line ${row.line}, column ${JSON.stringify(names[j])}: expected a finite number, got ${JSON.stringify(field)}`);
    X[i * d + c] = x;
  }));
  let y: Tensor | null = null, classes: string[] | null = null;
  if (labelColumn >= 0) {
    const labels = body.map((row) => row.fields[labelColumn]!);
    const numbers = labels.map(numberIn);
    if (numbers.every((x) => x !== undefined)) {
      y = { shape: [n], data: Float64Array.from(numbers) };
    } else {
      classes = [...new Set(labels)].sort();
      const index = new Map(classes.map((c, k) => [c, k]));
      y = { shape: [n], data: Float64Array.from(labels, (label) => index.get(label)!) };
    }
  }
  return {
    X: { shape: [n, d], data: X },
    y,
    featureNames: features.map((j) => names[j]!),
    labelName: labelColumn >= 0 ? names[labelColumn]! : null,
    classes,
  };
}
