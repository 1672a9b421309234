/**
 * Batched products and axis permutations: `bmm` equals a loop of matmuls
 * over the batch, bit for bit (same kernel), and a triple loop to 1e-12;
 * its gradients in all four transpose combinations match central
 * differences (gradCheck defaults, |a − n| ≤ 1e-6 + 1e-5·max(|a|, |n|)).
 * `permute` moves every entry where an index-by-index reference puts it,
 * and its gradient is the inverse permutation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';

const seeds = (rng: Rng): number => rng.int(0, 2 ** 30);

/** X[b] as a matrix (a copy). */
const entry = (x: Tensor, b: number): Tensor => {
  const [, r = 0, c = 0] = x.shape;
  return linalg.tensor(Array.from(x.data.subarray(b * r * c, (b + 1) * r * c)), [r, c]);
};

/** op(A[b])·op(B[b]) by three loops per batch entry, reading the transposes by index. */
function bmmByLoops(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const [batch = 0, a1 = 0, a2 = 0] = a.shape, [, b1 = 0, b2 = 0] = b.shape;
  const m = transA ? a2 : a1, k = transA ? a1 : a2, n = transB ? b1 : b2;
  const c = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const aip = transA ? a.data[t * k * m + p * m + i]! : a.data[t * m * k + i * k + p]!;
          const bpj = transB ? b.data[t * n * k + j * k + p]! : b.data[t * k * n + p * n + j]!;
          s += aip * bpj;
        }
        c[(t * m + i) * n + j] = s;
      }
    }
  }
  return { shape: [batch, m, n], data: c };
}

const withRng = (check: (rng: Rng) => void) => (seed: number): void => check(new Rng(seed));
const FLAGS: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

/** Random operands of op(A)·op(B) with the stored shapes the flags ask for. */
function operands(rng: Rng, transA: boolean, transB: boolean, big = 5): [Tensor, Tensor] {
  const batch = rng.int(1, 4), m = rng.int(1, big), k = rng.int(1, big), n = rng.int(1, big);
  return [linalg.randn(transA ? [batch, k, m] : [batch, m, k], rng), linalg.randn(transB ? [batch, n, k] : [batch, k, n], rng)];
}

property('bmm equals a loop of matmuls over the batch bit for bit, and three loops to 1e-12 (all four transpose combinations)', seeds, withRng((rng) => {
  for (const [transA, transB] of FLAGS) {
    const [a, b] = operands(rng, transA, transB, 12); // up to 11×11×11: both the small and the blocked kernel path
    const c = ad.bmm(a, b, { transA, transB }).value;
    assertClose(c, bmmByLoops(a, b, transA, transB), { atol: 1e-12, rtol: 1e-12 }, `transA ${transA}, transB ${transB}`);
    for (let t = 0; t < (a.shape[0] ?? 0); t++) {
      const A = transA ? linalg.transpose(entry(a, t)) : entry(a, t), B = transB ? linalg.transpose(entry(b, t)) : entry(b, t);
      assertSameBits(entry(c, t).data, linalg.matmul(A, B).data, `batch entry ${t}`);
    }
  }
}), { runs: 30 });

property('bmm gradients w.r.t. both operands match central differences, in all four transpose combinations', seeds, withRng((rng) => {
  for (const [transA, transB] of FLAGS) {
    const result = ad.gradCheck((x, y) => ad.bmm(x, y, { transA, transB }), operands(rng, transA, transB));
    assert.ok(result.ok, `transA ${transA}, transB ${transB}: ${result.message}`);
  }
}), { runs: 20 });

test('bmm of a constant and a variable sends a gradient to the variable only; a batch of zero entries gives an empty result', () => {
  const a = linalg.randn([2, 3, 4], new Rng(1)), b = ad.variable(linalg.randn([2, 4, 2], new Rng(2)));
  ad.sum(ad.bmm(a, b)).backward();
  const ones = linalg.ones([2, 3, 2]);
  assertClose(b.grad, linalg.bmm(a, ones, { transA: true }), { atol: 0, rtol: 0 }, '∂L/∂B = Aᵀ·1');
  assert.deepEqual(ad.bmm(linalg.zeros([0, 3, 4]), linalg.zeros([0, 4, 2])).shape, [0, 3, 2]);
});

/** X with its axes permuted, by computing each output's multi-index and reading the input there. */
function permuteByIndex(x: Tensor, axes: readonly number[]): Tensor {
  const shape = axes.map((a) => x.shape[a]!);
  const inStrides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((p, d) => p * d, 1));
  const y = new Float64Array(x.data.length);
  for (let to = 0; to < y.length; to++) {
    let rest = to, from = 0;
    for (let i = shape.length - 1; i >= 0; i--) {
      const d = shape[i]!, idx = rest % d;
      rest = (rest - idx) / d;
      from += idx * inStrides[axes[i]!]!;
    }
    y[to] = x.data[from]!;
  }
  return { shape, data: y };
}

property('permute puts every entry where the index-by-index reference does, and its gradient matches central differences', seeds, withRng((rng) => {
  const rank = rng.int(1, 5);
  const shape = Array.from({ length: rank }, () => rng.int(1, 4));
  const axes = Array.from(rng.permutation(rank));
  const x = linalg.randn(shape, rng);
  assertSameBits(ad.permute(x, axes).value.data, permuteByIndex(x, axes).data, `axes [${axes.join(', ')}]`);
  assert.deepEqual(ad.permute(x, axes).shape, axes.map((a) => shape[a]));
  const result = ad.gradCheck((v) => ad.permute(v, axes), [x]);
  assert.ok(result.ok, result.message);
  const negative = axes.map((a) => a - rank); // the same axes counted from the end
  assertSameBits(ad.permute(x, negative).value.data, permuteByIndex(x, axes).data, 'negative axes');
}), { runs: 40 });
