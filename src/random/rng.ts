/**
 * Rng — the seeded random generator that every random draw in the library
 * goes through; there is no global random state.
 *
 *   uniform:  x = low + (high − low)·u, u ~ U[0, 1) with 53 random bits;
 *             a result that rounds up to `high` becomes the largest double
 *             below it, so x ∈ [low, high) holds exactly
 *   int:      k ~ U{low, …, high − 1}, exact (rejection, no modulo bias);
 *             high − low may be at most 2⁵³
 *   normal:   z = μ + σ·√(−2 ln u₁)·cos(2π u₂)   (Box–Muller, u₁ ∈ (0, 1])
 *   shuffle:  Fisher–Yates, for i = n−1 … 1 swap item i with item j ~ U{0…i}
 *   sample:   k distinct indices of {0 … n−1} (partial Fisher–Yates)
 *   choice:   index i with probability wᵢ / Σw (inverse CDF on wᵢ / max w,
 *             so that Σw never overflows)
 *   fork:     a new, independent stream: the child takes the current state,
 *             the parent jumps 2⁶⁴ steps ahead, so the two never overlap.
 *
 * The same seed gives the same sequence on every engine, and `state()` /
 * `Rng.fromState` save and restore a stream exactly.
 */
import { jumpState, nextUint32, seedState } from './xoshiro.js';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** The largest double below x (x finite). Internal helper. */
function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const words = new BigInt64Array(bits.buffer);
  words[0] += x > 0 ? -1n : 1n; // the magnitude moves one ulp toward 0 for x > 0, away for x < 0
  return bits[0];
}

/**
 * x = low + (high − low)·u for u ∈ [0, 1), kept below `high`: rounding can
 * give x = high (uniform(1, 1 + 2⁻⁵²) at u = 1 − 2⁻⁵³), and then the largest
 * double below `high` is returned instead. For low = high the result is low.
 * Exported for the spec; internal: assumes finite low ≤ high and u ∈ [0, 1).
 */
export function scaleUnit(u: number, low: number, high: number): number {
  const span = high - low;
  // A span past the largest double (low = −1e308, high = 1e308) is scaled by ½ first.
  const x = Number.isFinite(span) ? low + span * u : 2 * (low / 2 + (high / 2 - low / 2) * u);
  return x < high || low === high ? x : nextDown(high);
}

export class Rng {
  /** The four 32-bit words of xoshiro128** (see `xoshiro.ts`). */
  private readonly s: Uint32Array;

  /** A generator seeded with `seed` (any finite number; default 0). */
  constructor(seed = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number, got ${seed}`);
    this.s = seedState(seed);
  }

  /** Restore a generator from `state()` output (four unsigned 32-bit integers). */
  static fromState(state: readonly number[]): Rng {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new RangeError(`Rng.fromState: expected four unsigned 32-bit integers, got [${state.join(', ')}]`);
    }
    if (state.every((w) => w === 0)) throw new RangeError('Rng.fromState: the all-zero state is not a valid xoshiro128** state');
    const rng = new Rng(0);
    rng.s.set(state);
    return rng;
  }

  /** The current state, as plain numbers (JSON-serialisable). */
  state(): number[] {
    return Array.from(this.s);
  }

  /** The next raw 32-bit output, an integer in [0, 2³²). */
  nextUint32(): number {
    return nextUint32(this.s);
  }

  /** u ~ U[0, 1) with 53 random bits. */
  next(): number {
    const a = nextUint32(this.s) >>> 5; // 27 bits
    const b = nextUint32(this.s) >>> 6; // 26 bits
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * x ~ U[low, high): low + (high − low)·u, and never `high` itself (a result
   * that rounds up to `high` is replaced by the largest double below it).
   * low = high is allowed and returns low.
   */
  uniform(low = 0, high = 1): number {
    if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) {
      throw new RangeError(`Rng.uniform: expected finite low ≤ high, got low=${low}, high=${high}`);
    }
    return scaleUnit(this.next(), low, high);
  }

  /**
   * k ~ U{low, …, high − 1}: an integer drawn exactly uniformly (rejection
   * sampling). The range high − low may be at most 2⁵³ (the draws have 53
   * bits); a wider range throws a RangeError naming the bounds.
   */
  int(low: number, high: number): number {
    if (!(Number.isSafeInteger(low) && Number.isSafeInteger(high) && low < high)) {
      throw new RangeError(`Rng.int: expected safe integers low < high, got low=${low}, high=${high}`);
    }
    const range = high - low;
    if (range <= 0x100000000) {
      // Accept draws below the largest multiple of `range` that fits in 2³².
      const limit = 0x100000000 - (0x100000000 % range);
      let x = nextUint32(this.s);
      while (x >= limit) x = nextUint32(this.s);
      return low + (x % range);
    }
    // Wide ranges: rejection on 53-bit draws. The range is checked exactly in
    // BigInt, since high − low in doubles rounds once it passes 2⁵³.
    if (BigInt(high) - BigInt(low) > BigInt(TWO_POW_53)) {
      throw new RangeError(`Rng.int: the range high − low must be at most 2⁵³, got low=${low}, high=${high}`);
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % range);
    let x = this.next() * TWO_POW_53;
    while (x >= limit) x = this.next() * TWO_POW_53;
    return low + (x % range);
  }

  /** z ~ N(mean, std²) by Box–Muller. */
  normal(mean = 0, std = 1): number {
    if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
      throw new RangeError(`Rng.normal: expected finite mean and std ≥ 0, got mean=${mean}, std=${std}`);
    }
    const u1 = 1 - this.next(); // (0, 1], so the logarithm is finite
    const u2 = this.next();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A uniformly random permutation of 0 … n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`Rng.permutation: expected an integer n ≥ 0, got ${n}`);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = p[i]; p[i] = p[j]; p[j] = tmp;
    }
    return p;
  }

  /** A shuffled copy of `items` (Fisher–Yates); `items` is not changed. */
  shuffle<T>(items: readonly T[]): T[] {
    const order = this.permutation(items.length);
    return Array.from(order, (i) => items[i]);
  }

  /** k distinct indices drawn uniformly from {0 … n−1}, in draw order. */
  sample(n: number, k: number): Int32Array {
    if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(k) && k >= 0 && k <= n)) {
      throw new RangeError(`Rng.sample: expected integers 0 ≤ k ≤ n, got n=${n}, k=${k}`);
    }
    // Partial Fisher–Yates over a sparse map, so memory is O(k), not O(n).
    const swapped = new Map<number, number>();
    const out = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      const j = this.int(i, n);
      const atJ = swapped.get(j) ?? j;
      swapped.set(j, swapped.get(i) ?? i);
      out[i] = atJ;
    }
    return out;
  }

  /**
   * An index i drawn with probability weights[i] / Σ weights (weights finite,
   * ≥ 0, not all 0). The weights are divided by the largest one before they
   * are summed, so Σ stays finite even when the weights sum past the largest
   * double (e.g. [1e308, 1e308]).
   */
  choice(weights: ArrayLike<number>): number {
    let wMax = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`Rng.choice: weight ${i} must be finite and ≥ 0, got ${w}`);
      if (w > wMax) wMax = w;
    }
    if (!(wMax > 0)) throw new RangeError(`Rng.choice: expected at least one positive weight among ${weights.length}`);
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] / wMax;
    const target = this.next() * total;
    let cumulative = 0;
    let last = 0;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === 0) continue;
      cumulative += weights[i] / wMax;
      last = i;
      if (target < cumulative) return i;
    }
    return last; // rounding left target ≥ the computed total: the last positive weight
  }

  /** An independent stream: the child starts at the current state, this one jumps 2⁶⁴ ahead. */
  fork(): Rng {
    const child = Rng.fromState(this.state());
    jumpState(this.s);
    return child;
  }
}
