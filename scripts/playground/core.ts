/**
 * The playground's engine, free of the DOM so that Node runs it too: the
 * page draws what it computes, and a spec runs the same code in Node to
 * check that the browser's numbers are the same bits.
 *
 *   settings   one plain object read from a query string (`?data=xor&hidden=8,8&…`),
 *              every field checked, each control naming its equation and file
 *   data       the lectures' seeded 2-D sets from `src/data` (XOR, circles,
 *              blobs, two moons, spirals), split into train and test parts
 *              (EQ-DATA-05)
 *   network    x ∈ ℝ² → [Dense → activation → Dropout]ᴸ → Dense → K logits
 *              (EQ-LAYERS-22, 23), trained on the cross-entropy of the
 *              softmax (EQ-LOSSES-06), plus λ·R(W) when a penalty is chosen
 *              (EQ-REGULARIZERS-01, 03, 04)
 *   training   one epoch at a time through `fit` (EQ-OPTIMIZERS-28), so the
 *              page can train in small slices and stay responsive
 *   pictures   the class probabilities over a grid of the plane (the decision
 *              boundary) and each hidden unit's activation over the same
 *              plane (EQ-LAYERS-25, 26: the hidden layer as feature extractor)
 *   race       the optimizers of the zoo on the 2-D surfaces of the lectures'
 *              "ball rolling down the loss landscape" (see race.ts)
 *
 * Everything random is drawn from one `Rng(seed)` in a fixed order (data,
 * split, weights, then the epochs' shuffles and dropout masks), and every
 * elementary function goes through `src/math/`, so the same settings give
 * the same weights, bit for bit, in Node and in a browser:
 * `fingerprint()` hashes their IEEE-754 bytes (64-bit FNV-1a).
 */
import { ValueError } from '../../src/errors/index.js';
import { Rng } from '../../src/random/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { constant, noGrad, softmax } from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { Dense, Dropout, LeakyReLU, Module, ReLU, Sequential, Sigmoid, Softplus, Tanh } from '../../src/layers/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { Adadelta, Adagrad, Adam, Momentum, Nesterov, RMSprop, SGD } from '../../src/optimizers/index.js';
import type { Optimizer } from '../../src/optimizers/index.js';
import { l1Penalty, l2Penalty, regularized, weightsOf } from '../../src/regularizers/index.js';
import { fit, takeRows, trainTestSplit } from '../../src/train/index.js';
import { accuracy } from '../../src/metrics/index.js';
import { blobs, circles, logicGate, spirals, twoMoons } from '../../src/data/index.js';

export const DATASETS = ['xor', 'circles', 'blobs', 'moons', 'spirals'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const ACTIVATIONS = ['tanh', 'relu', 'leakyRelu', 'sigmoid', 'softplus'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const PENALTIES = ['none', 'l1', 'l2'] as const;
export type Penalty = (typeof PENALTIES)[number];

/** Everything the page's controls set; a query string holds the same fields. */
export interface Settings {
  data: DatasetName;
  /** Points drawn (train + test). */
  n: number;
  /** σ of the N(0, σ²) noise on each coordinate (XOR: σ = 0.2 + noise around its corners; blobs: σ = 0.1 + noise per cloud). */
  noise: number;
  /** The fraction of the points kept for the test set. */
  testFraction: number;
  /** Widths of the hidden layers, first to last (none: a linear classifier). */
  hidden: number[];
  activation: Activation;
  optimizer: OptimizerName;
  /** η (Adadelta has none and ignores it). */
  lr: number;
  batchSize: number;
  penalty: Penalty;
  /** λ of λ·R(W). */
  lambda: number;
  /** p, the probability that Dropout zeroes a hidden unit while training. */
  dropout: number;
  seed: number;
  /** Epochs of a scripted run (`run=1`), or the page's stopping point. */
  epochs: number;
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  data: 'circles', n: 200, noise: 0.1, testFraction: 0.5, hidden: [6, 6], activation: 'tanh', optimizer: 'adam',
  lr: 0.03, batchSize: 10, penalty: 'none', lambda: 0.001, dropout: 0, seed: 1, epochs: 200,
});

/** Where a control's equation lives: its ID in the catalogue and the file that implements it. */
export interface EquationRef {
  id: string;
  file: string;
}

/**
 * What each control changes, so the page leads back into the code: a key
 * per control (`lr`), or per choice of a control (`optimizer.adam`), and
 * per picture (`boundary`, `race`).
 */
export const EQUATIONS: Readonly<Record<string, readonly EquationRef[]>> = {
  data: [{ id: 'EQ-LAYERS-05', file: 'src/data/toy-data.ts' }, { id: 'EQ-LAYERS-25', file: 'src/layers/sequential.ts' }],
  n: [{ id: 'EQ-METRICS-08', file: 'src/data/toy-data.ts' }],
  noise: [{ id: 'EQ-METRICS-08', file: 'src/data/toy-data.ts' }],
  testFraction: [{ id: 'EQ-DATA-05', file: 'src/train/split.ts' }],
  hidden: [{ id: 'EQ-LAYERS-22', file: 'src/layers/sequential.ts' }, { id: 'EQ-LAYERS-23', file: 'src/layers/dense.ts' }],
  'activation.tanh': [{ id: 'EQ-LAYERS-09', file: 'src/layers/activations.ts' }],
  'activation.relu': [{ id: 'EQ-LAYERS-12', file: 'src/layers/activations.ts' }],
  'activation.leakyRelu': [{ id: 'EQ-LAYERS-13', file: 'src/layers/activations.ts' }],
  'activation.sigmoid': [{ id: 'EQ-LAYERS-07', file: 'src/layers/activations.ts' }],
  'activation.softplus': [{ id: 'EQ-LAYERS-14', file: 'src/layers/activations.ts' }],
  'optimizer.sgd': [{ id: 'EQ-OPTIMIZERS-01', file: 'src/optimizers/sgd.ts' }],
  'optimizer.momentum': [{ id: 'EQ-OPTIMIZERS-10', file: 'src/optimizers/momentum.ts' }],
  'optimizer.nesterov': [{ id: 'EQ-OPTIMIZERS-13', file: 'src/optimizers/nesterov.ts' }],
  'optimizer.adagrad': [{ id: 'EQ-OPTIMIZERS-14', file: 'src/optimizers/adagrad.ts' }],
  'optimizer.adadelta': [{ id: 'EQ-OPTIMIZERS-15', file: 'src/optimizers/adadelta.ts' }],
  'optimizer.rmsprop': [{ id: 'EQ-OPTIMIZERS-16', file: 'src/optimizers/rmsprop.ts' }],
  'optimizer.adam': [{ id: 'EQ-OPTIMIZERS-19', file: 'src/optimizers/adam.ts' }],
  lr: [{ id: 'EQ-OPTIMIZERS-09', file: 'src/optimizers/sgd.ts' }],
  batchSize: [{ id: 'EQ-OPTIMIZERS-05', file: 'src/train/batches.ts' }, { id: 'EQ-OPTIMIZERS-07', file: 'src/train/fit.ts' }],
  'penalty.none': [{ id: 'EQ-LOSSES-06', file: 'src/losses/cross-entropy.ts' }],
  'penalty.l1': [{ id: 'EQ-REGULARIZERS-03', file: 'src/regularizers/penalties.ts' }],
  'penalty.l2': [{ id: 'EQ-REGULARIZERS-04', file: 'src/regularizers/penalties.ts' }],
  lambda: [{ id: 'EQ-REGULARIZERS-01', file: 'src/regularizers/penalties.ts' }],
  dropout: [{ id: 'EQ-REGULARIZERS-06', file: 'src/layers/dropout.ts' }],
  seed: [{ id: 'EQ-LAYERS-48', file: 'src/layers/init.ts' }, { id: 'EQ-DATA-08', file: 'src/train/batches.ts' }],
  epochs: [{ id: 'EQ-OPTIMIZERS-28', file: 'src/train/fit.ts' }],
  boundary: [{ id: 'EQ-LAYERS-17', file: 'src/autodiff/softmax.ts' }, { id: 'EQ-LOSSES-06', file: 'src/losses/cross-entropy.ts' }],
  curves: [{ id: 'EQ-OPTIMIZERS-29', file: 'src/train/fit.ts' }, { id: 'EQ-METRICS-03', file: 'src/metrics/confusion.ts' }],
  neurons: [{ id: 'EQ-LAYERS-26', file: 'src/layers/sequential.ts' }],
  race: [{ id: 'EQ-OPTIMIZERS-12', file: 'src/optimizers/optimizer.ts' }, { id: 'EQ-OPTIMIZERS-10', file: 'src/optimizers/momentum.ts' }],
  'surface.ravine': [{ id: 'EQ-OPTIMIZERS-09', file: 'scripts/playground/race.ts' }],
  'surface.two wells': [{ id: 'EQ-OPTIMIZERS-25', file: 'scripts/playground/race.ts' }],
};

/** The equations of a control (`lr`) or of a control's choice (`optimizer` with 'adam' → `optimizer.adam`); none when the table has no entry. */
export function equationsOf(control: string, choice?: string): readonly EquationRef[] {
  return EQUATIONS[choice === undefined ? control : `${control}.${choice}`] ?? [];
}

type Query = { get(name: string): string | null };

const fail = (message: string): never => {
  throw new ValueError(`playground settings: ${message}`);
};

function oneOf<T extends string>(q: Query, name: string, options: readonly T[], fallback: T): T {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  return (options as readonly string[]).includes(v) ? (v as T) : fail(`${name} must be one of ${options.join(', ')}, got '${v}'`);
}

function numberIn(q: Query, name: string, fallback: number, low: number, high: number, integer = false): number {
  const v = q.get(name);
  if (v === null || v === '') return fallback;
  const x = Number(v);
  if (!Number.isFinite(x) || x < low || x > high || (integer && !Number.isInteger(x))) {
    return fail(`${name} must be ${integer ? 'an integer' : 'a number'} in [${low}, ${high}], got '${v}'`);
  }
  return x;
}

/** The settings of a query string (`?data=xor&hidden=8,8&…`, or its parsed form); absent fields take DEFAULTS. ValueError names a bad field. */
export function parseSettings(query: string | Query): Settings {
  const q: Query = typeof query === 'string' ? new URLSearchParams(query) : query;
  const hiddenText = q.get('hidden');
  let hidden = [...DEFAULTS.hidden];
  if (hiddenText !== null) {
    hidden = hiddenText.trim() === '' ? [] : hiddenText.split(',').map((w) => Number(w));
    if (hidden.length > 6 || hidden.some((w) => !Number.isInteger(w) || w < 1 || w > 32)) {
      fail(`hidden must be up to 6 comma-separated widths in 1 … 32, got '${hiddenText}'`);
    }
  }
  return {
    data: oneOf(q, 'data', DATASETS, DEFAULTS.data),
    n: numberIn(q, 'n', DEFAULTS.n, 20, 2000, true),
    noise: numberIn(q, 'noise', DEFAULTS.noise, 0, 1),
    testFraction: numberIn(q, 'testFraction', DEFAULTS.testFraction, 0.1, 0.9),
    hidden,
    activation: oneOf(q, 'activation', ACTIVATIONS, DEFAULTS.activation),
    optimizer: oneOf(q, 'optimizer', OPTIMIZERS, DEFAULTS.optimizer),
    lr: numberIn(q, 'lr', DEFAULTS.lr, 0, 10),
    batchSize: numberIn(q, 'batchSize', DEFAULTS.batchSize, 1, 2000, true),
    penalty: oneOf(q, 'penalty', PENALTIES, DEFAULTS.penalty),
    lambda: numberIn(q, 'lambda', DEFAULTS.lambda, 0, 10),
    dropout: numberIn(q, 'dropout', DEFAULTS.dropout, 0, 0.9),
    seed: numberIn(q, 'seed', DEFAULTS.seed, 0, 2 ** 32 - 1, true),
    epochs: numberIn(q, 'epochs', DEFAULTS.epochs, 1, 100000, true),
  };
}

/** The query string of some settings (only the fields that differ from DEFAULTS), the inverse of parseSettings. */
export function settingsQuery(s: Settings): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    const value = key === 'hidden' ? s.hidden.join(',') : String(s[key]);
    const fallback = key === 'hidden' ? DEFAULTS.hidden.join(',') : String(DEFAULTS[key]);
    if (value !== fallback) q.set(key, value);
  }
  return q.toString();
}

/** Points X: n×2 and classes y: [n], with K the number of classes. */
export interface PlaneData {
  X: Tensor;
  y: Tensor;
  classes: number;
}

/**
 * The data set of the settings, drawn from `rng`. XOR is the truth table
 * of `logicGate('XOR')` with its corners moved to ±1, row i at corner
 * i mod 4 plus N(0, (0.2 + noise)²) per coordinate (no line separates it,
 * EQ-LAYERS-05); blobs are three clouds of σ = 0.1 + noise around centres
 * in [−1, 1)²; the others are the data module's sets with this noise.
 */
export function makeData(s: Settings, rng: Rng): PlaneData {
  const { n, noise } = s;
  switch (s.data) {
    case 'xor': {
      const gate = logicGate('XOR'), X = new Float64Array(2 * n), y = new Float64Array(n), sigma = 0.2 + noise;
      for (let i = 0; i < n; i++) {
        const corner = i % 4;
        X[2 * i] = 2 * gate.X.data[2 * corner]! - 1 + rng.normal(0, sigma);
        X[2 * i + 1] = 2 * gate.X.data[2 * corner + 1]! - 1 + rng.normal(0, sigma);
        y[i] = gate.y.data[corner]!;
      }
      return { X: { shape: [n, 2], data: X }, y: { shape: [n], data: y }, classes: 2 };
    }
    case 'circles':
      return { ...circles(rng, { n, noise }), classes: 2 };
    case 'blobs':
      return { ...blobs(rng, { n, k: 3, std: 0.1 + noise, spread: 1 }), classes: 3 };
    case 'moons':
      return { ...twoMoons(rng, { n, noise }), classes: 2 };
    case 'spirals':
      return { ...spirals(rng, { n, noise }), classes: 2 };
  }
}

/** A square view of the plane around the points, with a margin of a tenth of its side on each side. */
export interface Viewport {
  x0: number;
  y0: number;
  size: number;
}

export function viewportOf(X: Tensor): Viewport {
  let xl = Infinity, xh = -Infinity, yl = Infinity, yh = -Infinity;
  for (let i = 0; i < X.data.length; i += 2) {
    const a = X.data[i]!, b = X.data[i + 1]!;
    if (a < xl) xl = a;
    if (a > xh) xh = a;
    if (b < yl) yl = b;
    if (b > yh) yh = b;
  }
  const side = Math.max(xh - xl, yh - yl, 1e-9) * 1.2;
  return { x0: (xl + xh) / 2 - side / 2, y0: (yl + yh) / 2 - side / 2, size: side };
}

/** The centres of an r×r grid over the viewport, row 0 at the top (largest x₂), as an (r·r)×2 tensor. */
export function gridPoints(v: Viewport, r: number): Tensor {
  const data = new Float64Array(2 * r * r);
  for (let row = 0; row < r; row++) {
    for (let col = 0; col < r; col++) {
      const k = 2 * (row * r + col);
      data[k] = v.x0 + ((col + 0.5) / r) * v.size;
      data[k + 1] = v.y0 + v.size - ((row + 0.5) / r) * v.size;
    }
  }
  return { shape: [r * r, 2], data };
}

/** The network of the settings: Dense(2 → h₁), activation, Dropout(p) when p > 0, …, Dense(h_L → K). */
export function makeNetwork(s: Settings, classes: number, rng: Rng): Sequential {
  const layers: Module[] = [];
  let width = 2;
  const init = s.activation === 'relu' || s.activation === 'leakyRelu' ? 'heNormal' : 'glorotUniform';
  for (const h of s.hidden) {
    layers.push(new Dense(width, h, { rng, init }));
    layers.push(activationModule(s.activation));
    if (s.dropout > 0) layers.push(new Dropout(s.dropout, { rng }));
    width = h;
  }
  layers.push(new Dense(width, classes, { rng }));
  return new Sequential(layers);
}

function activationModule(name: Activation): Module {
  switch (name) {
    case 'tanh': return new Tanh();
    case 'relu': return new ReLU();
    case 'leakyRelu': return new LeakyReLU();
    case 'sigmoid': return new Sigmoid();
    case 'softplus': return new Softplus();
  }
}

/** The optimizer of the settings over `net`'s parameters (the lectures' zoo; Adadelta has no η). */
export function makeOptimizer(s: Settings, net: Module): Optimizer {
  const p = net.parameters(), lr = s.lr;
  switch (s.optimizer) {
    case 'sgd': return new SGD(p, { lr });
    case 'momentum': return new Momentum(p, { lr, gamma: 0.9 });
    case 'nesterov': return new Nesterov(p, { lr, gamma: 0.9 });
    case 'adagrad': return new Adagrad(p, { lr });
    case 'adadelta': return new Adadelta(p);
    case 'rmsprop': return new RMSprop(p, { lr });
    case 'adam': return new Adam(p, { lr });
  }
}

/** Loss and accuracy of one part of the data. */
export interface Score {
  loss: number;
  accuracy: number;
}

/** One epoch's record. */
export interface EpochRecord {
  epoch: number;
  train: Score;
  test: Score;
}

/** A training run of some settings: data, split, network and optimizer, advanced one epoch at a time. */
export class Playground {
  readonly settings: Settings;
  readonly rng: Rng;
  readonly data: PlaneData;
  readonly train: { X: Tensor; y: Tensor };
  readonly test: { X: Tensor; y: Tensor };
  readonly net: Sequential;
  readonly optimizer: Optimizer;
  readonly viewport: Viewport;
  readonly history: EpochRecord[] = [];
  readonly #loss: (prediction: Var, target: Tensor) => Var;

  constructor(settings: Settings) {
    const s = (this.settings = { ...settings, hidden: [...settings.hidden] });
    if (s.batchSize > s.n) fail(`batchSize ${s.batchSize} is larger than n = ${s.n}`);
    this.rng = new Rng(s.seed);
    this.data = makeData(s, this.rng);
    const { train, test } = trainTestSplit(s.n, s.testFraction, { rng: this.rng, stratify: this.data.y });
    this.train = { X: takeRows(this.data.X, train), y: takeRows(this.data.y, train) };
    this.test = { X: takeRows(this.data.X, test), y: takeRows(this.data.y, test) };
    if (s.batchSize > train.length) fail(`batchSize ${s.batchSize} is larger than the ${train.length} training points`);
    this.net = makeNetwork(s, this.data.classes, this.rng);
    this.optimizer = makeOptimizer(s, this.net);
    this.viewport = viewportOf(this.data.X);
    const weights = weightsOf(this.net), lambda = s.lambda;
    this.#loss =
      s.penalty === 'none' || lambda === 0
        ? (p, t) => crossEntropyWithLogits(p, t)
        : (p, t) => regularized(crossEntropyWithLogits(p, t), lambda, s.penalty === 'l1' ? l1Penalty(weights) : l2Penalty(weights));
  }

  /** Epochs trained so far. */
  get epoch(): number {
    return this.history.length;
  }

  /** Train one epoch of mini-batches (a new order each epoch, drawn from the run's Rng), then score both parts. */
  step(): EpochRecord {
    fit(this.net, this.#loss, this.optimizer, this.train, { epochs: 1, batchSize: this.settings.batchSize, rng: this.rng, progress: false });
    const record = { epoch: this.history.length + 1, train: this.score(this.train), test: this.score(this.test) };
    this.history.push(record);
    return record;
  }

  /** The logits of points X: n×2, in evaluation mode (no dropout, no graph). */
  logits(X: Tensor): Tensor {
    return this.#evaluate(() => this.net.forward(constant(X)).value);
  }

  #evaluate<T>(f: () => T): T {
    const mode = this.net.training;
    this.net.eval();
    try {
      return noGrad(f);
    } finally {
      this.net.train(mode);
    }
  }

  /** The data loss (cross-entropy, no penalty) and the accuracy of the predicted classes on one part. */
  score(part: { X: Tensor; y: Tensor }): Score {
    const z = this.logits(part.X);
    return {
      loss: crossEntropyWithLogits(constant(z), part.y).value.data[0]!,
      accuracy: accuracy(part.y, linalg.argmax(z, { axis: 1 })),
    };
  }

  /** The softmax probabilities P(class k | x) over an r×r grid of the viewport: (r·r)×K, rows as in gridPoints. */
  probabilities(r: number): Tensor {
    const z = this.logits(gridPoints(this.viewport, r));
    return noGrad(() => softmax(constant(z), 1).value);
  }

  /** Each hidden unit's activation over an r×r grid: maps[ℓ][j] holds r·r values (rows as in gridPoints). */
  hiddenMaps(r: number): Float64Array[][] {
    const maps: Float64Array[][] = [];
    this.#evaluate(() => {
      let h: Var = constant(gridPoints(this.viewport, r));
      for (const layer of this.net.layers) {
        h = layer.forward(h);
        if (layer instanceof Dense || layer instanceof Dropout) continue;
        // an activation: its output is one hidden layer's units
        const width = h.value.shape[1]!, out: Float64Array[] = [];
        for (let j = 0; j < width; j++) {
          const m = new Float64Array(r * r);
          for (let k = 0; k < r * r; k++) m[k] = h.value.data[k * width + j]!;
          out.push(m);
        }
        maps.push(out);
      }
    });
    return maps;
  }

  /** The weights' fingerprint: 64-bit FNV-1a over the IEEE-754 bytes of every parameter, in the order of namedParameters. */
  fingerprint(): string {
    return fingerprintOf(this.net.namedParameters().map(([, p]) => p.value.data));
  }
}

/** 64-bit FNV-1a of a byte string, as 16 hex digits: h ← (h ⊕ byte)·(2⁴⁰ + 2⁸ + 0xb3) mod 2⁶⁴ from h₀ = 0xcbf29ce484222325. */
export function fnv1a64(bytes: Uint8Array): string {
  const prime = 0x100000001b3n, mask = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes[i]!)) * prime) & mask;
  return h.toString(16).padStart(16, '0');
}

/** fnv1a64 of the arrays' IEEE-754 bytes, each number little-endian, one array after the other. */
export function fingerprintOf(arrays: readonly Float64Array[]): string {
  const total = arrays.reduce((n, a) => n + a.length, 0), bytes = new Uint8Array(8 * total), view = new DataView(bytes.buffer);
  let offset = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, offset += 8) view.setFloat64(offset, a[i]!, true);
  }
  return fnv1a64(bytes);
}

/** Train `epochs` epochs of the settings in one go (Node, or a scripted page): the run and its last record. */
export function trainFor(s: Settings, epochs = s.epochs): Playground {
  const run = new Playground(s);
  for (let e = 0; e < epochs; e++) run.step();
  return run;
}
