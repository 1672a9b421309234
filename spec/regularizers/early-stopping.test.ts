/**
 * Early stopping (EQ-REGULARIZERS-08): the patience rule against its
 * definition on synthetic validation curves, the restored parameters
 * against the arg-min epoch, buffers restored with them, and the
 * strictly decreasing curve that never stops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ArgumentTypeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { BatchNorm, Dense, Sequential } from '../../src/layers/index.js';
import { EarlyStopping } from '../../src/regularizers/index.js';
import { assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

/**
 * The stop epoch by the definition (minDelta = 0): epoch j improves when
 * v_j < min_{i<j} v_i; stop at the first e ≥ P − 1 with no improving epoch
 * among e − P + 1 … e; null when there is none.
 */
function stopByDefinition(values: readonly number[], P: number): number | null {
  const improves = values.map((v, j) => values.slice(0, j).every((u) => v < u) && !Number.isNaN(v));
  for (let e = P - 1; e < values.length; e++) {
    if (!improves.slice(e - P + 1, e + 1).some(Boolean)) return e;
  }
  return null;
}

/** The first arg-min of values[0 … e] (ties to the earliest). */
const firstArgmin = (values: readonly number[], e: number): number => {
  let best = 0;
  for (let j = 1; j <= e; j++) if (values[j]! < values[best]!) best = j;
  return best;
};

/** A one-parameter "model" whose parameter holds the epoch it was trained to. */
const tracker = (): { model: { parameters(): Var[] }; w: Var } => {
  const w = ad.variable(linalg.zeros([1]));
  return { model: { parameters: () => [w] }, w };
};

property('EQ-REGULARIZERS-08 the rule stops at the first epoch e with no improvement in e − P + 1 … e, and restores the parameters of the earliest arg-min epoch', seeds, withRng((rng) => {
  const E = rng.int(1, 40), P = rng.int(1, 6);
  // a noisy U-shaped curve with ties: values rounded to a coarse grid
  const values = Array.from({ length: E }, (_, e) => Math.round((((e - E / 2) / E) ** 2 + rng.uniform(0, 0.05)) * 40) / 40);
  const expected = stopByDefinition(values, P);
  const stopper = new EarlyStopping({ patience: P });
  const { model, w } = tracker();
  let stopped: number | null = null;
  for (let e = 0; e < E && stopped === null; e++) {
    w.value.data[0] = e; // "training" to epoch e
    if (stopper.onEpochEnd({ epoch: e, trainLoss: 0, validationLoss: values[e]!, model }) === 'stop') stopped = e;
  }
  assert.equal(stopped, expected, `values ${values.join(', ')}, P = ${P}`);
  assert.equal(stopper.stoppedEpoch, expected);
  const last = stopped ?? E - 1;
  assert.equal(stopper.bestEpoch, firstArgmin(values, last));
  if (stopped !== null) assert.equal(w.value.data[0], firstArgmin(values, last), 'restored to the best epoch');
  // update() alone gives the same decisions
  const plain = new EarlyStopping({ patience: P });
  const firstTrue = values.findIndex((v) => plain.update(v));
  assert.equal(firstTrue < 0 ? null : firstTrue, expected);
}), { runs: 200 });

property('EQ-REGULARIZERS-08 a strictly decreasing validation curve never stops, whatever the patience', seeds, withRng((rng) => {
  const stopper = new EarlyStopping({ patience: 1 });
  let v = rng.uniform(1, 10);
  for (let e = 0; e < 200; e++) {
    v -= rng.uniform(1e-9, 0.01);
    assert.equal(stopper.update(v), false);
  }
  assert.equal(stopper.stoppedEpoch, null);
}), { runs: 20 });

test('EQ-REGULARIZERS-08 by hand: minDelta = 0.1 counts only decreases larger than 0.1; patience 2 stops at epoch 3; the tie at epoch 2 is no improvement', () => {
  const stopper = new EarlyStopping({ patience: 2, minDelta: 0.1 });
  //        epoch 0, 1: −0.3, 2: a tie, 3: −0.05 → epochs 2 and 3 without a decrease > 0.1; 4 says stop again
  const decisions = [1.0, 0.7, 0.7, 0.65, 0.6].map((v) => stopper.update(v));
  assert.deepEqual(decisions, [false, false, false, true, true]);
  assert.equal(stopper.bestEpoch, 1);
  assert.equal(stopper.best, 0.7);
  assert.equal(stopper.stoppedEpoch, 3);
  stopper.reset();
  assert.deepEqual([stopper.best, stopper.bestEpoch, stopper.wait, stopper.stoppedEpoch], [Infinity, -1, 0, null]);
});

test('EQ-REGULARIZERS-08 restoring puts back every parameter and buffer (BatchNorm\'s running statistics) of the best epoch, bit for bit', () => {
  const rng = new Rng(8);
  const net = new Sequential([new Dense(3, 4, { rng }), new BatchNorm(4)]);
  const stopper = new EarlyStopping({ patience: 2 });
  const snapshots: string[] = [];
  const curve = [3, 2, 2.5, 2.7];
  curve.forEach((v, e) => {
    net.forward(ad.constant(linalg.randn([5, 3], rng))); // moves the running statistics
    for (const p of net.parameters()) linalg.addScaledInto(p.value, linalg.randn(p.value.shape, rng), 0.1);
    snapshots.push(JSON.stringify(net.stateDict()));
    const decision = stopper.onEpochEnd({ epoch: e, trainLoss: v, validationLoss: v, model: net });
    assert.equal(decision, e === 3 ? 'stop' : undefined);
  });
  assert.equal(JSON.stringify(net.stateDict()), snapshots[1], 'the state of epoch 1');
  // restoreBest false leaves the last state; monitor 'trainLoss' reads the training loss
  const keep = new EarlyStopping({ patience: 1, restoreBest: false, monitor: 'trainLoss' });
  const w = ad.variable(linalg.tensor([5], [1]));
  keep.onEpochEnd({ epoch: 0, trainLoss: 1, model: { parameters: () => [w] } });
  w.value.data[0] = 6;
  assert.equal(keep.onEpochEnd({ epoch: 1, trainLoss: 2, model: { parameters: () => [w] } }), 'stop');
  assertSameBits(w.value.data, [6], 'not restored');
});

test('EQ-REGULARIZERS-08 watching the validation loss without validation data is a ValueError naming the fix', () => {
  const stopper = new EarlyStopping();
  const { model } = tracker();
  assert.throws(() => stopper.onEpochEnd({ epoch: 0, trainLoss: 1, validationLoss: undefined, model }), (e: unknown) => e instanceof ValueError && /validation data/.test(e.message));
  assert.throws(() => stopper.restore({} as never), ArgumentTypeError);
  stopper.onEpochEnd({ epoch: 0, trainLoss: 1, validationLoss: 1, model });
  assert.throws(() => stopper.restore({ parameters: () => [] }), ValueError, 'another model');
});
