/**
 * Tour section: the linear algebra of the lectures (EQ-LINALG-01 … 07) on
 * small seeded examples — a product, the three norms, the worked
 * eigen-example, a symmetric eigendecomposition, the SVD of a data matrix
 * and the covariance matrix obtained from it.
 */
import { Rng } from '../../src/random/index.js';
import {
  Tensor, center, cov, div, eigSym, eye, fromArray, frobenius, matmul, matmulTransA, mul, norm1, norm2, normInf, randn, sub, svd,
  toArray, transpose,
} from '../../src/linalg/index.js';

const fmt = (x: number): string => String(Number(x.toPrecision(6)));
/** A residual in scientific notation, e.g. 2.2e-15. */
const sci = (x: number): string => x.toExponential(1);
const show = (t: Tensor): string => JSON.stringify(toArray(t), (_k, v) => (typeof v === 'number' ? Number(fmt(v)) : v));

export function tour(): void {
  const A = fromArray([[1, 2], [3, 4]]), B = fromArray([[5, 6], [7, 8]]);
  console.log(`EQ-LINALG-01  AB = ${show(A)}·${show(B)} = ${show(matmul(A, B))}`);

  const w = fromArray([3, -4, 12]);
  console.log(`EQ-LINALG-02  w = (3, −4, 12): ‖w‖₁ = ${norm1(w)}, ‖w‖₂ = ${norm2(w)}, ‖w‖∞ = ${normInf(w)}`);

  const S = fromArray([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
  const { values, vectors } = eigSym(S);
  const residual3 = normInf(sub(matmul(S, vectors), mul(vectors, values))); // AV − VΛ, column j is Avⱼ − λⱼvⱼ
  console.log(`EQ-LINALG-03  eigSym of a symmetric 3×3: λ = ${show(values)} (descending); ‖AV − VΛ‖∞ = ${sci(residual3)}`);

  const M = fromArray([[2, 3], [2, 1]]), v = fromArray([3, 2]);
  console.log(`EQ-LINALG-04  [[2, 3], [2, 1]]·(3, 2) = ${show(matmul(M, v))} = 4·(3, 2): v is an eigenvector with λ = 4`);

  const rng = new Rng(7);
  const X = center(randn([200, 4], rng));
  const { U, S: sigma, V } = svd(X);
  const residual = frobenius(sub(X, matmul(mul(U, sigma), transpose(V)))) / frobenius(X);
  console.log(`EQ-LINALG-05  SVD of a centred 200×4 data matrix: σ = ${show(sigma)}, ‖X − UΣVᵀ‖_F/‖X‖_F = ${sci(residual)}`);

  const m = X.shape[0];
  const fromSvd = matmul(mul(V, div(mul(sigma, sigma), m - 1)), transpose(V));
  console.log(`EQ-LINALG-06  cov(X) = VΣ²Vᵀ/(m − 1): largest difference ${sci(normInf(sub(cov(X), fromSvd)))}`);
  console.log(`EQ-LINALG-07  V is orthogonal: ‖VᵀV − I‖∞ = ${sci(normInf(sub(matmulTransA(V, V), eye(4))))}`);
}
