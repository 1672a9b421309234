/**
 * mlp — the multilayer perceptron builder (EQ-LAYERS-18, 22, 25, 26): for
 * sizes [k₁, k₂, …, k_{L+1}] it stacks
 *
 *   X⁽ˡ⁺¹⁾ = σ(X⁽ˡ⁾W⁽ˡ⁾ + b⁽ˡ⁾)  for ℓ = 1 … L − 1   (hidden layers, activation σ)
 *   ŷ = head(X⁽ᴸ⁾W⁽ᴸ⁾ + b⁽ᴸ⁾)                          (output layer)
 *
 * as a Sequential [Dense, σ, Dense, σ, …, Dense, head] (no module for an
 * identity head). The heads are the output conventions of the 003 deck:
 *
 *   'identity'  regression, ŷ ∈ ℝ^k (default)
 *   'relu'      regression with targets ≥ 0
 *   'sigmoid'   binary classification: one output, p = σ(z) = P(y = 1 | x)
 *   'softmax'   k ≥ 2 classes: pᵢ = softmax(z)ᵢ
 *
 * For training, the classification heads are better left out and the
 * logits given to a loss `…WithLogits` (stable at any logit): build with
 * head 'identity' and read probabilities through `predictProba` of a
 * classifier, or apply sigmoid/softmax yourself.
 *
 * Options (defaults): activation σ of the hidden layers ('relu'); alpha,
 * the slope of 'leakyRelu' (0.01); head ('identity'); rng (required for the
 * random inits); init of every W (default: heNormal for a Dense followed
 * by ReLU or leaky ReLU, glorotUniform otherwise; see init.ts); bias (true).
 *
 * An MLP is a Sequential with two more methods: `predictProba(X)` (the
 * class probabilities n×k; for a sigmoid head [1 − p, p], so rows sum to 1)
 * and `predict(X)` (class indices 0 … k−1, the argmax of predictProba, for
 * classification heads; the outputs for regression heads). Both run without
 * recording a graph and in whatever mode the model is in.
 */
import {
  ArgumentTypeError, ShapeError, ValueError, assertBoolean, assertInstance, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue, formatShape,
} from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import { Rng } from '../random/index.js';
import { ACTIVATION_NAMES, activation } from './activations.js';
import type { ActivationName } from './activations.js';
import { Dense } from './dense.js';
import type { Initializer, InitializerName } from './init.js';
import type { Module } from './module.js';
import { Sequential } from './sequential.js';

export const HEAD_NAMES = ['identity', 'relu', 'sigmoid', 'softmax'] as const;
export type HeadName = (typeof HEAD_NAMES)[number];

export interface MLPOptions {
  /** Activation of the hidden layers (default 'relu'). */
  activation?: ActivationName;
  /** Slope of 'leakyRelu' for x < 0 (default 0.01). */
  alpha?: number;
  /** Output head (default 'identity'). */
  head?: HeadName;
  /** Draws the weights (required unless init is 'zeros'). */
  rng?: Rng;
  /** Initialiser of every W (default: He for ReLU-like, Glorot otherwise). */
  init?: InitializerName | Initializer;
  /** Biases in every Dense (default true). */
  bias?: boolean;
}

export class MLP extends Sequential {
  /** The layer sizes [k₁, …, k_{L+1}]. */
  readonly sizes: readonly number[];
  readonly head: HeadName;

  /** The layers with their sizes [k₁, …] and head; build one with `mlp(sizes, options)`. */
  constructor(layers: readonly Module[], sizes: readonly number[], head: HeadName) {
    super(layers);
    if (!Array.isArray(sizes) || sizes.length < 2) throw new ArgumentTypeError(`MLP: sizes must be an array of at least two sizes, got ${describeValue(sizes)}`);
    for (const k of sizes) assertInteger(k, 'sizes entries', 'MLP', { min: 1 });
    this.sizes = Object.freeze([...sizes]);
    this.head = assertOneOf(head, HEAD_NAMES, 'head', 'MLP');
  }

  /** The outputs for X: n×k₁ without recording a graph. */
  private outputs(X: Tensor, where: string): Tensor {
    linalg.assertTensor(X, 'X', where);
    const k = this.sizes[0]!;
    if (X.shape.length !== 2 || X.shape[1] !== k) throw new ShapeError(`${where}: X must be n×${k}, got ${formatShape(X.shape)}`);
    return ad.noGrad(() => this.forward(ad.constant(X))).value;
  }

  /** Class probabilities n×k for a classification head ([1 − p, p] for 'sigmoid'); ValueError for a regression head. */
  predictProba(X: Tensor): Tensor {
    const where = 'MLP.predictProba';
    if (this.head !== 'sigmoid' && this.head !== 'softmax') {
      throw new ValueError(`${where}: a '${this.head}' head gives no probabilities; use predict, or build with head 'sigmoid' or 'softmax'`);
    }
    const out = this.outputs(X, where);
    if (this.head === 'softmax') return out;
    const n = out.shape[0]!, P = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const p = out.data[i]!;
      P[2 * i] = 1 - p;
      P[2 * i + 1] = p;
    }
    return { shape: [n, 2], data: P };
  }

  /** Class indices [n] (argmax of predictProba, the first on ties) for a classification head; the outputs n×k otherwise. */
  predict(X: Tensor): Tensor {
    const where = 'MLP.predict';
    if (this.head === 'identity' || this.head === 'relu') return this.outputs(X, where);
    const out = this.outputs(X, where);
    if (this.head === 'sigmoid') return linalg.map(linalg.reshape(out, [out.shape[0]!]), (p) => (p > 0.5 ? 1 : 0));
    return linalg.argmax(out, { axis: 1 });
  }

  override toString(): string {
    return `MLP(${this.sizes.join(' → ')}${this.head === 'identity' ? '' : `, ${this.head}`})`;
  }
}

/** An MLP for the layer sizes [k₁, …, k_{L+1}] (at least two: input and output); see the file comment. */
export function mlp(sizes: readonly number[], options?: MLPOptions): MLP {
  const where = 'mlp';
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new ArgumentTypeError(`${where}: sizes must be an array [input, hidden…, output] of at least two sizes, got ${describeValue(sizes)}`);
  }
  for (const k of sizes) assertInteger(k, 'sizes entries', where, { min: 1 });
  const o = assertOptions(options, ['activation', 'alpha', 'head', 'rng', 'init', 'bias'], where);
  const act = assertOneOf(o.activation ?? 'relu', ACTIVATION_NAMES, 'activation', where);
  const head = assertOneOf(o.head ?? 'identity', HEAD_NAMES, 'head', where);
  const bias = assertBoolean(o.bias ?? true, 'bias', where);
  const out = sizes[sizes.length - 1]!;
  if (head === 'sigmoid' && out !== 1) throw new ValueError(`${where}: a sigmoid head is binary classification with one output, got ${out} outputs (use softmax for ${out} classes)`);
  if (head === 'softmax' && out < 2) throw new ValueError(`${where}: a softmax head needs at least 2 outputs (classes), got ${out}`);
  if (o.alpha !== undefined) assertNumber(o.alpha, 'alpha', where, { min: 0, max: 1 });
  if (o.alpha !== undefined && act !== 'leakyRelu') throw new ValueError(`${where}: the option alpha belongs to activation 'leakyRelu', not '${act}'`);
  if (o.rng !== undefined) assertInstance(o.rng, Rng, 'rng', where);
  else if (o.init !== 'zeros') throw new ArgumentTypeError(`${where}: the weights are drawn at random: pass { rng: new Rng(seed) }`);
  const reluLike = (name: string): boolean => name === 'relu' || name === 'leakyRelu';
  const layers: Module[] = [];
  const L = sizes.length - 1;
  for (let l = 0; l < L; l++) {
    const next = l < L - 1 ? act : head;
    const init = o.init ?? (reluLike(next) ? 'heNormal' : 'glorotUniform');
    layers.push(new Dense(sizes[l]!, sizes[l + 1]!, { init, bias, ...(o.rng === undefined ? {} : { rng: o.rng }) }));
    if (l < L - 1) layers.push(act === 'leakyRelu' ? activation(act, o.alpha === undefined ? {} : { alpha: o.alpha }) : activation(act));
    else if (head !== 'identity') layers.push(activation(head));
  }
  return new MLP(layers, sizes, head);
}
