/**
 * Element-wise functions and their local derivatives, y = f(x), ∂L/∂x = g ⊙ f′(x):
 *
 *   exp    y = eˣ                ∂y/∂x = y
 *   log    y = ln x   (x > 0)    ∂y/∂x = 1/x
 *   sqrt   y = √x     (x ≥ 0)    ∂y/∂x = 1/(2y)
 *   abs    y = |x|               ∂y/∂x = sign(x)           (0 at x = 0)
 *   sin    y = sin x             ∂y/∂x = cos x
 *   cos    y = cos x             ∂y/∂x = −sin x
 *   clamp  y = min(max(x, lo), hi)   ∂y/∂x = 1 if lo ≤ x ≤ hi, else 0
 *
 * Outside a function's domain the value is NaN (as Math gives), not an error.
 */
import { ValueError } from '../errors/index.js';
import * as math from '../math/index.js';
import { unary } from './helpers.js';
import { operand } from './graph.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';
import { assertBound } from './validate.js';

/** y = eˣ entry-wise; ∂L/∂x = g ⊙ y. */
export function exp(x: Operand): Var {
  return unary('exp', x, math.exp, (_x, y) => y);
}

/** y = ln x entry-wise (NaN for x < 0); ∂L/∂x = g ⊘ x. */
export function log(x: Operand): Var {
  return unary('log', x, math.log, (x) => 1 / x);
}

/** y = √x entry-wise (NaN for x < 0); ∂L/∂x = g ⊘ (2y). */
export function sqrt(x: Operand): Var {
  return unary('sqrt', x, Math.sqrt, (_x, y) => 0.5 / y);
}

/** y = |x| entry-wise; ∂L/∂x = g ⊙ sign(x), 0 at x = 0. */
export function abs(x: Operand): Var {
  return unary('abs', x, Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
}

/** y = sin x entry-wise; ∂L/∂x = g ⊙ cos x. */
export function sin(x: Operand): Var {
  return unary('sin', x, math.sin, math.cos);
}

/** y = cos x entry-wise; ∂L/∂x = −g ⊙ sin x. */
export function cos(x: Operand): Var {
  return unary('cos', x, math.cos, (x) => -math.sin(x));
}

/**
 * y = min(max(x, lo), hi) entry-wise, lo ≤ hi (either may be ±Infinity);
 * ∂L/∂x = g where lo ≤ x ≤ hi (both bounds included), else 0.
 */
export function clamp(x: Operand, lo: number, hi: number): Var {
  const v = operand(x, 'x', 'clamp');
  assertBound(lo, 'lo', 'clamp');
  assertBound(hi, 'hi', 'clamp');
  if (lo > hi) throw new ValueError(`clamp: expected lo ≤ hi, got lo = ${lo}, hi = ${hi}`);
  return unary('clamp', v, (x) => (x < lo ? lo : x > hi ? hi : x), (x) => (x >= lo && x <= hi ? 1 : 0));
}
