/**
 * The shared argument checks that every public function runs first.
 *
 *   assertOptions(options, known, where)   absent, or a plain object whose keys are all known
 *   assertNumber(x, name, where, range)    a finite number (optionally in [min, max])
 *   assertInteger(x, name, where, range)   a safe integer (optionally in [min, max])
 *   assertBoolean / assertOneOf / assertFunction / assertObject
 *   describeValue(x)                       what came, in words, for a message
 *
 * Each returns the value it checked, typed, so that a caller writes
 * `const k = assertInteger(options.k ?? 8, 'k', 'KMeans', { min: 1 })`.
 * Each throws an `ArgumentTypeError` when the value is of the wrong kind and
 * a `ValueError` when it is of the right kind but out of range; `where` is
 * the public function the caller called, and the message says what was
 * expected and what came:
 *
 *   svd: unknown option 'ful'; the options are: full, maxSweeps
 *   KMeans: k must be an integer ≥ 1, got 0
 *
 * Tensor arguments are checked by linalg's `assertTensor`, which builds on
 * `describeValue`. This file imports nothing but the error classes.
 */
import { ArgumentTypeError, ValueError } from './errors.js';

/** A closed or half-open range of allowed values; every bound is optional. */
export interface Range {
  /** The smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  /** The largest allowed value (inclusive unless `maxExclusive`). */
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** A short description of any value for an error message: `the string "abc"`, `a nested array of length 2`, `undefined`. */
export function describeValue(x: unknown): string {
  if (x === undefined || x === null) return String(x);
  switch (typeof x) {
    case 'number':
      return Object.is(x, -0) ? '-0' : String(x);
    case 'bigint':
      return `${x}n`;
    case 'boolean':
      return String(x);
    case 'string':
      return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
    case 'function':
      return `a function${x.name ? ` (${x.name})` : ''}`;
    case 'symbol':
      return 'a symbol';
  }
  if (Array.isArray(x)) {
    const nested = x.length > 0 && Array.isArray(x[0]);
    return `${nested ? 'a nested array' : 'an array'} of length ${x.length}`;
  }
  if (ArrayBuffer.isView(x)) {
    const length = (x as unknown as { length?: number }).length;
    return `a ${x.constructor.name}${length === undefined ? '' : ` of length ${length}`}`;
  }
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) {
    const name = (x as { constructor?: { name?: string } }).constructor?.name;
    return name ? `an instance of ${name}` : 'an object';
  }
  const keys = Object.keys(x);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`;
}

/** Is `x` a plain object (`{ … }`, or made by `Object.create(null)`)? */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * An options argument: absent (undefined, which gives `{}`), or a plain
 * object whose keys are all in `known`. A key whose value is `undefined`
 * counts as absent. ArgumentTypeError for anything but a plain object;
 * ValueError naming the unknown key and listing the known ones.
 */
export function assertOptions<T extends object>(options: T | undefined, known: readonly (keyof T & string)[], where: string): T {
  if (options === undefined) return {} as T;
  if (!isPlainObject(options)) {
    throw new ArgumentTypeError(`${where}: options must be a plain object { ${known.join(', ')} } or absent, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      const list = known.length === 0 ? 'none' : known.join(', ');
      throw new ValueError(`${where}: unknown option '${key}'; the options are: ${list}`);
    }
  }
  return options;
}

/** "≥ 0", "in (0, 1]", … for messages; "" for no bounds. */
function describeRange(range: Range): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) {
    return ` in ${range.minExclusive ? '(' : '['}${min}, ${max}${range.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return ` ${range.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return ` ${range.maxExclusive ? '<' : '≤'} ${max}`;
  return '';
}

function inRange(x: number, range: Range): boolean {
  const { min, max } = range;
  if (min !== undefined && (range.minExclusive ? !(x > min) : !(x >= min))) return false;
  if (max !== undefined && (range.maxExclusive ? !(x < max) : !(x <= max))) return false;
  return true;
}

/**
 * A finite number, within `range` when one is given. ArgumentTypeError for
 * a non-number (a numeric string included); ValueError for NaN, ±∞ or a
 * number out of range.
 */
export function assertNumber(x: unknown, name: string, where: string, range: Range = {}): number {
  if (typeof x !== 'number') {
    throw new ArgumentTypeError(`${where}: ${name} must be a number${describeRange(range)}, got ${describeValue(x)}`);
  }
  if (!Number.isFinite(x) || !inRange(x, range)) {
    throw new ValueError(`${where}: ${name} must be a finite number${describeRange(range)}, got ${describeValue(x)}`);
  }
  return x;
}

/**
 * A safe integer (|k| ≤ 2⁵³ − 1), within `range` when one is given.
 * ArgumentTypeError for a non-number; ValueError for a fraction, NaN, ±∞,
 * an unsafe integer or one out of range.
 */
export function assertInteger(x: unknown, name: string, where: string, range: Range = {}): number {
  if (typeof x !== 'number') {
    throw new ArgumentTypeError(`${where}: ${name} must be an integer${describeRange(range)}, got ${describeValue(x)}`);
  }
  if (!Number.isSafeInteger(x) || !inRange(x, range)) {
    throw new ValueError(`${where}: ${name} must be a safe integer${describeRange(range)}, got ${describeValue(x)}`);
  }
  return x;
}

/** true or false; ArgumentTypeError for anything else (1 and "true" included). */
export function assertBoolean(x: unknown, name: string, where: string): boolean {
  if (typeof x !== 'boolean') throw new ArgumentTypeError(`${where}: ${name} must be true or false, got ${describeValue(x)}`);
  return x;
}

/** One of the listed strings; ValueError naming the choices otherwise. */
export function assertOneOf<T extends string>(x: unknown, choices: readonly T[], name: string, where: string): T {
  if (typeof x !== 'string' || !(choices as readonly string[]).includes(x)) {
    const error = typeof x === 'string' ? ValueError : ArgumentTypeError;
    throw new error(`${where}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(x)}`);
  }
  return x as T;
}

/** A function; ArgumentTypeError otherwise. */
export function assertFunction<F>(x: F, name: string, where: string): F {
  if (typeof x !== 'function') throw new ArgumentTypeError(`${where}: ${name} must be a function, got ${describeValue(x)}`);
  return x;
}

/** An instance of `type` (an Rng, a Var, …); ArgumentTypeError otherwise. */
export function assertInstance<T>(x: unknown, type: abstract new (...args: never[]) => T, name: string, where: string): T {
  if (!(x instanceof type)) {
    throw new ArgumentTypeError(`${where}: ${name} must be an instance of ${type.name}, got ${describeValue(x)}`);
  }
  return x;
}
