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
import * as linalg from '../linalg/index.js';
import { unary } from './helpers.js';
import type { Operand } from './graph.js';
import type { Var } from './var.js';

export function exp(x: Operand): Var {
  return unary('exp', x, Math.exp, (_x, y) => y);
}

export function log(x: Operand): Var {
  return unary('log', x, Math.log, (x) => 1 / x);
}

export function sqrt(x: Operand): Var {
  return unary('sqrt', x, Math.sqrt, (_x, y) => 0.5 / y);
}

export function abs(x: Operand): Var {
  return unary('abs', x, Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
}

export function sin(x: Operand): Var {
  return unary('sin', x, Math.sin, (x) => Math.cos(x));
}

export function cos(x: Operand): Var {
  return unary('cos', x, Math.cos, (x) => -Math.sin(x));
}

/** Entries limited to [lo, hi] (lo ≤ hi; either may be ±Infinity). */
export function clamp(x: Operand, lo: number, hi: number): Var {
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new linalg.ValueError(`clamp: expected lo ≤ hi, got lo = ${lo}, hi = ${hi}`);
  }
  return unary('clamp', x, (x) => (x < lo ? lo : x > hi ? hi : x), (x) => (x >= lo && x <= hi ? 1 : 0));
}
