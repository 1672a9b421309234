/**
 * Independent routes for the random specs, written with BigInt words rather
 * than the library's 32-bit arithmetic:
 *
 *   referenceStream   xoshiro128** outputs from a state
 *   referenceInt      Rng.int's rejection sampling on that stream, in exact
 *                     integer arithmetic (with the number of outputs it used)
 *   stateForOutputs   a state whose first two outputs are given (the output
 *                     function rotl(s₁·5, 7)·9 inverted), to drive a draw to
 *                     any 53-bit value, the rejection boundary included
 *   chiSquare, chiSquareCritical   Pearson's statistic and its p ≈ 1e-4 bound
 */

const MASK = 0xffffffffn;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & MASK;
const rotr = (x: bigint, k: bigint): bigint => ((x >> k) | (x << (32n - k))) & MASK;

/** One step of xoshiro128** on BigInt words, in the paper's order (mutates s); returns the output. */
function step(s: bigint[]): bigint {
  let [s0, s1, s2, s3] = s as [bigint, bigint, bigint, bigint];
  const out = (rotl((s1 * 5n) & MASK, 7n) * 9n) & MASK;
  const t = (s1 << 9n) & MASK;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
  s3 = rotl(s3, 11n);
  s.splice(0, 4, s0, s1, s2, s3);
  return out;
}

/** The first `count` outputs of xoshiro128** from `state`. */
export function referenceStream(state: readonly number[], count: number): number[] {
  const s = state.map(BigInt);
  return Array.from({ length: count }, () => Number(step(s)));
}

/**
 * k = low + x mod r, r = high − low, with x drawn by rejection: one output
 * (r ≤ 2³²) or a 53-bit draw ⌊o₁/2⁵⌋·2²⁶ + ⌊o₂/2⁶⌋ (r > 2³²), redrawn while
 * x ≥ 2^bits − (2^bits mod r). Returns k and the number of outputs used.
 */
export function referenceInt(state: readonly number[], low: number, high: number): { value: number; outputs: number } {
  const s = state.map(BigInt);
  const r = BigInt(high) - BigInt(low);
  const wide = r > 1n << 32n;
  const bits = wide ? 1n << 53n : 1n << 32n;
  const limit = bits - (bits % r);
  let outputs = 0;
  for (;;) {
    let x: bigint;
    if (wide) {
      const a = step(s) >> 5n, b = step(s) >> 6n;
      x = (a << 26n) + b;
      outputs += 2;
    } else {
      x = step(s);
      outputs += 1;
    }
    if (x < limit) return { value: Number(BigInt(low) + (x % r)), outputs };
  }
}

/** The state word s₁ whose output rotl(s₁·5, 7)·9 mod 2³² is `output`. */
function invertOutput(output: bigint): bigint {
  const inv9 = 954437177n; // 9 · 954437177 = 2·2³² + 1
  const inv5 = 3435973837n; // 5 · 3435973837 = 4·2³² + 1
  return (rotr((output * inv9) & MASK, 7n) * inv5) & MASK;
}

/**
 * A state whose next two outputs are o₁ and o₂: s₁ gives o₁; after one step
 * s₁' = s₁ ⊕ s₂ ⊕ s₀, so s₀ = 0, s₂ = s₁' ⊕ s₁ gives o₂; s₃ = 1 keeps the
 * state nonzero. Later outputs follow from that state.
 */
export function stateForOutputs(o1: number, o2: number): number[] {
  const s1 = invertOutput(BigInt(o1));
  const s1Next = invertOutput(BigInt(o2));
  return [0, Number(s1), Number(s1Next ^ s1), 1];
}

/** A state whose next 53-bit draw (as in `referenceInt`) is x, for an integer 0 ≤ x < 2⁵³. */
export function stateForDraw53(x: number): number[] {
  const a = Math.floor(x / 2 ** 26), b = x % 2 ** 26;
  return stateForOutputs(a * 32, b * 64);
}

/** Pearson's χ² statistic of observed counts against expected counts. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  return observed.reduce((acc, o, i) => acc + (o - expected[i]!) ** 2 / expected[i]!, 0);
}

/**
 * Upper critical value of χ² with `dof` degrees of freedom at p ≈ 1e-4, by
 * the Wilson–Hilferty approximation (z = 3.72): a seeded test that exceeds
 * it fails by chance about once in 10 000 seeds.
 */
export function chiSquareCritical(dof: number): number {
  const z = 3.72, a = 2 / (9 * dof);
  return dof * (1 - a + z * Math.sqrt(a)) ** 3;
}
