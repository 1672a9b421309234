/**
 * autodiff — reverse-mode automatic differentiation on tensors
 * (EQ-AUTODIFF-01 … 11): a graph of `Var` nodes, each op with its forward
 * value and its local gradient, `backward()` in reverse topological order,
 * and `gradCheck` against central finite differences. Imports only
 * `errors`, `random` and `linalg`.
 *
 *   const w = variable(randn([3, 1], rng), 'w'), X = constant(data);
 *   const loss = mean(pow(sub(matmul(X, w), y), 2));
 *   loss.backward();            // w.grad = ∂loss/∂w
 *   console.log(w);             // Var 'w' (leaf; grad: held), then its value
 *
 * Every export checks its arguments first: an operand is a Var, a Tensor or
 * a number (a nested array gets an ArgumentTypeError saying to wrap it with
 * constant(…) or variable(…)); options are plain objects with known keys.
 * The errors are those of `errors/`, naming the function called.
 */
export { Var, backward, topologicalOrder } from './var.js';
export type { LocalGradient, OpNode, VarOptions } from './var.js';
export { constant, customOp, detach, isGradEnabled, lift, noGrad, variable, zeroGrad } from './graph.js';
export type { Operand } from './graph.js';
export { sumToShape } from './helpers.js';
export { add, div, mul, neg, pow, sub } from './ops-arith.js';
export { bmm, matmul, permute, reshape, transpose } from './ops-matrix.js';
export type { BmmOptions } from './ops-matrix.js';
export { concat, indexSelect, slice } from './ops-index.js';
export { max, mean, sum } from './ops-reduce.js';
export type { ReduceOptions } from './ops-reduce.js';
export { abs, clamp, cos, exp, log, sin, sqrt } from './ops-unary.js';
export { leakyRelu, relu, sigmoid, sigmoidOf, softplus, tanh } from './activations.js';
export { logSoftmax, softmax } from './softmax.js';
export { dropoutMask, where } from './mask.js';
export { gradCheck, numericGradient } from './gradcheck.js';
export type { GradCheckOptions, GradCheckResult } from './gradcheck.js';
