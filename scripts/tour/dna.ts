/**
 * Tour chapter: DNA as features (EQ-DATA-01 … 04) — FASTA records in
 * the lecture's layout and their k-mer table, what the k-mer profile forgets and how it
 * grows with k, canonical k-mers, one-hot DNA, and a .npy file for numpy.
 */
import {
  kmerCounts, kmerMatrix, kmerNames, kmerSparse, npyHeader, oneHotDNA, readFasta, readNpy, reverseComplement, writeNpy,
} from '../../src/data/index.js';
import { Rng } from '../../src/random/index.js';
import { linePlot } from '../plot/charts.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

/** Example records in the lecture's layout (lower case, broken by spaces and lines; not the slide's letters). */
const SLIDE = `> F31.01
atgcgtacgt tagcatgcaa
gtcatgcatg ca
> F31.02
ttgacgtagc atgcatgcat
gcatg
> F31.03
ccgtagctag ctagcatgca  tgcaacgtac
`;

function run(tour: TourContext): void {
  const records = readFasta(SLIDE);
  result('EQ-DATA-01', [
    `three records in the slide's layout: ids ${records.map((r) => r.id).join(', ')}; sequences of ${records.map((r) => r.sequence.length).join(', ')} bases,`,
    `whitespace and line breaks removed, lower case read as upper case: ${records[0]!.sequence}`,
  ], { read: 'src/data/fasta.ts', spec: 'spec/data/fasta.test.ts' });

  const X = kmerMatrix(records.map((r) => r.sequence), 2), names = kmerNames(2);
  const bytes = writeNpy(X), header = npyHeader(bytes), back = readNpy(bytes);
  const columns = ['AT', 'AC', 'AG', 'AA', 'TA', 'TC', 'TG', 'TT']; // the slide's header order, looked up by name
  const rows = records.map((r, i) => `${r.id}  ${columns.map((c) => String(X.data[i * 16 + names.indexOf(c)]).padStart(2)).join('  ')}`);
  result('EQ-DATA-02', [
    'the slide\'s table for them, count_w(s) = #{i : s[i..i+1] = w}, in its column order (the library\'s is AA, AC, AG, AT, CA, …):',
    `ID      ${columns.join('  ')}`, ...rows,
    `each row sums over all 16 columns to L − 1: ${records.map((r, i) => X.data.subarray(i * 16, i * 16 + 16).reduce((a, b) => a + b, 0)).join(', ')};`,
    `saved for numpy (src/data/npy.ts): ${bytes.length} bytes, dtype ${header.dtype}, shape (${header.shape.join(', ')}), data from byte ${header.dataOffset},`,
    `the same bits after reading it back: ${back.data.every((v, i) => Object.is(v, X.data[i]))} (spec/data/npy.test.ts pins the bytes numpy writes)`,
  ], { read: 'src/data/kmers.ts', spec: 'spec/data/kmers.test.ts' });

  const L = tour.size(100000, 5000);
  const rng = new Rng(15), random = Array.from({ length: L }, () => 'ACGT'[rng.int(0, 4)]!).join('');
  const ks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const nonZero = ks.map((k) => kmerSparse([random], k).columns.length);
  result('EQ-DATA-03', [
    `the profile forgets order: ACA and CAC both give {AC: 1, CA: 1} (equal: ${kmerCounts('ACA', 2).data.every((c, j) => c === kmerCounts('CAC', 2).data[j])});`,
    `it grows as 4^k while a sequence of L = ${L.toLocaleString('en')} random bases fills at most L − k + 1 columns:`,
    ...[1, 4, 8, 12].map((k) => `k = ${String(k).padStart(2)}: ${(4 ** k).toLocaleString('en')} columns, ${nonZero[k - 1]!.toLocaleString('en')} non-zero`),
  ], { read: 'src/data/kmers.ts', spec: 'spec/data/kmers.test.ts' });
  tour.plot('kmer-sparsity', linePlot({
    title: 'k-mer profile of a random sequence', xLabel: 'k', yLabel: 'columns', logY: true,
    series: [
      { label: '4^k columns', x: ks, y: ks.map((k) => 4 ** k) },
      { label: 'non-zero', x: ks, y: nonZero },
      { label: 'L − k + 1', x: ks, y: ks.map((k) => L - k + 1) },
    ],
  }), 'the columns grow as 4^k, the non-zero ones stay below L − k + 1');

  const s = records[2]!.sequence, rc = reverseComplement(s);
  const canonical = kmerCounts(s, 3, { canonical: true }), flipped = kmerCounts(rc, 3, { canonical: true });
  result('EQ-DATA-02', [
    `canonical 3-mers merge w with its reverse complement: ${kmerNames(3, { canonical: true }).length} columns instead of 64;`,
    `F31.03 and its reverse complement ${rc.slice(0, 12)}… give the same canonical profile: ${canonical.data.every((c, j) => c === flipped.data[j])}`,
  ], { read: 'src/data/kmers.ts', spec: 'spec/data/kmers.test.ts' });

  const H = oneHotDNA('ACGTN');
  result('EQ-DATA-04', [`one-hot DNA, columns A C G T; N is a row of zeros (no evidence for any base):`,
    ...['A', 'C', 'G', 'T', 'N'].map((b, i) => `${b}  ${Array.from(H.data.subarray(4 * i, 4 * i + 4)).join(' ')}`)],
  { read: 'src/data/onehot.ts', spec: 'spec/data/onehot.test.ts' });

  tour.headline(`the slide's k-mer table; 4^12 = 16.8 M columns, ${nonZero[11]!.toLocaleString('en')} non-zero for L = ${L.toLocaleString('en')}`);
}

export const chapter = defineChapter({
  name: 'dna',
  order: 15,
  title: 'DNA as features: FASTA records, k-mer counts, canonical k-mers, one-hot, .npy',
  run,
});
