/**
 * linalg — float64 tensors and the linear algebra under every other module:
 * constructors, element-wise ops with broadcasting, reductions, products
 * (with the GEMM kernels in `kernels/`), norms, decompositions, a
 * printout and the JSON form of tensors. Imports only `errors` and `random`.
 *
 * This index is the module's public surface. Besides the API it exports a
 * few building blocks that other modules use through `linalg.*` (the
 * argument checks `assert*`, `sizeOf`, `sameShape`, `splitAxis`,
 * `broadcastShapes`, `broadcastIndex`, `zipWith`, `map`, `addScaledInto`);
 * the internal helpers stay in their files, which linalg's own files import
 * by path.
 */
export {
  MLError, ArgumentTypeError, ShapeError, ValueError, SingularMatrixError, NotPositiveDefiniteError,
  ConvergenceError, NotFittedError, PoolError, formatShape,
} from '../errors/index.js';
export { MAX_TENSOR_SIZE, assertShape, assertTensor } from './validate.js';
export {
  sizeOf, tensor, full, zeros, ones, scalar, eye, randn, rand, fromArray, toArray, clone, reshape, sameShape,
  assertMatrix, assertSquare, assertVector, assertFinite, assertSameShape,
} from './tensor.js';
export type { Tensor, NestedArray } from './tensor.js';
export { format } from './format.js';
export type { FormatOptions } from './format.js';
export {
  broadcastShapes, broadcastIndex, zipWith, add, sub, mul, div, pow, maximum, minimum, map, scale, neg, abs, exp,
  log, sqrt, square, addScaledInto,
} from './elementwise.js';
export { splitAxis, sum, mean, max, min, argmax } from './reduce.js';
export type { AxisOptions } from './reduce.js';
export { matmul, matmulInto, matmulTransA, matmulTransB, transpose, dot, outer } from './matmul.js';
export { bmm } from './bmm.js';
export type { BmmOptions } from './bmm.js';
export { norm1, norm2, normInf, frobenius, sumAbs, maxAbs } from './norms.js';
export { solveTriangular } from './triangular.js';
export type { TriangularOptions } from './triangular.js';
export { lu, solve, det, inv } from './lu.js';
export type { LUResult } from './lu.js';
export { cholesky, choleskySolve } from './cholesky.js';
export type { CholeskyOptions } from './cholesky.js';
export { qr, lstsq } from './qr.js';
export type { QRMode, QROptions, QRResult } from './qr.js';
export { eigSym } from './eigen.js';
export type { EigSymOptions, EigSymResult } from './eigen.js';
export { svd, spectralNorm } from './svd.js';
export type { SVDOptions, SVDResult } from './svd.js';
export { center, cov } from './cov.js';
export type { CovOptions } from './cov.js';
// Convolution, channels first, as unfolded products through the gemm (and the direct loop, its twin): conv.ts.
export { CONV_METHODS, col2im, conv2d, conv2dBackward, convOutputSize, im2col } from './conv.js';
export type { Conv2dBackwardOptions, Conv2dGradients, Conv2dOptions, ConvMethod, ConvOptions } from './conv.js';
export { float64ToJSON, float64FromJSON, tensorToJSON, tensorFromJSON } from './serialize.js';
export type { Float64JSONValue, TensorJSON } from './serialize.js';
