/**
 * Specs of the harness itself: a property that must fail does fail and
 * reports its seed and case, also when generate() or shrink() throws; an
 * async predicate is refused; seeds and single cases replay; shrinking
 * reaches a minimal counterexample; a passing property runs every case;
 * assertClose applies |a − b| ≤ atol + rtol·max(|a|, |b|); the matrix
 * generators' rank and condition number hold by the library's SVD.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { svd } from '../../src/linalg/index.js';
import {
  AsyncPredicateError, PropertyFailure, assertClose, checkProperty, describe, gen, hashSeed, isClose, resolveOptions,
} from './index.js';

/**
 * Run `body` with PROPERTY_SEED, PROPERTY_RUNS and PROPERTY_CASE unset, so
 * that these specs, which test the harness's own seeds, hold when the suite
 * runs with overrides.
 */
function withoutOverrides(body: () => void): () => void {
  return () => {
    const saved = {
      PROPERTY_SEED: process.env.PROPERTY_SEED, PROPERTY_RUNS: process.env.PROPERTY_RUNS, PROPERTY_CASE: process.env.PROPERTY_CASE,
    };
    delete process.env.PROPERTY_SEED;
    delete process.env.PROPERTY_RUNS;
    delete process.env.PROPERTY_CASE;
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
    checkProperty('first entry small', gen.vector(6), (v) => Math.abs(v.data[0]!) < 0.5, { seed: 3 });
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

test('an error from generate() or shrink() is a PropertyFailure with the seed and case', withoutOverrides(() => {
  let calls = 0;
  const failsAtCase3 = { generate: (rng: Rng) => { if (calls++ === 3) throw new Error('bad draw'); return rng.next(); } };
  assert.throws(
    () => checkProperty('generate throws', failsAtCase3, () => true, { seed: 77 }),
    (e: unknown) => e instanceof PropertyFailure && e.stage === 'generate' && e.caseIndex === 3 && e.seed === 77 &&
      /case 3 with seed 77/.test(e.message) && /bad draw/.test(e.message),
  );
  const badShrink = {
    generate: (rng: Rng) => 10 + rng.next(),
    *shrink(x: number) { if (x > 7) yield 7; else throw new Error('shrink broke'); },
  };
  assert.throws(
    () => checkProperty('shrink throws', badShrink, (x) => x < 5, { seed: 78 }),
    (e: unknown) => e instanceof PropertyFailure && e.stage === 'shrink' && e.caseIndex === 0 && e.seed === 78 &&
      e.counterexample === 7 && e.shrinks === 1 && /shrink broke/.test(e.message) && /returned false/.test(e.message),
  );
}));

test('a predicate that returns a Promise is refused, not counted as a pass', withoutOverrides(() => {
  assert.throws(
    () => checkProperty('async', (rng: Rng) => rng.next(), async () => { throw new Error('never seen'); }, { seed: 1 }),
    (e: unknown) => e instanceof AsyncPredicateError && /synchronous/.test(e.message),
  );
  assert.throws(() => checkProperty('thenable', (rng: Rng) => rng.next(), () => ({ then() {} }), { seed: 1 }), AsyncPredicateError);
}));

test('PROPERTY_CASE=i runs case i alone, with the value the full run gives it', withoutOverrides(() => {
  const all: number[] = [];
  checkProperty('cases', (rng: Rng) => rng.next(), (x) => { all.push(x); }, { seed: 5, runs: 10 });
  assert.equal(all.length, 10);
  for (const i of [0, 7, 12]) {
    process.env.PROPERTY_CASE = String(i);
    const seen: number[] = [];
    checkProperty('cases', (rng: Rng) => rng.next(), (x) => { seen.push(x); }, { seed: 5, runs: 10 });
    delete process.env.PROPERTY_CASE;
    assert.equal(seen.length, 1);
    if (i < 10) assert.equal(seen[0], all[i]);
  }
  // A failure's message carries both variables needed to replay it.
  try {
    checkProperty('x is below 0.5', (rng: Rng) => rng.next(), (x) => x < 0.5, { seed: 1234 });
    assert.fail('the property should fail');
  } catch (error) {
    assert.ok(error instanceof PropertyFailure);
    assert.match(error.message, new RegExp(`PROPERTY_SEED=1234 PROPERTY_CASE=${error.caseIndex}`));
    process.env.PROPERTY_CASE = String(error.caseIndex);
    assert.throws(() => checkProperty('x is below 0.5', (rng: Rng) => rng.next(), (x) => x < 0.5, { seed: 1234 }),
      (e: unknown) => e instanceof PropertyFailure && e.caseIndex === error.caseIndex && e.counterexample === error.counterexample);
    delete process.env.PROPERTY_CASE;
  }
}));

test('describe keeps −0, ±∞ and NaN apart from 0 and from each other', () => {
  assert.equal(describe(-0), '"-0"');
  assert.equal(describe(Float64Array.of(-0, 0, Infinity, NaN)), '["-0",0,"Infinity","NaN"]');
});

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
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) assert.ok(Math.abs(qtq.data[i * 6 + j]! - (i === j ? 1 : 0)) < 1e-14);
  const a = gen.spd(4).generate(rng);
  // Sylvester: every leading principal minor of an SPD matrix is positive (checked for 1×1 and 2×2).
  const [a00, a01, a10, a11] = [a.data[0]!, a.data[1]!, a.data[4]!, a.data[5]!];
  assert.ok(a00 > 0 && a00 * a11 - a01 * a10 > 0);
  // Rank and condition by the library's SVD (tested elsewhere against its own invariants):
  // singular values below 1e-10·σ₁ count as zero.
  const numericalRank = (t: { shape: readonly number[]; data: Float64Array }): number => {
    const sigma = svd(t).S.data;
    return sigma.filter((s) => s > 1e-10 * sigma[0]!).length;
  };
  const r = gen.rankDeficient(7, 5, 2).generate(rng);
  assert.deepEqual(r.shape, [7, 5]);
  assert.equal(numericalRank(r), 2);
  for (let i = 0; i < 20; i++) {
    const d = gen.rankDeficient([1, 6], [1, 6]).generate(rng);
    const rows = d.shape[0]!, cols = d.shape[1]!, short = Math.min(rows, cols);
    const rank = d.data.every((x) => x === 0) ? 0 : numericalRank(d);
    assert.ok(rank === d.rank && rank < short, `${rows}×${cols} of rank ${rank}, promised ${d.rank} < ${short}`);
  }
  for (const [m, n, kappa] of [[4, 4, 1e10], [6, 3, 1e6], [3, 5, 100]] as const) {
    const ill = gen.illConditioned(m, n, kappa).generate(rng);
    assert.deepEqual(ill.shape, [m, n]);
    const sigma = svd(ill).S.data;
    assertClose(sigma[0]! / sigma[sigma.length - 1]!, kappa, { atol: 0, rtol: 1e-3 });
  }
  // scalar: the edge values are drawn, and min/max hold for edges and draws alike.
  const drawn = Array.from({ length: 400 }, () => gen.scalar().generate(rng));
  for (const e of gen.EDGE_VALUES) assert.ok(drawn.includes(e), `edge value ${e} never drawn in 400`);
  assert.ok(drawn.every(Number.isFinite));
  const bounded = Array.from({ length: 400 }, () => gen.scalar({ min: -2, max: 1 }).generate(rng));
  assert.ok(bounded.every((x) => x >= -2 && x <= 1), 'scalar({ min: −2, max: 1 }) left its range');
  assert.ok(bounded.includes(-1) && bounded.includes(1) && !bounded.includes(1e3), 'edges inside the range are drawn, outside are not');
  const halfLine = Array.from({ length: 400 }, () => gen.scalar({ min: 0 }).generate(rng));
  assert.ok(halfLine.every((x) => x >= 0) && halfLine.includes(1e100));
  assert.ok([...gen.scalar().shrink!(3.5)].includes(0));
  assert.deepEqual([...gen.scalar({ min: 1, max: 5 }).shrink!(3.5)], [3, 1.75], 'shrinking skips 0, outside [min, max]');
  const t = gen.tuple(gen.integer(2, 9), gen.oneOf('a', 'b')).generate(rng);
  assert.ok(t[0] >= 2 && t[0] <= 9 && (t[1] === 'a' || t[1] === 'b'));
});

test('a passing property runs all its cases: 100 by default, PROPERTY_RUNS when set', withoutOverrides(() => {
  let runs = 0;
  checkProperty('counts', gen.scalar(), (x) => { runs++; return Number.isFinite(x); });
  assert.equal(runs, 100);
  process.env.PROPERTY_RUNS = '17';
  runs = 0;
  checkProperty('counts', gen.scalar(), () => { runs++; }, { runs: 5 });
  assert.equal(runs, 17);
  delete process.env.PROPERTY_RUNS;
  runs = 0;
  checkProperty('counts', gen.scalar(), () => { runs++; }, { runs: 5 });
  assert.equal(runs, 5);
}));
