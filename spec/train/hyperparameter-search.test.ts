/**
 * Hyperparameter search for a network trained by fit (EQ-OPTIMIZERS-30):
 * grid search scores every setting of the Cartesian product once, Π|values|
 * in all, and keeps the best validation (CV) score, the first on a tie;
 * random search draws its settings inside the given bounds (the learning
 * rate on a log scale) reproducibly from its seed; and the hyperparameters
 * are not parameters of the model, so the optimizer never changes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Sequential, Tanh } from '../../src/layers/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { accuracy } from '../../src/metrics/index.js';
import { Adam } from '../../src/optimizers/index.js';
import { fit, gridSearch, randomSearch } from '../../src/train/index.js';

interface Settings {
  lr: number;
  hidden: number;
}

/** A small classifier trained by fit with Adam: hyperparameters η and the hidden width. */
class NetClassifier {
  static made: Settings[] = [];
  net: Sequential | null = null;
  adam: Adam | null = null;
  constructor(readonly settings: Settings) {
    NetClassifier.made.push(settings);
  }
  fit(X: Tensor, y?: Tensor): this {
    const rng = new Rng(1);
    this.net = new Sequential([new Dense(X.shape[1]!, this.settings.hidden, { rng }), new Tanh(), new Dense(this.settings.hidden, 2, { rng })]);
    this.adam = new Adam(this.net.parameters(), { lr: this.settings.lr });
    fit(this.net, crossEntropyWithLogits, this.adam, { X, y: y! }, { epochs: 5, batchSize: 16, rng: 2, progress: false });
    return this;
  }
  score(X: Tensor, y: Tensor): number {
    return accuracy(y, linalg.argmax(ad.noGrad(() => this.net!.forward(ad.constant(X))).value, { axis: 1 }));
  }
}

/** 60 points in two blobs, labels 0/1. */
function blobs(seed: number): { X: Tensor; y: Tensor } {
  const rng = new Rng(seed);
  const y = linalg.tensor(Array.from({ length: 60 }, (_, i) => i % 2), [60]);
  const X = linalg.tensor(Array.from({ length: 120 }, (_, k) => rng.normal() + (y.data[Math.floor(k / 2)] === 1 ? 1 : -1)), [60, 2]);
  return { X, y };
}

test('EQ-OPTIMIZERS-30 grid search scores each of the Π|values| settings once, keeps the best CV score (first on a tie), and refits it', () => {
  const { X, y } = blobs(4);
  NetClassifier.made = [];
  const grid = { lr: [1e-3, 1e-2, 1e-1], hidden: [2, 6] };
  const result = gridSearch((p: Settings) => new NetClassifier(p), grid, X, y, { folds: 3, rng: new Rng(5) });
  const settings = result.results.map((r) => `${r.params.lr}/${r.params.hidden}`);
  assert.equal(settings.length, 3 * 2);
  assert.equal(new Set(settings).size, 6);
  assert.deepEqual(new Set(settings), new Set(grid.lr.flatMap((lr) => grid.hidden.map((h) => `${lr}/${h}`))));
  // 3 folds per setting, then the refit of the best.
  assert.equal(NetClassifier.made.length, 6 * 3 + 1);
  const means = result.results.map((r) => r.mean);
  const first = means.indexOf(Math.max(...means));
  assert.deepEqual(result.best, result.results[first]!.params);
  assert.equal(result.bestScore, means[first]);
  assert.deepEqual(result.model!.settings, result.best);
  // A scoring that ties every setting: the first of the grid wins.
  const tie = gridSearch((p: Settings) => new NetClassifier(p), grid, X, y, { folds: 3, rng: new Rng(5), scoring: () => 0.5, refit: false });
  assert.deepEqual(tie.best, { lr: 1e-3, hidden: 2 });
});

test('EQ-OPTIMIZERS-30 random search draws N settings inside the bounds, each the value its sampler returned from the search\'s rng, the same ones for the same seed', () => {
  const { X, y } = blobs(6);
  const space = { lr: (rng: Rng): number => 10 ** rng.uniform(-4, -1), hidden: [2, 3, 4] };
  const run = (seed: number): Settings[] =>
    randomSearch((p: Settings) => new NetClassifier(p), space, X, y, { folds: 2, rng: new Rng(seed), iterations: 6, refit: false }).results.map((r) => r.params);
  const a = run(7), b = run(7), c = run(8);
  assert.equal(a.length, 6);
  assert.deepEqual(b, a);
  assert.notDeepEqual(c, a);
  for (const s of [...a, ...c]) {
    assert.ok(s.lr >= 1e-4 && s.lr <= 1e-1, `lr ${s.lr}`);
    assert.ok([2, 3, 4].includes(s.hidden));
  }
  // The settings are the sampler's answers, in the order it gave them, drawn from the search's rng.
  const drawn: number[] = [];
  const spy = { lr: (rng: Rng): number => { const v = 10 ** rng.uniform(-4, -1); drawn.push(v); return v; }, hidden: [2] };
  const spied = randomSearch((p: Settings) => new NetClassifier(p), spy, X, y, { folds: 2, rng: new Rng(7), iterations: 4, refit: false });
  // (The search first draws every setting on a copy of its rng, so that a failing sampler fails before rng moves.)
  assert.equal(drawn.length, 8);
  assert.deepEqual(spied.results.map((r) => r.params.lr), drawn.slice(4));
  assert.deepEqual(drawn.slice(0, 4), drawn.slice(4), 'the dry run draws what the search then uses');
});

test('EQ-OPTIMIZERS-30 hyperparameters are not in model.parameters(): training moves the weights, never η or the width', () => {
  const { X, y } = blobs(3);
  const model = new NetClassifier({ lr: 0.05, hidden: 3 }).fit(X, y);
  const params = model.net!.parameters();
  assert.equal(params.reduce((n, p) => n + p.value.data.length, 0), 2 * 3 + 3 + 3 * 2 + 2);
  assert.ok(params.every((p) => !p.value.data.includes(0.05)));
  const initRng = new Rng(1); // the weights before training, drawn as fit draws them
  const initial = new Sequential([new Dense(2, 3, { rng: initRng }), new Tanh(), new Dense(3, 2, { rng: initRng })]).parameters();
  params.forEach((p, k) => assert.notDeepEqual(Array.from(p.value.data), Array.from(initial[k]!.value.data), `parameter ${k} moved`));
  assert.equal(model.adam!.lr, 0.05);
  assert.deepEqual(model.settings, { lr: 0.05, hidden: 3 });
  assert.equal(model.adam!.t, 5 * Math.ceil(60 / 16));
});
