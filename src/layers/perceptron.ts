/**
 * Perceptron (Rosenblatt 1958 in the 000 deck, 1957 in 003): a threshold
 * unit and its learning rule (EQ-LAYERS-02, 04, 05).
 *
 *   f(x) = H(w·x + b) = 1 if w·x + b > 0, else 0          (strict: H(0) = 0)
 *
 *   fit:  w, b ← 0 (or U(−½, ½) from the seed)
 *         repeat for each epoch (at most maxEpochs):
 *           for each sample i (in order, or shuffled each epoch):
 *             ŷ = f(xᵢ)
 *             w ← w + η·(yᵢ − ŷ)·xᵢ
 *             b ← b + η·(yᵢ − ŷ)                          (the bias as w₀ with x₀ = 1)
 *           stop after an epoch without a mistake
 *
 * The rule changes w only on a mistake (yᵢ − ŷ = ±1). On linearly separable
 * data it stops: with w, b starting at 0 it makes at most (R/γ)² mistakes
 * (Novikoff), R = maxᵢ‖(1, xᵢ)‖ and γ the margin of a unit-norm separator
 * of the augmented points. On XOR no (w, b) separates the classes
 * (Minsky and Papert), so every epoch makes a mistake and fit stops at
 * maxEpochs with `converged` false: this is not an error, it is the
 * lecture's point. Starting from 0, η only scales w and b, so the
 * predictions do not depend on it.
 *
 * Options (defaults): eta η = 1 (> 0); maxEpochs = 100; shuffle = false
 * (visit the samples in their order); seed = 0 (of the shuffle and of the
 * uniform init); init = 'zeros' ('uniform' draws w, b from U(−½, ½)).
 *
 * Shapes: X: n×d, row-major; y: [n] of labels 0 and 1. Fitted attributes:
 * w [d], b, mistakes (per epoch), epochs, converged. toJSON/fromJSON save
 * and restore the options and the fitted state bit for bit.
 */
import {
  ArgumentTypeError, NotFittedError, ShapeError, ValueError, assertBoolean, assertInteger, assertNumber, assertOneOf, assertOptions,
  describeValue, formatShape, isPlainObject,
} from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor, TensorJSON } from '../linalg/index.js';
import { Rng } from '../random/index.js';

export interface PerceptronOptions {
  /** Learning rate η > 0 (default 1). */
  eta?: number;
  /** Most epochs (passes over the data) before fit stops (default 100). */
  maxEpochs?: number;
  /** Visit the samples in a new random order each epoch (default false). */
  shuffle?: boolean;
  /** Seed of the shuffle and of the uniform init (default 0). */
  seed?: number;
  /** Start at w, b = 0 ('zeros', default) or draw them from U(−½, ½) ('uniform'). */
  init?: 'zeros' | 'uniform';
}

/** What Perceptron.toJSON writes. */
export interface PerceptronJSON {
  options: Required<PerceptronOptions>;
  fitted: null | { w: TensorJSON; b: number | string; mistakes: number[]; converged: boolean };
}

interface Fitted {
  w: Tensor;
  b: number;
  mistakes: number[];
  converged: boolean;
}

const KEYS = ['eta', 'maxEpochs', 'shuffle', 'seed', 'init'] as const;

/** Internal: the options with their defaults, checked for `where`. */
function resolve(options: PerceptronOptions | undefined, where: string): Required<PerceptronOptions> {
  const o = assertOptions(options, [...KEYS], where);
  return {
    eta: assertNumber(o.eta ?? 1, 'eta', where, { min: 0, minExclusive: true }),
    maxEpochs: assertInteger(o.maxEpochs ?? 100, 'maxEpochs', where, { min: 1 }),
    shuffle: assertBoolean(o.shuffle ?? false, 'shuffle', where),
    seed: assertInteger(o.seed ?? 0, 'seed', where, { min: 0 }),
    init: assertOneOf(o.init ?? 'zeros', ['zeros', 'uniform'], 'init', where),
  };
}

export class Perceptron {
  /** The options in force (defaults filled in). */
  readonly options: Readonly<Required<PerceptronOptions>>;
  private state: Fitted | null = null;

  constructor(options?: PerceptronOptions) {
    this.options = Object.freeze(resolve(options, 'Perceptron'));
  }

  private fitted(where: string): Fitted {
    if (this.state === null) throw new NotFittedError(`${where}: the perceptron is not fitted; call fit(X, y) first`);
    return this.state;
  }

  /** The weights w [d] (a copy). */
  get w(): Tensor {
    return linalg.clone(this.fitted('Perceptron.w').w);
  }

  /** The bias b. */
  get b(): number {
    return this.fitted('Perceptron.b').b;
  }

  /** The number of mistakes in each epoch of the last fit (the last is 0 when it converged). */
  get mistakes(): number[] {
    return [...this.fitted('Perceptron.mistakes').mistakes];
  }

  /** The number of epochs the last fit ran. */
  get epochs(): number {
    return this.fitted('Perceptron.epochs').mistakes.length;
  }

  /** Did the last fit reach an epoch without a mistake? */
  get converged(): boolean {
    return this.fitted('Perceptron.converged').converged;
  }

  /** Run the Rosenblatt rule on X: n×d and labels y: [n] in {0, 1} (see the file comment). Returns this. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'Perceptron.fit';
    const [n, d] = checkInputs(X, where);
    linalg.assertTensor(y, 'y', where);
    if (y.shape.length !== 1 || y.shape[0] !== n) throw new ShapeError(`${where}: y must be [${n}] (one label per row of X), got ${formatShape(y.shape)}`);
    if (n === 0) throw new ValueError(`${where}: X has no rows`);
    for (let i = 0; i < n; i++) {
      const yi = y.data[i]!;
      if (yi !== 0 && yi !== 1) throw new ValueError(`${where}: labels must be 0 or 1, got ${describeValue(yi)} at entry ${i}`);
    }
    const { eta, maxEpochs, shuffle, seed, init } = this.options;
    const rng = new Rng(seed);
    const w = init === 'zeros' ? new Float64Array(d) : linalg.rand([d], rng, -0.5, 0.5).data;
    let b = init === 'zeros' ? 0 : rng.uniform(-0.5, 0.5);
    const mistakes: number[] = [];
    const xd = X.data;
    let order: Int32Array = Int32Array.from({ length: n }, (_, i) => i);
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      if (shuffle) order = rng.permutation(n);
      let wrong = 0;
      for (let k = 0; k < n; k++) {
        const i = order[k]!;
        let z = b;
        for (let j = 0; j < d; j++) z += w[j]! * xd[i * d + j]!;
        const delta = y.data[i]! - (z > 0 ? 1 : 0); // yᵢ − ŷ ∈ {−1, 0, 1}
        if (delta === 0) continue;
        wrong++;
        for (let j = 0; j < d; j++) w[j] = w[j]! + eta * delta * xd[i * d + j]!;
        b += eta * delta;
      }
      mistakes.push(wrong);
      if (wrong === 0) break;
    }
    this.state = { w: { shape: [d], data: w }, b, mistakes, converged: mistakes[mistakes.length - 1] === 0 };
    return this;
  }

  /** z = Xw + b: [n] (the signed score; its sign is the prediction). */
  decisionFunction(X: Tensor): Tensor {
    const where = 'Perceptron.decisionFunction';
    const { w, b } = this.fitted(where);
    const [n, d] = checkInputs(X, where, w.data.length);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b;
      for (let j = 0; j < d; j++) s += w.data[j]! * X.data[i * d + j]!;
      z[i] = s;
    }
    return { shape: [n], data: z };
  }

  /** ŷ = H(Xw + b): [n] of 0 and 1 (H(0) = 0). */
  predict(X: Tensor): Tensor {
    const where = 'Perceptron.predict';
    checkInputs(X, where, this.fitted(where).w.data.length);
    return linalg.map(this.decisionFunction(X), (z) => (z > 0 ? 1 : 0));
  }

  /** The options and the fitted state as plain JSON data (float64 bit for bit). */
  toJSON(): PerceptronJSON {
    const s = this.state;
    return {
      options: { ...this.options },
      fitted: s === null ? null : { w: linalg.tensorToJSON(s.w), b: linalg.float64ToJSON([s.b])[0]!, mistakes: [...s.mistakes], converged: s.converged },
    };
  }

  /** A Perceptron from what toJSON wrote, checked first (typed errors naming Perceptron.fromJSON). */
  static fromJSON(json: unknown): Perceptron {
    const where = 'Perceptron.fromJSON';
    if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected { options, fitted } as toJSON writes it, got ${describeValue(json)}`);
    const model = new Perceptron(resolve(json['options'] as PerceptronOptions, where));
    const f = json['fitted'];
    if (f === null) return model;
    if (!isPlainObject(f)) throw new ArgumentTypeError(`${where}: fitted must be null or { w, b, mistakes, converged }, got ${describeValue(f)}`);
    const w = linalg.tensorFromJSON(f['w'], 'fitted.w', where);
    if (w.shape.length !== 1) throw new ShapeError(`${where}: fitted.w must be a vector, got ${formatShape(w.shape)}`);
    const b = linalg.float64FromJSON([f['b']], 'fitted.b', where)[0]!;
    const mistakes = f['mistakes'];
    if (!Array.isArray(mistakes) || mistakes.length === 0) throw new ArgumentTypeError(`${where}: fitted.mistakes must be a non-empty array of counts, got ${describeValue(mistakes)}`);
    for (const m of mistakes) assertInteger(m, 'fitted.mistakes entries', where, { min: 0 });
    const converged = assertBoolean(f['converged'], 'fitted.converged', where);
    model.state = { w, b, mistakes: [...(mistakes as number[])], converged };
    return model;
  }
}

/** X: n×d with finite entries (d = `features` when given); returns [n, d]. */
function checkInputs(X: Tensor, where: string, features?: number): [number, number] {
  linalg.assertFinite(X, 'X', where);
  if (X.shape.length !== 2) throw new ShapeError(`${where}: X must be n×d (rows are samples), got ${formatShape(X.shape)}`);
  const [n, d] = X.shape as [number, number];
  if (features !== undefined && d !== features) throw new ShapeError(`${where}: X has ${d} features, but the perceptron was fitted on ${features}`);
  return [n, d];
}
