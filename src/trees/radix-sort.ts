/**
 * Radix sorts: of float64 values with their row indices (to rank a column
 * once per fit, ranks.ts; introsort in sort.ts takes fewer than RADIX_MIN),
 * and of small integer ranks with their row indices (a node's sort in the
 * splitter, radixSortRanks at the end).
 *
 *   key(x) = the 64 bits of x, with every bit flipped if x < 0 (sign set),
 *            else with the sign bit flipped
 *
 * makes unsigned integer order equal to numeric order (−∞ < … < −0 < +0 <
 * … < +∞; NaN never comes here). An LSD radix sort then orders the keys
 * one digit at a time, least significant first, each pass a stable
 * counting sort: count the digits, turn counts into starting positions,
 * move each (key, index) pair to its place. Each 32-bit word of the key
 * gives three digits of 11, 11 and 10 bits: six passes of O(n + 2048), so
 * O(n) for a fixed key width, with no comparisons to mispredict; a pass
 * where every key has the same digit (common in the high bits of similar
 * values) is skipped. The keys are read as two 32-bit words through a Uint32Array view
 * of the Float64Array, in the platform's byte order.
 */

/** From this many pairs on, sorting doubles by radix beats introsort (sort.ts). */
export const RADIX_MIN = 1024;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** Index of the low and high 32-bit word of a float64 in a Uint32Array view. */
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/** Buffers for sorting up to `capacity` pairs, reused across calls. */
export class RadixScratch {
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly ix: Int32Array;
  readonly lo2: Uint32Array;
  readonly hi2: Uint32Array;
  readonly ix2: Int32Array;
  /** 6 histograms of 2048 counts, one per 11-bit digit of the key. */
  readonly counts = new Int32Array(6 * 2048);

  constructor(readonly capacity: number) {
    this.lo = new Uint32Array(capacity);
    this.hi = new Uint32Array(capacity);
    this.ix = new Int32Array(capacity);
    this.lo2 = new Uint32Array(capacity);
    this.hi2 = new Uint32Array(capacity);
    this.ix2 = new Int32Array(capacity);
  }
}

/**
 * Sort v[0 … n−1] ascending with ix[0 … n−1] alongside (LSD radix sort,
 * see the file comment). Internal: assumes no NaN and n ≤ scratch.capacity.
 */
export function radixSortPairs(v: Float64Array, ix: Int32Array, n: number, s: RadixScratch): void {
  const words = new Uint32Array(v.buffer, v.byteOffset, 2 * n);
  const counts = s.counts;
  counts.fill(0);
  let lo = s.lo, hi = s.hi, idx = s.ix, lo2 = s.lo2, hi2 = s.hi2, idx2 = s.ix2;
  // Keys, and the histograms of all six digits in one pass.
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + HI]!, l = words[2 * i + LO]!;
    if (h >= 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    idx[i] = ix[i]!;
    counts[l & 0x7ff]!++;
    counts[2048 + ((l >>> 11) & 0x7ff)]!++;
    counts[4096 + (l >>> 22)]!++;
    counts[6144 + (h & 0x7ff)]!++;
    counts[8192 + ((h >>> 11) & 0x7ff)]!++;
    counts[10240 + (h >>> 22)]!++;
  }
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * 2048;
    // A digit shared by every key leaves the order as it is.
    let skip = false;
    for (let b = 0; b < 2048; b++) {
      const c = counts[base + b]!;
      if (c === n) skip = true;
      if (c !== 0) break;
    }
    if (skip) continue;
    let start = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[base + b]!;
      counts[base + b] = start;
      start += c;
    }
    const shift = (pass % 3) * 11;
    const fromHigh = pass >= 3;
    for (let i = 0; i < n; i++) {
      const l = lo[i]!, h = hi[i]!;
      const digit = ((fromHigh ? h : l) >>> shift) & 0x7ff;
      const to = counts[base + digit]!;
      counts[base + digit] = to + 1;
      lo2[to] = l;
      hi2[to] = h;
      idx2[to] = idx[i]!;
    }
    let t1 = lo; lo = lo2; lo2 = t1;
    t1 = hi; hi = hi2; hi2 = t1;
    const t2 = idx; idx = idx2; idx2 = t2;
  }
  // Back from keys to values.
  for (let i = 0; i < n; i++) {
    const h = hi[i]!, l = lo[i]!;
    if (h >= 0x80000000) {
      words[2 * i + HI] = (h & 0x7fffffff) >>> 0;
      words[2 * i + LO] = l;
    } else {
      words[2 * i + HI] = ~h >>> 0;
      words[2 * i + LO] = ~l >>> 0;
    }
    ix[i] = idx[i]!;
  }
}

/** Buffers for sorting up to `capacity` (rank, index) pairs. */
export class RankScratch {
  readonly keys: Int32Array;
  readonly ix: Int32Array;
  readonly counts = new Int32Array(2048);

  constructor(capacity: number) {
    this.keys = new Int32Array(capacity);
    this.ix = new Int32Array(capacity);
  }
}

/**
 * Sort the ranks keys[0 … n−1] (integers in 0 … 2^bits − 1) ascending with
 * ix alongside: an LSD radix sort in ⌈bits/11⌉ passes of equal digits of at
 * most 11 bits, so ranks below 2¹⁴ take two passes of 7 bits (128 counts
 * each); below 32 pairs an insertion sort. Internal: assumes valid ranks and
 * n ≤ scratch capacity.
 */
export function radixSortRanks(keys: Int32Array, ix: Int32Array, n: number, bits: number, s: RankScratch): void {
  if (n < 32) {
    for (let i = 1; i < n; i++) {
      const key = keys[i]!, index = ix[i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > key) {
        keys[j + 1] = keys[j]!;
        ix[j + 1] = ix[j]!;
        j--;
      }
      keys[j + 1] = key;
      ix[j + 1] = index;
    }
    return;
  }
  const passes = Math.max(1, Math.ceil(bits / 11));
  const width = Math.ceil(bits / passes), buckets = 1 << width, mask = buckets - 1;
  const counts = s.counts;
  let from = keys, fromIx = ix, to = s.keys, toIx = s.ix;
  for (let pass = 0, shift = 0; pass < passes; pass++, shift += width) {
    counts.fill(0, 0, buckets);
    for (let i = 0; i < n; i++) counts[(from[i]! >>> shift) & mask]!++;
    let start = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[b]!;
      counts[b] = start;
      start += c;
    }
    for (let i = 0; i < n; i++) {
      const key = from[i]!;
      const digit = (key >>> shift) & mask;
      const at = counts[digit]!;
      counts[digit] = at + 1;
      to[at] = key;
      toIx[at] = fromIx[i]!;
    }
    const t = from; from = to; to = t;
    const u = fromIx; fromIx = toIx; toIx = u;
  }
  if (from !== keys) {
    keys.set(from.subarray(0, n));
    ix.set(fromIx.subarray(0, n));
  }
}
