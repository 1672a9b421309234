/**
 * The single artificial neuron and its forerunner.
 *
 * Artificial neuron and the bias trick (EQ-LAYERS-01, 000 and 001 decks):
 *
 *   z = Σᵢ₌₁ᵈ wᵢxᵢ + b = Σᵢ₌₀ᵈ wᵢxᵢ   with x₀ := 1, w₀ := b
 *
 * `neuron(w, b, x)` computes the left side; `addBiasColumn(X)` builds the
 * right side's inputs by prepending the constant feature x₀ = 1 to every
 * row (the 000 deck's index 0; the 001 deck appends it as x_k instead,
 * which only moves b within w).
 *
 * McCulloch–Pitts unit (EQ-LAYERS-06, 003 deck, 1943), binary inputs:
 *
 *   y = 1 if no inhibitory input is active and Σᵢ xᵢ ≥ θ, else 0
 *
 * There is no weight to learn, only the threshold θ and the wiring, which
 * is why "McCulloch–Pitts networks must be designed": AND is θ = 2 on two
 * inputs, OR θ = 1, NOT is θ = 0 with the input wired as inhibitory.
 */
import { ShapeError, ValueError, assertNumber, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** z = wᵀx + b for w, x: [d] and a number b. */
export function neuron(w: Tensor, b: number, x: Tensor): number {
  linalg.assertTensor(w, 'w', 'neuron');
  assertNumber(b, 'b', 'neuron');
  linalg.assertTensor(x, 'x', 'neuron');
  if (w.shape.length !== 1 || !linalg.sameShape(w.shape, x.shape)) {
    throw new ShapeError(`neuron: w and x must be vectors of one length, got ${formatShape(w.shape)} and ${formatShape(x.shape)}`);
  }
  let z = b;
  for (let i = 0; i < w.data.length; i++) z += w.data[i]! * x.data[i]!;
  return z;
}

/** [1 | X]: X: n×d becomes n×(d + 1) with a first column of ones (x₀ = 1); a vector [d] becomes [d + 1]. */
export function addBiasColumn(X: Tensor): Tensor {
  linalg.assertTensor(X, 'X', 'addBiasColumn');
  if (X.shape.length === 1) return linalg.tensor([1, ...X.data], [X.data.length + 1]);
  if (X.shape.length !== 2) throw new ShapeError(`addBiasColumn: X must be n×d or a vector [d], got ${formatShape(X.shape)}`);
  const [n, d] = X.shape as [number, number];
  const out = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    out[i * (d + 1)] = 1;
    out.set(X.data.subarray(i * d, (i + 1) * d), i * (d + 1) + 1);
  }
  return { shape: [n, d + 1], data: out };
}

/** Throw unless every entry of t is 0 or 1. */
function assertBinary(t: Tensor, name: string, where: string): void {
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i]!;
    if (v !== 0 && v !== 1) throw new ValueError(`${where}: ${name} must hold 0 or 1, got ${v} at entry ${i}`);
  }
}

/**
 * McCulloch–Pitts unit: 1 if every inhibitory input is 0 and Σ excitatory ≥ θ,
 * else 0. excitatory, inhibitory: binary vectors (inhibitory default none).
 */
export function mcCullochPitts(excitatory: Tensor, threshold: number, inhibitory: Tensor = linalg.zeros([0])): 0 | 1 {
  const where = 'mcCullochPitts';
  linalg.assertTensor(excitatory, 'excitatory', where);
  assertNumber(threshold, 'threshold', where);
  linalg.assertTensor(inhibitory, 'inhibitory', where);
  assertBinary(excitatory, 'excitatory', where);
  assertBinary(inhibitory, 'inhibitory', where);
  if (inhibitory.data.some((v) => v === 1)) return 0;
  let s = 0;
  for (let i = 0; i < excitatory.data.length; i++) s += excitatory.data[i]!;
  return s >= threshold ? 1 : 0;
}
