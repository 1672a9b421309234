/**
 * Attention (EQ-LAYERS-41 … 45, 47): the deck's parameter-free
 * self-attention and the query/key/value form against scalar loops of
 * their formulas; weights that are distributions; masks (causal, padding)
 * and causality; non-locality; permutation equivariance without a
 * positional encoding (and its failure with one); multi-head attention as
 * single matrices against separate heads; the Transformer encoder block;
 * gradients against central differences; and the 1/√d_k default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import {
  Conv1d, MultiHeadAttention, SelfAttention, TransformerEncoderBlock, attention, basicSelfAttention, sinusoidalEncoding,
} from '../../src/layers/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { moduleGradCheck, seeds, withRng } from './support.js';

const TOL = { atol: 1e-12, rtol: 1e-12 };

/** Row i of a T×w matrix as an array. */
const rowOf = (m: Tensor, i: number): number[] => {
  const w = m.shape[m.shape.length - 1]!;
  return Array.from(m.data.subarray(i * w, (i + 1) * w));
};
const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

/**
 * The loop form of one sequence: w′_ij = s·q_iᵀk_j over the allowed j,
 * w_ij = exp(w′_ij)/Σ_j exp(w′_ij), y_i = Σ_j w_ij v_j.
 */
function attentionByLoops(Q: Tensor, K: Tensor, V: Tensor, scale: number, allowed: (i: number, j: number) => boolean = () => true): { Y: number[][]; W: number[][] } {
  const T = Q.shape[0]!, S = K.shape[0]!;
  const Y: number[][] = [], W: number[][] = [];
  for (let i = 0; i < T; i++) {
    const logits = Array.from({ length: S }, (_, j) => (allowed(i, j) ? scale * dot(rowOf(Q, i), rowOf(K, j)) : -Infinity));
    const m = Math.max(...logits);
    const e = logits.map((l) => (l === -Infinity ? 0 : Math.exp(l - m)));
    const z = e.reduce((a, b) => a + b, 0);
    const w = e.map((v) => v / z);
    W.push(w);
    Y.push(rowOf(V, 0).map((_, c) => w.reduce((s, wj, j) => s + wj * V.data[j * V.shape[1]! + c]!, 0)));
  }
  return { Y, W };
}

/** X·W (X: T×d, W: d×m) by loops. */
const project = (X: Tensor, W: Tensor): Tensor => {
  const [T = 0, d = 0] = X.shape, m = W.shape[1]!;
  const out = linalg.zeros([T, m]);
  for (let t = 0; t < T; t++) for (let c = 0; c < m; c++) { let s = 0; for (let p = 0; p < d; p++) s += X.data[t * d + p]! * W.data[p * m + c]!; out.data[t * m + c] = s; }
  return out;
};

/** Sequence b of a B×T×w tensor as a T×w tensor (a copy). */
const sequenceOf = (x: Tensor, b: number): Tensor => {
  const [, T = 0, w = 0] = x.shape;
  return linalg.tensor(Array.from(x.data.subarray(b * T * w, (b + 1) * T * w)), [T, w]);
};

/** Rows of a T×w (or B×T×w) tensor permuted: row t of the result is row π[t] (within each sequence). */
const permuteRows = (x: Tensor, pi: readonly number[]): Tensor => {
  const w = x.shape[x.shape.length - 1]!, T = pi.length, out = linalg.clone(x);
  for (let base = 0; base < x.data.length; base += T * w) for (let t = 0; t < T; t++) out.data.set(x.data.subarray(base + pi[t]! * w, base + (pi[t]! + 1) * w), base + t * w);
  return out;
};

property('EQ-LAYERS-41 parameter-free self-attention: y_i = Σ_j w_ij x_j with w_ij = softmax_j(x_iᵀx_j) equals the loop form (1e-12); rows of w are non-negative and sum to 1; each y_i lies in the convex hull of the x_j', seeds, withRng((rng) => {
  const T = rng.int(1, 8), d = rng.int(1, 5);
  const X = linalg.randn([T, d], rng);
  const { output, weights } = basicSelfAttention(X);
  const ref = attentionByLoops(X, X, X, 1);
  assertClose(output.value, ref.Y.flat(), TOL, 'y');
  assertClose(weights.value, ref.W.flat(), TOL, 'w');
  for (let i = 0; i < T; i++) {
    const w = rowOf(weights.value, i);
    assert.ok(w.every((v) => v >= 0), `row ${i} non-negative`);
    assertClose(w.reduce((a, b) => a + b, 0), 1, TOL, `row ${i} sums to 1`);
    for (let c = 0; c < d; c++) {
      const column = Array.from({ length: T }, (_, j) => X.data[j * d + c]!);
      const y = output.value.data[i * d + c]!;
      assert.ok(y >= Math.min(...column) - 1e-12 && y <= Math.max(...column) + 1e-12, `y[${i}, ${c}] in the hull`);
    }
  }
}), { runs: 60 });

property('EQ-LAYERS-41 w′ = XXᵀ is symmetric (w_ij·Z_i = w_ji·Z_j with Z_i = Σ_j e^{w′_ij}); with equal norms ‖x_j‖ each token attends most to itself (Cauchy–Schwarz)', seeds, withRng((rng) => {
  const T = rng.int(2, 8), d = rng.int(2, 6);
  const X = linalg.randn([T, d], rng, 0, 0.7);
  const W = basicSelfAttention(X).weights.value;
  const Z = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => Math.exp(dot(rowOf(X, i), rowOf(X, j)))).reduce((a, b) => a + b, 0));
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) assertClose(W.data[i * T + j]! * Z[i]!, W.data[j * T + i]! * Z[j]!, { atol: 1e-12, rtol: 1e-10 }, `(${i}, ${j})`);
  const unit = linalg.zeros([T, d]);
  for (let t = 0; t < T; t++) {
    const r = rowOf(X, t), n = Math.sqrt(dot(r, r));
    r.forEach((v, c) => { unit.data[t * d + c] = (2 * v) / n; });
  }
  const Wu = basicSelfAttention(unit).weights.value;
  for (let i = 0; i < T; i++) {
    const w = rowOf(Wu, i);
    assert.equal(w.indexOf(Math.max(...w)), i, `row ${i}: ${w.join(', ')}`);
  }
}), { runs: 40 });

property('EQ-LAYERS-42 Q/K/V attention: the matrix form softmax_rows(s·QKᵀ)V with Q = XW_q … equals the loop form (1e-12), for s = 1 (the slide) and the default 1/√d_k', seeds, withRng((rng) => {
  const T = rng.int(1, 7), d = rng.int(1, 5), dK = rng.int(1, 5), dV = rng.int(1, 5);
  const slide = rng.next() < 0.5;
  const sa = new SelfAttention(d, { rng, dK, dV, ...(slide ? { scale: 1 } : {}) });
  assert.equal(sa.scale, slide ? 1 : 1 / Math.sqrt(dK));
  const X = linalg.randn([T, d], rng);
  const { output, weights } = sa.attend(ad.constant(X));
  const ref = attentionByLoops(project(X, sa.W_q.value), project(X, sa.W_k.value), project(X, sa.W_v.value), sa.scale);
  assertClose(output.value, ref.Y.flat(), TOL, 'Y');
  assertClose(weights.value, ref.W.flat(), TOL, 'W');
}), { runs: 60 });

test('EQ-LAYERS-42 with W_q = 0 every score is equal and y_i = mean_j v_j; with W_q = W_k = W_v = I and s = 1 it is parameter-free self-attention, bit for bit', () => {
  const rng = new Rng(5), T = 5, d = 3;
  const X = linalg.randn([T, d], rng);
  const sa = new SelfAttention(d, { rng });
  sa.W_q.value.data.fill(0);
  const V = project(X, sa.W_v.value);
  const meanV = rowOf(V, 0).map((_, c) => Array.from({ length: T }, (__, j) => V.data[j * d + c]!).reduce((a, b) => a + b, 0) / T);
  const Y = sa.forward(ad.constant(X)).value;
  for (let i = 0; i < T; i++) assertClose(rowOf(Y, i), meanV, TOL, `y_${i}`);
  const identity = new SelfAttention(d, { rng, scale: 1 });
  for (const W of [identity.W_q, identity.W_k, identity.W_v]) W.value.data.set(linalg.eye(d).data);
  assertSameBits(identity.forward(ad.constant(X)).value.data, basicSelfAttention(X).output.value.data, 'identity maps');
});

property('EQ-LAYERS-42 gradients of Q/K/V attention w.r.t. X, W_q, W_k, W_v match central differences, with and without masks; attention() passes gradCheck in q, k and v', seeds, withRng((rng) => {
  const B = rng.int(1, 3), T = rng.int(1, 5), d = rng.int(1, 4);
  const sa = new SelfAttention(d, { rng, dK: rng.int(1, 4) });
  const X = linalg.randn([B, T, d], rng);
  const check = moduleGradCheck(sa, X, rng);
  assert.ok(check.ratio <= 1, check.where);
  const causal = moduleGradCheck({ forward: (x: Var) => sa.forward(x, { causal: true }), parameters: () => sa.parameters() }, X, rng);
  assert.ok(causal.ratio <= 1, `causal: ${causal.where}`);
  const S = rng.int(1, 5), dV = rng.int(1, 4);
  const r = ad.gradCheck((q, k, v) => attention(q, k, v).output, [linalg.randn([B, T, d], rng), linalg.randn([B, S, d], rng), linalg.randn([B, S, dV], rng)]);
  assert.ok(r.ok, r.message);
}), { runs: 15 });

property('EQ-LAYERS-43 non-locality: every Jacobian block ∂y_i/∂x_j of attention is non-zero (Frobenius > 1e-8); one batched call equals each sequence alone and each query alone', seeds, withRng((rng) => {
  const B = rng.int(1, 4), T = rng.int(2, 6), d = rng.int(1, 4);
  const sa = new SelfAttention(d, { rng });
  const X = linalg.randn([B, T, d], rng);
  const x = ad.variable(linalg.clone(sequenceOf(X, 0)));
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      let frob = 0;
      for (let c = 0; c < d; c++) {
        x.zeroGrad();
        const seed = linalg.zeros([T, d]);
        seed.data[i * d + c] = 1;
        sa.forward(x).backward(seed);
        for (let p = 0; p < d; p++) frob += x.grad.data[j * d + p]! ** 2;
      }
      assert.ok(Math.sqrt(frob) > 1e-8, `∂y_${i}/∂x_${j} = 0`);
    }
  }
  const Y = sa.forward(ad.constant(X)).value;
  for (let b = 0; b < B; b++) {
    const alone = sa.forward(ad.constant(sequenceOf(X, b))).value;
    assertSameBits(Y.data.subarray(b * T * d, (b + 1) * T * d), alone.data, `sequence ${b}`);
    const Xb = sequenceOf(X, b);
    const K = project(Xb, sa.W_k.value), V = project(Xb, sa.W_v.value), Q = project(Xb, sa.W_q.value);
    for (let i = 0; i < T; i++) {
      const yi = attention(linalg.tensor(rowOf(Q, i), [1, d]), K, V).output.value;
      assertClose(yi.data, alone.data.subarray(i * d, (i + 1) * d), TOL, `query ${i} alone`);
    }
  }
}), { runs: 15 });

test('EQ-LAYERS-43 the contrast: for a 1-D convolution of kernel size k the block ∂y_i/∂x_j is exactly 0 when |i − j| ≥ k, where attention\'s is non-zero for every pair', () => {
  const rng = new Rng(43), d = 3, T = 9, k = 3;
  const conv = new Conv1d(d, d, k, { rng, padding: 'same' });
  const sa = new SelfAttention(d, { rng });
  const X = linalg.randn([T, d], rng);
  /** ‖∂y_i/∂x_j‖_F for a map of the T×d sequence. */
  const block = (f: (x: Var) => Var, i: number, j: number): number => {
    const x = ad.variable(linalg.clone(X));
    let frob = 0;
    for (let c = 0; c < d; c++) {
      x.zeroGrad();
      const y = f(x), seed = linalg.zeros(y.value.shape);
      seed.data[i * d + c] = 1;
      y.backward(seed);
      for (let p = 0; p < d; p++) frob += x.grad.data[j * d + p]! ** 2;
    }
    return Math.sqrt(frob);
  };
  // The convolution runs channels first (1×d×T): transpose in, transpose out.
  const convolved = (x: Var): Var => ad.transpose(ad.reshape(conv.forward(ad.reshape(ad.transpose(x), [1, d, T])), [d, T]));
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      const c = block(convolved, i, j);
      if (Math.abs(i - j) >= k) assert.equal(c, 0, `conv: ∂y_${i}/∂x_${j}`);
      assert.ok(block((x) => sa.forward(x), i, j) > 1e-8, `attention: ∂y_${i}/∂x_${j}`);
    }
  }
});

property('EQ-LAYERS-37/43 under the causal mask the output at t is bit-identical when inputs after t change, weights above the diagonal are exactly 0, and the result equals the loop over keys j ≤ i', seeds, withRng((rng) => {
  const B = rng.int(1, 3), T = rng.int(2, 7), d = rng.int(1, 5), t = rng.int(1, T);
  for (const layer of [new SelfAttention(d, { rng }), new MultiHeadAttention(2 * d, 2, { rng }), new TransformerEncoderBlock(2 * d, 2, { rng, dFF: 3 })]) {
    const w = 'headDim' in layer || layer instanceof TransformerEncoderBlock ? 2 * d : d;
    const X = linalg.randn([B, T, w], rng), X2 = linalg.clone(X);
    for (let b = 0; b < B; b++) for (let s = t; s < T; s++) for (let p = 0; p < w; p++) X2.data[(b * T + s) * w + p] = rng.normal() * 3;
    const a = layer.forward(ad.constant(X), { causal: true }).value, c = layer.forward(ad.constant(X2), { causal: true }).value;
    for (let b = 0; b < B; b++) assertSameBits(c.data.subarray(b * T * w, (b * T + t) * w), a.data.subarray(b * T * w, (b * T + t) * w), `${layer.toString()}: outputs 1 … ${t}`);
  }
  const sa = new SelfAttention(d, { rng });
  const X = linalg.randn([T, d], rng);
  const { output, weights } = sa.attend(ad.constant(X), { causal: true });
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) assert.equal(weights.value.data[i * T + j], 0);
  const ref = attentionByLoops(project(X, sa.W_q.value), project(X, sa.W_k.value), project(X, sa.W_v.value), sa.scale, (i, j) => j <= i);
  assertClose(output.value, ref.Y.flat(), TOL, 'causal loop form');
}), { runs: 20 });

property('a padding mask gives padded keys weight exactly 0, and the outputs at real tokens equal those of the unpadded sequence (1e-12); a general 0/1 mask equals the loop over the allowed keys', seeds, withRng((rng) => {
  const T = rng.int(2, 7), real = rng.int(1, T), d = rng.int(1, 4);
  const mha = new MultiHeadAttention(2 * d, 2, { rng });
  const X = linalg.randn([1, T, 2 * d], rng);
  const mask = linalg.tensor(Array.from({ length: T }, (_, j) => (j < real ? 1 : 0)), [1, T]);
  const padded = mha.attend(ad.constant(X), { paddingMask: mask });
  for (let h = 0; h < 2; h++) for (let i = 0; i < T; i++) for (let j = real; j < T; j++) assert.equal(padded.weights.value.data[(h * T + i) * T + j], 0);
  const short = mha.forward(ad.constant(linalg.tensor(Array.from(X.data.subarray(0, real * 2 * d)), [1, real, 2 * d]))).value;
  assertClose(padded.output.value.data.subarray(0, real * 2 * d), short.data, TOL, 'real tokens');
  const sa = new SelfAttention(d, { rng });
  const Y = linalg.randn([T, d], rng);
  const allow = linalg.tensor(Array.from({ length: T * T }, (_, k) => (k % (T + 1) === 0 || rng.next() < 0.5 ? 1 : 0)), [T, T]);
  const ref = attentionByLoops(project(Y, sa.W_q.value), project(Y, sa.W_k.value), project(Y, sa.W_v.value), sa.scale, (i, j) => allow.data[i * T + j] === 1);
  assertClose(sa.forward(ad.constant(Y), { mask: allow }).value, ref.Y.flat(), TOL, 'general mask');
}), { runs: 30 });

test('a fully masked query gets uniform weights (the softmax of a row of −∞), not NaN', () => {
  const X = linalg.randn([3, 2], new Rng(1));
  const { weights, output } = basicSelfAttention(X, { mask: linalg.tensor([0, 0, 0, 1, 1, 1, 1, 1, 1], [3, 3]) });
  assertClose(weights.value.data.subarray(0, 3), [1 / 3, 1 / 3, 1 / 3], TOL, 'row 0');
  assert.ok(Array.from(output.value.data).every(Number.isFinite));
});

property('EQ-LAYERS-44 without positional encoding attention is permutation-equivariant, Attn(PX) = P·Attn(X) (1e-12), for the basic, Q/K/V and multi-head forms; the mean over positions is invariant; with sinusoidal PE added it fails (> 1e-3)', seeds, withRng((rng) => {
  const T = rng.int(3, 8), d = 2 * rng.int(1, 3);
  const pi = Array.from(rng.permutation(T));
  if (pi.every((p, i) => p === i)) [pi[0], pi[1]] = [pi[1]!, pi[0]!];
  const X = linalg.randn([T, d], rng);
  const sa = new SelfAttention(d, { rng }), mha = new MultiHeadAttention(d, 2, { rng });
  const forms: [string, (x: Tensor) => Tensor][] = [
    ['basic', (x) => basicSelfAttention(x).output.value],
    ['Q/K/V', (x) => sa.forward(ad.constant(x)).value],
    ['multi-head', (x) => mha.forward(ad.constant(x)).value],
  ];
  for (const [name, f] of forms) {
    const Y = f(X);
    assertClose(f(permuteRows(X, pi)), permuteRows(Y, pi), TOL, name);
    assertClose(linalg.mean(f(permuteRows(X, pi)), { axis: 0 }), linalg.mean(Y, { axis: 0 }), TOL, `${name}: mean over positions`);
  }
  const P = sinusoidalEncoding(T, d);
  const withPE = (x: Tensor): Tensor => sa.forward(ad.constant(linalg.add(x, P))).value;
  const gap = linalg.maxAbs(linalg.sub(withPE(permuteRows(X, pi)), permuteRows(withPE(X), pi)));
  assert.ok(gap > 1e-3, `with PE the difference is only ${gap}`);
}), { runs: 40 });

property('EQ-LAYERS-45 multi-head attention as single matrices equals each head computed separately (columns j·d_h … of W_q, W_k, W_v) and concatenated (1e-12), then mapped by W_o; shapes (t, h·d_h); each head\'s weights sum to 1', seeds, withRng((rng) => {
  const h = rng.int(1, 4), dh = rng.int(1, 4), d = h * dh, T = rng.int(1, 6), B = rng.int(1, 3);
  const mha = new MultiHeadAttention(d, h, { rng });
  const X = linalg.randn([B, T, d], rng);
  const res = mha.attend(ad.constant(X));
  assert.deepEqual([res.output.shape, res.heads.shape, res.weights.shape], [[B, T, d], [B, T, d], [B, h, T, T]]);
  const columns = (W: Tensor, j: number): Tensor => {
    const out = linalg.zeros([d, dh]);
    for (let p = 0; p < d; p++) for (let c = 0; c < dh; c++) out.data[p * dh + c] = W.data[p * d + j * dh + c]!;
    return out;
  };
  for (let b = 0; b < B; b++) {
    const Xb = sequenceOf(X, b);
    const parts = Array.from({ length: h }, (_, j) => {
      const head = new SelfAttention(d, { dK: dh, dV: dh, init: 'zeros' });
      head.W_q.value.data.set(columns(mha.W_q.value, j).data);
      head.W_k.value.data.set(columns(mha.W_k.value, j).data);
      head.W_v.value.data.set(columns(mha.W_v.value, j).data);
      const r = head.attend(ad.constant(Xb));
      assertClose(r.weights.value, res.weights.value.data.subarray((b * h + j) * T * T, (b * h + j + 1) * T * T), TOL, `weights of head ${j}`);
      return r.output;
    });
    const joined = ad.concat(parts, 1).value;
    assertClose(res.heads.value.data.subarray(b * T * d, (b + 1) * T * d), joined.data, TOL, `sequence ${b}: heads`);
    assertClose(res.output.value.data.subarray(b * T * d, (b + 1) * T * d), linalg.matmul(joined, mha.W_o!.value).data, TOL, `sequence ${b}: output`);
  }
  for (let r = 0; r < B * h * T; r++) assertClose(Array.from(res.weights.value.data.subarray(r * T, (r + 1) * T)).reduce((a, c) => a + c, 0), 1, TOL, `row ${r}`);
}), { runs: 40 });

test('EQ-LAYERS-45 one head without the output map is Q/K/V attention bit for bit; heads with identical weights give identical outputs', () => {
  const rng = new Rng(8), d = 4, T = 5;
  const X = linalg.randn([2, T, d], rng);
  const one = new MultiHeadAttention(d, 1, { rng, outputProjection: false });
  const sa = new SelfAttention(d, { init: 'zeros' });
  sa.W_q.value.data.set(one.W_q.value.data);
  sa.W_k.value.data.set(one.W_k.value.data);
  sa.W_v.value.data.set(one.W_v.value.data);
  assertSameBits(one.forward(ad.constant(X)).value.data, sa.forward(ad.constant(X)).value.data, 'h = 1');
  const twin = new MultiHeadAttention(d, 2, { rng });
  for (const W of [twin.W_q, twin.W_k, twin.W_v]) for (let p = 0; p < d; p++) W.value.data.copyWithin(p * d + 2, p * d, p * d + 2);
  const heads = twin.attend(ad.constant(X)).heads.value;
  for (let r = 0; r < 2 * T; r++) assertSameBits(heads.data.subarray(r * d + 2, r * d + 4), heads.data.subarray(r * d, r * d + 2), `row ${r}`);
});

property('EQ-LAYERS-45 multi-head attention passes gradCheck for its input and W_q, W_k, W_v, W_o, also under a padding mask', seeds, withRng((rng) => {
  const h = rng.int(1, 3), d = h * rng.int(1, 3), B = rng.int(1, 3), T = rng.int(1, 4);
  const mha = new MultiHeadAttention(d, h, { rng });
  const X = linalg.randn([B, T, d], rng);
  const check = moduleGradCheck(mha, X, rng);
  assert.ok(check.ratio <= 1, check.where);
  const pad = linalg.tensor(Array.from({ length: B * T }, (_, k) => (k % T === 0 || rng.next() < 0.6 ? 1 : 0)), [B, T]);
  const masked = moduleGradCheck({ forward: (x: Var) => mha.forward(x, { paddingMask: pad }), parameters: () => mha.parameters() }, X, rng);
  assert.ok(masked.ratio <= 1, `padding: ${masked.where}`);
}), { runs: 12 });

property('EQ-LAYERS-47 the encoder block keeps the shape (t, d), is permutation-equivariant without PE (1e-12), pre-norm and post-norm alike', seeds, withRng((rng) => {
  const h = rng.int(1, 3), d = h * rng.int(1, 3), T = rng.int(2, 6);
  const pi = Array.from(rng.permutation(T));
  for (const norm of ['post', 'pre'] as const) {
    const block = new TransformerEncoderBlock(d, h, { rng, norm, dFF: rng.int(1, 6) });
    const X = linalg.randn([2, T, d], rng);
    const Y = block.forward(ad.constant(X)).value;
    assert.deepEqual(Y.shape, [2, T, d]);
    assertClose(block.forward(ad.constant(permuteRows(X, pi))).value, permuteRows(Y, pi), TOL, `${norm}-norm`);
  }
}), { runs: 30 });

test('EQ-LAYERS-47 post-norm: with the attention and FFN weights 0 the block is LN(LN(X)) = LN(X) at ε = 0 (1e-12); pre-norm with zero sublayers is the identity', () => {
  const rng = new Rng(12), d = 4, X = linalg.randn([3, 5, d], rng);
  const post = new TransformerEncoderBlock(d, 2, { rng, epsilon: 0 });
  for (const p of [...post.attention.parameters(), ...post.ffn.parameters()]) p.value.data.fill(0);
  const ln = (x: Tensor): Tensor => {
    const out = linalg.clone(x);
    for (let r = 0; r < x.data.length / d; r++) {
      const row = Array.from(x.data.subarray(r * d, (r + 1) * d)), mu = row.reduce((a, b) => a + b, 0) / d;
      const sd = Math.sqrt(row.reduce((a, b) => a + (b - mu) ** 2, 0) / d);
      row.forEach((v, j) => { out.data[r * d + j] = (v - mu) / sd; });
    }
    return out;
  };
  assertClose(post.forward(ad.constant(X)).value, ln(X), TOL, 'LN(X)');
  const pre = new TransformerEncoderBlock(d, 2, { rng, norm: 'pre' });
  for (const p of [...pre.attention.parameters(), ...pre.ffn.parameters()]) p.value.data.fill(0);
  assertSameBits(pre.forward(ad.constant(X)).value.data, X.data, 'X');
});

property('EQ-LAYERS-47 the encoder block passes gradCheck on a tiny instance, for its input and every parameter, post-norm and pre-norm', seeds, withRng((rng) => {
  for (const norm of ['post', 'pre'] as const) {
    const block = new TransformerEncoderBlock(2, 2, { rng, norm, dFF: 3, epsilon: 0.1 });
    for (const p of block.parameters()) p.value.data.set(linalg.randn(p.value.shape, rng, 0, 0.7).data);
    const check = moduleGradCheck(block, linalg.randn([2, 3, 2], rng), rng);
    assert.ok(check.ratio <= 1, `${norm}: ${check.where}`);
  }
}), { runs: 6 });

test('the default scale 1/√d_k: for queries and keys with unit-variance entries q·k has variance ≈ d_k, the scaled logits ≈ 1, and without the scale softmax nearly saturates at d_k = 256 (mean largest weight 0.94 against 0.37 with it)', () => {
  const rng = new Rng(3), dK = 256, T = 8, n = 40;
  let sumSq = 0, count = 0, maxPlain = 0, maxScaled = 0;
  for (let r = 0; r < n; r++) {
    const Q = linalg.randn([T, dK], rng), K = linalg.randn([T, dK], rng), V = linalg.randn([T, 1], rng);
    const logits = linalg.matmulTransB(Q, K);
    for (const v of logits.data) { sumSq += v * v; count++; }
    const plain = attention(Q, K, V, { scale: 1 }).weights.value, scaled = attention(Q, K, V).weights.value;
    for (let i = 0; i < T; i++) {
      maxPlain += Math.max(...rowOf(plain, i)) / (n * T);
      maxScaled += Math.max(...rowOf(scaled, i)) / (n * T);
    }
  }
  const variance = sumSq / count;
  assert.ok(Math.abs(variance / dK - 1) < 0.1, `Var(q·k)/d_k = ${variance / dK}`);
  assert.ok(maxPlain > 0.9, `mean largest weight without the scale ${maxPlain}`);
  assert.ok(maxScaled < 0.5, `mean largest weight with it ${maxScaled}`);
});
