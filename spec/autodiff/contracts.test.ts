/**
 * The contract table of autodiff: every runtime export of its index (and
 * Var's methods and grad setter) with bad inputs and the typed error each
 * must get, naming the function called; after each failed call every
 * argument, Vars' values and gradients included, is as it was (see
 * spec/harness/contracts.ts).
 *
 * Operands are checked alike by every op: a Var, a Tensor or a number; a
 * nested array, a string, a malformed tensor are not. Options objects are
 * plain objects with known keys only: `sum(x, 1)` is an ArgumentTypeError
 * (the axis belongs in `{ axis: 1 }`), `{ keepdims: true }` a ValueError.
 */
import * as ad from '../../src/autodiff/index.js';
import { Var } from '../../src/autodiff/index.js';
import type { LocalGradient } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import { Rng } from '../../src/random/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall, ContractTable } from '../harness/contracts.js';

type ErrorClass = BadCall['error'];

/** A fresh 2×3 leaf with a gradient already held (so that a change to it would show). */
function leaf(): Var {
  const x = ad.variable(linalg.tensor([1, 2, 3, 4, 5, 6], [2, 3]), 'x');
  x.grad = linalg.tensor([7, 7, 7, 7, 7, 7], [2, 3]);
  return x;
}

/** What is not an operand (a Var, a Tensor or a number), with the error each gets. */
const notOperands: readonly [string, () => unknown, ErrorClass][] = [
  ['a nested array', () => [[1, 2, 3], [4, 5, 6]], ArgumentTypeError],
  ['a plain array', () => [1, 2, 3], ArgumentTypeError],
  ['a string', () => '1', ArgumentTypeError],
  ['undefined', () => undefined, ArgumentTypeError],
  ['null', () => null, ArgumentTypeError],
  ['a boolean', () => true, ArgumentTypeError],
  ['a Float64Array', () => Float64Array.of(1, 2, 3), ArgumentTypeError],
  ['an empty object', () => ({}), ArgumentTypeError],
  ['a tensor with plain-array data', () => ({ shape: [3], data: [1, 2, 3] }), ArgumentTypeError],
  ['a tensor whose data does not fit its shape', () => ({ shape: [2, 2], data: Float64Array.of(1, 2, 3) }), ShapeError],
  ['a tensor with a negative dimension', () => ({ shape: [-1, -2], data: Float64Array.of(1, 2) }), ShapeError],
];

/** Each bad operand in the place of argument `at` of a call whose other arguments are `rest()`. */
function badOperands(at: number, rest: () => unknown[], what = at === 0 ? 'operand' : `argument ${at}`): BadCall[] {
  return notOperands.map(([label, value, error]) => ({
    label: `${what}: ${label}`,
    args: () => {
      const args = rest();
      args.splice(at, 0, value());
      return args;
    },
    error,
  }));
}

/** Bad options of a reduction, with x a fresh leaf. */
const badReduceOptions: BadCall[] = [
  { label: 'a number where the options belong (sum(x, 1))', args: () => [leaf(), 1], error: ArgumentTypeError },
  { label: 'an unknown option (keepdims)', args: () => [leaf(), { keepdims: true }], error: ValueError },
  { label: 'a fractional axis', args: () => [leaf(), { axis: 0.5 }], error: ValueError },
  { label: 'an axis as a string', args: () => [leaf(), { axis: '0' }], error: ArgumentTypeError },
  { label: 'an axis outside the rank', args: () => [leaf(), { axis: 2 }], error: ShapeError },
  { label: 'keepDims not a boolean', args: () => [leaf(), { keepDims: 1 }], error: ArgumentTypeError },
  { label: 'an array of axes', args: () => [leaf(), [0]], error: ArgumentTypeError },
];

const unaryOps = ['abs', 'cos', 'exp', 'log', 'sin', 'sqrt', 'relu', 'sigmoid', 'softplus', 'tanh', 'neg', 'transpose', 'lift'] as const;
const binaryOps = ['add', 'sub', 'mul', 'div', 'pow'] as const;

/** A custom op over x whose rule returns `rule()`, summed to a scalar, with x. */
function withRule(rule: () => unknown): () => unknown[] {
  return () => {
    const x = leaf();
    const y = ad.customOp('bad', linalg.clone(x.value), [x], rule as unknown as LocalGradient);
    return [ad.sum(ad.add(y, x)), x];
  };
}

const table: ContractTable = {
  ...Object.fromEntries(unaryOps.map((name) => [name, badOperands(0, () => [])])),
  ...Object.fromEntries(binaryOps.map((name) => [name, [
    ...badOperands(0, () => [leaf()], 'a'),
    ...badOperands(1, () => [leaf()], 'b'),
    { label: 'shapes that do not broadcast', args: () => [leaf(), linalg.zeros([2])], error: ShapeError },
  ]])),
  sum: [...badOperands(0, () => []), ...badReduceOptions],
  mean: [...badOperands(0, () => []), ...badReduceOptions, { label: 'nothing to average', args: [linalg.zeros([0])], error: ValueError }],
  max: [...badOperands(0, () => []), ...badReduceOptions, { label: 'nothing to compare', args: () => [linalg.zeros([2, 0]), { axis: 1 }], error: ValueError }],
  softmax: [
    ...badOperands(0, () => []),
    { label: 'axis in an options object', args: () => [leaf(), { axis: 0 }], error: ArgumentTypeError },
    { label: 'a fractional axis', args: () => [leaf(), 1.5], error: ValueError },
    { label: 'an axis outside the rank', args: () => [leaf(), -3], error: ShapeError },
  ],
  logSoftmax: [
    ...badOperands(0, () => []),
    { label: 'axis as a string', args: () => [leaf(), '1'], error: ArgumentTypeError },
    { label: 'an axis outside the rank', args: () => [leaf(), 2], error: ShapeError },
  ],
  matmul: [
    ...badOperands(0, () => [linalg.zeros([3, 2])], 'a'),
    ...badOperands(1, () => [leaf()], 'b'),
    { label: 'inner dimensions that differ', args: () => [leaf(), linalg.zeros([2, 2])], error: ShapeError },
    { label: 'a rank-3 operand', args: () => [linalg.zeros([1, 2, 3]), leaf()], error: ShapeError },
  ],
  bmm: [
    ...badOperands(0, () => [linalg.zeros([1, 3, 2])], 'a'),
    ...badOperands(1, () => [ad.variable(linalg.zeros([1, 2, 3]))], 'b'),
    { label: 'a matrix, not rank 3', args: () => [leaf(), linalg.zeros([1, 3, 2])], error: ShapeError },
    { label: 'batch sizes that differ', args: () => [ad.variable(linalg.zeros([2, 2, 3])), linalg.zeros([1, 3, 2])], error: ShapeError },
    { label: 'inner dimensions that differ under transB', args: () => [ad.variable(linalg.zeros([1, 2, 3])), linalg.zeros([1, 3, 2]), { transB: true }], error: ShapeError },
    { label: 'an unknown option', args: () => [ad.variable(linalg.zeros([1, 2, 3])), linalg.zeros([1, 3, 2]), { transpose: true }], error: ValueError },
  ],
  permute: [
    ...badOperands(0, () => [[1, 0]]),
    { label: 'axes not an array', args: () => [leaf(), 1], error: ArgumentTypeError },
    { label: 'too few axes', args: () => [leaf(), [0]], error: ShapeError },
    { label: 'a repeated axis', args: () => [leaf(), [0, 0]], error: ShapeError },
    { label: 'an axis outside the rank', args: () => [leaf(), [0, 2]], error: ShapeError },
    { label: 'a fractional axis', args: () => [leaf(), [0, 0.5]], error: ValueError },
  ],
  reshape: [
    ...badOperands(0, () => [[6]]),
    { label: 'a number where the shape belongs', args: () => [leaf(), 6], error: ArgumentTypeError },
    { label: 'a shape of another size', args: () => [leaf(), [4, 2]], error: ShapeError },
    { label: 'a fractional dimension', args: () => [leaf(), [1.5, 4]], error: ShapeError },
    { label: 'two inferred dimensions', args: () => [leaf(), [-1, -1]], error: ShapeError },
  ],
  concat: [
    { label: 'one Var instead of a list', args: () => [leaf()], error: ArgumentTypeError },
    { label: 'no parts', args: () => [[]], error: ValueError },
    { label: 'a nested array among the parts', args: () => [[leaf(), [[1, 2, 3]]]], error: ArgumentTypeError },
    { label: 'shapes that differ outside the axis', args: () => [[leaf(), linalg.zeros([3, 2])], 0], error: ShapeError },
    { label: 'a fractional axis', args: () => [[leaf(), leaf()], 0.5], error: ValueError },
    { label: 'an axis outside the rank', args: () => [[leaf(), leaf()], 2], error: ShapeError },
    // the parts are made inside the call: a snapshot of 50 000 references to one row would compare 2.5·10⁹ entries
    { label: 'a result of more than 2³¹ − 1 entries', call: () => ad.concat(Array<Tensor>(50_000).fill(linalg.zeros([1, 50_000]))), error: ValueError },
  ],
  indexSelect: [
    ...badOperands(0, () => [[0]]),
    { label: 'a Tensor of indices', args: () => [leaf(), linalg.tensor([0, 1], [2])], error: ArgumentTypeError },
    { label: 'one index as a number', args: () => [leaf(), 1], error: ArgumentTypeError },
    { label: 'a BigInt64Array of indices', args: () => [leaf(), BigInt64Array.of(0n)], error: ArgumentTypeError },
    { label: 'an index out of range', args: () => [leaf(), [0, 2]], error: ValueError },
    { label: 'a negative index', args: () => [leaf(), [-1]], error: ValueError },
    { label: 'a fractional index', args: () => [leaf(), [0.5]], error: ValueError },
    { label: 'an index as a string', args: () => [leaf(), ['0']], error: ArgumentTypeError },
    { label: 'an axis outside the rank', args: () => [leaf(), [0], 2], error: ShapeError },
    { label: 'a result of more than 2³¹ − 1 entries', args: () => [linalg.zeros([2, 50_000]), new Int32Array(50_000)], error: ValueError },
  ],
  slice: [
    ...badOperands(0, () => [0, 1]),
    { label: 'a fractional start', args: () => [leaf(), 0.5, 1], error: ValueError },
    { label: 'end past the axis', args: () => [leaf(), 0, 3], error: ValueError },
    { label: 'end before start', args: () => [leaf(), 2, 1], error: ValueError },
    { label: 'start as a string', args: () => [leaf(), '0', 1], error: ArgumentTypeError },
    { label: 'end missing', args: () => [leaf(), 0], error: ArgumentTypeError },
    { label: 'an axis outside the rank', args: () => [leaf(), 0, 1, -3], error: ShapeError },
  ],
  clamp: [
    ...badOperands(0, () => [0, 1]),
    { label: 'lo > hi', args: () => [leaf(), 1, 0], error: ValueError },
    { label: 'lo NaN', args: () => [leaf(), NaN, 0], error: ValueError },
    { label: 'hi as a string', args: () => [leaf(), 0, '1'], error: ArgumentTypeError },
    { label: 'hi missing', args: () => [leaf(), 0], error: ArgumentTypeError },
  ],
  leakyRelu: [
    ...badOperands(0, () => [0.1]),
    { label: 'alpha NaN', args: () => [leaf(), NaN], error: ValueError },
    { label: 'alpha infinite', args: () => [leaf(), Infinity], error: ValueError },
    { label: 'alpha as a string', args: () => [leaf(), '0.1'], error: ArgumentTypeError },
  ],
  sigmoidOf: [
    { label: 'a string', args: ['1'], error: ArgumentTypeError },
    { label: 'undefined', args: [], error: ArgumentTypeError },
    { label: 'a Tensor (the op is sigmoid)', args: () => [linalg.scalar(1)], error: ArgumentTypeError },
  ],
  where: [
    { label: 'a nested-array condition', args: () => [[[1, 0, 1], [0, 1, 0]], leaf(), 0], error: ArgumentTypeError },
    { label: 'a Var as the condition', args: () => [ad.constant(linalg.ones([2, 3])), leaf(), 0], error: ArgumentTypeError },
    { label: 'a condition that does not broadcast to x', args: () => [linalg.ones([2]), leaf(), 0], error: ShapeError },
    { label: 'a condition larger than x', args: () => [linalg.ones([4, 2, 3]), leaf(), 0], error: ShapeError },
    { label: 'fill NaN', args: () => [linalg.ones([2, 3]), leaf(), NaN], error: ValueError },
    { label: 'fill as a string', args: () => [linalg.ones([2, 3]), leaf(), '0'], error: ArgumentTypeError },
    ...badOperands(1, () => [linalg.ones([2, 3]), 0], 'x'),
  ],
  dropoutMask: [
    { label: 'p = 1', args: () => [[2], 1, new Rng(1)], error: ValueError },
    { label: 'p < 0', args: () => [[2], -0.1, new Rng(1)], error: ValueError },
    { label: 'p NaN', args: () => [[2], NaN, new Rng(1)], error: ValueError },
    { label: 'no rng', args: () => [[2], 0.5], error: ArgumentTypeError },
    { label: 'a seed instead of an rng', args: () => [[2], 0.5, 1], error: ArgumentTypeError },
    { label: 'a number where the shape belongs', args: () => [2, 0.5, new Rng(1)], error: ArgumentTypeError },
    { label: 'a negative dimension', args: () => [[-2], 0.5, new Rng(1)], error: ShapeError },
    { label: 'a shape of more than 2³¹ − 1 entries', args: () => [[1e6, 1e6], 0.5, new Rng(1)], error: ValueError },
  ],
  sumToShape: [
    { label: 'a nested-array gradient', args: [[[1, 2]], [2]], error: ArgumentTypeError },
    { label: 'a Var as the gradient', args: () => [leaf(), [3]], error: ArgumentTypeError },
    { label: 'a shape that does not broadcast', args: () => [linalg.zeros([2, 3]), [2]], error: ShapeError },
    { label: 'a larger rank', args: () => [linalg.zeros([3]), [1, 3]], error: ShapeError },
    { label: 'a shape as a number', args: () => [linalg.zeros([3]), 3], error: ArgumentTypeError },
    { label: 'a fractional dimension', args: () => [linalg.zeros([3]), [1.5]], error: ShapeError },
  ],
  Var: [
    { label: 'a nested-array value', args: [[[1, 2]]], error: ArgumentTypeError },
    { label: 'no value', args: [], error: ArgumentTypeError },
    { label: 'a malformed tensor', args: () => [{ shape: [3], data: Float64Array.of(1, 2) }], error: ShapeError },
    { label: 'an unknown option (requiresgrad)', args: () => [linalg.zeros([2]), { requiresgrad: false }], error: ValueError },
    { label: 'requiresGrad not a boolean', args: () => [linalg.zeros([2]), { requiresGrad: 'no' }], error: ArgumentTypeError },
    { label: 'a boolean where the options belong', args: () => [linalg.zeros([2]), false], error: ArgumentTypeError },
    { label: 'a name that is not a string', args: () => [linalg.zeros([2]), { name: 3 }], error: ArgumentTypeError },
    { label: 'a node that is a string', args: () => [linalg.zeros([2]), {}, 'mul'], error: ArgumentTypeError },
    { label: 'a node whose inputs are not Vars', args: () => [linalg.zeros([2]), {}, { op: 'f', inputs: [linalg.zeros([2])], local: () => [null] }], error: ArgumentTypeError },
    { label: 'a node without a rule', args: () => [linalg.zeros([2]), {}, { op: 'f', inputs: [leaf()] }], error: ArgumentTypeError },
  ],
  'Var#grad': [
    { label: 'a gradient of another shape', call: (x: Var, g: unknown) => { x.grad = g as Tensor; }, args: () => [leaf(), linalg.zeros([3])], error: ShapeError },
    { label: 'a nested array', call: (x: Var, g: unknown) => { x.grad = g as Tensor; }, args: () => [leaf(), [[0, 0, 0], [0, 0, 0]]], error: ArgumentTypeError },
    { label: 'null', call: (x: Var, g: unknown) => { x.grad = g as Tensor; }, args: () => [leaf(), null], error: ArgumentTypeError },
  ],
  'Var#item': [
    { label: 'more than one entry', call: (x: Var) => x.item(), args: () => [leaf()], error: ShapeError },
  ],
  'Var#backward': [
    { label: 'a non-scalar output without a seed', call: (y: Var) => y.backward(), args: () => [ad.mul(leaf(), 2)], error: ValueError },
    { label: 'a seed of another shape', call: (y: Var, s: unknown) => y.backward(s as Tensor), args: () => [ad.mul(leaf(), 2), linalg.zeros([3])], error: ShapeError },
    { label: 'a nested-array seed', call: (y: Var, s: unknown) => y.backward(s as Tensor), args: () => [ad.mul(leaf(), 2), [[1, 1, 1], [1, 1, 1]]], error: ArgumentTypeError },
    { label: 'a NaN seed', call: (y: Var, s: unknown) => y.backward(s as number), args: () => [ad.mul(leaf(), 2), NaN], error: ValueError },
    { label: 'a seed with an infinite entry', call: (y: Var, s: unknown) => y.backward(s as Tensor), args: () => [ad.sum(leaf()), linalg.scalar(Infinity)], error: ValueError },
    { label: 'an output that needs no gradient', call: (y: Var) => y.backward(), args: () => [ad.sum(ad.constant([1, 2]))], error: ValueError },
    { label: 'a rule that returns a Tensor, not a list', call: (y: Var) => y.backward(), args: withRule(() => linalg.zeros([2, 3])), error: ArgumentTypeError },
    { label: 'a rule that returns two gradients for one input', call: (y: Var) => y.backward(), args: withRule(() => [linalg.zeros([2, 3]), null]), error: ValueError },
    { label: 'a rule that returns no gradient list entry', call: (y: Var) => y.backward(), args: withRule(() => []), error: ValueError },
    { label: 'a rule that returns a nested array', call: (y: Var) => y.backward(), args: withRule(() => [[[0, 0, 0], [0, 0, 0]]]), error: ArgumentTypeError },
    { label: 'a rule that returns undefined for an input', call: (y: Var) => y.backward(), args: withRule(() => [undefined]), error: ArgumentTypeError },
    { label: 'a rule that returns a gradient of another shape', call: (y: Var) => y.backward(), args: withRule(() => [linalg.zeros([3, 2])]), error: ShapeError },
    { label: 'a rule that returns a malformed tensor', call: (y: Var) => y.backward(), args: withRule(() => [{ shape: [2, 3], data: new Float64Array(5) }]), error: ShapeError },
  ],
  backward: [
    { label: 'a Tensor as the root', args: () => [linalg.scalar(1)], error: ArgumentTypeError },
    { label: 'no root', args: [], error: ArgumentTypeError },
    { label: 'a root that needs no gradient', args: () => [ad.constant(1)], error: ValueError },
    { label: 'a seed of another shape', args: () => [ad.mul(leaf(), 2), linalg.zeros([6])], error: ShapeError },
    { label: 'a seed as a string', args: () => [ad.sum(leaf()), '1'], error: ArgumentTypeError },
    { label: 'a rule that returns a gradient of another shape', call: (y: Var) => ad.backward(y), args: withRule(() => [linalg.zeros([6])]), error: ShapeError },
  ],
  topologicalOrder: [
    { label: 'a Tensor as the root', args: () => [linalg.scalar(1)], error: ArgumentTypeError },
    { label: 'no root', args: [], error: ArgumentTypeError },
    { label: 'a list of Vars', args: () => [[leaf()]], error: ArgumentTypeError },
  ],
  variable: [
    { label: 'undefined', args: [], error: ArgumentTypeError },
    { label: 'a string', args: ['1'], error: ArgumentTypeError },
    { label: 'a ragged nested array', args: [[[1, 2], [3]]], error: ShapeError },
    { label: 'a Var', args: () => [leaf()], error: ArgumentTypeError },
    { label: 'a malformed tensor', args: () => [{ shape: [2], data: Float64Array.of(1) }], error: ShapeError },
    { label: 'a name that is not a string', args: [[1, 2], 7], error: ArgumentTypeError },
  ],
  constant: [
    { label: 'null', args: [null], error: ArgumentTypeError },
    { label: 'a Float64Array', args: () => [Float64Array.of(1, 2)], error: ArgumentTypeError },
    { label: 'a ragged nested array', args: [[[1], [2, 3]]], error: ShapeError },
    { label: 'a name that is not a string', args: [1, { name: 'c' }], error: ArgumentTypeError },
  ],
  customOp: [
    { label: 'an op name that is not a string', args: () => [3, linalg.zeros([2]), [leaf()], () => [null]], error: ArgumentTypeError },
    { label: 'a nested-array value', args: () => ['f', [1, 2], [leaf()], () => [null]], error: ArgumentTypeError },
    { label: 'one Var instead of a list of inputs', args: () => ['f', linalg.zeros([2]), leaf(), () => [null]], error: ArgumentTypeError },
    { label: 'a Tensor among the inputs', args: () => ['f', linalg.zeros([2]), [leaf(), linalg.zeros([2])], () => [null, null]], error: ArgumentTypeError },
    { label: 'a rule that is not a function', args: () => ['f', linalg.zeros([2]), [leaf()], [null]], error: ArgumentTypeError },
  ],
  detach: [
    { label: 'a Tensor', args: () => [linalg.zeros([2])], error: ArgumentTypeError },
    { label: 'undefined', args: [], error: ArgumentTypeError },
  ],
  noGrad: [
    { label: 'a Var instead of a function', args: () => [leaf()], error: ArgumentTypeError },
    { label: 'undefined', args: [], error: ArgumentTypeError },
  ],
  zeroGrad: [
    { label: 'one Var instead of a list', args: () => [leaf()], error: ArgumentTypeError },
    { label: 'a list holding a Tensor after a Var (no gradient zeroed)', args: () => [[leaf(), linalg.zeros([2])]], error: ArgumentTypeError },
    { label: 'undefined', args: [], error: ArgumentTypeError },
    { label: 'a string', args: ['x'], error: ArgumentTypeError },
  ],
  gradCheck: gradCheckCalls(),
  numericGradient: gradCheckCalls(),
};

/** Bad calls of gradCheck and numericGradient (the same contract); the inputs are Vars with gradients held. */
function gradCheckCalls(): BadCall[] {
  const f = (x: Var): Var => ad.sum(ad.mul(x, x));
  let calls = 0;
  const changing = (x: Var): Var => (calls++ % 2 === 0 ? ad.sum(x) : ad.mul(x, 1)); // returns [] then [2, 3]
  return [
    { label: 'f not a function', args: () => [leaf(), [leaf()]], error: ArgumentTypeError },
    { label: 'one input instead of a list', args: () => [f, leaf()], error: ArgumentTypeError },
    { label: 'a nested array among the inputs', args: () => [f, [[[1, 2]]]], error: ArgumentTypeError },
    { label: 'a malformed tensor among the inputs', args: () => [f, [{ shape: [2], data: new Float64Array(3) }]], error: ShapeError },
    { label: 'a number where the options belong', args: () => [f, [leaf()], 1e-6], error: ArgumentTypeError },
    { label: 'an unknown option (tol)', args: () => [f, [leaf()], { tol: 1e-6 }], error: ValueError },
    { label: 'eps = 0', args: () => [f, [leaf()], { eps: 0 }], error: ValueError },
    { label: 'eps NaN', args: () => [f, [leaf()], { eps: NaN }], error: ValueError },
    { label: 'atol < 0', args: () => [f, [leaf()], { atol: -1 }], error: ValueError },
    { label: 'rtol as a string', args: () => [f, [leaf()], { rtol: '1e-5' }], error: ArgumentTypeError },
    { label: 'a fractional seed', args: () => [f, [leaf()], { seed: 0.5 }], error: ValueError },
    { label: 'f returns a number', args: () => [() => 3, [leaf()]], error: ArgumentTypeError },
    { label: 'f returns a Tensor', args: () => [(x: Var) => x.value, [leaf()]], error: ArgumentTypeError },
    { label: 'f returns outputs of changing shapes', args: () => [changing, [leaf()]], error: ShapeError },
  ];
}

contractSpec('autodiff', ad, table, {
  exempt: { isGradEnabled: 'takes no arguments; noGrad is checked' },
});
