/**
 * conv1d and conv2d as autodiff ops (EQ-LAYERS-28/29/30/31), the functions
 * under the Conv1d and Conv2d layers, channels first:
 *
 *   conv2d  x: N×C×H×W, w: F×C×kh×kw, b: [F] → y: N×F×Ho×Wo
 *           y[n, f, oy, ox] = b[f] + Σ_{c,u,v} w[f, c, u, v]·x[n, c, oy·sh + u·dh − pt, ox·sw + v·dw − pl]
 *   conv1d  x: N×C×L,   w: F×C×k,     b: [F] → y: N×F×Lo      (conv2d with H = kh = 1)
 *   o = ⌊(n + p_before + p_after − d·(k − 1) − 1)/s⌋ + 1 along each axis
 *
 * Cross-correlation, as deep-learning libraries define convolution (true
 * convolution flips the kernel). Each op is one node of the graph with its
 * own local gradient: linalg.conv2d forward, linalg.conv2dBackward for
 * ∂L/∂x, ∂L/∂w and ∂L/∂b, computed only for the inputs that need one; both
 * run as unfolded matrix products through the gemm kernel, or as the direct
 * sliding-window loops with method 'direct'.
 *
 * Options (defaults):
 *   stride       s ≥ 1, or [sh, sw] for conv2d (1)
 *   dilation     d ≥ 1: taps d apart, or [dh, dw] (1)
 *   padding      p zeros on both sides of each axis, [ph, pw] (conv2d),
 *                [before, after] (conv1d), [top, bottom, left, right]
 *                (conv2d), 'valid' (= 0) or 'same' (stride 1 only: d·(k − 1)
 *                in all, the smaller half before, so the output keeps the
 *                input's size) (0)
 *   paddingMode  'zeros', or 'circular' (the input wraps around: the
 *                padding before copies the end of the axis, the padding
 *                after its start; with it conv commutes with every circular
 *                shift, EQ-LAYERS-31) ('zeros')
 *   method       'gemm' or 'direct' ('gemm')
 */
import {
  ArgumentTypeError, ShapeError, ValueError, assertInteger, assertOneOf, assertOptions, describeValue, formatShape,
} from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { ConvMethod, Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import { Var } from '../autodiff/index.js';

/** How the padding is filled: zeros, or the input wrapped around. */
export const PADDING_MODES = ['zeros', 'circular'] as const;
export type PaddingMode = (typeof PADDING_MODES)[number];

/** Options of conv1d (and the convolution options of Conv1d). */
export interface Conv1dOptions {
  /** s ≥ 1 (default 1). */
  stride?: number | undefined;
  /** d ≥ 1 (default 1). */
  dilation?: number | undefined;
  /** p, [before, after], 'valid' or 'same' (default 0). */
  padding?: number | readonly number[] | 'valid' | 'same' | undefined;
  /** 'zeros' (default) or 'circular'. */
  paddingMode?: PaddingMode | undefined;
  /** 'gemm' (default) or 'direct'. */
  method?: ConvMethod | undefined;
}

/** Options of conv2d (and the convolution options of Conv2d). */
export interface Conv2dOptions {
  /** s or [sh, sw], ≥ 1 (default 1). */
  stride?: number | readonly number[] | undefined;
  /** d or [dh, dw], ≥ 1 (default 1). */
  dilation?: number | readonly number[] | undefined;
  /** p, [ph, pw], [top, bottom, left, right], 'valid' or 'same' (default 0). */
  padding?: number | readonly number[] | 'valid' | 'same' | undefined;
  /** 'zeros' (default) or 'circular'. */
  paddingMode?: PaddingMode | undefined;
  /** 'gemm' (default) or 'direct'. */
  method?: ConvMethod | undefined;
}

/** The option names of conv1d and conv2d. */
export const CONV_OPTION_KEYS = ['stride', 'dilation', 'padding', 'paddingMode', 'method'] as const;

/** A convolution's options, checked and in 2-D form: per axis [rows, columns]. */
export interface ConvPlan {
  /** 1 for conv1d (rows are a dummy axis of length 1), 2 for conv2d. */
  readonly dims: 1 | 2;
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  /** [top, bottom, left, right]. */
  readonly padding: readonly [number, number, number, number];
  readonly paddingMode: PaddingMode;
  readonly method: ConvMethod;
}

/** An integer ≥ min, or (2-D) a pair of them. Internal. */
function perAxis(x: unknown, dims: 1 | 2, name: string, where: string, min: number): [number, number] {
  if (typeof x === 'number') {
    const k = assertInteger(x, name, where, { min });
    return dims === 1 ? [1, k] : [k, k];
  }
  if (dims === 2 && Array.isArray(x) && x.length === 2) {
    return [assertInteger(x[0], `${name}[0]`, where, { min }), assertInteger(x[1], `${name}[1]`, where, { min })];
  }
  const form = dims === 1 ? 'an integer' : 'an integer or a pair [rows, columns]';
  throw new ArgumentTypeError(`${where}: ${name} must be ${form} ≥ ${min}, got ${describeValue(x)}`);
}

/** Total 'same' padding d·(k − 1) split with the smaller half before. Internal. */
const same = (k: number, d: number): [number, number] => {
  const total = d * (k - 1);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
};

/** The padding [top, bottom, left, right] of the options. Internal. */
function paddingOf(x: unknown, dims: 1 | 2, kernel: [number, number], dilation: [number, number], stride: [number, number], where: string): [number, number, number, number] {
  if (x === 'valid') return [0, 0, 0, 0];
  if (x === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1) throw new ValueError(`${where}: padding 'same' needs stride 1, got stride ${dims === 1 ? stride[1] : `[${stride.join(', ')}]`}`);
    const [t, b] = dims === 1 ? [0, 0] : same(kernel[0], dilation[0]);
    const [l, r] = same(kernel[1], dilation[1]);
    return [t, b, l, r];
  }
  if (typeof x === 'string') throw new ValueError(`${where}: padding must be a number, a list, 'valid' or 'same', got ${describeValue(x)}`);
  const lists = dims === 1 ? [2] : [2, 4];
  if (Array.isArray(x) && lists.includes(x.length)) {
    const p = x.map((v: unknown, i) => assertInteger(v, `padding[${i}]`, where, { min: 0 }));
    if (dims === 1) return [0, 0, p[0]!, p[1]!];
    return p.length === 2 ? [p[0]!, p[0]!, p[1]!, p[1]!] : [p[0]!, p[1]!, p[2]!, p[3]!];
  }
  if (typeof x !== 'number') {
    const forms = dims === 1 ? 'p, [before, after]' : 'p, [ph, pw], [top, bottom, left, right]';
    throw new ArgumentTypeError(`${where}: padding must be ${forms}, 'valid' or 'same', got ${describeValue(x)}`);
  }
  const p = assertInteger(x, 'padding', where, { min: 0 });
  return dims === 1 ? [0, 0, p, p] : [p, p, p, p];
}

/** Check a convolution's kernel size and options as `where`'s and put them in 2-D form. */
export function convPlan(dims: 1 | 2, kernelSize: unknown, options: Conv1dOptions | Conv2dOptions | undefined, where: string): ConvPlan {
  const o = assertOptions(options as Conv2dOptions | undefined, [...CONV_OPTION_KEYS], where);
  const kernel = perAxis(kernelSize, dims, 'kernelSize', where, 1);
  const stride = perAxis(o.stride ?? 1, dims, 'stride', where, 1);
  const dilation = perAxis(o.dilation ?? 1, dims, 'dilation', where, 1);
  const padding = paddingOf(o.padding ?? 0, dims, kernel, dilation, stride, where);
  const paddingMode = assertOneOf(o.paddingMode ?? 'zeros', PADDING_MODES, 'paddingMode', where);
  const method = assertOneOf(o.method ?? 'gemm', linalg.CONV_METHODS, 'method', where);
  return { dims, kernel, stride, dilation, padding, paddingMode, method };
}

/** One output length, or a ShapeError when the kernel's extent exceeds the padded input. Internal. */
function outputLength(n: number, k: number, before: number, after: number, s: number, d: number, where: string, axis: string): number {
  const extent = d * (k - 1) + 1;
  if (extent > n + before + after) {
    throw new ShapeError(`${where}: the kernel spans ${extent} along ${axis} (${k} taps, dilation ${d}) but the padded input has ${n + before + after} (${n} + padding ${before + after})`);
  }
  return linalg.convOutputSize(n, k, { padding: [before, after], stride: s, dilation: d });
}

/**
 * The output shape of a convolution with `plan` and `channels` → `kernels`
 * on an input of `shape` (N×C×L or N×C×H×W), checked as `where`'s: the
 * rank, the channel count and the kernel against the padded input.
 */
export function convOutputShape(plan: ConvPlan, shape: readonly number[], channels: number, kernels: number, where: string): number[] {
  const rank = plan.dims + 2;
  const layout = plan.dims === 1 ? 'N×C×L' : 'N×C×H×W';
  if (shape.length !== rank) throw new ShapeError(`${where}: expected an input ${layout} (rank ${rank}, channels first), got ${formatShape(shape)}`);
  if (shape[1] !== channels) throw new ShapeError(`${where}: expected ${channels} input channels (axis 1 of ${layout}), got ${formatShape(shape)}`);
  const [pt, pb, pl, pr] = plan.padding;
  const [kh, kw] = plan.kernel, [sh, sw] = plan.stride, [dh, dw] = plan.dilation;
  const W = shape[rank - 1]!;
  const Wo = outputLength(W, kw, pl, pr, sw, dw, where, plan.dims === 1 ? 'the length (L)' : 'the columns (W)');
  if (plan.dims === 1) return [shape[0]!, kernels, Wo];
  const Ho = outputLength(shape[2]!, kh, pt, pb, sh, dh, where, 'the rows (H)');
  return [shape[0]!, kernels, Ho, Wo];
}

/**
 * x (N×C×H×W) padded circularly by [top, bottom, left, right]: entry (i, j)
 * of a plane of the result is x[(i − top) mod H, (j − left) mod W]. Its
 * gradient adds each output entry back onto the pixel it copies.
 */
function padCircular(x: Var, padding: readonly [number, number, number, number]): Var {
  const [N, C, H, W] = x.value.shape as [number, number, number, number];
  const [pt, pb, pl, pr] = padding;
  const Hp = H + pt + pb, Wp = W + pl + pr;
  // source[i·Wp + j]: the offset inside a plane of x that padded entry (i, j) copies
  const source = new Int32Array(Hp * Wp);
  for (let i = 0; i < Hp; i++) {
    const si = (((i - pt) % H) + H) % H;
    for (let j = 0; j < Wp; j++) source[i * Wp + j] = si * W + ((((j - pl) % W) + W) % W);
  }
  const planes = N * C, xd = x.value.data, y = new Float64Array(planes * Hp * Wp);
  for (let q = 0; q < planes; q++) {
    const from = q * H * W, to = q * Hp * Wp;
    for (let k = 0; k < Hp * Wp; k++) y[to + k] = xd[from + source[k]!]!;
  }
  return ad.customOp('padCircular', { shape: [N, C, Hp, Wp], data: y }, [x], (g) => {
    const gd = g.data, dx = new Float64Array(planes * H * W);
    for (let q = 0; q < planes; q++) {
      const from = q * Hp * Wp, to = q * H * W;
      for (let k = 0; k < Hp * Wp; k++) {
        const at = to + source[k]!, d = dx[at]!, gk = gd[from + k]!;
        dx[at] = d + gk;
      }
    }
    return [{ shape: [N, C, H, W], data: dx }];
  });
}

/**
 * The convolution op for checked arguments (x of the plan's rank with the
 * channels of w; the kernel fits the padded input). Internal: Conv1d,
 * Conv2d, conv1d and conv2d call it after their checks.
 */
export function convolve(x: Var, w: Var, b: Var | null, plan: ConvPlan): Var {
  const s = x.value.shape;
  // 1-D: N×C×L viewed as N×C×1×L, w F×C×k as F×C×1×k (shared buffers).
  let x4 = plan.dims === 1 ? ad.reshape(x, [s[0]!, s[1]!, 1, s[2]!]) : x;
  const w4 = plan.dims === 1 ? ad.reshape(w, [w.value.shape[0]!, w.value.shape[1]!, 1, w.value.shape[2]!]) : w;
  let padding: readonly number[] = plan.padding;
  if (plan.paddingMode === 'circular' && plan.padding.some((p) => p > 0)) {
    x4 = padCircular(x4, plan.padding);
    padding = [0, 0, 0, 0];
  }
  const X = x4.value, Wt = w4.value;
  const geometry = { stride: plan.stride, dilation: plan.dilation, padding };
  // The gemm route unfolds x once, for the forward product and the filter gradient.
  const cols = plan.method === 'gemm' ? linalg.im2col(X, plan.kernel, geometry) : undefined;
  const options = { ...geometry, method: plan.method, cols };
  const y = linalg.conv2d(X, Wt, b === null ? null : b.value, options);
  const inputs = b === null ? [x4, w4] : [x4, w4, b];
  const out = ad.customOp(plan.dims === 1 ? 'conv1d' : 'conv2d', y, inputs, (g: Tensor) => {
    const { dx, dw, db } = linalg.conv2dBackward(X, Wt, g, {
      ...options, inputGrad: x4.requiresGrad, filterGrad: w4.requiresGrad, biasGrad: b !== null && b.requiresGrad,
    });
    return b === null ? [dx, dw] : [dx, dw, db];
  });
  return plan.dims === 1 ? ad.reshape(out, [y.shape[0]!, y.shape[1]!, y.shape[3]!]) : out;
}

/** A Var for x, w or b: a Var, or a Tensor taken as a constant. Internal. */
function asVar(v: unknown, name: string, where: string): Var {
  if (v instanceof Var) return v;
  linalg.assertTensor(v, name, where);
  return ad.constant(v);
}

/** The shared body of conv1d and conv2d. Internal. */
function functional(dims: 1 | 2, x: unknown, w: unknown, b: unknown, options: unknown, where: string): Var {
  const xv = asVar(x, 'x', where), wv = asVar(w, 'w', where);
  const bv = b === null || b === undefined ? null : asVar(b, 'b', where);
  const ws = wv.value.shape;
  const layout = dims === 1 ? 'F×C×k' : 'F×C×kh×kw';
  if (ws.length !== dims + 2) throw new ShapeError(`${where}: w must be ${layout} (rank ${dims + 2}), got ${formatShape(ws)}`);
  const plan = convPlan(dims, dims === 1 ? ws[2] : [ws[2], ws[3]], options as Conv2dOptions | undefined, where);
  if (bv !== null && (bv.value.shape.length !== 1 || bv.value.shape[0] !== ws[0])) {
    throw new ShapeError(`${where}: b must be [${ws[0]}] (one bias per kernel) or null, got ${formatShape(bv.value.shape)}`);
  }
  convOutputShape(plan, xv.value.shape, ws[1]!, ws[0]!, where);
  return convolve(xv, wv, bv, plan);
}

/**
 * y = conv1d(x, w) + b: x N×C×L, w F×C×k, b [F] or null → N×F×Lo (see the
 * file comment for the options). x, w, b: Vars, or Tensors taken as constants.
 */
export function conv1d(x: Var | Tensor, w: Var | Tensor, b: Var | Tensor | null, options?: Conv1dOptions): Var {
  return functional(1, x, w, b, options, 'conv1d');
}

/**
 * y = conv2d(x, w) + b: x N×C×H×W, w F×C×kh×kw, b [F] or null →
 * N×F×Ho×Wo (see the file comment for the options). x, w, b: Vars, or
 * Tensors taken as constants.
 */
export function conv2d(x: Var | Tensor, w: Var | Tensor, b: Var | Tensor | null, options?: Conv2dOptions): Var {
  return functional(2, x, w, b, options, 'conv2d');
}
