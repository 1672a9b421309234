/**
 * Hyperparameter search by cross-validation (EQ-OPTIMIZERS-30; 002,
 * "Hyperparameter Optimization"): each candidate setting θ of the hyperparameters is scored
 * by its k-fold CV score (EQ-DATA-06), and the best is kept:
 *
 *   grid search    every combination of the listed values, in order (the
 *                  first key varies slowest)
 *   random search  `iterations` settings, each hyperparameter drawn from its
 *                  list (uniformly) or from its sampler (rng) => value; the
 *                  same rng then shuffles the folds
 *
 *   θ* = argmax_θ (1/k)·Σ_j score_j(θ)     (the first candidate on a tie)
 *
 * All candidates are scored on the same folds, drawn once, so their CV
 * scores differ by the hyperparameters alone. With `refit` (default true)
 * the best setting is fitted once more on all the data and returned as
 * `model`. The test set stays out of all this (EQ-DATA-05): pass the
 * training part of a split.
 */
import { ArgumentTypeError, ValueError, assertBoolean, assertFunction, assertInstance, assertInteger, describeValue, isPlainObject } from '../errors/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { assertEstimator, foldScores, prepare, summary } from './cross-validate.js';
import type { CrossValidateOptions, CrossValidation, Estimator } from './cross-validate.js';

/** Options of gridSearch and randomSearch: those of crossValidate, and refit. */
export interface SearchOptions<E> extends CrossValidateOptions<E> {
  /** Fit the best setting on all the data and return it as `model` (default true). */
  refit?: boolean;
}

/** Options of randomSearch. */
export interface RandomSearchOptions<E> extends SearchOptions<E> {
  /** How many settings to draw (default 10). */
  iterations?: number;
}

/** The outcome of a search. */
export interface SearchResult<P, E> {
  /** θ*, the setting with the highest CV score (the first on a tie). */
  best: P;
  bestScore: number;
  /** Each candidate with its fold scores, mean and standard deviation, in the order tried. */
  results: (CrossValidation & { params: P })[];
  /** The best setting fitted on all the data (absent with refit: false). */
  model?: E;
}

/** A grid: each hyperparameter's values to try. */
export type Grid<P> = { [K in keyof P]: readonly P[K][] };
/** Random-search space: each hyperparameter's values (drawn uniformly) or a sampler. */
export type Space<P> = { [K in keyof P]: readonly P[K][] | ((rng: Rng) => P[K]) };

/**
 * Score every candidate on the same folds; keep the best. `candidatesOf`
 * draws the settings (after every check, before the folds). Internal.
 */
function search<P, E extends Estimator>(
  make: (params: P) => E, candidatesOf: () => P[], X: Tensor, y: Tensor | undefined, options: SearchOptions<E> | undefined, where: string,
  check: () => void = () => undefined,
): SearchResult<P, E> {
  const p = prepare(X, y, options, where, ['refit', 'iterations']);
  const refit = assertBoolean(options?.refit ?? true, 'refit', where);
  check();
  const candidates = candidatesOf();
  const first = make(candidates[0]!);
  assertEstimator(first, p.scoring, where); // before the folds are drawn
  const folds = p.folds();
  const results = candidates.map((params, c) => ({
    ...summary(foldScores(() => make(params), p.X, p.y, folds, p.scoring, where, c === 0 ? first : undefined)), params,
  }));
  let best = results[0]!;
  for (const r of results) if (r.mean > best.mean || (Number.isNaN(best.mean) && !Number.isNaN(r.mean))) best = r;
  const out: SearchResult<P, E> = { best: best.params, bestScore: best.mean, results };
  if (refit) {
    const model = make(best.params);
    if (p.y === undefined) model.fit(p.X);
    else model.fit(p.X, p.y);
    out.model = model;
  }
  return out;
}

/** The keys of a grid or space, each checked to be a non-empty list (or, for a space, a function). Internal. */
function keysOf(space: unknown, name: string, allowFunctions: boolean, where: string): string[] {
  if (!isPlainObject(space)) throw new ArgumentTypeError(`${where}: ${name} must be a plain object { hyperparameter: values }, got ${describeValue(space)}`);
  const keys = Object.keys(space);
  if (keys.length === 0) throw new ValueError(`${where}: ${name} must name at least one hyperparameter`);
  for (const key of keys) {
    const values = space[key];
    if (allowFunctions && typeof values === 'function') continue;
    if (!Array.isArray(values) || values.length === 0) {
      throw new ValueError(`${where}: ${name}.${key} must be a non-empty array of values${allowFunctions ? ' or a sampler (rng) => value' : ''}, got ${describeValue(values)}`);
    }
  }
  return keys;
}

/**
 * Grid search: the CV score of every combination of `grid`'s values, the
 * best kept (see the file comment).
 *
 *   gridSearch((p) => new Ridge({ alpha: p.alpha }), { alpha: [0.01, 0.1, 1] }, X, y, { folds: 5, rng })
 */
export function gridSearch<P extends object, E extends Estimator>(
  make: (params: P) => E, grid: Grid<P>, X: Tensor, y?: Tensor, options?: SearchOptions<E>,
): SearchResult<P, E> {
  const where = 'gridSearch';
  assertFunction(make, 'make', where);
  const keys = keysOf(grid, 'grid', false, where);
  let candidates: Record<string, unknown>[] = [{}];
  for (const key of keys) {
    const values = (grid as Record<string, readonly unknown[]>)[key]!;
    candidates = candidates.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return search(make, () => candidates as P[], X, y, options, where);
}

/**
 * Random search: `iterations` settings drawn from `space` with the rng (which
 * then shuffles the folds), each scored by CV, the best kept.
 *
 *   randomSearch((p) => new Lasso(p), { alpha: (rng) => 10 ** rng.uniform(-3, 0) }, X, y, { iterations: 20, rng })
 */
export function randomSearch<P extends object, E extends Estimator>(
  make: (params: P) => E, space: Space<P>, X: Tensor, y?: Tensor, options?: RandomSearchOptions<E>,
): SearchResult<P, E> {
  const where = 'randomSearch';
  assertFunction(make, 'make', where);
  const keys = keysOf(space, 'space', true, where);
  const iterations = assertInteger(options?.iterations ?? 10, 'iterations', where, { min: 1 });
  const draw = (rng: Rng): P[] => Array.from({ length: iterations }, () => {
    const c: Record<string, unknown> = {};
    for (const key of keys) {
      const values = (space as Record<string, unknown>)[key];
      c[key] = typeof values === 'function' ? (values as (rng: Rng) => unknown)(rng) : (values as unknown[])[rng.int(0, (values as unknown[]).length)];
    }
    return c as P;
  });
  let rng: Rng | undefined;
  const check = (): void => {
    rng = assertInstance(options?.rng, Rng, 'rng', where);
    // A dry run on a copy of the generator: a sampler or a model that fails does so before rng moves.
    assertEstimator(make(draw(Rng.fromState(rng.state()))[0]!), options?.scoring, where);
  };
  return search(make, () => draw(rng!), X, y, options, where, check);
}
