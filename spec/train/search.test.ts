/**
 * Grid and random search: every combination tried in order, all on the same
 * folds, the best the argmax of the CV score (the first on a tie), and the
 * refit on all the data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { crossValidate, gridSearch, kFold, randomSearch } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import { MeanModel } from './support.js';

const data = (rng: Rng) => {
  const n = rng.int(6, 40);
  return { X: linalg.randn([n, 2], rng), y: linalg.randn([n], rng, rng.normal(), 1), seed: rng.int(0, 1e6) };
};

property('gridSearch tries the product in order, scores each on the same folds as crossValidate, and keeps the argmax', data, ({ X, y, seed }) => {
  const grid = { offset: [-1, 0, 0.5, 2], scale: [1, 2] };
  const result = gridSearch((p: { offset: number; scale: number }) => new MeanModel(p.offset * p.scale), grid, X, y, { folds: 4, rng: new Rng(seed) });
  assert.deepEqual(result.results.map((r) => [r.params.offset, r.params.scale]), grid.offset.flatMap((o) => grid.scale.map((s) => [o, s])));
  const folds = kFold(X.shape[0]!, 4, { rng: new Rng(seed) });
  for (const r of result.results) {
    assert.deepEqual(r.scores, crossValidate(() => new MeanModel(r.params.offset * r.params.scale), X, y, { folds }).scores);
  }
  // The CV score is the mean of the (checked) fold scores; the best is its first argmax.
  const means = result.results.map((r) => r.scores.reduce((a, b) => a + b, 0) / r.scores.length);
  result.results.forEach((r, k) => assertClose(r.mean, means[k]!, { atol: 1e-12, rtol: 1e-12 }));
  const first = means.indexOf(Math.max(...means));
  assert.equal(result.bestScore, result.results[first]!.mean);
  assert.deepEqual(result.best, result.results[first]!.params);
  assert.equal(result.model!.rows, X.shape[0], 'refit on all the data');
  assert.equal(gridSearch((p: { offset: number }) => new MeanModel(p.offset), { offset: [0] }, X, y, { folds: 3, rng: new Rng(1), refit: false }).model, undefined);
});

property('randomSearch draws its settings from lists and samplers, reproducibly, and keeps the best', data, ({ X, y, seed }) => {
  const space = { offset: (rng: Rng) => rng.uniform(-1, 1), scale: [1, 3] };
  const run = () => randomSearch((p: { offset: number; scale: number }) => new MeanModel(p.offset * p.scale), space, X, y, { iterations: 6, folds: 3, rng: new Rng(seed) });
  const a = run(), b = run();
  assert.deepEqual(a.results.map((r) => r.params), b.results.map((r) => r.params));
  assert.equal(a.results.length, 6);
  assert.ok(a.results.every((r) => r.params.offset >= -1 && r.params.offset < 1 && [1, 3].includes(r.params.scale)));
  a.results.forEach((r) => assertClose(r.mean, r.scores.reduce((s, x) => s + x, 0) / r.scores.length, { atol: 1e-12, rtol: 1e-12 }));
  const best = Math.max(...a.results.map((r) => r.mean));
  assert.equal(a.bestScore, best);
  assert.deepEqual(a.best, a.results[a.results.findIndex((r) => r.mean === best)]!.params);
});

test('a search without a score method needs a scoring function', () => {
  const X = linalg.randn([6, 1], new Rng(1)), y = linalg.randn([6], new Rng(2));
  const noScore = () => ({ fit: () => undefined });
  assert.throws(() => gridSearch(noScore, { a: [1] }, X, y, { folds: 2, rng: new Rng(3) }), /no score/);
  const r = gridSearch(noScore, { a: [1, 2] }, X, y, { folds: 2, rng: new Rng(3), scoring: () => 1 });
  assert.deepEqual(r.best, { a: 1 }, 'the first setting wins a tie');
});
