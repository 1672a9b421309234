/**
 * linalg — float64 tensors and the linear algebra under every other module:
 * constructors, element-wise ops with broadcasting, reductions, products
 * (with the GEMM kernels in `kernels/`), norms and decompositions.
 * Imports only `random`.
 */
export * from './errors.js';
export * from './tensor.js';
export * from './elementwise.js';
export * from './reduce.js';
export * from './matmul.js';
export * from './norms.js';
export * from './triangular.js';
export * from './lu.js';
export * from './cholesky.js';
export * from './qr.js';
export * from './eigen.js';
export * from './svd.js';
export * from './cov.js';
export * from './serialize.js';
