/**
 * The draws behind `Rng`'s methods, on a xoshiro128** state s (`xoshiro.ts`).
 * Internal: every function assumes arguments that `Rng` has already checked.
 *
 *   unit53        u = (a·2²⁶ + b) / 2⁵³ ∈ [0, 1), a = the top 27 bits of one
 *                 output, b = the top 26 bits of the next: 53 random bits
 *   intInRange    k = low + x mod r, r = high − low, by rejection: x is a
 *                 uniform draw of 32 bits (r ≤ 2³²) or of 53 bits (r ≤ 2⁵³);
 *                 x ≥ 2^bits − (2^bits mod r) is rejected and drawn again,
 *                 so every k has exactly the same probability
 *   scaleUnit     x = low + (high − low)·u, kept below high
 *   permutation   Fisher–Yates: for i = n−1 … 1, swap p[i] and p[j], j ~ U{0 … i}
 *   sampleDense / sampleSparse
 *                 partial Fisher–Yates: for i = 0 … k−1, j ~ U{i … n−1},
 *                 output p[j], swap p[i] and p[j]; dense keeps p in an array
 *                 of n entries, sparse keeps only the moved entries in a Map
 *   weightedIndex the smallest i with t < Σ_{j ≤ i} wⱼ/w_max, t = u·Σⱼ wⱼ/w_max
 */
import { nextUint32 } from './xoshiro.js';

const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** u ~ U[0, 1) on the grid k / 2⁵³: two outputs, their top 27 and 26 bits. */
export function unit53(s: Uint32Array): number {
  const a = nextUint32(s) >>> 5; // 27 bits
  const b = nextUint32(s) >>> 6; // 26 bits
  return (a * TWO_POW_26 + b) / TWO_POW_53;
}

/**
 * k ~ U{low, …, high − 1} by rejection (header). Assumes safe integers
 * low < high with high − low ≤ 2⁵³ (then high − low is exact in doubles).
 */
export function intInRange(s: Uint32Array, low: number, high: number): number {
  const range = high - low;
  if (range <= TWO_POW_32) {
    // Accept draws below the largest multiple of `range` that fits in 2³².
    const limit = TWO_POW_32 - (TWO_POW_32 % range);
    let x = nextUint32(s);
    while (x >= limit) x = nextUint32(s);
    return low + (x % range);
  }
  // Wide ranges: the same rejection on 53-bit integers x = u·2⁵³.
  const limit = TWO_POW_53 - (TWO_POW_53 % range);
  let x = unit53(s) * TWO_POW_53;
  while (x >= limit) x = unit53(s) * TWO_POW_53;
  return low + (x % range);
}

/** The largest double below x (x finite). */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const words = new BigInt64Array(bits.buffer);
  words[0] = words[0]! + (x > 0 ? -1n : 1n); // the magnitude moves one ulp toward 0 for x > 0, away for x < 0
  return bits[0]!;
}

/**
 * x = low + (high − low)·u for u ∈ [0, 1), kept below `high`: rounding can
 * give x = high (uniform(1, 1 + 2⁻⁵²) at u = 1 − 2⁻⁵³), and then the largest
 * double below `high` is returned instead. For low = high the result is low.
 * Assumes finite low ≤ high and u ∈ [0, 1).
 */
export function scaleUnit(u: number, low: number, high: number): number {
  const span = high - low;
  // A span past the largest double (low = −1e308, high = 1e308) is scaled by ½ first.
  const x = Number.isFinite(span) ? low + span * u : 2 * (low / 2 + (high / 2 - low / 2) * u);
  return x < high || low === high ? x : nextDown(high);
}

/** A uniformly random permutation of 0 … n−1 (Fisher–Yates). Assumes 0 ≤ n ≤ 2³¹, p of length n. */
export function permutation(s: Uint32Array, p: Int32Array): Int32Array {
  const n = p.length;
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = intInRange(s, 0, i + 1);
    const pi = p[i]!;
    p[i] = p[j]!;
    p[j] = pi;
  }
  return p;
}

/** k = out.length distinct indices of {0 … n−1} in draw order, n = p.length, with p = 0 … n−1 held in full (memory O(n)). */
export function sampleDense(s: Uint32Array, p: Int32Array, out: Int32Array): Int32Array {
  const n = p.length;
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < out.length; i++) {
    const j = intInRange(s, i, n);
    const pj = p[j]!;
    p[j] = p[i]!;
    out[i] = pj;
  }
  return out;
}

/** The same draws as `sampleDense`, keeping only the moved entries of p in a Map (memory O(k)). */
export function sampleSparse(s: Uint32Array, n: number, out: Int32Array): Int32Array {
  const moved = new Map<number, number>(); // j → p[j] for the entries that differ from j
  for (let i = 0; i < out.length; i++) {
    const j = intInRange(s, i, n);
    const pj = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    out[i] = pj;
  }
  return out;
}

/**
 * An index i drawn with probability wᵢ / Σw. Assumes finite wᵢ ≥ 0 and
 * wMax = max wᵢ > 0; dividing by wMax keeps Σ finite for any finite weights.
 */
export function weightedIndex(s: Uint32Array, weights: ArrayLike<number>, wMax: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]! / wMax;
  const target = unit53(s) * total;
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    cumulative += w / wMax;
    last = i;
    if (target < cumulative) return i;
  }
  return last; // rounding left target ≥ the computed total: the last positive weight
}
