/**
 * Specs of the harness itself: a property that must fail does fail and
 * reports its seed and case; seeds replay; shrinking reaches a minimal
 * counterexample; assertClose applies |a − b| ≤ atol + rtol·max(|a|, |b|).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { PropertyFailure, assertClose, checkProperty, gen, hashSeed, isClose, property, resolveOptions } from './index.js';

/**
 * Run `body` with PROPERTY_SEED and PROPERTY_RUNS unset, so that these specs,
 * which test the harness's own seeds, hold when the suite runs with overrides.
 */
function withoutOverrides(body: () => void): () => void {
  return () => {
    const saved = { PROPERTY_SEED: process.env.PROPERTY_SEED, PROPERTY_RUNS: process.env.PROPERTY_RUNS };
    delete process.env.PROPERTY_SEED;
    delete process.env.PROPERTY_RUNS;
    try {
      body();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]; else process.env[key] = value;
      }
    }
  };
}

test('a property that must fail does fail, and reports its seed, case and counterexample', withoutOverrides(() => {
  let failure: unknown;
  try {
    checkProperty('x is below 0.5', (rng: Rng) => rng.next(), (x) => x < 0.5, { seed: 1234 });
  } catch (error) {
    failure = error;
  }
  assert.ok(failure instanceof PropertyFailure, 'expected a PropertyFailure');
  assert.equal(failure.seed, 1234);
  assert.match(failure.message, /seed 1234/);
  assert.match(failure.message, /PROPERTY_SEED=1234/);
  assert.match(failure.message, new RegExp(`case ${failure.caseIndex}`));
  assert.ok((failure.counterexample as number) >= 0.5);
}));

test('the same seed replays the same cases; another seed gives others', withoutOverrides(() => {
  const draw = (seed: number): number[] => {
    const seen: number[] = [];
    checkProperty('record', (rng: Rng) => rng.next(), (x) => { seen.push(x); }, { seed, runs: 20 });
    return seen;
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
}));

test('shrinking takes a failing number to the boundary of the failure', withoutOverrides(() => {
  try {
    checkProperty('below 10', gen.scalar({ min: -1e6, max: 1e6, edgeProbability: 0 }), (x) => Math.abs(x) < 10, { seed: 5 });
    assert.fail('the property should fail');
  } catch (error) {
    assert.ok(error instanceof PropertyFailure);
    const x = error.counterexample as number;
    assert.ok(Math.abs(x) >= 10 && Math.abs(x) < 40, `shrunk to ${x}`);
    assert.ok(error.shrinks > 0);
  }
}));

test('shrinking a vector zeroes the entries that do not matter', withoutOverrides(() => {
  try {
    checkProperty('first entry small', gen.vector(6), (v) => Math.abs(v.data[0]) < 0.5, { seed: 3 });
    assert.fail('the property should fail');
  } catch (error) {
    assert.ok(error instanceof PropertyFailure);
    const v = (error.counterexample as { data: Float64Array }).data;
    for (let i = 1; i < v.length; i++) assert.equal(v[i], 0);
  }
}));

test('the predicate may fail by throwing; the original reason is in the message', withoutOverrides(() => {
  assert.throws(
    () => checkProperty('throws', (rng: Rng) => rng.next(), () => { throw new Error('boom'); }, { seed: 1 }),
    (e: unknown) => e instanceof PropertyFailure && /boom/.test(e.message) && e.caseIndex === 0,
  );
}));

test('PROPERTY_SEED and PROPERTY_RUNS override the options; the default seed hashes the name', withoutOverrides(() => {
  assert.deepEqual(resolveOptions('a name'), { seed: hashSeed('a name'), runs: 100 });
  assert.deepEqual(resolveOptions('a name', { seed: 9, runs: 3 }), { seed: 9, runs: 3 });
  process.env.PROPERTY_SEED = '42'; process.env.PROPERTY_RUNS = '5';
  assert.deepEqual(resolveOptions('a name', { seed: 9, runs: 3 }), { seed: 42, runs: 5 });
  process.env.PROPERTY_SEED = 'x';
  assert.throws(() => resolveOptions('a name'), /PROPERTY_SEED/);
  assert.notEqual(hashSeed('a'), hashSeed('b'));
}));

test('assertClose applies |a − b| ≤ atol + rtol·max(|a|, |b|) and names the first differing index', () => {
  assert.ok(isClose(1, 1 + 1e-10));
  assert.ok(!isClose(1, 1 + 1e-8));
  assert.ok(isClose(0, 1e-13));
  assert.ok(!isClose(0, 1e-11));
  assert.ok(isClose(NaN, NaN) && !isClose(NaN, 0) && isClose(Infinity, Infinity) && !isClose(Infinity, -Infinity));
  assert.ok(isClose(1e100, 1e100 * (1 + 1e-10)));
  assertClose([1, 2, 3], [1, 2, 3 + 1e-12]);
  assert.throws(() => assertClose([1, 2, 3], [1, 2.1, 3]), /index \[1\]/);
  const t = { shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) };
  const u = { shape: [2, 2], data: Float64Array.of(1, 2, 3, 5) };
  assert.throws(() => assertClose(t, u), /index \[1, 1\]/);
  assert.throws(() => assertClose(t, { shape: [4], data: t.data }), /shapes differ/);
  assert.throws(() => assertClose([1, 2], [1, 2, 3]), /shapes differ/);
  assertClose(1.5, 1.5 + 1e-3, { atol: 0, rtol: 1e-2 });
});

test('matrix generators keep their promises: symmetric, SPD, orthogonal, rank, condition', () => {
  const rng = new Rng(11);
  const s = gen.symmetric(5).generate(rng);
  assertClose(s, gen.referenceTranspose(s), { atol: 0, rtol: 0 });
  const q = gen.orthogonal(6).generate(rng);
  const qtq = gen.referenceMatmul(gen.referenceTranspose(q), q);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) assert.ok(Math.abs(qtq.data[i * 6 + j] - (i === j ? 1 : 0)) < 1e-14);
  const a = gen.spd(4).generate(rng);
  // Sylvester: every leading principal minor of an SPD matrix is positive (checked for 1×1 and 2×2).
  assert.ok(a.data[0] > 0 && a.data[0] * a.data[5] - a.data[1] * a.data[4] > 0);
  const r = gen.rankDeficient(7, 5, 2).generate(rng);
  assert.equal(r.rank, 2);
  assert.deepEqual(r.shape, [7, 5]);
  const ill = gen.illConditioned(4, 4, 1e10).generate(rng);
  assert.deepEqual(ill.shape, [4, 4]);
  assert.ok(gen.scalar().generate(rng) !== undefined);
  assert.ok([...gen.scalar().shrink!(3.5)].includes(0));
  const t = gen.tuple(gen.integer(2, 9), gen.oneOf('a', 'b')).generate(rng);
  assert.ok(t[0] >= 2 && t[0] <= 9 && (t[1] === 'a' || t[1] === 'b'));
});

property('a passing property runs all its cases', gen.scalar(), (x) => Number.isFinite(x));
