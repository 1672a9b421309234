/**
 * xoshiro128** — the seeded bit generator under every random draw.
 *
 * State: four 32-bit words s₀ … s₃ (never all zero). One step:
 *   result = rotl(s₁ · 5, 7) · 9
 *   t = s₁ << 9
 *   s₂ ^= s₀;  s₃ ^= s₁;  s₁ ^= s₂;  s₀ ^= s₃;  s₂ ^= t;  s₃ = rotl(s₃, 11)
 * (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018.)
 * It is built on 32-bit integer arithmetic only, which JavaScript does
 * exactly (`Math.imul`, `>>>`), so the same seed gives the same stream
 * bit for bit on every engine. Period 2¹²⁸ − 1.
 *
 * Seeding: a 64-bit seed word, given as its low and high 32-bit halves
 * (L, H), is expanded into the four state words with SplitMix32, so that
 * nearby seeds (1, 2, 3, …) give unrelated streams:
 *   c = L ⊕ (H · φ),  φ = 0x9e3779b9 (2³² / golden ratio)
 *   sᵢ = splitMix32((c + (i + 1)·φ) ⊕ H·(i + 1)),  i = 0 … 3   (all mod 2³²)
 * (`seed.ts` says how a number or a bigint seed becomes (L, H).)
 *
 * Jump: `jumpState` advances a state by 2⁶⁴ steps (the published jump
 * polynomial), which is how `Rng.fork` makes non-overlapping streams.
 *
 * All functions here take and mutate a `Uint32Array(4)` state; the `Rng`
 * class in `rng.ts` wraps them. Internal: inputs are assumed valid.
 */

/** Rotate a 32-bit word left by k bits. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Advance the state by one step and return the next 32-bit output (unsigned). */
export function nextUint32(s: Uint32Array): number {
  const s0 = s[0]!, s1 = s[1]!;
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const s2 = s[2]! ^ s0;
  const s3 = s[3]! ^ s1;
  s[0] = s0 ^ s3;
  s[1] = s1 ^ s2;
  s[2] = s2 ^ (s1 << 9);
  s[3] = rotl(s3, 11);
  return result;
}

/** SplitMix32 step: a well-mixed 32-bit output from a 32-bit counter. */
function splitMix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Expand a 64-bit seed word, given as its low and high 32-bit halves, into
 * a xoshiro128** state (the formula is in the file header). Internal:
 * `low` and `high` are integers in [0, 2³²).
 */
export function seedState(low: number, high: number): Uint32Array {
  const s = new Uint32Array(4);
  let counter = (low ^ Math.imul(high, 0x9e3779b9)) >>> 0;
  for (let i = 0; i < 4; i++) {
    counter = (counter + 0x9e3779b9) >>> 0;
    s[i] = splitMix32(counter ^ Math.imul(high, i + 1));
  }
  // The all-zero state never leaves 0. Exactly one seed word expands to it (H = φ, L = φ² mod 2³²:
  // every SplitMix32 input is then 0), and it starts from [1, 0, 0, 0] instead.
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return s;
}

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

/** Advance `s` by 2⁶⁴ steps in place (equivalent to 2⁶⁴ calls of nextUint32). */
export function jumpState(s: Uint32Array): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (const word of JUMP) {
    for (let b = 0; b < 32; b++) {
      if ((word >>> b) & 1) {
        s0 ^= s[0]!; s1 ^= s[1]!; s2 ^= s[2]!; s3 ^= s[3]!;
      }
      nextUint32(s);
    }
  }
  s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}
