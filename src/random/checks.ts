/**
 * Argument checks of `Rng`'s methods, built on the shared checks of
 * `errors/`: ArgumentTypeError for a value of the wrong kind or an extra
 * argument, ValueError for a value out of range, each message starting with
 * the method called (`Rng.int: …`).
 *
 * The methods called in hot loops (next, uniform, int, normal) first test
 * the common valid call inline (a test that only accepts what these checks
 * accept) and call the check below only when that test fails; the check then
 * either throws the precise error or returns for a valid call the inline test
 * did not cover (a range wider than 2³², for instance).
 */
import { ArgumentTypeError, ValueError, assertInteger, assertNumber } from '../errors/index.js';

const TWO_POW_53 = 9007199254740992;
const ONE_DRAW = '; one call draws one number (for a tensor of draws, linalg has randn(shape, rng) and rand(shape, rng))';

/** Index counts are at most 2³¹, so that every index 0 … n−1 fits an Int32Array entry. */
export const MAX_INDEX_COUNT = 2147483648;

/** Throw when a method gets more arguments than it takes (`normal(0, 1, 5)` is not five draws). */
export function assertArity(count: number, params: readonly string[], where: string, hint = ''): void {
  if (count <= params.length) return;
  const takes = params.length === 0 ? 'takes no arguments' : `takes at most ${params.length} (${params.join(', ')})`;
  throw new ArgumentTypeError(`${where}: ${takes}, got ${count} arguments${hint}`);
}

/** uniform(low, high): finite numbers with low ≤ high. */
export function checkUniform(count: number, low: unknown, high: unknown): void {
  const where = 'Rng.uniform';
  assertArity(count, ['low', 'high'], where, ONE_DRAW);
  const a = assertNumber(low, 'low', where);
  const b = assertNumber(high, 'high', where);
  if (!(a <= b)) throw new ValueError(`${where}: expected low ≤ high, got low = ${a}, high = ${b}`);
}

/** int(low, high): safe integers with low < high and high − low ≤ 2⁵³ (checked exactly, as high − low rounds past 2⁵³). */
export function checkInt(count: number, low: unknown, high: unknown): void {
  const where = 'Rng.int';
  assertArity(count, ['low', 'high'], where, ONE_DRAW);
  const a = assertInteger(low, 'low', where);
  const b = assertInteger(high, 'high', where);
  if (!(a < b)) throw new ValueError(`${where}: expected low < high, got low = ${a}, high = ${b}`);
  if (BigInt(b) - BigInt(a) > BigInt(TWO_POW_53)) {
    throw new ValueError(`${where}: the range high − low must be at most 2⁵³, got low = ${a}, high = ${b}`);
  }
}

/** normal(mean, std): finite numbers with std ≥ 0. */
export function checkNormal(count: number, mean: unknown, std: unknown): void {
  const where = 'Rng.normal';
  assertArity(count, ['mean', 'std'], where, ONE_DRAW);
  assertNumber(mean, 'mean', where);
  assertNumber(std, 'std', where, { min: 0 });
}

/** A new Int32Array(n), or a ValueError naming `where` when the engine cannot allocate it. */
export function allocateIndices(n: number, where: string): Int32Array {
  try {
    return new Int32Array(n);
  } catch (error) {
    throw new ValueError(`${where}: cannot allocate ${n} indices (${(error as Error).message})`);
  }
}
