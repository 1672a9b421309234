/**
 * k-mer count features (EQ-DATA-02) and what they lose (EQ-DATA-03).
 *
 *   count_w(s) = #{ i : s[i .. i+k−1] = w },   w ∈ {A, C, G, T}^k
 *
 * Windows overlap (AAAA has AA = 3). A sequence of length L has L − k + 1
 * windows; a window holding an N is skipped, so the counts sum to the
 * number of windows without N. Lower case counts as upper case, and any
 * other character is an error (or N with `invalid: 'N'`): alphabet.ts.
 *
 * Columns are in lexicographic order of the k-mers, AA, AC, AG, AT, CA, …
 * (the lecture's table lists AT, AC, AG, AA, TA, TC, …: look columns up by
 * name with `kmerNames`). Column j is the k-mer whose base-4 number
 * (A = 0, C = 1, G = 2, T = 3, first base most significant) is j, so the
 * profile has 4^k entries: 16 for k = 2, 65,536 for k = 8, of which at most
 * L − k + 1 are non-zero.
 *
 * Canonical k-mers merge a k-mer with its reverse complement (both strands
 * of a double helix): the column of w is that of min(w, rc(w)), and the
 * columns are the k-mers w ≤ rc(w), still in lexicographic order —
 * 4^k/2 of them for odd k, (4^k + 4^{k/2})/2 for even k (the palindromes,
 * w = rc(w), count once). Canonical counts of s and of rc(s) are equal.
 *
 * The frequency variant (`normalize: true`) divides by the number of
 * counted windows, so a row sums to 1 (a row with no window is all zeros).
 *
 * What the profile discards (EQ-DATA-03): the order of the windows. ACA
 * and CAC have the same 2-mer profile {AC: 1, CA: 1}.
 */
import { ArgumentTypeError, ValueError, assertBoolean, assertInteger, assertOptions, describeValue } from '../errors/index.js';
import { MAX_TENSOR_SIZE } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { BASES, N_CODE, assertString, encodeBases, invalidOption } from './alphabet.js';
import type { InvalidBase, SequenceOptions } from './alphabet.js';

/** The largest k: 4¹² = 16,777,216 columns. */
export const K_MAX = 12;

/** Options of the k-mer counts. */
export interface KmerOptions extends SequenceOptions {
  /** Merge each k-mer with its reverse complement (default false). */
  canonical?: boolean;
  /** Divide by the number of counted windows, so a row sums to 1 (default false). */
  normalize?: boolean;
  /** A sequence shorter than k gives a row of zeros instead of an error (default false). */
  allowShort?: boolean;
}

/** k-mer counts of n sequences as a sparse matrix in compressed-row form (n × D). */
export interface KmerSparse {
  /** [n, D]: n sequences, D columns (4^k, or the canonical count). */
  readonly shape: readonly [number, number];
  /** Row i's entries are rowStart[i] … rowStart[i+1] − 1 (length n + 1). */
  readonly rowStart: Int32Array;
  /** The column of each entry, increasing within a row. */
  readonly columns: Int32Array;
  /** The count (or frequency) of each entry, never 0. */
  readonly values: Float64Array;
}

interface Settings {
  k: number;
  canonical: boolean;
  normalize: boolean;
  invalid: InvalidBase;
  allowShort: boolean;
}

function settings(k: unknown, options: KmerOptions | undefined, where: string): Settings {
  const kk = assertInteger(k, 'k', where, { min: 1, max: K_MAX });
  const o = assertOptions(options, ['canonical', 'normalize', 'invalid', 'allowShort'], where);
  return {
    k: kk,
    canonical: o.canonical === undefined ? false : assertBoolean(o.canonical, 'options.canonical', where),
    normalize: o.normalize === undefined ? false : assertBoolean(o.normalize, 'options.normalize', where),
    invalid: invalidOption(o, where),
    allowShort: o.allowShort === undefined ? false : assertBoolean(o.allowShort, 'options.allowShort', where),
  };
}

/** 4^k, the number of k-mers (internal: 1 ≤ k ≤ 12). */
const columnCount = (k: number): number => 1 << (2 * k);

/** The base-4 number of w's reverse complement (internal: 0 ≤ w < 4^k). */
function reverseComplementIndex(w: number, k: number): number {
  let rc = 0;
  for (let i = 0; i < k; i++) {
    rc = rc * 4 + (3 - (w & 3));
    w >>>= 2;
  }
  return rc;
}

/** The canonical k-mers (w ≤ rc(w)) as increasing base-4 numbers (internal). */
function canonicalIndices(k: number): Int32Array {
  const size = columnCount(k), out = new Int32Array(k % 2 === 1 ? size / 2 : (size + (1 << k)) / 2);
  let j = 0;
  for (let w = 0; w < size; w++) if (w <= reverseComplementIndex(w, k)) out[j++] = w;
  return out;
}

/** The position of `w` in the increasing list `sorted`, which holds it (internal). */
function position(sorted: Int32Array, w: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const nameOf = (w: number, k: number): string => {
  let s = '';
  for (let i = k - 1; i >= 0; i--) s += BASES[(w >>> (2 * i)) & 3]!;
  return s;
};

/**
 * The names of the k-mer columns in order: all 4^k k-mers in lexicographic
 * order (AA, AC, AG, AT, CA, … for k = 2), or with `canonical: true` those
 * w with w ≤ rc(w).
 */
export function kmerNames(k: number, options?: { canonical?: boolean }): string[] {
  const where = 'kmerNames';
  assertInteger(k, 'k', where, { min: 1, max: K_MAX });
  const o = assertOptions(options, ['canonical'], where);
  const canonical = o.canonical === undefined ? false : assertBoolean(o.canonical, 'options.canonical', where);
  const indices = canonical ? canonicalIndices(k) : Int32Array.from({ length: columnCount(k) }, (_, w) => w);
  return Array.from(indices, (w) => nameOf(w, k));
}

/**
 * The column of every window without N, in window order (internal: `codes`
 * are 0–4; `canon` the canonical list, or null for all 4^k columns).
 */
function windowColumns(codes: Uint8Array, k: number, canon: Int32Array | null): Int32Array {
  const mask = columnCount(k) - 1, high = 2 * (k - 1);
  const out = new Int32Array(Math.max(0, codes.length - k + 1));
  let w = 0, rc = 0, run = 0, count = 0;
  for (let i = 0; i < codes.length; i++) {
    const b = codes[i]!;
    if (b === N_CODE) {
      run = 0;
      continue;
    }
    w = ((w << 2) | b) & mask;
    rc = (rc >>> 2) | ((3 - b) << high);
    if (++run < k) continue;
    out[count++] = canon === null ? w : position(canon, w <= rc ? w : rc);
  }
  return out.subarray(0, count);
}

/** Checks the list of sequences and encodes each (internal). */
function encodeAll(sequences: unknown, s: Settings, where: string): Uint8Array[] {
  if (!Array.isArray(sequences)) {
    throw new ArgumentTypeError(`${where}: sequences must be an array of strings, got ${describeValue(sequences)}`);
  }
  const list: readonly unknown[] = sequences;
  return list.map((seq, i) => {
    assertString(seq, `sequences[${i}]`, where);
    if (seq.length < s.k && !s.allowShort) {
      throw new ValueError(`${where}: sequences[${i}] has length ${seq.length}, shorter than k = ${s.k}; pass { allowShort: true } for a row of zeros`);
    }
    return encodeBases(seq, s.invalid, where, `sequences[${i}]`);
  });
}

/** Counts the windows of one sequence into the D entries of row `out[offset …]`, divided by their number if `normalize` (internal). */
function fillRow(out: Float64Array, offset: number, D: number, columns: Int32Array, normalize: boolean): void {
  for (let i = 0; i < columns.length; i++) out[offset + columns[i]!]! += 1;
  const W = columns.length;
  if (normalize && W > 0) for (let j = offset; j < offset + D; j++) out[j] = out[j]! / W;
}

/**
 * The k-mer profile of one sequence: a vector of 4^k counts (or of the
 * canonical count) in the order of `kmerNames(k, options)`.
 *
 *   kmerCounts('AAAA', 2).data[0] === 3        // AA, overlapping
 *
 * Options: canonical (false), normalize (false: counts; true: frequencies
 * summing to 1), invalid ('error' | 'N', default 'error'), allowShort (false:
 * a sequence shorter than k is a ValueError; true: zeros). 1 ≤ k ≤ 12.
 */
export function kmerCounts(sequence: string, k: number, options?: KmerOptions): Tensor {
  const where = 'kmerCounts';
  assertString(sequence, 'sequence', where);
  const s = settings(k, options, where);
  if (sequence.length < s.k && !s.allowShort) {
    throw new ValueError(`${where}: the sequence has length ${sequence.length}, shorter than k = ${s.k}; pass { allowShort: true } for zeros`);
  }
  const canon = s.canonical ? canonicalIndices(s.k) : null;
  const D = canon === null ? columnCount(s.k) : canon.length;
  const data = new Float64Array(D);
  fillRow(data, 0, D, windowColumns(encodeBases(sequence, s.invalid, where), s.k, canon), s.normalize);
  return { shape: [D], data };
}

/**
 * The k-mer profiles of n sequences as a dense n × D matrix (row i is
 * `kmerCounts(sequences[i], k, options)`; X[i*D + j]), the feature matrix
 * of the lecture's table. Same options as `kmerCounts`; n·D ≤ 2³¹ − 1.
 */
export function kmerMatrix(sequences: readonly string[], k: number, options?: KmerOptions): Tensor {
  const where = 'kmerMatrix';
  const s = settings(k, options, where);
  const encoded = encodeAll(sequences, s, where);
  const canon = s.canonical ? canonicalIndices(s.k) : null;
  const n = encoded.length, D = canon === null ? columnCount(s.k) : canon.length;
  if (n * D > MAX_TENSOR_SIZE) {
    throw new ValueError(`${where}: ${n} sequences × ${D} columns is more than the 2³¹ − 1 entries of a tensor; use kmerSparse`);
  }
  const data = new Float64Array(n * D);
  for (let i = 0; i < n; i++) fillRow(data, i * D, D, windowColumns(encoded[i]!, s.k, canon), s.normalize);
  return { shape: [n, D], data };
}

/**
 * The same profiles as `kmerMatrix` in compressed-row form, which stores
 * only the non-zero entries (at most L − k + 1 per row, however large 4^k
 * is). Same options.
 */
export function kmerSparse(sequences: readonly string[], k: number, options?: KmerOptions): KmerSparse {
  const where = 'kmerSparse';
  const s = settings(k, options, where);
  const encoded = encodeAll(sequences, s, where);
  const canon = s.canonical ? canonicalIndices(s.k) : null;
  const n = encoded.length, D = canon === null ? columnCount(s.k) : canon.length;
  const rowStart = new Int32Array(n + 1), columns: number[] = [], values: number[] = [];
  for (let i = 0; i < n; i++) {
    const windows = windowColumns(encoded[i]!, s.k, canon).sort();
    for (let a = 0; a < windows.length;) {
      let b = a + 1;
      while (b < windows.length && windows[b] === windows[a]) b++;
      columns.push(windows[a]!);
      values.push(s.normalize ? (b - a) / windows.length : b - a);
      a = b;
    }
    rowStart[i + 1] = columns.length;
  }
  return { shape: [n, D], rowStart, columns: Int32Array.from(columns), values: Float64Array.from(values) };
}
