/**
 * The contract table of random: every export and every public method of
 * `Rng` with bad inputs and the typed error each must get (ArgumentTypeError
 * for a value of the wrong kind, an extra argument or a call on something
 * that is not an Rng; ValueError for a value out of range), the message
 * naming the method (`Rng.int: …`). The generator is an argument of every
 * method call, so the harness also checks that a failed call leaves its
 * `state()` as it was: nothing is drawn before the arguments are checked.
 */
import * as random from '../../src/random/index.js';
import { Rng } from '../../src/random/index.js';
import { ArgumentTypeError, ValueError } from '../../src/errors/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const MAX = Number.MAX_SAFE_INTEGER;
const A = ArgumentTypeError, V = ValueError;

/** A bad call of a method: `rng.method(...args)` on a fresh generator (the harness calls args[0].method). */
const on = (label: string, args: readonly unknown[], error: BadCall['error']): BadCall =>
  ({ label, args: () => [new Rng(1), ...args], error });

/** A method called on something that is not an Rng: detached (`xs.map(rng.next)`) or on a plain object. */
const detached = (method: keyof Rng): BadCall[] => [
  { label: 'detached, as in [0].map(rng.method)', args: () => [new Rng(1)], error: A,
    call: (rng: Rng) => [0].map(rng[method] as (...a: unknown[]) => unknown) },
  { label: 'called on a plain object', args: () => [new Rng(1)], error: A,
    call: (rng: Rng) => (rng[method] as (...a: unknown[]) => unknown).call({ s: rng.state() }) },
];

/** A static call of Rng.fromState. */
const fromState = (label: string, args: readonly unknown[], error: BadCall['error']): BadCall => ({ label, args, error });

contractSpec('random', random, {
  Rng: [
    { label: 'a fraction (0.5 used to give seed 0)', args: [0.5], error: V },
    { label: 'a huge number (1e300 used to give seed 0)', args: [1e300], error: V },
    { label: 'an unsafe integer 2⁵³', args: [2 ** 53], error: V },
    { label: 'NaN', args: [NaN], error: V },
    { label: '−∞', args: [-Infinity], error: V },
    { label: 'the string "3"', args: ['3'], error: A },
    { label: 'null', args: [null], error: A },
    { label: 'true', args: [true], error: A },
    { label: 'an object', args: [{ seed: 3 }], error: A },
    { label: 'an array', args: [[3]], error: A },
    { label: 'a symbol', args: [Symbol('seed')], error: A },
    { label: 'a bigint 2⁶⁴', args: [2n ** 64n], error: V },
    { label: 'a bigint below −2⁶³', args: [-(2n ** 63n) - 1n], error: V },
    { label: 'a second argument', args: [1, 2], error: A },
  ],
  'Rng#fromState': [
    fromState('no state', [], A),
    fromState('a string', ['1,2,3,4'], A),
    fromState('a Uint32Array', [Uint32Array.of(1, 2, 3, 4)], A),
    fromState('null', [null], A),
    fromState('three words', [[1, 2, 3]], V),
    fromState('five words', [[1, 2, 3, 4, 5]], V),
    fromState('a fractional word', [[1, 2.5, 3, 4]], V),
    fromState('a negative word', [[1, 2, -3, 4]], V),
    fromState('a word of 2³²', [[1, 2, 3, 2 ** 32]], V),
    fromState('a NaN word', [[NaN, 2, 3, 4]], V),
    fromState('a string word', [['1', 2, 3, 4]], A),
    fromState('a missing word (hole)', [[1, , 3, 4]], A),
    fromState('the all-zero state', [[0, 0, 0, 0]], V),
    fromState('a second argument', [[1, 2, 3, 4], 5], A),
  ],
  'Rng#state': [on('an argument', [1], A), ...detached('state')],
  'Rng#nextUint32': [on('an argument', [10], A), ...detached('nextUint32')],
  'Rng#next': [on('a count (one call draws one number)', [10], A), ...detached('next')],
  'Rng#fork': [on('an argument', [2], A), ...detached('fork')],
  'Rng#uniform': [
    on('low > high', [2, 1], V),
    on('NaN low', [NaN, 1], V),
    on('∞ high', [0, Infinity], V),
    on('a string low', ['0', 1], A),
    on('null high', [0, null], A),
    on('a bigint low', [0n, 1], A),
    on('a size (numpy\'s uniform(low, high, size))', [0, 1, 5], A),
    ...detached('uniform'),
  ],
  'Rng#int': [
    on('low > high', [3, 1], V),
    on('low = high', [3, 3], V),
    on('a fractional low', [0.5, 3], V),
    on('a fractional high', [0, 2.5], V),
    on('NaN low', [NaN, 3], V),
    on('∞ high', [0, Infinity], V),
    on('an unsafe high', [0, 2 ** 53], V),
    on('a string low', ['0', 3], A),
    on('no high', [0], A),
    on('bigints', [0n, 3n], A),
    on('a range wider than 2⁵³', [-MAX, MAX], V),
    on('a range of 2⁵³ + 1 (which rounds to 2⁵³ in doubles)', [-(2 ** 52), 2 ** 52 + 1], V),
    on('a size', [0, 10, 5], A),
    ...detached('int'),
  ],
  'Rng#normal': [
    on('a negative std', [0, -1], V),
    on('NaN mean', [NaN, 1], V),
    on('∞ std', [0, Infinity], V),
    on('a string std', [0, '1'], A),
    on('null mean', [null, 1], A),
    on('a size (numpy\'s normal(loc, scale, size))', [0, 1, 5], A),
    ...detached('normal'),
  ],
  'Rng#permutation': [
    on('n = −1', [-1], V),
    on('a fractional n', [2.5], V),
    on('NaN', [NaN], V),
    on('n past 2³¹ (indices would not fit an Int32Array)', [2 ** 31 + 1], V),
    on('a string n', ['3'], A),
    on('no n', [], A),
    on('a second argument', [3, 1], A),
    ...detached('permutation'),
  ],
  'Rng#shuffle': [
    on('a string', ['abc'], A),
    on('a Float64Array', [Float64Array.of(1, 2, 3)], A),
    on('an array-like object', [{ length: 2, 0: 'a', 1: 'b' }], A),
    on('a Set', [new Set([1, 2])], A),
    on('null', [null], A),
    on('no items', [], A),
    on('a second argument', [[1, 2], 1], A),
    ...detached('shuffle'),
  ],
  'Rng#sample': [
    on('k > n', [3, 4], V),
    on('a fractional k', [5, 2.5], V),
    on('a fractional n', [5.5, 2], V),
    on('n = −1', [-1, 0], V),
    on('k = −1', [5, -1], V),
    on('n past 2³¹ (indices would not fit an Int32Array)', [2 ** 31 + 1, 1], V),
    on('a string n', ['5', 2], A),
    on('no k', [5], A),
    on('a third argument', [5, 2, 1], A),
    ...detached('sample'),
  ],
  'Rng#choice': [
    on('a number', [3], A),
    on('a string', ['abc'], A),
    on('null', [null], A),
    on('an array-like object', [{ length: 1, 0: 1 }], A),
    on('a Set', [new Set([1])], A),
    on('a DataView', [new DataView(new ArrayBuffer(8))], A),
    on('a BigInt64Array', [BigInt64Array.of(1n, 2n)], A),
    on('no weights', [[]], V),
    on('all zero', [[0, 0]], V),
    on('all zero in a Float64Array', [new Float64Array(3)], V),
    on('a negative weight', [[1, -1]], V),
    on('a NaN weight', [[1, NaN]], V),
    on('an ∞ weight', [[1, Infinity]], V),
    on('a string weight', [[1, '2']], A),
    on('a hole', [[1, , 2]], A),
    on('a second argument', [[1, 2], 1], A),
    ...detached('choice'),
  ],
}, { everyMethod: true });
