/**
 * Specs of the contract-table harness: a module broken on purpose in each
 * way a contract forbids (a bad call that returns, throws a plain error or
 * the wrong class, does not name the function, or changes an argument — a
 * typed array, a Map, an Rng's state — before it throws; an export or a
 * method missing from the table) is caught, and a module that keeps every
 * contract passes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentTypeError, ValueError } from '../../src/errors/index.js';
import { Rng } from '../../src/random/index.js';
import { checkBadCall, publicMembers, snapshot, firstDifference, tableGaps } from './contracts.js';
import type { ContractTable } from './contracts.js';

class Counter {
  static zero(): Counter { return new Counter(); }
  count = 0;
  add(k: unknown): void {
    if (typeof k !== 'number') throw new ArgumentTypeError(`Counter.add: k must be a number, got ${typeof k}`);
    this.count += k;
  }
  get doubled(): number { return 2 * this.count; }
}

const fakeModule: Record<string, unknown> = {
  strict(x: unknown): number {
    if (typeof x !== 'number') throw new ArgumentTypeError(`strict: x must be a number, got ${typeof x}`);
    if (x < 0) throw new ValueError(`strict: x must be ≥ 0, got ${x}`);
    return Math.sqrt(x);
  },
  lenient: (x: unknown) => Number(x),
  plain: (x: unknown) => (x as { y: { z: number } }).y.z,
  wrongName: () => { throw new ValueError('helperDeepInside: x must be ≥ 0'); },
  scribbles: (data: Float64Array) => { data[0] = 99; throw new ValueError('scribbles: x must be ≥ 0'); },
  draws: (rng: Rng) => { rng.next(); throw new ValueError('draws: n must be ≥ 0'); },
  fills: (cache: Map<string, number>) => { cache.set('k', 1); throw new ValueError('fills: n must be ≥ 0'); },
  Counter,
  ValueError,
  VERSION: 3,
};

const bad = (label: string, args: readonly unknown[], error: ContractTable[string][number]['error'] = ValueError) => ({ label, args, error });

test('checkBadCall accepts a call that throws the expected typed error naming the function', () => {
  checkBadCall(fakeModule, 'strict', bad('negative', [-1]));
  checkBadCall(fakeModule, 'strict', bad('a string', ['4'], ArgumentTypeError));
  checkBadCall(fakeModule, 'Counter#add', bad('a string', [new Counter(), '1'], ArgumentTypeError));
});

test('checkBadCall rejects a call that returns, throws a plain or wrong error, or names another function', () => {
  assert.throws(() => checkBadCall(fakeModule, 'lenient', bad('a string', ['x'])), /but the call returned a value/);
  assert.throws(() => checkBadCall(fakeModule, 'plain', bad('undefined', [undefined])), /expected ValueError, got TypeError/);
  assert.throws(() => checkBadCall(fakeModule, 'strict', bad('negative', [-1], ArgumentTypeError)), /expected ArgumentTypeError, got ValueError/);
  assert.throws(() => checkBadCall(fakeModule, 'wrongName', bad('anything', [])), /does not name 'wrongName'/);
});

test('checkBadCall rejects a failed call that changed a typed array, an Rng state or a Map', () => {
  assert.throws(() => checkBadCall(fakeModule, 'scribbles', bad('scribbled', [new Float64Array([1, 2])])), /changed an argument at args\.0\.values\.0: 1 → 99/);
  assert.throws(() => checkBadCall(fakeModule, 'draws', bad('drew', [new Rng(1)])), /changed an argument at args\.0\.#state\(\)/);
  assert.throws(() => checkBadCall(fakeModule, 'fills', bad('filled', [new Map()])), /changed an argument at args\.0/);
});

test('a table entry Name#method without `call` calls the static method, else the method of args[0]', () => {
  // Counter.zero is static: called with the arguments as they are (and it returns, so the contract fails).
  assert.throws(() => checkBadCall(fakeModule, 'Counter#zero', bad('returns', [])), /returned a value/);
  assert.throws(() => checkBadCall(fakeModule, 'Counter#missing', bad('no such method', [new Counter()])), /needs an instance with that method/);
});

test('tableGaps lists exports and methods without an entry, stale keys and entries without a bad call', () => {
  const complete: ContractTable = {
    strict: [bad('negative', [-1])], lenient: [bad('x', [])], plain: [bad('x', [])], wrongName: [bad('x', [])],
    scribbles: [bad('x', [])], draws: [bad('x', [])], fills: [bad('x', [])], Counter: [bad('x', [])],
  };
  assert.deepEqual(tableGaps(fakeModule, complete), [], 'error classes and constants need no entry');
  const { strict: _strict, Counter: _counter, ...partial } = complete;
  assert.deepEqual(tableGaps(fakeModule, partial), ['exports without a contract table entry: strict, Counter']);
  assert.deepEqual(tableGaps(fakeModule, partial, { exempt: { strict: 'reason', Counter: 'reason' } }), []);
  assert.deepEqual(tableGaps(fakeModule, complete, { everyMethod: true }), [
    'methods without a contract table entry: Counter#add, Counter#doubled, Counter#zero',
  ]);
  assert.deepEqual(publicMembers(Counter), ['add', 'doubled', 'zero']);
  assert.deepEqual(tableGaps(fakeModule, { ...complete, 'Gone#method': [bad('x', [])], extra: [] }), [
    'table entries for names the module does not export: Gone, extra',
    'table entries without a bad call: extra',
  ]);
});

test('snapshot and firstDifference see entries of nested arrays, typed arrays, Sets and −0', () => {
  const value = { a: [1, new Float64Array([0, 2])], s: new Set([1]) };
  const before = snapshot(value);
  assert.equal(firstDifference(before, snapshot(value)), null);
  value.a[1] = new Float64Array([-0, 2]);
  assert.equal(firstDifference(before, snapshot(value)), '.a.1.values.0: 0 → -0');
  value.a[1] = new Float64Array([0, 2]);
  value.s.add(2);
  assert.match(firstDifference(before, snapshot(value)) ?? '', /^\.s\.entries/);
});
