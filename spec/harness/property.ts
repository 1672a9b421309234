/**
 * The seeded property harness on node:test.
 *
 *   property(name, arbitrary, predicate, { runs, seed })
 *
 * registers one test that draws `runs` cases (default 100) from the
 * arbitrary and checks the predicate on each. Case i is drawn from its own
 * stream, `new Rng(seed).fork()` taken i + 1 times, so one case can be
 * replayed without the others. The predicate fails by throwing (for instance
 * through assertClose) or by returning false.
 *
 * On a failure the harness shrinks the case where the arbitrary knows how
 * (numbers toward 0, arrays entry by entry), then fails the test with the
 * seed, the case index, the (shrunk) counterexample and the original error.
 *
 * Environment overrides: PROPERTY_SEED=n replaces every property's seed,
 * PROPERTY_RUNS=n its number of runs. The default seed is a hash of the
 * property's name, so each property has its own fixed stream.
 */
import { test } from 'node:test';
import { Rng } from '../../src/random/index.js';

/** A generator of values plus an optional shrinker (smaller candidates first). */
export interface Arbitrary<T> {
  generate(rng: Rng): T;
  shrink?(value: T): Iterable<T>;
}

export interface PropertyOptions {
  /** Number of cases (default 100; PROPERTY_RUNS overrides). */
  runs?: number;
  /** Seed of the case streams (default: a hash of the name; PROPERTY_SEED overrides). */
  seed?: number;
  /** Give up shrinking after this many predicate calls (default 500). */
  maxShrinks?: number;
}

/** FNV-1a hash of a string: the default seed of a property. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

/** Resolve the seed and run count a property will use. */
export function resolveOptions(name: string, options: PropertyOptions = {}): { seed: number; runs: number } {
  return {
    seed: envInt('PROPERTY_SEED') ?? options.seed ?? hashSeed(name),
    runs: envInt('PROPERTY_RUNS') ?? options.runs ?? 100,
  };
}

/** Run the predicate on one value; returns the failure, or undefined on success. */
function attempt<T>(predicate: (value: T) => unknown, value: T): unknown {
  try {
    return predicate(value) === false ? new Error('the predicate returned false') : undefined;
  } catch (error) {
    return error ?? new Error('the predicate threw a nullish value');
  }
}

/** Format a counterexample for a message: typed arrays and tensors as plain arrays. */
export function describe(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  }, 0)?.slice(0, 4000) ?? String(value);
}

export class PropertyFailure extends Error {
  constructor(
    readonly seed: number,
    readonly caseIndex: number,
    readonly counterexample: unknown,
    readonly original: unknown,
    readonly shrinks: number,
  ) {
    const reason = original instanceof Error ? original.message : String(original);
    super(
      `property failed at case ${caseIndex} with seed ${seed}` +
        ` (replay: PROPERTY_SEED=${seed})\n` +
        `counterexample${shrinks > 0 ? ` (after ${shrinks} shrinks)` : ''}: ${describe(counterexample)}\n` +
        `reason: ${reason}`,
    );
    this.name = 'PropertyFailure';
  }
}

/**
 * Check a property now, without registering a test: returns on success,
 * throws a PropertyFailure on the first failing case (after shrinking).
 */
export function checkProperty<T>(
  name: string,
  arbitrary: Arbitrary<T> | ((rng: Rng) => T),
  predicate: (value: T) => unknown,
  options: PropertyOptions = {},
): void {
  const arb: Arbitrary<T> = typeof arbitrary === 'function' ? { generate: arbitrary } : arbitrary;
  const { seed, runs } = resolveOptions(name, options);
  const streams = new Rng(seed);
  for (let i = 0; i < runs; i++) {
    const value = arb.generate(streams.fork());
    let failure = attempt(predicate, value);
    if (failure === undefined) continue;
    // Greedy shrinking: take the first smaller candidate that still fails, repeat.
    let smallest = value;
    let shrinks = 0;
    let budget = options.maxShrinks ?? 500;
    let improved = arb.shrink !== undefined;
    while (improved && budget > 0) {
      improved = false;
      for (const candidate of arb.shrink!(smallest)) {
        if (--budget < 0) break;
        const candidateFailure = attempt(predicate, candidate);
        if (candidateFailure !== undefined) {
          smallest = candidate;
          failure = candidateFailure;
          shrinks++;
          improved = true;
          break;
        }
      }
    }
    throw new PropertyFailure(seed, i, smallest, failure, shrinks);
  }
}

/** Register a seeded property as a node:test test. */
export function property<T>(
  name: string,
  arbitrary: Arbitrary<T> | ((rng: Rng) => T),
  predicate: (value: T) => unknown,
  options: PropertyOptions = {},
): void {
  test(name, () => checkProperty(name, arbitrary, predicate, options));
}
