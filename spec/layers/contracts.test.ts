/**
 * The contract table of layers: every runtime export with bad inputs and
 * the typed error each must get, the arguments (models included) unchanged
 * after the failed call.
 */
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import * as layers from '../../src/layers/index.js';
import { Dense, Sequential, Tanh } from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const rng = (): Rng => new Rng(7);
const net = (): Sequential => new Sequential([new Dense(2, 3, { rng: rng() }), new Tanh(), new Dense(3, 1, { rng: rng() })]);
const x = (shape: number[]): ad.Var => ad.constant(linalg.zeros(shape));

/** forward of a freshly made module with a non-Var input. */
const notAVar = (make: () => Module, name: string): BadCall =>
  ({ label: 'forward of a Tensor, not a Var', call: (m: Module) => m.forward(linalg.zeros([1, 2]) as never), args: () => [make()], error: ArgumentTypeError, names: `${name}.forward` });

const shapes = (name: string, call: (shape: unknown, r: unknown) => unknown, random = true): BadCall[] => [
  { label: 'a shape that is not an array', call, args: () => [3, rng()], error: ArgumentTypeError, names: name },
  { label: 'a negative dimension', call, args: () => [[2, -1], rng()], error: ShapeError, names: name },
  ...(random ? [{ label: 'no Rng', call, args: () => [[2, 2], 42], error: ArgumentTypeError, names: name }] : []),
];

const saved = (): Record<string, unknown> => net().stateDict();

contractSpec('layers', layers as unknown as Record<string, unknown>, {
  Dense: [
    { label: 'inFeatures 0', args: () => [0, 2, { rng: rng() }], error: ValueError },
    { label: 'fractional outFeatures', args: () => [2, 1.5, { rng: rng() }], error: ValueError },
    { label: 'a string size', args: () => ['2', 2, { rng: rng() }], error: ArgumentTypeError },
    { label: 'no rng for a random init', args: [2, 2], error: ArgumentTypeError },
    { label: 'an unknown initialiser name', args: () => [2, 2, { rng: rng(), init: 'xavier' }], error: ValueError },
    { label: 'an unknown option', args: () => [2, 2, { rng: rng(), seed: 1 }], error: ValueError },
    { label: 'an init function of the wrong shape', args: () => [2, 2, { rng: rng(), init: () => linalg.zeros([2]) }], error: ValueError },
    { label: 'bias not a boolean', args: () => [2, 2, { rng: rng(), bias: 'yes' }], error: ArgumentTypeError },
  ],
  'Dense#forward': [
    { label: 'a Tensor, not a Var', call: (d: Dense) => d.forward(linalg.zeros([1, 2]) as never), args: () => [new Dense(2, 3, { rng: rng() })], error: ArgumentTypeError },
    { label: 'the wrong number of features', call: (d: Dense, v: ad.Var) => d.forward(v), args: () => [new Dense(2, 3, { rng: rng() }), x([4, 3])], error: ShapeError },
    { label: 'a rank-3 input', call: (d: Dense, v: ad.Var) => d.forward(v), args: () => [new Dense(2, 3, { rng: rng() }), x([1, 4, 2])], error: ShapeError },
  ],
  'Dense#outputShape': [
    { label: 'the wrong number of features', call: (d: Dense) => d.outputShape([4, 3]), args: () => [new Dense(2, 3, { rng: rng() })], error: ShapeError },
  ],
  Sequential: [
    { label: 'layers not an array', args: () => [new Tanh()], error: ArgumentTypeError },
    { label: 'a class instead of an instance', args: [[Tanh]], error: ArgumentTypeError },
  ],
  'Sequential#forward': [
    notAVar(net, 'Sequential'),
    { label: 'a layer refusing the shape', call: (m: Sequential, v: ad.Var) => m.forward(v), args: () => [net(), x([4, 5])], error: ShapeError, names: 'Dense.forward' },
  ],
  'Sequential#loadStateDict': [
    { label: 'a missing name', call: (m: Sequential, d: Record<string, unknown>) => m.loadStateDict(d), args: () => { const d = saved(); delete d['2.b']; return [net(), d]; }, error: ValueError },
    { label: 'an unexpected name', call: (m: Sequential, d: Record<string, unknown>) => m.loadStateDict(d), args: () => [net(), { ...saved(), '1.W': { shape: [1], data: [0] } }], error: ValueError },
    { label: 'a shape that differs', call: (m: Sequential, d: Record<string, unknown>) => m.loadStateDict(d), args: () => [net(), { ...saved(), '0.b': { shape: [1, 3], data: [0, 0, 0] } }], error: ShapeError },
    { label: 'an entry that is not a saved tensor', call: (m: Sequential, d: Record<string, unknown>) => m.loadStateDict(d), args: () => [net(), { ...saved(), '0.b': [0, 0, 0] }], error: ArgumentTypeError },
    { label: 'a value that is not a number', call: (m: Sequential, d: Record<string, unknown>) => m.loadStateDict(d), args: () => [net(), { ...saved(), '0.b': { shape: [3], data: [0, 'x', 0] } }], error: ValueError },
    { label: 'a JSON string rather than the object', call: (m: Sequential, d: unknown) => m.loadStateDict(d), args: () => [net(), JSON.stringify(saved())], error: ArgumentTypeError },
  ],
  'Sequential#summary': [
    { label: 'a shape that is not an array', call: (m: Sequential) => m.summary(2 as never), args: () => [net()], error: ArgumentTypeError },
    { label: 'an input the first layer refuses', call: (m: Sequential) => m.summary([4, 5]), args: () => [net()], error: ShapeError, names: 'Dense.outputShape' },
  ],
  'Sequential#train': [
    { label: 'a mode that is not a boolean', call: (m: Sequential) => m.train(0 as never), args: () => [net()], error: ArgumentTypeError },
  ],
  'Sequential#slice': [
    { label: 'a fractional start', call: (m: Sequential) => m.slice(0.5), args: () => [net()], error: ValueError },
    { label: 'an end past the layers', call: (m: Sequential) => m.slice(0, 9), args: () => [net()], error: ValueError },
  ],
  Sigmoid: [notAVar(() => new layers.Sigmoid(), 'Sigmoid')],
  Tanh: [notAVar(() => new layers.Tanh(), 'Tanh')],
  ReLU: [notAVar(() => new layers.ReLU(), 'ReLU')],
  Softplus: [notAVar(() => new layers.Softplus(), 'Softplus')],
  Identity: [notAVar(() => new layers.Identity(), 'Identity')],
  Heaviside: [notAVar(() => new layers.Heaviside(), 'Heaviside')],
  LeakyReLU: [
    { label: 'a slope above 1', args: [2], error: ValueError },
    { label: 'a slope that is a string', args: ['0.1'], error: ArgumentTypeError },
    notAVar(() => new layers.LeakyReLU(), 'LeakyReLU'),
  ],
  Softmax: [
    { label: 'a fractional axis', args: [0.5], error: ValueError },
    notAVar(() => new layers.Softmax(), 'Softmax'),
  ],
  activation: [
    { label: 'an unknown name', args: ['swish'], error: ValueError },
    { label: 'a name that is not a string', args: [3], error: ArgumentTypeError },
    { label: 'alpha for an activation without one', args: ['relu', { alpha: 0.1 }], error: ValueError },
    { label: 'alpha out of range', args: ['leakyRelu', { alpha: -1 }], error: ValueError, names: 'LeakyReLU' },
  ],
  identity: [{ label: 'a Tensor, not a Var', args: () => [linalg.zeros([2])], error: ArgumentTypeError }],
  heaviside: [{ label: 'a number, not a Var', args: [1], error: ArgumentTypeError }],
  sigmoidRatioForm: [{ label: 'a string', args: ['1'], error: ArgumentTypeError }],
  sigmoidReciprocalForm: [{ label: 'a Tensor', args: () => [linalg.zeros([1])], error: ArgumentTypeError }],
  tanhExponentialForm: [{ label: 'undefined', args: [undefined], error: ArgumentTypeError }],
  fans: [{ label: 'a shape with a fraction', args: [[2, 0.5]], error: ShapeError }],
  zerosInit: shapes('zerosInit', (s, r) => layers.zerosInit(s as number[], r as Rng), false),
  uniformInit: [
    ...shapes('uniformInit', (s, r) => layers.uniformInit(s as number[], r as Rng)),
    { label: 'low ≥ high', args: () => [[2, 2], rng(), { low: 1, high: 1 }], error: ValueError },
    { label: 'an unknown option', args: () => [[2, 2], rng(), { std: 1 }], error: ValueError },
  ],
  normalInit: [
    ...shapes('normalInit', (s, r) => layers.normalInit(s as number[], r as Rng)),
    { label: 'a negative std', args: () => [[2, 2], rng(), { std: -1 }], error: ValueError },
  ],
  glorotUniform: [
    ...shapes('glorotUniform', (s, r) => layers.glorotUniform(s as number[], r as Rng)),
    { label: 'an empty layer (fan 0)', args: () => [[0, 3], rng()], error: ValueError },
    { label: 'a negative gain', args: () => [[2, 3], rng(), { gain: -1 }], error: ValueError },
  ],
  glorotNormal: [
    ...shapes('glorotNormal', (s, r) => layers.glorotNormal(s as number[], r as Rng)),
    { label: 'a gain that is not a number', args: () => [[2, 3], rng(), { gain: '1' }], error: ArgumentTypeError },
  ],
  heUniform: [...shapes('heUniform', (s, r) => layers.heUniform(s as number[], r as Rng)), { label: 'fan_in 0', args: () => [[0, 2], rng()], error: ValueError }],
  heNormal: [...shapes('heNormal', (s, r) => layers.heNormal(s as number[], r as Rng)), { label: 'fan_in 0', args: () => [[3, 0], rng()], error: ValueError }],
  getInitializer: [
    { label: 'an unknown name', args: ['xavier'], error: ValueError },
    { label: 'a function instead of a name', args: [() => 0], error: ArgumentTypeError },
  ],
}, {
  exempt: {
    Module: 'the abstract base class; its methods are checked on Sequential and Dense above',
    sigmoid: 'autodiff\'s op, re-exported; its contract is in spec/autodiff',
    tanh: 'autodiff\'s op, re-exported; its contract is in spec/autodiff',
    relu: 'autodiff\'s op, re-exported; its contract is in spec/autodiff',
    leakyRelu: 'autodiff\'s op, re-exported; its contract is in spec/autodiff',
    softplus: 'autodiff\'s op, re-exported; its contract is in spec/autodiff',
    softmax: 'autodiff\'s op, re-exported; its contract is in spec/autodiff',
  },
});
