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
 * - Leaves never point at the nodes built from them; only outputs point at
 *   their inputs. A graph is therefore garbage once its output is unreachable:
 *   no `tidy` or `dispose` is needed.
 * - Intermediate nodes keep their gradient after backward (for inspection,
 *   e.g. ∂L/∂z in the MLP of EQ-AUTODIFF-07); each backward pass replaces
 *   them, while leaves accumulate: call `zeroGrad` between steps.
 * - backward() is all or nothing: the sweep sums every contribution in a
 *   table of its own and writes the gradients only once it has finished, so
 *   a pass that throws (a local rule of the wrong shape, or one that fails)
 *   leaves every gradient as it was.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

const { ShapeError, ValueError, formatShape } = linalg;

/**
 * The local-gradient rule of an op: given g = ∂L/∂y (the shape of y), return
 * ∂L/∂xᵢ for each input xᵢ (the shape of xᵢ), or null where none is needed.
 * Returned tensors are read, never kept or mutated, by the engine.
 */
export type LocalGradient = (g: Tensor) => readonly (Tensor | null)[];

export interface VarOptions {
  /** Does backward() compute ∂L/∂(this)? Default true. */
  requiresGrad?: boolean;
  /** A label for messages and printing. */
  name?: string;
}

/** Internal (engine): replace the gradient buffer (null resets it); the shape is the caller's to check. */
let writeGrad: (v: Var, g: Tensor | null) => void;
/** Internal (engine): the gradient if allocated, without allocating. */
let readGrad: (v: Var) => Tensor | null;

export class Var {
  /** The forward value. Optimizers update `value.data` in place. */
  readonly value: Tensor;
  readonly requiresGrad: boolean;
  /** The op that made this node ('leaf' for leaves). */
  readonly op: string;
  /** The inputs of the op (empty for leaves and for nodes built under noGrad). */
  readonly inputs: readonly Var[];
  /** The local-gradient rule; null for leaves. */
  readonly local: LocalGradient | null;
  name: string | undefined;
  private g: Tensor | null = null;

  /**
   * A leaf holding `value` (not copied). `node` is for customOp only: the
   * op's name, its inputs and its local-gradient rule.
   */
  constructor(value: Tensor, options: VarOptions = {}, node?: { op: string; inputs: readonly Var[]; local: LocalGradient }) {
    this.value = value;
    this.requiresGrad = options.requiresGrad ?? true;
    this.name = options.name;
    this.op = node?.op ?? 'leaf';
    this.inputs = node?.inputs ?? [];
    this.local = node?.local ?? null;
  }

  /** ∂L/∂(this), a Tensor of the value's shape (zeros until a backward pass reaches it). */
  get grad(): Tensor {
    return (this.g ??= linalg.zeros(this.value.shape));
  }

  set grad(g: Tensor) {
    if (!linalg.sameShape(g.shape, this.value.shape)) {
      throw new ShapeError(`Var.grad: gradient shape ${formatShape(g.shape)} does not match value shape ${formatShape(this.value.shape)}`);
    }
    this.g = g;
  }

  get shape(): readonly number[] {
    return this.value.shape;
  }

  /** The single entry of a one-entry value. */
  item(): number {
    if (this.value.data.length !== 1) throw new ShapeError(`Var.item: expected one entry, got shape ${formatShape(this.value.shape)}`);
    return this.value.data[0];
  }

  /** Set ∂L/∂(this) to zero (in place, so a held `grad` tensor stays valid). */
  zeroGrad(): void {
    this.g?.data.fill(0);
  }

  /**
   * Reverse-mode sweep from this node: seed ∂L/∂(this) = seed (default 1,
   * allowed only for a one-entry value), then apply each op's local rule in
   * reverse topological order. Leaves accumulate (+=).
   */
  backward(seed?: Tensor | number): void {
    backward(this, seed);
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
 * The nodes reachable from `root` through inputs that require gradients,
 * each after all of its inputs (depth-first, iterative so deep graphs such
 * as long RNN unrolls do not overflow the call stack).
 */
export function topologicalOrder(root: Var): Var[] {
  const order: Var[] = [];
  const seen = new Set<Var>([root]);
  const stack: { node: Var; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.inputs.length) {
      const input = top.node.inputs[top.next++];
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

/** grads[x] += c, copying c on the first contribution. */
function accumulate(grads: Map<Var, Tensor>, x: Var, c: Tensor, from: Var, i: number): void {
  if (!linalg.sameShape(c.shape, x.value.shape)) {
    throw new ShapeError(`backward: the local gradient of '${from.op}' for input ${i} has shape ${formatShape(c.shape)}, but that input has shape ${formatShape(x.value.shape)}`);
  }
  const g = grads.get(x);
  if (g === undefined) {
    grads.set(x, { shape: [...x.value.shape], data: c.data.slice() });
    return;
  }
  linalg.addScaledInto(g, c); // g += 1·c: the product by 1 is exact
}

/** The reverse sweep (see Var.backward). */
export function backward(root: Var, seed?: Tensor | number): void {
  if (!root.requiresGrad) throw new ValueError(`backward: the output ('${root.op}') does not depend on any Var that requires a gradient`);
  let s: Tensor;
  if (seed === undefined) {
    if (root.value.data.length !== 1) {
      throw new ValueError(`backward: the output has shape ${formatShape(root.value.shape)}, not a scalar; pass a seed gradient ∂L/∂y of that shape`);
    }
    s = linalg.full(root.value.shape, 1);
  } else {
    s = typeof seed === 'number' ? linalg.full(root.value.shape, seed) : seed;
    if (!linalg.sameShape(s.shape, root.value.shape)) {
      throw new ShapeError(`backward: seed shape ${formatShape(s.shape)} does not match output shape ${formatShape(root.value.shape)}`);
    }
  }
  const order = topologicalOrder(root);
  const grads = new Map<Var, Tensor>(); // ∂L/∂v of this pass, for every v reached
  accumulate(grads, root, s, root, 0);
  for (let n = order.length - 1; n >= 0; n--) {
    const node = order[n];
    const g = grads.get(node);
    if (node.local === null || g === undefined) continue;
    const contributions = node.local(g);
    for (let i = 0; i < node.inputs.length; i++) {
      const c = contributions[i];
      if (c != null && node.inputs[i].requiresGrad) accumulate(grads, node.inputs[i], c, node, i);
    }
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
