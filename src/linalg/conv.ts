/**
 * Convolution as matrix products (EQ-LAYERS-28/29): the forward map of a
 * 2-D convolution layer and its gradients, on plain tensors (autodiff and
 * the layers build on these).
 *
 *   Y[n, f, oy, ox] = b[f] + Σ_{c,u,v} W[f, c, u, v] · X[n, c, oy·sh + u·dh − pt, ox·sw + v·dw − pl]
 *
 *   X: N×C×H×W (channels first)   W: F×C×kh×kw   b: [F]   Y: N×F×Ho×Wo
 *   Ho = ⌊(H + pt + pb − dh·(kh − 1) − 1)/sh⌋ + 1,   Wo = ⌊(W + pl + pr − dw·(kw − 1) − 1)/sw⌋ + 1
 *
 * (cross-correlation, which deep-learning libraries call convolution: the
 * kernel is not flipped), X read as 0 in the padding. A 1-D convolution
 * (N×C×L) is the case H = kh = 1.
 *
 * Two routes give the same numbers (kernels/conv.ts says to what rounding):
 *   method 'gemm' (default)  unfold the receptive fields (im2col: X̃, K × N·P
 *                            with K = C·kh·kw, P = Ho·Wo) and multiply:
 *                              forward          Ỹ = W̃·X̃            (F×K · K×NP)
 *                              filter gradient  ∂L/∂W̃ = G̃·X̃ᵀ      (F×NP · NP×K)
 *                              input gradient   ∂L/∂X = col2im(W̃ᵀ·G̃)
 *                            all three through the gemm kernel (and the thread
 *                            pool of linalg/parallel, when started, for big ones);
 *   method 'direct'          the sliding-window loops, the readable twin.
 *
 * Options of every function here:
 *   stride    s, or [sh, sw]; integers ≥ 1 (default 1)
 *   dilation  d, or [dh, dw]: the gap between taps is d − 1 pixels; ≥ 1 (default 1)
 *   padding   zeros around the input: p on every side, [ph, pw] (above and
 *             below ph, left and right pw) or [top, bottom, left, right]; ≥ 0 (default 0)
 *   method    'gemm' or 'direct' (conv2d and conv2dBackward; default 'gemm')
 *   cols      (conv2d and conv2dBackward, route 'gemm') the unfolded input
 *             im2col(x, …) with the same options, when the caller keeps it
 *             between the forward and the backward pass: the unfolding is
 *             then done once rather than twice
 *
 * A kernel whose extent d·(k − 1) + 1 exceeds the padded input is a
 * ShapeError, as are ranks and channel counts that do not match.
 */
import { ArgumentTypeError, ShapeError, assertBoolean, assertInteger, assertOneOf, assertOptions, describeValue, formatShape } from '../errors/index.js';
import { gemmAuto } from './kernels/dispatch.js';
import {
  col2im as col2imKernel, convDirect, convDirectGradFilter, convDirectGradInput, gatherChannels, im2col as im2colKernel, scatterChannels,
} from './kernels/conv.js';
import type { ConvGeometry } from './kernels/conv.js';
import type { Tensor } from './tensor.js';
import { allocate, assertShape, assertTensor } from './validate.js';

/** Stride, dilation and zero padding of a convolution (see the file comment). */
export interface ConvOptions {
  /** s or [sh, sw], integers ≥ 1 (default 1). */
  stride?: number | readonly number[] | undefined;
  /** d or [dh, dw], integers ≥ 1 (default 1). */
  dilation?: number | readonly number[] | undefined;
  /** p, [ph, pw] or [top, bottom, left, right], integers ≥ 0 (default 0). */
  padding?: number | readonly number[] | undefined;
}

/** The two routes of conv2d: unfolded products ('gemm') or the sliding-window loops ('direct'). */
export const CONV_METHODS = ['gemm', 'direct'] as const;
export type ConvMethod = (typeof CONV_METHODS)[number];

/** ConvOptions, the route, and the unfolded input if the caller has it. */
export interface Conv2dOptions extends ConvOptions {
  /** 'gemm' (default) or 'direct'. */
  method?: ConvMethod | undefined;
  /** im2col(x, [kh, kw], the same options), reused by the 'gemm' route (default: unfold x here). */
  cols?: Tensor | undefined;
}

/** Conv2dOptions and which gradients to compute (each default true). */
export interface Conv2dBackwardOptions extends Conv2dOptions {
  inputGrad?: boolean | undefined;
  filterGrad?: boolean | undefined;
  biasGrad?: boolean | undefined;
}

/** ∂L/∂X, ∂L/∂W, ∂L/∂b of conv2d; null where not asked for. */
export interface Conv2dGradients {
  dx: Tensor | null;
  dw: Tensor | null;
  db: Tensor | null;
}

const CONV_KEYS = ['stride', 'dilation', 'padding'] as const;

/** n, or [a, b] of integers ≥ min, as a pair. Internal. */
function pair(x: unknown, name: string, where: string, min: number): [number, number] {
  if (typeof x === 'number') {
    const k = assertInteger(x, name, where, { min });
    return [k, k];
  }
  if (!Array.isArray(x) || x.length !== 2) {
    throw new ArgumentTypeError(`${where}: ${name} must be an integer ≥ ${min} or a pair [rows, columns] of them, got ${describeValue(x)}`);
  }
  return [assertInteger(x[0], `${name}[0]`, where, { min }), assertInteger(x[1], `${name}[1]`, where, { min })];
}

/** padding as [top, bottom, left, right]. Internal. */
function padding4(x: unknown, where: string): [number, number, number, number] {
  if (Array.isArray(x) && x.length === 4) {
    const [t, b, l, r] = x.map((p: unknown, i) => assertInteger(p, `padding[${i}]`, where, { min: 0 })) as [number, number, number, number];
    return [t, b, l, r];
  }
  if (Array.isArray(x) && x.length !== 2) {
    throw new ArgumentTypeError(`${where}: padding must be p, [ph, pw] or [top, bottom, left, right], got ${describeValue(x)}`);
  }
  const [ph, pw] = pair(x, 'padding', where, 0);
  return [ph, ph, pw, pw];
}

/**
 * The output length o = ⌊(n + p_before + p_after − d·(k − 1) − 1)/s⌋ + 1 of
 * a convolution (EQ-LAYERS-29; Dumoulin & Visin's o = ⌊(i + 2p − k)/s⌋ + 1
 * when d = 1) along one axis of length n with a kernel of k taps. Options:
 * padding p or [before, after] (default 0), stride s (1), dilation d (1).
 * ShapeError when the kernel's extent d·(k − 1) + 1 exceeds the padded length.
 */
export function convOutputSize(n: number, k: number, options?: { padding?: number | readonly number[]; stride?: number; dilation?: number }): number {
  const where = 'convOutputSize';
  assertInteger(n, 'n', where, { min: 0 });
  assertInteger(k, 'k', where, { min: 1 });
  const o = assertOptions(options, ['padding', 'stride', 'dilation'], where);
  const [before, after] = pair(o.padding ?? 0, 'padding', where, 0);
  const s = assertInteger(o.stride ?? 1, 'stride', where, { min: 1 });
  const d = assertInteger(o.dilation ?? 1, 'dilation', where, { min: 1 });
  return outputLength(n, k, before + after, s, d, where, 'the input');
}

/** ⌊(n + p − d(k − 1) − 1)/s⌋ + 1, or a ShapeError naming `axis`. Internal. */
function outputLength(n: number, k: number, p: number, s: number, d: number, where: string, axis: string): number {
  const extent = d * (k - 1) + 1;
  if (extent > n + p) {
    throw new ShapeError(`${where}: the kernel spans ${extent} along ${axis} (dilation ${d}, ${k} taps) but the padded length is only ${n + p} (${n} + padding ${p})`);
  }
  return Math.floor((n + p - extent) / s) + 1;
}

/** The geometry of a convolution of an input of `shape` with F kernels C×kh×kw, checked. Internal. */
function geometry(shape: readonly number[], F: number, kh: number, kw: number, options: ConvOptions, where: string): ConvGeometry {
  if (shape.length !== 4) throw new ShapeError(`${where}: the input must be N×C×H×W (rank 4, channels first), got ${formatShape(shape)}`);
  const [N, C, H, W] = shape as [number, number, number, number];
  if (C < 1 || kh < 1 || kw < 1 || F < 1) {
    throw new ShapeError(`${where}: channels, kernels and kernel sizes must be ≥ 1, got input ${formatShape(shape)} with ${F} kernels of ${kh}×${kw}`);
  }
  const [sh, sw] = pair(options.stride ?? 1, 'stride', where, 1);
  const [dh, dw] = pair(options.dilation ?? 1, 'dilation', where, 1);
  const [pt, pb, pl, pr] = padding4(options.padding ?? 0, where);
  const Ho = outputLength(H, kh, pt + pb, sh, dh, where, 'the rows (H)');
  const Wo = outputLength(W, kw, pl + pr, sw, dw, where, 'the columns (W)');
  return { N, C, H, W, F, kh, kw, sh, sw, dh, dw, pt, pl, Ho, Wo };
}

/** kernelSize k or [kh, kw] as a pair. Internal. */
const kernelPair = (k: unknown, where: string): [number, number] => pair(k, 'kernelSize', where, 1);

/**
 * Unfold x (N×C×H×W) for a kh×kw kernel (kernelSize k or [kh, kw]):
 * X̃: (C·kh·kw) × (N·Ho·Wo), column n·Ho·Wo + oy·Wo + ox the receptive field
 * of output (n, oy, ox), row (c·kh + u)·kw + v its tap (c, u, v), zeros in
 * the padding. Then conv2d(x, W) is W (as F × C·kh·kw) times X̃.
 */
export function im2col(x: Tensor, kernelSize: number | readonly number[], options?: ConvOptions): Tensor {
  const where = 'im2col';
  assertTensor(x, 'x', where);
  const [kh, kw] = kernelPair(kernelSize, where);
  const g = geometry(x.shape, 1, kh, kw, assertOptions(options, [...CONV_KEYS], where), where);
  const shape = [g.C * kh * kw, g.N * g.Ho * g.Wo];
  const cols = allocate(shape, where);
  im2colKernel(g, x.data, cols);
  return { shape, data: cols };
}

/**
 * The adjoint of im2col: fold X̃ ((C·kh·kw) × (N·Ho·Wo)) back onto an input
 * of `inputShape` N×C×H×W, adding every copy of a pixel (taps in the
 * padding are dropped), so that ⟨im2col(x), Z⟩ = ⟨x, col2im(Z)⟩.
 */
export function col2im(cols: Tensor, inputShape: readonly number[], kernelSize: number | readonly number[], options?: ConvOptions): Tensor {
  const where = 'col2im';
  assertTensor(cols, 'cols', where);
  assertShape(inputShape, 'inputShape', where);
  const [kh, kw] = kernelPair(kernelSize, where);
  const g = geometry(inputShape, 1, kh, kw, assertOptions(options, [...CONV_KEYS], where), where);
  const expected = [g.C * kh * kw, g.N * g.Ho * g.Wo];
  if (cols.shape.length !== 2 || cols.shape[0] !== expected[0] || cols.shape[1] !== expected[1]) {
    throw new ShapeError(`${where}: cols must be ${formatShape(expected)} for input ${formatShape(inputShape)} and a ${kh}×${kw} kernel, got ${formatShape(cols.shape)}`);
  }
  const shape = [...inputShape];
  const dx = allocate(shape, where);
  col2imKernel(g, cols.data, dx);
  return { shape, data: dx };
}

/** Check x, w and the options of conv2d / conv2dBackward (cols included). Internal. */
function checkConv(x: unknown, w: unknown, options: Conv2dOptions, where: string): ConvGeometry {
  assertTensor(x, 'x', where);
  assertTensor(w, 'w', where);
  if (w.shape.length !== 4) throw new ShapeError(`${where}: w must be F×C×kh×kw (rank 4), got ${formatShape(w.shape)}`);
  const [F, Cw, kh, kw] = w.shape as [number, number, number, number];
  const g = geometry(x.shape, F, kh, kw, options, where);
  if (Cw !== g.C) throw new ShapeError(`${where}: w has ${Cw} input channels (w ${formatShape(w.shape)}) but x has ${g.C} (x ${formatShape(x.shape)})`);
  if (options.cols !== undefined) {
    assertTensor(options.cols, 'options.cols', where);
    const expected = [g.C * kh * kw, g.N * g.Ho * g.Wo];
    if (options.cols.shape.length !== 2 || options.cols.shape[0] !== expected[0] || options.cols.shape[1] !== expected[1]) {
      throw new ShapeError(`${where}: options.cols must be im2col(x) of shape ${formatShape(expected)}, got ${formatShape(options.cols.shape)}`);
    }
  }
  return g;
}

/*
 * Scratch for the products whose result is used once and dropped (Ỹ before
 * it is scattered into Y, G̃ and ∂L/∂X̃ before they are folded): two
 * buffers, grown on demand and reused from call to call. A fresh 4 MB array
 * per call costs its zeroing and a page fault per 4 KiB on first touch,
 * which for LeNet's C3 was as slow as the product itself. A buffer longer
 * than SCRATCH_KEEP is dropped after its call, so that one huge convolution
 * does not pin its memory for the life of the process. The products are
 * synchronous (the pool copies what it reads), so nothing else holds them.
 */
const SCRATCH_KEEP = 1 << 21; // doubles (16 MiB)
const scratch: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];

/** A buffer of at least `length` doubles from scratch slot `slot`, contents undefined. Internal. */
function scratchBuffer(slot: 0 | 1, length: number, where: string): Float64Array {
  if (length > SCRATCH_KEEP) return allocate([length], where);
  if (scratch[slot].length < length) scratch[slot] = allocate([length], where);
  return scratch[slot];
}

/** The unfolded input: options.cols, or im2col of x. Internal. */
function unfolded(g: ConvGeometry, x: Tensor, cols: Tensor | undefined, where: string): Float64Array {
  if (cols !== undefined) return cols.data;
  const X = scratchBuffer(1, g.C * g.kh * g.kw * g.N * g.Ho * g.Wo, where);
  im2colKernel(g, x.data, X);
  return X;
}

/**
 * Y = conv(X, W) + b (see the file comment): x N×C×H×W, w F×C×kh×kw, b [F]
 * or null; returns N×F×Ho×Wo. Options: stride, dilation, padding, method.
 */
export function conv2d(x: Tensor, w: Tensor, b: Tensor | null, options?: Conv2dOptions): Tensor {
  const where = 'conv2d';
  const o = assertOptions(options, [...CONV_KEYS, 'method', 'cols'], where);
  const g = checkConv(x, w, o, where);
  const method = assertOneOf(o.method ?? 'gemm', CONV_METHODS, 'method', where);
  if (b !== null) {
    assertTensor(b, 'b', where);
    if (b.shape.length !== 1 || b.shape[0] !== g.F) throw new ShapeError(`${where}: b must be [${g.F}] (one bias per kernel) or null, got ${formatShape(b.shape)}`);
  }
  const { N, F, Ho, Wo } = g;
  const shape = [N, F, Ho, Wo];
  const y = allocate(shape, where);
  const bias = b === null ? null : b.data;
  if (method === 'direct') {
    convDirect(g, x.data, w.data, bias, y);
  } else {
    const K = g.C * g.kh * g.kw, NP = N * Ho * Wo;
    const cols = unfolded(g, x, o.cols, where);
    const Yt = scratchBuffer(0, F * NP, where);
    gemmAuto(false, false, F, NP, K, 1, w.data, cols, 0, Yt, where); // Ỹ = W̃·X̃
    scatterChannels(g, Yt, bias, y);
  }
  return { shape, data: y };
}

/**
 * The gradients of Y = conv2d(x, w, b) given gy = ∂L/∂Y (N×F×Ho×Wo):
 * dx = ∂L/∂X (N×C×H×W), dw = ∂L/∂W (F×C×kh×kw), db = ∂L/∂b ([F]), each
 * null unless asked for (options inputGrad, filterGrad, biasGrad; default
 * true), with the options of the forward call (stride, dilation, padding,
 * method, cols).
 */
export function conv2dBackward(x: Tensor, w: Tensor, gy: Tensor, options?: Conv2dBackwardOptions): Conv2dGradients {
  const where = 'conv2dBackward';
  const o = assertOptions(options, [...CONV_KEYS, 'method', 'cols', 'inputGrad', 'filterGrad', 'biasGrad'], where);
  const g = checkConv(x, w, o, where);
  const method = assertOneOf(o.method ?? 'gemm', CONV_METHODS, 'method', where);
  const wantX = assertBoolean(o.inputGrad ?? true, 'inputGrad', where);
  const wantW = assertBoolean(o.filterGrad ?? true, 'filterGrad', where);
  const wantB = assertBoolean(o.biasGrad ?? true, 'biasGrad', where);
  assertTensor(gy, 'gy', where);
  const { N, C, H, W, F, kh, kw, Ho, Wo } = g;
  const yShape = [N, F, Ho, Wo];
  if (gy.shape.length !== 4 || yShape.some((d, i) => gy.shape[i] !== d)) {
    throw new ShapeError(`${where}: gy must have the output's shape ${formatShape(yShape)}, got ${formatShape(gy.shape)}`);
  }
  const dx = wantX ? allocate([N, C, H, W], where) : null;
  const dw = wantW ? allocate([F, C, kh, kw], where) : null;
  const db = wantB ? allocate([F], where) : null;
  if (method === 'direct') {
    if (dx !== null) convDirectGradInput(g, gy.data, w.data, dx);
    if (dw !== null || db !== null) convDirectGradFilter(g, x.data, gy.data, dw ?? new Float64Array(F * C * kh * kw), db);
  } else {
    const K = C * kh * kw, NP = N * Ho * Wo;
    const Gt = scratchBuffer(0, F * NP, where);
    gatherChannels(g, gy.data, Gt, db); // G̃ (F × NP) and db
    if (dw !== null) {
      const cols = unfolded(g, x, o.cols, where);
      gemmAuto(false, true, F, K, NP, 1, Gt, cols, 0, dw, where); // ∂L/∂W̃ = G̃·X̃ᵀ
    }
    if (dx !== null) {
      const dcols = scratchBuffer(1, K * NP, where);
      gemmAuto(true, false, K, NP, F, 1, w.data, Gt, 0, dcols, where); // ∂L/∂X̃ = W̃ᵀ·G̃
      col2imKernel(g, dcols, dx);
    }
  }
  return {
    dx: dx === null ? null : { shape: [N, C, H, W], data: dx },
    dw: dw === null ? null : { shape: [F, C, kh, kw], data: dw },
    db: db === null ? null : { shape: [F], data: db },
  };
}
