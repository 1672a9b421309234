/**
 * Label smoothing (EQ-REGULARIZERS-09) and the entropy term of the 000
 * deck's penalty list (EQ-REGULARIZERS-02): valid smoothed distributions,
 * the gradient softmax(z) − y_LS of cross-entropy, the finite optimum
 * logit gap against its closed form, the decomposition of the smoothed
 * loss, and Σ p ln p between −ln K and 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { crossEntropy, crossEntropyWithLogits } from '../../src/losses/index.js';
import { entropyPenalty, entropyPenaltyWithLogits, smoothLabels } from '../../src/regularizers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

/** n class indices in 0 … K−1. */
const labels = (n: number, K: number, rng: { int(a: number, b: number): number }): Tensor => linalg.tensor(Array.from({ length: n }, () => rng.int(0, K)), [n]);

property('EQ-REGULARIZERS-09 y_LS = (1 − ε)·y + ε/K: rows sum to 1 (1e-15), every entry ≥ ε/K, ε = 0 gives the one-hot rows; indices and one-hot rows give the same bits', seeds, withRng((rng) => {
  const n = rng.int(1, 8), K = rng.int(1, 7), epsilon = rng.next();
  const y = labels(n, K, rng);
  const Y = smoothLabels(y, epsilon, { classes: K });
  assert.deepEqual(Y.shape, [n, K]);
  assertClose(linalg.sum(Y, { axis: 1 }), linalg.ones([n]), { atol: 1e-15, rtol: 0 });
  for (const v of Y.data) assert.ok(v >= epsilon / K);
  const oneHot = smoothLabels(y, 0, { classes: K });
  for (let i = 0; i < n; i++) for (let c = 0; c < K; c++) assert.equal(oneHot.data[i * K + c], c === y.data[i] ? 1 : 0);
  assertSameBits(smoothLabels(oneHot, epsilon).data, Y.data, 'rows and indices');
}), { runs: 100 });

property('EQ-REGULARIZERS-09 the gradient of CE(y_LS, softmax(z)) with respect to z is softmax(z) − y_LS (1e-15), and CE(y_LS, p) = (1 − ε)·CE(y, p) + ε·CE(uniform, p) (1e-12)', seeds, withRng((rng) => {
  const n = rng.int(1, 6), K = rng.int(2, 6), epsilon = rng.next();
  const y = labels(n, K, rng), Y = smoothLabels(y, epsilon, { classes: K });
  const z = ad.variable(linalg.randn([n, K], rng, 0, 3));
  const L = crossEntropyWithLogits(z, Y, { reduction: 'sum' });
  L.backward();
  const P = ad.softmax(ad.constant(z.value)).value;
  assertClose(z.grad, linalg.sub(P, Y), { atol: 1e-15, rtol: 0 });
  const p = ad.constant(P);
  const uniform = linalg.full([n, K], 1 / K);
  assertClose(crossEntropy(p, Y).item(), (1 - epsilon) * crossEntropy(p, y).item() + epsilon * crossEntropy(p, uniform).item(), { atol: 1e-12, rtol: 1e-12 });
}), { runs: 100 });

test('EQ-REGULARIZERS-09 with smoothed labels the optimum has the finite logit gap ln((1 − ε + ε/K)/(ε/K)) = 3.8286 (K = 5, ε = 0.1; 1e-8); with hard labels the loss keeps falling as the gap grows', () => {
  const K = 5, epsilon = 0.1;
  const expected = Math.log((1 - epsilon + epsilon / K) / (epsilon / K));
  assertClose(expected, 3.8286, { atol: 5e-5, rtol: 0 }, 'the catalogue\'s figure');
  const gapAfter = (target: Tensor, steps: number): { gap: number; losses: number[] } => {
    const z = ad.variable(linalg.zeros([1, K]));
    const losses: number[] = [];
    for (let t = 0; t < steps; t++) {
      z.zeroGrad();
      const L = crossEntropyWithLogits(z, target);
      L.backward();
      losses.push(L.item());
      linalg.addScaledInto(z.value, z.grad, -2);
    }
    return { gap: z.value.data[0]! - z.value.data[1]!, losses };
  };
  const smooth = gapAfter(smoothLabels(linalg.tensor([0], [1]), epsilon, { classes: K }), 400);
  assertClose(smooth.gap, expected, { atol: 1e-8, rtol: 0 }, 'smoothed');
  const hard = gapAfter(linalg.tensor([0], [1]), 400);
  assert.ok(hard.losses.every((l, t) => t === 0 || l < hard.losses[t - 1]!), 'the hard-label loss falls at every step');
  assert.ok(hard.gap > expected + 2, `hard-label gap ${hard.gap} keeps growing past ${expected}`);
  const longer = gapAfter(linalg.tensor([0], [1]), 800);
  assert.ok(longer.gap > hard.gap, `and grows further: ${longer.gap} > ${hard.gap}`);
});

property('EQ-REGULARIZERS-02 the entropy term Σ p ln p lies in [−ln K, 0]: −ln K at the uniform p (1e-12), 0 at a one-hot p', seeds, withRng((rng) => {
  const n = rng.int(1, 6), K = rng.int(1, 8);
  const P = ad.softmax(ad.constant(linalg.randn([n, K], rng, 0, 3))).value;
  const R = entropyPenalty(ad.constant(P)).item();
  assert.ok(R >= -Math.log(K) - 1e-12 && R <= 0, `R = ${R}, −ln K = ${-Math.log(K)}`);
  assertClose(entropyPenalty(ad.constant(linalg.full([n, K], 1 / K))).item(), -Math.log(K), { atol: 1e-12, rtol: 0 });
  assert.ok(entropyPenalty(ad.constant(smoothLabels(labels(n, K, rng), 0, { classes: K }))).item() === 0);
  assertClose(entropyPenalty(ad.constant(P), { reduction: 'sum' }).item(), n * R, { atol: 1e-12, rtol: 1e-12 }, 'sum = n·mean');
}), { runs: 100 });

property('EQ-REGULARIZERS-02 the entropy term from logits equals it on softmax(z) (1e-12); both gradients match central differences (probabilities away from 0)', seeds, withRng((rng) => {
  const n = rng.int(1, 4), K = rng.int(2, 5);
  const Z = linalg.randn([n, K], rng, 0, 2);
  const P = ad.softmax(ad.constant(Z)).value;
  assertClose(entropyPenaltyWithLogits(ad.constant(Z)).item(), entropyPenalty(ad.constant(P)).item(), { atol: 1e-12, rtol: 1e-12 });
  const logits = ad.gradCheck((z) => entropyPenaltyWithLogits(z), [Z]);
  assert.ok(logits.ok, logits.message);
  const probabilities = ad.gradCheck((p) => entropyPenalty(p), [P], { eps: 1e-7 });
  assert.ok(probabilities.ok, probabilities.message);
}), { runs: 50 });
