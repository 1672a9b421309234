/**
 * Tour section: the linear algebra of the lectures (EQ-LINALG-01 … 07) on
 * small seeded examples — a product, the three norms, the worked
 * eigen-example, a symmetric eigendecomposition, the SVD of a data matrix
 * and the covariance matrix obtained from it.
 */
import { Rng } from '../../src/random/index.js';
import {
  center, cov, div, eigSym, eye, fromArray, frobenius, matmul, matmulTransA, maxAbs, mul, norm1, norm2, normInf, randn, sub, svd,
  toArray, transpose,
} from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (x: number): string => String(Number(x.toPrecision(6)));
/** A residual in scientific notation, e.g. 2.2e-15. */
const sci = (x: number): string => x.toExponential(1);
const show = (t: Tensor): string => JSON.stringify(toArray(t), (_k, v) => (typeof v === 'number' ? Number(fmt(v)) : v));

export function tour(): void {
  const A = fromArray([[1, 2], [3, 4]]), B = fromArray([[5, 6], [7, 8]]);
  result('EQ-LINALG-01', `AB = ${show(A)}·${show(B)} = ${show(matmul(A, B))}`,
    { read: 'src/linalg/matmul.ts', spec: 'spec/linalg/matmul.test.ts' });

  const w = fromArray([3, -4, 12]);
  result('EQ-LINALG-02', `w = (3, −4, 12): ‖w‖₁ = ${norm1(w)}, ‖w‖₂ = ${norm2(w)}, ‖w‖∞ = ${normInf(w)}`,
    { read: 'src/linalg/norms.ts', spec: 'spec/linalg/norms.test.ts' });

  const S = fromArray([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
  const { values, vectors } = eigSym(S);
  const residual3 = maxAbs(sub(matmul(S, vectors), mul(vectors, values))); // AV − VΛ, column j is Avⱼ − λⱼvⱼ
  result('EQ-LINALG-03', `eigSym of a symmetric 3×3: λ = ${show(values)} (descending); max|AV − VΛ| = ${sci(residual3)}`,
    { read: 'src/linalg/eigen.ts', spec: 'spec/linalg/eigen.test.ts' });

  const M = fromArray([[2, 3], [2, 1]]), v = fromArray([3, 2]);
  result('EQ-LINALG-04', `[[2, 3], [2, 1]]·(3, 2) = ${show(matmul(M, v))} = 4·(3, 2): v is an eigenvector with λ = 4`,
    { read: 'src/linalg/eigen.ts', spec: 'spec/linalg/eigen.test.ts' });

  const rng = new Rng(7);
  const m = 200;
  const X = center(randn([m, 4], rng));
  const { U, S: sigma, V } = svd(X);
  const residual = frobenius(sub(X, matmul(mul(U, sigma), transpose(V)))) / frobenius(X);
  result('EQ-LINALG-05', `SVD of a centred 200×4 data matrix: σ = ${show(sigma)}, ‖X − UΣVᵀ‖_F/‖X‖_F = ${sci(residual)}`,
    { read: 'src/linalg/svd.ts', spec: 'spec/linalg/svd.test.ts' });

  const fromSvd = matmul(mul(V, div(mul(sigma, sigma), m - 1)), transpose(V));
  result('EQ-LINALG-06', `cov(X) = VΣ²Vᵀ/(m − 1): largest difference ${sci(maxAbs(sub(cov(X), fromSvd)))}`,
    { read: 'src/linalg/cov.ts', spec: 'spec/linalg/cov.test.ts' });
  result('EQ-LINALG-07', `V is orthogonal: max|VᵀV − I| = ${sci(maxAbs(sub(matmulTransA(V, V), eye(4))))}`,
    { read: 'src/linalg/svd.ts', spec: 'spec/linalg/qr.test.ts' });
}

export const chapter = defineChapter({
  name: 'linalg',
  order: 10,
  title: 'Linear algebra: products, norms, decompositions',
  run: tour,
});
