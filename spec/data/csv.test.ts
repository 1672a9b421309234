/**
 * The CSV reader: tables written here with random quoting, delimiters and
 * line ends read back to the same numbers and labels; quoted fields; and
 * every malformed record reported with its line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import { readCSV } from '../../src/data/index.js';
import type { Rng } from '../../src/random/index.js';
import { property } from '../harness/index.js';

/** One field as CSV text: quoted (quotes doubled) when it must be, or at random. */
function field(rng: Rng, text: string, delimiter: string): string {
  const must = text.includes(delimiter) || /["\r\n]/.test(text);
  return must || rng.uniform() < 0.2 ? `"${text.replaceAll('"', '""')}"` : text;
}

interface Table { names: string[]; rows: number[][]; labels: string[]; delimiter: string; text: string }

function table(rng: Rng): Table {
  const d = rng.int(1, 5), n = rng.int(1, 12), delimiter = [',', ';', '\t'][rng.int(0, 3)]!;
  const eol = rng.uniform() < 0.5 ? '\n' : '\r\n';
  const names = Array.from({ length: d }, (_, j) => (j === 0 ? 'k-mer "AA", count' : `f${j}`));
  const classes = ['ACGT-rich', 'plain', 'with, comma', 'two\nlines', 'say "hi"'];
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => (rng.uniform() < 0.3 ? rng.int(-5, 50) : rng.normal() * 10 ** rng.int(-8, 8))));
  const labels = rows.map(() => classes[rng.int(0, classes.length)]!);
  const line = (cells: string[]): string => cells.map((c) => field(rng, c, delimiter)).join(delimiter);
  const text = [line([...names, 'class']), ...rows.map((r, i) => line([...r.map(String), labels[i]!]))].join(eol) + (rng.uniform() < 0.5 ? eol : '');
  return { names, rows, labels, delimiter, text };
}

property('readCSV reads back a written table: the numbers exactly, the labels as indices into the sorted classes', table, ({ names, rows, labels, delimiter, text }) => {
  const t = readCSV(text, { delimiter });
  assert.deepEqual(t.featureNames, names);
  assert.equal(t.labelName, 'class');
  assert.deepEqual(t.X.shape, [rows.length, names.length]);
  assert.deepEqual(Array.from(t.X.data), rows.flat());
  assert.deepEqual(t.classes, [...new Set(labels)].sort());
  assert.deepEqual(Array.from(t.y!.data, (k) => t.classes![k]), labels);
});

test('readCSV: numeric labels stay numbers; label by name or index or none; ignored columns; no header; a byte-order mark', () => {
  const text = '\uFEFFid,x,y,target\ns1,1,2,0.5\ns2,3,4,-1e3\n';
  const t = readCSV(text, { ignore: ['id'] });
  assert.deepEqual(Array.from(t.y!.data), [0.5, -1000]);
  assert.equal(t.classes, null);
  assert.deepEqual(t.featureNames, ['x', 'y']);
  const byIndex = readCSV(text, { label: 1, ignore: [0] });
  assert.deepEqual([byIndex.featureNames, Array.from(byIndex.y!.data)], [['y', 'target'], [1, 3]]);
  const none = readCSV('1,2\n3,4\n', { header: false, label: null });
  assert.deepEqual([none.featureNames, Array.from(none.X.data), none.y, none.labelName], [['0', '1'], [1, 2, 3, 4], null, null]);
  assert.deepEqual(Array.from(readCSV('a,b\n 1.5 ,x\n\n2,y\n').X.data), [1.5, 2]);
});

test('readCSV: a row with the wrong number of fields is an error naming its line', () => {
  assert.throws(() => readCSV('a,b,c\n1,2,x\n3,4\n5,6,y\n'), (e: unknown) => e instanceof ValueError && e.message === 'readCSV: line 3 has 2 fields, expected 3 (as the header)');
  // a quoted line break: the record of line 2 runs to line 3, so the bad one starts on line 4
  assert.throws(() => readCSV('a,b\n1,"x\ny"\n1,2,3\n'), /readCSV: line 4 has 3 fields/);
});

test('readCSV: a field that is not a number, an open quote, a stray quote are errors naming the line', () => {
  assert.throws(() => readCSV('a,b\n1,x\n2,y\nNaN,z\n'), /readCSV: line 4, column "a": expected a finite number, got "NaN"/);
  assert.throws(() => readCSV('a,b,c\n1,,x\n'), /line 2, column "b": expected a finite number, got ""/);
  assert.throws(() => readCSV('a,b\n1e999,x\n'), /line 2, column "a"/);
  assert.throws(() => readCSV('a,b\n1,x\n2,"y\n'), /readCSV: line 3: a quoted field is not closed/);
  assert.throws(() => readCSV('a,b\n1,x"y\n'), /readCSV: line 2: a quote inside an unquoted field/);
  assert.throws(() => readCSV('a,b\n1,"x"y\n'), /readCSV: line 2: expected ',' or the end of the line after a closing quote/);
  assert.throws(() => readCSV(''), /readCSV: the text has no records/);
  assert.throws(() => readCSV('a,b\n1,2\n', { label: 'c' }), /options.label "c" is not a column; the columns are: a, b/);
});
