/**
 * The training loop: SGD as GD on one example and its average as the batch
 * step (EQ-OPTIMIZERS-04), the modes reproducing one another bit for bit
 * (05), the mini-batch gradient unbiased with the variance (σ²/B)(n−B)/(n−1)
 * (06), iteration and epoch accounting (07), the modes' trade-offs and the
 * streaming form (08), reproducibility, resetting gradients and any model
 * with forward and parameters (28), learning curves and evaluation mode
 * (29); and the stated behaviour on bad data and on a loss that becomes NaN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ConvergenceError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Module, ReLU, Sequential, Tanh } from '../../src/layers/index.js';
import { crossEntropyWithLogits, mse } from '../../src/losses/index.js';
import { Adam, SGD } from '../../src/optimizers/index.js';
import { fit, trainStep } from '../../src/train/index.js';
import type { FitOptions, History, StepLog } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import { bitsOf, seeds, valuesOf, withRng } from '../optimizers/support.js';

const quiet = { progress: false } as const;

/** y = X·w + b (+ noise): X: n×d, y: n×1. */
function regression(n: number, d: number, rng: Rng, noise = 0): { X: Tensor; y: Tensor } {
  const X = linalg.randn([n, d], rng), w = linalg.randn([d, 1], rng);
  return { X, y: linalg.add(linalg.add(linalg.matmul(X, w), rng.normal()), linalg.randn([n, 1], rng, 0, noise)) };
}

/** A Dense(d, 1) with weights from `seed`. */
const linear = (d: number, seed: number): Dense => new Dense(d, 1, { rng: new Rng(seed) });

/** The rows of t at `rows` (a copy). */
const rowsOf = (t: Tensor, rows: readonly number[]): Tensor => {
  const size = t.data.length / t.shape[0]!;
  const out = new Float64Array(rows.length * size);
  rows.forEach((r, i) => out.set(t.data.subarray(r * size, (r + 1) * size), i * size));
  return { shape: [rows.length, ...t.shape.slice(1)], data: out };
};

/** ∂/∂(w, b) of the MSE (1/m)Σ(xᵢ·w + b − yᵢ)² over the given rows, by its formula (2/m)Σ rᵢ(xᵢ, 1). */
function mseGradient(X: Tensor, y: Tensor, w: Float64Array, b: number, rows: readonly number[]): number[] {
  const d = X.shape[1]!, g = new Array<number>(d + 1).fill(0);
  for (const i of rows) {
    let r = b - y.data[i]!;
    for (let j = 0; j < d; j++) r += X.data[i * d + j]! * w[j]!;
    for (let j = 0; j < d; j++) g[j]! += (2 / rows.length) * r * X.data[i * d + j]!;
    g[d]! += (2 / rows.length) * r;
  }
  return g;
}

property('EQ-OPTIMIZERS-04 an SGD step on example i is a GD step on that example\'s loss, and the mean of the n SGD steps is the full-batch GD step', seeds, withRng((rng) => {
  const n = rng.int(2, 12), d = rng.int(1, 4), eta = rng.uniform(0.01, 0.5);
  const { X, y } = regression(n, d, rng);
  const start = linear(d, rng.int(0, 1000));
  const w0 = start.W.value.data.slice(), b0 = start.b!.value.data[0]!;
  const mean = new Array<number>(d + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const model = linear(d, 0);
    model.loadStateDict(start.stateDict());
    trainStep(model, mse, new SGD(model.parameters(), { lr: eta }), rowsOf(X, [i]), rowsOf(y, [i]));
    const g = mseGradient(X, y, w0, b0, [i]);
    const after = [...model.W.value.data, model.b!.value.data[0]!];
    assertClose(after, [...w0, b0].map((x, j) => x - eta * g[j]!), { atol: 1e-14, rtol: 1e-13 });
    after.forEach((x, j) => (mean[j]! += (x - [...w0, b0][j]!) / n));
  }
  const full = mseGradient(X, y, w0, b0, Array.from({ length: n }, (_, i) => i));
  assertClose(mean, full.map((g) => -eta * g), { atol: 1e-12, rtol: 1e-10 });
}), { runs: 40 });

property('EQ-OPTIMIZERS-04 on a consistent least-squares system (zero residual) SGD with a small constant η converges to the solution (1e-6)', seeds, withRng((rng) => {
  const n = rng.int(8, 20), d = rng.int(1, 4);
  const { X, y } = regression(n, d, rng, 0);
  const model = linear(d, rng.int(0, 1000));
  fit(model, mse, new SGD(model.parameters(), { lr: 0.05 }), { X, y }, { mode: 'stochastic', epochs: 400, rng, ...quiet });
  const A = linalg.tensor(Array.from({ length: n * (d + 1) }, (_, k) => (k % (d + 1) === d ? 1 : X.data[Math.floor(k / (d + 1)) * d + (k % (d + 1))]!)), [n, d + 1]);
  assertClose([...model.W.value.data, model.b!.value.data[0]!], linalg.lstsq(A, y).data, { atol: 1e-6, rtol: 0 });
}), { runs: 15 });

property('EQ-OPTIMIZERS-04 EQ-OPTIMIZERS-28 fit is reproducible from its seed, bit for bit (losses, parameters, optimizer state); another seed gives another run', seeds, withRng((rng) => {
  const { X, y } = regression(40, 3, rng, 0.1);
  const run = (seed: number): { history: History; theta: string[]; state: string } => {
    const net = new Sequential([new Dense(3, 5, { rng: new Rng(4) }), new Tanh(), new Dense(5, 1, { rng: new Rng(5) })]);
    const adam = new Adam(net.parameters(), { lr: 0.01 });
    const history = fit(net, mse, adam, { X, y }, { epochs: 3, batchSize: 8, rng: seed, ...quiet });
    return { history, theta: bitsOf(valuesOf(net.parameters())), state: JSON.stringify(adam) };
  };
  const seed = rng.int(0, 1e6);
  const a = run(seed), b = run(seed), c = run(seed + 1);
  assert.deepEqual(bitsOf(b.history.trainLoss), bitsOf(a.history.trainLoss));
  assert.deepEqual(b.theta, a.theta);
  assert.equal(b.state, a.state);
  assert.notDeepEqual(c.theta, a.theta);
}), { runs: 10 });

property('EQ-OPTIMIZERS-05 batch size n without shuffling is batch GD bit for bit (a hand-written loop and mode \'batch\'); batch size 1 in order is mode \'stochastic\'', seeds, withRng((rng) => {
  const n = rng.int(3, 12), d = rng.int(1, 4), eta = rng.uniform(0.01, 0.3), epochs = rng.int(1, 4);
  const { X, y } = regression(n, d, rng);
  const seed = rng.int(0, 1000);
  const train = (options: FitOptions): string[] => {
    const model = linear(d, seed);
    fit(model, mse, new SGD(model.parameters(), { lr: eta }), { X, y }, { epochs, ...quiet, ...options });
    return bitsOf(valuesOf(model.parameters()));
  };
  const byHand = linear(d, seed);
  for (let t = 0; t < epochs; t++) {
    byHand.zeroGrad();
    mse(byHand.forward(ad.constant(X)), y).backward();
    for (const p of byHand.parameters()) linalg.addScaledInto(p.value, p.grad, -eta);
  }
  assert.deepEqual(train({ batchSize: n, shuffle: false }), bitsOf(valuesOf(byHand.parameters())));
  assert.deepEqual(train({ mode: 'batch' }), bitsOf(valuesOf(byHand.parameters())));
  assert.deepEqual(train({ batchSize: 1, shuffle: false }), train({ mode: 'stochastic', shuffle: false }));
}), { runs: 30 });

property('EQ-OPTIMIZERS-05 without shuffling batch j is the half-open slice [jB, jB + B) of the rows; the default batch size is 32', seeds, withRng((rng) => {
  const n = rng.int(1, 100), B = rng.int(1, n + 1);
  const X = linalg.randn([n, 2], rng), y = linalg.randn([n, 1], rng);
  const seen: number[][] = [];
  const model = linear(2, 1);
  fit(model, mse, new SGD(model.parameters(), { lr: 0 }), { X, y }, { batchSize: B, shuffle: false, callbacks: [{ onStepEnd: (s) => seen.push(Array.from(s.indices)) }], ...quiet });
  assert.equal(seen.length, Math.ceil(n / B), 'one step per batch');
  seen.forEach((rows, j) => assert.deepEqual(rows, Array.from({ length: Math.min(B, n - j * B) }, (_, i) => j * B + i)));
  assert.deepEqual(seen.flat(), Array.from({ length: n }, (_, i) => i), 'every row once, in order');
  const counted = fit(model, mse, new SGD(model.parameters(), { lr: 0 }), { X: linalg.zeros([100, 2]), y: linalg.zeros([100, 1]) }, quiet);
  assert.equal(counted.iterationsPerEpoch, Math.ceil(100 / 32));
}), { runs: 30 });

/** All subsets of size k of 0 … n−1. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsets(n - 1, k), ...subsets(n - 1, k - 1).map((s) => [...s, n - 1])];
}

property('EQ-OPTIMIZERS-06 over all C(8, 3) batches the mean batch gradient is the full gradient and its variance is (σ²/B)(n − B)/(n − 1)', seeds, withRng((rng) => {
  const n = 8, B = 3, d = rng.int(1, 3);
  const { X, y } = regression(n, d, rng, 1);
  const model = linear(d, rng.int(0, 100));
  const gradientOn = (rows: readonly number[]): number[] => {
    model.zeroGrad();
    mse(model.forward(ad.constant(rowsOf(X, rows))), rowsOf(y, rows)).backward();
    return model.parameters().flatMap((p) => Array.from(p.grad.data));
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const full = gradientOn(all);
  const perExample = all.map((i) => gradientOn([i]));
  const batches = subsets(n, B).map(gradientOn);
  assert.equal(batches.length, 56);
  full.forEach((g, j) => {
    const mean = batches.reduce((s, b) => s + b[j]!, 0) / batches.length;
    assertClose(mean, g, { atol: 1e-12, rtol: 1e-12 });
    const sigma2 = perExample.reduce((s, e) => s + (e[j]! - g) ** 2, 0) / n;
    const variance = batches.reduce((s, b) => s + (b[j]! - g) ** 2, 0) / batches.length;
    assertClose(variance, (sigma2 / B) * ((n - B) / (n - 1)), { atol: 1e-12, rtol: 1e-10 });
  });
}), { runs: 30 });

property('EQ-OPTIMIZERS-06 with η = 0 an epoch\'s training loss is the full-data loss: the mean of equal batches\' losses, the size-weighted mean otherwise', seeds, withRng((rng) => {
  const n = rng.int(2, 40), B = rng.int(1, n + 1);
  const { X, y } = regression(n, 2, rng, 1);
  const model = linear(2, 3);
  const losses: number[] = [];
  const history = fit(model, mse, new SGD(model.parameters(), { lr: 0 }), { X, y }, { batchSize: B, rng, callbacks: [{ onStepEnd: (s) => losses.push(s.loss) }], ...quiet });
  const full = mse(model.forward(ad.constant(X)), y).item();
  assertClose(history.trainLoss[0]!, full, { atol: 1e-14, rtol: 1e-12 });
  if (n % B === 0) assertClose(losses.reduce((a, b) => a + b, 0) / losses.length, full, { atol: 1e-14, rtol: 1e-12 });
}), { runs: 40 });

test('EQ-OPTIMIZERS-06 the Monte-Carlo variance of the batch gradient falls over B = 1, 4, 16, 64 (n = 256, 300 batches each, pinned seed)', () => {
  const rng = new Rng(11);
  const { X, y } = regression(256, 2, rng, 1);
  const model = linear(2, 1);
  const variances = [1, 4, 16, 64].map((B) => {
    const g: number[] = [];
    for (let k = 0; k < 300; k++) {
      const rows = Array.from(rng.sample(256, B));
      model.zeroGrad();
      mse(model.forward(ad.constant(rowsOf(X, rows))), rowsOf(y, rows)).backward();
      g.push(model.W.grad.data[0]!);
    }
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    return g.reduce((s, x) => s + (x - mean) ** 2, 0) / (g.length - 1);
  });
  for (let k = 1; k < variances.length; k++) assert.ok(variances[k]! < variances[k - 1]!, `variances ${variances}`);
});

property('EQ-OPTIMIZERS-07 EQ-DATA-08 an epoch has n/B, ⌈n/B⌉ or (dropLast) ⌊n/B⌋ iterations, uses each example once, and t = E·iterations after E epochs', seeds, withRng((rng) => {
  const n = rng.int(1, 60), B = rng.next() < 0.3 ? [1, 2, 4, 5].filter((b) => n % b === 0).at(-1)! : rng.int(1, n + 1);
  const dropLast = rng.next() < 0.5, epochs = rng.int(1, 4);
  const X = linalg.randn([n, 2], rng), y = linalg.randn([n, 1], rng);
  const model = linear(2, 1), sgd = new SGD(model.parameters(), { lr: 1e-3 });
  const perEpoch: number[][] = Array.from({ length: epochs }, () => []);
  const history = fit(model, mse, sgd, { X, y }, {
    batchSize: B, dropLast, epochs, rng, callbacks: [{ onStepEnd: (s: StepLog) => perEpoch[s.epoch]!.push(...s.indices) }], ...quiet,
  });
  const expected = n % B === 0 ? n / B : dropLast ? Math.floor(n / B) : Math.ceil(n / B);
  assert.equal(history.iterationsPerEpoch, expected);
  assert.equal(sgd.t, epochs * expected);
  assert.equal(history.iterations, epochs * expected);
  for (const rows of perEpoch) {
    assert.equal(new Set(rows).size, rows.length, 'an example used twice in one epoch');
    assert.equal(rows.length, dropLast ? expected * B : n);
  }
}), { runs: 60 });

property('EQ-OPTIMIZERS-08 updates per epoch: batch 1, mini-batch ⌈n/B⌉, stochastic n; a step sees B rows; batch GD ignores the seed, SGD does not', seeds, withRng((rng) => {
  const n = rng.int(3, 30), B = rng.int(2, n + 1);
  const { X, y } = regression(n, 2, rng, 0.5);
  let rows = 0;
  const spy = new (class extends Module {
    readonly inner = this.registerModule('inner', linear(2, 7));
    forward(x: Var): Var {
      rows = Math.max(rows, x.value.shape[0]!);
      return this.inner.forward(x);
    }
  })();
  const counts = (['batch', 'minibatch', 'stochastic'] as const).map((mode) => {
    rows = 0;
    const h = fit(spy, mse, new SGD(spy.parameters(), { lr: 1e-3 }), { X, y }, { mode, ...(mode === 'minibatch' ? { batchSize: B } : {}), rng, ...quiet });
    return [h.iterationsPerEpoch, rows];
  });
  assert.deepEqual(counts, [[1, n], [Math.ceil(n / B), B], [n, 1]]);
  const run = (mode: 'batch' | 'stochastic', seed: number): string[] => {
    const model = linear(2, 9);
    fit(model, mse, new SGD(model.parameters(), { lr: 0.05 }), { X, y }, { mode, rng: seed, ...quiet });
    return bitsOf(valuesOf(model.parameters()));
  };
  assert.deepEqual(run('batch', 1), run('batch', 2));
  assert.notDeepEqual(run('stochastic', 1), run('stochastic', 2));
}), { runs: 30 });

property('EQ-OPTIMIZERS-08 the streaming form, trainStep example after example, gives the parameters of the offline loop bit for bit', seeds, withRng((rng) => {
  const n = rng.int(2, 15);
  const { X, y } = regression(n, 3, rng, 0.5);
  const offline = linear(3, 2), online = linear(3, 2);
  const order: number[] = [];
  fit(offline, mse, new Adam(offline.parameters(), { lr: 0.01 }), { X, y }, {
    mode: 'stochastic', epochs: 2, rng, callbacks: [{ onStepEnd: (s) => order.push(s.indices[0]!) }], ...quiet,
  });
  const adam = new Adam(online.parameters(), { lr: 0.01 });
  for (const i of order) trainStep(online, mse, adam, rowsOf(X, [i]), rowsOf(y, [i]));
  assert.deepEqual(bitsOf(valuesOf(online.parameters())), bitsOf(valuesOf(offline.parameters())));
}), { runs: 30 });

test('EQ-OPTIMIZERS-28 fit trains any object with forward and parameters (not a Module): a mock linear model', () => {
  const rng = new Rng(3);
  const { X, y } = regression(30, 2, rng);
  const w = ad.variable(linalg.zeros([2, 1])), b = ad.variable(linalg.zeros([1]));
  const mock = { forward: (x: Var): Var => ad.add(ad.matmul(x, w), b), parameters: (): Var[] => [w, b] };
  const history = fit(mock, mse, new SGD(mock.parameters(), { lr: 0.1 }), { X, y }, { mode: 'batch', epochs: 300, ...quiet });
  assert.ok(history.trainLoss.at(-1)! < 1e-10);
});

property('EQ-OPTIMIZERS-28 gradients are reset between iterations: with η = 0 two steps on one batch leave the same gradient, not twice it', seeds, withRng((rng) => {
  const { X, y } = regression(10, 3, rng, 1);
  const net = new Sequential([new Dense(3, 4, { rng }), new ReLU(), new Dense(4, 1, { rng })]);
  const sgd = new SGD(net.parameters(), { lr: 0 });
  trainStep(net, mse, sgd, X, y);
  const first = bitsOf(net.parameters().flatMap((p) => Array.from(p.grad.data)));
  trainStep(net, mse, sgd, X, y);
  assert.deepEqual(bitsOf(net.parameters().flatMap((p) => Array.from(p.grad.data))), first);
}), { runs: 20 });

test('EQ-OPTIMIZERS-28 on a seeded separable problem (two Gaussian blobs) the training loss after 20 epochs is far below the initial loss', () => {
  const rng = new Rng(8);
  const n = 100;
  const y = linalg.tensor(Array.from({ length: n }, (_, i) => i % 2), [n]);
  const X = linalg.tensor(Array.from({ length: 2 * n }, (_, k) => rng.normal() + (y.data[Math.floor(k / 2)]! === 1 ? 3 : -3)), [n, 2]);
  const net = new Sequential([new Dense(2, 8, { rng }), new ReLU(), new Dense(8, 2, { rng })]);
  const initial = crossEntropyWithLogits(net.forward(ad.constant(X)), y).item();
  const history = fit(net, crossEntropyWithLogits, new Adam(net.parameters(), { lr: 0.01 }), { X, y }, { epochs: 20, batchSize: 16, rng, ...quiet });
  assert.ok(history.trainLoss.at(-1)! < initial / 10, `${initial} → ${history.trainLoss.at(-1)}`);
});

/** A module whose forward adds noise in training mode (like dropout) and records the mode of each call. */
class Noisy extends Module {
  readonly inner: Dense;
  readonly modes: boolean[] = [];
  readonly #rng = new Rng(99);
  constructor(d: number) {
    super();
    this.inner = this.registerModule('inner', linear(d, 4));
  }
  forward(x: Var): Var {
    this.modes.push(this.training);
    const y = this.inner.forward(x);
    return this.training ? ad.add(y, linalg.randn(y.value.shape, this.#rng, 0, 0.1)) : y;
  }
}

property('EQ-OPTIMIZERS-29 the history holds one training and validation loss and metric per epoch; validation runs in evaluation mode and changes nothing', seeds, withRng((rng) => {
  const { X, y } = regression(30, 2, rng, 0.3);
  const val = regression(10, 2, rng, 0.3);
  const epochs = rng.int(1, 5);
  const metric = (p: Tensor, t: Tensor): number => -linalg.mean(linalg.square(linalg.sub(p, t)));
  const run = (validate: boolean): { model: Noisy; history: History; state: string } => {
    const model = new Noisy(2), adam = new Adam(model.parameters(), { lr: 0.01 });
    const history = fit(model, mse, adam, { X, y }, { epochs, batchSize: 8, rng: 5, metric, ...(validate ? { validation: val } : {}), ...quiet });
    return { model, history, state: JSON.stringify(adam) };
  };
  const withVal = run(true), without = run(false);
  const h = withVal.history;
  assert.equal(h.epochs, epochs);
  for (const list of [h.trainLoss, h.validationLoss, h.trainMetric, h.validationMetric, h.lr]) assert.equal(list.length, epochs);
  assert.deepEqual([without.history.validationLoss.length, without.history.validationMetric.length], [0, 0]);
  // Validation changed neither the parameters nor the optimizer's state (its noise is off in eval mode).
  assert.deepEqual(bitsOf(valuesOf(withVal.model.parameters())), bitsOf(valuesOf(without.model.parameters())));
  assert.equal(withVal.state, without.state);
  assert.deepEqual(bitsOf(h.trainLoss), bitsOf(without.history.trainLoss));
  // One validation call per epoch, in eval mode; the model is back in training mode after fit.
  assert.deepEqual(withVal.model.modes.filter((m) => !m).length, epochs);
  assert.equal(withVal.model.training, true);
  withVal.model.eval();
  const again = ad.noGrad(() => mse(withVal.model.forward(ad.constant(val.X)), val.y).item());
  assert.equal(again, h.validationLoss.at(-1));
  assert.equal(ad.noGrad(() => mse(withVal.model.forward(ad.constant(val.X)), val.y).item()), again);
}), { runs: 20 });

test('callbacks: onEpochEnd returning \'stop\' ends training after that epoch; a schedule sets η per epoch and is recorded', () => {
  const rng = new Rng(2);
  const { X, y } = regression(20, 2, rng);
  const model = linear(2, 1), sgd = new SGD(model.parameters(), { lr: 1 });
  const seen: number[] = [];
  const history = fit(model, mse, sgd, { X, y }, {
    epochs: 10, batchSize: 5, rng, schedule: (e) => 0.1 / (e + 1),
    callbacks: [{ onEpochEnd: (log) => (seen.push(log.epoch), log.epoch === 2 ? 'stop' : undefined) }], ...quiet,
  });
  assert.deepEqual(seen, [0, 1, 2]);
  assert.equal(history.epochs, 3);
  assert.equal(history.stoppedEarly, true);
  assert.deepEqual(history.lr, [0.1, 0.05, 0.1 / 3]);
  assert.equal(sgd.lr, 0.1 / 3);
});

test('bad data: targets of another length (ShapeError), no samples, a batch size of 0 or above n, NaN in the data (ValueError), before any change', () => {
  const model = linear(2, 1);
  const sgd = new SGD(model.parameters());
  const before = bitsOf(valuesOf(model.parameters()));
  const X = linalg.randn([6, 2], new Rng(1)), y = linalg.zeros([6, 1]);
  assert.throws(() => fit(model, mse, sgd, { X, y: linalg.zeros([5, 1]) }, quiet), (e: unknown) => e instanceof ShapeError && /6 samples but data\.y has 5/.test(e.message));
  assert.throws(() => fit(model, mse, sgd, { X: linalg.zeros([0, 2]), y: linalg.zeros([0, 1]) }, quiet), (e: unknown) => e instanceof ValueError && /empty/.test(e.message));
  assert.throws(() => fit(model, mse, sgd, { X, y }, { batchSize: 0, ...quiet }), ValueError);
  assert.throws(() => fit(model, mse, sgd, { X, y }, { batchSize: 7, ...quiet }), (e: unknown) => e instanceof ValueError && /batchSize 7 is larger than the 6 samples/.test(e.message));
  const nan = linalg.clone(X);
  nan.data[3] = NaN;
  assert.throws(() => fit(model, mse, sgd, { X: nan, y }, quiet), (e: unknown) => e instanceof ValueError && /finite/.test(e.message));
  assert.deepEqual(bitsOf(valuesOf(model.parameters())), before);
  assert.equal(sgd.t, 0);
});

test('a loss that becomes NaN stops fit with a ConvergenceError naming the epoch and step; the parameters are those of the last finite step', () => {
  const rng = new Rng(4);
  const { X, y } = regression(16, 2, rng);
  const model = linear(2, 1), sgd = new SGD(model.parameters(), { lr: 0.01 });
  let calls = 0, last: string[] = [];
  // A loss that turns NaN on its 7th call: epoch 1, step 2 with 4 batches per epoch.
  const poisoned = (p: Var, t: Tensor): Var => (++calls === 7 ? ad.mul(mse(p, t), NaN) : mse(p, t));
  assert.throws(
    () => fit(model, poisoned, sgd, { X, y }, { epochs: 3, batchSize: 4, rng, callbacks: [{ onStepEnd: () => (last = bitsOf(valuesOf(model.parameters()))) }], ...quiet }),
    (e: unknown) => e instanceof ConvergenceError && /loss is NaN at epoch 1, step 2/.test(e.message) && /iteration 7/.test(e.message),
  );
  assert.deepEqual(bitsOf(valuesOf(model.parameters())), last);
  assert.equal(sgd.t, 6);
  // A finite loss with an infinite gradient is stopped the same way, before its step.
  const sqrtAtZero = (p: Var, t: Tensor): Var => ad.add(mse(p, t), ad.sqrt(ad.mul(ad.sum(p), 0)));
  const before = bitsOf(valuesOf(model.parameters()));
  assert.throws(() => fit(model, sqrtAtZero, sgd, { X, y }, { batchSize: 4, rng, ...quiet }), (e: unknown) => e instanceof ConvergenceError && /gradient/.test(e.message));
  assert.deepEqual(bitsOf(valuesOf(model.parameters())), before);
});
