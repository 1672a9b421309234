/**
 * What the GEMM specs (gemm.test.ts, parallel.test.ts) share: the shape of
 * a test case of C ← α·op(A)·op(B) + β·C and its operands.
 */
import { Rng } from '../../src/random/index.js';

/** A product to check: sizes, transpose flags, α, β, and the seed of its operands. */
export type Case = [m: number, n: number, k: number, transA: boolean, transB: boolean, alpha: number, beta: number, seed: number];

/**
 * The operands of an m×k·k×n product: A (m·k entries), B (k·n) and C₀ (m·n),
 * N(0, 1) entries drawn in that order from Rng(seed). The storage sizes are
 * the same for every transpose form.
 */
export function operands(m: number, n: number, k: number, seed: number): { A: Float64Array; B: Float64Array; C0: Float64Array } {
  const rng = new Rng(seed);
  const draw = (length: number) => Float64Array.from({ length }, () => rng.normal());
  return { A: draw(m * k), B: draw(k * n), C0: draw(m * n) };
}
