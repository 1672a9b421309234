/**
 * The training columns as ranks, made once per fit and shared by every node
 * (and by every tree of a forest): the splitter sorts ranks in place of
 * values.
 *
 *   ranks[j·n + i] = r   where X[i, j] is the r-th smallest distinct value of column j
 *   distinct[offset[j] + r] = that value
 *
 * Ranks order the rows exactly as the values do (equal values share a
 * rank), so sorting a node's rows by rank is sorting them by value, and a
 * threshold between ranks r < r' is the midpoint of distinct[offset[j] + r]
 * and distinct[offset[j] + r']. Ranks are integers below the number of
 * distinct values, which a radix sort orders in one or two passes
 * (radix-sort.ts), and each column is contiguous, so a node gathers one
 * feature of its rows without striding through the rows of X. Making them
 * sorts each column once: O(d·n log n) with introsort, O(d·n) with the
 * radix sort of doubles used from RADIX_MIN rows on.
 */
import { RADIX_MIN, RadixScratch, radixSortPairs } from './radix-sort.js';
import { sortPairs } from './sort.js';

/** X (n×d) column by column as ranks (file comment). */
export interface ColumnRanks {
  /** n, the rows. */
  readonly rows: number;
  /** ranks[j·n + i], column-major. */
  readonly ranks: Int32Array;
  /** The distinct values of every column, ascending, column after column. */
  readonly distinct: Float64Array;
  /** Where column j's distinct values start (d + 1 entries). */
  readonly offset: Int32Array;
  /** Bits of the largest rank of each column (0 for a constant column). */
  readonly bits: Int32Array;
}

/** Sort n (value, index) pairs: radix sort from RADIX_MIN pairs on, introsort below. Internal. */
export function sortValuePairs(v: Float64Array, ix: Int32Array, n: number, radix: RadixScratch): void {
  if (n >= RADIX_MIN) radixSortPairs(v, ix, n, radix);
  else sortPairs(v, ix, n);
}

/** The ranks of X (n×d, row-major, finite). Internal: assumes valid data. */
export function rankColumns(X: Float64Array, n: number, d: number): ColumnRanks {
  const ranks = new Int32Array(n * d), offset = new Int32Array(d + 1), bits = new Int32Array(d);
  const distinct: number[] = [];
  const v = new Float64Array(n), ix = new Int32Array(n);
  const radix = new RadixScratch(n >= RADIX_MIN ? n : 0);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) {
      v[i] = X[i * d + j]!;
      ix[i] = i;
    }
    sortValuePairs(v, ix, n, radix);
    offset[j] = distinct.length;
    let rank = -1;
    for (let k = 0; k < n; k++) {
      const x = v[k]!;
      if (k === 0 || x > v[k - 1]!) {
        rank++;
        distinct.push(x);
      }
      ranks[j * n + ix[k]!] = rank;
    }
    bits[j] = 32 - Math.clz32(rank);
  }
  offset[d] = distinct.length;
  return { rows: n, ranks, distinct: Float64Array.from(distinct), offset, bits };
}
