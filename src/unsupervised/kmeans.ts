/**
 * k-means by Lloyd's algorithm (EQ-UNSUPERVISED-05; 001, "k-means":
 * "1. Assignment step 2. Update step 3. Iterate 1.+2. until convergence"):
 *
 *   for each of nInit runs:
 *     μ ← init(X)                                   random or k-means++ rows, or given
 *     z ← assign(X, μ)                              z_i = argmin_j ‖x_i − μ_j‖²
 *     repeat (at most maxIter times):
 *       μ′ ← update(X, z)                           μ_j = mean of its points
 *       z ← assign(X, μ′)
 *       stop when no z_i changed (a fixed point: each point's centroid is its
 *       nearest, each centroid its cluster's mean), or when the centroids
 *       moved by Σ_j ‖μ′_j − μ_j‖² ≤ tol·(mean variance of the features)
 *   keep the run with the lowest inertia J = Σᵢ ‖x_i − μ_{z_i}‖² (the first on a tie)
 *
 * Each step can only lower J (the assignment picks the nearest centroid, the
 * mean minimises a cluster's sum of squares), so J never increases and,
 * with ties going to the lowest index, the labels cannot cycle: there are
 * finitely many partitions. The steps are in kmeans-steps.ts (one GEMM per
 * assignment), the initialisations in kmeans-init.ts.
 *
 * Failure modes (EQ-UNSUPERVISED-06; 001, "Failure modes of k-means"): the
 * objective is squared Euclidean distance to a centre, blind to a cluster's
 * shape and size. Two long parallel clusters are cut across their length,
 * and a small cluster next to a large one gains or loses points, because
 * those partitions have the lower J; more restarts do not help.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertInteger, assertNumber, assertOptions, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import { assertTensor, float64FromJSON, float64ToJSON, tensorFromJSON, tensorToJSON } from '../linalg/index.js';
import type { Float64JSONValue, Tensor, TensorJSON } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { assertDistinctRows, gatherRows, plusPlusRows, randomRows } from './kmeans-init.js';
import { assignInto, inertiaOf, rowNorms, squaredDistance, updateInto } from './kmeans-steps.js';
import { columnMoments } from './moments.js';
import { assertData, notFitted, rngState, savedNumber, savedObject } from './validate.js';

/** Options of KMeans. */
export interface KMeansOptions {
  /** k, the number of clusters (required), an integer ≥ 1. */
  k: number;
  /** 'k-means++' (default), 'random', or the k×d initial centroids themselves. */
  init?: 'k-means++' | 'random' | Tensor;
  /** Runs from different initialisations, the best kept (default 1; 10 for 'random'; given centroids allow only 1). */
  nInit?: number;
  /** Lloyd iterations per run at most (default 300). */
  maxIter?: number;
  /** Stop when Σ‖Δμ‖² ≤ tol·(mean feature variance) (default 1e-4; 0: only when no label changes). */
  tol?: number;
  /** An Rng (its state is copied, it is not advanced) or a seed (default 0): the initialisations' draws. */
  rng?: Rng | number;
}

interface Settings {
  k: number;
  init: 'k-means++' | 'random' | Tensor;
  nInit: number;
  maxIter: number;
  tol: number;
  state: number[];
}

interface Fitted {
  centroids: Tensor;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  converged: boolean;
}

/** The saved form of a KMeans (toJSON). */
export interface KMeansJSON {
  type: 'KMeans';
  options: { k: number; init: 'k-means++' | 'random' | TensorJSON; nInit: number; maxIter: number; tol: number; rngState: number[] };
  fitted: null | { centroids: TensorJSON; labels: Float64JSONValue[]; inertia: number; nIter: number; converged: boolean };
}

/**
 * k-means clustering (Lloyd's algorithm; see the file comment).
 *
 *   const km = new KMeans({ k: 3, rng: 42 }).fit(X);     // X: n×d
 *   km.centroids; km.labels; km.inertia; km.nIter;      // fitted attributes
 *   km.predict(XNew);                                   // nearest centroid
 *
 * Options: k (required), init ('k-means++' | 'random' | k×d centroids),
 * nInit (1; 10 for 'random'), maxIter (300), tol (1e-4), rng (seed 0).
 * `fit` takes no labels: clustering is unsupervised.
 */
export class KMeans {
  readonly #settings: Settings;
  #fitted: Fitted | null = null;

  constructor(options: KMeansOptions) {
    this.#settings = settingsOf(options, 'KMeans');
  }

  /** k, the number of clusters. */
  get k(): number { return this.#settings.k; }
  /** The initialisation: 'k-means++', 'random', or the given centroids (a copy). */
  get init(): 'k-means++' | 'random' | Tensor {
    const { init } = this.#settings;
    return typeof init === 'string' ? init : { shape: [...init.shape], data: init.data.slice() };
  }
  get nInit(): number { return this.#settings.nInit; }
  get maxIter(): number { return this.#settings.maxIter; }
  get tol(): number { return this.#settings.tol; }

  /** Cluster the rows of X (n×d, finite, n ≥ k, at least k distinct rows). Returns this. */
  fit(X: Tensor): this {
    if (arguments[1] !== undefined) throw new ArgumentTypeError('KMeans.fit: takes X alone (clustering uses no labels), got a second argument');
    return this.#fit(X, 'KMeans.fit');
  }

  /** fit(X), then the labels of its rows [n]. */
  fitPredict(X: Tensor): Tensor {
    return this.#fit(X, 'KMeans.fitPredict').labels;
  }

  #fit(X: Tensor, where: string): this {
    const [n, d] = assertData(X, 'X', where);
    const { k, init, nInit, maxIter, tol, state } = this.#settings;
    if (k > n) throw new ValueError(`${where}: k = ${k} is larger than the number of samples n = ${n}`);
    if (typeof init !== 'string' && init.shape[1] !== d) {
      throw new ShapeError(`${where}: the initial centroids are ${formatShape(init.shape)} but X has ${d} columns`);
    }
    if (typeof init === 'string') assertDistinctRows(X, k, where);
    const xNorms = rowNorms(X.data, n, d);
    const tolAbs = tol * meanVariance(X.data, n, d);
    const rng = Rng.fromState(state);
    let best: Fitted | null = null;
    for (let run = 0; run < nInit; run++) {
      const C = typeof init !== 'string' ? { shape: [k, d], data: init.data.slice() }
        : gatherRows(X.data, init === 'random' ? randomRows(X, k, rng, where) : plusPlusRows(X, k, rng, where), d);
      const result = lloyd(X, xNorms, C, maxIter, tolAbs);
      if (best === null || result.inertia < best.inertia) best = result;
    }
    this.#fitted = best;
    return this;
  }

  /** The nearest centroid of each row of X (m×d): labels [m] in 0 … k−1, ties to the lowest index. */
  predict(X: Tensor): Tensor {
    const f = this.#state('KMeans.predict');
    const [m, d] = assertData(X, 'X', 'KMeans.predict', f.centroids.shape[1]);
    const labels = new Int32Array(m).fill(-1);
    assignInto(X, rowNorms(X.data, m, d), f.centroids, labels);
    return { shape: [m], data: Float64Array.from(labels) };
  }

  /** The distance ‖x_i − μ_j‖ of each row to each centroid: m×k. */
  transform(X: Tensor): Tensor {
    const f = this.#state('KMeans.transform');
    const [m, d] = assertData(X, 'X', 'KMeans.transform', f.centroids.shape[1]);
    const k = this.#settings.k, out = new Float64Array(m * k);
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) out[i * k + j] = Math.sqrt(squaredDistance(X.data, i, f.centroids.data, j, d));
    return { shape: [m, k], data: out };
  }

  /** −J on X: minus the inertia of X's rows about their nearest centroids (higher is better, for model selection). */
  score(X: Tensor): number {
    const f = this.#state('KMeans.score');
    const [m, d] = assertData(X, 'X', 'KMeans.score', f.centroids.shape[1]);
    const labels = new Int32Array(m).fill(-1);
    assignInto(X, rowNorms(X.data, m, d), f.centroids, labels);
    return -inertiaOf(X.data, m, d, f.centroids.data, labels);
  }

  /** Has fit run? */
  get fitted(): boolean { return this.#fitted !== null; }
  /** The centroids μ_1 … μ_k of the best run, k×d. */
  get centroids(): Tensor {
    const { centroids } = this.#state('KMeans.centroids');
    return { shape: [...centroids.shape], data: centroids.data.slice() };
  }
  /** The cluster of each training row [n]. */
  get labels(): Tensor { return { shape: [this.#state('KMeans.labels').labels.length], data: Float64Array.from(this.#state('KMeans.labels').labels) }; }
  /** J = Σᵢ ‖x_i − μ_{z_i}‖² of the training rows (direct sums). */
  get inertia(): number { return this.#state('KMeans.inertia').inertia; }
  /** The Lloyd iterations of the best run. */
  get nIter(): number { return this.#state('KMeans.nIter').nIter; }
  /** Did the best run stop by itself (rather than at maxIter)? */
  get converged(): boolean { return this.#state('KMeans.converged').converged; }
  /** d, the number of features seen by fit. */
  get nFeatures(): number { return this.#state('KMeans.nFeatures').centroids.shape[1]!; }

  #state(where: string): Fitted {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  /** The options (with the generator's state) and the fitted model as plain JSON data, bit-exact. */
  toJSON(): KMeansJSON {
    const { k, init, nInit, maxIter, tol, state } = this.#settings;
    const f = this.#fitted;
    return {
      type: 'KMeans',
      options: { k, init: typeof init === 'string' ? init : tensorToJSON(init), nInit, maxIter, tol, rngState: [...state] },
      fitted: f === null ? null : {
        centroids: tensorToJSON(f.centroids), labels: float64ToJSON(f.labels), inertia: f.inertia, nIter: f.nIter, converged: f.converged,
      },
    };
  }

  /** Rebuild a KMeans from toJSON output, checking every field first. */
  static fromJSON(json: unknown): KMeans {
    const where = 'KMeans.fromJSON';
    const o = savedObject(json, 'KMeans', where);
    const opts = o['options'];
    if (!isPlainObject(opts)) throw new ArgumentTypeError(`${where}: options must be an object, got ${describeValue(opts)}`);
    const rawInit = opts['init'];
    const options: KMeansOptions = {
      k: opts['k'] as number, init: typeof rawInit === 'string' ? rawInit as 'random' : tensorFromJSON(rawInit, 'options.init', where),
      nInit: opts['nInit'] as number, maxIter: opts['maxIter'] as number, tol: opts['tol'] as number, rng: stateRng(opts['rngState'], where),
    };
    settingsOf(options, where); // every option checked under this function's name before the constructor sees it
    const model = new KMeans(options);
    const f = o['fitted'];
    if (f === null) return model;
    if (!isPlainObject(f)) throw new ArgumentTypeError(`${where}: fitted must be null or an object, got ${describeValue(f)}`);
    const centroids = tensorFromJSON(f['centroids'], 'fitted.centroids', where);
    const k = model.k;
    if (centroids.shape.length !== 2 || centroids.shape[0] !== k || centroids.shape[1] === 0) {
      throw new ShapeError(`${where}: fitted.centroids must be ${k}×d, got ${formatShape(centroids.shape)}`);
    }
    assertData(centroids, 'fitted.centroids', where);
    const rawLabels = float64FromJSON(f['labels'], 'fitted.labels', where);
    if (rawLabels.some((z) => !(Number.isInteger(z) && z >= 0 && z < k))) throw new ValueError(`${where}: fitted.labels must be cluster indices 0 … ${k - 1}`);
    const converged = f['converged'];
    if (typeof converged !== 'boolean') throw new ArgumentTypeError(`${where}: fitted.converged must be true or false, got ${describeValue(converged)}`);
    model.#fitted = {
      centroids, labels: Int32Array.from(rawLabels), inertia: savedNumber(f, 'inertia', where),
      nIter: assertInteger(f['nIter'], 'fitted.nIter', where, { min: 0 }), converged,
    };
    return model;
  }
}

/** The checked options, defaults filled in, the generator reduced to its state. */
function settingsOf(options: KMeansOptions, where: string): Settings {
  if (options === undefined) throw new ArgumentTypeError(`${where}: options { k, … } are required (k has no default)`);
  const o = assertOptions(options, ['k', 'init', 'nInit', 'maxIter', 'tol', 'rng'], where);
  const k = assertInteger(o.k, 'k', where, { min: 1 });
  let init: Settings['init'] = 'k-means++';
  if (o.init !== undefined) {
    if (typeof o.init === 'string') {
      if (o.init !== 'k-means++' && o.init !== 'random') throw new ValueError(`${where}: init must be 'k-means++', 'random' or a k×d tensor, got ${describeValue(o.init)}`);
      init = o.init;
    } else {
      assertTensor(o.init, 'init', where);
      if (o.init.shape.length !== 2 || o.init.shape[0] !== k || o.init.shape[1] === 0) {
        throw new ShapeError(`${where}: init must be the ${k}×d initial centroids, got shape ${formatShape(o.init.shape)}`);
      }
      assertData(o.init, 'init', where);
      init = { shape: [...o.init.shape], data: o.init.data.slice() };
    }
  }
  const nInit = assertInteger(o.nInit ?? (init === 'random' ? 10 : 1), 'nInit', where, { min: 1 });
  if (typeof init !== 'string' && nInit !== 1) throw new ValueError(`${where}: with given initial centroids nInit must be 1, got ${nInit}`);
  const maxIter = assertInteger(o.maxIter ?? 300, 'maxIter', where, { min: 1 });
  const tol = assertNumber(o.tol ?? 1e-4, 'tol', where, { min: 0 });
  return { k, init, nInit, maxIter, tol, state: rngState(o.rng, where) };
}

/** A saved generator state, checked: four integers in [0, 2³²), not all 0. */
function stateRng(state: unknown, where: string): Rng {
  if (!Array.isArray(state) || state.length !== 4 || !state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)
    || state.every((w) => w === 0)) {
    throw new ValueError(`${where}: options.rngState must be four integers in [0, 2³²), not all 0, got ${describeValue(state)}`);
  }
  return Rng.fromState(state as number[]);
}

/** (1/d)·Σ_j Var_pop(x_j): the scale of the tolerance. Internal. */
function meanVariance(x: Float64Array, n: number, d: number): number {
  return columnMoments(x, n, d).ss.reduce((a, s) => a + s / n, 0) / d;
}

/** One run of Lloyd's algorithm from the centroids C (modified in place). Internal: checked inputs. */
function lloyd(X: Tensor, xNorms: Float64Array, C: Tensor, maxIter: number, tolAbs: number): Fitted {
  const n = X.shape[0]!, d = X.shape[1]!, k = C.shape[0]!;
  const labels = new Int32Array(n).fill(-1);
  assignInto(X, xNorms, C, labels);
  const next = new Float64Array(k * d);
  let nIter = 0, converged = false;
  while (nIter < maxIter) {
    updateInto(X, labels, C, next);
    let shift = 0;
    for (let t = 0; t < next.length; t++) {
      const delta = next[t]! - C.data[t]!;
      shift += delta * delta;
    }
    C.data.set(next);
    const changed = assignInto(X, xNorms, C, labels);
    nIter++;
    if (changed === 0 || shift <= tolAbs) { converged = true; break; }
  }
  return { centroids: C, labels, inertia: inertiaOf(X.data, n, d, C.data, labels), nIter, converged };
}
