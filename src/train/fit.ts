/**
 * The training loop (EQ-OPTIMIZERS-28, 29; 002 "Recap": sample a
 * minibatch, forward, back-propagate, update, over many iterations):
 *
 *   for epoch e = 0 … E−1:
 *     η ← schedule(e)                                    (when given)
 *     for each batch B of the epoch (MiniBatchSampler):  (EQ-DATA-08)
 *       g ← 0                                            (no accumulation across steps)
 *       L ← loss(model.forward(X_B), y_B)                (forward)
 *       ∇θ L by L.backward()                             (back-propagation)
 *       θ ← θ + Δθ(g)                                    (optimizer.step())
 *     record the training loss, the validation loss in eval mode, the metric
 *
 * The lectures' three modes differ only in B (EQ-OPTIMIZERS-04, 05, 08):
 *
 *   'batch'       B = n: all data per step, one step per epoch, no shuffling
 *   'stochastic'  B = 1: one example per step, n steps per epoch
 *   'minibatch'   B = batchSize (default 32), ⌈n/B⌉ steps per epoch
 *                 (⌊n/B⌋ with dropLast), a new order every epoch
 *
 * so after E epochs the optimizer's step counter is E·iterationsPerEpoch
 * (EQ-OPTIMIZERS-07). The training loss of an epoch is the size-weighted
 * mean of its batch losses (the mean loss over the epoch's samples for a
 * loss that averages over its batch, as every loss does by default); the
 * validation loss and metric are computed after the epoch on the whole
 * validation set, in evaluation mode (`model.eval()`, no graph recorded),
 * which changes neither the parameters nor the optimizer's state. The
 * training metric is the size-weighted mean over the epoch's batches, with
 * the parameters moving meanwhile (as Keras reports it).
 *
 * The same seed gives the same model, bit for bit: the only randomness is
 * the order of the samples, drawn from `rng`. fit stops with a
 * ConvergenceError naming the epoch and step when a batch loss, or a
 * gradient, is NaN or ±∞; it throws before that step's update, so the
 * parameters stay those of the last finite step. The model is left in the
 * mode it came in.
 *
 * Shapes: X: n×… (the first axis counts the samples: n×d for a Dense
 * network), y: n×… (class indices [n] or rows n×k); a batch is the rows of
 * both at its indices.
 */
import { ArgumentTypeError, ConvergenceError, ShapeError, ValueError, assertBoolean, assertFunction, assertInstance, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { Var, constant, noGrad } from '../autodiff/index.js';
import { Optimizer } from '../optimizers/index.js';
import { MiniBatchSampler } from './batches.js';
import { ProgressBar, standardError } from './progress.js';

/** What fit trains: anything with forward and parameters (a layers `Module`); train(mode) when it has modes. */
export interface Model {
  forward(x: Var): Var;
  parameters(): readonly Var[];
  train?(mode?: boolean): unknown;
  readonly training?: boolean;
}

/** A loss: a scalar Var from a prediction and a target batch (every loss of `losses` is one). */
export type LossFunction = (prediction: Var, target: Tensor) => Var;

/** A data set: X: n×… and targets y: n×… with the same n ≥ 1. */
export interface Dataset {
  X: Tensor;
  y: Tensor;
}

/** A score of predictions (a Tensor of the model's output) against targets: accuracy, R², … */
export type Metric = (prediction: Tensor, target: Tensor) => number;

export type FitMode = 'batch' | 'stochastic' | 'minibatch';

/** After each step (iteration): where it was and what it saw. */
export interface StepLog {
  /** The epoch, from 0. */
  epoch: number;
  /** The step within the epoch, from 0. */
  step: number;
  /** The steps taken so far in this fit, this one included. */
  iteration: number;
  /** The rows of the data in this batch (a view; copy to keep). */
  indices: Int32Array;
  /** The batch loss, before the step. */
  loss: number;
}

/** After each epoch: its record, and what a callback may look at. */
export interface EpochLog {
  /** The epoch, from 0. */
  epoch: number;
  trainLoss: number;
  validationLoss: number | undefined;
  trainMetric: number | undefined;
  validationMetric: number | undefined;
  /** η during the epoch (undefined for an optimizer without one). */
  lr: number | undefined;
  history: History;
  model: Model;
  optimizer: Optimizer;
}

/** Hooks called during fit. onEpochEnd returning 'stop' ends training after that epoch (early stopping). */
export interface Callback {
  onStepEnd?(log: StepLog): void;
  onEpochEnd?(log: EpochLog): void | 'stop';
}

export interface FitOptions {
  /** E, the number of passes over the data (default 1). */
  epochs?: number;
  /** 'minibatch' (default), 'batch' (B = n) or 'stochastic' (B = 1). */
  mode?: FitMode;
  /** B of mode 'minibatch', 1 ≤ B ≤ n (default 32, capped at n when n < 32). */
  batchSize?: number;
  /** A new sample order each epoch (default true; false in mode 'batch'). */
  shuffle?: boolean;
  /** Leave out each epoch's last, smaller batch (default false). */
  dropLast?: boolean;
  /** The orders' generator: an Rng (advanced) or a seed (default 0). */
  rng?: Rng | number;
  /** Data scored after every epoch (loss and metric), never trained on. */
  validation?: Dataset;
  /** A score recorded per epoch beside the losses. */
  metric?: Metric;
  /** η_e for epoch e (optimizers with a learning rate; see optimizers' schedules). */
  schedule?: (epoch: number) => number;
  callbacks?: readonly Callback[];
  /** Draw the progress bar: default only when standard error is a terminal; false never. */
  progress?: boolean;
}

/** The learning curves (EQ-OPTIMIZERS-29): one entry per completed epoch. */
export interface History {
  trainLoss: number[];
  /** Empty without validation data. */
  validationLoss: number[];
  /** Empty without a metric. */
  trainMetric: number[];
  /** Empty without a metric or validation data. */
  validationMetric: number[];
  /** η of each epoch (empty for an optimizer without one). */
  lr: number[];
  /** Epochs completed. */
  epochs: number;
  /** Steps taken: epochs·iterationsPerEpoch. */
  iterations: number;
  iterationsPerEpoch: number;
  /** A callback ended training before the last epoch. */
  stoppedEarly: boolean;
}

const FIT_OPTIONS: readonly (keyof FitOptions & string)[] = [
  'epochs', 'mode', 'batchSize', 'shuffle', 'dropLast', 'rng', 'validation', 'metric', 'schedule', 'callbacks', 'progress',
];

/** Internal: a model as fit needs it (forward and parameters are functions). */
function assertModel(model: unknown, where: string): Model {
  if (typeof model !== 'object' || model === null || typeof (model as Model).forward !== 'function' || typeof (model as Model).parameters !== 'function') {
    throw new ArgumentTypeError(`${where}: model must have forward(x) and parameters() (a layers Module), got ${describeValue(model)}`);
  }
  return model as Model;
}

/**
 * Internal: a data set checked — a plain object { X, y } of finite tensors
 * with the same number n ≥ 1 of rows; returns n.
 */
function assertDataset(data: unknown, name: string, where: string): number {
  if (!isPlainObject(data)) throw new ArgumentTypeError(`${where}: ${name} must be an object { X, y } of tensors, got ${describeValue(data)}`);
  const unknown = Object.keys(data).filter((k) => k !== 'X' && k !== 'y');
  if (unknown.length > 0) throw new ValueError(`${where}: ${name} has the unknown key '${unknown[0]}'; it holds X and y`);
  const { X, y } = data;
  linalg.assertTensor(X, `${name}.X`, where);
  linalg.assertTensor(y, `${name}.y`, where);
  if (X.shape.length === 0 || y.shape.length === 0) {
    throw new ShapeError(`${where}: ${name}.X and ${name}.y need a first axis counting the samples, got ${formatShape(X.shape)} and ${formatShape(y.shape)}`);
  }
  const n = X.shape[0]!;
  if (n === 0) throw new ValueError(`${where}: ${name} is empty (no samples)`);
  if (y.shape[0] !== n) throw new ShapeError(`${where}: ${name}.X has ${n} samples but ${name}.y has ${y.shape[0]} (shapes ${formatShape(X.shape)} and ${formatShape(y.shape)})`);
  linalg.assertFinite(X, `${name}.X`, where);
  linalg.assertFinite(y, `${name}.y`, where);
  return n;
}

/** Internal: the rows `indices` of t (a copy), or a view when they are consecutive (`contiguous`). */
function takeBatch(t: Tensor, indices: Int32Array, contiguous: boolean): Tensor {
  const n = t.shape[0]!, row = n === 0 ? 0 : t.data.length / n, b = indices.length;
  const shape = [b, ...t.shape.slice(1)];
  if (contiguous) {
    const start = indices[0]! * row;
    return { shape, data: t.data.subarray(start, start + b * row) };
  }
  const out = new Float64Array(b * row), src = t.data;
  for (let i = 0; i < b; i++) {
    const from = indices[i]! * row;
    out.set(src.subarray(from, from + row), i * row);
  }
  return { shape, data: out };
}

/**
 * Internal: is every entry of g finite? 0·x is 0 for a finite x and NaN for
 * NaN or ±∞, so the sum of 0·gᵢ is 0 exactly when all are finite (four
 * running sums, so that the additions do not wait on each other).
 */
function allFinite(g: Float64Array): boolean {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
  const n = g.length, n4 = n - (n % 4);
  for (; i < n4; i += 4) {
    s0 += 0 * g[i]!;
    s1 += 0 * g[i + 1]!;
    s2 += 0 * g[i + 2]!;
    s3 += 0 * g[i + 3]!;
  }
  for (; i < n; i++) s0 += 0 * g[i]!;
  return s0 + s1 + s2 + s3 === 0;
}

/** Internal: is every entry of every gradient of the optimizer's parameters finite? */
function gradientsFinite(optimizer: Optimizer): boolean {
  for (const p of optimizer.parameters) if (!allFinite(p.grad.data)) return false;
  return true;
}

/**
 * Internal: one iteration on a batch — g ← 0, forward, loss, backward, a
 * finite check, step. Returns the prediction and the batch loss. `at` names
 * the step for messages. Arguments are valid.
 */
function iterate(model: Model, loss: LossFunction, optimizer: Optimizer, Xb: Tensor, yb: Tensor, where: string, at: string): { prediction: Var; loss: number } {
  optimizer.zeroGrad();
  const prediction = model.forward(constant(Xb));
  const L = loss(prediction, yb);
  if (!(L instanceof Var) || L.value.data.length !== 1) {
    throw new ShapeError(`${where}: the loss must return a scalar Var (one entry), got ${L instanceof Var ? `shape ${formatShape(L.value.shape)}` : describeValue(L)}`);
  }
  const value = L.value.data[0]!;
  if (!Number.isFinite(value)) {
    throw new ConvergenceError(`${where}: the loss is ${value} at ${at}; training stopped before that step, the parameters are those of the last finite step`);
  }
  L.backward();
  if (!gradientsFinite(optimizer)) {
    throw new ConvergenceError(`${where}: a gradient is NaN or infinite at ${at} (the loss is ${value}); training stopped before that step, the parameters are those of the last finite step`);
  }
  optimizer.step();
  return { prediction, loss: value };
}

/**
 * One iteration on one batch (the streaming form, `partialFit`): g ← 0,
 * L = loss(model.forward(X), y), backward, optimizer.step(). Returns L
 * before the step. X: B×…, y: B×…; ConvergenceError for a NaN or ±∞ loss or
 * gradient (no step taken). fit is this, batch after batch.
 */
export function trainStep(model: Model, loss: LossFunction, optimizer: Optimizer, X: Tensor, y: Tensor): number {
  const where = 'trainStep';
  assertModel(model, where);
  assertFunction(loss, 'loss', where);
  assertInstance(optimizer, Optimizer, 'optimizer', where);
  assertDataset({ X, y }, 'batch', where);
  return iterate(model, loss, optimizer, X, y, where, `step ${optimizer.t}`).loss;
}

/**
 * Train `model` on `data` with `loss` and `optimizer` (see the file
 * comment): returns the learning curves. The parameters are changed in
 * place. Options, with their defaults: epochs 1, mode 'minibatch',
 * batchSize 32, shuffle (not in mode 'batch'), dropLast false, rng seed 0,
 * validation, metric, schedule, callbacks, progress (on a terminal).
 */
export function fit(model: Model, loss: LossFunction, optimizer: Optimizer, data: Dataset, options?: FitOptions): History {
  const where = 'fit';
  assertModel(model, where);
  assertFunction(loss, 'loss', where);
  assertInstance(optimizer, Optimizer, 'optimizer', where);
  const n = assertDataset(data, 'data', where);
  const o = assertOptions(options, FIT_OPTIONS, where);
  const epochs = assertInteger(o.epochs ?? 1, 'epochs', where, { min: 1 });
  const mode = assertOneOf(o.mode ?? 'minibatch', ['batch', 'stochastic', 'minibatch'], 'mode', where);
  if (mode !== 'minibatch' && o.batchSize !== undefined) throw new ValueError(`${where}: mode '${mode}' sets the batch size; batchSize is for mode 'minibatch'`);
  const batchSize = mode === 'batch' ? n : mode === 'stochastic' ? 1 : assertInteger(o.batchSize ?? Math.min(32, n), 'batchSize', where, { min: 1 });
  if (batchSize > n) throw new ValueError(`${where}: batchSize ${batchSize} is larger than the ${n} samples (mode 'batch' trains on all of them at once)`);
  const shuffle = assertBoolean(o.shuffle ?? mode !== 'batch', 'shuffle', where);
  const dropLast = assertBoolean(o.dropLast ?? false, 'dropLast', where);
  const rng = o.rng === undefined ? new Rng(0) : typeof o.rng === 'number' ? new Rng(assertInteger(o.rng, 'rng', where)) : assertInstance(o.rng, Rng, 'rng', where);
  const metric = o.metric === undefined ? undefined : assertFunction(o.metric, 'metric', where);
  const schedule = o.schedule === undefined ? undefined : assertFunction(o.schedule, 'schedule', where);
  const progress = o.progress === undefined ? undefined : assertBoolean(o.progress, 'progress', where);
  const validation = o.validation;
  if (validation !== undefined) {
    assertDataset(validation, 'validation', where);
    for (const key of ['X', 'y'] as const) {
      if (!linalg.sameShape(validation[key].shape.slice(1), data[key].shape.slice(1))) {
        throw new ShapeError(`${where}: validation.${key} has rows of shape ${formatShape(validation[key].shape.slice(1))}, but data.${key} has ${formatShape(data[key].shape.slice(1))}`);
      }
    }
  }
  const callbacks = o.callbacks ?? [];
  if (!Array.isArray(callbacks)) throw new ArgumentTypeError(`${where}: callbacks must be an array of { onStepEnd?, onEpochEnd? }, got ${describeValue(callbacks)}`);
  callbacks.forEach((c: unknown, i) => {
    if (typeof c !== 'object' || c === null) throw new ArgumentTypeError(`${where}: callbacks[${i}] must be an object { onStepEnd?, onEpochEnd? }, got ${describeValue(c)}`);
    const { onStepEnd, onEpochEnd } = c as Callback;
    if (onStepEnd !== undefined) assertFunction(onStepEnd, `callbacks[${i}].onStepEnd`, where);
    if (onEpochEnd !== undefined) assertFunction(onEpochEnd, `callbacks[${i}].onEpochEnd`, where);
  });
  const hasLr = 'lr' in optimizer && typeof optimizer.lr === 'number';
  if (schedule !== undefined && !hasLr) throw new ValueError(`${where}: a schedule sets the learning rate, and ${optimizer.constructor.name} has none`);
  const own = new Set<unknown>(model.parameters());
  optimizer.parameters.forEach((p, k) => {
    if (!own.has(p)) throw new ValueError(`${where}: the optimizer's parameter ${k} is not a parameter of the model (make the optimizer with model.parameters())`);
  });

  const sampler = new MiniBatchSampler(n, { batchSize, shuffle, dropLast, rng });
  const steps = sampler.iterationsPerEpoch;
  const history: History = {
    trainLoss: [], validationLoss: [], trainMetric: [], validationMetric: [], lr: [], epochs: 0, iterations: 0, iterationsPerEpoch: steps, stoppedEarly: false,
  };
  const sink = progress === false ? null : standardError();
  const bar = sink !== null && (progress === true || sink.isTTY) ? new ProgressBar(sink, epochs, steps) : null;
  const stepHooks = callbacks.filter((c) => c.onStepEnd !== undefined);
  const hadMode = model.training;
  const setMode = (training: boolean): void => {
    if (typeof model.train === 'function') model.train(training);
  };
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      let lr: number | undefined;
      if (schedule !== undefined) {
        lr = assertNumber(schedule(epoch), `schedule(${epoch})`, where, { min: 0 });
        (optimizer as unknown as { lr: number }).lr = lr;
      } else if (hasLr) {
        lr = (optimizer as unknown as { lr: number }).lr;
      }
      setMode(true);
      bar?.startEpoch(epoch);
      let lossSum = 0, metricSum = 0, seen = 0, step = 0;
      for (const indices of sampler.epoch()) {
        const Xb = takeBatch(data.X, indices, !shuffle), yb = takeBatch(data.y, indices, !shuffle);
        const b = indices.length;
        const at = `epoch ${epoch}, step ${step} (counting from 0; iteration ${history.iterations + 1})`;
        const result = iterate(model, loss, optimizer, Xb, yb, where, at);
        history.iterations++;
        lossSum += b * result.loss;
        if (metric !== undefined) metricSum += b * metric(result.prediction.value, yb);
        seen += b;
        for (const c of stepHooks) c.onStepEnd!({ epoch, step, iteration: history.iterations, indices, loss: result.loss });
        step++;
        bar?.step(step, seen, lossSum / seen);
      }
      const trainLoss = lossSum / seen;
      const trainMetric = metric === undefined ? undefined : metricSum / seen;
      let validationLoss: number | undefined, validationMetric: number | undefined;
      if (validation !== undefined) {
        setMode(false);
        noGrad(() => {
          const prediction = model.forward(constant(validation.X));
          validationLoss = loss(prediction, validation.y).item();
          if (metric !== undefined) validationMetric = metric(prediction.value, validation.y);
        });
      }
      history.trainLoss.push(trainLoss);
      if (validationLoss !== undefined) history.validationLoss.push(validationLoss);
      if (trainMetric !== undefined) history.trainMetric.push(trainMetric);
      if (validationMetric !== undefined) history.validationMetric.push(validationMetric);
      if (lr !== undefined) history.lr.push(lr);
      history.epochs++;
      bar?.endEpoch(seen, trainLoss, validationLoss);
      let stop = false;
      for (const c of callbacks) {
        if (c.onEpochEnd?.({ epoch, trainLoss, validationLoss, trainMetric, validationMetric, lr, history, model, optimizer }) === 'stop') stop = true;
      }
      if (stop && epoch < epochs - 1) {
        history.stoppedEarly = true;
        break;
      }
    }
  } finally {
    if (typeof hadMode === 'boolean') setMode(hadMode);
  }
  return history;
}
