/**
 * Pooling (EQ-LAYERS-32): shrink each feature map with a fixed rule, no
 * parameters, channels first.
 *
 *   max pooling      y[n, c, oy, ox] = max_{u<kh, v<kw} x[n, c, oy·sh + u, ox·sw + v]
 *   average pooling  y[n, c, oy, ox] = (1/(kh·kw)) Σ_{u<kh, v<kw} x[n, c, oy·sh + u, ox·sw + v]
 *   Ho = ⌊(H − kh)/sh⌋ + 1, Wo = ⌊(W − kw)/sw⌋ + 1    (stride = kernel by default: k = s = 2 halves 28 to 14)
 *
 *   MaxPool2d, AvgPool2d   N×C×H×W → N×C×Ho×Wo      (kernel k or [kh, kw]; option stride)
 *   MaxPool1d, AvgPool1d   N×C×L   → N×C×Lo
 *   GlobalMaxPool, GlobalAvgPool  N×C×… → N×C   (max or mean over every position)
 *
 * Gradients: average pooling passes g/(kh·kw) to every entry of the window;
 * max pooling passes g to the maximiser alone (the first one on ties, the
 * first NaN if any: a NaN in a window makes its output NaN, as autodiff's max).
 *
 * What "shift-invariant" means here: pooling is invariant to a move of a
 * window's maximum inside that window (and the average to any permutation
 * inside it), and global pooling to every circular shift of the map. A shift
 * that carries a maximum into the next window changes the output: the
 * invariance of a pooling layer is local. Max commutes with every
 * non-decreasing map, so maxpool(relu(x)) = relu(maxpool(x)).
 */
import { ShapeError, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { convPlan } from './conv-ops.js';
import { Module, assertVar } from './module.js';

/** max or average. */
type Rule = 'max' | 'avg';

/** A pooling window: kernel and stride per axis [rows, columns] (rows are 1 in 1-D). */
interface Window {
  readonly dims: 1 | 2;
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
}

/** Options of the pooling layers and functions. */
export interface PoolOptions {
  /** s, or [sh, sw] in 2-D, integers ≥ 1 (default: the kernel size). */
  stride?: number | readonly number[] | undefined;
}

/** Check a kernel size and options as `where`'s. Internal. */
function windowOf(dims: 1 | 2, kernelSize: unknown, options: PoolOptions | undefined, where: string): Window {
  const o = assertOptions(options, ['stride'], where);
  const plan = convPlan(dims, kernelSize, {}, where);
  const stride = o.stride === undefined ? plan.kernel : convPlan(dims, kernelSize, { stride: o.stride }, where).stride;
  return { dims, kernel: plan.kernel, stride };
}

/** The output shape for an input of `shape`, checked as `where`'s. Internal. */
function pooledShape(w: Window, shape: readonly number[], where: string): number[] {
  const rank = w.dims + 2, layout = w.dims === 1 ? 'N×C×L' : 'N×C×H×W';
  if (shape.length !== rank) throw new ShapeError(`${where}: expected an input ${layout} (rank ${rank}, channels first), got ${formatShape(shape)}`);
  const out = (n: number, k: number, s: number, axis: string): number => {
    if (k > n) throw new ShapeError(`${where}: the window (${k}) is larger than the input along ${axis} (${n}), input ${formatShape(shape)}`);
    return Math.floor((n - k) / s) + 1;
  };
  const Wo = out(shape[rank - 1]!, w.kernel[1], w.stride[1], w.dims === 1 ? 'the length' : 'the columns');
  if (w.dims === 1) return [shape[0]!, shape[1]!, Wo];
  return [shape[0]!, shape[1]!, out(shape[2]!, w.kernel[0], w.stride[0], 'the rows'), Wo];
}

/**
 * The pooling op on a checked input (N×C×L or N×C×H×W, window inside).
 * Each of the N·C planes is pooled on its own; `argmax` records the flat
 * index of each output's maximiser for the backward pass.
 */
function pool(x: Var, w: Window, rule: Rule): Var {
  const shape = x.value.shape, outShape = pooledShape(w, shape, 'pool');
  const H = w.dims === 1 ? 1 : shape[2]!, W = shape[shape.length - 1]!;
  const Ho = w.dims === 1 ? 1 : outShape[2]!, Wo = outShape[outShape.length - 1]!;
  const [kh, kw] = w.kernel, [sh, sw] = w.stride;
  const planes = shape[0]! * shape[1]!, xd = x.value.data;
  const y = new Float64Array(planes * Ho * Wo);
  const argmax = rule === 'max' ? new Int32Array(y.length) : null;
  const area = kh * kw;
  for (let q = 0, o = 0; q < planes; q++) {
    const plane = q * H * W;
    for (let oy = 0; oy < Ho; oy++) {
      for (let ox = 0; ox < Wo; ox++, o++) {
        const corner = plane + oy * sh * W + ox * sw;
        if (argmax === null) {
          let s = 0;
          for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) s += xd[corner + u * W + v]!;
          y[o] = s / area;
        } else {
          let best = xd[corner]!, at = corner;
          for (let u = 0; u < kh; u++) {
            for (let v = 0; v < kw; v++) {
              const i = corner + u * W + v, xi = xd[i]!;
              if (xi > best || (xi !== xi && best === best)) { // larger, or the first NaN
                best = xi;
                at = i;
              }
            }
          }
          y[o] = best;
          argmax[o] = at;
        }
      }
    }
  }
  return ad.customOp(rule === 'max' ? 'maxPool' : 'avgPool', { shape: outShape, data: y }, [x], (g: Tensor) => {
    const gd = g.data, dx = new Float64Array(xd.length);
    if (argmax !== null) {
      for (let o = 0; o < gd.length; o++) {
        const at = argmax[o]!, d = dx[at]!, go = gd[o]!;
        dx[at] = d + go;
      }
      return [{ shape: [...shape], data: dx }];
    }
    for (let q = 0, o = 0; q < planes; q++) {
      const plane = q * H * W;
      for (let oy = 0; oy < Ho; oy++) {
        for (let ox = 0; ox < Wo; ox++, o++) {
          const corner = plane + oy * sh * W + ox * sw, share = gd[o]! / area;
          for (let u = 0; u < kh; u++) {
            for (let v = 0; v < kw; v++) {
              const i = corner + u * W + v, d = dx[i]!;
              dx[i] = d + share;
            }
          }
        }
      }
    }
    return [{ shape: [...shape], data: dx }];
  });
}

/** The functional forms: check, then pool. Internal. */
function pooling(dims: 1 | 2, rule: Rule, x: unknown, kernelSize: unknown, options: PoolOptions | undefined, where: string): Var {
  assertVar(x, where);
  const w = windowOf(dims, kernelSize, options, where);
  pooledShape(w, x.value.shape, where);
  return pool(x, w, rule);
}

/** Max pooling of x: N×C×L with windows of k (stride default k). */
export function maxPool1d(x: Var, kernelSize: number, options?: PoolOptions): Var {
  return pooling(1, 'max', x, kernelSize, options, 'maxPool1d');
}

/** Max pooling of x: N×C×H×W with windows k or [kh, kw] (stride default the window). */
export function maxPool2d(x: Var, kernelSize: number | readonly number[], options?: PoolOptions): Var {
  return pooling(2, 'max', x, kernelSize, options, 'maxPool2d');
}

/** Average pooling of x: N×C×L with windows of k (stride default k). */
export function avgPool1d(x: Var, kernelSize: number, options?: PoolOptions): Var {
  return pooling(1, 'avg', x, kernelSize, options, 'avgPool1d');
}

/** Average pooling of x: N×C×H×W with windows k or [kh, kw] (stride default the window). */
export function avgPool2d(x: Var, kernelSize: number | readonly number[], options?: PoolOptions): Var {
  return pooling(2, 'avg', x, kernelSize, options, 'avgPool2d');
}

/** x: N×C×… (rank ≥ 3, at least one position) as N×C×S, checked as `where`'s. Internal. */
function positions(x: unknown, where: string): Var {
  assertVar(x, where);
  const s = x.value.shape;
  const S = s.slice(2).reduce((a, d) => a * d, 1);
  if (s.length < 3 || S === 0) throw new ShapeError(`${where}: expected an input N×C×L or N×C×H×W with at least one position, got ${formatShape(s)}`);
  return ad.reshape(x, [s[0]!, s[1]!, S]);
}

/** Global max pooling: N×C×… → N×C, y[n, c] = max over every position of map (n, c). */
export function globalMaxPool(x: Var): Var {
  return ad.max(positions(x, 'globalMaxPool'), { axis: 2 });
}

/** Global average pooling: N×C×… → N×C, y[n, c] = mean over every position of map (n, c). */
export function globalAvgPool(x: Var): Var {
  return ad.mean(positions(x, 'globalAvgPool'), { axis: 2 });
}

/** The pooling layers' shared body. */
abstract class Pooling extends Module {
  /** The window and stride per axis [rows, columns] (rows are 1 in 1-D). */
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  private readonly window: Window;
  private readonly rule: Rule;

  protected constructor(dims: 1 | 2, rule: Rule, kernelSize: unknown, options: PoolOptions | undefined, where: string) {
    super();
    this.rule = rule;
    this.window = windowOf(dims, kernelSize, options, where);
    this.kernel = this.window.kernel;
    this.stride = this.window.stride;
  }

  forward(x: Var): Var {
    const where = `${this.constructor.name}.forward`;
    assertVar(x, where);
    pooledShape(this.window, x.value.shape, where);
    return pool(x, this.window, this.rule);
  }

  override outputShape(inputShape: readonly number[]): number[] {
    const where = `${this.constructor.name}.outputShape`;
    linalg.assertShape(inputShape, 'inputShape', where);
    return pooledShape(this.window, inputShape, where);
  }

  override toString(): string {
    const one = this.window.dims === 1;
    const size = (p: readonly [number, number]): string => (one ? String(p[1]) : `${p[0]}×${p[1]}`);
    const same = this.kernel[0] === this.stride[0] && this.kernel[1] === this.stride[1];
    return `${this.constructor.name}(${size(this.kernel)}${same ? '' : `, stride ${size(this.stride)}`})`;
  }
}

/** Max pooling over N×C×L: MaxPool1d(k, { stride }). */
export class MaxPool1d extends Pooling {
  constructor(kernelSize: number, options?: PoolOptions) {
    super(1, 'max', kernelSize, options, 'MaxPool1d');
  }
}

/** Max pooling over N×C×H×W: MaxPool2d(k or [kh, kw], { stride }). */
export class MaxPool2d extends Pooling {
  constructor(kernelSize: number | readonly number[], options?: PoolOptions) {
    super(2, 'max', kernelSize, options, 'MaxPool2d');
  }
}

/** Average pooling over N×C×L: AvgPool1d(k, { stride }). */
export class AvgPool1d extends Pooling {
  constructor(kernelSize: number, options?: PoolOptions) {
    super(1, 'avg', kernelSize, options, 'AvgPool1d');
  }
}

/** Average pooling over N×C×H×W (LeNet's subsampling): AvgPool2d(k or [kh, kw], { stride }). */
export class AvgPool2d extends Pooling {
  constructor(kernelSize: number | readonly number[], options?: PoolOptions) {
    super(2, 'avg', kernelSize, options, 'AvgPool2d');
  }
}

/** Global max pooling, N×C×… → N×C: the strongest response of each map, wherever it is. */
export class GlobalMaxPool extends Module {
  forward(x: Var): Var {
    return ad.max(positions(x, 'GlobalMaxPool.forward'), { axis: 2 });
  }
}

/** Global average pooling, N×C×… → N×C. */
export class GlobalAvgPool extends Module {
  forward(x: Var): Var {
    return ad.mean(positions(x, 'GlobalAvgPool.forward'), { axis: 2 });
  }
}
