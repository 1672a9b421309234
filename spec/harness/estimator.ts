/**
 * The shared contract of every estimator (KMeans, PCA, DecisionTree,
 * GaussianNB, LinearRegression, …), checked the same way for all of them,
 * in the manner of scikit-learn's common estimator checks:
 *
 *   1. same seed, same model      two fresh estimators with one seed fit the same
 *                                 data to the same saved state (toJSON equal)
 *   2. fit twice, same model      fitting again on the same data gives the state
 *                                 of a single fit (no leftovers from the first)
 *   3. order of samples           permuting the rows of X (and y) changes the
 *                                 output only within `order` (or not at all)
 *   4. JSON round trip            fromJSON(JSON.parse(JSON.stringify(m.toJSON())))
 *                                 gives bit-identical outputs
 *   5. a failed fit changes nothing   fitting data with a NaN throws an MLError and
 *                                 leaves a fitted model's state and outputs as they were
 *   6. not fitted                 the output of an unfitted estimator is a NotFittedError
 *
 * The estimator is used only through the functions given here, so that each
 * estimator names its own method (`predict`, `transform`, `predictProba`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MLError, NotFittedError } from '../../src/errors/index.js';
import { Rng } from '../../src/random/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { checkProperty } from './property.js';
import { assertClose, assertSameBits } from './assert.js';
import type { Tolerance } from './assert.js';

/** What the shared checks need to know about one estimator. */
export interface EstimatorUnderTest<E> {
  /** The estimator's name, for the tests' names. */
  name: string;
  /** A fresh, unfitted estimator whose randomness (if any) comes from `seed`. */
  make(seed: number): E;
  /** fit(X, y) as the estimator spells it. */
  fit(model: E, X: Tensor, y: Tensor | undefined): void;
  /** The output by which two models are compared: predict, transform or predictProba. */
  output(model: E, X: Tensor): Tensor;
  /** The saved state: `model.toJSON()`. */
  toJSON(model: E): unknown;
  /** Rebuild a model from its saved state: `Class.fromJSON(json)`. */
  fromJSON(json: unknown): E;
  /** Seeded training data (a few dozen rows is plenty). */
  data(rng: Rng): { X: Tensor; y?: Tensor };
  /**
   * How far a permutation of the rows may move the output: 'exact' (same
   * bits), a tolerance, or a reason the check does not apply.
   */
  order: 'exact' | Tolerance | { skip: string };
  /** Cases per property (default 5). */
  runs?: number;
}

/** Rows of X (and entries of y) in the order `p`. Internal: p is a permutation of the rows. */
function permuteRows(X: Tensor, p: Int32Array): Tensor {
  const n = X.shape[0]!, d = X.data.length / Math.max(n, 1);
  const data = new Float64Array(X.data.length);
  for (let i = 0; i < n; i++) data.set(X.data.subarray(p[i]! * d, p[i]! * d + d), i * d);
  return { shape: [...X.shape], data };
}

/** The same tensor with one NaN planted in the middle of X. */
function withNaN(X: Tensor): Tensor {
  const data = X.data.slice();
  data[data.length >> 1] = NaN;
  return { shape: [...X.shape], data };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Register the six shared checks of the file comment for one estimator. */
export function estimatorChecks<E>(e: EstimatorUnderTest<E>): void {
  const runs = e.runs ?? 5;
  const fitted = (seed: number, X: Tensor, y: Tensor | undefined): E => {
    const m = e.make(seed);
    e.fit(m, X, y);
    return m;
  };
  const arb = (rng: Rng) => ({ seed: rng.int(0, 1 << 30), ...e.data(rng) });

  test(`estimator ${e.name}: same seed, same model; fit twice, same model`, () => {
    checkProperty(`estimator ${e.name}: same seed`, arb, ({ seed, X, y }) => {
      const a = fitted(seed, X, y), b = fitted(seed, X, y);
      assert.ok(same(e.toJSON(a), e.toJSON(b)), 'two fits with the same seed saved different states');
      e.fit(a, X, y);
      assert.ok(same(e.toJSON(a), e.toJSON(b)), 'fitting twice saved a different state than fitting once');
    }, { runs });
  });

  test(`estimator ${e.name}: the order of the samples does not change the fit`, (t) => {
    const order = e.order;
    if (order !== 'exact' && 'skip' in order) return t.skip(order.skip);
    checkProperty(`estimator ${e.name}: order`, arb, ({ seed, X, y }) => {
      const p = new Rng(seed).permutation(X.shape[0]!);
      const a = fitted(seed, X, y);
      const b = fitted(seed, permuteRows(X, p), y === undefined ? undefined : permuteRows(y, p));
      const oa = e.output(a, X), ob = e.output(b, X);
      if (order === 'exact') assertSameBits(ob.data, oa.data, 'output after permuting the rows');
      else assertClose(ob, oa, order, 'output after permuting the rows');
    }, { runs });
  });

  test(`estimator ${e.name}: a JSON round trip gives bit-identical outputs`, () => {
    checkProperty(`estimator ${e.name}: JSON`, arb, ({ seed, X, y }) => {
      const a = fitted(seed, X, y);
      const b = e.fromJSON(JSON.parse(JSON.stringify(e.toJSON(a))));
      assertSameBits(e.output(b, X).data, e.output(a, X).data, 'output after the JSON round trip');
    }, { runs });
  });

  test(`estimator ${e.name}: a failed fit leaves the fitted model as it was`, () => {
    checkProperty(`estimator ${e.name}: failed fit`, arb, ({ seed, X, y }) => {
      const a = fitted(seed, X, y);
      const state = JSON.stringify(e.toJSON(a)), out = e.output(a, X);
      assert.throws(() => e.fit(a, withNaN(X), y), (error: unknown) => error instanceof MLError);
      assert.equal(JSON.stringify(e.toJSON(a)), state, 'the failed fit changed the saved state');
      assertSameBits(e.output(a, X).data, out.data, 'output after the failed fit');
    }, { runs });
  });

  test(`estimator ${e.name}: an unfitted estimator refuses with NotFittedError`, () => {
    const { X } = e.data(new Rng(1));
    assert.throws(() => e.output(e.make(1), X), (error: unknown) => error instanceof NotFittedError);
  });
}
