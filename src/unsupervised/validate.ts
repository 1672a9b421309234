/**
 * The argument checks and saved-state helpers shared by the unsupervised
 * estimators. Data X is n×d, row-major (X[i*d + j]: sample i, feature j),
 * finite, with n ≥ 1 samples and d ≥ 1 features.
 */
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import { assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/**
 * Throw unless X is a finite matrix n×d with n ≥ 1, d ≥ 1 (and d = `features`
 * when given, the width the model was fitted on). Returns [n, d].
 */
export function assertData(X: unknown, name: string, where: string, features?: number): [number, number] {
  assertTensor(X, name, where);
  const [n, d] = X.shape;
  if (X.shape.length !== 2 || n === undefined || d === undefined) {
    throw new ShapeError(`${where}: ${name} must be a matrix n×d (rows are samples), got shape ${formatShape(X.shape)}`);
  }
  if (features !== undefined && d !== features) {
    throw new ShapeError(`${where}: ${name} must have ${features} columns (the features seen by fit), got shape ${formatShape(X.shape)}`);
  }
  if (n === 0 || d === 0) throw new ValueError(`${where}: ${name} must have at least one sample and one feature, got shape ${formatShape(X.shape)}`);
  const x = X.data;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (!Number.isFinite(xi)) {
      throw new ValueError(`${where}: ${name} must be finite, got ${xi} at row ${Math.floor(i / d)}, column ${i % d}`);
    }
  }
  return [n, d];
}

/** The NotFittedError of reading `what` before fit. */
export function notFitted(where: string): NotFittedError {
  return new NotFittedError(`${where}: the model is not fitted yet; call fit(X) first`);
}

/**
 * The state an `rng` option stands for: an Rng (its current state is copied,
 * and the Rng itself is never advanced), or a seed (a safe integer); absent
 * gives seed 0. Each fit starts a fresh generator from this state, so that
 * fitting twice gives the same model.
 */
export function rngState(rng: unknown, where: string): number[] {
  if (rng === undefined) return new Rng(0).state();
  if (rng instanceof Rng) return rng.state();
  if (typeof rng === 'number') {
    if (!Number.isSafeInteger(rng)) throw new ValueError(`${where}: rng must be an Rng or a seed (a safe integer), got ${describeValue(rng)}`);
    return new Rng(rng).state();
  }
  throw new ArgumentTypeError(`${where}: rng must be an Rng or a seed (a safe integer), got ${describeValue(rng)}`);
}

/** The saved form's object `json` with its type tag checked; ArgumentTypeError/ValueError naming `where`. */
export function savedObject(json: unknown, type: string, where: string): Record<string, unknown> {
  if (!isPlainObject(json)) throw new ArgumentTypeError(`${where}: expected a saved ${type} (what toJSON returns), got ${describeValue(json)}`);
  if (json['type'] !== type) throw new ValueError(`${where}: expected a saved ${type}, got type ${describeValue(json['type'])}`);
  return json;
}

/** A finite number field of a saved state. */
export function savedNumber(json: Record<string, unknown>, key: string, where: string): number {
  const v = json[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`${where}: ${key} must be a finite number, got ${describeValue(v)}`);
  return v;
}

/** Throw a ShapeError unless `t` has shape `shape`. */
export function expectShape(t: Tensor, shape: readonly number[], name: string, where: string): Tensor {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new ShapeError(`${where}: ${name} must have shape ${formatShape(shape)}, got ${formatShape(t.shape)}`);
  }
  return t;
}
