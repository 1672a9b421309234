/**
 * Recording the graph: leaves (`variable`, `constant`), operands (`lift`),
 * op nodes (`customOp`, which every op of this module goes through), and
 * switching the recording off (`noGrad`) or cutting a node out (`detach`).
 *
 * A node records its inputs only when some input requires a gradient and
 * noGrad is not active; otherwise it is a constant leaf, and a graph built
 * for evaluation costs no more memory than its values.
 *
 * An operand of an op is a Var, a Tensor or a number (both taken as
 * constants); anything else, a nested JavaScript array included, is an
 * ArgumentTypeError that says how to make one (`operand`, used at the top
 * of every op).
 */
import * as linalg from '../linalg/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { ArgumentTypeError, assertFunction, assertInstance, describeValue } from '../errors/index.js';
import { Var } from './var.js';
import type { LocalGradient } from './var.js';
import { assertLabel, renamed } from './validate.js';
import { assertOpNode } from './var.js';

/** Anything an op accepts: a Var, or a Tensor or number taken as a constant. */
export type Operand = Var | Tensor | number;

/**
 * Throw unless `x` is an operand (a Var, a Tensor or a number); return it as
 * a Var (see lift). `name` is the argument's name, `where` the public function called.
 */
export function operand(x: unknown, name: string, where: string): Var {
  if (x instanceof Var) return x;
  if (typeof x === 'number') return new Var(linalg.scalar(x), { requiresGrad: false });
  const expected = `${where}: ${name} must be a Var, a Tensor or a number`;
  if (Array.isArray(x)) {
    throw new ArgumentTypeError(`${expected}, got ${describeValue(x)}; make a constant of it with constant(…), or a leaf that wants gradients with variable(…)`);
  }
  const tensorLike = ArrayBuffer.isView(x) || (typeof x === 'object' && x !== null && ('data' in x || 'shape' in x));
  if (!tensorLike) throw new ArgumentTypeError(`${expected}, got ${describeValue(x)}`);
  assertTensor(x, name, where); // what is wrong with it, and how to make a Tensor
  return new Var(x, { requiresGrad: false });
}

/** A Var for an operand: Vars as they are, Tensors (shared) and numbers as constants. */
export function lift(x: Operand): Var {
  return operand(x, 'x', 'lift');
}

/** A Tensor for a leaf's value: a Tensor as it is (shared), a number or a nested array copied. Internal. */
function leafValue(x: unknown, where: string): Tensor {
  if (typeof x === 'number') return linalg.scalar(x);
  if (Array.isArray(x)) return renamed(where, 'x must be a rectangular nested array of numbers', () => linalg.fromArray(x as linalg.NestedArray));
  if (x instanceof Var) {
    throw new ArgumentTypeError(`${where}: x must be a Tensor, a number or a nested array, got a Var; detach(v) gives a constant with its value`);
  }
  assertTensor(x, 'x', where);
  return x;
}

/**
 * A leaf x that wants gradients (backward() fills x.grad = ∂L/∂x), from a
 * Tensor (shared), a number or a nested array (copied); `name` labels it.
 */
export function variable(x: Tensor | linalg.NestedArray, name?: string): Var {
  if (name !== undefined) assertLabel(name, 'name', 'variable');
  return new Var(leafValue(x, 'variable'), { name });
}

/** A leaf without gradients (data, targets, masks), from what `variable` takes. */
export function constant(x: Tensor | linalg.NestedArray, name?: string): Var {
  if (name !== undefined) assertLabel(name, 'name', 'constant');
  return new Var(leafValue(x, 'constant'), { requiresGrad: false, name });
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
  assertFunction(fn, 'fn', 'noGrad');
  noGradDepth++;
  try {
    return fn();
  } finally {
    noGradDepth--;
  }
}

/** A Var sharing v's value (not copied) but cut from the graph: no gradient flows through it. */
export function detach(v: Var): Var {
  assertInstance(v, Var, 'v', 'detach');
  return new Var(v.value, { requiresGrad: false, name: v.name });
}

/**
 * An op's output node y = f(x₁, …, xₖ) for ops the library lacks: `value`
 * is y (computed by the caller), `local` maps g = ∂L/∂y to ∂L/∂xᵢ for each
 * input (see LocalGradient; backward checks what it returns). The graph is
 * recorded only if some input requires a gradient and noGrad is not active.
 */
export function customOp(op: string, value: Tensor, inputs: readonly Var[], local: LocalGradient): Var {
  assertLabel(op, 'op', 'customOp');
  assertTensor(value, 'value', 'customOp');
  assertOpNode(op, inputs, local, 'customOp');
  return record(op, value, inputs, local);
}

/** customOp without the checks, for the ops of this module. Internal: the arguments are valid. */
export function record(op: string, value: Tensor, inputs: readonly Var[], local: LocalGradient): Var {
  if (noGradDepth === 0 && inputs.some((x) => x.requiresGrad)) return new Var(value, {}, { op, inputs, local });
  return new Var(value, { requiresGrad: false });
}

/** Set ∂L/∂v to zero for every Var v in the list (an array or any iterable); all checked first. */
export function zeroGrad(vars: Iterable<Var>): void {
  if (vars instanceof Var) throw new ArgumentTypeError('zeroGrad: vars must be a list of Vars, got one Var; call v.zeroGrad(), or zeroGrad([v])');
  const iterable = typeof vars === 'object' && vars !== null && typeof (vars as Partial<Iterable<Var>>)[Symbol.iterator] === 'function';
  if (!iterable) throw new ArgumentTypeError(`zeroGrad: vars must be an array (or iterable) of Vars, got ${describeValue(vars)}`);
  const list = Array.from(vars);
  list.forEach((v, i) => assertInstance(v, Var, `vars[${i}]`, 'zeroGrad'));
  for (const v of list) v.zeroGrad();
}
