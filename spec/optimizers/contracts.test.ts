/**
 * The contract table of optimizers: every runtime export with bad inputs and
 * the typed error each must get — parameter lists that are not lists of
 * { value, grad } tensors, hyperparameters out of range (named with their
 * value), saved states that do not fit, schedules asked for a fractional
 * epoch, Hessians of the wrong shape — with the arguments (optimizers and
 * their parameters included) unchanged after the failed call.
 */
import { ArgumentTypeError, ConvergenceError, ShapeError, SingularMatrixError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import * as optimizers from '../../src/optimizers/index.js';
import { Adam, AdamW, Momentum, Nesterov, Rprop, SGD } from '../../src/optimizers/index.js';
import type { Optimizer, Parameter } from '../../src/optimizers/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const params = (): Parameter[] => [{ value: linalg.tensor([1, 2, 3], [3]), grad: linalg.tensor([0.5, -1, 2], [3]) }];

/** What every optimizer's constructor refuses, and its own out-of-range hyperparameters. */
const constructor = (own: [string, Record<string, unknown>][]): BadCall[] => [
  { label: 'parameters not an array', args: () => [params()[0]], error: ArgumentTypeError },
  { label: 'no parameters', args: [[]], error: ValueError },
  { label: 'a parameter without a grad', args: () => [[{ value: linalg.zeros([2]) }]], error: ArgumentTypeError },
  { label: 'a grad of another shape', args: () => [[{ value: linalg.zeros([2]), grad: linalg.zeros([3]) }]], error: ShapeError },
  { label: 'a parameter listed twice', args: () => { const p = params()[0]!; return [[p, p]]; }, error: ValueError },
  { label: 'an unknown option', args: () => [params(), { learningRate: 0.1 }], error: ValueError },
  { label: 'options not an object', args: () => [params(), 0.1], error: ArgumentTypeError },
  ...own.map(([label, options]): BadCall => ({ label, args: () => [params(), options], error: ValueError })),
];

/** step and delta after a parameter's gradient was replaced by one of another size. */
const shrunkGradient = (make: (p: Parameter[]) => Optimizer, method: 'step' | 'delta'): BadCall => ({
  label: 'a gradient replaced by one of another size',
  call: (o: Optimizer) => o[method](),
  args: () => {
    const list: { value: Tensor; grad: Tensor }[] = params().map((q) => ({ value: q.value, grad: q.grad }));
    const o = make(list);
    list[0]!.grad = linalg.zeros([2]);
    return [o];
  },
  error: ShapeError,
});

const adam = (): Adam => {
  const a = new Adam(params());
  a.step();
  return a;
};
const saved = (): Record<string, unknown> => JSON.parse(JSON.stringify(adam())) as Record<string, unknown>;
const g = (): Tensor => linalg.tensor([1, 2], [2]);
const H = (): Tensor => linalg.tensor([2, 0, 0, 1], [2, 2]);

contractSpec('optimizers', optimizers as unknown as Record<string, unknown>, {
  SGD: constructor([['lr −0.1', { lr: -0.1 }], ['momentum 1', { momentum: 1 }], ['lr NaN', { lr: NaN }]]),
  Momentum: constructor([['gamma 1', { gamma: 1 }], ['lr ∞', { lr: Infinity }]]),
  Nesterov: constructor([['gamma −0.5', { gamma: -0.5 }]]),
  Adagrad: constructor([['epsilon −1e-8', { epsilon: -1e-8 }], ['epsMode "under"', { epsMode: 'under' }]]),
  Adadelta: constructor([['rho 1', { rho: 1 }], ['epsilon 0', { epsilon: 0 }], ['a learning rate', { lr: 1 }]]),
  RMSprop: constructor([['beta 1', { beta: 1 }], ['epsMode "both"', { epsMode: 'both' }]]),
  Adam: constructor([['beta1 1', { beta1: 1 }], ['beta2 1.5', { beta2: 1.5 }], ['epsilon −0', { epsilon: -1 }], ['weightDecay (AdamW\'s option)', { weightDecay: 0.01 }]]),
  AdamW: constructor([['weightDecay −0.01', { weightDecay: -0.01 }], ['beta1 1', { beta1: 1 }]]),
  Rprop: constructor([['etaPlus 0.5', { etaPlus: 0.5 }], ['etaMinus 0', { etaMinus: 0 }], ['etaMinus 1.5', { etaMinus: 1.5 }],
    ['initialStep above stepMax', { initialStep: 60 }], ['stepMin above initialStep', { stepMin: 0.5 }]]),
  'Adam#step': [shrunkGradient((p) => new Adam(p), 'step')],
  'AdamW#step': [shrunkGradient((p) => new AdamW(p), 'step')],
  'AdamW#loadStateDict': [
    { label: 'the state of an Adam', call: (o: AdamW, s: unknown) => o.loadStateDict(s), args: () => [new AdamW(params()), saved()], error: ValueError },
    { label: 'another weightDecay', call: (o: AdamW, s: unknown) => o.loadStateDict(s), args: () => [new AdamW(params(), { weightDecay: 0.1 }), new AdamW(params()).toJSON()], error: ValueError },
  ],
  'SGD#step': [shrunkGradient((p) => new SGD(p, { momentum: 0.9 }), 'step')],
  'Rprop#delta': [shrunkGradient((p) => new Rprop(p), 'delta')],
  'Adam#lr': [
    { label: 'a negative learning rate', call: (o: Adam) => (o.lr = -1), args: () => [adam()], error: ValueError, names: 'Adam.lr' },
    { label: 'a string', call: (o: Adam) => (o.lr = '0.1' as never), args: () => [adam()], error: ArgumentTypeError, names: 'Adam.lr' },
  ],
  'Adam#loadStateDict': [
    { label: 'a JSON string', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => [adam(), JSON.stringify(adam())], error: ArgumentTypeError },
    { label: 'the state of an SGD', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => [adam(), new SGD(params()).toJSON()], error: ValueError },
    { label: 'another beta2', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => [new Adam(params(), { beta2: 0.99 }), saved()], error: ValueError },
    { label: 'a missing state name', call: (o: Adam, s: Record<string, Record<string, unknown>>) => o.loadStateDict(s), args: () => { const s = saved() as Record<string, Record<string, unknown>>; delete s['state']!['v']; return [adam(), s]; }, error: ValueError },
    { label: 'an unexpected state name', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => { const s = saved() as { state: Record<string, unknown> }; s.state['w'] = []; return [adam(), s]; }, error: ValueError },
    { label: 'two tensors for one parameter', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => { const s = saved() as { state: { m: unknown[] } }; s.state.m.push(s.state.m[0]); return [adam(), s]; }, error: ValueError },
    { label: 'a tensor of the wrong shape', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => { const s = saved() as { state: { m: unknown[] } }; s.state.m[0] = { shape: [2], data: [0, 0] }; return [adam(), s]; }, error: ShapeError },
    { label: 'a fractional t', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => [adam(), { ...saved(), t: 1.5 }], error: ValueError },
    { label: 'a negative saved lr', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => { const s = saved() as { hyperparameters: Record<string, unknown> }; s.hyperparameters['lr'] = -1; return [adam(), s]; }, error: ValueError },
    { label: 'an unknown saved hyperparameter', call: (o: Adam, s: unknown) => o.loadStateDict(s), args: () => { const s = saved() as { hyperparameters: Record<string, unknown> }; s.hyperparameters['amsgrad'] = true; return [adam(), s]; }, error: ValueError },
  ],
  'Adam#fromJSON': [
    { label: 'the state of a Momentum', args: () => [new Momentum(params()).toJSON(), params()], error: ValueError },
    { label: 'saved hyperparameters out of range', args: () => { const s = saved() as { hyperparameters: Record<string, unknown> }; s.hyperparameters['beta1'] = 2; return [s, params()]; }, error: ValueError },
    { label: 'parameters of another shape', args: () => [saved(), [{ value: linalg.zeros([4]), grad: linalg.zeros([4]) }]], error: ShapeError },
    { label: 'no parameters', args: () => [saved(), []], error: ValueError },
  ],
  'Nesterov#theta': [
    { label: 'an index past the parameters', call: (o: Nesterov) => o.theta(1), args: () => [new Nesterov(params())], error: ValueError },
  ],
  assertParameters: [
    { label: 'a Tensor, not a list', args: () => [params()[0]!.value, 'assertParameters'], error: ArgumentTypeError },
  ],
  stepDecay: [
    { label: 'no period', args: [0.1, {}], error: ArgumentTypeError },
    { label: 'factor 0', args: [0.1, { every: 2, factor: 0 }], error: ValueError },
    { label: 'a negative η₀', args: [-0.1, { every: 2 }], error: ValueError },
    { label: 'a fractional epoch', call: (t: number) => optimizers.stepDecay(0.1, { every: 2 })(t), args: [1.5], error: ValueError, names: 'stepDecay schedule' },
  ],
  exponentialDecay: [
    { label: 'rate 1.5', args: [0.1, { rate: 1.5 }], error: ValueError },
    { label: 'a negative epoch', call: (t: number) => optimizers.exponentialDecay(0.1, { rate: 0.5 })(t), args: [-1], error: ValueError, names: 'exponentialDecay schedule' },
  ],
  inverseTimeDecay: [
    { label: 'a negative k', args: [0.1, { k: -1 }], error: ValueError },
    { label: 'an epoch that is a string', call: (t: unknown) => optimizers.inverseTimeDecay(0.1)(t as number), args: ['1'], error: ArgumentTypeError, names: 'inverseTimeDecay schedule' },
  ],
  cosineDecay: [
    { label: 'period 0', args: [0.1, { period: 0 }], error: ValueError },
    { label: 'etaMin above η₀', args: [0.1, { period: 10, etaMin: 0.2 }], error: ValueError },
  ],
  scaleLearningRate: [
    { label: 'batch size 0', args: [0.1, 0, 32], error: ValueError },
    { label: 'a fractional batch size', args: [0.1, 32, 2.5], error: ValueError },
  ],
  curvature: [
    { label: 'H of the wrong size', args: () => [g(), linalg.eye(3)], error: ShapeError },
    { label: 'g a matrix', args: () => [H(), H()], error: ShapeError },
    { label: 'a NaN in H', args: () => [g(), linalg.tensor([1, NaN, 0, 1], [2, 2])], error: ValueError },
  ],
  secondOrderModel: [
    { label: 'a NaN f0', args: () => [NaN, g(), H(), 0.1], error: ValueError },
    { label: 'ε a string', args: () => [0, g(), H(), '0.1'], error: ArgumentTypeError },
  ],
  optimalStepSize: [
    { label: 'H not square', args: () => [g(), linalg.zeros([2, 3])], error: ShapeError },
  ],
  newtonStep: [
    { label: 'a singular Hessian', args: () => [g(), g(), linalg.tensor([1, 1, 1, 1], [2, 2])], error: SingularMatrixError },
    { label: 'x of another length', args: () => [linalg.zeros([3]), g(), H()], error: ShapeError },
    { label: 'a nested array', args: () => [[1, 2], g(), H()], error: ArgumentTypeError },
  ],
  minimize: [
    { label: 'no gradient function', args: () => [null, g()], error: ArgumentTypeError },
    { label: 'a NaN start', args: () => [(x: Tensor) => x, linalg.tensor([NaN], [1])], error: ValueError },
    { label: 'a gradient of another shape', args: () => [() => linalg.zeros([3]), g()], error: ShapeError },
    { label: 'lr with an optimizer', args: () => [(x: Tensor) => x, g(), { lr: 0.1, optimizer: (p: Parameter[]) => new SGD(p) }], error: ValueError },
    { label: 'an optimizer over other parameters', args: () => [(x: Tensor) => x, g(), { optimizer: () => new SGD(params()) }], error: ValueError },
    { label: 'a diverging iteration', args: () => [(x: Tensor) => linalg.scale(x, 1e300), g(), { lr: 1e10 }], error: ConvergenceError },
    { label: 'maxIterations −1', args: () => [(x: Tensor) => x, g(), { maxIterations: -1 }], error: ValueError },
  ],
  flattenParameters: [
    { label: 'a parameter that is not a tensor pair', args: [[{ value: [1, 2], grad: [0, 0] }]], error: ArgumentTypeError },
  ],
  unflattenParameters: [
    { label: 'a vector of the wrong length', args: () => [params(), new Float64Array(2)], error: ShapeError },
    { label: 'a plain array', args: () => [params(), [1, 2, 3]], error: ArgumentTypeError },
  ],
}, {
  exempt: {
    Optimizer: 'the abstract base class; its constructor and methods are checked through every rule above',
    LearningRateOptimizer: 'the abstract base of the rules with η; checked through them (Adam#lr above)',
  },
});
