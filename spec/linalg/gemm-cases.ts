/**
 * What the GEMM specs (gemm.test.ts, gemm-simd.test.ts, parallel.test.ts)
 * share: the shape of a test case of C ← α·op(A)·op(B) + β·C, its random
 * generator and operands, and the two blocked kernels by name.
 */
import { Rng } from '../../src/random/index.js';
import { gen } from '../harness/index.js';
import type { Arbitrary } from '../harness/index.js';

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

/** Sizes that stress the edges: 1, tiles of 4 ± 1, primes, and block sizes ± 1 (MC = 128, KC = 256). */
const EDGE_SIZES = [1, 2, 3, 4, 5, 7, 8, 13, 17, 31, 64, 127, 129, 130, 257];
const EDGE_DEPTHS = [0, 1, 3, 17, 255, 256, 257, 300, 513];

/** A dimension: a small uniform one, or one of `edges`; shrinks toward `low` as gen.integer does. */
function dimension(edges: readonly number[], low: number, high: number): Arbitrary<number> {
  return {
    generate: (rng) => (rng.next() < 0.35 ? edges[rng.int(0, edges.length)]! : rng.int(low, high + 1)),
    shrink: (d) => gen.integer(low, high).shrink?.(d) ?? [],
  };
}

export const cases: Arbitrary<Case> = gen.tuple(
  dimension(EDGE_SIZES, 1, 24), dimension(EDGE_SIZES, 1, 24), dimension(EDGE_DEPTHS, 0, 24),
  gen.oneOf(false, true), gen.oneOf(false, true),
  gen.oneOf(1, -1, 0.75, -2.5, 0), gen.oneOf(0, 1, -1, 0.5),
  gen.integer(0, 1_000_000),
) as Arbitrary<Case>;

/** The operands of a case: A, B, C₀ with N(0, 1) entries (k is capped so the naive twin stays quick). */
export function caseOperands([m, n, k, , , , , seed]: Case) {
  const kk = Math.min(k, Math.max(1, Math.floor(3_000_000 / (m * n))));
  return { k: kk, ...operands(m, n, kk, seed) };
}

/**
 * The two kernels of the blocked path: WebAssembly SIMD and JavaScript
 * (where the engine has no SIMD, both runs use the JavaScript kernel).
 */
export const KERNELS = [{ name: 'SIMD', simd: true }, { name: 'JavaScript', simd: false }] as const;
