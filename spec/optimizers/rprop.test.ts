/**
 * Rprop (iRprop−) against its rule written here on plain numbers, the
 * plateau that sign steps cross at full speed, and the 003 deck's warning
 * that Rprop does not work with mini-batches, shown through fit on a
 * pinned seed (EQ-OPTIMIZERS-18).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Dense } from '../../src/layers/index.js';
import { Rprop, SGD } from '../../src/optimizers/index.js';
import { fit } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import { drawGradients, randomParameters, seeds, valuesOf, vectorParameter, withRng } from './support.js';

property('EQ-OPTIMIZERS-18 Rprop follows iRprop−: Δ grows by η⁺ while the sign holds, shrinks by η⁻ and skips on a flip, θ − sign(g)·Δ', seeds, withRng((rng) => {
  const params = randomParameters(rng);
  const initialStep = rng.uniform(0.01, 1), etaPlus = rng.uniform(1, 2), etaMinus = rng.uniform(0.1, 1);
  const stepMin = initialStep / 10, stepMax = initialStep * 4;
  const opt = new Rprop(params, { initialStep, etaPlus, etaMinus, stepMin, stepMax });
  const theta = valuesOf(params), step = theta.map(() => initialStep), previous = theta.map(() => 0);
  for (let t = 0; t < 12; t++) {
    drawGradients(params, rng);
    // Some coordinates keep their last gradient, some are exactly 0.
    for (const p of params) for (let i = 0; i < p.grad.data.length; i++) if (rng.next() < 0.1) p.grad.data[i] = 0;
    params.flatMap((p) => Array.from(p.grad.data)).forEach((g0, i) => {
      let g = g0;
      if (previous[i]! * g > 0) step[i] = Math.min(step[i]! * etaPlus, stepMax);
      else if (previous[i]! * g < 0) {
        step[i] = Math.max(step[i]! * etaMinus, stepMin);
        g = 0;
      }
      theta[i] = theta[i]! - Math.sign(g) * step[i]!;
      previous[i] = g;
    });
    opt.step();
    assertClose(valuesOf(params), theta, { atol: 1e-15, rtol: 1e-15 });
    assertClose(opt.stepSize.flatMap((s) => Array.from(s.data)), step, { atol: 0, rtol: 1e-15 });
  }
}), { runs: 50 });

test('EQ-OPTIMIZERS-18 on the plateau f = 1e-6·x² from x₀ = 1, sign steps of size δ = 0.1 take δ off |x| every step; GD with η = 1 barely moves', () => {
  const gradient = (x: number): number => 2e-6 * x;
  const s = vectorParameter([1]), g = vectorParameter([1]);
  const sign = new Rprop([s], { initialStep: 0.1, etaPlus: 1 }), gd = new SGD([g], { lr: 1 });
  let expected = 1;
  for (let t = 0; t < 9; t++) {
    s.grad.data[0] = gradient(s.value.data[0]!);
    g.grad.data[0] = gradient(g.value.data[0]!);
    sign.step();
    gd.step();
    expected -= 0.1;
    assert.equal(s.value.data[0], expected);
  }
  assertClose(s.value.data[0]!, 0.1, { atol: 1e-15, rtol: 0 });
  assert.ok(g.value.data[0]! > 0.99998);
});

test('EQ-OPTIMIZERS-18 Rprop fails with mini-batches: per-example gradients [+1 × 9, −10] have mean −0.1 (θ should grow) but 9 of 10 signs +, and one shuffled epoch of batch 1 moves θ down (pinned seed)', () => {
  // J(θ) = mean over examples of aᵢ·θ: per-example gradient aᵢ, through a bias-free Dense(1, 1) and a loss mean(ŷ).
  const a = [1, 1, 1, 1, 1, 1, 1, 1, 1, -10];
  const X = linalg.tensor(a, [10, 1]), y = linalg.zeros([10, 1]);
  const meanPrediction = (prediction: ad.Var): ad.Var => ad.mean(prediction);
  assertClose(a.reduce((s, x) => s + x, 0) / 10, -0.1, { atol: 1e-15, rtol: 0 });
  assert.equal(a.reduce((s, x) => s + Math.sign(x), 0) / 10, 0.8);
  const run = (mode: 'batch' | 'stochastic'): number => {
    const model = new Dense(1, 1, { init: 'zeros', bias: false });
    fit(model, meanPrediction, new Rprop(model.parameters(), { initialStep: 0.01 }), { X, y }, { mode, epochs: 1, rng: 3, progress: false });
    return model.W.value.data[0]!;
  };
  const full = run('batch'), perExample = run('stochastic');
  assert.ok(full > 0, `full batch: θ = ${full}`);
  assert.ok(perExample < 0, `batch size 1: θ = ${perExample}`);
  assertClose(full, 0.01, { atol: 1e-15, rtol: 0 });
});
