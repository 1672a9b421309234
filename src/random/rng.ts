/**
 * Rng — the seeded random generator that every random draw in the library
 * goes through; there is no global random state.
 *
 *   bits:     xoshiro128** (xoshiro.ts): 32-bit outputs, period 2¹²⁸ − 1
 *   next:     u = (a·2²⁶ + b) / 2⁵³ ~ U[0, 1), a and b the top 27 and 26
 *             bits of two outputs (53 random bits)
 *   uniform:  x = low + (high − low)·u ~ U[low, high); a result that rounds
 *             up to `high` becomes the largest double below it
 *   int:      k = low + x mod r ~ U{low, …, high − 1}, r = high − low ≤ 2⁵³,
 *             x a 32-bit (r ≤ 2³²) or 53-bit draw, rejected while
 *             x ≥ 2^bits − (2^bits mod r): exact, no modulo bias
 *   normal:   z = μ + σ·√(−2 ln u₁)·cos(2π u₂)   (Box–Muller, u₁ ∈ (0, 1])
 *   permutation / shuffle: Fisher–Yates, for i = n−1 … 1 swap item i with
 *             item j ~ U{0 … i}
 *   sample:   k distinct indices of {0 … n−1} (partial Fisher–Yates)
 *   choice:   index i with probability wᵢ / Σw (inverse CDF on wᵢ / max w,
 *             so that Σw never overflows)
 *   fork:     a new, independent stream: the child takes the current state,
 *             the parent jumps 2⁶⁴ steps ahead, so the two never overlap.
 *
 * Seeds (seed.ts): a safe integer s or a bigint b ∈ [−2⁶³, 2⁶⁴), read as the
 * 64-bit word s mod 2⁶⁴ (b mod 2⁶⁴): `new Rng(5)` and `new Rng(5n)` are the
 * same stream, and a negative seed is its two's complement (`new Rng(-1)` is
 * `new Rng(2n ** 64n - 1n)`). Fractions, unsafe integers, NaN, ±∞, strings
 * and null are rejected. No seed (undefined) is seed 0.
 *
 * The same seed gives the same sequence on every engine, and `state()` /
 * `Rng.fromState` save and restore a stream exactly. Every method checks its
 * arguments (and that it is called on an Rng) before it draws, so a call
 * that throws leaves the stream where it was; the errors are ArgumentTypeError
 * for a value of the wrong kind (or an extra argument) and ValueError for a
 * value out of range, each naming the method called (`Rng.int: …`).
 */
import { ArgumentTypeError, ValueError, assertInteger, assertNumber, describeValue } from '../errors/index.js';
import { MAX_INDEX_COUNT, allocateIndices, assertArity, checkInt, checkNormal, checkUniform } from './checks.js';
import { intInRange, permutation, sampleDense, sampleSparse, scaleUnit, unit53, weightedIndex } from './draws.js';
import { seedWords } from './seed.js';
import { jumpState, nextUint32, seedState } from './xoshiro.js';
import { cos, log } from '../math/index.js';

const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
/** `sample` keeps moved entries in a Map up to this k (a Map holds at most about 2²⁴ entries). */
const MAX_SPARSE_SAMPLE = 4194304;

/** An array or a typed array of numbers. */
export type Weights = readonly number[] | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

/**
 * A seeded random generator. Bits come from xoshiro128** (four 32-bit state
 * words; output rotl(s₁·5, 7)·9; period 2¹²⁸ − 1); each draw is built from
 * them with integer arithmetic and correctly rounded + − × ÷ √ (`normal`'s
 * ln and cos come from math/, which is built from those operations too), so
 * the same seed gives the same bits on every engine:
 *
 *   next()            u = (a·2²⁶ + b) / 2⁵³ ~ U[0, 1): a, b the top 27 and 26 bits of two outputs
 *   uniform(lo, hi)   x = lo + (hi − lo)·u ~ U[lo, hi), kept below hi
 *   int(lo, hi)       k = lo + x mod r ~ U{lo … hi − 1}, r = hi − lo ≤ 2⁵³; x a 32-bit output
 *                     (r ≤ 2³²) or a 53-bit draw, redrawn while x ≥ 2^bits − (2^bits mod r)
 *   normal(μ, σ)      z = μ + σ·√(−2 ln u₁)·cos(2π u₂), u₁ = 1 − next() ∈ (0, 1], u₂ = next()  (Box–Muller)
 *   permutation(n)    Fisher–Yates: for i = n−1 … 1 swap p[i], p[j], j ~ U{0 … i}
 *   shuffle(items)    items in the order of permutation(items.length)
 *   sample(n, k)      partial Fisher–Yates: k distinct indices of {0 … n−1}
 *   choice(w)         i with probability wᵢ / Σw (inverse CDF on wᵢ / max w)
 *   fork()            a child at the current state; this generator jumps 2⁶⁴ steps ahead
 *   state(), Rng.fromState(words)   save and restore a stream exactly
 *
 *   const rng = new Rng(42);
 *   rng.int(0, 6);       // a die: k ∈ {0, …, 5}, each with probability exactly 1/6
 *   rng.normal(0, 1);    // z ~ N(0, 1)
 *
 * Seed: a safe integer s (|s| ≤ 2⁵³ − 1) or a bigint b ∈ [−2⁶³, 2⁶⁴), taken
 * as the 64-bit word w = s mod 2⁶⁴ and expanded into the state by SplitMix32:
 * `new Rng(5)` ≡ `new Rng(5n)`, and negative seeds are two's complement
 * (`new Rng(-1)` ≡ `new Rng(2n ** 64n - 1n)`). Anything else (0.5, 1e300,
 * NaN, '3', null) is rejected. No seed is seed 0.
 *
 * Every method checks its arguments, and that it is called on an Rng, before
 * it draws: a call that throws (ArgumentTypeError, ValueError, naming the
 * method) leaves the stream where it was.
 */
export class Rng {
  /** The four 32-bit words s₀ … s₃ of xoshiro128** (never all zero). */
  readonly #s: Uint32Array;

  /**
   * A generator seeded with `seed` (default 0): a safe integer or a bigint
   * in [−2⁶³, 2⁶⁴), read as a 64-bit word mod 2⁶⁴ and expanded into the
   * state with SplitMix32 (see the class comment).
   */
  constructor(seed: number | bigint = 0) {
    assertArity(arguments.length, ['seed'], 'Rng');
    const [low, high] = seedWords(seed, 'Rng');
    this.#s = seedState(low, high);
  }

  /** The state of `rng`, or an ArgumentTypeError when a method was called on something else. */
  static #stateOf(rng: unknown, where: string): Uint32Array {
    if (typeof rng === 'object' && rng !== null && #s in rng) return rng.#s;
    throw new ArgumentTypeError(
      `${where}: called on ${describeValue(rng)}, not on an Rng (a method taken off its Rng, as in xs.map(rng.next), loses it: write () => rng.next())`,
    );
  }

  /**
   * Restore a generator from `state()` output: an array of four integers in
   * [0, 2³²), not all zero (the all-zero state of xoshiro128** never leaves 0).
   */
  static fromState(state: readonly number[]): Rng {
    const where = 'Rng.fromState';
    assertArity(arguments.length, ['state'], where);
    if (!Array.isArray(state)) {
      throw new ArgumentTypeError(`${where}: state must be an array of four integers in [0, 2³²) (what state() returns), got ${describeValue(state)}`);
    }
    if (state.length !== 4) throw new ValueError(`${where}: state must have 4 words, got ${state.length}`);
    for (let i = 0; i < 4; i++) assertInteger(state[i], `state[${i}]`, where, { min: 0, max: 0xffffffff });
    if (state.every((w) => w === 0)) throw new ValueError(`${where}: the all-zero state is not a valid xoshiro128** state`);
    const rng = new Rng(0);
    rng.#s.set(state);
    return rng;
  }

  /** The current state [s₀, s₁, s₂, s₃] as plain numbers (JSON-serialisable; `Rng.fromState` restores it). */
  state(): number[] {
    const s = Rng.#stateOf(this, 'Rng.state');
    assertArity(arguments.length, [], 'Rng.state');
    return Array.from(s);
  }

  /** The next raw output of xoshiro128**, an integer in [0, 2³²): rotl(s₁·5, 7)·9 mod 2³², then one step. */
  nextUint32(): number {
    const s = Rng.#stateOf(this, 'Rng.nextUint32');
    if (arguments.length !== 0) assertArity(arguments.length, [], 'Rng.nextUint32');
    return nextUint32(s);
  }

  /**
   * u ~ U[0, 1) with 53 random bits: u = (a·2²⁶ + b) / 2⁵³, a = the top 27
   * bits of one output, b = the top 26 bits of the next. Every multiple of
   * 2⁻⁵³ in [0, 1) has probability 2⁻⁵³; 1 is never returned.
   */
  next(): number {
    const s = Rng.#stateOf(this, 'Rng.next');
    if (arguments.length !== 0) assertArity(arguments.length, [], 'Rng.next');
    // unit53(s) written out: one call level fewer lets V8 inline the whole of
    // next() into a hot loop (on Node 20, about 13 ns per call instead of 25).
    const a = nextUint32(s) >>> 5;
    const b = nextUint32(s) >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * x ~ U[low, high): x = low + (high − low)·u with u = next(), and never
   * `high` itself (a result that rounds up to it becomes the largest double
   * below it). low and high finite with low ≤ high (default 0 and 1);
   * low = high returns low.
   */
  uniform(low = 0, high = 1): number {
    const s = Rng.#stateOf(this, 'Rng.uniform');
    if (!(arguments.length <= 2 && Number.isFinite(low) && Number.isFinite(high) && low <= high)) checkUniform(arguments.length, low, high);
    return scaleUnit(unit53(s), low, high);
  }

  /**
   * k ~ U{low, …, high − 1}, every integer with probability exactly 1/r,
   * r = high − low: k = low + x mod r, where x is one 32-bit output when
   * r ≤ 2³² and a 53-bit draw x = u·2⁵³ otherwise, drawn again while
   * x ≥ 2^bits − (2^bits mod r) (rejection removes the modulo bias).
   * low < high are safe integers with r ≤ 2⁵³.
   */
  int(low: number, high: number): number {
    const s = Rng.#stateOf(this, 'Rng.int');
    const common = arguments.length <= 2 && Number.isSafeInteger(low) && Number.isSafeInteger(high) && low < high && high - low <= TWO_POW_32;
    if (!common) checkInt(arguments.length, low, high);
    return intInRange(s, low, high);
  }

  /**
   * z ~ N(μ, σ²) by Box–Muller: z = μ + σ·√(−2 ln u₁)·cos(2π u₂), with
   * u₁ = 1 − next() ∈ (0, 1] (so ln u₁ is finite) and u₂ = next(); |z − μ|
   * ≤ 8.58σ. mean μ finite (default 0), std σ finite and ≥ 0 (default 1);
   * the result overflows to ±∞ only when |μ| + 8.58σ passes the largest double.
   */
  normal(mean = 0, std = 1): number {
    const s = Rng.#stateOf(this, 'Rng.normal');
    if (!(arguments.length <= 2 && Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) checkNormal(arguments.length, mean, std);
    const u1 = 1 - unit53(s); // (0, 1], so the logarithm is finite
    const u2 = unit53(s);
    return mean + std * Math.sqrt(-2 * log(u1)) * cos(2 * Math.PI * u2);
  }

  /**
   * A uniformly random permutation of 0 … n−1 (Fisher–Yates: p = 0 … n−1,
   * then for i = n−1 … 1 swap p[i] and p[j], j ~ U{0 … i}); each of the n!
   * orders has probability 1/n!. n an integer in [0, 2³¹].
   */
  permutation(n: number): Int32Array {
    const where = 'Rng.permutation';
    const s = Rng.#stateOf(this, where);
    assertArity(arguments.length, ['n'], where);
    assertInteger(n, 'n', where, { min: 0, max: MAX_INDEX_COUNT });
    return permutation(s, allocateIndices(n, where));
  }

  /**
   * A shuffled copy of the array `items`: items taken in the order of
   * `permutation(items.length)` (Fisher–Yates). `items` is not changed.
   */
  shuffle<T>(items: readonly T[]): T[] {
    const where = 'Rng.shuffle';
    const s = Rng.#stateOf(this, where);
    assertArity(arguments.length, ['items'], where);
    if (!Array.isArray(items)) {
      throw new ArgumentTypeError(`${where}: items must be an array, got ${describeValue(items)} (for a typed array x, shuffle Array.from(x) or index x by permutation(x.length))`);
    }
    const list: readonly T[] = items;
    if (list.length > MAX_INDEX_COUNT) throw new ValueError(`${where}: items may have at most 2³¹ entries, got ${list.length}`);
    const order = permutation(s, allocateIndices(list.length, where));
    return Array.from(order, (i) => list[i]!);
  }

  /**
   * k distinct indices drawn uniformly from {0 … n−1}, in draw order
   * (partial Fisher–Yates: for i = 0 … k−1, j ~ U{i … n−1}, output p[j],
   * p[j] ← p[i]); every ordered k-tuple has probability (n−k)!/n!. Integers
   * 0 ≤ k ≤ n ≤ 2³¹; memory O(k) when k is small next to n.
   */
  sample(n: number, k: number): Int32Array {
    const where = 'Rng.sample';
    const s = Rng.#stateOf(this, where);
    assertArity(arguments.length, ['n', 'k'], where);
    assertInteger(n, 'n', where, { min: 0, max: MAX_INDEX_COUNT });
    assertInteger(k, 'k', where, { min: 0 });
    if (k > n) throw new ValueError(`${where}: expected k ≤ n (k distinct indices out of n), got n = ${n}, k = ${k}`);
    const out = allocateIndices(k, where);
    if (n > 8 * k && k <= MAX_SPARSE_SAMPLE) return sampleSparse(s, n, out);
    return sampleDense(s, allocateIndices(n, where), out);
  }

  /**
   * An index i drawn with probability wᵢ / Σⱼ wⱼ: the smallest i with
   * t < Σ_{j ≤ i} wⱼ/w_max, t = u·Σⱼ wⱼ/w_max (dividing by w_max = max wⱼ
   * keeps Σ finite, e.g. for [1e308, 1e308]). `weights`: an array or typed
   * array of finite numbers ≥ 0, at least one of them > 0; a zero weight is
   * never drawn.
   */
  choice(weights: Weights): number {
    const where = 'Rng.choice';
    const s = Rng.#stateOf(this, where);
    assertArity(arguments.length, ['weights'], where);
    if (!Array.isArray(weights) && !(ArrayBuffer.isView(weights) && !(weights instanceof DataView))) {
      throw new ArgumentTypeError(`${where}: weights must be an array of numbers ≥ 0, got ${describeValue(weights)}`);
    }
    const w: ArrayLike<unknown> = weights;
    let wMax = 0;
    for (let i = 0; i < w.length; i++) wMax = Math.max(wMax, assertNumber(w[i], `weights[${i}]`, where, { min: 0 }));
    if (!(wMax > 0)) {
      throw new ValueError(`${where}: expected at least one positive weight, got ${w.length === 0 ? 'no weights' : `${w.length} weights, all 0`}`);
    }
    return weightedIndex(s, weights, wMax);
  }

  /**
   * An independent stream: the child starts at the current state, and this
   * generator jumps 2⁶⁴ steps ahead (xoshiro128**'s jump polynomial), so the
   * two streams do not overlap for 2⁶⁴ outputs.
   */
  fork(): Rng {
    const s = Rng.#stateOf(this, 'Rng.fork');
    assertArity(arguments.length, [], 'Rng.fork');
    const child = new Rng(0);
    child.#s.set(s);
    jumpState(s);
    return child;
  }
}
