/**
 * Early stopping (EQ-REGULARIZERS-08; 002 "Stop training when performance
 * on a validation dataset starts to degrade"), the patience rule:
 *
 *   best ← +∞, wait ← 0
 *   after epoch e with monitored value v_e (the validation loss by default):
 *     if v_e < best − minDelta:  best ← v_e, bestEpoch ← e, wait ← 0, keep a copy of θ
 *     else:                      wait ← wait + 1
 *     if wait ≥ patience:        stop, and put θ of bestEpoch back (restoreBest)
 *
 * So training stops at the first epoch e such that none of the epochs
 * e − P + 1 … e improved on the best value by more than minDelta. An epoch
 * that only ties the best is no improvement, so the restored parameters
 * are those of the earliest epoch with the lowest value (minDelta = 0), and
 * a strictly decreasing curve never stops. A NaN value never improves.
 *
 * It is a callback of the training loop: `fit(…, { validation, callbacks:
 * [new EarlyStopping({ patience: 5 })] })` calls `onEpochEnd` after each
 * epoch, which returns 'stop' to end training. The copy of θ holds every
 * parameter's values and, for a model that has them (a layers Module), its
 * buffers (BatchNorm's running statistics), copied into the same tensors
 * on restore. The validation data must be kept out of the gradient steps
 * (a split of the training data, EQ-DATA-05), or the rule watches the
 * training loss.
 *
 * Options:
 *   patience     P ≥ 1, epochs without improvement before stopping (default 5)
 *   minDelta     the least decrease that counts as an improvement, ≥ 0 (default 0)
 *   restoreBest  put the best epoch's parameters back on stopping (default true)
 *   monitor      'validationLoss' (default) or 'trainLoss'
 */
import { ArgumentTypeError, ValueError, assertBoolean, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import type { Var } from '../autodiff/index.js';

/** Options of EarlyStopping. */
export interface EarlyStoppingOptions {
  /** P ≥ 1: epochs without improvement before stopping (default 5). */
  patience?: number;
  /** The least decrease that counts as an improvement, ≥ 0 (default 0). */
  minDelta?: number;
  /** Put the best epoch's parameters back when stopping (default true). */
  restoreBest?: boolean;
  /** The value watched: 'validationLoss' (default) or 'trainLoss'. */
  monitor?: 'validationLoss' | 'trainLoss';
}

/** What EarlyStopping copies and restores: parameters, and buffers when the model has them (a layers Module). */
export interface StoppableModel {
  parameters(): readonly Var[];
  namedBuffers?(): readonly (readonly [string, Tensor])[];
}

/** What onEpochEnd reads of the training loop's epoch record. */
export interface EarlyStoppingLog {
  epoch: number;
  trainLoss: number;
  validationLoss?: number | undefined;
  model: StoppableModel;
}

/** The tensors of a model's state, in a fixed order. Internal: the model is valid. */
function stateTensors(model: StoppableModel): Tensor[] {
  const tensors = model.parameters().map((v) => v.value);
  if (typeof model.namedBuffers === 'function') for (const [, t] of model.namedBuffers()) tensors.push(t);
  return tensors;
}

export class EarlyStopping {
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBest: boolean;
  readonly monitor: 'validationLoss' | 'trainLoss';
  /** The best monitored value so far (+∞ before the first epoch). */
  best = Infinity;
  /** The epoch of `best` (−1 before the first improvement). */
  bestEpoch = -1;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The first epoch at which the rule said stop, or null. */
  stoppedEpoch: number | null = null;
  /** Copies of the parameters (and buffers) of the best epoch, or null. */
  #snapshot: Float64Array[] | null = null;
  /** Epochs seen by update(). */
  #epochs = 0;

  constructor(options?: EarlyStoppingOptions) {
    const where = 'EarlyStopping';
    const o = assertOptions(options, ['patience', 'minDelta', 'restoreBest', 'monitor'], where);
    this.patience = assertInteger(o.patience ?? 5, 'patience', where, { min: 1 });
    this.minDelta = assertNumber(o.minDelta ?? 0, 'minDelta', where, { min: 0 });
    this.restoreBest = assertBoolean(o.restoreBest ?? true, 'restoreBest', where);
    this.monitor = assertOneOf(o.monitor ?? 'validationLoss', ['validationLoss', 'trainLoss'] as const, 'monitor', where);
  }

  /**
   * Record one epoch's monitored value (epochs counted from 0 by the calls);
   * true when training should stop. Does not look at any model.
   */
  update(value: number): boolean {
    if (typeof value !== 'number') throw new ArgumentTypeError(`EarlyStopping.update: value must be a number, got ${describeValue(value)}`);
    return this.#record(value, this.#epochs) === 'stop';
  }

  /** Internal: the rule's step; 'improved', 'wait' or 'stop'. */
  #record(value: number, epoch: number): 'improved' | 'wait' | 'stop' {
    this.#epochs = epoch + 1;
    if (value < this.best - this.minDelta) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      return 'improved';
    }
    this.wait++;
    if (this.wait < this.patience) return 'wait';
    this.stoppedEpoch ??= epoch;
    return 'stop';
  }

  /**
   * The training loop's hook after each epoch: reads the monitored loss,
   * copies the model's state on an improvement, and on stopping restores
   * the best copy (restoreBest) and returns 'stop'.
   */
  onEpochEnd(log: EarlyStoppingLog): 'stop' | undefined {
    const where = 'EarlyStopping.onEpochEnd';
    if (typeof log !== 'object' || log === null) throw new ArgumentTypeError(`${where}: log must be the epoch record { epoch, trainLoss, validationLoss, model }, got ${describeValue(log)}`);
    const epoch = assertInteger(log.epoch, 'log.epoch', where, { min: 0 });
    const value = log[this.monitor];
    if (value === undefined) throw new ValueError(`${where}: the epoch has no ${this.monitor}; pass validation data to fit, or use { monitor: 'trainLoss' }`);
    if (typeof value !== 'number') throw new ArgumentTypeError(`${where}: log.${this.monitor} must be a number, got ${describeValue(value)}`);
    const model = log.model;
    if (typeof model !== 'object' || model === null || typeof model.parameters !== 'function') {
      throw new ArgumentTypeError(`${where}: log.model must have parameters() (a layers Module), got ${describeValue(model)}`);
    }
    const step = this.#record(value, epoch);
    if (step === 'improved' && this.restoreBest) this.#snapshot = stateTensors(model).map((t) => Float64Array.from(t.data));
    if (step !== 'stop') return undefined;
    if (this.restoreBest) this.restore(model);
    return 'stop';
  }

  /**
   * Copy the best epoch's parameters (and buffers) back into the model, in
   * place. Training that ends without the rule firing keeps its last
   * parameters; call this to get the best ones. Does nothing before any
   * copy was taken (restoreBest false, or no epoch yet).
   */
  restore(model: StoppableModel): void {
    const where = 'EarlyStopping.restore';
    if (typeof model !== 'object' || model === null || typeof model.parameters !== 'function') {
      throw new ArgumentTypeError(`${where}: model must have parameters() (a layers Module), got ${describeValue(model)}`);
    }
    if (this.#snapshot === null) return;
    const tensors = stateTensors(model);
    const saved = this.#snapshot;
    if (tensors.length !== saved.length || tensors.some((t, i) => t.data.length !== saved[i]!.length)) {
      throw new ValueError(`${where}: the model's parameters do not match the ones copied at epoch ${this.bestEpoch} (another model?)`);
    }
    tensors.forEach((t, i) => t.data.set(saved[i]!));
  }

  /** Forget everything seen, to watch a new training run. */
  reset(): void {
    this.best = Infinity;
    this.bestEpoch = -1;
    this.wait = 0;
    this.stoppedEpoch = null;
    this.#snapshot = null;
    this.#epochs = 0;
  }
}
