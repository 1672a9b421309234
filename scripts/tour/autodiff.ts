/**
 * Tour section: automatic differentiation (EQ-AUTODIFF-01, 02, 06, 07, 05, 11).
 * Each step builds a small graph, calls backward(), and prints the gradient
 * next to the lecture's formula.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { firstToLastRatio } from './deep-mlp.js';
import { result } from './print.js';
import { defineChapter } from './chapter.js';

const fmt = (v: ArrayLike<number>): string => `[${Array.from(v, (x) => +x.toPrecision(6)).join(', ')}]`;

/** max_i |aᵢ − bᵢ|: the ∞-norm of the difference. */
const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  linalg.normInf(linalg.sub(linalg.tensor(Array.from(a), [a.length]), linalg.tensor(Array.from(b), [b.length])));

export function tour(): void {
  const x = ad.variable(3);
  ad.mul(x, x).backward();
  result('EQ-AUTODIFF-01', `d(x²)/dx at x = 3: ${x.grad.data[0]}   (formula 2x = 6)`,
    { read: 'src/autodiff/ops-arith.ts', spec: 'spec/autodiff/calculus.test.ts' });

  const x1 = ad.variable(1), x2 = ad.variable(1);
  ad.add(ad.mul(3, ad.mul(x1, x1)), ad.mul(x2, x2)).backward();
  result('EQ-AUTODIFF-02', `∇(3x₁² + x₂²) at (1, 1): [${x1.grad.data[0]}, ${x2.grad.data[0]}]   (formula [6x₁, 2x₂] = [6, 2])`,
    { read: 'src/autodiff/var.ts', spec: 'spec/autodiff/calculus.test.ts' });

  // z = W₁x + b₁, h = σ(z), ŷ = W₂h + b₂, L = (ŷ − y)²
  const rng = new Rng(1);
  const target = 0.5;
  const xIn = linalg.randn([3], rng), y = linalg.tensor([target], [1]);
  const W1 = ad.variable(linalg.randn([4, 3], rng)), b1 = ad.variable(linalg.randn([4], rng));
  const W2 = ad.variable(linalg.randn([1, 4], rng)), b2 = ad.variable(linalg.randn([1], rng));
  const mlp = (w1: Var, c1: Var, w2: Var, c2: Var): Var =>
    ad.pow(ad.sub(ad.add(ad.matmul(w2, ad.sigmoid(ad.add(ad.matmul(w1, xIn), c1))), c2), y), 2);
  const z = ad.add(ad.matmul(W1, xIn), b1);
  const h = ad.sigmoid(z);
  const yHat = ad.add(ad.matmul(W2, h), b2);
  const L = ad.pow(ad.sub(yHat, y), 2);
  L.backward();
  // The lecture's hand formulas, from the forward values only
  const dyHat = 2 * (yHat.item() - target);
  const hValues = Array.from(h.value.data), w2 = Array.from(W2.value.data);
  const sigmaPrime = hValues.map((hj) => hj * (1 - hj)); // σ′(z) = σ(z)(1 − σ(z))
  const dW2 = hValues.map((hj) => dyHat * hj);
  const dz = w2.map((w2j, j) => w2j * dyHat * (sigmaPrime[j] ?? NaN));
  const dW1 = dz.flatMap((g) => Array.from(xIn.data, (xk) => g * xk));
  result('EQ-AUTODIFF-06', `two-layer MLP (d = 3, H = 4): L = ${L.item().toPrecision(6)}, ∂L/∂ŷ = 2(ŷ − y) = ${dyHat.toPrecision(6)}`,
    { read: 'src/autodiff/ops-matrix.ts', spec: 'spec/autodiff/mlp.test.ts' });
  result('EQ-AUTODIFF-07', [
    `∂L/∂W₂ = 2(ŷ − y)hᵀ           ${fmt(W2.grad.data)}   max |graph − formula| = ${maxDifference(W2.grad.data, dW2).toExponential(1)}`,
    `∂L/∂z = W₂ᵀ·2(ŷ − y) ⊙ σ′(z)   ${fmt(z.grad.data)}   max |graph − formula| = ${maxDifference(z.grad.data, dz).toExponential(1)}`,
    `∂L/∂W₁ = (∂L/∂z)xᵀ: max |graph − formula| = ${maxDifference(W1.grad.data, dW1).toExponential(1)}; ∂L/∂b₁ = ∂L/∂z: ${maxDifference(b1.grad.data, dz).toExponential(1)}`,
  ], { read: 'src/autodiff/var.ts', spec: 'spec/autodiff/mlp.test.ts' });

  // central differences
  const check = ad.gradCheck(mlp, [W1, b1, W2, b2]);
  result('EQ-AUTODIFF-05', `the same gradients by central differences: ${check.message}`,
    { read: 'src/autodiff/gradcheck.ts', spec: 'spec/autodiff/calculus.test.ts' });

  const sigmoidRatio = firstToLastRatio(ad.sigmoid, 2024), reluRatio = firstToLastRatio(ad.relu, 2024);
  result('EQ-AUTODIFF-11', [
    'vanishing gradients, 20 layers of width 32, ‖∂L/∂W⁽¹⁾‖ / ‖∂L/∂W⁽²⁰⁾‖ with the same init:',
    `sigmoid ${sigmoidRatio.toExponential(2)}   ReLU ${reluRatio.toExponential(2)}   (σ′ ≤ 1/4 per layer; ReLU′ = 1 on active units)`,
  ], { read: 'scripts/tour/deep-mlp.ts', spec: 'spec/autodiff/vanishing.test.ts' });
}

export const chapter = defineChapter({
  name: 'autodiff',
  order: 20,
  title: 'Automatic differentiation: gradients, backpropagation, vanishing gradients',
  run: tour,
});
