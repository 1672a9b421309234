/**
 * Contract tables: every export of a module's index, with bad inputs and the
 * typed error each must get (in the manner of scikit-learn's common checks).
 *
 *   contractSpec('linalg', linalg, {
 *     solve: [
 *       { label: 'a nested array', args: [[[2, 0], [0, 2]], b], error: ArgumentTypeError },
 *       { label: 'singular', args: () => [zeros([2, 2]), b], error: SingularMatrixError },
 *     ],
 *     Rng: [{ label: 'fractional seed', args: [0.5], error: ValueError }],   // a class: called with `new`
 *     'Rng#int': [{ label: 'low > high', args: () => [new Rng(1), 3, 1], error: ValueError }],   // rng.int(3, 1)
 *   }, { exempt: { SYMMETRY_TOLERANCE: 'a constant' } });
 *
 * For each bad call the spec checks that
 *   1. it throws an instance of `error`, which is an MLError;
 *   2. the message names the function called (`names`, by default the export's
 *      name, or the class and method for 'Class#method');
 *   3. every argument is unchanged afterwards, bit for bit (a snapshot of each
 *      argument is taken before the call and compared after it; it holds
 *      typed arrays, arrays, Maps, Sets, own enumerable fields, and the
 *      `state()` of an object that has one, such as an Rng);
 *   4. it returns within the test's timeout (nothing hangs).
 * And one test fails when an export that is a function or a class is in
 * neither the table nor `exempt` (error classes are exempt by themselves),
 * so that a new export cannot skip its contract.
 *
 * `args` may be a list or a function that builds it (for arguments that must be
 * fresh). The call is `call(...args)` when given, else the export itself is
 * called with them (`new` for a class). A key 'Name#method' is a method
 * whose export 'Name' must exist; it does not count as an export. Without
 * `call`, 'Name#method' calls the static method `Name.method(...args)` when
 * there is one, else the instance method `args[0].method(...args.slice(1))`
 * (the instance is then part of the arguments, so its state is compared too).
 *
 * With `{ everyMethod: true }`, every public method and accessor of an
 * exported class (its prototype's and its static ones) must also be in the
 * table as 'Name#method' or in `exempt`, so that a new method cannot skip
 * its contract either.
 *
 * `tableGaps` and `checkBadCall` are what the registered tests run; the
 * harness's own spec calls them on modules broken on purpose.
 */
import { test } from 'node:test';
import { MLError } from '../../src/errors/index.js';

/** One bad call and the error it must get. */
export interface BadCall {
  /** What is wrong, for the test's name. */
  label: string;
  /** The arguments, or a function that builds them afresh. */
  args?: readonly unknown[] | (() => readonly unknown[]);
  /** The call, when it is not the export itself called with `args`. */
  call?: (...args: any[]) => unknown;
  /** The error class the call must throw (a subclass of MLError). */
  error: abstract new (...args: any[]) => MLError;
  /** A text the message must contain (default: the export's name, or 'Class.method'). */
  names?: string;
}

/** Export name (or 'Class#method') → its bad calls. */
export type ContractTable = Record<string, readonly BadCall[]>;

export interface ContractOptions {
  /** Exports (or 'Name#method' keys) that need no table, each with the reason (a constant, a type guard, …). */
  exempt?: Record<string, string>;
  /** Per-test timeout in ms (default 10 000): a bad call that hangs fails. */
  timeout?: number;
  /** Also require a table entry for every public method of each exported class (default false). */
  everyMethod?: boolean;
}

const isClass = (f: unknown): boolean =>
  typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));

const isErrorClass = (f: unknown): boolean =>
  typeof f === 'function' && (f === Error || (f as { prototype?: unknown }).prototype instanceof Error);

/** Static members every class has, which are not the class's own API. */
const BUILT_IN_STATICS = new Set(['length', 'name', 'prototype']);

/** The public methods and accessors of a class: prototype members except the constructor, and static ones. */
export function publicMembers(klass: Function): string[] {
  const proto = Object.getOwnPropertyNames((klass as { prototype: object }).prototype).filter((key) => key !== 'constructor');
  const statics = Object.getOwnPropertyNames(klass).filter((key) => !BUILT_IN_STATICS.has(key));
  return [...new Set([...proto, ...statics])].filter((key) => !key.startsWith('_'));
}

/** Call 'Name#method' without a `call`: the static method when the class has one, else the method of args[0]. */
function callMethod(target: unknown, method: string, args: readonly unknown[]): unknown {
  const statics = target as Record<string, unknown>;
  if (typeof statics[method] === 'function') return (statics[method] as (...a: unknown[]) => unknown).apply(target, [...args]);
  const [instance, ...rest] = args;
  const fn = (instance as Record<string, unknown> | null | undefined)?.[method];
  if (typeof fn !== 'function') throw new Error(`the table's call of #${method} needs an instance with that method as args[0], or a \`call\``);
  return (fn as (...a: unknown[]) => unknown).apply(instance, rest);
}

/** A deep copy for comparing before and after: typed arrays, arrays, plain and class objects (own enumerable data). */
export function snapshot(x: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof x !== 'object' || x === null) return x;
  if (seen.has(x)) return seen.get(x);
  if (ArrayBuffer.isView(x)) {
    const copy = { typed: x.constructor.name, values: Array.from(x as unknown as ArrayLike<number | bigint>) };
    seen.set(x, copy);
    return copy;
  }
  if (Array.isArray(x)) {
    const copy: unknown[] = [];
    seen.set(x, copy);
    for (const item of x) copy.push(snapshot(item, seen));
    return copy;
  }
  if (x instanceof Map || x instanceof Set) {
    const copy: { entries: unknown[] } = { entries: [] };
    seen.set(x, copy);
    for (const entry of x) copy.entries.push(snapshot(entry, seen));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  seen.set(x, copy);
  for (const key of Object.keys(x)) copy[key] = snapshot((x as Record<string, unknown>)[key], seen);
  // Private state of class instances (an Rng's words, a Var's gradient) shows through JSON-like accessors:
  const state = (x as { state?: unknown }).state;
  if (typeof state === 'function') {
    try { copy['#state()'] = snapshot((state as () => unknown).call(x), seen); } catch { /* not a state accessor */ }
  }
  // … and an estimator's fitted model (held in private fields) through its saved form:
  const toJSON = (x as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try { copy['#toJSON()'] = snapshot((toJSON as () => unknown).call(x), seen); } catch { /* not a saved-state accessor */ }
  }
  return copy;
}

/** The first path where two snapshots differ (numbers compared with Object.is), or null. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    const show = (x: unknown): string => (Object.is(x, -0) ? '-0' : String(x));
    return Object.is(a, b) ? null : `${path || '(value)'}: ${show(a)} → ${show(b)}`;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return `${path || '(value)'}: keys ${ka.join(',')} → ${kb.join(',')}`;
  for (const key of ka) {
    const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (d !== null) return d;
  }
  return null;
}

/**
 * What is missing from or stale in a table: exports (functions and classes,
 * error classes aside) in neither the table nor `exempt`; with `everyMethod`,
 * public members of exported classes likewise; keys whose export does not
 * exist; keys without a bad call. Each problem is one line; none is [].
 */
export function tableGaps(moduleExports: Record<string, unknown>, table: ContractTable, options: ContractOptions = {}): string[] {
  const exempt = options.exempt ?? {};
  const listed = (key: string): boolean => key in table || key in exempt;
  const problems: string[] = [];
  const missing = Object.keys(moduleExports).filter((name) => {
    const value = moduleExports[name];
    return typeof value === 'function' && !isErrorClass(value) && !listed(name);
  });
  if (missing.length > 0) problems.push(`exports without a contract table entry: ${missing.join(', ')}`);
  if (options.everyMethod) {
    const methods: string[] = [];
    for (const [name, value] of Object.entries(moduleExports)) {
      if (!isClass(value) || isErrorClass(value)) continue;
      for (const member of publicMembers(value as Function)) if (!listed(`${name}#${member}`)) methods.push(`${name}#${member}`);
    }
    if (methods.length > 0) problems.push(`methods without a contract table entry: ${methods.join(', ')}`);
  }
  const stale = [...Object.keys(table), ...Object.keys(exempt)]
    .map((key) => key.split('#')[0]!)
    .filter((name) => !(name in moduleExports));
  if (stale.length > 0) problems.push(`table entries for names the module does not export: ${[...new Set(stale)].join(', ')}`);
  const empty = Object.keys(table).filter((key) => table[key]!.length === 0);
  if (empty.length > 0) problems.push(`table entries without a bad call: ${empty.join(', ')}`);
  return problems;
}

/**
 * Make one bad call of the table entry `key` and throw unless it breaks the
 * contract in no way (see the file comment): it must throw `bad.error`, an
 * MLError whose message names the function, and leave its arguments as they were.
 */
export function checkBadCall(moduleExports: Record<string, unknown>, key: string, bad: BadCall): void {
  const [exportName, method] = key.split('#') as [string, string | undefined];
  const args = typeof bad.args === 'function' ? bad.args() : (bad.args ?? []);
  const before = snapshot(args);
  const target = moduleExports[exportName];
  let thrown: unknown = undefined;
  let threw = false;
  let returned: unknown = undefined;
  try {
    if (bad.call) returned = bad.call(...args);
    else if (method !== undefined) returned = callMethod(target, method, args);
    else if (isClass(target)) returned = new (target as new (...a: unknown[]) => unknown)(...args);
    else returned = (target as (...a: unknown[]) => unknown)(...args);
  } catch (error) {
    thrown = error;
    threw = true;
  }
  if (!threw) {
    const what = returned !== null && typeof (returned as { then?: unknown } | undefined)?.then === 'function' ? 'a Promise' : 'a value';
    throw new Error(`expected ${bad.error.name}, but the call returned ${what}`);
  }
  if (!(thrown instanceof bad.error) || !(thrown instanceof MLError)) {
    const name = (thrown as Error | null | undefined)?.constructor?.name ?? typeof thrown;
    throw new Error(`expected ${bad.error.name}, got ${name}: ${(thrown as Error | null | undefined)?.message ?? String(thrown)}`);
  }
  const names = bad.names ?? (method === undefined ? exportName : `${exportName}.${method}`);
  if (!thrown.message.includes(names)) throw new Error(`the message does not name '${names}': ${thrown.message}`);
  const changed = firstDifference(before, snapshot(args));
  if (changed !== null) throw new Error(`the failed call changed an argument at args${changed}`);
}

/** Register the contract tests of one module (see the file comment). */
export function contractSpec(
  moduleName: string,
  moduleExports: Record<string, unknown>,
  table: ContractTable,
  options: ContractOptions = {},
): void {
  const timeout = options.timeout ?? 10_000;
  const what = options.everyMethod ? 'every export and every public method' : 'every export';
  test(`contracts ${moduleName}: ${what} has a contract table entry`, () => {
    const problems = tableGaps(moduleExports, table, options);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });
  for (const [key, calls] of Object.entries(table)) {
    for (const bad of calls) {
      test(`contracts ${moduleName}.${key}: ${bad.label} → ${bad.error.name}`, { timeout }, () => checkBadCall(moduleExports, key, bad));
    }
  }
}
