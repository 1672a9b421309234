/**
 * Embeddings (EQ-LAYERS-39) and the sinusoidal positional encoding
 * (EQ-LAYERS-40): the lookup against the product by a one-hot matrix, its
 * scatter-add gradient, and the encoding against its closed form: values,
 * norms, the dot product depending on the offset only, the fixed rotation
 * of each frequency pair, and distinct positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as data from '../../src/data/index.js';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Embedding, PositionalEncoding, padSequences, sinusoidalEncoding } from '../../src/layers/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

property('EQ-LAYERS-39 embed(i) = onehot(i)ᵀE = E[i, :]: the lookup equals the one-hot matrix times E bit for bit, and oneHot has a single 1 at i', seeds, withRng((rng) => {
  const V = rng.int(1, 9), d = rng.int(1, 6), T = rng.int(1, 12);
  const emb = new Embedding(V, d, { rng });
  const names = Array.from({ length: V }, (_, i) => `w${String(i).padStart(2, '0')}`); // sorted order = index order
  const tokens = Array.from({ length: T }, () => rng.int(0, V));
  const onehot = data.oneHotTokens(tokens.map((i) => names[i]!), data.vocabulary(names));
  for (let p = 0; p < T; p++) {
    const row = Array.from(onehot.data.subarray(p * V, (p + 1) * V));
    assert.equal(row.filter((v) => v === 1).length, 1);
    assert.equal(row.indexOf(1), tokens[p]);
    assert.equal(row.filter((v) => v === 0).length, V - 1);
  }
  const y = emb.embed(tokens).value;
  assertSameBits(y.data, linalg.matmul(onehot, emb.E.value).data, 'lookup against one-hot · E');
  for (let p = 0; p < T; p++) {
    const i = tokens[p]!;
    assertSameBits(y.data.subarray(p * d, (p + 1) * d), emb.E.value.data.subarray(i * d, (i + 1) * d), `row E[${i}]`);
  }
}), { runs: 60 });

property('EQ-LAYERS-39 the gradient w.r.t. E is the scatter-add onehotᵀ·G (1e-12), and exactly 0 on the rows of tokens absent from the batch', seeds, withRng((rng) => {
  const V = rng.int(2, 9), d = rng.int(1, 5), B = rng.int(1, 3), T = rng.int(1, 6);
  const emb = new Embedding(V, d, { rng });
  const tokens = linalg.tensor(Array.from({ length: B * T }, () => rng.int(0, V)), [B, T]);
  const G = linalg.randn([B, T, d], rng);
  ad.sum(ad.mul(emb.forward(ad.constant(tokens)), G)).backward();
  const onehot = linalg.zeros([B * T, V]);
  tokens.data.forEach((i, p) => { onehot.data[p * V + i] = 1; });
  assertClose(emb.E.grad, linalg.matmulTransA(onehot, linalg.reshape(G, [B * T, d])), { atol: 1e-12, rtol: 1e-12 });
  const present = new Set(tokens.data);
  for (let i = 0; i < V; i++) {
    if (!present.has(i)) assertSameBits(emb.E.grad.data.subarray(i * d, (i + 1) * d), new Float64Array(d), `row ${i} of an absent token`);
  }
}), { runs: 60 });

test('EQ-LAYERS-39 an out-of-vocabulary or fractional index throws a ValueError; a batch is B×T → B×T×d; padSequences pads and masks', () => {
  const emb = new Embedding(4, 2, { rng: new Rng(1) });
  assert.throws(() => emb.embed([0, 4]), (e: unknown) => e instanceof ValueError && /out of the vocabulary/.test(e.message));
  assert.throws(() => emb.forward(ad.constant(linalg.tensor([1.5], [1]))), ValueError);
  assert.throws(() => emb.embed([-1]), ValueError);
  assert.deepEqual(emb.embed([[0, 1, 2], [3, 2, 1]]).shape, [2, 3, 2]);
  assert.deepEqual(emb.outputShape([2, 3]), [2, 3, 2]);
  const { tokens, mask } = padSequences([[1, 2, 3], [2]]);
  assert.deepEqual(Array.from(tokens.data), [1, 2, 3, 2, 0, 0]);
  assert.deepEqual(Array.from(mask.data), [1, 1, 1, 1, 0, 0]);
  assert.deepEqual(Array.from(padSequences([[1]], { length: 3, value: 9 }).tokens.data), [1, 9, 9]);
});

/** P(k, 2i) = sin(k/n^{2i/d}), P(k, 2i+1) = cos(k/n^{2i/d}) written with Math's functions, a second route. */
const closedForm = (k: number, j: number, d: number, n = 10000): number => {
  const angle = k / n ** ((2 * Math.floor(j / 2)) / d);
  return j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
};

property('EQ-LAYERS-40 P(k, 2i) = sin(k/n^{2i/d}), P(k, 2i+1) = cos(k/n^{2i/d}) (1e-12, n = 10000 by default or given), entries in [−1, 1], P(0, ·) = [0, 1, 0, 1, …]', seeds, withRng((rng) => {
  const K = rng.int(1, 60), d = rng.int(1, 17), n = rng.next() < 0.5 ? 10000 : rng.uniform(2, 500);
  const P = sinusoidalEncoding(K, d, n === 10000 ? undefined : { n });
  assert.deepEqual(P.shape, [K, d]);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      const v = P.data[k * d + j]!;
      assert.ok(v >= -1 && v <= 1, `P(${k}, ${j}) = ${v}`);
      assertClose(v, closedForm(k, j, d, n), { atol: 1e-12, rtol: 0 }, `P(${k}, ${j})`);
    }
  }
  assertSameBits(P.data.subarray(0, d), Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 0 : 1)), 'P(0, ·)');
}), { runs: 40 });

property('EQ-LAYERS-40 Σ_j P(k, j)² = d/2 for even d, and P(k)·P(k+Δ) = Σ_i cos(Δ/n^{2i/d}) depends on Δ only (1e-12 across k)', seeds, withRng((rng) => {
  const d = 2 * rng.int(1, 9), K = 80;
  const P = sinusoidalEncoding(K, d);
  const row = (k: number): Float64Array => P.data.subarray(k * d, (k + 1) * d);
  const dotRows = (a: number, b: number): number => row(a).reduce((s, v, j) => s + v * row(b)[j]!, 0);
  for (let k = 0; k < K; k++) assertClose(dotRows(k, k), d / 2, { atol: 1e-12, rtol: 1e-12 }, `‖P(${k})‖²`);
  const delta = rng.int(0, 20);
  let expected = 0;
  for (let i = 0; 2 * i < d; i++) expected += Math.cos(delta / 10000 ** ((2 * i) / d));
  for (let k = 0; k + delta < K; k += 7) assertClose(dotRows(k, k + delta), expected, { atol: 1e-12, rtol: 1e-12 }, `k = ${k}, Δ = ${delta}`);
}), { runs: 30 });

property('EQ-LAYERS-40 each pair (2i, 2i+1) at k + Δ is the fixed rotation [[cos ω_iΔ, sin ω_iΔ], [−sin ω_iΔ, cos ω_iΔ]] of the pair at k (1e-12): PE(k + Δ) is a linear map of PE(k) that does not depend on k', seeds, withRng((rng) => {
  const d = rng.int(2, 17), K = 64, delta = rng.int(1, 30);
  const P = sinusoidalEncoding(K + delta, d);
  for (let i = 0; 2 * i + 1 < d; i++) {
    const w = delta / 10000 ** ((2 * i) / d), c = Math.cos(w), s = Math.sin(w);
    for (let k = 0; k < K; k++) {
      const sk = P.data[k * d + 2 * i]!, ck = P.data[k * d + 2 * i + 1]!;
      const sAhead = P.data[(k + delta) * d + 2 * i]!, cAhead = P.data[(k + delta) * d + 2 * i + 1]!;
      assertClose(sAhead, c * sk + s * ck, { atol: 1e-12, rtol: 0 }, `pair ${i}, k = ${k}: sine`);
      assertClose(cAhead, -s * sk + c * ck, { atol: 1e-12, rtol: 0 }, `pair ${i}, k = ${k}: cosine`);
    }
  }
}), { runs: 30 });

test('EQ-LAYERS-40 positions 0 … 199 map to distinct vectors: for d = 16 the minimum pairwise distance is ≈ 1.01', () => {
  const d = 16, K = 200, P = sinusoidalEncoding(K, d);
  let least = Infinity;
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (P.data[a * d + j]! - P.data[b * d + j]!) ** 2;
      least = Math.min(least, Math.sqrt(s));
    }
  }
  assert.ok(least > 1.0 && least < 1.02, `minimum distance ${least}`);
});

test('EQ-LAYERS-40 odd d: the last column is the sine of pair (d−1)/2 (its cosine dropped), so ‖P(k)‖² lies in [(d−1)/2, (d+1)/2]', () => {
  const d = 7, P = sinusoidalEncoding(50, d), even = sinusoidalEncoding(50, d + 1, { n: 10000 ** ((d + 1) / d) });
  for (let k = 0; k < 50; k++) {
    const row = P.data.subarray(k * d, (k + 1) * d);
    assertClose(row[d - 1]!, Math.sin(k / 10000 ** ((d - 1) / d)), { atol: 1e-12, rtol: 0 }, `P(${k}, ${d - 1})`);
    assertClose(row[d - 1]!, even.data[k * (d + 1) + d - 1]!, { atol: 1e-12, rtol: 0 }, 'the same sine as in d + 1 with the matching n');
    const sq = row.reduce((s, v) => s + v * v, 0);
    assert.ok(sq >= (d - 1) / 2 - 1e-12 && sq <= (d + 1) / 2 + 1e-12, `‖P(${k})‖² = ${sq}`);
  }
});

test('EQ-LAYERS-40 PositionalEncoding adds P to each sequence of a batch (T×d or B×T×d), with no parameters and a constant P', () => {
  const pe = new PositionalEncoding(4);
  const X = linalg.randn([2, 3, 4], new Rng(3));
  const x = ad.variable(X);
  const y = pe.forward(x);
  const P = sinusoidalEncoding(3, 4);
  for (let b = 0; b < 2; b++) assertSameBits(y.value.data.subarray(b * 12, (b + 1) * 12), linalg.add(linalg.reshape(linalg.tensor(Array.from(X.data.subarray(b * 12, (b + 1) * 12)), [3, 4]), [3, 4]), P).data, `sequence ${b}`);
  assert.equal(pe.numParameters(), 0);
  ad.sum(y).backward();
  assertSameBits(x.grad.data, linalg.ones([2, 3, 4]).data, '∂L/∂x = 1');
});
