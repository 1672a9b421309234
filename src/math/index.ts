/**
 * math — scalar elementary functions that give the same bits on every
 * JavaScript engine. `Math.exp`, `Math.log`, `Math.sin`, … are
 * implementation-approximated: engines (and versions of one engine) differ
 * in the last bit on a few percent of arguments, so a seeded computation
 * would not reproduce across Node and browsers. Every function here is
 * built from IEEE-754 basic operations only (+ − × ÷ √, comparisons, which
 * every engine rounds correctly), exact power-of-two scaling and bit access
 * through typed-array views, and exact BigInt arithmetic for the reduction
 * of huge trigonometric arguments — so each gives one result everywhere.
 *
 * Each file's header gives its argument reduction, approximation,
 * reconstruction and error bound; spec/math/ measures every function
 * against an independent BigInt reference. All are below one ulp:
 *
 *   exp, expm1, log, log1p, log2, sin, cos, tanh, pow, hypot
 *
 * Imports only errors/ (these functions take numbers and throw nothing:
 * like `Math.*` they return NaN outside their domain).
 */

/** eˣ. exp(−∞) = 0, exp(+∞) = ∞; overflows above ≈ 709.78, underflows below ≈ −745.13. Error < 0.52 ulp. */
export { exp } from './exp.js';
/** eˣ − 1, accurate for x near 0 (expm1(x) ≈ x + x²/2). Error < 0.65 ulp. */
export { expm1 } from './expm1.js';
/** ln x (natural logarithm); ln 0 = −∞, ln(x < 0) = NaN. Error < 0.65 ulp. */
export { log } from './log.js';
/** ln(1 + x), accurate for x near 0 (log1p(x) ≈ x − x²/2); log1p(−1) = −∞. Error < 0.65 ulp. */
export { log1p } from './log.js';
/** log₂ x; exact at powers of two. Error < 0.7 ulp. */
export { log2 } from './log2.js';
/** sin x for every finite x (reduction modulo π/2 over the whole double range); sin(±∞) = NaN. Error < 0.65 ulp. */
export { sin } from './sincos.js';
/** cos x for every finite x (reduction modulo π/2 over the whole double range); cos(±∞) = NaN. Error < 0.65 ulp. */
export { cos } from './sincos.js';
/** tanh x = (e^{2x} − 1)/(e^{2x} + 1); ±1 for |x| ≥ 19.1. Error < 0.9 ulp. */
export { tanh } from './tanh.js';
/** x^y with the special cases of ECMAScript's `**` (x < 0 needs an integer y). Error < 0.53 ulp. */
export { pow } from './pow.js';
/** √(x² + y²) without overflow or underflow in between; ∞ if either is ±∞. Error < 0.51 ulp (0.77 for a subnormal result). */
export { hypot } from './hypot.js';
