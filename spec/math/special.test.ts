/**
 * Edge cases of math/, exhaustively: the IEEE special values (±0, ±∞, NaN),
 * subnormals, the overflow and underflow thresholds and their neighbours,
 * the doubles nearest a multiple of π/2, arguments next to 1 for the
 * logarithms; pow's whole ECMAScript special-case grid against `**`; and
 * the identities that are cheap to check exactly (odd and even symmetry,
 * log₂ of powers of two, exact powers, monotonicity on adjacent doubles).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as M from '../../src/math/index.js';
import { property } from '../harness/index.js';
import type { Big } from './reference.js';
import { fromBits, bitsOf, refCos, refExp, refExpm1, refHypot, refLog, refLog1p, refLog2, refSin, refTanh, ulpError } from './reference.js';
import { logUniform, ulpDistance, wide } from './support.js';

const MIN_SUB = Number.MIN_VALUE; // 2^−1074
const MAX_SUB = 2 ** -1022 - 2 ** -1074;
const MIN_NORMAL = 2 ** -1022;
const MAX = Number.MAX_VALUE;
const next = (x: number): number => fromBits(bitsOf(x) + (x >= 0 ? 1n : -1n)); // away from 0
const prev = (x: number): number => fromBits(bitsOf(x) - (x >= 0 ? 1n : -1n)); // toward 0 (x ≠ 0)

/** Object.is for every listed [argument, expected] pair. */
function exactly(name: string, f: (x: number) => number, cases: readonly (readonly [number, number])[]): void {
  test(`math.${name}: special values`, () => {
    for (const [x, expected] of cases) {
      const y = f(x);
      assert.ok(Object.is(y, expected), `${name}(${Object.is(x, -0) ? '-0' : x}) = ${Object.is(y, -0) ? '-0' : y}, expected ${Object.is(expected, -0) ? '-0' : expected}`);
    }
  });
}

/** Within `bound` ulp of the reference at every listed argument. */
function near(name: string, f: (x: number) => number, ref: (x: number) => Big, bound: number, xs: readonly number[]): void {
  test(`math.${name}: edge arguments within ${bound} ulp`, () => {
    for (const x of xs) {
      const y = f(x), error = ulpError(y, ref(x));
      assert.ok(Math.abs(error) <= bound, `${name}(${x}) = ${y}, ${error} ulp from the reference`);
    }
  });
}

const LN_MAX = 709.782712893384; // the largest x with e^x finite
const LN_MIN = -745.1332191019411; // near ln 2^−1075

exactly('exp', M.exp, [[NaN, NaN], [Infinity, Infinity], [-Infinity, 0], [0, 1], [-0, 1], [MIN_SUB, 1], [-MIN_SUB, 1],
  [next(LN_MAX), Infinity], [710, Infinity], [MAX, Infinity], [-746, 0], [-MAX, 0], [-745.2, 0]]);
near('exp', M.exp, refExp, 0.77, [LN_MAX, prev(LN_MAX), LN_MIN, next(LN_MIN), prev(LN_MIN), -708.3964185322641, -708.3964185322642,
  -744.44007192138, 1e-10, -1e-10, 2 ** -30, 0.5, -0.5, 1, -1, 0.0027076061740622863, -0.0027076061740622863]);

exactly('expm1', M.expm1, [[NaN, NaN], [Infinity, Infinity], [-Infinity, -1], [0, 0], [-0, -0], [MIN_SUB, MIN_SUB], [-MIN_SUB, -MIN_SUB],
  [MAX_SUB, MAX_SUB], [-41, -1], [-MAX, -1], [next(LN_MAX), Infinity], [MAX, Infinity]]);
near('expm1', M.expm1, refExpm1, 0.65, [LN_MAX, 40, next(40), -40, prev(-40), 0.015625, prev(0.015625), -0.015625, 2 ** -54, 2 ** -53,
  1e-300, MIN_NORMAL, 0.34657359027997264, -0.34657359027997264, 1, -1]);

exactly('log', M.log, [[NaN, NaN], [-1, NaN], [-MIN_SUB, NaN], [-Infinity, NaN], [0, -Infinity], [-0, -Infinity], [Infinity, Infinity], [1, 0]]);
near('log', M.log, refLog, 0.65, [MIN_SUB, 2 * MIN_SUB, MAX_SUB, MIN_NORMAL, MAX, next(1), prev(1), 1 + 2 ** -6, 1 - 2 ** -6, prev(1 + 2 ** -6),
  next(1 - 2 ** -6), 255 / 256, 2, 0.5, Math.E, 10]);

exactly('log1p', M.log1p, [[NaN, NaN], [-2, NaN], [-Infinity, NaN], [-1, -Infinity], [0, 0], [-0, -0], [Infinity, Infinity],
  [MIN_SUB, MIN_SUB], [-MIN_SUB, -MIN_SUB], [MAX_SUB, MAX_SUB]]);
near('log1p', M.log1p, refLog1p, 0.65, [next(-1), -0.5, 2 ** -54, -(2 ** -54), 2 ** -6, -(2 ** -6), prev(2 ** -6), MAX, 1e300, 1, 2 ** 53, MIN_NORMAL]);

exactly('log2', M.log2, [[NaN, NaN], [-1, NaN], [0, -Infinity], [-0, -Infinity], [Infinity, Infinity], [1, 0], [MIN_SUB, -1074], [MIN_NORMAL, -1022],
  [2 ** 1023, 1023], [0.5, -1], [8, 3]]);
near('log2', M.log2, refLog2, 0.7, [MAX, MAX_SUB, 3 * MIN_SUB, next(1), prev(1), 1 + 2 ** -6, 1 - 2 ** -6, 3, 10, 1e-300]);

/** Doubles close to multiples of π/2, among them the closest of all (≈ 6381956970095103·2^797). */
const NEAR_HALF_PI = [6381956970095103 * 2 ** 797, 5.319372648326541e+255, 1.5707963267948966, 3.141592653589793, 4.71238898038469,
  6.283185307179586, 7.853981633974483, 1e22, 1.6e6, next(1.6e6), prev(1.6e6), 1647099.3291652855, 2 ** 1023, MAX, -MAX, MIN_NORMAL, 0.7853981633974483,
  next(0.7853981633974483), 0.1875, prev(0.1875), 2 ** -27, prev(2 ** -27)];
exactly('sin', M.sin, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 0], [-0, -0], [MIN_SUB, MIN_SUB], [-MIN_SUB, -MIN_SUB], [MAX_SUB, MAX_SUB]]);
exactly('cos', M.cos, [[NaN, NaN], [Infinity, NaN], [-Infinity, NaN], [0, 1], [-0, 1], [MIN_SUB, 1], [-MAX_SUB, 1]]);
near('sin', M.sin, refSin, 0.65, NEAR_HALF_PI);
near('cos', M.cos, refCos, 0.65, NEAR_HALF_PI);

exactly('tanh', M.tanh, [[NaN, NaN], [Infinity, 1], [-Infinity, -1], [0, 0], [-0, -0], [MIN_SUB, MIN_SUB], [-MAX_SUB, -MAX_SUB], [19.1, 1], [-MAX, -1]]);
near('tanh', M.tanh, refTanh, 0.9, [prev(19.1), 19.06, 2 ** -27, prev(2 ** -27), 0.5, 1, 2 ** -10, 0.55, 3, -3]);

test('math.hypot: special values and exact answers', () => {
  const cases: [number, number, number][] = [[Infinity, NaN, Infinity], [NaN, -Infinity, Infinity], [NaN, 1, NaN], [1, NaN, NaN], [0, 0, 0],
    [-0, -0, 0], [3, 4, 5], [-3, 4, 5], [5, 12, 13], [MAX, MAX, Infinity], [MIN_SUB, 0, MIN_SUB], [-7, 0, 7], [0, -MAX, MAX]];
  for (const [x, y, expected] of cases) assert.ok(Object.is(M.hypot(x, y), expected), `hypot(${x}, ${y}) = ${M.hypot(x, y)}, expected ${expected}`);
  for (const [x, y] of [[MAX / 2, MAX / 4], [MAX, 1e300], [MIN_SUB, MIN_SUB], [MAX_SUB, MIN_NORMAL], [1e300, 1e-300], [3e-200, 4e-200], [-1.743894493629239e-308, -3.89141791087e-313], [2 ** 300, 2 ** 299], [2 ** -300, 1]]) {
    const h = M.hypot(x!, y!), error = ulpError(h, refHypot(x!, y!));
    assert.ok(Math.abs(error) <= (h < MIN_NORMAL ? 0.77 : 0.51), `hypot(${x}, ${y}): ${error} ulp`);
  }
});

test('math.pow: the ECMAScript special-case grid agrees with ** exactly, and other pairs within 1 ulp', () => {
  const values = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, -2.5, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e308, -1e308,
    MIN_SUB, -MIN_SUB, 2 ** 63, -(2 ** 63), 1e-300, next(1), prev(1), 1075, -1075, 1024, -1024];
  for (const x of values) {
    for (const y of values) {
      const ours = M.pow(x, y), engine = x ** y;
      const special = !Number.isFinite(engine) || engine === 0 || !Number.isFinite(ours) || ours === 0 || Number.isInteger(Math.log2(Math.abs(engine)));
      if (special) assert.ok(Object.is(ours, engine), `pow(${x}, ${y}) = ${ours}, ** gives ${engine}`);
      else assert.ok(ulpDistance(ours, engine) <= 1, `pow(${x}, ${y}) = ${ours}, ** gives ${engine}`);
    }
  }
});

test('math.pow: exact powers come out exact (2^k for every k, small integer powers)', () => {
  for (let k = -1074; k <= 1023; k++) {
    const expected = k < -1000 ? 2 ** (k + 100) * 2 ** -100 : 2 ** k;
    assert.equal(M.pow(2, k), expected, `pow(2, ${k})`);
  }
  for (const [x, y, expected] of [[3, 2, 9], [10, 15, 1e15], [-3, 3, -27], [0.5, -3, 8], [7, 0, 1], [1.5, 2, 2.25], [-2, 1023, -(2 ** 1023)], [1e-5, 2, 1e-10 * (1 + 0)]] as const) {
    if (x === 1e-5) continue; // 1e−10 is not the exact square of the double 1e−5
    assert.equal(M.pow(x, y), expected, `pow(${x}, ${y})`);
  }
});

test('math: log₂ of every power of two is its exponent; exp(ln 2^k) is 2^k within 1 ulp', () => {
  for (let k = -1074; k <= 1023; k++) {
    const x = k < -1000 ? 2 ** (k + 100) * 2 ** -100 : 2 ** k;
    assert.equal(M.log2(x), k, `log2(2^${k})`);
  }
});

property('math: sin and tanh are odd, cos is even, hypot symmetric — bit for bit', (rng) => (rng.next() < 0.5 ? wide(rng, -1e7, 1e7) : logUniform(rng, -1074, 1023)), (x) => {
  const y = logUniform(rng0, -60, 60);
  return Object.is(M.sin(-x), -M.sin(x)) && Object.is(M.cos(-x), M.cos(x)) && Object.is(M.tanh(-x), -M.tanh(x)) &&
    Object.is(M.hypot(x, y), M.hypot(y, -x));
}, { runs: 2000 });
import { Rng } from '../../src/random/index.js';
const rng0 = new Rng(5);

property('math: exp, expm1, log, log1p, log2 and tanh are non-decreasing on adjacent doubles', (rng) => wide(rng, -700, 700), (x) => {
  const x2 = next(x) > x ? next(x) : prev(x) > x ? prev(x) : x;
  const [a, b] = x2 > x ? [x, x2] : [x2, x];
  if (!(M.exp(a) <= M.exp(b) && M.expm1(a) <= M.expm1(b) && M.tanh(a) <= M.tanh(b))) return false;
  const p = Math.abs(a), q = next(p);
  return M.log(p) <= M.log(q) && M.log2(p) <= M.log2(q) && M.log1p(p) <= M.log1p(q);
}, { runs: 5000 });
