/**
 * Var — a node of the reverse-mode graph (EQ-AUTODIFF-04), in the manner of
 * micrograd: each op computes its output value and attaches one closure with
 * its local derivative; backward() walks the graph in reverse topological
 * order and accumulates
 *
 *   ∂L/∂xᵢ += (∂L/∂y)·(∂y/∂xᵢ)     for every op y = f(x₁, …, xₖ)
 *
 * so a node used twice receives the sum over both paths (chain rule over a DAG).
 *
 * A Var is `{ value, grad }` with `grad` a Tensor of the value's shape, which
 * is the parameter contract of the optimizers. Leaves and op nodes are made
 * in graph.ts (`variable`, `constant`, `customOp`, `noGrad`, `detach`).
 *
 * Ownership and lifetime:
 * - Ops capture their inputs' `value` tensors BY REFERENCE (and sometimes
 *   their own output). Mutating `value.data` between a forward pass and its
 *   backward pass gives wrong gradients; mutating it after backward (an
 *   optimizer step) is fine, since the next step builds a new graph.
 * - A node cannot be rewired: `requiresGrad`, `op`, `inputs` and `local` are
 *   fixed at construction (getters without setters; `inputs` is a frozen
 *   copy of the list it was given), and `value` is read-only in TypeScript.
 *   Only `name`, `grad` and the entries of `value.data` change.
 * - Leaves never point at the nodes built from them; only outputs point at
 *   their inputs. A graph is therefore garbage once its output is unreachable:
 *   no `tidy` or `dispose` is needed.
 * - Intermediate nodes keep their gradient after backward (for inspection,
 *   e.g. ∂L/∂z in the MLP of EQ-AUTODIFF-07); each backward pass replaces
 *   them, while leaves accumulate: call `zeroGrad` between steps.
 * - backward() is all or nothing: the sweep sums every contribution in a
 *   table of its own and writes the gradients only once it has finished, so
 *   a pass that throws (a local rule that returns the wrong kind or shape of
 *   gradient, or one that fails) leaves every gradient as it was.
 *
 * Printing: `toString()` (and Node's inspect hook, so console.log) shows the
 * name, the op and its inputs, whether a gradient is held, and the value
 * through linalg.format with its shape.
 *
 * What is checked: the constructor, the `grad` setter and backward's seed
 * like every public argument (errors/ and linalg's assertTensor), and the
 * gradients a local rule returns, during the sweep: an array with one entry
 * per input, each null or a Tensor of that input's shape. Their entries are
 * not scanned: a NaN or ±∞ in a rule's gradient is a value (as a NaN in a
 * forward value is) and flows to the leaves, where gradCheck finds it. A
 * seed's entries, which every gradient of the pass is multiplied by, must be
 * finite.
 */
import * as linalg from '../linalg/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import {
  ArgumentTypeError, ShapeError, ValueError, assertBoolean, assertFunction, assertInstance, assertNumber, assertOptions,
  describeValue, formatShape, isPlainObject,
} from '../errors/index.js';
import { assertLabel } from './validate.js';

/**
 * The local-gradient rule of an op y = f(x₁, …, xₖ): given g = ∂L/∂y (the
 * shape of y), return ∂L/∂xᵢ = (∂y/∂xᵢ)ᵀg for each input xᵢ (a Tensor of the
 * shape of xᵢ), or null where none is needed: an array with one entry per
 * input. Returned tensors are read, never kept or mutated, by the engine.
 * backward() checks what comes back (ArgumentTypeError for the wrong kind,
 * ValueError for the wrong count, ShapeError for the wrong shape) before it
 * writes any gradient; NaN and ±∞ entries pass as values. An error the rule
 * throws itself reaches the caller as it is, with no gradient written.
 */
export type LocalGradient = (g: Tensor) => readonly (Tensor | null)[];

/** Options of a leaf. */
export interface VarOptions {
  /** Does backward() compute ∂L/∂(this)? Default true. */
  requiresGrad?: boolean | undefined;
  /** A label for messages and printing. Default none. */
  name?: string | undefined;
}

/** What makes a node an op's output: the op's name, its inputs and its local-gradient rule (customOp). */
export interface OpNode {
  op: string;
  inputs: readonly Var[];
  local: LocalGradient;
}

/** Internal (engine): replace the gradient buffer (null resets it); the shape is the caller's to check. */
let writeGrad: (v: Var, g: Tensor | null) => void;
/** Internal (engine): the gradient if allocated, without allocating. */
let readGrad: (v: Var) => Tensor | null;

/** The key under which Node's util.inspect (and so console.log) looks for a custom printout; no import of Node needed. */
const inspect: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/** An input in a printout: its name, or the op that made it. */
const describeInput = (x: Var): string => (x.name === undefined ? x.op : `'${x.name}'`);

/** The inputs of every leaf: none. */
const NO_INPUTS: readonly Var[] = Object.freeze([]);

/**
 * A node of the graph: a value x (a Tensor), and after backward() the
 * gradient ∂L/∂x of the output L it was called on. A leaf is made with
 * `variable` or `constant` (or `new Var(value, options)`); an op's output
 * with the op, or `customOp`.
 */
export class Var {
  /** The forward value (read-only: optimizers update `value.data` in place, never `value`). */
  readonly value: Tensor;
  /** A label for messages and printing. */
  name: string | undefined;
  private g: Tensor | null = null;
  // The node's place in the graph, fixed at construction (exposed through getters only).
  readonly #requiresGrad: boolean;
  readonly #op: string;
  readonly #inputs: readonly Var[];
  readonly #local: LocalGradient | null;

  /**
   * A leaf holding `value` (not copied). Options: `requiresGrad` (default
   * true), `name` (default none). `node` is for customOp: the op's name, its
   * inputs and its local-gradient rule.
   */
  constructor(value: Tensor, options?: VarOptions, node?: OpNode) {
    assertTensor(value, 'value', 'Var');
    const { requiresGrad = true, name } = assertOptions(options, ['requiresGrad', 'name'], 'Var');
    assertBoolean(requiresGrad, 'requiresGrad', 'Var');
    if (name !== undefined) assertLabel(name, 'name', 'Var');
    if (node !== undefined) {
      if (!isPlainObject(node)) {
        throw new ArgumentTypeError(`Var: node must be { op, inputs, local } (or absent for a leaf), got ${describeValue(node)}; customOp builds one`);
      }
      assertOpNode(node.op, node.inputs, node.local, 'Var');
    }
    this.value = value;
    this.name = name;
    this.#requiresGrad = requiresGrad;
    this.#op = node?.op ?? 'leaf';
    this.#inputs = node === undefined ? NO_INPUTS : Object.freeze([...node.inputs]);
    this.#local = node?.local ?? null;
  }

  /** Does backward() compute ∂L/∂(this)? Fixed at construction. */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  /** The op that made this node ('leaf' for leaves). Fixed at construction. */
  get op(): string {
    return this.#op;
  }

  /** The inputs of the op (empty for leaves and for nodes built under noGrad): a frozen list, fixed at construction. */
  get inputs(): readonly Var[] {
    return this.#inputs;
  }

  /** The local-gradient rule (null for leaves). Fixed at construction. */
  get local(): LocalGradient | null {
    return this.#local;
  }

  /** ∂L/∂(this), a Tensor of the value's shape (zeros until a backward pass reaches it). */
  get grad(): Tensor {
    return (this.g ??= linalg.zeros(this.value.shape));
  }

  /** Replace ∂L/∂(this) by a Tensor of the value's shape (kept, not copied). */
  set grad(g: Tensor) {
    assertTensor(g, 'grad', 'Var.grad');
    if (!linalg.sameShape(g.shape, this.value.shape)) {
      throw new ShapeError(`Var.grad: gradient shape ${formatShape(g.shape)} does not match value shape ${formatShape(this.value.shape)}`);
    }
    this.g = g;
  }

  /** The shape of the value. */
  get shape(): readonly number[] {
    return this.value.shape;
  }

  /** The single entry of a one-entry value. */
  item(): number {
    const data = this.value.data;
    const only = data[0];
    if (data.length !== 1 || only === undefined) throw new ShapeError(`Var.item: expected one entry, got shape ${formatShape(this.value.shape)}`);
    return only;
  }

  /** Set ∂L/∂(this) to zero (in place, so a held `grad` tensor stays valid). */
  zeroGrad(): void {
    this.g?.data.fill(0);
  }

  /**
   * Reverse-mode sweep from this node y (EQ-AUTODIFF-04): seed ∂L/∂y = seed
   * (default 1, allowed only for a one-entry value; a number fills y's
   * shape), then apply each op's local rule in reverse topological order,
   * the chain rule ∂L/∂xᵢ += (∂y/∂xᵢ)ᵀ·∂L/∂y summed over every path. Leaves
   * accumulate (+=); op nodes get this pass's gradient. All or nothing.
   */
  backward(seed?: Tensor | number): void {
    sweep(this, seed, 'Var.backward');
  }

  /**
   * A readable printout: the name, the op and its inputs, whether a gradient
   * is held, and the value through linalg.format (with its shape):
   *
   *   Var 'h' (mul of 'x', 'w'; grad: none yet)
   *   tensor([ 3.0, -8.0], shape [2])
   */
  toString(): string {
    const label = this.name === undefined ? 'Var' : `Var '${this.name}'`;
    const made = this.inputs.length === 0 ? this.op : `${this.op} of ${this.inputs.map(describeInput).join(', ')}`;
    const gradient = !this.requiresGrad ? 'constant' : this.g === null ? 'grad: none yet' : 'grad: held';
    return `${label} (${made}; ${gradient})\n${linalg.format(this.value)}`;
  }

  /** Node's util.inspect and console.log show the printout of toString. */
  [inspect](): string {
    return this.toString();
  }

  static {
    // The engine's unchecked access to the gradient buffer, private to this file.
    writeGrad = (v, g) => {
      v.g = g;
    };
    readGrad = (v) => v.g;
  }
}

/**
 * Throw unless (op, inputs, local) make an op node: a string, an array of
 * Vars and a function. `where` is the public function called (customOp, Var).
 */
export function assertOpNode(op: unknown, inputs: unknown, local: unknown, where: string): void {
  assertLabel(op, 'op', where);
  if (!Array.isArray(inputs)) throw new ArgumentTypeError(`${where}: inputs must be an array of Vars, got ${describeValue(inputs)}`);
  inputs.forEach((x: unknown, i) => assertInstance(x, Var, `inputs[${i}]`, where));
  assertFunction(local, 'local', where);
}

/**
 * The nodes reachable from `root` through inputs that require gradients,
 * each after all of its inputs (depth-first, iterative so deep graphs such
 * as long RNN unrolls do not overflow the call stack): the order in which
 * a forward pass may compute them; backward() walks it in reverse.
 */
export function topologicalOrder(root: Var): Var[] {
  assertInstance(root, Var, 'root', 'topologicalOrder');
  return orderFrom(root);
}

/** topologicalOrder without the check. Internal: root is a Var. */
function orderFrom(root: Var): Var[] {
  const order: Var[] = [];
  const seen = new Set<Var>([root]);
  const stack: { node: Var; next: number }[] = [{ node: root, next: 0 }];
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const input = top.node.inputs[top.next];
    if (input !== undefined) {
      top.next++;
      if (input.requiresGrad && !seen.has(input)) {
        seen.add(input);
        stack.push({ node: input, next: 0 });
      }
    } else {
      stack.pop();
      order.push(top.node);
    }
  }
  return order;
}

/** The seed ∂L/∂y of a pass from `root`, checked (see backward). Internal. */
function seedOf(root: Var, seed: unknown, where: string): Tensor {
  const shape = root.value.shape;
  if (seed === undefined) {
    if (root.value.data.length !== 1) {
      throw new ValueError(`${where}: the output has shape ${formatShape(shape)}, not a scalar; pass a seed gradient ∂L/∂y of that shape`);
    }
    return linalg.full(shape, 1);
  }
  if (typeof seed === 'number') return linalg.full(shape, assertNumber(seed, 'seed', where));
  assertTensor(seed, 'seed', where);
  if (!linalg.sameShape(seed.shape, shape)) {
    throw new ShapeError(`${where}: seed shape ${formatShape(seed.shape)} does not match output shape ${formatShape(shape)}`);
  }
  const bad = seed.data.findIndex((s) => !Number.isFinite(s));
  if (bad >= 0) throw new ValueError(`${where}: the seed's entries must be finite, got ${seed.data[bad]} at ${bad}`);
  return seed;
}

/**
 * The gradients a node's rule returned, checked: an array with one entry
 * per input, each null or a Tensor of that input's shape. Internal.
 */
function contributionsOf(node: Var, returned: unknown, where: string): readonly (Tensor | null)[] {
  const inputs = node.inputs;
  const rule = `the local rule of '${node.op}'`;
  if (!Array.isArray(returned)) {
    throw new ArgumentTypeError(`${where}: ${rule} must return an array (a Tensor or null per input), got ${describeValue(returned)}`);
  }
  if (returned.length !== inputs.length) {
    throw new ValueError(`${where}: ${rule} returned ${returned.length} gradients for ${inputs.length} inputs`);
  }
  inputs.forEach((x, i) => {
    const c: unknown = returned[i];
    if (c === null) return;
    assertTensor(c, `the local gradient of '${node.op}' for input ${i} (a Tensor, or null for none)`, where);
    if (!linalg.sameShape(c.shape, x.value.shape)) {
      throw new ShapeError(`${where}: the local gradient of '${node.op}' for input ${i} has shape ${formatShape(c.shape)}, but that input has shape ${formatShape(x.value.shape)}`);
    }
  });
  return returned as readonly (Tensor | null)[];
}

/** grads[x] += c, copying c on the first contribution. Internal: c has x's shape. */
function accumulate(grads: Map<Var, Tensor>, x: Var, c: Tensor): void {
  const g = grads.get(x);
  if (g === undefined) grads.set(x, { shape: [...x.value.shape], data: c.data.slice() });
  else linalg.addScaledInto(g, c); // g += 1·c: the product by 1 is exact
}

/**
 * The reverse sweep from `root` (EQ-AUTODIFF-04), as a function:
 * `backward(y, seed)` is `y.backward(seed)`. For every op y = f(x₁, …, xₖ)
 * in reverse topological order, ∂L/∂xᵢ += (∂y/∂xᵢ)ᵀ·∂L/∂y (the chain rule,
 * summed over every path); ∂L/∂root = seed (default 1 for a one-entry root;
 * a number fills root's shape). Leaves accumulate; all or nothing.
 */
export function backward(root: Var, seed?: Tensor | number): void {
  assertInstance(root, Var, 'root', 'backward');
  sweep(root, seed, 'backward');
}

/** The reverse sweep; `where` is the public function called (backward, Var.backward). */
function sweep(root: Var, seed: unknown, where: string): void {
  if (!root.requiresGrad) throw new ValueError(`${where}: the output ('${root.op}') does not depend on any Var that requires a gradient`);
  const s = seedOf(root, seed, where);
  const order = orderFrom(root);
  const grads = new Map<Var, Tensor>(); // ∂L/∂v of this pass, for every v reached
  accumulate(grads, root, s);
  for (let n = order.length - 1; n >= 0; n--) {
    const node = order[n]!;
    const g = grads.get(node);
    if (node.local === null || g === undefined) continue;
    const contributions = contributionsOf(node, node.local(g), where);
    node.inputs.forEach((x, i) => {
      const c = contributions[i];
      if (c != null && x.requiresGrad) accumulate(grads, x, c);
    });
  }
  // The sweep has finished: now write. Op nodes take this pass's gradient
  // (none if no path reached them); leaves add it in place.
  for (const node of order) {
    const g = grads.get(node) ?? null;
    const held = readGrad(node);
    if (node.local !== null || held === null) writeGrad(node, g);
    else if (g !== null) linalg.addScaledInto(held, g);
  }
}
