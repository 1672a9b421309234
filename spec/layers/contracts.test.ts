/**
 * The contract table of layers: every runtime export with bad inputs and
 * the typed error each must get, the arguments (models included) unchanged
 * after the failed call.
 */
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import * as layers from '../../src/layers/index.js';
import { Dense, Sequential, Tanh } from '../../src/layers/index.js';
import type { Module } from '../../src/layers/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';
import { sequenceContracts } from './sequence-contracts.js';

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
  Residual: [
    { label: 'a body that is not a Module', args: () => [linalg.eye(2)], error: ArgumentTypeError },
    { label: 'a body that changes the shape', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Residual(new Dense(2, 3, { rng: rng() })), x([1, 2])], error: ShapeError, names: 'Residual.forward' },
    notAVar(() => new layers.Residual(new Tanh()), 'Residual'),
  ],
  residualBlock: [
    { label: 'k 0', args: () => [0, { rng: rng() }], error: ValueError },
    { label: 'no rng for a random W', args: [3], error: ArgumentTypeError },
    { label: 'an unknown activation', args: () => [3, { rng: rng(), activation: 'gelu' }], error: ValueError },
    { label: 'an unknown option', args: () => [3, { rng: rng(), skip: true }], error: ValueError },
  ],
  Dropout: [
    { label: 'p = 1', args: () => [1, { rng: rng() }], error: ValueError },
    { label: 'a negative p', args: () => [-0.5, { rng: rng() }], error: ValueError },
    { label: 'p a string', args: () => ['0.5', { rng: rng() }], error: ArgumentTypeError },
    { label: 'no rng', args: [0.5, {}], error: ArgumentTypeError },
    { label: 'no options', args: [0.5], error: ArgumentTypeError },
    { label: 'an unknown option', args: () => [0.5, { rng: rng(), seed: 1 }], error: ValueError },
    notAVar(() => new layers.Dropout(0.5, { rng: rng() }), 'Dropout'),
  ],
  BatchNorm: [
    { label: 'numFeatures 0', args: [0], error: ValueError },
    { label: 'momentum above 1', args: [3, { momentum: 1.5 }], error: ValueError },
    { label: 'a negative epsilon', args: [3, { epsilon: -1e-5 }], error: ValueError },
    { label: 'an unknown option', args: [3, { eps: 1e-5 }], error: ValueError },
    notAVar(() => new layers.BatchNorm(2), 'BatchNorm'),
    { label: 'a batch of one in training mode', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.BatchNorm(2), x([1, 2])], error: ValueError, names: 'BatchNorm.forward' },
    { label: 'features not on axis 1', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.BatchNorm(2), x([4, 3])], error: ShapeError, names: 'BatchNorm.forward' },
    { label: 'a vector', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.BatchNorm(2), x([2])], error: ShapeError, names: 'BatchNorm.forward' },
  ],
  LayerNorm: [
    { label: 'features 1.5', args: [1.5], error: ValueError },
    { label: 'epsilon NaN', args: [3, { epsilon: NaN }], error: ValueError },
    { label: 'options not an object', args: [3, 1e-5], error: ArgumentTypeError },
    notAVar(() => new layers.LayerNorm(2), 'LayerNorm'),
    { label: 'the wrong last axis', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.LayerNorm(2), x([4, 3])], error: ShapeError, names: 'LayerNorm.forward' },
    { label: 'a scalar', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.LayerNorm(1), x([])], error: ShapeError, names: 'LayerNorm.forward' },
  ],
  mlp: [
    { label: 'one size only', args: () => [[3], { rng: rng() }], error: ArgumentTypeError },
    { label: 'a size 0', args: () => [[3, 0, 1], { rng: rng() }], error: ValueError },
    { label: 'no rng', args: [[3, 1]], error: ArgumentTypeError },
    { label: 'an rng that is not an Rng', args: [[3, 1], { rng: 42 }], error: ArgumentTypeError },
    { label: 'an unknown activation', args: () => [[3, 2, 1], { rng: rng(), activation: 'gelu' }], error: ValueError },
    { label: 'an unknown head', args: () => [[3, 2, 1], { rng: rng(), head: 'logits' }], error: ValueError },
    { label: 'a sigmoid head with two outputs', args: () => [[3, 2], { rng: rng(), head: 'sigmoid' }], error: ValueError },
    { label: 'a softmax head with one output', args: () => [[3, 1], { rng: rng(), head: 'softmax' }], error: ValueError },
    { label: 'alpha without leaky ReLU', args: () => [[3, 2, 1], { rng: rng(), alpha: 0.1 }], error: ValueError },
    { label: 'alpha above 1', args: () => [[3, 2, 1], { rng: rng(), activation: 'leakyRelu', alpha: 3 }], error: ValueError },
  ],
  MLP: [
    { label: 'layers not an array', args: [null, [2, 1], 'identity'], error: ArgumentTypeError },
    { label: 'an unknown head', args: () => [[new Dense(2, 1, { rng: rng() })], [2, 1], 'logits'], error: ValueError },
  ],
  'MLP#predict': [
    { label: 'X with the wrong width', call: (m: layers.MLP, X: linalg.Tensor) => m.predict(X), args: () => [layers.mlp([3, 2], { rng: rng() }), linalg.zeros([4, 2])], error: ShapeError },
    { label: 'X a nested array', call: (m: layers.MLP, X: unknown) => m.predict(X as never), args: () => [layers.mlp([1, 2], { rng: rng() }), [[1]]], error: ArgumentTypeError },
  ],
  'MLP#predictProba': [
    { label: 'a regression head', call: (m: layers.MLP, X: linalg.Tensor) => m.predictProba(X), args: () => [layers.mlp([3, 2], { rng: rng() }), linalg.zeros([4, 3])], error: ValueError },
    { label: 'X of rank 1', call: (m: layers.MLP, X: linalg.Tensor) => m.predictProba(X), args: () => [layers.mlp([3, 2], { rng: rng(), head: 'softmax' }), linalg.zeros([3])], error: ShapeError },
  ],
  neuron: [
    { label: 'w and x of different lengths', args: () => [linalg.zeros([2]), 0, linalg.zeros([3])], error: ShapeError },
    { label: 'a bias that is not a number', args: () => [linalg.zeros([2]), '1', linalg.zeros([2])], error: ArgumentTypeError },
    { label: 'a NaN bias', args: () => [linalg.zeros([2]), NaN, linalg.zeros([2])], error: ValueError },
  ],
  addBiasColumn: [
    { label: 'a nested array', args: [[[1, 2]]], error: ArgumentTypeError },
    { label: 'a rank-3 tensor', args: () => [linalg.zeros([1, 2, 2])], error: ShapeError },
  ],
  mcCullochPitts: [
    { label: 'a non-binary input', args: () => [linalg.tensor([1, 0.5], [2]), 1], error: ValueError },
    { label: 'a non-binary inhibitory input', args: () => [linalg.tensor([1, 0], [2]), 1, linalg.tensor([2], [1])], error: ValueError },
    { label: 'a threshold that is not a number', args: () => [linalg.tensor([1, 0], [2]), null], error: ArgumentTypeError },
  ],
  Perceptron: [
    { label: 'eta 0', args: [{ eta: 0 }], error: ValueError },
    { label: 'maxEpochs 0', args: [{ maxEpochs: 0 }], error: ValueError },
    { label: 'an unknown init', args: [{ init: 'normal' }], error: ValueError },
    { label: 'an unknown option', args: [{ epochs: 5 }], error: ValueError },
  ],
  'Perceptron#fit': [
    { label: 'labels other than 0 and 1', call: (p: layers.Perceptron, X: linalg.Tensor, y: linalg.Tensor) => p.fit(X, y), args: () => [new layers.Perceptron(), linalg.zeros([2, 2]), linalg.tensor([0, 2], [2])], error: ValueError },
    { label: 'a NaN in X', call: (p: layers.Perceptron, X: linalg.Tensor, y: linalg.Tensor) => p.fit(X, y), args: () => [new layers.Perceptron(), linalg.tensor([0, NaN], [1, 2]), linalg.tensor([1], [1])], error: ValueError },
    { label: 'y of the wrong length', call: (p: layers.Perceptron, X: linalg.Tensor, y: linalg.Tensor) => p.fit(X, y), args: () => [new layers.Perceptron(), linalg.zeros([2, 2]), linalg.zeros([3])], error: ShapeError },
    { label: 'X of rank 1', call: (p: layers.Perceptron, X: linalg.Tensor, y: linalg.Tensor) => p.fit(X, y), args: () => [new layers.Perceptron(), linalg.zeros([2]), linalg.zeros([2])], error: ShapeError },
    { label: 'no rows', call: (p: layers.Perceptron, X: linalg.Tensor, y: linalg.Tensor) => p.fit(X, y), args: () => [new layers.Perceptron(), linalg.zeros([0, 2]), linalg.zeros([0])], error: ValueError },
  ],
  'Perceptron#predict': [
    { label: 'before fit', call: (p: layers.Perceptron) => p.predict(linalg.zeros([1, 2])), args: () => [new layers.Perceptron()], error: NotFittedError },
    { label: 'X with the wrong width', call: (p: layers.Perceptron) => p.predict(linalg.zeros([1, 3])), args: () => [new layers.Perceptron().fit(linalg.zeros([1, 2]), linalg.ones([1]))], error: ShapeError },
  ],
  'Perceptron#decisionFunction': [
    { label: 'before fit', call: (p: layers.Perceptron) => p.decisionFunction(linalg.zeros([1, 2])), args: () => [new layers.Perceptron()], error: NotFittedError },
  ],
  'Perceptron#w': [
    { label: 'before fit', call: (p: layers.Perceptron) => p.w, args: () => [new layers.Perceptron()], error: NotFittedError },
  ],
  'Perceptron#fromJSON': [
    { label: 'not an object', call: (json: unknown) => layers.Perceptron.fromJSON(json), args: ['{}'], error: ArgumentTypeError },
    { label: 'bad options', call: (json: unknown) => layers.Perceptron.fromJSON(json), args: [{ options: { eta: -1 }, fitted: null }], error: ValueError },
    { label: 'a matrix w', call: (json: unknown) => layers.Perceptron.fromJSON(json), args: [{ options: {}, fitted: { w: { shape: [1, 1], data: [1] }, b: 0, mistakes: [0], converged: true } }], error: ShapeError },
    { label: 'a bias that is not a number', call: (json: unknown) => layers.Perceptron.fromJSON(json), args: [{ options: {}, fitted: { w: { shape: [1], data: [1] }, b: 'x', mistakes: [0], converged: true } }], error: ValueError },
    { label: 'no mistakes recorded', call: (json: unknown) => layers.Perceptron.fromJSON(json), args: [{ options: {}, fitted: { w: { shape: [1], data: [1] }, b: 0, mistakes: [], converged: true } }], error: ArgumentTypeError },
  ],
  hodgkinHuxley: [
    { label: 'a negative duration', args: [{ duration: -1 }], error: ValueError },
    { label: 'dt 0', args: [{ dt: 0 }], error: ValueError },
    { label: 'too many steps', args: [{ duration: 1e6, dt: 1e-3 }], error: ValueError },
    { label: 'a current that is a string', args: [{ current: '10' }], error: ArgumentTypeError },
    { label: 'a current function returning NaN', args: [{ current: () => NaN, duration: 1 }], error: ValueError },
    { label: 'an unknown parameter', args: [{ parameters: { gCa: 1 } }], error: ValueError },
    { label: 'a capacitance of 0', args: [{ parameters: { C: 0 } }], error: ValueError },
    { label: 'an unknown option', args: [{ I: 10 }], error: ValueError },
  ],
  hodgkinHuxleyRates: [{ label: 'V a string', args: ['-65'], error: ArgumentTypeError }],
  ...sequenceContracts,
  hodgkinHuxleySteadyState: [{ label: 'V NaN', args: [NaN], error: ValueError }],
  hodgkinHuxleyDerivatives: [
    { label: 'a state without h', args: [{ V: -65, n: 0.3, m: 0.05 }, 0], error: ArgumentTypeError },
    { label: 'a current that is not finite', args: [{ V: -65, n: 0.3, m: 0.05, h: 0.6 }, Infinity], error: ValueError },
  ],
  Conv2d: [
    { label: 'inChannels 0', args: () => [0, 2, 3, { rng: rng() }], error: ValueError },
    { label: 'a kernel size that is a string', args: () => [1, 2, '3', { rng: rng() }], error: ArgumentTypeError },
    { label: 'a kernel of three sizes', args: () => [1, 2, [3, 3, 3], { rng: rng() }], error: ArgumentTypeError },
    { label: 'stride 0', args: () => [1, 2, 3, { rng: rng(), stride: 0 }], error: ValueError },
    { label: 'dilation below 1', args: () => [1, 2, 3, { rng: rng(), dilation: [1, 0] }], error: ValueError },
    { label: 'a negative padding', args: () => [1, 2, 3, { rng: rng(), padding: -1 }], error: ValueError },
    { label: 'padding of three numbers', args: () => [1, 2, 3, { rng: rng(), padding: [1, 1, 1] }], error: ArgumentTypeError },
    { label: 'padding \'same\' with stride 2', args: () => [1, 2, 3, { rng: rng(), padding: 'same', stride: 2 }], error: ValueError },
    { label: 'an unknown padding word', args: () => [1, 2, 3, { rng: rng(), padding: 'full' }], error: ValueError },
    { label: 'an unknown padding mode', args: () => [1, 2, 3, { rng: rng(), paddingMode: 'reflect' }], error: ValueError },
    { label: 'an unknown method', args: () => [1, 2, 3, { rng: rng(), method: 'fft' }], error: ValueError },
    { label: 'no rng', args: [1, 2, 3], error: ArgumentTypeError },
    { label: 'an unknown option', args: () => [1, 2, 3, { rng: rng(), groups: 2 }], error: ValueError },
  ],
  'Conv2d#forward': [
    notAVar(() => new layers.Conv2d(1, 2, 3, { rng: rng() }), 'Conv2d'),
    { label: 'channels that do not match', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Conv2d(2, 2, 3, { rng: rng() }), x([1, 3, 5, 5])], error: ShapeError, names: 'Conv2d.forward' },
    { label: 'an input of rank 3', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Conv2d(1, 2, 3, { rng: rng() }), x([1, 5, 5])], error: ShapeError, names: 'Conv2d.forward' },
    { label: 'a kernel larger than the padded input', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Conv2d(1, 2, 5, { rng: rng(), padding: 1 }), x([1, 1, 2, 9])], error: ShapeError, names: 'Conv2d.forward' },
  ],
  'Conv2d#outputShape': [
    { label: 'a kernel larger than the input', call: (m: Module) => m.outputShape([1, 1, 2, 2]), args: () => [new layers.Conv2d(1, 2, 3, { rng: rng() })], error: ShapeError, names: 'Conv2d.outputShape' },
  ],
  Conv1d: [
    { label: 'a pair kernel size', args: () => [4, 2, [1, 3], { rng: rng() }], error: ArgumentTypeError },
    { label: 'stride 0', args: () => [4, 2, 3, { rng: rng(), stride: 0 }], error: ValueError },
    { label: 'a pair stride', args: () => [4, 2, 3, { rng: rng(), stride: [1, 1] }], error: ArgumentTypeError },
    { label: 'padding of four numbers', args: () => [4, 2, 3, { rng: rng(), padding: [0, 0, 1, 1] }], error: ArgumentTypeError },
    { label: 'an init of the wrong shape', args: () => [4, 2, 3, { rng: rng(), init: () => linalg.zeros([2]) }], error: ValueError },
  ],
  'Conv1d#forward': [
    notAVar(() => new layers.Conv1d(4, 2, 3, { rng: rng() }), 'Conv1d'),
    { label: 'an input of rank 4', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Conv1d(4, 2, 3, { rng: rng() }), x([1, 4, 1, 9])], error: ShapeError, names: 'Conv1d.forward' },
    { label: 'a sequence shorter than the dilated kernel', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Conv1d(4, 2, 3, { rng: rng(), dilation: 4 }), x([1, 4, 8])], error: ShapeError, names: 'Conv1d.forward' },
  ],
  conv2d: [
    { label: 'x a nested array', args: () => [[[1]], linalg.zeros([1, 1, 1, 1]), null], error: ArgumentTypeError },
    { label: 'w of rank 3', args: () => [linalg.zeros([1, 1, 3, 3]), linalg.zeros([1, 1, 3]), null], error: ShapeError },
    { label: 'b of the wrong length', args: () => [linalg.zeros([1, 1, 3, 3]), linalg.zeros([2, 1, 3, 3]), linalg.zeros([3])], error: ShapeError },
    { label: 'channels that do not match', args: () => [linalg.zeros([1, 2, 3, 3]), linalg.zeros([1, 1, 3, 3]), null], error: ShapeError },
    { label: 'stride 0', args: () => [linalg.zeros([1, 1, 3, 3]), linalg.zeros([1, 1, 3, 3]), null, { stride: 0 }], error: ValueError },
  ],
  conv1d: [
    { label: 'w of rank 4', args: () => [linalg.zeros([1, 1, 3]), linalg.zeros([1, 1, 1, 3]), null], error: ShapeError },
    { label: 'a kernel longer than the padded sequence', args: () => [linalg.zeros([1, 1, 3]), linalg.zeros([1, 1, 5]), null, { padding: [0, 1] }], error: ShapeError },
    { label: 'an options number', args: () => [linalg.zeros([1, 1, 3]), linalg.zeros([1, 1, 3]), null, 2], error: ArgumentTypeError },
  ],
  MaxPool2d: [
    { label: 'a window of 0', args: [0], error: ValueError },
    { label: 'stride 0', args: [2, { stride: 0 }], error: ValueError },
    { label: 'an unknown option', args: [2, { padding: 1 }], error: ValueError },
    notAVar(() => new layers.MaxPool2d(2), 'MaxPool2d'),
  ],
  'MaxPool2d#forward': [
    { label: 'a window larger than the input', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.MaxPool2d(3), x([1, 1, 2, 5])], error: ShapeError, names: 'MaxPool2d.forward' },
    { label: 'an input of rank 3', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.MaxPool2d(2), x([1, 4, 4])], error: ShapeError, names: 'MaxPool2d.forward' },
  ],
  'MaxPool2d#outputShape': [
    { label: 'a shape that is not an array', call: (m: Module) => m.outputShape(4 as never), args: () => [new layers.MaxPool2d(2)], error: ArgumentTypeError, names: 'MaxPool2d.outputShape' },
  ],
  AvgPool2d: [{ label: 'a window of three sizes', args: [[2, 2, 2]], error: ArgumentTypeError }, notAVar(() => new layers.AvgPool2d(2), 'AvgPool2d')],
  MaxPool1d: [{ label: 'a pair window', args: [[2, 2]], error: ArgumentTypeError }, notAVar(() => new layers.MaxPool1d(2), 'MaxPool1d')],
  AvgPool1d: [
    { label: 'a fractional window', args: [1.5], error: ValueError },
    notAVar(() => new layers.AvgPool1d(2), 'AvgPool1d'),
    { label: 'a window longer than the sequence', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.AvgPool1d(4), x([1, 1, 3])], error: ShapeError, names: 'AvgPool1d.forward' },
  ],
  maxPool2d: [
    { label: 'a Tensor, not a Var', args: () => [linalg.zeros([1, 1, 2, 2]), 2], error: ArgumentTypeError },
    { label: 'a window larger than the input', args: () => [x([1, 1, 2, 2]), 3], error: ShapeError },
  ],
  avgPool2d: [{ label: 'stride [1, 0]', args: () => [x([1, 1, 4, 4]), 2, { stride: [1, 0] }], error: ValueError }],
  maxPool1d: [{ label: 'an input of rank 4', args: () => [x([1, 1, 4, 4]), 2], error: ShapeError }],
  avgPool1d: [{ label: 'a window that is a string', args: () => [x([1, 1, 4]), '2'], error: ArgumentTypeError }],
  globalMaxPool: [{ label: 'an input of rank 2', args: () => [x([2, 3])], error: ShapeError }],
  globalAvgPool: [
    { label: 'a Tensor, not a Var', args: () => [linalg.zeros([1, 1, 2])], error: ArgumentTypeError },
    { label: 'no positions', args: () => [x([1, 2, 0])], error: ShapeError },
  ],
  GlobalMaxPool: [
    notAVar(() => new layers.GlobalMaxPool(), 'GlobalMaxPool'),
    { label: 'an input of rank 2', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.GlobalMaxPool(), x([2, 3])], error: ShapeError, names: 'GlobalMaxPool.forward' },
  ],
  GlobalAvgPool: [notAVar(() => new layers.GlobalAvgPool(), 'GlobalAvgPool')],
  Flatten: [
    notAVar(() => new layers.Flatten(), 'Flatten'),
    { label: 'a scalar', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Flatten(), x([])], error: ShapeError, names: 'Flatten.forward' },
  ],
  Unflatten: [
    { label: 'dims not an array', args: [6], error: ArgumentTypeError },
    { label: 'a size 0', args: [[6, 0]], error: ValueError },
    notAVar(() => new layers.Unflatten([2]), 'Unflatten'),
    { label: 'a size that does not match', call: (m: Module, v: ad.Var) => m.forward(v), args: () => [new layers.Unflatten([2, 3]), x([1, 5])], error: ShapeError, names: 'Unflatten.forward' },
  ],
  lenet5: [
    { label: 'no options', args: [], error: ArgumentTypeError },
    { label: 'no rng', args: [{}], error: ArgumentTypeError },
    { label: 'an unknown pooling', args: () => [{ rng: rng(), pooling: 'median' }], error: ValueError },
    { label: 'an unknown activation', args: () => [{ rng: rng(), activation: 'swish' }], error: ValueError },
    { label: 'classes 0', args: () => [{ rng: rng(), classes: 0 }], error: ValueError },
    { label: 'an unknown method', args: () => [{ rng: rng(), method: 'winograd' }], error: ValueError },
    { label: 'an unknown option', args: () => [{ rng: rng(), dropout: 0.5 }], error: ValueError },
  ],
  checkInvariance: [
    { label: 'f not a function', args: () => [3, (t: unknown) => t, linalg.zeros([2])], error: ArgumentTypeError },
    { label: 'x a nested array', args: () => [(t: unknown) => t, (t: unknown) => t, [1, 2]], error: ArgumentTypeError },
    { label: 'f returning a number', args: () => [() => 3, (t: unknown) => t, linalg.zeros([2])], error: ArgumentTypeError },
    { label: 'a negative atol', args: () => [(t: unknown) => t, (t: unknown) => t, linalg.zeros([2]), { atol: -1 }], error: ValueError },
  ],
  checkEquivariance: [
    { label: 'Tout not a function', args: () => [(t: unknown) => t, (t: unknown) => t, null, linalg.zeros([2])], error: ArgumentTypeError },
    { label: 'sides of different shapes', args: () => [(t: unknown) => t, (t: unknown) => t, () => linalg.zeros([3]), linalg.zeros([2])], error: ShapeError },
    { label: 'an unknown option', args: () => [(t: unknown) => t, (t: unknown) => t, (t: unknown) => t, linalg.zeros([2]), { tol: 1 }], error: ValueError },
  ],
  roll: [
    { label: 'a scalar', args: () => [linalg.scalar(1), 1, 0], error: ValueError },
    { label: 'an axis out of range', args: () => [linalg.zeros([2, 2]), 1, 2], error: ShapeError },
    { label: 'a fractional shift', args: () => [linalg.zeros([2]), 0.5, 0], error: ValueError },
  ],
  filterPWM: [
    { label: 'a kernel of rank 3', args: () => [linalg.zeros([1, 4, 3])], error: ShapeError },
    { label: 'beta 0', args: () => [linalg.zeros([4, 3]), { beta: 0 }], error: ValueError },
    { label: 'a NaN weight', args: () => [linalg.tensor([NaN, 0, 0, 0], [4, 1])], error: ValueError },
  ],
  activationPWM: [
    { label: 'conv not a Conv1d', args: () => [new layers.Conv2d(4, 1, 1, { rng: rng() }), linalg.zeros([1, 4, 3]), 0], error: ArgumentTypeError },
    { label: 'a filter index out of range', args: () => [new layers.Conv1d(4, 2, 2, { rng: rng() }), linalg.zeros([1, 4, 3]), 2], error: ValueError },
    { label: 'sequences with 3 channels', args: () => [new layers.Conv1d(4, 2, 2, { rng: rng() }), linalg.zeros([1, 3, 3]), 0], error: ShapeError, names: 'Conv1d.outputShape' },
    { label: 'a threshold above 1', args: () => [new layers.Conv1d(4, 2, 2, { rng: rng() }), linalg.zeros([1, 4, 3]), 0, { threshold: 2 }], error: ValueError },
    { label: 'a negative flank', args: () => [new layers.Conv1d(4, 2, 2, { rng: rng() }), linalg.zeros([1, 4, 3]), 0, { flank: -1 }], error: ValueError },
  ],
  consensus: [
    { label: 'rows that do not sum to 1', args: () => [linalg.tensor([0.5, 0.2, 0, 0], [1, 4])], error: ValueError },
    { label: 'an alphabet with a repeat', args: () => [linalg.tensor([1, 0, 0, 0], [1, 4]), { alphabet: 'AACG' }], error: ArgumentTypeError },
  ],
  pwmBestMatch: [
    { label: 'm longer than the matrix', args: () => [linalg.tensor([1, 0, 0, 0], [1, 4]), 2], error: ValueError },
    { label: 'a background that does not sum to 1', args: () => [linalg.tensor([1, 0, 0, 0], [1, 4]), 1, { background: [0.5, 0.5, 0.5, 0.5] }], error: ValueError },
    { label: 'a negative probability', args: () => [linalg.tensor([1.5, -0.5, 0, 0], [1, 4]), 1], error: ValueError },
  ],
  toMEME: [
    { label: 'no motifs', args: [[]], error: ArgumentTypeError },
    { label: 'a matrix of 3 columns', args: () => [[{ name: 'm', pwm: linalg.tensor([1, 0, 0], [1, 3]) }]], error: ShapeError },
    { label: 'a name with a space', args: () => [[{ name: 'a b', pwm: linalg.tensor([1, 0, 0, 0], [1, 4]) }]], error: ArgumentTypeError },
    { label: 'strands \'-\'', args: () => [[{ name: 'm', pwm: linalg.tensor([1, 0, 0, 0], [1, 4]) }], { strands: '-' }], error: ValueError },
    { label: 'sites 0', args: () => [[{ name: 'm', pwm: linalg.tensor([1, 0, 0, 0], [1, 4]), sites: 0 }]], error: ValueError },
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
