/**
 * The contract table of data: every export with bad inputs and the typed
 * error each must get — characters outside the alphabet, k < 1 or longer
 * than a sequence, FASTA without a header, CSV rows of the wrong width,
 * .npy files of an unsupported dtype or Fortran order, unknown options,
 * an Rng that is not one — with the arguments (an Rng's state included)
 * unchanged after.
 */
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as data from '../../src/data/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const npy = (dict: string, data: readonly number[] = []): Uint8Array => {
  const pad = 64 - ((10 + dict.length + 1) % 64), header = `${dict}${' '.repeat(pad)}\n`;
  const bytes = new Uint8Array(10 + header.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  bytes.set(data, 10 + header.length);
  return bytes;
};

const sequenceArgument: BadCall[] = [
  { label: 'a number', args: [42], error: ArgumentTypeError },
  { label: 'a character outside ACGTN', args: ['ACGU'], error: ValueError },
  { label: 'an unknown option', args: ['ACGT', { alphabet: 'rna' }], error: ValueError },
  { label: 'invalid: "X"', args: ['ACGT', { invalid: 'X' }], error: ValueError },
];

const rngFirst = (extra: readonly BadCall[]): BadCall[] => [
  { label: 'a seed where an Rng belongs', args: [42], error: ArgumentTypeError },
  { label: 'an unknown option', args: () => [new Rng(1), { size: 3 }], error: ValueError },
  ...extra,
];

const kmerTable = (single: boolean): BadCall[] => {
  const one = (s: unknown): unknown => (single ? s : [s]);
  return [
    { label: 'k = 0', args: [one('ACGT'), 0], error: ValueError },
    { label: 'k = 13', args: [one('ACGT'), 13], error: ValueError },
    { label: 'k fractional', args: [one('ACGT'), 1.5], error: ValueError },
    { label: 'k larger than a sequence', args: [one('ACG'), 4], error: ValueError },
    { label: 'a character outside ACGTN', args: [one('ACXT'), 2], error: ValueError },
    { label: 'canonical: 1', args: [one('ACGT'), 2, { canonical: 1 }], error: ArgumentTypeError },
    { label: 'an unknown option', args: [one('ACGT'), 2, { sparse: true }], error: ValueError },
    { label: single ? 'an array where a string belongs' : 'a string where an array belongs', args: [single ? ['ACGT'] : 'ACGT', 2], error: ArgumentTypeError },
    ...(single ? [] : [{ label: 'a number among the sequences', args: [['ACGT', 7], 2], error: ArgumentTypeError }]),
  ];
};

contractSpec('data', data as unknown as Record<string, unknown>, {
  normalizeDNA: sequenceArgument,
  reverseComplement: sequenceArgument,
  fastaRecords: [
    { label: 'a number', args: [42], error: ArgumentTypeError },
    { label: 'an unknown option', args: ['>a\nA', { strict: true }], error: ValueError },
    { label: 'no header line, read', args: ['ACGT\n'], call: (s: string) => [...data.fastaRecords(s)], error: ValueError, names: 'fastaRecords: line 1' },
    { label: 'a character outside ACGTN, read', args: [['>a', 'AC', 'GXT']], call: (s: string[]) => [...data.fastaRecords(s)], error: ValueError, names: 'fastaRecords: line 3, column 2' },
    { label: 'a line that is not a string, read', args: [['>a', 5]], call: (s: string[]) => [...data.fastaRecords(s)], error: ArgumentTypeError },
  ],
  readFasta: [
    { label: 'a number', args: [42], error: ArgumentTypeError },
    { label: 'no header line', args: ['ACGT\n>a\n'], error: ValueError, names: 'readFasta: line 1' },
    { label: 'a header without an id', args: ['>a\nA\n>\nC'], error: ValueError, names: 'readFasta: line 3' },
    { label: 'a character outside ACGTN', args: ['>a\nAC\nA-C\n'], error: ValueError, names: 'readFasta: line 3, column 2' },
    { label: 'invalid: "skip"', args: ['>a\nA', { invalid: 'skip' }], error: ValueError },
  ],
  writeFasta: [
    { label: 'a record, not an array', args: [{ id: 'a', sequence: 'A' }], error: ArgumentTypeError },
    { label: 'an id with a space', args: [[{ id: 'a b', description: '', sequence: 'A' }]], error: ValueError },
    { label: 'a sequence with U', args: [[{ id: 'a', description: '', sequence: 'ACU' }]], error: ValueError },
    { label: 'no sequence', args: [[{ id: 'a', description: '' }]], error: ArgumentTypeError },
    { label: 'lineWidth 0', args: [[], { lineWidth: 0 }], error: ValueError },
  ],
  kmerNames: [
    { label: 'k = 0', args: [0], error: ValueError },
    { label: 'k = "2"', args: ['2'], error: ArgumentTypeError },
    { label: 'an unknown option', args: [2, { normalize: true }], error: ValueError },
  ],
  kmerCounts: kmerTable(true),
  kmerMatrix: kmerTable(false),
  kmerSparse: kmerTable(false),
  oneHotDNA: [
    { label: 'a number', args: [1], error: ArgumentTypeError },
    { label: 'a character outside ACGTN', args: ['AC-T'], error: ValueError },
    { label: 'an unknown option', args: ['ACGT', { nAs: 0.25 }], error: ValueError },
  ],
  decodeOneHotDNA: [
    { label: 'a nested array', args: [[[1, 0, 0, 0]]], error: ArgumentTypeError },
    { label: '3 columns', args: () => [linalg.zeros([2, 3])], error: ValueError },
    { label: 'a vector', args: () => [linalg.zeros([4])], error: ShapeError },
    { label: 'a NaN score', args: () => [linalg.tensor([NaN, 0, 0, 0], [1, 4])], error: ValueError },
  ],
  vocabulary: [
    { label: 'a string', args: ['abc'], error: ArgumentTypeError },
    { label: 'a number among the tokens', args: [['a', 1]], error: ArgumentTypeError },
  ],
  oneHotTokens: [
    { label: 'a string', args: ['abc'], error: ArgumentTypeError },
    { label: 'a token outside the vocabulary', args: () => [['a', 'z'], data.vocabulary(['a', 'b'])], error: ValueError },
    { label: 'a vocabulary that is a list', args: [['a'], ['a']], error: ArgumentTypeError },
  ],
  readCSV: [
    { label: 'a number', args: [1], error: ArgumentTypeError },
    { label: 'a row with the wrong number of fields', args: ['a,b\n1,2\n3\n'], error: ValueError, names: 'readCSV: line 3' },
    { label: 'a feature that is not a number', args: ['a,b\n1,x\nq,y\n'], error: ValueError, names: 'readCSV: line 3, column "a"' },
    { label: 'an unclosed quote', args: ['a,b\n1,"x\n'], error: ValueError, names: 'readCSV: line 2' },
    { label: 'an unknown label column', args: ['a,b\n1,2\n', { label: 'c' }], error: ValueError },
    { label: 'a label index out of range', args: ['a,b\n1,2\n', { label: 2 }], error: ValueError },
    { label: 'a two-character delimiter', args: ['a,b\n1,2\n', { delimiter: ';;' }], error: ValueError },
    { label: 'header: "yes"', args: ['a,b\n1,2\n', { header: 'yes' }], error: ArgumentTypeError },
    { label: 'ignore: "a"', args: ['a,b\n1,2\n', { ignore: 'a' }], error: ArgumentTypeError },
    { label: 'an unknown option', args: ['a,b\n1,2\n', { sep: ';' }], error: ValueError },
  ],
  npyHeader: [
    { label: 'an ArrayBuffer', args: () => [new ArrayBuffer(8)], error: ArgumentTypeError },
    { label: 'bad magic', args: () => [new Uint8Array(16)], error: ValueError },
    { label: 'a header that is not a dict', args: () => [npy('[1, 2]')], error: ValueError },
  ],
  readNpy: [
    { label: 'a number array', args: [[0x93, 0x4e]], error: ArgumentTypeError },
    { label: 'an unsupported dtype', args: () => [npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new Array<number>(16).fill(0))], error: ValueError, names: "readNpy: header field 'descr'" },
    { label: 'Fortran order', args: () => [npy("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }", new Array<number>(8).fill(0))], error: ValueError, names: "readNpy: header field 'fortran_order'" },
    { label: 'data shorter than the shape', args: () => [npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new Array<number>(8).fill(0))], error: ValueError },
  ],
  writeNpy: [
    { label: 'a nested array', args: [[[1, 2]]], error: ArgumentTypeError },
    { label: 'dtype "<f4"', args: () => [linalg.zeros([2]), { dtype: '<f4' }], error: ValueError },
    { label: 'a fraction as <i8', args: () => [linalg.tensor([0.5], [1]), { dtype: '<i8' }], error: ValueError },
    { label: 'an unknown option', args: () => [linalg.zeros([2]), { version: 2 }], error: ValueError },
  ],
  logicGate: [
    { label: 'an unknown gate', args: ['XNOR'], error: ValueError },
    { label: 'a number', args: [1], error: ArgumentTypeError },
  ],
  blobs: rngFirst([
    { label: 'k = 0', args: () => [new Rng(1), { k: 0 }], error: ValueError },
    { label: 'std −1', args: () => [new Rng(1), { std: -1 }], error: ValueError },
    { label: 'n·d too large', args: () => [new Rng(1), { n: 2 ** 24, d: 100 }], error: ValueError },
  ]),
  twoMoons: rngFirst([{ label: 'n = 0', args: () => [new Rng(1), { n: 0 }], error: ValueError }]),
  circles: rngFirst([{ label: 'factor 1', args: () => [new Rng(1), { factor: 1 }], error: ValueError }]),
  spirals: rngFirst([{ label: 'one class', args: () => [new Rng(1), { classes: 1 }], error: ValueError }]),
  polynomialRegression: rngFirst([
    { label: 'low = high', args: () => [new Rng(1), { low: 1, high: 1 }], error: ValueError },
    { label: 'no coefficients', args: () => [new Rng(1), { coefficients: [] }], error: ValueError },
    { label: 'a NaN coefficient', args: () => [new Rng(1), { coefficients: [1, NaN] }], error: ValueError },
  ]),
  plantedMotif: rngFirst([
    { label: 'a motif with N', args: () => [new Rng(1), { motif: 'TANA' }], error: ValueError },
    { label: 'a motif longer than the sequences', args: () => [new Rng(1), { motif: 'ACGT', length: 3 }], error: ValueError },
    { label: 'fraction 2', args: () => [new Rng(1), { fraction: 2 }], error: ValueError },
  ]),
  markovFamilies: rngFirst([
    { label: 'order 7', args: () => [new Rng(1), { order: 7 }], error: ValueError },
    { label: 'no families', args: () => [new Rng(1), { families: 0 }], error: ValueError },
  ]),
  genotypes: rngFirst([
    { label: 'fst 1', args: () => [new Rng(1), { fst: 1 }], error: ValueError },
    { label: 'minFrequency 0.5', args: () => [new Rng(1), { minFrequency: 0.5 }], error: ValueError },
  ]),
  ballVolumeFraction: [
    { label: 'd = 0', args: [0], error: ValueError },
    { label: 'd = 2.5', args: [2.5], error: ValueError },
  ],
  ballFractionMonteCarlo: [
    { label: 'a seed where an Rng belongs', args: [1, 2, 100], error: ArgumentTypeError },
    { label: 'n = 0', args: () => [new Rng(1), 2, 0], error: ValueError },
  ],
  gridCellCount: [
    { label: 'bins 0', args: [0, 2], error: ValueError },
    { label: 'd −1', args: [10, -1], error: ValueError },
  ],
  relativeContrast: [
    { label: 'a nested array', args: () => [[[0, 1]], linalg.zeros([2])], error: ArgumentTypeError },
    { label: 'lengths 3 and 2', args: () => [linalg.zeros([4, 2]), linalg.zeros([3])], error: ShapeError },
    { label: 'one row', args: () => [linalg.zeros([1, 2]), linalg.zeros([2])], error: ValueError },
    { label: 'a NaN', args: () => [linalg.tensor([0, NaN, 1, 1], [2, 2]), linalg.zeros([2])], error: ValueError },
  ],
}, { exempt: { K_MAX: 'a constant' } });
