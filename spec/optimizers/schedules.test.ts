/**
 * Learning-rate schedules (EQ-OPTIMIZERS-26): η₀ at t = 0, never rising,
 * each against its formula, and 1/t decay beating a constant η on noisy
 * least squares through fit; the batch-size scaling rule, exact as a
 * formula and first-order only as an equivalence of SGD runs (27).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense } from '../../src/layers/index.js';
import { mse } from '../../src/losses/index.js';
import { SGD, cosineDecay, exponentialDecay, inverseTimeDecay, scaleLearningRate, stepDecay } from '../../src/optimizers/index.js';
import type { Schedule } from '../../src/optimizers/index.js';
import { fit, trainStep } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

property('EQ-OPTIMIZERS-26 every schedule (step, exponential, 1/t, cosine) gives η₀ at t = 0 exactly and never rises', seeds, withRng((rng) => {
  const eta0 = rng.uniform(1e-4, 2);
  const schedules: [string, Schedule][] = [
    ['step', stepDecay(eta0, { factor: rng.uniform(0.05, 1), every: rng.int(1, 10) })],
    ['exponential', exponentialDecay(eta0, { rate: rng.uniform(0.5, 1) })],
    ['1/t', inverseTimeDecay(eta0, { k: rng.uniform(0, 2) })],
    ['cosine', cosineDecay(eta0, { period: rng.int(1, 60), etaMin: rng.uniform(0, eta0) })],
  ];
  for (const [name, eta] of schedules) {
    assert.equal(eta(0), eta0, name);
    for (let t = 1; t <= 100; t++) assert.ok(eta(t) <= eta(t - 1), `${name} rose at t = ${t}`);
  }
}), { runs: 50 });

property('EQ-OPTIMIZERS-26 each schedule equals its formula: η₀·γ^⌊t/k⌋, η₀·γ^t, η₀/(1 + kt), η_min + (η₀ − η_min)(1 + cos(πt/T))/2', seeds, withRng((rng) => {
  const eta0 = rng.uniform(1e-4, 2), k = rng.int(1, 10), t = rng.int(0, 200);
  assertClose(stepDecay(eta0, { every: k })(t), eta0 * 0.1 ** Math.floor(t / k), { atol: 0, rtol: 1e-14 });
  const rate = rng.uniform(0.5, 1);
  assertClose(exponentialDecay(eta0, { rate })(t), eta0 * rate ** t, { atol: 0, rtol: 1e-13 });
  const c = rng.uniform(0, 2);
  assertClose(inverseTimeDecay(eta0, { k: c })(t), eta0 / (1 + c * t), { atol: 0, rtol: 1e-15 });
  const T = rng.int(1, 100), etaMin = rng.uniform(0, eta0);
  const cosine = cosineDecay(eta0, { period: T, etaMin });
  assertClose(cosine(t), t >= T ? etaMin : etaMin + ((eta0 - etaMin) * (1 + Math.cos((Math.PI * t) / T))) / 2, { atol: 1e-15, rtol: 1e-13 });
  assert.equal(cosine(T), etaMin);
}), { runs: 100 });

test('EQ-OPTIMIZERS-26 cosine decay from η₀ = 0.9 to η_min = 0.2 starts at 0.9 exactly (η_min + (η₀ − η_min) would give 0.8999999999999999)', () => {
  assert.notEqual(0.2 + (0.9 - 0.2), 0.9);
  assert.equal(cosineDecay(0.9, { period: 10, etaMin: 0.2 })(0), 0.9);
});

/** Noisy least squares: y = X·w + N(0, 0.5²), X: 200×3, drawn from the seed. */
function noisyData(seed: number): { X: Tensor; y: Tensor; w: Tensor } {
  const rng = new Rng(seed);
  const X = linalg.randn([200, 3], rng), w = linalg.tensor([1, -2, 0.5], [3, 1]);
  return { X, y: linalg.add(linalg.matmul(X, w), linalg.randn([200, 1], rng, 0, 0.5)), w };
}

test('EQ-OPTIMIZERS-26 on noisy least squares SGD with constant η plateaus above the optimum; 1/t decay ends 5× closer (pinned seeds)', () => {
  const errors = (schedule: Schedule | undefined): number => {
    let total = 0;
    for (let seed = 0; seed < 10; seed++) {
      const { X, y } = noisyData(seed);
      const A = linalg.tensor(Array.from({ length: 800 }, (_, i) => (i % 4 === 3 ? 1 : X.data[Math.floor(i / 4) * 3 + (i % 4)]!)), [200, 4]);
      const best = linalg.lstsq(A, y);
      const net = new Dense(3, 1, { rng: new Rng(seed) });
      fit(net, mse, new SGD(net.parameters(), { lr: 0.05 }), { X, y }, {
        mode: 'stochastic', epochs: 30, rng: seed, progress: false, ...(schedule === undefined ? {} : { schedule }),
      });
      const theta = [...net.W.value.data, net.b!.value.data[0]!];
      total += Math.hypot(...theta.map((x, i) => x - best.data[i]!));
    }
    return total / 10;
  };
  const constant = errors(undefined), decayed = errors(inverseTimeDecay(0.05, { k: 1 }));
  assert.ok(constant > 5 * decayed, `constant η: ${constant}, 1/t: ${decayed}`);
});

test('EQ-OPTIMIZERS-27 scaleLearningRate(η, B_old, B_new) = η·B_new/B_old', () => {
  assert.equal(scaleLearningRate(0.1, 32, 256), (0.1 * 256) / 32);
  assert.equal(scaleLearningRate(0.01, 64, 64), 0.01);
  assert.equal(scaleLearningRate(0.4, 256, 32), 0.05);
});

property('EQ-OPTIMIZERS-27 k SGD steps of batch B at η and one step of batch kB at kη differ by O(η²): halving η divides the gap by ≈ 4', seeds, withRng((rng) => {
  const B = rng.int(2, 8), k = rng.int(2, 5), d = rng.int(1, 4);
  const X = linalg.randn([B * k, d], rng), y = linalg.randn([B * k, 1], rng);
  const start = new Dense(d, 1, { rng });
  const gap = (eta: number): number => {
    const small = new Dense(d, 1, { rng: new Rng(0) }), large = new Dense(d, 1, { rng: new Rng(0) });
    small.loadStateDict(start.stateDict());
    large.loadStateDict(start.stateDict());
    const sgd = new SGD(small.parameters(), { lr: eta });
    for (let j = 0; j < k; j++) {
      const rows = linalg.tensor(Array.from({ length: B * d }, (_, i) => X.data[j * B * d + i]!), [B, d]);
      const targets = linalg.tensor(Array.from({ length: B }, (_, i) => y.data[j * B + i]!), [B, 1]);
      trainStep(small, mse, sgd, rows, targets);
    }
    trainStep(large, mse, new SGD(large.parameters(), { lr: scaleLearningRate(eta, B, k * B) }), X, y);
    return Math.hypot(...[...small.W.value.data, ...small.b!.value.data].map((x, i) => x - [...large.W.value.data, ...large.b!.value.data][i]!));
  };
  const ratios = [gap(1e-2) / gap(5e-3), gap(5e-3) / gap(2.5e-3)];
  for (const r of ratios) assert.ok(r > 3.5 && r < 4.5, `ratios ${ratios}`);
}), { runs: 30 });
