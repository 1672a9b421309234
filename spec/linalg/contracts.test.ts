/**
 * The contract table of linalg: every runtime export of src/linalg/index.ts
 * with bad calls, each with the typed error it must get (spec/harness/contracts.ts
 * checks the class, that the message names the function called, that every
 * argument is unchanged afterwards, and that nothing hangs).
 *
 * Every Tensor argument gets the usual bad values (BAD_TENSORS: a nested
 * array, a number, undefined, a typed array, data that is not a Float64Array,
 * data.length ≠ Π shape, a negative or fractional shape); then each export
 * its own: shapes that do not fit, NaN or ∞ where a decomposition refuses
 * them, bad and unknown options, integers out of range, shapes too large to
 * allocate (more than MAX_TENSOR_SIZE entries), a number where the options
 * object belongs.
 */
import { Rng } from '../../src/random/index.js';
import * as linalg from '../../src/linalg/index.js';
import {
  ArgumentTypeError, ConvergenceError, NotPositiveDefiniteError, ShapeError, SingularMatrixError, ValueError, fromArray, zeros,
} from '../../src/linalg/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall, ContractTable } from '../harness/contracts.js';

type ErrorClass = BadCall['error'];

/** The usual bad values for a Tensor argument, and the error each must get. */
const BAD_TENSORS: readonly [string, () => unknown, ErrorClass][] = [
  ['a nested array', () => [[2, 0], [0, 2]], ArgumentTypeError],
  ['a number', () => 3, ArgumentTypeError],
  ['undefined', () => undefined, ArgumentTypeError],
  ['a Float64Array', () => Float64Array.of(1, 2), ArgumentTypeError],
  ['data a plain array', () => ({ shape: [2], data: [1, 2] }), ArgumentTypeError],
  ['data.length ≠ Π shape', () => ({ shape: [2, 2], data: Float64Array.of(4, 1, 1) }), ShapeError],
  ['a negative shape', () => ({ shape: [-2, -2], data: new Float64Array(4) }), ShapeError],
  ['a fractional shape', () => ({ shape: [1.5, 2], data: new Float64Array(3) }), ShapeError],
];

/** The bad Tensor values for argument `position` of `make()`, one bad call each. */
function badTensors(make: () => unknown[], position: number, name: string, options: { names?: string; skip?: string[] } = {}): BadCall[] {
  return BAD_TENSORS.filter(([label]) => !(options.skip ?? []).includes(label)).map(([label, value, error]) => ({
    label: `${name} is ${label}`,
    args: () => {
      const args = make();
      args[position] = value();
      return args;
    },
    error,
    ...(options.names === undefined ? {} : { names: options.names }),
  }));
}

/** A call with fresh arguments. */
const call = (label: string, args: () => unknown[], error: ErrorClass, names?: string): BadCall =>
  names === undefined ? { label, args, error } : { label, args, error, names };

// Fresh operands (a call may not change them, and the spec checks that it does not).
const spd = () => fromArray([[4, 2], [2, 3]]);
const vec = () => fromArray([1, 2]);
const withNaN = () => fromArray([[1, NaN], [NaN, 1]]);
const withInf = () => fromArray([[1, 0], [0, Infinity]]);
const nonSymmetric = () => fromArray([[1, 2], [3, 4]]);
const singular = () => fromArray([[1, 2], [2, 4]]);
const rank3 = () => zeros([2, 2, 2]);
/** A 6×6 symmetric matrix that Jacobi cannot diagonalise in one sweep. */
const hard = () => {
  const rng = new Rng(5), n = 6, a = zeros([n, n]);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a.data[i * n + j] = a.data[j * n + i] = rng.normal();
  return a;
};
const BIG = 100_000; // BIG² = 1e10 entries > MAX_TENSOR_SIZE

/** The bad calls shared by functions of one square matrix A (lu, det, inv, …). */
const squareMatrixCalls = (make: () => unknown[]): BadCall[] => [
  ...badTensors(make, 0, 'A'),
  call('A is 2×3', () => [zeros([2, 3]), ...make().slice(1)], ShapeError),
  call('A is a vector', () => [vec(), ...make().slice(1)], ShapeError),
  call('A is empty (0×0)', () => [zeros([0, 0]), ...make().slice(1)], ValueError),
  call('A has NaN', () => [withNaN(), ...make().slice(1)], ValueError),
  call('A has ∞', () => [withInf(), ...make().slice(1)], ValueError),
];

/** The bad calls of a right-hand side b at `position` (A is 2×2). */
const rhsCalls = (make: () => unknown[], position: number): BadCall[] => {
  const replace = (b: unknown) => () => { const args = make(); args[position] = b; return args; };
  return [
    ...badTensors(make, position, 'b'),
    call('b has 3 rows for a 2×2 A', replace(fromArray([1, 2, 3])), ShapeError),
    call('b is rank 3', replace(zeros([2, 1, 1])), ShapeError),
    call('b has NaN', replace(fromArray([1, NaN])), ValueError),
  ];
};

/** An options argument: a number, an unknown key, a non-object. */
const optionCalls = (make: (options: unknown) => unknown[], unknownKey: string): BadCall[] => [
  call(`unknown option ${unknownKey}`, () => make({ [unknownKey]: true }), ValueError),
  call('options a number', () => make(1), ArgumentTypeError),
  call('options a string', () => make('full'), ArgumentTypeError),
  call('options an array', () => make([]), ArgumentTypeError),
];

/** The bad calls of a reduction f(t, options). */
const reductionCalls = (name: string, empty: boolean): BadCall[] => [
  ...badTensors(() => [nonSymmetric()], 0, 't'),
  call('a number where the options belong: f(t, 1)', () => [nonSymmetric(), 1], ArgumentTypeError, `write ${name}(t, { axis: 1 })`),
  call('unknown option keepdims', () => [nonSymmetric(), { axis: 0, keepdims: true }], ValueError),
  call('axis 2 of a matrix', () => [nonSymmetric(), { axis: 2 }], ShapeError),
  call('axis −3 of a matrix', () => [nonSymmetric(), { axis: -3 }], ShapeError),
  call('axis 0.5', () => [nonSymmetric(), { axis: 0.5 }], ShapeError),
  call('axis a string', () => [nonSymmetric(), { axis: '0' }], ArgumentTypeError),
  call('keepDims 1', () => [nonSymmetric(), { axis: 0, keepDims: 1 }], ArgumentTypeError),
  call('keepDims without an axis', () => [nonSymmetric(), { keepDims: true }], ValueError),
  ...(empty
    ? [
      call('an empty tensor', () => [zeros([0])], ValueError),
      call('an empty axis', () => [zeros([2, 0]), { axis: 1 }], ValueError),
    ]
    : []),
];

/** The bad calls of an element-wise binary op f(a, b), where a number is a valid operand. */
const binaryCalls = (): BadCall[] => [
  ...badTensors(() => [vec(), vec()], 0, 'a', { skip: ['a number'] }),
  ...badTensors(() => [vec(), vec()], 1, 'b', { skip: ['a number'] }),
  call('a is a string', () => ['3', vec()], ArgumentTypeError),
  call('b is a bigint', () => [vec(), 3n], ArgumentTypeError),
  call('shapes [2, 3] and [2] do not broadcast', () => [zeros([2, 3]), vec()], ShapeError),
  call('a broadcast result larger than MAX_TENSOR_SIZE', () => [zeros([BIG, 1]), zeros([1, BIG])], ValueError),
];

/** The bad calls of an element-wise unary op f(t). */
const unaryCalls = (): BadCall[] => badTensors(() => [vec()], 0, 't');

/** The bad calls of a function that takes a shape at `position`. */
const shapeCalls = (make: () => unknown[], position: number, tooLarge = true): BadCall[] => {
  const replace = (shape: unknown) => () => { const args = make(); args[position] = shape; return args; };
  return [
    call('shape a number', replace(3), ArgumentTypeError),
    call('shape undefined', replace(undefined), ArgumentTypeError),
    call('shape a string', replace('2,3'), ArgumentTypeError),
    call('shape with a string entry', replace([2, '3']), ArgumentTypeError),
    call('shape with a negative dimension', replace([2, -1]), ShapeError),
    call('shape with a fractional dimension', replace([1.5]), ShapeError),
    call('shape with NaN', replace([NaN]), ShapeError),
    ...(tooLarge ? [call('shape larger than MAX_TENSOR_SIZE', replace([BIG, BIG]), ValueError)] : []),
  ];
};

const rng = () => new Rng(1);

const table: ContractTable = {
  // constructors and conversions
  sizeOf: shapeCalls(() => [[2]], 0, false),
  tensor: [
    call('data a string', () => ['abcdef', [2, 3]], ArgumentTypeError),
    call('data with a string entry', () => [[1, 'x'], [2]], ArgumentTypeError),
    call('data a nested array', () => [[[1, 2], [3, 4]], [2, 2]], ArgumentTypeError),
    call('data a Float32Array', () => [Float32Array.of(1, 2), [2]], ArgumentTypeError),
    call('data undefined', () => [undefined, [2]], ArgumentTypeError),
    call('3 entries for shape [2, 2]', () => [[1, 2, 3], [2, 2]], ShapeError),
    call('a Float64Array of 3 for shape [2, 2]', () => [Float64Array.of(1, 2, 3), [2, 2]], ShapeError),
    ...shapeCalls(() => [[1, 2], [2]], 1, false),
  ],
  full: [
    ...shapeCalls(() => [[2], 0], 0),
    call('value a string', () => [[2], '1'], ArgumentTypeError),
    call('value undefined', () => [[2]], ArgumentTypeError),
  ],
  zeros: [...shapeCalls(() => [[2]], 0), call('2³¹ entries', () => [[2 ** 31]], ValueError)],
  ones: shapeCalls(() => [[2]], 0),
  scalar: [
    call('a string', () => ['5'], ArgumentTypeError),
    call('undefined', () => [], ArgumentTypeError),
    call('an array', () => [[5]], ArgumentTypeError),
    call('a bigint', () => [5n], ArgumentTypeError),
  ],
  eye: [
    call('n fractional', () => [2.5], ValueError),
    call('n negative', () => [-1], ValueError),
    call('n NaN', () => [NaN], ValueError),
    call('n a string', () => ['2'], ArgumentTypeError),
    call('m fractional', () => [2, 1.5], ValueError),
    call('n·m larger than MAX_TENSOR_SIZE', () => [BIG, BIG], ValueError),
  ],
  randn: [
    ...shapeCalls(() => [[2], rng()], 0),
    call('no rng', () => [[2, 2]], ArgumentTypeError),
    call('rng a seed', () => [[2], 42], ArgumentTypeError),
    call('std < 0', () => [[2], rng(), 0, -1], ValueError),
    call('mean NaN', () => [[2], rng(), NaN], ValueError),
    call('mean a string', () => [[2], rng(), '0'], ArgumentTypeError),
  ],
  rand: [
    ...shapeCalls(() => [[2], rng()], 0),
    call('no rng', () => [[2, 2]], ArgumentTypeError),
    call('low > high', () => [[2], rng(), 1, 0], ValueError),
    call('high ∞', () => [[2], rng(), 0, Infinity], ValueError),
    call('low a string', () => [[2], rng(), '0'], ArgumentTypeError),
  ],
  fromArray: [
    call('a string', () => ['abc'], ArgumentTypeError),
    call('undefined', () => [], ArgumentTypeError),
    call('a Float64Array', () => [Float64Array.of(1, 2)], ArgumentTypeError),
    call('an object', () => [{ 0: 1, length: 1 }], ArgumentTypeError),
    call('a string entry', () => [[1, '2']], ArgumentTypeError),
    call('a null entry', () => [[[1, 2], [null, 4]]], ArgumentTypeError),
    call('ragged rows', () => [[[1, 2], [3]]], ShapeError),
    call('a number where a row belongs', () => [[[1, 2], 3]], ShapeError),
    call('an array where a number belongs', () => [[1, [2]]], ShapeError),
    call('nested 65 deep', () => [Array.from({ length: 64 }).reduce<unknown>((inner) => [inner], [1])], ShapeError),
  ],
  toArray: badTensors(() => [vec()], 0, 't'),
  clone: badTensors(() => [vec()], 0, 't'),
  reshape: [
    ...badTensors(() => [vec(), [2, 1]], 0, 't'),
    call('4 entries as [3]', () => [nonSymmetric(), [3]], ShapeError),
    call('two −1', () => [nonSymmetric(), [-1, -1]], ShapeError),
    call('−1 that does not divide', () => [nonSymmetric(), [3, -1]], ShapeError),
    call('shape a number', () => [nonSymmetric(), 4], ArgumentTypeError),
    call('shape with a string', () => [nonSymmetric(), [2, 'a']], ArgumentTypeError),
    call('shape with −2', () => [nonSymmetric(), [-2, -2]], ShapeError),
    call('shape with a fraction', () => [nonSymmetric(), [0.5, 8]], ShapeError),
  ],
  sameShape: [
    call('a a string', () => ['ab', [1]], ArgumentTypeError),
    call('b undefined', () => [[1]], ArgumentTypeError),
    call('b negative', () => [[1], [-1]], ShapeError),
  ],

  // argument checks (their messages name the caller's function, here 'f')
  assertTensor: badTensors(() => [vec(), 'x', 'f'], 0, 'x', { names: 'f: x' }),
  assertShape: shapeCalls(() => [[2], 'shape', 'f'], 0, false).map((bad) => ({ ...bad, names: 'f: shape' })),
  assertMatrix: [
    ...badTensors(() => [spd(), 'A', 'f'], 0, 'A', { names: 'f: A' }),
    call('a vector', () => [vec(), 'A', 'f'], ShapeError, 'f: A must be a matrix'),
    call('rank 3', () => [rank3(), 'A', 'f'], ShapeError, 'f: A must be a matrix'),
  ],
  assertSquare: [
    ...badTensors(() => [spd(), 'A', 'f'], 0, 'A', { names: 'f: A' }),
    call('2×3', () => [zeros([2, 3]), 'A', 'f'], ShapeError, 'f: A must be a square matrix'),
    call('a vector', () => [vec(), 'A', 'f'], ShapeError, 'f: A must be a matrix'),
  ],
  assertVector: [
    ...badTensors(() => [vec(), 'x', 'f'], 0, 'x', { names: 'f: x' }),
    call('a matrix', () => [spd(), 'x', 'f'], ShapeError, 'f: x must be a vector'),
  ],
  assertFinite: [
    ...badTensors(() => [vec(), 'x', 'f'], 0, 'x', { names: 'f: x' }),
    call('NaN', () => [withNaN(), 'x', 'f'], ValueError, 'f: x must have finite entries'),
    call('∞', () => [withInf(), 'x', 'f'], ValueError, 'f: x must have finite entries'),
  ],
  assertSameShape: [
    ...badTensors(() => [vec(), vec(), 'f'], 0, 'a', { names: 'f: a' }),
    ...badTensors(() => [vec(), vec(), 'f'], 1, 'b', { names: 'f: b' }),
    call('[2] and [2, 2]', () => [vec(), spd(), 'f'], ShapeError, 'f: shapes must match'),
  ],

  format: [
    ...badTensors(() => [spd()], 0, 't'),
    ...optionCalls((options) => [spd(), options], 'digits'),
    call('precision −1', () => [spd(), { precision: -1 }], ValueError),
    call('precision 1.5', () => [spd(), { precision: 1.5 }], ValueError),
    call('precision 21', () => [spd(), { precision: 21 }], ValueError),
    call('precision a string', () => [spd(), { precision: '2' }], ArgumentTypeError),
    call('edgeItems 0', () => [spd(), { edgeItems: 0 }], ValueError),
    call('threshold −1', () => [spd(), { threshold: -1 }], ValueError),
  ],

  // element-wise
  broadcastShapes: [
    call('[2, 3] and [2]', () => [[2, 3], [2]], ShapeError),
    call('a a string', () => ['a', [1]], ArgumentTypeError),
    call('b negative', () => [[1], [-1]], ShapeError),
    call('b undefined', () => [[1]], ArgumentTypeError),
  ],
  broadcastIndex: [
    call('[2] into [3]', () => [[2], [3]], ShapeError),
    call('[2, 3] into [3] (the result would be larger)', () => [[2, 3], [3]], ShapeError),
    call('shape a string', () => ['x', [1]], ArgumentTypeError),
    call('out fractional', () => [[1], [1.5]], ShapeError),
    call('out larger than MAX_TENSOR_SIZE', () => [[1], [BIG, BIG]], ValueError),
  ],
  zipWith: [
    ...badTensors(() => [vec(), vec(), (x: number, y: number) => x + y], 0, 'a', { skip: ['a number'] }),
    ...badTensors(() => [vec(), vec(), (x: number, y: number) => x + y], 1, 'b', { skip: ['a number'] }),
    call('op missing', () => [vec(), vec()], ArgumentTypeError),
    call('op a string', () => [vec(), vec(), '+'], ArgumentTypeError),
    call('shapes that do not broadcast', () => [zeros([2, 3]), vec(), (x: number) => x], ShapeError),
  ],
  add: binaryCalls(),
  sub: binaryCalls(),
  mul: binaryCalls(),
  div: binaryCalls(),
  pow: binaryCalls(),
  maximum: binaryCalls(),
  minimum: binaryCalls(),
  map: [
    ...badTensors(() => [vec(), (x: number) => x], 0, 't'),
    call('f missing', () => [vec()], ArgumentTypeError),
    call('f a number', () => [vec(), 2], ArgumentTypeError),
  ],
  scale: [
    ...badTensors(() => [vec(), 2], 0, 't'),
    call('c a string', () => [vec(), '2'], ArgumentTypeError),
    call('c missing', () => [vec()], ArgumentTypeError),
  ],
  neg: unaryCalls(),
  abs: unaryCalls(),
  exp: unaryCalls(),
  log: unaryCalls(),
  sqrt: unaryCalls(),
  square: unaryCalls(),
  addScaledInto: [
    ...badTensors(() => [vec(), vec(), 2], 0, 'out'),
    ...badTensors(() => [vec(), vec(), 2], 1, 'x'),
    call('shapes [2] and [2, 2]', () => [vec(), spd()], ShapeError),
    call('shapes [2, 2] and [2] (no broadcasting into out)', () => [spd(), vec()], ShapeError),
    call('c a string', () => [vec(), vec(), '2'], ArgumentTypeError),
  ],

  // reductions
  splitAxis: [
    call('axis 2 of [2, 3]', () => [[2, 3], 2, 'f'], ShapeError, 'f: axis 2'),
    call('axis 0.5', () => [[2, 3], 0.5, 'f'], ShapeError, 'f: axis 0.5'),
    call('axis a string', () => [[2, 3], '1', 'f'], ArgumentTypeError, 'f: axis'),
    call('axis of a scalar shape', () => [[], 0, 'f'], ShapeError, 'f: axis 0'),
    call('shape a string', () => ['x', 0, 'f'], ArgumentTypeError, 'f: shape'),
  ],
  sum: reductionCalls('sum', false),
  mean: reductionCalls('mean', true),
  max: reductionCalls('max', true),
  min: reductionCalls('min', true),
  argmax: reductionCalls('argmax', true),

  // products
  matmul: [
    ...badTensors(() => [spd(), spd()], 0, 'a'),
    ...badTensors(() => [spd(), spd()], 1, 'b'),
    call('inner dimensions 2 and 3', () => [spd(), zeros([3, 2])], ShapeError),
    call('a of rank 3', () => [rank3(), spd()], ShapeError),
    call('b a scalar', () => [spd(), linalg.scalar(2)], ShapeError),
    call('a result larger than MAX_TENSOR_SIZE', () => [zeros([BIG, 1]), zeros([1, BIG])], ValueError),
  ],
  matmulInto: [
    ...badTensors(() => [zeros([2, 2]), spd(), spd()], 0, 'out'),
    ...badTensors(() => [zeros([2, 2]), spd(), spd()], 1, 'a'),
    ...badTensors(() => [zeros([2, 2]), spd(), spd()], 2, 'b'),
    call('out 3×3 for a 2×2 product', () => [zeros([3, 3]), spd(), spd()], ShapeError),
    call('a a vector', () => [zeros([2, 2]), vec(), spd()], ShapeError),
    call('out is a', () => { const a = spd(); return [a, a, spd()]; }, ValueError),
    call('out overlaps b', () => { const b = spd(); return [{ shape: [2, 2], data: b.data }, spd(), b]; }, ValueError),
  ],
  matmulTransA: [
    ...badTensors(() => [spd(), spd()], 0, 'a'),
    ...badTensors(() => [spd(), spd()], 1, 'b'),
    call('rows 2 and 3', () => [spd(), zeros([3, 2])], ShapeError),
    call('a a vector', () => [vec(), spd()], ShapeError),
    call('a result larger than MAX_TENSOR_SIZE', () => [zeros([1, BIG]), zeros([1, BIG])], ValueError),
  ],
  matmulTransB: [
    ...badTensors(() => [spd(), spd()], 0, 'a'),
    ...badTensors(() => [spd(), spd()], 1, 'b'),
    call('columns 2 and 3', () => [spd(), zeros([2, 3])], ShapeError),
    call('b a vector', () => [spd(), vec()], ShapeError),
    call('a result larger than MAX_TENSOR_SIZE', () => [zeros([BIG, 1]), zeros([BIG, 1])], ValueError),
  ],
  transpose: [...badTensors(() => [spd()], 0, 'a'), call('rank 3', () => [rank3()], ShapeError)],
  bmm: [
    ...badTensors(() => [rank3(), rank3()], 0, 'a'),
    ...badTensors(() => [rank3(), rank3()], 1, 'b'),
    call('a matrix, not rank 3', () => [spd(), rank3()], ShapeError),
    call('batch sizes 2 and 3', () => [rank3(), zeros([3, 2, 2])], ShapeError),
    call('inner dimensions 2 and 3', () => [rank3(), zeros([2, 3, 2])], ShapeError),
    call('transB making the inner dimensions differ', () => [zeros([2, 2, 3]), zeros([2, 3, 2]), { transB: true }], ShapeError),
    call('transA not a boolean', () => [rank3(), rank3(), { transA: 1 }], ArgumentTypeError),
    call('an unknown option', () => [rank3(), rank3(), { trans: true }], ValueError),
  ],
  dot: [
    ...badTensors(() => [vec(), vec()], 0, 'a'),
    ...badTensors(() => [vec(), vec()], 1, 'b'),
    call('a matrix', () => [spd(), vec()], ShapeError),
    call('lengths 2 and 3', () => [vec(), fromArray([1, 2, 3])], ShapeError),
  ],
  outer: [
    ...badTensors(() => [vec(), vec()], 0, 'a'),
    ...badTensors(() => [vec(), vec()], 1, 'b'),
    call('b a matrix', () => [vec(), spd()], ShapeError),
    call('a result larger than MAX_TENSOR_SIZE', () => [zeros([BIG]), zeros([BIG])], ValueError),
  ],

  // norms
  norm1: [...badTensors(() => [vec()], 0, 'x'), call('a matrix', () => [spd()], ShapeError), call('a scalar', () => [linalg.scalar(1)], ShapeError)],
  norm2: [...badTensors(() => [vec()], 0, 'x'), call('a matrix', () => [spd()], ShapeError), call('rank 3', () => [rank3()], ShapeError)],
  normInf: [...badTensors(() => [vec()], 0, 'x'), call('a matrix', () => [spd()], ShapeError)],
  frobenius: badTensors(() => [spd()], 0, 't'),
  sumAbs: badTensors(() => [spd()], 0, 't'),
  maxAbs: badTensors(() => [spd()], 0, 't'),
  spectralNorm: [...badTensors(() => [spd()], 0, 'A'), call('a vector', () => [vec()], ShapeError), call('rank 3', () => [rank3()], ShapeError)],

  // solves and decompositions
  solveTriangular: [
    ...badTensors(() => [spd(), vec(), { lower: true }], 0, 'T'),
    ...rhsCalls(() => [spd(), vec(), { lower: true }], 1),
    call('no options (lower is required)', () => [spd(), vec()], ArgumentTypeError),
    call('lower a string', () => [spd(), vec(), { lower: 'yes' }], ArgumentTypeError),
    call('unitDiagonal 1', () => [spd(), vec(), { lower: true, unitDiagonal: 1 }], ArgumentTypeError),
    ...optionCalls((options) => [spd(), vec(), options], 'upper'),
    call('T is 2×3', () => [zeros([2, 3]), vec(), { lower: true }], ShapeError),
    call('T is empty', () => [zeros([0, 0]), zeros([0]), { lower: true }], ValueError),
    call('NaN in the triangle read', () => [fromArray([[1, 0], [NaN, 1]]), vec(), { lower: true }], ValueError),
    call('a zero on the diagonal', () => [fromArray([[1, 0], [1, 0]]), vec(), { lower: true }], SingularMatrixError),
  ],
  lu: squareMatrixCalls(() => [spd()]),
  det: squareMatrixCalls(() => [spd()]),
  inv: [...squareMatrixCalls(() => [spd()]), call('singular', () => [singular()], SingularMatrixError)],
  solve: [
    ...squareMatrixCalls(() => [spd(), vec()]),
    ...rhsCalls(() => [spd(), vec()], 1),
    call('singular', () => [singular(), vec()], SingularMatrixError),
    call('A and b nested arrays', () => [[[2, 0], [0, 2]], [1, 1]], ArgumentTypeError),
  ],
  cholesky: [
    ...squareMatrixCalls(() => [spd()]),
    call('not symmetric', () => [nonSymmetric()], ValueError),
    call('symmetric, not positive definite', () => [fromArray([[1, 2], [2, 1]])], NotPositiveDefiniteError),
    call('symmetryTolerance −1', () => [spd(), { symmetryTolerance: -1 }], ValueError),
    call('symmetryTolerance a string', () => [spd(), { symmetryTolerance: '1e-3' }], ArgumentTypeError),
    ...optionCalls((options) => [spd(), options], 'tol'),
  ],
  choleskySolve: [
    ...squareMatrixCalls(() => [spd(), vec()]),
    ...rhsCalls(() => [spd(), vec()], 1),
    call('symmetric, not positive definite', () => [fromArray([[1, 2], [2, 1]]), vec()], NotPositiveDefiniteError),
    call('symmetryTolerance NaN', () => [spd(), vec(), { symmetryTolerance: NaN }], ValueError),
    ...optionCalls((options) => [spd(), vec(), options], 'tol'),
  ],
  qr: [
    ...badTensors(() => [spd()], 0, 'A'),
    call('a vector', () => [vec()], ShapeError),
    call('empty (0×2)', () => [zeros([0, 2])], ValueError),
    call('NaN', () => [withNaN()], ValueError),
    call("mode 'economic'", () => [spd(), { mode: 'economic' }], ValueError),
    call('mode 1', () => [spd(), { mode: 1 }], ArgumentTypeError),
    ...optionCalls((options) => [spd(), options], 'full'),
    call('a full Q larger than MAX_TENSOR_SIZE', () => [zeros([BIG, 1]), { mode: 'full' }], ValueError),
  ],
  lstsq: [
    ...badTensors(() => [spd(), vec()], 0, 'A'),
    ...rhsCalls(() => [spd(), vec()], 1),
    call('A a vector', () => [vec(), vec()], ShapeError),
    call('A has ∞', () => [withInf(), vec()], ValueError),
    call('rank-deficient', () => [singular(), vec()], SingularMatrixError),
  ],
  eigSym: [
    ...squareMatrixCalls(() => [spd()]),
    call('not symmetric', () => [nonSymmetric()], ValueError),
    call('maxSweeps 0', () => [spd(), { maxSweeps: 0 }], ValueError),
    call('maxSweeps 1.5', () => [spd(), { maxSweeps: 1.5 }], ValueError),
    call('maxSweeps a string', () => [spd(), { maxSweeps: '3' }], ArgumentTypeError),
    call('symmetryTolerance ∞', () => [spd(), { symmetryTolerance: Infinity }], ValueError),
    call('1 sweep is not enough', () => [hard(), { maxSweeps: 1 }], ConvergenceError),
    call('1 Jacobi sweep is not enough', () => [hard(), { maxSweeps: 1, method: 'jacobi' }], ConvergenceError),
    call('an unknown method', () => [spd(), { method: 'qr' }], ValueError),
    call('method a number', () => [spd(), { method: 1 }], ArgumentTypeError),
    ...optionCalls((options) => [spd(), options], 'sweeps'),
  ],
  svd: [
    ...badTensors(() => [spd()], 0, 'X'),
    call('a vector', () => [vec()], ShapeError),
    call('empty (2×0)', () => [zeros([2, 0])], ValueError),
    call('NaN', () => [withNaN()], ValueError),
    call('∞', () => [withInf()], ValueError),
    call('full a string', () => [spd(), { full: 'yes' }], ArgumentTypeError),
    call('maxSweeps 0', () => [spd(), { maxSweeps: 0 }], ValueError),
    call('1 sweep is not enough', () => [hard(), { maxSweeps: 1 }], ConvergenceError),
    call('1 Jacobi sweep is not enough', () => [hard(), { maxSweeps: 1, method: 'jacobi' }], ConvergenceError),
    call('an unknown method', () => [spd(), { method: 'jacobian' }], ValueError),
    call('method a boolean', () => [spd(), { method: true }], ArgumentTypeError),
    ...optionCalls((options) => [spd(), options], 'ful'),
    call('a full U larger than MAX_TENSOR_SIZE', () => [zeros([BIG, 1]), { full: true }], ValueError),
  ],
  center: [
    ...badTensors(() => [spd()], 0, 'X'),
    call('a vector', () => [vec()], ShapeError),
    call('empty', () => [zeros([0, 2])], ValueError),
    call('NaN', () => [withNaN()], ValueError),
  ],
  cov: [
    ...badTensors(() => [spd()], 0, 'X'),
    call('a vector', () => [vec()], ShapeError),
    call('NaN', () => [withNaN()], ValueError),
    call('ddof 2', () => [spd(), { ddof: 2 }], ValueError),
    call('ddof a string', () => [spd(), { ddof: '1' }], ArgumentTypeError),
    call('one sample with ddof 1', () => [fromArray([[1, 2]])], ValueError),
    ...optionCalls((options) => [spd(), options], 'bias'),
    call('an n×n result larger than MAX_TENSOR_SIZE', () => [zeros([2, BIG])], ValueError),
  ],

  // JSON
  float64ToJSON: [
    call('a string', () => ['1,2'], ArgumentTypeError),
    call('undefined', () => [], ArgumentTypeError),
    call('an object', () => [{ length: 1, 0: 1 }], ArgumentTypeError),
    call('a string entry', () => [[1, '2']], ArgumentTypeError),
    call('a BigInt64Array', () => [BigInt64Array.of(1n)], ArgumentTypeError),
  ],
  float64FromJSON: [
    call('an object', () => [{ 0: 1 }, 'data', 'f'], ArgumentTypeError, 'f: data'),
    call('null entry (what JSON makes of NaN)', () => [[1, null], 'data', 'f'], ValueError, 'f: data[1]'),
    call("the string 'nan'", () => [['nan'], 'data', 'f'], ValueError, 'f: data[0]'),
    call('a numeric string', () => [['1'], 'data', 'f'], ValueError, 'f: data[0]'),
  ],
  tensorToJSON: badTensors(() => [vec()], 0, 't'),
  tensorFromJSON: [
    call('an array', () => [[1, 2], 'W', 'f'], ArgumentTypeError, 'f: W'),
    call('a negative shape', () => [{ shape: [-1], data: [] }, 'W', 'f'], ShapeError, 'f: W.shape'),
    call('shape and data that differ', () => [{ shape: [2, 2], data: [1, 2, 3] }, 'W', 'f'], ShapeError, 'f: W'),
    call('data with null', () => [{ shape: [1], data: [null] }, 'W', 'f'], ValueError, 'f: W.data[0]'),
    call('data missing', () => [{ shape: [1] }, 'W', 'f'], ArgumentTypeError, 'f: W.data'),
  ],
  // convolution (conv.ts): N×C×H×W inputs, F×C×kh×kw kernels
  convOutputSize: [
    call('a kernel longer than the padded input', () => [3, 5, { padding: 0 }], ShapeError),
    call('a stride of 0', () => [5, 3, { stride: 0 }], ValueError),
    call('a dilation that is a string', () => [5, 3, { dilation: '2' }], ArgumentTypeError),
    call('a negative length', () => [-1, 3], ValueError),
    call('an unknown option', () => [5, 3, { groups: 1 }], ValueError),
  ],
  im2col: [
    ...badTensors(() => [zeros([1, 1, 3, 3]), 2], 0, 'x'),
    call('x of rank 3', () => [zeros([1, 3, 3]), 2], ShapeError),
    call('a kernel larger than the padded input', () => [zeros([1, 1, 3, 3]), 4, { padding: [0, 0] }], ShapeError),
    call('a kernel size of 0', () => [zeros([1, 1, 3, 3]), 0], ValueError),
    call('padding of three numbers', () => [zeros([1, 1, 3, 3]), 2, { padding: [1, 1, 1] }], ArgumentTypeError),
    call('the method option (conv2d\'s)', () => [zeros([1, 1, 3, 3]), 2, { method: 'gemm' }], ValueError),
  ],
  col2im: [
    ...badTensors(() => [zeros([4, 4]), [1, 1, 3, 3], 2], 0, 'cols'),
    call('cols of the wrong shape', () => [zeros([4, 5]), [1, 1, 3, 3], 2], ShapeError),
    call('an input shape with a negative size', () => [zeros([4, 4]), [1, 1, -3, 3], 2], ShapeError),
  ],
  conv2d: [
    ...badTensors(() => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), null], 0, 'x'),
    ...badTensors(() => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), null], 1, 'w'),
    call('channels that differ', () => [zeros([1, 2, 3, 3]), zeros([1, 1, 2, 2]), null], ShapeError),
    call('w of rank 3', () => [zeros([1, 1, 3, 3]), zeros([1, 2, 2]), null], ShapeError),
    call('b of the wrong length', () => [zeros([1, 1, 3, 3]), zeros([2, 1, 2, 2]), zeros([3])], ShapeError),
    call('stride 0', () => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), null, { stride: 0 }], ValueError),
    call('an unknown method', () => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), null, { method: 'fft' }], ValueError),
    call('cols of the wrong shape', () => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), null, { cols: zeros([4, 5]) }], ShapeError),
  ],
  conv2dBackward: [
    ...badTensors(() => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), zeros([1, 1, 2, 2])], 2, 'gy'),
    call('gy of the wrong shape', () => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), zeros([1, 1, 3, 3])], ShapeError),
    call('inputGrad not a boolean', () => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), zeros([1, 1, 2, 2]), { inputGrad: 1 }], ArgumentTypeError),
    call('dilation below 1', () => [zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), zeros([1, 1, 2, 2]), { dilation: 0 }], ValueError),
  ],
};

contractSpec('linalg', linalg, table, {
  exempt: {
    MAX_TENSOR_SIZE: 'a constant (2³¹ − 1)',
    formatShape: 'the message helper of errors/, re-exported; it formats a shape the caller has already checked',
  },
});
