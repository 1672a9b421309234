/**
 * Conv1d and Conv2d — convolutional layers, channels first (EQ-LAYERS-28/29/30/31):
 *
 *   Conv2d(C, F, [kh, kw])   x: N×C×H×W → y: N×F×Ho×Wo
 *   Conv1d(C, F, k)          x: N×C×L   → y: N×F×Lo       (one-hot DNA: C = 4)
 *
 *   y[n, f, oy, ox] = b[f] + Σ_{c,u,v} W[f, c, u, v]·x[n, c, oy·sh + u·dh − pt, ox·sw + v·dw − pl]
 *   Ho = ⌊(H + pt + pb − dh·(kh − 1) − 1)/sh⌋ + 1     (Wo, Lo alike)
 *
 * The weights are in the kernels (the 004 deck): F kernels of C×kh×kw, one
 * feature map each (EQ-LAYERS-30), slid over the input with the same
 * weights at every position, so the layer has F·(C·kh·kw + 1) parameters
 * whatever the input size (156 for LeNet's C1, 6 kernels of 1×5×5), where a
 * Dense map between the same sizes has one weight per input–output pair
 * (EQ-LAYERS-34). Like PyTorch, the layer computes cross-correlation (the
 * kernel is not flipped). The forward and backward passes are one autodiff
 * op each way (conv-ops.ts): unfolded products through the gemm kernel by
 * default, the direct sliding-window loops with { method: 'direct' }.
 *
 * Options (defaults):
 *   stride, dilation, padding, paddingMode, method   as conv1d / conv2d
 *         (1, 1, 0 — or 'same' / 'valid' —, 'zeros', 'gemm')
 *   rng   draws W (required unless init is 'zeros')
 *   init  initialiser of W ('glorotUniform'). It draws the kernels as a
 *         Dense layer on patches would: a matrix (C·kh·kw) × F, fan_in = C·kh·kw
 *         (the inputs of one output) and fan_out = F, stored as W: F×C×kh×kw.
 *         Use 'heNormal' before ReLU.
 *   bias  add b, one per kernel, starting at 0 (true)
 */
import { assertBoolean, assertInteger, assertOptions } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Var } from '../autodiff/index.js';
import type { Rng } from '../random/index.js';
import { CONV_OPTION_KEYS, convOutputShape, convPlan, convolve } from './conv-ops.js';
import type { Conv1dOptions, Conv2dOptions, ConvPlan } from './conv-ops.js';
import { initialize } from './init.js';
import type { Initializer, InitializerName } from './init.js';
import { Module, assertVar } from './module.js';

/** What the layers add to the options of conv1d / conv2d. */
interface ParameterOptions {
  /** Draws W (required unless init is 'zeros'). */
  rng?: Rng | undefined;
  /** Initialiser of W, drawn as a (C·kh·kw) × F matrix (default 'glorotUniform'). */
  init?: InitializerName | Initializer | undefined;
  /** Add one bias per kernel, starting at 0 (default true). */
  bias?: boolean | undefined;
}

/** Options of Conv1d: conv1d's and the parameters'. */
export interface Conv1dLayerOptions extends Conv1dOptions, ParameterOptions {}
/** Options of Conv2d: conv2d's and the parameters'. */
export interface Conv2dLayerOptions extends Conv2dOptions, ParameterOptions {}

/** What Conv1d and Conv2d share: the kernels, the bias and the plan. */
abstract class Convolution extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  /** The kernels W: F×C×k (Conv1d) or F×C×kh×kw (Conv2d). */
  readonly W: Var;
  /** The biases [F], or null for a layer made with { bias: false }. */
  readonly b: Var | null;
  /** The checked options (per axis [rows, columns]; rows are 1 for Conv1d). */
  readonly plan: ConvPlan;

  protected constructor(dims: 1 | 2, inChannels: number, outChannels: number, kernelSize: unknown, options: Conv2dLayerOptions | undefined, where: string) {
    super();
    this.inChannels = assertInteger(inChannels, 'inChannels', where, { min: 1 });
    this.outChannels = assertInteger(outChannels, 'outChannels', where, { min: 1 });
    const o = assertOptions(options, [...CONV_OPTION_KEYS, 'rng', 'init', 'bias'], where);
    const { rng, init, bias, ...convOptions } = o;
    this.plan = convPlan(dims, kernelSize, convOptions, where);
    const hasBias = assertBoolean(bias ?? true, 'bias', where);
    const [kh, kw] = this.plan.kernel;
    const K = inChannels * kh * kw;
    // Drawn as the patch matrix K×F (Dense's layout and fans), stored as F×C×(kh×)kw.
    const patches = initialize(init ?? 'glorotUniform', [K, outChannels], rng, where);
    const shape = dims === 1 ? [outChannels, inChannels, kw] : [outChannels, inChannels, kh, kw];
    this.W = this.registerParameter('W', linalg.reshape(linalg.transpose(patches), shape));
    this.b = hasBias ? this.registerParameter('b', linalg.zeros([outChannels])) : null;
  }

  /** y = conv(x, W) + b (ShapeError for the wrong rank or channel count, or a kernel larger than the padded input). */
  forward(x: Var): Var {
    const where = `${this.constructor.name}.forward`;
    assertVar(x, where);
    convOutputShape(this.plan, x.value.shape, this.inChannels, this.outChannels, where);
    return convolve(x, this.W, this.b, this.plan);
  }

  /** N×F×Lo or N×F×Ho×Wo for an input N×C×L or N×C×H×W (ShapeError otherwise). */
  override outputShape(inputShape: readonly number[]): number[] {
    const where = `${this.constructor.name}.outputShape`;
    linalg.assertShape(inputShape, 'inputShape', where);
    return convOutputShape(this.plan, inputShape, this.inChannels, this.outChannels, where);
  }

  /** 'Conv2d(1 → 6, 5×5)', with stride, dilation, padding, mode, method and bias when not the defaults. */
  override toString(): string {
    const p = this.plan;
    const axes = (pair: readonly [number, number]): string => (p.dims === 1 ? String(pair[1]) : pair[0] === pair[1] ? String(pair[0]) : `[${pair.join(', ')}]`);
    const parts = [`${this.inChannels} → ${this.outChannels}`, p.dims === 1 ? `k ${p.kernel[1]}` : `${p.kernel[0]}×${p.kernel[1]}`];
    if (p.stride.some((s) => s !== 1)) parts.push(`stride ${axes(p.stride)}`);
    if (p.dilation.some((d) => d !== 1)) parts.push(`dilation ${axes(p.dilation)}`);
    const pads = p.dims === 1 ? p.padding.slice(2) : p.padding;
    if (pads.some((q) => q !== 0)) parts.push(`padding ${pads.every((q) => q === pads[0]) ? pads[0] : `[${pads.join(', ')}]`}`);
    if (p.paddingMode !== 'zeros') parts.push(p.paddingMode);
    if (p.method !== 'gemm') parts.push(p.method);
    if (this.b === null) parts.push('no bias');
    return `${this.constructor.name}(${parts.join(', ')})`;
  }
}

/** 1-D convolution over N×C×L (see the file comment): Conv1d(4, 8, 12, { rng }) scans one-hot DNA with 8 kernels of 12 bases. */
export class Conv1d extends Convolution {
  /** C input channels, F kernels of k taps; options as the file comment says. */
  constructor(inChannels: number, outChannels: number, kernelSize: number, options?: Conv1dLayerOptions) {
    super(1, inChannels, outChannels, kernelSize, options as Conv2dLayerOptions | undefined, 'Conv1d');
  }
}

/** 2-D convolution over N×C×H×W (see the file comment): Conv2d(1, 6, 5, { rng }) is LeNet's C1. */
export class Conv2d extends Convolution {
  /** C input channels, F kernels of kh×kw (kernelSize k or [kh, kw]); options as the file comment says. */
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options?: Conv2dLayerOptions) {
    super(2, inChannels, outChannels, kernelSize, options, 'Conv2d');
  }
}
