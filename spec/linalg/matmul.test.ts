/**
 * Specs of the products (EQ-LINALG-01): matmul against the harness's triple
 * loop, associativity, (AB)ᵀ = BᵀAᵀ, identities, vector operands, the
 * transposed-operand forms, dot and outer, and the shape errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import {
  ShapeError, dot, eye, fromArray, matmul, matmulInto, matmulTransA, matmulTransB, outer, randn, tensor, transpose, zeros,
} from '../../src/linalg/index.js';
import { assertClose, gen, property } from '../harness/index.js';

const dims = gen.tuple(gen.integer(1, 8), gen.integer(1, 8), gen.integer(1, 8), gen.integer(1, 8));
const draw = (seed: number, shape: number[]) => randn(shape, new Rng(seed));

property('EQ-LINALG-01 C = AB, C_ij = Σ_k A_ik B_kj, equals the triple loop to 1e-12', dims, ([m, k, n, seed]) => {
  const a = draw(seed, [m, k]), b = draw(seed + 100, [k, n]);
  assertClose(matmul(a, b), gen.referenceMatmul(a, b), { atol: 1e-12, rtol: 1e-12 });
});

property('EQ-LINALG-01 (AB)C = A(BC) to 1e-10', dims, ([m, k, n, p]) => {
  const a = draw(m * 31 + p, [m, k]), b = draw(k * 7 + n, [k, n]), c = draw(n + p * 13, [n, p]);
  assertClose(matmul(matmul(a, b), c), matmul(a, matmul(b, c)), { atol: 1e-10, rtol: 1e-10 });
});

// Bit for bit (deepEqual of the data, no tolerance): both sides sum the same
// products in the same order. Drawn here for k ≤ 8, within one k-block.
property('EQ-LINALG-01 (AB)ᵀ = BᵀAᵀ, exactly: the kernel sums over k in the same order', dims, ([m, k, n, seed]) => {
  const a = draw(seed, [m, k]), b = draw(seed + 1, [k, n]);
  const left = transpose(matmul(a, b)), right = matmul(transpose(b), transpose(a));
  assert.deepEqual(left.shape, right.shape);
  assert.deepEqual(left.data, right.data);
});

property('EQ-LINALG-01 I_m A = A I_n = A exactly', dims, ([m, n, , seed]) => {
  const a = draw(seed, [m, n]);
  assert.deepEqual(matmul(eye(m), a).data, a.data);
  assert.deepEqual(matmul(a, eye(n)).data, a.data);
});

property('EQ-LINALG-01 a 1×k times a k×1 product equals the dot product', gen.integer(1, 40), (k) => {
  const a = draw(k, [k]), b = draw(k + 1, [k]);
  let expected = 0;
  for (let i = 0; i < k; i++) expected += a.data[i]! * b.data[i]!;
  const product = matmul(tensor(a.data, [1, k]), tensor(b.data, [k, 1]));
  assert.deepEqual(product.shape, [1, 1]);
  assertClose(product.data, [expected], { atol: 0, rtol: 1e-15 });
  assertClose(dot(a, b), expected, { atol: 0, rtol: 1e-15 });
  assertClose(matmul(a, b), [expected]);
  assert.deepEqual(matmul(a, b).shape, []);
});

property('matmulTransA = AᵀB and matmulTransB = ABᵀ, with no transpose materialised', dims, ([m, k, n, seed]) => {
  const a = draw(seed, [k, m]), b = draw(seed + 2, [k, n]);
  assertClose(matmulTransA(a, b), gen.referenceMatmul(gen.referenceTranspose(a), b), { atol: 1e-12, rtol: 1e-12 });
  const c = draw(seed + 3, [m, k]), d = draw(seed + 4, [n, k]);
  assertClose(matmulTransB(c, d), gen.referenceMatmul(c, gen.referenceTranspose(d)), { atol: 1e-12, rtol: 1e-12 });
});

test('hand-worked: [[1, 2], [3, 4]]·[[5, 6], [7, 8]] = [[19, 22], [43, 50]]; matrix·vector; outer', () => {
  const a = fromArray([[1, 2], [3, 4]]), b = fromArray([[5, 6], [7, 8]]);
  assert.deepEqual(Array.from(matmul(a, b).data), [19, 22, 43, 50]);
  assert.deepEqual(matmul(a, fromArray([1, 1])).shape, [2]);
  assert.deepEqual(Array.from(matmul(a, fromArray([1, 1])).data), [3, 7]);
  assert.deepEqual(Array.from(matmul(fromArray([1, 1]), a).data), [4, 6]);
  assert.deepEqual(Array.from(outer(fromArray([1, 2]), fromArray([3, 4, 5])).data), [3, 4, 5, 6, 8, 10]);
  const out = zeros([2, 2]);
  assert.equal(matmulInto(out, a, b), out);
  assert.deepEqual(Array.from(out.data), [19, 22, 43, 50]);
  assert.deepEqual(Array.from(transpose(fromArray([1, 2, 3])).data), [1, 2, 3]);
});

test('EQ-LINALG-01 inner dimensions that do not match throw a ShapeError naming both shapes', () => {
  const a = zeros([2, 3]), b = zeros([4, 2]);
  assert.throws(() => matmul(a, b), (e: unknown) => e instanceof ShapeError && /\[2, 3\]/.test(e.message) && /\[4, 2\]/.test(e.message));
  assert.throws(() => matmul(zeros([2, 2, 2]), a), ShapeError);
  assert.throws(() => matmulInto(zeros([3, 3]), a, zeros([3, 2])), /into \[3, 3\]/);
  assert.throws(() => matmulTransA(a, b), ShapeError);
  assert.throws(() => matmulTransB(a, b), ShapeError);
  assert.throws(() => transpose(zeros([1, 2, 3])), ShapeError);
  assert.throws(() => dot(zeros([2]), zeros([3])), ShapeError);
  assert.throws(() => outer(zeros([2, 2]), zeros([3])), ShapeError);
});
