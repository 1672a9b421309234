/**
 * The seeded property harness on node:test.
 *
 *   property(name, arbitrary, predicate, { runs, seed })
 *
 * registers one test that draws `runs` cases (default 100) from the
 * arbitrary and checks the predicate on each. Case i is drawn from its own
 * stream, `new Rng(seed).fork()` taken i + 1 times, so one case can be
 * replayed without the others (PROPERTY_CASE=i). The predicate is
 * synchronous: it fails by throwing (for instance through assertClose) or by
 * returning false; returning a Promise is an error, not a pass.
 *
 * On a failure the harness shrinks the case where the arbitrary knows how
 * (numbers toward 0, arrays entry by entry), then fails the test with the
 * seed, the case index, the (shrunk) counterexample and the original error.
 * An error thrown by the arbitrary's generate() or shrink() is reported the
 * same way, as a PropertyFailure with the seed and the case index.
 *
 * Environment overrides: PROPERTY_SEED=n replaces every property's seed,
 * PROPERTY_RUNS=n its number of runs, PROPERTY_CASE=i runs case i alone
 * (with that seed, whatever the number of runs). The default seed is a hash
 * of the property's name, so each property has its own fixed stream.
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

/** Thrown when a predicate returns a thenable (a usage error, not a failing case). */
export class AsyncPredicateError extends TypeError {
  override name = 'AsyncPredicateError';
}

/** The case PROPERTY_CASE asks to run alone, if any. */
export function onlyCase(): number | undefined {
  return envInt('PROPERTY_CASE');
}

/**
 * Run the predicate on one value; returns the failure, or undefined on
 * success. A thenable result throws a TypeError at once: properties are
 * synchronous, and an unawaited Promise would otherwise count as a pass.
 */
function attempt<T>(predicate: (value: T) => unknown, value: T): unknown {
  let result: unknown;
  try {
    result = predicate(value);
  } catch (error) {
    return error ?? new Error('the predicate threw a nullish value');
  }
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    (result as PromiseLike<unknown>).then(undefined, () => undefined); // its rejection is reported here instead
    throw new AsyncPredicateError('property predicates are synchronous: the predicate returned a Promise (thenable); check the value without async/await');
  }
  return result === false ? new Error('the predicate returned false') : undefined;
}

/** Format a counterexample for a message: typed arrays and tensors as plain arrays. */
export function describe(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (Object.is(v, -0)) return '-0';
    return v;
  }, 0)?.slice(0, 4000) ?? String(value);
}

/** Where a case failed: in the predicate, or in the arbitrary's generate() or shrink(). */
export type FailureStage = 'predicate' | 'generate' | 'shrink';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class PropertyFailure extends Error {
  /**
   * `original` is the predicate's failure, or for stage 'generate' the
   * error generate() threw (and `counterexample` is undefined). For stage
   * 'shrink', `original` is the predicate's failure on `counterexample`, the
   * smallest case found before shrink() threw `stageError`.
   */
  constructor(
    readonly seed: number,
    readonly caseIndex: number,
    readonly counterexample: unknown,
    readonly original: unknown,
    readonly shrinks: number,
    readonly stage: FailureStage = 'predicate',
    readonly stageError?: unknown,
  ) {
    const replay = `(replay: PROPERTY_SEED=${seed} PROPERTY_CASE=${caseIndex})`;
    super(
      stage === 'generate'
        ? `property case ${caseIndex} with seed ${seed} could not be generated ${replay}\n` +
            `generate() threw: ${messageOf(original)}`
        : `property failed at case ${caseIndex} with seed ${seed} ${replay}\n` +
            `counterexample${shrinks > 0 ? ` (after ${shrinks} shrinks)` : ''}: ${describe(counterexample)}\n` +
            `reason: ${messageOf(original)}` +
            (stage === 'shrink' ? `\nshrink() threw, so shrinking stopped here: ${messageOf(stageError)}` : ''),
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
  const only = onlyCase();
  const streams = new Rng(seed);
  const last = only ?? runs - 1;
  for (let i = 0; i <= last; i++) {
    const stream = streams.fork(); // case i's own stream, drawn even when the case is skipped
    if (only !== undefined && i !== only) continue;
    let value: T;
    try {
      value = arb.generate(stream);
    } catch (error) {
      throw new PropertyFailure(seed, i, undefined, error, 0, 'generate');
    }
    let failure = attempt(predicate, value);
    if (failure === undefined) continue;
    // Greedy shrinking: take the first smaller candidate that still fails, repeat.
    let smallest = value;
    let shrinks = 0;
    let budget = options.maxShrinks ?? 500;
    let improved = arb.shrink !== undefined;
    try {
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
    } catch (error) {
      if (error instanceof AsyncPredicateError) throw error;
      throw new PropertyFailure(seed, i, smallest, failure, shrinks, 'shrink', error);
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
