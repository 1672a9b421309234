/**
 * k-mer count features (EQ-DATA-02) against counts made by slicing every
 * window (support.ts), and what the representation loses (EQ-DATA-03).
 * Columns are compared by name, never by position: the lecture's table
 * orders them AT, AC, AG, AA, …, the library lexicographically.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import { kmerCounts, kmerMatrix, kmerNames, kmerSparse, reverseComplement } from '../../src/data/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { allKmers, naiveKmerCounts, naiveReverseComplement, randomDNA } from './support.js';

/** The profile as a map name → count, zeros left out. */
function byName(profile: Tensor, names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  names.forEach((name, j) => { if (profile.data[j] !== 0) out.set(name, profile.data[j]!); });
  return out;
}

const sorted = (m: Map<string, number>): [string, number][] => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

const sequenceCase = (rng: Rng): { s: string; k: number } => {
  const k = rng.int(1, 6);
  return { s: randomDNA(rng, rng.int(k, 120), rng.uniform() < 0.5 ? 0 : 0.1, 0.3), k };
};

test('EQ-DATA-02 the columns: 4^k names in lexicographic order, the lecture\'s 2-mers among them', () => {
  for (let k = 1; k <= 6; k++) assert.deepEqual(kmerNames(k), allKmers(k));
  const names = kmerNames(2);
  assert.deepEqual(names.slice(0, 5), ['AA', 'AC', 'AG', 'AT', 'CA']);
  for (const column of ['AT', 'AC', 'AG', 'AA', 'TA', 'TC', 'TG', 'TT']) assert.ok(names.includes(column), column);
  assert.equal(kmerNames(8).length, 65536);
});

property('EQ-DATA-02 count_w(s) = #{i : s[i..i+k−1] = w}: every count equals the count of sliced windows, by name', sequenceCase, ({ s, k }) => {
  assert.deepEqual(sorted(byName(kmerCounts(s, k), kmerNames(k))), sorted(naiveKmerCounts(s, k)));
});

property('EQ-DATA-02 the counts sum to the number of windows without N: L − k + 1 when there is none', sequenceCase, ({ s, k }) => {
  const total = kmerCounts(s, k).data.reduce((a, b) => a + b, 0);
  let valid = 0;
  for (let i = 0; i + k <= s.length; i++) if (!/[Nn]/.test(s.slice(i, i + k))) valid++;
  assert.equal(total, valid);
  if (!/[Nn]/.test(s)) assert.equal(total, s.length - k + 1);
});

property('EQ-DATA-02 lower case counts as upper case', sequenceCase, ({ s, k }) => {
  assert.deepEqual(kmerCounts(s.toLowerCase(), k), kmerCounts(s.toUpperCase(), k));
});

property('EQ-DATA-02 the frequency variant counts/(number of windows) sums to 1', sequenceCase, ({ s, k }) => {
  const counts = kmerCounts(s, k), freq = kmerCounts(s, k, { normalize: true });
  const windows = counts.data.reduce((a, b) => a + b, 0);
  if (windows === 0) return assert.ok(freq.data.every((f) => f === 0));
  assertClose(freq.data.reduce((a, b) => a + b, 0), 1, { atol: 1e-12, rtol: 0 });
  assertClose(freq.data, Float64Array.from(counts.data, (c) => c / windows), { atol: 0, rtol: 0 });
});

test('EQ-DATA-02 windows overlap: AAAA has AA = 3; a sequence shorter than k is an error, or zeros on request', () => {
  const names = kmerNames(2);
  assert.equal(kmerCounts('AAAA', 2).data[names.indexOf('AA')], 3);
  assert.equal(kmerCounts('aaaa', 2).data[names.indexOf('AA')], 3);
  assert.throws(() => kmerCounts('ACG', 4), (e: unknown) => e instanceof ValueError && /length 3, shorter than k = 4/.test(e.message));
  assert.ok(kmerCounts('ACG', 4, { allowShort: true }).data.every((c) => c === 0));
  assert.throws(() => kmerMatrix(['ACGT', 'A'], 2), /sequences\[1\] has length 1/);
  assert.throws(() => kmerCounts('ACGT', 0), ValueError);
  assert.throws(() => kmerCounts('ACXT', 2), /kmerCounts: sequence has 'X' at position 3/);
  assert.deepEqual(kmerCounts('ACXT', 2, { invalid: 'N' }), kmerCounts('ACNT', 2));
});

property('EQ-DATA-02 canonical counts merge w with rc(w): they equal the sliced windows keyed by min(w, rc(w))', sequenceCase, ({ s, k }) => {
  assert.deepEqual(sorted(byName(kmerCounts(s, k, { canonical: true }), kmerNames(k, { canonical: true }))), sorted(naiveKmerCounts(s, k, true)));
});

property('EQ-DATA-02 canonical counts are invariant under reverse complement', sequenceCase, ({ s, k }) => {
  assert.deepEqual(kmerCounts(reverseComplement(s), k, { canonical: true }), kmerCounts(s, k, { canonical: true }));
  assert.deepEqual(kmerCounts(naiveReverseComplement(s), k, { canonical: true }), kmerCounts(s, k, { canonical: true }));
});

test('EQ-DATA-02 the canonical columns: the k-mers w ≤ rc(w), 4^k/2 for odd k and (4^k + 4^{k/2})/2 for even k', () => {
  for (let k = 1; k <= 7; k++) {
    const names = kmerNames(k, { canonical: true });
    assert.deepEqual(names, allKmers(k).filter((w) => w <= naiveReverseComplement(w)));
    assert.equal(names.length, k % 2 === 1 ? 4 ** k / 2 : (4 ** k + 2 ** k) / 2);
  }
  assert.deepEqual(kmerNames(1, { canonical: true }), ['A', 'C']);
});

property('EQ-DATA-02 kmerMatrix rows are kmerCounts of each sequence, and kmerSparse holds the same non-zeros', (rng) => {
  const k = rng.int(1, 5);
  return {
    k,
    seqs: Array.from({ length: rng.int(0, 6) }, () => randomDNA(rng, rng.int(0, 60), 0.05, 0.2)),
    options: { canonical: rng.uniform() < 0.5, normalize: rng.uniform() < 0.5, allowShort: true },
  };
}, ({ k, seqs, options }) => {
  const X = kmerMatrix(seqs, k, options), S = kmerSparse(seqs, k, options);
  const D = kmerNames(k, { canonical: options.canonical }).length;
  assert.deepEqual(X.shape, [seqs.length, D]);
  assert.deepEqual(S.shape, [seqs.length, D]);
  seqs.forEach((s, i) => {
    const row = kmerCounts(s, k, options);
    assert.deepEqual(X.data.subarray(i * D, (i + 1) * D), row.data);
    const dense = new Float64Array(D);
    for (let e = S.rowStart[i]!; e < S.rowStart[i + 1]!; e++) {
      if (e > S.rowStart[i]!) assert.ok(S.columns[e]! > S.columns[e - 1]!, 'columns increase within a row');
      assert.notEqual(S.values[e], 0);
      dense[S.columns[e]!] = S.values[e]!;
    }
    assert.deepEqual(dense, row.data);
  });
});

test('EQ-DATA-03 order is lost: ACA and CAC have the same 2-mer profile {AC: 1, CA: 1}', () => {
  const names = kmerNames(2);
  assert.deepEqual(kmerCounts('ACA', 2), kmerCounts('CAC', 2));
  assert.deepEqual(sorted(byName(kmerCounts('ACA', 2), names)), [['AC', 1], ['CA', 1]]);
});

property('EQ-DATA-03 for k = 1 any permutation of a sequence has the same profile', (rng) => {
  const s = randomDNA(rng, rng.int(1, 80), 0.1);
  return { s, shuffled: rng.shuffle([...s]).join('') };
}, ({ s, shuffled }) => {
  assert.deepEqual(kmerCounts(shuffled, 1), kmerCounts(s, 1));
});

property('EQ-DATA-03 the profile grows as 4^k (65,536 columns at k = 8) while at most L − k + 1 are non-zero', (rng) => randomDNA(rng, rng.int(8, 400)), (s) => {
  const S = kmerSparse([s], 8);
  assert.equal(S.shape[1], 65536);
  assert.ok(S.columns.length <= s.length - 8 + 1);
  assert.equal(S.values.reduce((a, b) => a + b, 0), s.length - 8 + 1);
}, { runs: 20 });
