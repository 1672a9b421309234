/**
 * conv2d, conv2dBackward, im2col, col2im and convOutputSize (EQ-LAYERS-28,
 * 29) against references written here from the definitions: the sliding
 * dot product over an explicitly zero-padded copy, the doubly-block-Toeplitz
 * matrix of the kernel, true convolution, the output-size formula; and the
 * gradients against the adjoint identities ⟨conv(x), g⟩ = ⟨x, ∂x⟩ = ⟨w, ∂w⟩.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { ShapeError, ValueError } from '../../src/errors/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';
import { slidingDotProduct, toeplitz } from '../layers/conv-support.js';

/** A random convolution: x N×C×H×W, w F×C×kh×kw, b [F], and options that fit. */
interface Case {
  x: Tensor;
  w: Tensor;
  b: Tensor;
  stride: [number, number];
  dilation: [number, number];
  padding: [number, number, number, number];
}

function randomCase(rng: Rng, maxSide = 9): Case {
  const N = rng.int(1, 4), C = rng.int(1, 4), F = rng.int(1, 5);
  const kh = rng.int(1, 4), kw = rng.int(1, 4);
  const dilation: [number, number] = [rng.int(1, 3), rng.int(1, 3)];
  const stride: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
  const padding: [number, number, number, number] = [rng.int(0, 3), rng.int(0, 3), rng.int(0, 3), rng.int(0, 3)];
  // sides at least the kernel's extent minus the padding, so that it fits
  const side = (k: number, d: number, p: number): number => Math.max(1, d * (k - 1) + 1 - p) + rng.int(0, maxSide - 3);
  const H = side(kh, dilation[0], padding[0] + padding[1]), W = side(kw, dilation[1], padding[2] + padding[3]);
  return {
    x: linalg.randn([N, C, H, W], rng), w: linalg.randn([F, C, kh, kw], rng), b: linalg.randn([F], rng), stride, dilation, padding,
  };
}

const optionsOf = (c: Case) => ({ stride: c.stride, dilation: c.dilation, padding: c.padding });

const inner = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i]!, 0);
const cases = (rng: Rng): Case => randomCase(rng);

property('EQ-LAYERS-28 conv2d equals the explicit sliding dot product on a zero-padded copy, by both routes (random padding, stride, dilation), to 1e-12', cases, (c) => {
  const expected = slidingDotProduct(c.x, c.w, c.b, optionsOf(c));
  for (const method of ['gemm', 'direct'] as const) {
    const y = linalg.conv2d(c.x, c.w, c.b, { ...optionsOf(c), method });
    assert.deepEqual(y.shape, expected.shape);
    assertClose(y, expected, { atol: 1e-12, rtol: 1e-12 }, method);
  }
}, { runs: 60 });

property('EQ-LAYERS-28 conv2d equals W (as F × C·kh·kw) times im2col(X), then the axes N and F swapped', cases, (c) => {
  const cols = linalg.im2col(c.x, [c.w.shape[2]!, c.w.shape[3]!], optionsOf(c));
  const [F, C, kh, kw] = c.w.shape as [number, number, number, number];
  const product = linalg.matmul(linalg.reshape(c.w, [F, C * kh * kw]), cols); // F × N·P
  const y = linalg.conv2d(c.x, c.w, null, optionsOf(c));
  const [N, , Ho, Wo] = y.shape as [number, number, number, number];
  const P = Ho * Wo;
  for (let n = 0; n < N; n++) for (let f = 0; f < F; f++) {
    assertClose(y.data.subarray((n * F + f) * P, (n * F + f + 1) * P), product.data.subarray(f * N * P + n * P, f * N * P + (n + 1) * P), { atol: 1e-12, rtol: 1e-12 });
  }
}, { runs: 40 });

property('EQ-LAYERS-28 im2col and col2im are adjoint: ⟨im2col(x), Z⟩ = ⟨x, col2im(Z)⟩; col2im(im2col(x)) counts each pixel\'s copies', cases, (c) => {
  const k = [c.w.shape[2]!, c.w.shape[3]!];
  const cols = linalg.im2col(c.x, k, optionsOf(c));
  const Z = linalg.randn(cols.shape, new Rng(cols.data.length));
  const back = linalg.col2im(Z, c.x.shape, k, optionsOf(c));
  assertClose(inner(cols, Z), inner(c.x, back), { atol: 1e-10, rtol: 1e-12 });
  // col2im of im2col(ones) is the number of windows that read each pixel
  const ones = linalg.ones(c.x.shape);
  const copies = linalg.col2im(linalg.im2col(ones, k, optionsOf(c)), c.x.shape, k, optionsOf(c));
  assert.ok(copies.data.every((v) => Number.isInteger(v) && v >= 0));
  assert.equal(copies.data.reduce((a, v) => a + v, 0), linalg.im2col(ones, k, optionsOf(c)).data.reduce((a, v) => a + v, 0));
}, { runs: 40 });

property('EQ-LAYERS-28 conv2dBackward: ⟨conv(x, w), g⟩ = ⟨x, ∂x⟩ = ⟨w, ∂w⟩ and ∂b = Σ g, by both routes, which agree to 1e-12', cases, (c) => {
  const y = linalg.conv2d(c.x, c.w, null, optionsOf(c));
  const g = linalg.randn(y.shape, new Rng(y.data.length + 1));
  const gemm = linalg.conv2dBackward(c.x, c.w, g, optionsOf(c));
  const direct = linalg.conv2dBackward(c.x, c.w, g, { ...optionsOf(c), method: 'direct' });
  const yg = inner(y, g); // bilinear in (x, w): ⟨conv(x, w), g⟩ = ⟨x, ∂x⟩ = ⟨w, ∂w⟩
  for (const r of [gemm, direct]) {
    assertClose(inner(c.x, r.dx!), yg, { atol: 1e-10, rtol: 1e-11 });
    assertClose(inner(c.w, r.dw!), yg, { atol: 1e-10, rtol: 1e-11 });
    const [N, F, Ho, Wo] = y.shape as [number, number, number, number];
    const sums = Array.from({ length: F }, (_, f) => {
      let s = 0;
      for (let n = 0; n < N; n++) for (let p = 0; p < Ho * Wo; p++) s += g.data[(n * F + f) * Ho * Wo + p]!;
      return s;
    });
    assertClose(r.db!, sums, { atol: 1e-12, rtol: 1e-12 });
  }
  assertClose(gemm.dx!, direct.dx!, { atol: 1e-12, rtol: 1e-12 });
  assertClose(gemm.dw!, direct.dw!, { atol: 1e-12, rtol: 1e-12 });
  // only what is asked for
  const some = linalg.conv2dBackward(c.x, c.w, g, { ...optionsOf(c), inputGrad: false, biasGrad: false });
  assert.equal(some.dx, null);
  assert.equal(some.db, null);
  assertClose(some.dw!, gemm.dw!, { atol: 0, rtol: 0 });
}, { runs: 40 });

property('EQ-LAYERS-28 conv2d is linear in X and in K: conv(αX₁ + X₂, K) = α·conv(X₁, K) + conv(X₂, K), likewise in K', cases, (c) => {
  const rng = new Rng(c.x.data.length);
  const alpha = rng.uniform(-2, 2), x2 = linalg.randn(c.x.shape, rng), w2 = linalg.randn(c.w.shape, rng);
  const conv = (x: Tensor, w: Tensor): Tensor => linalg.conv2d(x, w, null, optionsOf(c));
  assertClose(conv(linalg.add(linalg.scale(c.x, alpha), x2), c.w), linalg.add(linalg.scale(conv(c.x, c.w), alpha), conv(x2, c.w)), { atol: 1e-12, rtol: 1e-12 });
  assertClose(conv(c.x, linalg.add(linalg.scale(c.w, alpha), w2)), linalg.add(linalg.scale(conv(c.x, c.w), alpha), conv(c.x, w2)), { atol: 1e-12, rtol: 1e-12 });
}, { runs: 30 });

property('EQ-LAYERS-28 convolution is multiplication by the doubly-block-Toeplitz matrix built from K, to 1e-12', (rng: Rng) => {
  const kh = rng.int(1, 4), kw = rng.int(1, 4), H = kh + rng.int(0, 5), W = kw + rng.int(0, 5);
  return { x: linalg.randn([1, 1, H, W], rng), k: linalg.randn([kh, kw], rng) };
}, ({ x, k }) => {
  const [, , H, W] = x.shape as [number, number, number, number];
  const y = linalg.conv2d(x, linalg.reshape(k, [1, 1, ...k.shape]), null);
  const Tx = linalg.matmul(toeplitz(k, H, W), linalg.reshape(x, [H * W]));
  assertClose(y.data, Tx.data, { atol: 1e-12, rtol: 1e-12 });
}, { runs: 40 });

test('EQ-LAYERS-28 a 6×6 image with a 3×3 kernel (valid, stride 1) gives 4×4; a vertical-edge kernel finds the edge', () => {
  // left half 10, right half 0: the deck's classic edge example
  const x = linalg.tensor(Array.from({ length: 36 }, (_, i) => (i % 6 < 3 ? 10 : 0)), [1, 1, 6, 6]);
  const k = linalg.tensor([1, 0, -1, 1, 0, -1, 1, 0, -1], [1, 1, 3, 3]);
  const y = linalg.conv2d(x, k, null);
  assert.deepEqual(y.shape, [1, 1, 4, 4]);
  assert.deepEqual([...y.data], [0, 30, 30, 0, 0, 30, 30, 0, 0, 30, 30, 0, 0, 30, 30, 0]);
  // one entry by hand: Y[0, 1] = Σ k[u, v]·x[u, 1 + v] = (10·1 + 10·0 + 0·(−1))·3 = 30
  assert.equal(y.data[1], 30);
});

property('EQ-LAYERS-28 true convolution Σ K[u, v]·X[i − u, j − v] equals cross-correlation (what conv2d computes) with the kernel flipped', (rng: Rng) => {
  const kh = rng.int(1, 4), kw = rng.int(1, 4);
  return { x: linalg.randn([1, 1, kh + rng.int(0, 5), kw + rng.int(0, 5)], rng), k: linalg.randn([kh, kw], rng) };
}, ({ x, k }) => {
  const [, , H, W] = x.shape as [number, number, number, number];
  const [kh, kw] = k.shape as [number, number];
  const Ho = H - kh + 1, Wo = W - kw + 1;
  // true convolution at output (i, j), i.e. at image position (i + kh − 1, j + kw − 1) of the full convolution
  const conv = new Float64Array(Ho * Wo);
  for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    let s = 0;
    for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) s += k.data[u * kw + v]! * x.data[(i + kh - 1 - u) * W + (j + kw - 1 - v)]!;
    conv[i * Wo + j] = s;
  }
  const flipped = linalg.tensor(Array.from({ length: kh * kw }, (_, i) => k.data[kh * kw - 1 - i]!), [1, 1, kh, kw]);
  assertClose(linalg.conv2d(x, flipped, null).data, conv, { atol: 1e-12, rtol: 1e-12 });
  // and without the flip they differ for a generic kernel (unless it is symmetric)
  if (kh * kw > 1) assert.ok(linalg.conv2d(x, linalg.reshape(k, [1, 1, kh, kw]), null).data.some((v, i) => Math.abs(v - conv[i]!) > 1e-9));
}, { runs: 30 });

property('EQ-LAYERS-29 output size o = ⌊(i + 2p − d(k − 1) − 1)/s⌋ + 1 for random (i, k, p, s, d) with the kernel inside the padded input; ShapeError otherwise', (rng: Rng) => {
  return { i: rng.int(1, 40), k: rng.int(1, 8), p: rng.int(0, 4), s: rng.int(1, 5), d: rng.int(1, 4) };
}, ({ i, k, p, s, d }) => {
  const extent = d * (k - 1) + 1;
  if (extent > i + 2 * p) {
    assert.throws(() => linalg.convOutputSize(i, k, { padding: p, stride: s, dilation: d }), ShapeError);
    assert.throws(() => linalg.conv2d(linalg.zeros([1, 1, 1, i]), linalg.zeros([1, 1, 1, k]), null, { padding: [0, p], stride: s, dilation: d }), ShapeError);
    return;
  }
  const o = Math.floor((i + 2 * p - d * (k - 1) - 1) / s) + 1;
  assert.equal(linalg.convOutputSize(i, k, { padding: p, stride: s, dilation: d }), o);
  // Dumoulin & Visin's o = ⌊(i + 2p − k)/s⌋ + 1 when d = 1
  if (d === 1) assert.equal(o, Math.floor((i + 2 * p - k) / s) + 1);
  // the shape conv2d produces, on both axes
  const y = linalg.conv2d(linalg.zeros([1, 1, i, i]), linalg.zeros([1, 1, k, k]), null, { padding: p, stride: s, dilation: d });
  assert.deepEqual(y.shape, [1, 1, o, o]);
  // and the count by brute force: positions whose window starts inside the padded input and ends inside it
  let count = 0;
  for (let start = 0; start + extent <= i + 2 * p; start += s) count++;
  assert.equal(count, o);
}, { runs: 200 });

property('EQ-LAYERS-29 the strided output is the stride-1 output subsampled: conv_s(X)[i, j] = conv₁(X)[s·i, s·j]', cases, (c) => {
  const one = linalg.conv2d(c.x, c.w, c.b, { padding: c.padding, dilation: c.dilation });
  const strided = linalg.conv2d(c.x, c.w, c.b, optionsOf(c));
  const [N, F, Ho, Wo] = strided.shape as [number, number, number, number];
  const [, , H1, W1] = one.shape as [number, number, number, number];
  for (let n = 0; n < N; n++) for (let f = 0; f < F; f++) for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    const a = strided.data[((n * F + f) * Ho + i) * Wo + j]!, b = one.data[((n * F + f) * H1 + i * c.stride[0]) * W1 + j * c.stride[1]]!;
    assert.equal(a, b); // the same sums in the same order
  }
}, { runs: 40 });

test('EQ-LAYERS-29 conv2d refuses a kernel larger than the padded input, a stride or dilation below 1, channels that differ, the wrong rank', () => {
  const x = linalg.zeros([1, 2, 4, 4]), w = linalg.zeros([3, 2, 5, 5]);
  assert.throws(() => linalg.conv2d(x, w, null), ShapeError);
  assert.doesNotThrow(() => linalg.conv2d(x, w, null, { padding: 1 }));
  assert.throws(() => linalg.conv2d(x, linalg.zeros([3, 2, 3, 3]), null, { stride: 0 }), ValueError);
  assert.throws(() => linalg.conv2d(x, linalg.zeros([3, 2, 3, 3]), null, { dilation: [1, 0] }), ValueError);
  assert.throws(() => linalg.conv2d(x, linalg.zeros([3, 1, 3, 3]), null), ShapeError);
  assert.throws(() => linalg.conv2d(linalg.zeros([2, 4, 4]), linalg.zeros([3, 2, 3, 3]), null), ShapeError);
  assert.throws(() => linalg.conv2d(x, linalg.zeros([3, 2, 3, 3]), linalg.zeros([2]), {}), ShapeError);
});

test('EQ-LAYERS-28 the cols option reuses an unfolding: the same bits as unfolding inside, and a ShapeError for cols of another shape', () => {
  const rng = new Rng(5);
  const x = linalg.randn([2, 3, 7, 6], rng), w = linalg.randn([4, 3, 3, 2], rng), options = { stride: 2, padding: 1 };
  const cols = linalg.im2col(x, [3, 2], options);
  assert.deepEqual(linalg.conv2d(x, w, null, { ...options, cols }).data, linalg.conv2d(x, w, null, options).data);
  const g = linalg.randn(linalg.conv2d(x, w, null, options).shape, rng);
  assert.deepEqual(linalg.conv2dBackward(x, w, g, { ...options, cols }).dw!.data, linalg.conv2dBackward(x, w, g, options).dw!.data);
  assert.throws(() => linalg.conv2d(x, w, null, { cols }), ShapeError);
});
