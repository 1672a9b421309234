/**
 * Learning-rate schedules (EQ-OPTIMIZERS-26, "start with large learning
 * rate and decay over time", 001) and the batch-size scaling rule
 * (EQ-OPTIMIZERS-27). A schedule is a function t ↦ η_t of the epoch
 * t = 0, 1, 2, …, with η_0 = η₀ exactly and η_t non-increasing:
 *
 *   stepDecay(η₀, { factor: γ, every: k })   η_t = η₀·γ^⌊t/k⌋
 *   exponentialDecay(η₀, { rate: γ })        η_t = η₀·γ^t
 *   inverseTimeDecay(η₀, { k })              η_t = η₀/(1 + k·t)       (the "1/t" decay)
 *   cosineDecay(η₀, { period: T, etaMin })   η_t = η₀ − (η₀ − η_min)·½(1 − cos(πt/T)),  η_min for t ≥ T
 *
 * `fit(…, { schedule })` sets the optimizer's `lr` to η_t at the start of
 * epoch t. The scaling rule of thumb of the 001 deck ("if you increase the
 * batch size by N, also scale the initial learning rate by N") is
 *
 *   scaleLearningRate(η, B_old, B_new) = η·B_new/B_old,
 *
 * a heuristic, not an identity: k SGD steps of batch B at rate η and one
 * step of batch kB at rate kη agree to first order in η only.
 */
import { assertInteger, assertNumber, assertOptions } from '../errors/index.js';
import { cos, pow } from '../math/index.js';

/** η_t for the epoch t (an integer ≥ 0). */
export type Schedule = (t: number) => number;

/** Internal: η₀ checked (a finite number ≥ 0). */
const initialRate = (eta0: unknown, where: string): number => assertNumber(eta0, 'eta0', where, { min: 0 });

/** Internal: the schedule's argument checked (an epoch, an integer ≥ 0). */
const epoch = (t: unknown, where: string): number => assertInteger(t, 't', where, { min: 0 });

/** η_t = η₀·γ^⌊t/k⌋: multiply by `factor` γ ∈ (0, 1] (default 0.1) every `every` k ≥ 1 epochs (required). */
export function stepDecay(eta0: number, options: { factor?: number; every: number }): Schedule {
  const where = 'stepDecay';
  initialRate(eta0, where);
  const o = assertOptions(options, ['factor', 'every'], where);
  const factor = assertNumber(o.factor ?? 0.1, 'factor', where, { min: 0, max: 1, minExclusive: true });
  const every = assertInteger(o.every, 'every', where, { min: 1 });
  return (t) => eta0 * pow(factor, Math.floor(epoch(t, 'stepDecay schedule') / every));
}

/** η_t = η₀·γ^t with `rate` γ ∈ (0, 1] (required). */
export function exponentialDecay(eta0: number, options: { rate: number }): Schedule {
  const where = 'exponentialDecay';
  initialRate(eta0, where);
  const o = assertOptions(options, ['rate'], where);
  const rate = assertNumber(o.rate, 'rate', where, { min: 0, max: 1, minExclusive: true });
  return (t) => eta0 * pow(rate, epoch(t, 'exponentialDecay schedule'));
}

/** η_t = η₀/(1 + k·t) with k ≥ 0 (default 1). */
export function inverseTimeDecay(eta0: number, options?: { k?: number }): Schedule {
  const where = 'inverseTimeDecay';
  initialRate(eta0, where);
  const o = assertOptions(options, ['k'], where);
  const k = assertNumber(o.k ?? 1, 'k', where, { min: 0 });
  return (t) => eta0 / (1 + k * epoch(t, 'inverseTimeDecay schedule'));
}

/**
 * Cosine annealing from η₀ at t = 0 to `etaMin` (default 0, at most η₀) at
 * t = `period` T ≥ 1 (required), and η_min after: η₀ − (η₀ − η_min)·½(1 − cos(πt/T)).
 */
export function cosineDecay(eta0: number, options: { period: number; etaMin?: number }): Schedule {
  const where = 'cosineDecay';
  initialRate(eta0, where);
  const o = assertOptions(options, ['period', 'etaMin'], where);
  const period = assertInteger(o.period, 'period', where, { min: 1 });
  const etaMin = assertNumber(o.etaMin ?? 0, 'etaMin', where, { min: 0, max: eta0 });
  return (t) => {
    const s = epoch(t, 'cosineDecay schedule');
    if (s >= period) return etaMin;
    return eta0 - (eta0 - etaMin) * 0.5 * (1 - cos((Math.PI * s) / period));
  };
}

/** η·B_new/B_old, the linear scaling rule of thumb (001): batch sizes are integers ≥ 1, η ≥ 0. */
export function scaleLearningRate(eta: number, batchOld: number, batchNew: number): number {
  const where = 'scaleLearningRate';
  assertNumber(eta, 'eta', where, { min: 0 });
  assertInteger(batchOld, 'batchOld', where, { min: 1 });
  assertInteger(batchNew, 'batchNew', where, { min: 1 });
  return (eta * batchNew) / batchOld;
}
