/**
 * Module — the contract of every layer and network (PyTorch's `nn.Module`):
 *
 *   y = module.forward(x)                 x, y: Var (rows are samples: X is n×d)
 *   module.parameters()                   the trainable Vars θ, each once
 *   module.namedParameters()              [['0.W', W⁽¹⁾], ['0.b', b⁽¹⁾], ['2.W', W⁽²⁾], …]
 *   module.train() / module.eval()        the mode, read as `module.training`
 *   module.stateDict() / loadStateDict()  names → saved tensors (JSON), bit for bit
 *   module.summary([n, d])                each layer, its output shape, its parameter count
 *
 * A subclass declares what it owns in its constructor:
 *
 *   this.W = this.registerParameter('W', weights);   // a trainable Var (or an existing one, tied)
 *   this.registerBuffer('runningMean', tensor);       // saved state, not trained
 *   this.registerModule('0', layer);                   // a child, named in dotted paths
 *
 * Names are dotted paths through the children ('0.W', 'trunk.1.b'), in
 * registration order: a module's own parameters first, then its children's.
 * A Var or child reached twice (weight tying, a layer used twice) is listed
 * once, under its first name, so an optimizer never steps it twice.
 *
 * State: `stateDict()` is plain JSON data, parameters then buffers, each as
 * linalg's `tensorToJSON` writes it (finite doubles as numbers, NaN/±∞/−0 as
 * strings), so `JSON.stringify` keeps every bit. `loadStateDict(dict)` checks
 * every name (none missing, none unexpected) and every shape before it
 * copies anything, then copies the values into the existing tensors in place:
 * the Vars stay the same objects, so an optimizer holding them keeps working.
 * On any error the module is left as it was. `toJSON()` is `stateDict()`.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertInstance, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor, TensorJSON } from '../linalg/index.js';
import { Var, constant, noGrad } from '../autodiff/index.js';

/** A saved state: dotted name → tensor as `tensorToJSON` writes it. */
export type StateDict = Record<string, TensorJSON>;

/** One line of a summary: a layer, its output shape for the given input, and its parameter count. */
export interface SummaryRow {
  /** The dotted path of the layer ('' for the module itself). */
  name: string;
  /** The layer as `toString()` describes it, e.g. 'Dense(2 → 3)'. */
  layer: string;
  outputShape: number[];
  /** Σ sizes of its parameters (children included for a leaf row). */
  parameters: number;
}

/** Throw unless `x` is a Var; `where` is the public method called (e.g. 'Dense.forward'). */
export function assertVar(x: unknown, where: string): asserts x is Var {
  assertInstance(x, Var, 'x', where);
}

export abstract class Module {
  private mode = true;
  private readonly ownParameters: [string, Var][] = [];
  private readonly ownBuffers: [string, Tensor][] = [];
  private readonly ownChildren: [string, Module][] = [];

  /** y = f(x). Rows of x are samples; shapes are each layer's to document. */
  abstract forward(x: Var): Var;

  /** true in training mode (the default), false after `eval()`. */
  get training(): boolean {
    return this.mode;
  }

  /** Set training mode (`mode` true) or evaluation mode on this module and every descendant. Returns this. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new ArgumentTypeError(`${this.constructor.name}.train: mode must be true or false, got ${describeValue(mode)}`);
    for (const m of this.modules()) m.mode = mode;
    return this;
  }

  /** Evaluation mode on this module and every descendant (`train(false)`). Returns this. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Register a trainable parameter under `name`: a leaf Var made from the
   * tensor `value` (not copied), or an existing Var, which ties this
   * parameter to wherever else that Var is registered (it is then listed
   * once, under its first name).
   */
  protected registerParameter(name: string, value: Tensor | Var): Var {
    this.claim(name);
    if (value instanceof Var && !value.requiresGrad) {
      throw new ValueError(`${this.constructor.name}: the parameter '${name}' must require a gradient; got a constant Var`);
    }
    const v = value instanceof Var ? value : new Var(value, { name });
    this.ownParameters.push([name, v]);
    return v;
  }

  /** Register saved, untrained state (running statistics, …) under `name`. */
  protected registerBuffer(name: string, value: Tensor): Tensor {
    this.claim(name);
    this.ownBuffers.push([name, value]);
    return value;
  }

  /** Register a child module under `name`; its names appear as `name.…`. */
  protected registerModule<M extends Module>(name: string, child: M): M {
    this.claim(name);
    this.ownChildren.push([name, child]);
    return child;
  }

  /** Internal: a name is used once per module and holds no dot. */
  private claim(name: string): void {
    const taken = [...this.ownParameters, ...this.ownBuffers, ...this.ownChildren].some(([n]) => n === name);
    if (typeof name !== 'string' || name === '' || name.includes('.') || taken) {
      throw new ValueError(`${this.constructor.name}: the name ${describeValue(name)} is empty, holds a dot, or is already registered`);
    }
  }

  /** This module and every descendant, each once, depth first in registration order. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** [dotted name, module] for this module ('') and every descendant, each once. */
  namedModules(): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    const visit = (prefix: string, m: Module): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([prefix, m]);
      for (const [name, child] of m.ownChildren) visit(prefix === '' ? name : `${prefix}.${name}`, child);
    };
    visit('', this);
    return out;
  }

  /** The direct children, in registration order. */
  children(): Module[] {
    return this.ownChildren.map(([, m]) => m);
  }

  /** [dotted name, parameter] for every trainable Var, each once (own first, then children's). */
  namedParameters(): [string, Var][] {
    const out: [string, Var][] = [];
    const seen = new Set<Var>();
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, v] of m.ownParameters) {
        if (seen.has(v)) continue;
        seen.add(v);
        out.push([prefix === '' ? name : `${prefix}.${name}`, v]);
      }
    }
    return out;
  }

  /** Every trainable Var θ, each once, in the order of `namedParameters()`. */
  parameters(): Var[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** [dotted name, tensor] for every buffer, each once. */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, t] of m.ownBuffers) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push([prefix === '' ? name : `${prefix}.${name}`, t]);
      }
    }
    return out;
  }

  /** Σ over the parameters of their sizes (the number of trainable scalars). */
  numParameters(): number {
    let count = 0;
    for (const v of this.parameters()) count += v.value.data.length;
    return count;
  }

  /** Set every parameter's gradient to zero. */
  zeroGrad(): void {
    for (const v of this.parameters()) v.zeroGrad();
  }

  /** Parameters, then buffers: dotted name → `tensorToJSON` of the current value (a copy). */
  stateDict(): StateDict {
    const dict: StateDict = {};
    for (const [name, v] of this.namedParameters()) dict[name] = linalg.tensorToJSON(v.value);
    for (const [name, t] of this.namedBuffers()) dict[name] = linalg.tensorToJSON(t);
    return dict;
  }

  /** The saved state (`stateDict()`), so that `JSON.stringify(model)` saves it. */
  toJSON(): StateDict {
    return this.stateDict();
  }

  /**
   * Restore a saved state in place. Every name of `stateDict()` must be
   * present with the same shape, and no other name (ValueError for a
   * missing or unexpected name, ShapeError for a shape, ArgumentTypeError or
   * ValueError for a malformed entry); nothing changes unless all pass.
   * Returns this.
   */
  loadStateDict(dict: unknown): this {
    const where = `${this.constructor.name}.loadStateDict`;
    if (!isPlainObject(dict)) {
      throw new ArgumentTypeError(`${where}: expected a state dict { name: { shape, data } } as stateDict() returns, got ${describeValue(dict)}`);
    }
    const targets = new Map<string, Tensor>();
    for (const [name, v] of this.namedParameters()) targets.set(name, v.value);
    for (const [name, t] of this.namedBuffers()) targets.set(name, t);
    const unexpected = Object.keys(dict).filter((name) => !targets.has(name));
    if (unexpected.length > 0) {
      throw new ValueError(`${where}: unexpected name${unexpected.length > 1 ? 's' : ''} ${unexpected.map((n) => `'${n}'`).join(', ')}; the model's names are ${[...targets.keys()].join(', ')}`);
    }
    const loaded: [Tensor, Tensor][] = [];
    for (const [name, target] of targets) {
      if (!(name in dict)) throw new ValueError(`${where}: missing '${name}' (shape ${formatShape(target.shape)})`);
      const t = linalg.tensorFromJSON(dict[name], `'${name}'`, where);
      if (!linalg.sameShape(t.shape, target.shape)) {
        throw new ShapeError(`${where}: '${name}' has shape ${formatShape(t.shape)}, but the model's has shape ${formatShape(target.shape)}`);
      }
      loaded.push([target, t]);
    }
    for (const [target, t] of loaded) target.data.set(t.data);
    return this;
  }

  /**
   * The output shape for an input of `inputShape`. The default runs
   * `forward` on zeros without recording a graph; a layer whose forward
   * draws random numbers or changes state must override it.
   */
  outputShape(inputShape: readonly number[]): number[] {
    const where = `${this.constructor.name}.outputShape`;
    linalg.assertShape(inputShape, 'inputShape', where);
    return [...noGrad(() => this.forward(constant(linalg.zeros(inputShape)))).value.shape];
  }

  /**
   * The rows of `summary`: one per layer with its output shape and
   * parameter count. A leaf module is one row; containers (Sequential)
   * list their layers in turn.
   */
  layerSummary(inputShape: readonly number[]): SummaryRow[] {
    return [{ name: '', layer: this.toString(), outputShape: this.outputShape(inputShape), parameters: this.numParameters() }];
  }

  /**
   * A table of the layers for an input of `inputShape` (batch first, e.g.
   * [32, 784]): name, layer, output shape, parameter count, then the total.
   */
  summary(inputShape: readonly number[]): string {
    linalg.assertShape(inputShape, 'inputShape', `${this.constructor.name}.summary`);
    const rows = this.layerSummary(inputShape);
    const cells = [
      ['name', 'layer', 'output shape', 'parameters'],
      ...rows.map((r) => [r.name || '(self)', r.layer, formatShape(r.outputShape), String(r.parameters)]),
    ];
    const widths = [0, 1, 2, 3].map((k) => Math.max(...cells.map((c) => c[k]!.length)));
    const line = (c: string[]): string => c.map((s, k) => (k === 3 ? s.padStart(widths[k]!) : s.padEnd(widths[k]!))).join('  ').trimEnd();
    const rule = '-'.repeat(widths.reduce((a, w) => a + w, 0) + 6);
    return [`${this.toString()}, input ${formatShape(inputShape)}`, line(cells[0]!), rule, ...cells.slice(1).map(line), rule,
      `total parameters: ${this.numParameters()}`].join('\n');
  }

  /** The layer in a few words ('Dense(2 → 3)', 'ReLU'); the class name by default. */
  toString(): string {
    return this.constructor.name;
  }
}
