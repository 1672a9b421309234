/**
 * Implicit regularisation by gradient descent (EQ-REGULARIZERS-11): on an
 * under-determined least-squares problem it converges to the minimum-norm
 * interpolant X⁺y (QR's minimum-norm lstsq as the independent route), and
 * from another start it keeps the start's null-space part. Double descent
 * (12), demonstrated with random ReLU features on pinned data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { leastSquaresGD, minimumNormLeastSquares } from '../../src/regularizers/index.js';
import { assertClose, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

const vec = (t: Tensor): Tensor => linalg.reshape(t, [t.data.length]);
const Xw = (X: Tensor, w: Tensor): Tensor => vec(linalg.matmul(X, linalg.reshape(w, [w.data.length, 1])));
/** X⁺ by QR's minimum-norm least squares (m < n): X⁺b = lstsq(X, b). */
const pinvTimes = (X: Tensor, b: Tensor): Tensor => vec(linalg.lstsq(X, linalg.reshape(b, [b.data.length, 1])));

test('EQ-REGULARIZERS-11 gradient descent from w₀ = 0 on (1/n)‖Xw − y‖², n = 5 < d = 12, η = 0.01, 20000 steps, converges to X⁺y (1e-13)', () => {
  const rng = new Rng(1111);
  const X = linalg.randn([5, 12], rng), y = linalg.randn([5], rng);
  const w = leastSquaresGD(X, y, { eta: 0.01, steps: 20_000 });
  const wPlus = pinvTimes(X, y);
  assertClose(w, wPlus, { atol: 1e-13, rtol: 0 });
  assertClose(minimumNormLeastSquares(X, y), wPlus, { atol: 1e-13, rtol: 1e-12 }, 'the SVD route');
  assertClose(Xw(X, w), y, { atol: 1e-12, rtol: 0 }, 'it interpolates');
});

property('EQ-REGULARIZERS-11 every other interpolant X⁺y + v, v ∈ null(X), fits as well and has a larger norm; from w₀ ≠ 0 GD reaches X⁺y + (I − X⁺X)w₀ (1e-10)', seeds, withRng((rng) => {
  const n = rng.int(2, 5), d = rng.int(n + 1, 10);
  const X = linalg.randn([n, d], rng), y = linalg.randn([n], rng);
  const wPlus = minimumNormLeastSquares(X, y);
  const r = linalg.randn([d], rng);
  const v = linalg.sub(r, pinvTimes(X, Xw(X, r))); // (I − X⁺X)r ∈ null(X)
  const other = linalg.add(wPlus, v);
  assertClose(Xw(X, other), y, { atol: 1e-11, rtol: 0 }, 'X(X⁺y + v) = y');
  assert.ok(linalg.norm2(other) > linalg.norm2(wPlus), `‖X⁺y + v‖ = ${linalg.norm2(other)} > ‖X⁺y‖ = ${linalg.norm2(wPlus)}`);
  const w0 = linalg.randn([d], rng);
  const eta = n / (2 * linalg.spectralNorm(X) ** 2); // half the stability bound n/λ_max(XᵀX)
  const w = leastSquaresGD(X, y, { eta, steps: 4000, w0 });
  assertClose(w, linalg.add(wPlus, linalg.sub(w0, pinvTimes(X, Xw(X, w0)))), { atol: 1e-10, rtol: 0 });
}), { runs: 30 });

/** Pinned data for double descent: y = sin(xᵀw) + noise, x ∈ ℝ⁵, and random ReLU features φ_j(x) = max(0, xᵀv_j + b_j). */
function doubleDescentData(): { features: (X: Tensor, p: number) => Tensor; train: { X: Tensor; y: Tensor }; test: { X: Tensor; y: Tensor } } {
  const n = 40, d = 5, rng = new Rng(12);
  const wTrue = linalg.randn([d, 1], rng);
  const draw = (m: number): { X: Tensor; y: Tensor } => {
    const X = linalg.randn([m, d], rng);
    return { X, y: vec(linalg.add(linalg.map(linalg.matmul(X, wTrue), Math.sin), linalg.randn([m, 1], rng, 0, 0.3))) };
  };
  const train = draw(n), test = draw(500);
  const pMax = 8 * n, V = linalg.randn([d, pMax], rng, 0, 1 / Math.sqrt(d)), b = linalg.randn([pMax], rng);
  const features = (X: Tensor, p: number): Tensor => {
    const Z = linalg.matmul(X, V), m = X.shape[0]!, F = linalg.zeros([m, p]);
    for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) F.data[i * p + j] = Math.max(0, Z.data[i * pMax + j]! + b.data[j]!);
    return F;
  };
  return { features, train, test };
}

test('EQ-REGULARIZERS-12 double descent (demonstration): min-norm least squares on p random ReLU features of n = 40 points has a higher test MSE at p = n than at p = n/4 and p = 8n; a small ridge (λ = 0.01) lowers it at p = n (pinned)', () => {
  const { features, train, test: held } = doubleDescentData();
  const testMSE = (p: number, lambda = 0): number => {
    const F = features(train.X, p), Ft = features(held.X, p);
    const w = lambda === 0
      ? minimumNormLeastSquares(F, train.y)
      : vec(linalg.solve(linalg.add(linalg.matmulTransA(F, F), linalg.scale(linalg.eye(p), lambda)), linalg.matmulTransA(F, linalg.reshape(train.y, [40, 1]))));
    const r = linalg.sub(Xw(Ft, w), held.y);
    return linalg.sum(linalg.mul(r, r)) / r.data.length;
  };
  const [quarter, threshold, wide, ridged] = [testMSE(10), testMSE(40), testMSE(320), testMSE(40, 0.01)];
  // measured: 0.503, 12.4, 0.363; with the ridge 0.964
  const shown = `test MSE at p = 10: ${quarter}, p = 40: ${threshold}, p = 320: ${wide}; ridge at p = 40: ${ridged}`;
  assert.ok(threshold > quarter && threshold > wide, shown);
  assert.ok(ridged < threshold, shown);
});
