/**
 * FASTA records (EQ-DATA-01): the lecture's three records as its slide lays
 * them out ('> F31.01' and a lower-case sequence broken across spaces and
 * lines; the slide's letters are not reproduced, these are of the same
 * form), writing and reading back, streaming over lines, and the errors
 * with their line numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import { fastaRecords, readFasta, writeFasta } from '../../src/data/index.js';
import type { FastaRecord } from '../../src/data/index.js';
import type { Rng } from '../../src/random/index.js';
import { property } from '../harness/index.js';
import { randomDNA } from './support.js';

const SLIDE = `> F31.01
atgcgtacgt tagcatgcaa
gtcatgcatg ca
> F31.02
ttgacgtagc atgcatgcat
gcatg
> F31.03
ccgtagctag ctagcatgca  tgcaacgtac
`;

test('EQ-DATA-01 the slide\'s three records: ids without \'>\' or whitespace, sequences without whitespace or line breaks, upper case', () => {
  const records = readFasta(SLIDE);
  assert.deepEqual(records.map((r) => r.id), ['F31.01', 'F31.02', 'F31.03']);
  assert.deepEqual(records.map((r) => r.sequence), [
    'ATGCGTACGTTAGCATGCAAGTCATGCATGCA',
    'TTGACGTAGCATGCATGCATGCATG',
    'CCGTAGCTAGCTAGCATGCATGCAACGTAC',
  ]);
  assert.ok(records.every((r) => r.description === ''));
});

test('EQ-DATA-01 a description follows the id; CRLF line ends, blank lines and an empty sequence are read', () => {
  const records = readFasta('>seq1  chromosome 2, forward \r\nAC GT\r\n\r\nNN\r\n>empty\r\n>x y\nA\n');
  assert.deepEqual(records, [
    { id: 'seq1', description: 'chromosome 2, forward', sequence: 'ACGTNN' },
    { id: 'empty', description: '', sequence: '' },
    { id: 'x', description: 'y', sequence: 'A' },
  ]);
  assert.deepEqual(readFasta(''), []);
});

/** Records in normal form: ids of word characters, one-line descriptions, upper-case ACGTN. */
function records(rng: Rng): FastaRecord[] {
  return Array.from({ length: rng.int(0, 6) }, (_, i) => ({
    id: `r${i}_${rng.int(0, 1000)}.${rng.int(0, 10)}`,
    description: rng.uniform() < 0.5 ? '' : `sample ${rng.int(0, 99)} (lane ${rng.int(1, 9)})`,
    sequence: randomDNA(rng, rng.int(0, 300), 0.05),
  }));
}

property('EQ-DATA-01 writeFasta then readFasta gives the same records, at any line width', (rng) => ({ records: records(rng), width: rng.int(1, 100) }), ({ records: rs, width }) => {
  const text = writeFasta(rs, { lineWidth: width });
  assert.deepEqual(readFasta(text), rs);
  assert.ok(text.split('\n').every((line) => line.startsWith('>') || line.length <= width), 'sequence lines at most lineWidth letters');
});

property('EQ-DATA-01 reading lines one by one gives what reading the text gives', (rng) => writeFasta(records(rng), { lineWidth: 7 }), (text) => {
  assert.deepEqual([...fastaRecords(text.split('\n'))], readFasta(text));
  assert.deepEqual(readFasta(text.split('\n')), readFasta(text));
});

test('EQ-DATA-01 fastaRecords streams: the first record comes before the later lines are read', () => {
  let read = 0;
  function* lines(): Generator<string> {
    for (const line of ['>a', 'ACGT', 'GG', '>b', 'TTTT', '>c', 'C']) {
      read++;
      yield line;
    }
  }
  const stream = fastaRecords(lines());
  assert.deepEqual(stream.next().value, { id: 'a', description: '', sequence: 'ACGTGG' });
  assert.equal(read, 4, 'only up to the next header');
  assert.deepEqual([...stream].map((r) => r.id), ['b', 'c']);
});

test('EQ-DATA-01 a character outside ACGTN is reported with its line and column, or read as N on request', () => {
  assert.throws(() => readFasta('>a\nACGT\nAC-GT\n'), (e: unknown) => e instanceof ValueError && /line 3, column 3: "-"/.test(e.message) && /record 'a'/.test(e.message));
  assert.throws(() => readFasta('>a\nACRT\n'), /readFasta: line 2, column 3: "R"/);
  assert.deepEqual(readFasta('>a\nAC-Rt\n', { invalid: 'N' }), [{ id: 'a', description: '', sequence: 'ACNNT' }]);
  const stream = fastaRecords('>a\nAC\n>b\nAXC\n');
  assert.equal(stream.next().value?.id, 'a');
  assert.throws(() => stream.next(), /fastaRecords: line 4, column 2: "X"/);
});

test('EQ-DATA-01 text before the first header, and a header without an id, are errors with the line number', () => {
  assert.throws(() => readFasta('\nACGT\n>a\nA\n'), (e: unknown) => e instanceof ValueError && /readFasta: line 2: expected a header line/.test(e.message));
  assert.throws(() => readFasta('>a\nA\n>  \nC\n'), (e: unknown) => e instanceof ValueError && /line 3: the header '>' has no id/.test(e.message));
});

test('writeFasta checks ids, descriptions and sequences, and writes upper case', () => {
  assert.equal(writeFasta([{ id: 'a', description: 'two words', sequence: 'acgtn' }]), '>a two words\nACGTN\n');
  assert.throws(() => writeFasta([{ id: 'a b', description: '', sequence: 'A' }]), /records\[0\]\.id/);
  assert.throws(() => writeFasta([{ id: 'a', description: 'x\ny', sequence: 'A' }]), /records\[0\]\.description/);
  assert.throws(() => writeFasta([{ id: 'a', description: '', sequence: 'AU' }]), /records\[0\]\.sequence has 'U' at position 2/);
});
