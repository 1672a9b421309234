/**
 * Seeds: what `new Rng(seed)` accepts and how a seed becomes a state.
 *
 * A seed is a 64-bit word w, given either as a number or as a bigint:
 *   number  a safe integer s, |s| ≤ 2⁵³ − 1:   w = s mod 2⁶⁴
 *   bigint  an integer b in [−2⁶³, 2⁶⁴):       w = b mod 2⁶⁴
 * so a number and the bigint of the same value give the same stream
 * (`new Rng(5)` ≡ `new Rng(5n)`), and a negative seed is its 64-bit two's
 * complement (`new Rng(-1)` ≡ `new Rng(-1n)` ≡ `new Rng(2n ** 64n - 1n)`).
 * The word's halves L = w mod 2³² and H = ⌊w / 2³²⌋ are expanded into the
 * four state words by `seedState` (xoshiro.ts). Anything else — a fraction,
 * an unsafe integer (1e300), NaN, ±∞, a bigint outside [−2⁶³, 2⁶⁴), a
 * string, null — is rejected: a seed that silently became another seed
 * would give another stream.
 */
import { ArgumentTypeError, ValueError, assertInteger, describeValue } from '../errors/index.js';

const TWO_POW_32 = 4294967296;
const MIN_BIGINT_SEED = -(2n ** 63n);
const MAX_BIGINT_SEED = 2n ** 64n - 1n;

/** The 64-bit seed word's halves [L, H], each an integer in [0, 2³²). */
export type SeedWords = readonly [low: number, high: number];

/**
 * Check a seed (the rule is in the file header) and return its halves
 * [L, H]. ArgumentTypeError for a value that is neither a number nor a
 * bigint; ValueError for a number that is not a safe integer or a bigint
 * out of [−2⁶³, 2⁶⁴). `where` is the public function called.
 */
export function seedWords(seed: unknown, where: string): SeedWords {
  if (typeof seed === 'bigint') {
    if (seed < MIN_BIGINT_SEED || seed > MAX_BIGINT_SEED) {
      throw new ValueError(`${where}: a bigint seed must be in [−2⁶³, 2⁶⁴), got ${describeValue(seed)}`);
    }
    const w = BigInt.asUintN(64, seed);
    return [Number(w & 0xffffffffn), Number(w >> 32n)];
  }
  if (typeof seed !== 'number') {
    throw new ArgumentTypeError(`${where}: seed must be a safe integer or a bigint, got ${describeValue(seed)}`);
  }
  const s = assertInteger(seed, 'seed', where);
  // For an integer s, ToUint32 (>>> 0) is s mod 2³², and ⌊s / 2³²⌋ is exact
  // (a division by a power of two), so [L, H] are the halves of s mod 2⁶⁴.
  return [s >>> 0, Math.floor(s / TWO_POW_32) >>> 0];
}
