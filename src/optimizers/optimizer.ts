/**
 * Optimizer — what every update rule shares (EQ-OPTIMIZERS-12, the zoo's
 * Δθ notation of the 000 deck):
 *
 *   g_t = ∇_θ J(θ_t)          read from each parameter's `grad`
 *   Δθ_t = rule(g_t, state)    the update rule of the subclass
 *   θ_{t+1} = θ_t + Δθ_t       written into each parameter's `value` in place
 *
 * A parameter is anything `{ value, grad }` with two tensors of one shape;
 * an autodiff `Var` is one, so `new Adam(net.parameters())` works without
 * this module knowing about autodiff. The list is fixed at construction;
 * each tensor appears once (a parameter listed twice would be stepped twice).
 *
 *   optimizer.step()       one update: t ← t + 1, then θ ← θ + Δθ for every parameter
 *   optimizer.zeroGrad()   g ← 0 (before the next backward pass: leaves accumulate)
 *   optimizer.delta()      the Δθ that step() would add now, nothing changed
 *   optimizer.t            the number of steps taken (1-based inside step: the first step has t = 1)
 *
 * Each update is one flat loop over the Float64Array of each parameter
 * tensor, computing Δθᵢ into a local and adding it to θᵢ, with the state
 * (`m`, `v`, …: one tensor per parameter, readable by name) updated in the
 * same pass; no tensor is allocated during a step.
 *
 * State: `toJSON()` (= `stateDict()`) is plain data — the class name, the
 * hyperparameters, t and every state tensor through linalg's
 * `tensorToJSON`, bit for bit — and `loadStateDict(json)` restores it in
 * place after checking the name, the hyperparameters, the number of
 * parameters and every shape (nothing changes unless all pass). A model and
 * its optimizer are saved side by side:
 *
 *   const checkpoint = JSON.stringify({ model: net.stateDict(), optimizer: adam.stateDict() });
 *   net.loadStateDict(saved.model); adam.loadStateDict(saved.optimizer);
 *
 * `Adam.fromJSON(json, parameters)` builds a new optimizer over `parameters`
 * with the saved hyperparameters and state.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertNumber, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor, TensorJSON } from '../linalg/index.js';

/** A trainable tensor θ and its gradient ∂J/∂θ, of one shape (an autodiff Var is one). */
export interface Parameter {
  readonly value: Tensor;
  readonly grad: Tensor;
}

/** A hyperparameter's saved value. */
export type Hyperparameter = number | string | boolean;

/** An optimizer written for JSON: its class, hyperparameters, step count and state tensors. */
export interface OptimizerJSON {
  type: string;
  hyperparameters: Record<string, Hyperparameter>;
  t: number;
  state: Record<string, TensorJSON[]>;
}

/**
 * Check a parameter list: a non-empty array of `{ value, grad }` with
 * tensors of one shape, each object and each value tensor once. Returns a
 * frozen copy. `where` is the constructor called.
 */
export function assertParameters(parameters: unknown, where: string): readonly Parameter[] {
  if (!Array.isArray(parameters)) {
    throw new ArgumentTypeError(`${where}: parameters must be an array of { value, grad } tensors (e.g. net.parameters()), got ${describeValue(parameters)}`);
  }
  if (parameters.length === 0) throw new ValueError(`${where}: parameters is empty; there is nothing to optimise`);
  const seen = new Set<unknown>();
  parameters.forEach((p: unknown, k) => {
    if (typeof p !== 'object' || p === null) {
      throw new ArgumentTypeError(`${where}: parameters[${k}] must be an object { value, grad } (a Var), got ${describeValue(p)}`);
    }
    const { value, grad } = p as { value?: unknown; grad?: unknown };
    linalg.assertTensor(value, `parameters[${k}].value`, where);
    linalg.assertTensor(grad, `parameters[${k}].grad`, where);
    if (!linalg.sameShape(value.shape, grad.shape)) {
      throw new ShapeError(`${where}: parameters[${k}] has value ${formatShape(value.shape)} but grad ${formatShape(grad.shape)}`);
    }
    if (seen.has(p) || seen.has(value)) throw new ValueError(`${where}: parameters[${k}] is listed twice; each parameter must appear once`);
    seen.add(p);
    seen.add(value);
  });
  return Object.freeze([...(parameters as Parameter[])]);
}

export abstract class Optimizer {
  /** The parameters θ this optimizer updates, in order. */
  readonly parameters: readonly Parameter[];
  #t = 0;
  /** What messages name: the class name. */
  readonly #name: string;

  constructor(parameters: readonly Parameter[], where: string) {
    this.#name = where;
    this.parameters = assertParameters(parameters, where);
  }

  /** The number of steps taken so far (0 before the first). */
  get t(): number {
    return this.#t;
  }

  /** The hyperparameters, by name, as the constructor takes them. */
  abstract hyperparameters(): Record<string, Hyperparameter>;

  /** The state by name: for each name, one tensor per parameter (shape of that parameter). */
  abstract stateTensors(): Record<string, readonly Tensor[]>;

  /**
   * The update of parameter k at step t (1-based): θ ← θ + Δθ over the flat
   * arrays, with the state of parameter k. When `record` is given, Δθᵢ is
   * also written there. Internal: arrays have the parameter's length.
   */
  protected abstract update(k: number, theta: Float64Array, g: Float64Array, t: number, record: Float64Array | null): void;

  /**
   * For a hyperparameter that changes during training (the learning rate,
   * under a schedule): a check of its saved value that returns how to set
   * it, so that loadStateDict restores it instead of requiring it equal.
   * None by default.
   */
  protected restorable(_name: string): ((saved: unknown, where: string) => () => void) | undefined {
    return undefined;
  }

  /** Called once per step before the updates (e.g. Adam's bias corrections for step t). */
  protected beginStep(_t: number): void {}

  /** Internal: ShapeError unless every gradient still has its value's size. */
  #checkGradients(where: string): void {
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      const g = p.grad;
      if (g.data.length !== p.value.data.length) {
        throw new ShapeError(`${where}: the gradient of parameter ${k} has shape ${formatShape(g.shape)}, but its value has shape ${formatShape(p.value.shape)}`);
      }
    }
  }

  /** One update of every parameter: t ← t + 1, θ ← θ + Δθ_t (the subclass's rule). */
  step(): void {
    this.#checkGradients(`${this.#name}.step`);
    const t = ++this.#t;
    this.beginStep(t);
    const params = this.parameters;
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      this.update(k, p.value.data, p.grad.data, t, null);
    }
  }

  /**
   * Δθ_t for the current gradients: the tensors that step() would add to
   * the parameters now (θ + Δθ equals the result of step() bit for bit).
   * Nothing changes: parameters, state and t are as they were.
   */
  delta(): Tensor[] {
    this.#checkGradients(`${this.#name}.delta`);
    const saved = this.#snapshot();
    const t = this.#t + 1;
    this.beginStep(t);
    const out = this.parameters.map((p, k) => {
      const record = new Float64Array(p.value.data.length);
      this.update(k, p.value.data.slice(), p.grad.data, t, record);
      return { shape: [...p.value.shape], data: record };
    });
    this.#restore(saved);
    return out;
  }

  /** g ← 0 for every parameter, in place. */
  zeroGrad(): void {
    for (const p of this.parameters) p.grad.data.fill(0);
  }

  /** Internal: copies of every state array, and t. */
  #snapshot(): { t: number; state: Float64Array[][] } {
    return { t: this.#t, state: Object.values(this.stateTensors()).map((list) => list.map((s) => s.data.slice())) };
  }

  /** Internal: put back what #snapshot took. */
  #restore(saved: { t: number; state: Float64Array[][] }): void {
    Object.values(this.stateTensors()).forEach((list, j) => list.forEach((s, k) => s.data.set(saved.state[j]![k]!)));
    this.#t = saved.t;
    this.beginStep(this.#t);
  }

  /** The state as plain JSON data (see the file comment); `JSON.stringify(optimizer)` writes it. */
  toJSON(): OptimizerJSON {
    const state: Record<string, TensorJSON[]> = {};
    for (const [name, list] of Object.entries(this.stateTensors())) state[name] = list.map((s) => linalg.tensorToJSON(s));
    return { type: this.#name, hyperparameters: this.hyperparameters(), t: this.#t, state };
  }

  /** The saved state, as `toJSON()` (the name PyTorch users expect). */
  stateDict(): OptimizerJSON {
    return this.toJSON();
  }

  /**
   * Restore a saved state in place: the class name and hyperparameters must
   * be this optimizer's, the state names and the number of parameters the
   * same, and every tensor of its parameter's shape (ValueError,
   * ShapeError, ArgumentTypeError otherwise); nothing changes unless all
   * pass. Returns this.
   */
  loadStateDict(json: unknown): this {
    this.#load(json, `${this.#name}.loadStateDict`);
    return this;
  }

  /** Internal: loadStateDict, with errors naming `where`. */
  #load(json: unknown, where: string): void {
    const o = savedOptimizer(json, where);
    if (o.type !== this.#name) throw new ValueError(`${where}: the saved state is of ${describeValue(o.type)}, not '${this.#name}'`);
    const mine = this.hyperparameters();
    const commits: (() => void)[] = [];
    for (const [name, value] of Object.entries(mine)) {
      const saved: unknown = o.hyperparameters[name];
      const load = this.restorable(name);
      if (load !== undefined) commits.push(load(saved, where));
      else if (!Object.is(saved, value)) {
        throw new ValueError(`${where}: the saved ${name} is ${describeValue(saved)}, but this optimizer's is ${describeValue(value)}`);
      }
    }
    const extra = Object.keys(o.hyperparameters).filter((name) => !(name in mine));
    if (extra.length > 0) throw new ValueError(`${where}: unknown saved hyperparameter '${extra[0]}'`);
    const t = o.t;
    if (!Number.isSafeInteger(t) || t < 0) throw new ValueError(`${where}: t must be an integer ≥ 0, got ${describeValue(t)}`);
    const targets = this.stateTensors();
    const names = Object.keys(targets);
    const savedNames = Object.keys(o.state);
    const unexpected = savedNames.filter((n) => !names.includes(n));
    if (unexpected.length > 0) throw new ValueError(`${where}: unexpected state '${unexpected[0]}'; the state names are ${names.join(', ') || 'none'}`);
    const loaded: [Tensor, Tensor][] = [];
    for (const name of names) {
      const list: unknown = o.state[name];
      if (list === undefined) throw new ValueError(`${where}: the saved state has no '${name}'`);
      if (!Array.isArray(list)) throw new ArgumentTypeError(`${where}: state.${name} must be an array of saved tensors, got ${describeValue(list)}`);
      const target = targets[name]!;
      if (list.length !== target.length) {
        throw new ValueError(`${where}: state.${name} holds ${list.length} tensors for ${target.length} parameters`);
      }
      list.forEach((entry: unknown, k) => {
        const s = linalg.tensorFromJSON(entry, `state.${name}[${k}]`, where);
        const into = target[k]!;
        if (!linalg.sameShape(s.shape, into.shape)) {
          throw new ShapeError(`${where}: state.${name}[${k}] has shape ${formatShape(s.shape)}, but parameter ${k} has shape ${formatShape(into.shape)}`);
        }
        loaded.push([into, s]);
      });
    }
    for (const [into, s] of loaded) into.data.set(s.data);
    for (const commit of commits) commit();
    this.#t = t;
    this.beginStep(t);
  }

  /**
   * A new optimizer of this class over `parameters`, with the hyperparameters
   * and state of `json` (as `toJSON()` wrote it): `Adam.fromJSON(saved, net.parameters())`.
   */
  static fromJSON<O extends Optimizer>(
    this: (new (parameters: readonly Parameter[], options?: never) => O) & { name: string }, json: unknown, parameters: readonly Parameter[],
  ): O {
    const where = `${this.name}.fromJSON`;
    const o = savedOptimizer(json, where);
    if (o.type !== this.name) throw new ValueError(`${where}: the saved state is of ${describeValue(o.type)}, not '${this.name}'`);
    assertParameters(parameters, where);
    let made: O;
    try {
      made = new this(parameters, o.hyperparameters as never);
    } catch (error) {
      if (error instanceof Error) error.message = `${where}: ${error.message}`;
      throw error;
    }
    (made as Optimizer).#load(json, where);
    return made;
  }

  /** The optimizer in a few words: 'Adam(lr = 0.001, beta1 = 0.9, …), t = 3'. */
  toString(): string {
    const h = Object.entries(this.hyperparameters()).map(([k, v]) => `${k} = ${String(v)}`).join(', ');
    return `${this.#name}(${h}), t = ${this.#t}`;
  }
}

/**
 * An optimizer with a learning rate η (every one but Adadelta and Rprop):
 * `lr` can be set between steps (a schedule does), and a saved state
 * restores it.
 */
export abstract class LearningRateOptimizer extends Optimizer {
  #lr: number;
  readonly #where: string;

  constructor(parameters: readonly Parameter[], where: string, lr: number) {
    super(parameters, where);
    this.#where = where;
    this.#lr = lr;
  }

  /** η, the learning rate (step size) of the next step; a finite number ≥ 0. */
  get lr(): number {
    return this.#lr;
  }

  set lr(eta: number) {
    this.#lr = assertNumber(eta, 'lr', `${this.#where}.lr`, { min: 0 });
  }

  protected override restorable(name: string): ((saved: unknown, where: string) => () => void) | undefined {
    if (name !== 'lr') return undefined;
    return (saved, where) => {
      const eta = assertNumber(saved, 'the saved lr', where, { min: 0 });
      return () => {
        this.#lr = eta;
      };
    };
  }
}

/** Internal: the outer shape of a saved optimizer (type, hyperparameters, t, state), checked. */
function savedOptimizer(json: unknown, where: string): OptimizerJSON {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected a saved optimizer { type, hyperparameters, t, state } as toJSON() returns, got ${describeValue(json)}`);
  const { type, hyperparameters, t, state } = json;
  if (typeof type !== 'string') throw new ArgumentTypeError(`${where}: type must be a string, got ${describeValue(type)}`);
  if (!isPlainObject(hyperparameters)) throw new ArgumentTypeError(`${where}: hyperparameters must be an object, got ${describeValue(hyperparameters)}`);
  if (typeof t !== 'number') throw new ArgumentTypeError(`${where}: t must be a number, got ${describeValue(t)}`);
  if (!isPlainObject(state)) throw new ArgumentTypeError(`${where}: state must be an object, got ${describeValue(state)}`);
  return json as unknown as OptimizerJSON;
}

/** Internal: a zero tensor of each parameter's shape (the initial state m₀ = 0, v₀ = 0, …). */
export function zerosLike(parameters: readonly Parameter[]): Tensor[] {
  return parameters.map((p) => linalg.zeros(p.value.shape));
}

/**
 * Where ε goes in an adaptive step η·x/√(s): 'inside' the square root,
 * η·x/√(s + ε), as the 000 and 003 decks write it, or 'outside',
 * η·x/(√s + ε), as Kingma & Ba and PyTorch do. With ε = 0 the two agree.
 */
export type EpsMode = 'inside' | 'outside';
