/**
 * Recording the graph: leaves (`variable`, `constant`), operands (`lift`),
 * op nodes (`customOp`, which every op of this module goes through), and
 * switching the recording off (`noGrad`) or cutting a node out (`detach`).
 *
 * A node records its inputs only when some input requires a gradient and
 * noGrad is not active; otherwise it is a constant leaf, and a graph built
 * for evaluation costs no more memory than its values.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { LocalGradient, Var } from './var.js';

/** Anything an op accepts: a Var, or a Tensor or number taken as a constant. */
export type Operand = Var | Tensor | number;

/** A Var for an operand: Vars as they are, tensors and numbers as constants. */
export function lift(x: Operand): Var {
  if (x instanceof Var) return x;
  return new Var(typeof x === 'number' ? linalg.scalar(x) : x, { requiresGrad: false });
}

/** A leaf that wants gradients, from a Tensor (shared), a number, or a nested array (copied). */
export function variable(x: Tensor | linalg.NestedArray, name?: string): Var {
  return new Var(toTensor(x), { name });
}

/** A leaf without gradients (data, targets, masks). */
export function constant(x: Tensor | linalg.NestedArray, name?: string): Var {
  return new Var(toTensor(x), { requiresGrad: false, name });
}

function toTensor(x: Tensor | linalg.NestedArray): Tensor {
  if (typeof x === 'number') return linalg.scalar(x);
  return Array.isArray(x) ? linalg.fromArray(x) : (x as Tensor);
}

let noGradDepth = 0;

/** Is the graph being recorded (false inside noGrad)? */
export function isGradEnabled(): boolean {
  return noGradDepth === 0;
}

/**
 * Run fn without recording the graph: every op inside returns a node with
 * no inputs and no rule. Nests, and restores the previous state when fn
 * throws. For synchronous functions (an async fn leaves before it finishes).
 */
export function noGrad<T>(fn: () => T): T {
  noGradDepth++;
  try {
    return fn();
  } finally {
    noGradDepth--;
  }
}

/** A Var sharing v's value (not copied) but cut from the graph: no gradient flows through it. */
export function detach(v: Var): Var {
  return new Var(v.value, { requiresGrad: false, name: v.name });
}

/**
 * Build an op's output node: `value` is y = f(inputs), `local` maps ∂L/∂y to
 * ∂L/∂xᵢ. Public, for ops the library lacks. The graph is recorded only if
 * some input requires a gradient and noGrad is not active.
 */
export function customOp(op: string, value: Tensor, inputs: readonly Var[], local: LocalGradient): Var {
  if (noGradDepth === 0 && inputs.some((x) => x.requiresGrad)) return new Var(value, {}, { op, inputs, local });
  return new Var(value, { requiresGrad: false });
}

/** Set the gradient of every Var in the list to zero. */
export function zeroGrad(vars: Iterable<Var>): void {
  for (const v of vars) v.zeroGrad();
}
