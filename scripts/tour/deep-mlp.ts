/**
 * The vanishing-gradient demonstration of EQ-AUTODIFF-11, shared by the
 * tour (which prints it) and spec/autodiff/vanishing.test.ts (which pins it):
 *
 *   ‖∂L/∂W⁽¹⁾‖_F / ‖∂L/∂W⁽²⁰⁾‖_F  for a 20-layer, width-32 MLP,
 *   h ← act(h·W_l) for l < 20 and a linear last layer, L = mean((h − Y)²),
 *
 * with X: [8, 32] and Y: [8, 32] ~ N(0, 1) and W_l ~ N(0, 2/32) (He), drawn
 * from Rng(seed) in that order, so both activations see the same draws.
 * Backpropagation multiplies one local Jacobian per layer; with σ′ ≤ ¼ the
 * product shrinks geometrically, with ReLU′ = 1 on active units it does not.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';

export function firstToLastRatio(activation: (v: Var) => Var, seed: number): number {
  const rng = new Rng(seed);
  const X = linalg.randn([8, 32], rng), Y = linalg.randn([8, 32], rng);
  const Ws = Array.from({ length: 20 }, () => ad.variable(linalg.randn([32, 32], rng, 0, Math.sqrt(2 / 32))));
  let h: Var = ad.constant(X);
  Ws.forEach((W, l) => {
    h = ad.matmul(h, W);
    if (l < 19) h = activation(h);
  });
  ad.mean(ad.pow(ad.sub(h, Y), 2)).backward();
  const [first, ...others] = Ws.map((W) => linalg.frobenius(W.grad));
  const last = others.at(-1);
  if (first === undefined || last === undefined) throw new Error('firstToLastRatio: the network has fewer than two layers');
  return first / last;
}
