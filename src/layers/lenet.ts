/**
 * LeNet-5 (LeCun et al., 1998; EQ-LAYERS-33): the full CNN pipeline of the
 * 004 deck, convolution → pooling → … → fully connected, with its shape
 * arithmetic (o = ⌊(i + 2p − k)/s⌋ + 1 for the 5×5 valid convolutions,
 * ⌊(i − k)/s⌋ + 1 for the 2×2/2 subsampling):
 *
 *   layer                          output      parameters
 *   INPUT                          1@32×32
 *   C1  Conv2d(1, 6, 5)            6@28×28     6·(1·25 + 1)   =    156
 *   S2  AvgPool2d(2)               6@14×14     0
 *   C3  Conv2d(6, 16, 5)           16@10×10    16·(6·25 + 1)  =  2,416
 *   S4  AvgPool2d(2)               16@5×5      0
 *   C5  Conv2d(16, 120, 5)         120@1×1     120·(16·25 + 1) = 48,120
 *       Flatten                    120
 *   F6  Dense(120, 84)             84          120·84 + 84    = 10,164
 *   OUTPUT Dense(84, 10)           10          84·10 + 10     =    850
 *                                                       total  61,706
 *
 * with the activation after C1, C3, C5 and F6. The output is the 10
 * logits (train with a cross-entropy loss on logits). Departures from the
 * 1998 network, as in most re-implementations: C3 connects every input map
 * (the paper's sparse table had 1,516 weights), S2 and S4 average without
 * their trainable coefficient and bias, and the output layer is a Dense
 * layer rather than Euclidean RBF units.
 *
 * Options (defaults): activation ('tanh', the paper's squashing function;
 * 'relu' is the modern choice); pooling ('avg', the paper's subsampling,
 * or 'max'); inChannels (1); classes (10); method of the convolutions
 * ('gemm', or 'direct'); rng (required); init of every W (heNormal before
 * ReLU and leaky ReLU, glorotUniform otherwise, as mlp).
 */
import { ArgumentTypeError, assertInstance, assertInteger, assertOneOf, assertOptions } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { ConvMethod } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { ACTIVATION_NAMES, activation } from './activations.js';
import type { ActivationName } from './activations.js';
import { Conv2d } from './conv.js';
import { Dense } from './dense.js';
import { Flatten } from './flatten.js';
import type { Initializer, InitializerName } from './init.js';
import type { Module } from './module.js';
import { AvgPool2d, MaxPool2d } from './pool.js';
import { Sequential } from './sequential.js';

/** Options of lenet5. */
export interface LeNet5Options {
  /** Draws the weights (required). */
  rng: Rng;
  /** After C1, C3, C5 and F6 (default 'tanh'). */
  activation?: ActivationName | undefined;
  /** 'avg' (default) or 'max'. */
  pooling?: 'avg' | 'max' | undefined;
  /** Input channels (default 1). */
  inChannels?: number | undefined;
  /** Outputs (default 10). */
  classes?: number | undefined;
  /** The convolutions' route: 'gemm' (default) or 'direct'. */
  method?: ConvMethod | undefined;
  /** Initialiser of every W (default heNormal before ReLU-like, glorotUniform otherwise). */
  init?: InitializerName | Initializer | undefined;
}

/** The pooling choices of lenet5. */
export const LENET_POOLINGS = ['avg', 'max'] as const;

/** LeNet-5 for inputs N×C×32×32 as a Sequential of 12 layers (see the file comment); its output is N×classes logits. */
export function lenet5(options: LeNet5Options): Sequential {
  const where = 'lenet5';
  if (options === undefined) throw new ArgumentTypeError(`${where}: pass { rng: new Rng(seed) } (the weights are drawn at random)`);
  const o = assertOptions(options, ['rng', 'activation', 'pooling', 'inChannels', 'classes', 'method', 'init'], where);
  assertInstance(o.rng, Rng, 'rng', where);
  const act = assertOneOf(o.activation ?? 'tanh', ACTIVATION_NAMES, 'activation', where);
  const pooling = assertOneOf(o.pooling ?? 'avg', LENET_POOLINGS, 'pooling', where);
  const C = assertInteger(o.inChannels ?? 1, 'inChannels', where, { min: 1 });
  const classes = assertInteger(o.classes ?? 10, 'classes', where, { min: 1 });
  const method = assertOneOf(o.method ?? 'gemm', linalg.CONV_METHODS, 'method', where);
  const init = o.init ?? (act === 'relu' || act === 'leakyRelu' ? 'heNormal' : 'glorotUniform');
  const rng = o.rng;
  const pool = (): Module => (pooling === 'avg' ? new AvgPool2d(2) : new MaxPool2d(2));
  return new Sequential([
    new Conv2d(C, 6, 5, { rng, init, method }), activation(act), pool(), // C1, S2
    new Conv2d(6, 16, 5, { rng, init, method }), activation(act), pool(), // C3, S4
    new Conv2d(16, 120, 5, { rng, init, method }), activation(act), new Flatten(), // C5
    new Dense(120, 84, { rng, init }), activation(act), // F6
    new Dense(84, classes, { rng, init: o.init ?? 'glorotUniform' }), // output (logits)
  ]);
}
