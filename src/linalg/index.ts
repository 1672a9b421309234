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
