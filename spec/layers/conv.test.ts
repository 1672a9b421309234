/**
 * Conv1d, Conv2d and the ops conv1d, conv2d: the layer against the
 * sliding dot product (EQ-LAYERS-28), padding 'same' and zero against mean
 * padding (29), several kernels as stacked single-kernel convolutions and
 * the parameter count (30), translation equivariance, locality and the
 * negative control of a dense layer (31), the tied Dense layer (34), and
 * gradCheck of every variant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Conv1d, Conv2d, Dense, Flatten, Sequential, checkEquivariance, conv1d, conv2d, roll } from '../../src/layers/index.js';
import type { Conv2dOptions } from '../../src/layers/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { slidingDotProduct, toeplitz } from './conv-support.js';
import { seeds, withRng } from './support.js';

const run = (m: { forward(x: ad.Var): ad.Var }, x: Tensor): Tensor => ad.noGrad(() => m.forward(ad.constant(x))).value;

/** Random conv options in the layer's own forms (numbers, pairs, 'same', 'valid'). */
function randomOptions(rng: Rng, k: [number, number]): { options: Conv2dOptions; padding: [number, number, number, number]; stride: [number, number]; dilation: [number, number] } {
  const stride: [number, number] = [rng.int(1, 3), rng.int(1, 3)];
  const dilation: [number, number] = [rng.int(1, 3), rng.int(1, 3)];
  const form = rng.int(0, 4);
  if (form === 0 && stride[0] === 1 && stride[1] === 1) {
    const half = (e: number): [number, number] => [Math.floor(e / 2), e - Math.floor(e / 2)];
    const [t, b] = half(dilation[0] * (k[0] - 1)), [l, r] = half(dilation[1] * (k[1] - 1));
    return { options: { stride, dilation, padding: 'same' }, padding: [t, b, l, r], stride, dilation };
  }
  if (form === 1) return { options: { stride, dilation, padding: 'valid' }, padding: [0, 0, 0, 0], stride, dilation };
  if (form === 2) {
    const p = rng.int(0, 3);
    return { options: { stride, dilation, padding: p }, padding: [p, p, p, p], stride, dilation };
  }
  const p: [number, number, number, number] = [rng.int(0, 3), rng.int(0, 3), rng.int(0, 3), rng.int(0, 3)];
  return { options: { stride, dilation, padding: p }, padding: p, stride, dilation };
}

property('EQ-LAYERS-28 Conv2d equals the sliding dot product of each kernel over the zero-padded input (numbers, pairs, \'same\', \'valid\'), to 1e-12', seeds, withRng((rng) => {
  const C = rng.int(1, 4), F = rng.int(1, 4), k: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
  const { options, padding, stride, dilation } = randomOptions(rng, k);
  const H = dilation[0] * (k[0] - 1) + 1 + rng.int(0, 6), W = dilation[1] * (k[1] - 1) + 1 + rng.int(0, 6);
  const layer = new Conv2d(C, F, k, { rng, ...options });
  linalg.addScaledInto(layer.b!.value, linalg.randn([F], rng));
  const x = linalg.randn([rng.int(1, 3), C, H, W], rng);
  const expected = slidingDotProduct(x, layer.W.value, layer.b!.value, { stride, dilation, padding });
  const y = run(layer, x);
  assert.deepEqual(y.shape, expected.shape);
  assert.deepEqual(layer.outputShape(x.shape), expected.shape);
  assertClose(y, expected, { atol: 1e-12, rtol: 1e-12 });
  if (options.padding === 'same') assert.deepEqual(y.shape.slice(2), [H, W]); // 'same' keeps the size
}), { runs: 60 });

property('EQ-LAYERS-28 Conv1d over N×C×L equals Conv2d over N×C×1×L with the same kernels', seeds, withRng((rng) => {
  const C = rng.int(1, 5), F = rng.int(1, 5), k = rng.int(1, 6), L = 3 * k + rng.int(0, 8);
  const stride = rng.int(1, 3), dilation = rng.int(1, 3), padding: [number, number] = [rng.int(0, 3), rng.int(0, 3)];
  const one = new Conv1d(C, F, k, { rng, stride, dilation, padding });
  const two = new Conv2d(C, F, [1, k], { init: 'zeros', stride, dilation, padding: [0, 0, ...padding] });
  two.W.value.data.set(one.W.value.data);
  linalg.addScaledInto(one.b!.value, linalg.randn([F], rng));
  two.b!.value.data.set(one.b!.value.data);
  const x = linalg.randn([2, C, L], rng);
  const y1 = run(one, x), y2 = run(two, linalg.reshape(x, [2, C, 1, L]));
  assert.deepEqual(y1.shape, [2, F, y2.shape[3]]);
  assertSameBits(y1.data, y2.data, 'Conv1d against Conv2d');
}), { runs: 30 });

property('EQ-LAYERS-30 a conv with F kernels equals F single-kernel convs stacked along the channel axis; it has F·(C·kh·kw + 1) parameters', seeds, withRng((rng) => {
  const C = rng.int(1, 4), F = rng.int(1, 6), kh = rng.int(1, 4), kw = rng.int(1, 4);
  const layer = new Conv2d(C, F, [kh, kw], { rng });
  assert.equal(layer.numParameters(), F * (C * kh * kw + 1));
  linalg.addScaledInto(layer.b!.value, linalg.randn([F], rng));
  const x = linalg.randn([2, C, kh + rng.int(0, 5), kw + rng.int(0, 5)], rng);
  const y = run(layer, x);
  const [N, , Ho, Wo] = y.shape as [number, number, number, number];
  for (let f = 0; f < F; f++) {
    const single = new Conv2d(C, 1, [kh, kw], { init: 'zeros' });
    single.W.value.data.set(layer.W.value.data.subarray(f * C * kh * kw, (f + 1) * C * kh * kw));
    single.b!.value.data[0] = layer.b!.value.data[f]!;
    const yf = run(single, x);
    for (let n = 0; n < N; n++) {
      assertSameBits(y.data.subarray((n * F + f) * Ho * Wo, (n * F + f + 1) * Ho * Wo), yf.data.subarray(n * Ho * Wo, (n + 1) * Ho * Wo), `kernel ${f}`);
    }
  }
}), { runs: 30 });

test('EQ-LAYERS-30 LeNet\'s C1, 6 kernels of 5×5 over one channel, has 156 parameters and maps 1×32×32 to 6×28×28', () => {
  const c1 = new Conv2d(1, 6, 5, { rng: new Rng(1) });
  assert.equal(c1.numParameters(), 156);
  assert.deepEqual(c1.outputShape([1, 1, 32, 32]), [1, 6, 28, 28]);
  assert.equal(new Conv2d(6, 16, 5, { rng: new Rng(1), bias: false }).numParameters(), 16 * 6 * 25);
  assert.equal(c1.toString(), 'Conv2d(1 → 6, 5×5)');
});

test('EQ-LAYERS-29 zero against mean padding: on a constant image c > 0 with an all-ones k×k kernel, mean padding gives c·k² everywhere, zero padding c·k² inside and less on the border', () => {
  const c = 3, k = 3, H = 6, p = 1;
  const x = linalg.full([1, 1, H, H], c);
  const layer = new Conv2d(1, 1, k, { init: 'zeros', bias: false, padding: 'same' });
  layer.W.value.data.fill(1);
  const zero = run(layer, x);
  const meanPadded = linalg.full([1, 1, H + 2 * p, H + 2 * p], linalg.mean(x)); // the image padded with its mean
  const valid = new Conv2d(1, 1, k, { init: 'zeros', bias: false });
  valid.W.value.data.fill(1);
  const byMean = run(valid, meanPadded);
  assert.deepEqual(byMean.shape, [1, 1, H, H]);
  assert.ok(byMean.data.every((v) => v === c * k * k));
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) {
    const border = i === 0 || j === 0 || i === H - 1 || j === H - 1, v = zero.data[i * H + j]!;
    if (border) assert.ok(v < c * k * k, `(${i}, ${j}) on the border: ${v}`);
    else assert.equal(v, c * k * k);
  }
});

property('EQ-LAYERS-31 with circular padding conv(shift_δ X) = shift_δ conv(X) exactly, for random shifts along both axes (1-D and 2-D)', seeds, withRng((rng) => {
  const C = rng.int(1, 3), F = rng.int(1, 3), kh = 2 * rng.int(0, 2) + 1, kw = 2 * rng.int(0, 2) + 1;
  const H = kh + rng.int(1, 6), W = kw + rng.int(1, 6);
  const layer = new Conv2d(C, F, [kh, kw], { rng, padding: 'same', paddingMode: 'circular' });
  linalg.addScaledInto(layer.b!.value, linalg.randn([F], rng));
  const x = linalg.randn([2, C, H, W], rng);
  const dy = rng.int(-H, H + 1), dx = rng.int(-W, W + 1);
  const shift = (t: Tensor): Tensor => roll(roll(t, dy, 2), dx, 3);
  const check = checkEquivariance((t) => layer.forward(ad.constant(t)), shift, shift, x);
  assert.ok(check.ok, `shift (${dy}, ${dx}): max difference ${check.maxDifference}`);
  const line = new Conv1d(C, F, kw, { rng, padding: 'same', paddingMode: 'circular', dilation: rng.int(1, 3) });
  const s = linalg.randn([2, C, W + 3], rng), d = rng.int(-5, 6);
  assert.ok(checkEquivariance((t) => line.forward(ad.constant(t)), (t) => roll(t, d, 2), (t) => roll(t, d, 2), s).ok);
}), { runs: 40 });

property('EQ-LAYERS-29 circular padding reads the input wrapped around: y[n, f, i, j] = b[f] + Σ w[f, c, u, v]·x[n, c, (i·sh + u·dh − pt) mod H, (j·sw + v·dw − pl) mod W], to 1e-12', seeds, withRng((rng) => {
  const C = rng.int(1, 3), F = rng.int(1, 3), k: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
  const { options, padding, stride, dilation } = randomOptions(rng, k);
  const H = dilation[0] * (k[0] - 1) + 1 + rng.int(0, 5), W = dilation[1] * (k[1] - 1) + 1 + rng.int(0, 5);
  const layer = new Conv2d(C, F, k, { rng, ...options, paddingMode: 'circular' });
  linalg.addScaledInto(layer.b!.value, linalg.randn([F], rng));
  const x = linalg.randn([2, C, H, W], rng), w = layer.W.value, b = layer.b!.value;
  const [pt, pb, pl, pr] = padding;
  const Ho = Math.floor((H + pt + pb - dilation[0] * (k[0] - 1) - 1) / stride[0]) + 1;
  const Wo = Math.floor((W + pl + pr - dilation[1] * (k[1] - 1) - 1) / stride[1]) + 1;
  const mod = (a: number, m: number): number => ((a % m) + m) % m;
  const expected = linalg.zeros([2, F, Ho, Wo]);
  for (let n = 0; n < 2; n++) for (let f = 0; f < F; f++) for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    let sum = b.data[f]!;
    for (let c = 0; c < C; c++) for (let u = 0; u < k[0]; u++) for (let v = 0; v < k[1]; v++) {
      const r = mod(i * stride[0] + u * dilation[0] - pt, H), q = mod(j * stride[1] + v * dilation[1] - pl, W);
      sum += w.data[((f * C + c) * k[0] + u) * k[1] + v]! * x.data[((n * C + c) * H + r) * W + q]!;
    }
    expected.data[((n * F + f) * Ho + i) * Wo + j] = sum;
  }
  assertClose(run(layer, x), expected, { atol: 1e-12, rtol: 1e-12 });
}), { runs: 40 });

/** x translated by (δy, δx) ≥ 0 with zeros entering: x′[i, j] = x[i − δy, j − δx], or 0 outside. */
function translate(x: Tensor, dy: number, dx: number): Tensor {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const y = linalg.zeros(x.shape);
  for (let q = 0; q < N * C; q++) for (let i = dy; i < H; i++) for (let j = dx; j < W; j++) y.data[(q * H + i) * W + j] = x.data[(q * H + i - dy) * W + j - dx]!;
  return y;
}

property('EQ-LAYERS-31 without wrapping (valid convolution, the input translated with zeros entering) Y′[i, j] = Y[i − δy, j − δx] bit for bit wherever the window stays off the border', seeds, withRng((rng) => {
  const k = rng.int(1, 4), H = k + rng.int(2, 7), W = k + rng.int(2, 7);
  const layer = new Conv2d(2, 2, k, { rng });
  const x = linalg.randn([1, 2, H, W], rng);
  const dy = rng.int(0, 3), dx = rng.int(0, 3);
  const y = run(layer, x), shifted = run(layer, translate(x, dy, dx));
  const Ho = H - k + 1, Wo = W - k + 1;
  let compared = 0;
  for (let f = 0; f < 2; f++) for (let i = dy; i < Ho; i++) for (let j = dx; j < Wo; j++) {
    assert.equal(shifted.data[(f * Ho + i) * Wo + j], y.data[(f * Ho + i - dy) * Wo + j - dx]);
    compared++;
  }
  assert.ok(compared > 0 || dy >= Ho || dx >= Wo);
}), { runs: 40 });

property('EQ-LAYERS-31 locality: Y[i, j] depends only on X[i … i+k−1, j … j+k−1]: a pixel outside leaves it bit-identical, one inside moves it', seeds, withRng((rng) => {
  const k = rng.int(1, 4), H = k + rng.int(1, 6), W = k + rng.int(1, 6);
  const layer = new Conv2d(1, 1, k, { rng });
  const x = linalg.randn([1, 1, H, W], rng);
  const y = run(layer, x);
  const Wo = W - k + 1, i = rng.int(0, H - k + 1), j = rng.int(0, Wo);
  const r = rng.int(0, H), c = rng.int(0, W);
  const inside = r >= i && r < i + k && c >= j && c < j + k;
  const moved = linalg.clone(x);
  moved.data[r * W + c] = moved.data[r * W + c]! + 10;
  const y2 = run(layer, moved);
  if (inside) assert.notEqual(y2.data[i * Wo + j], y.data[i * Wo + j]);
  else assert.equal(y2.data[i * Wo + j], y.data[i * Wo + j]);
}), { runs: 100 });

test('EQ-LAYERS-31 negative control: a dense layer on the unrolled image, with random weights, is not translation-equivariant', () => {
  const rng = new Rng(31), H = 6, W = 6;
  const dense = new Sequential([new Flatten(), new Dense(H * W, H * W, { rng })]);
  const unflat = (t: Tensor): Tensor => linalg.reshape(t, [1, 1, H, W]);
  const x = linalg.randn([1, 1, H, W], rng);
  const shift = (t: Tensor): Tensor => roll(t, 1, 3);
  const check = checkEquivariance((t) => unflat(run(dense, t)), shift, shift, x, { atol: 1e-9 });
  assert.equal(check.ok, false);
  assert.ok(check.maxDifference > 1e-3);
  // the circular convolution is, on the same input
  const conv = new Conv2d(1, 1, 3, { rng, padding: 1, paddingMode: 'circular' });
  assert.ok(checkEquivariance((t) => run(conv, t), shift, shift, x).ok);
});

property('EQ-LAYERS-34 a conv is a Dense layer with a weight-shared sparse (Toeplitz) matrix: Flatten → Dense(W = Tᵀ, b) reproduces it to 1e-12', seeds, withRng((rng) => {
  const k = rng.int(1, 4), H = k + rng.int(0, 5), W = k + rng.int(0, 5);
  const conv = new Conv2d(1, 1, k, { rng });
  conv.b!.value.data[0] = rng.normal();
  const T = toeplitz(linalg.reshape(conv.W.value, [k, k]), H, W); // (Ho·Wo) × (H·W)
  const dense = new Dense(H * W, T.shape[0]!, { init: 'zeros' });
  dense.W.value.data.set(linalg.transpose(T).data); // Dense computes X·W: W = Tᵀ
  dense.b!.value.data.fill(conv.b!.value.data[0]!); // the one bias, tied across positions
  const x = linalg.randn([3, 1, H, W], rng);
  assertClose(run(new Sequential([new Flatten(), dense]), x).data, run(conv, x).data, { atol: 1e-12, rtol: 1e-12 });
  // the dense matrix holds each kernel weight at every position: Ho·Wo copies of k² numbers, zeros elsewhere
  const nonzero = T.data.filter((v) => v !== 0).length;
  assert.ok(nonzero <= T.shape[0]! * k * k);
}), { runs: 30 });

test('EQ-LAYERS-34 the naive MLP: a dense map 32·32 → 6·28·28 has 1024·4704 + 4704 = 4,821,600 parameters, the conv 156', () => {
  assert.equal(new Dense(32 * 32, 6 * 28 * 28, { init: 'zeros' }).numParameters(), 4_821_600);
  assert.equal(new Conv2d(1, 6, 5, { init: 'zeros' }).numParameters(), 156);
});

/** A random op configuration for gradCheck: 1-D or 2-D, padding of every form and mode, stride, dilation, bias, method. */
function gradCase(rng: Rng): { dims: 1 | 2; x: Tensor; w: Tensor; b: Tensor | null; options: Conv2dOptions } {
  const dims = rng.int(1, 3) as 1 | 2;
  const C = rng.int(1, 3), F = rng.int(1, 3), k: [number, number] = [dims === 1 ? 1 : rng.int(1, 4), rng.int(1, 4)];
  const { options } = randomOptions(rng, k);
  if (dims === 1) {
    const pick = (v: Conv2dOptions['stride']): number | undefined => (Array.isArray(v) ? v[1] : (v as number | undefined));
    options.stride = pick(options.stride);
    options.dilation = pick(options.dilation);
    if (Array.isArray(options.padding)) options.padding = options.padding.slice(-2);
  }
  options.paddingMode = rng.int(0, 2) === 0 ? 'circular' : 'zeros';
  options.method = rng.int(0, 2) === 0 ? 'direct' : 'gemm';
  const d = [Array.isArray(options.dilation) ? options.dilation[0]! : options.dilation ?? 1, Array.isArray(options.dilation) ? options.dilation[1]! : options.dilation ?? 1];
  const H = dims === 1 ? 1 : d[0]! * (k[0] - 1) + 1 + rng.int(0, 3), W = d[1]! * (k[1] - 1) + 1 + rng.int(0, 3);
  const N = rng.int(1, 3);
  return {
    dims, options,
    x: linalg.randn(dims === 1 ? [N, C, W] : [N, C, H, W], rng),
    w: linalg.randn(dims === 1 ? [F, C, k[1]] : [F, C, k[0], k[1]], rng),
    b: rng.int(0, 2) === 0 ? null : linalg.randn([F], rng),
  };
}

property('gradCheck of conv1d and conv2d through x, w and b: every padding form and mode, stride, dilation, with and without bias, both routes', gradCase, ({ dims, x, w, b, options }) => {
  const op = dims === 1 ? conv1d : conv2d;
  const inputs = b === null ? [x, w] : [x, w, b];
  const check = ad.gradCheck((...v: ad.Var[]) => op(v[0]!, v[1]!, v[2] ?? null, options as never), inputs, { atol: 1e-7, rtol: 1e-6 });
  assert.ok(check.ok, check.message);
}, { runs: 60 });

test('Conv2d: stateDict round trip, toString of the options, outputShape, and the inputs it refuses', () => {
  const rng = new Rng(2);
  const a = new Conv2d(3, 4, [3, 2], { rng, stride: 2, padding: [1, 0], dilation: [2, 1], method: 'direct' });
  assert.equal(a.toString(), 'Conv2d(3 → 4, 3×2, stride 2, dilation [2, 1], padding [1, 1, 0, 0], direct)');
  assert.equal(new Conv1d(4, 8, 12, { rng, padding: 'same', paddingMode: 'circular', bias: false }).toString(), 'Conv1d(4 → 8, k 12, padding [5, 6], circular, no bias)');
  const b = new Conv2d(3, 4, [3, 2], { init: 'zeros', stride: 2, padding: [1, 0], dilation: [2, 1] });
  b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())) as Record<string, never>);
  const x = linalg.randn([2, 3, 9, 8], rng);
  assertSameBits(run(b, x).data, run(a, x).data, 'after loadStateDict');
  assert.deepEqual(a.namedParameters().map(([n, v]) => [n, v.shape]), [['W', [4, 3, 3, 2]], ['b', [4]]]);
  assert.throws(() => a.forward(ad.constant(linalg.zeros([2, 2, 9, 8]))), (e: Error) => e instanceof ShapeError && /3 input channels/.test(e.message));
  assert.throws(() => a.forward(ad.constant(linalg.zeros([3, 9, 8]))), ShapeError);
  assert.throws(() => a.forward(ad.constant(linalg.zeros([1, 3, 2, 8]))), (e: Error) => e instanceof ShapeError && /kernel spans 5/.test(e.message));
  assert.throws(() => new Conv2d(3, 4, 3, { rng, stride: 0 }), ValueError);
  assert.throws(() => new Conv1d(3, 4, 3, { rng, dilation: 0 }), ValueError);
  assert.throws(() => new Conv1d(3, 4, 3, { rng, stride: 2, padding: 'same' }), ValueError);
  assert.throws(() => new Conv2d(3, 4, [3, 3, 3], { rng }), ArgumentTypeError);
  assert.throws(() => conv2d(linalg.zeros([1, 2, 5, 5]), linalg.zeros([1, 3, 3, 3]), null), (e: Error) => e instanceof ShapeError && e.message.startsWith('conv2d:'));
});

test('a constant input gives gradients only to w and b, and noGrad records nothing', () => {
  const rng = new Rng(3);
  const layer = new Conv2d(2, 3, 3, { rng, padding: 1 });
  const y = layer.forward(ad.constant(linalg.randn([2, 2, 5, 5], rng)));
  ad.sum(y).backward();
  assert.ok(layer.W.grad.data.some((v) => v !== 0));
  assertClose(layer.b!.grad, [50, 50, 50], { atol: 1e-12, rtol: 0 }); // ∂Σy/∂b_f = N·Ho·Wo
  const z = ad.noGrad(() => layer.forward(ad.constant(linalg.zeros([1, 2, 5, 5]))));
  assert.equal(z.requiresGrad, false);
});
