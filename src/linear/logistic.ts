/**
 * Logistic regression (003, "LOGISTIC REGRESSION": pr(Y = 1 | θ) = σ(xᵀθ),
 * EQ-LAYERS-19; its loss is the binary cross-entropy, EQ-LOSSES-07), binary
 * and multinomial, with the intercept as the last row of θ (x̃ = [x, 1]):
 *
 *   binary       z_i = x̃_iᵀθ,  p_i = σ(z_i) = 1/(1 + e^{−z_i})
 *   multinomial  z_i = Θᵀx̃_i (Θ: (d+1)×K),  p_ic = e^{z_ic} / Σ_k e^{z_ik}
 *   J(θ) = −(1/n)·Σᵢ ln p_{i,yᵢ} + (α/2)·‖W‖²       (W: θ without the intercept row)
 *   ∇J  = X̃ᵀ(P − Y)/n + α·W                       (Y one-hot; binary: p − y)
 *   ∇²J = X̃ᵀ·diag(p(1 − p))·X̃/n + α·I_W           (binary; multinomial: blocks
 *         X̃ᵀ·diag(p_a(δ_ab − p_b))·X̃/n)
 *
 * J is convex (∇²J is positive semi-definite), so both solvers reach its
 * minimiser when one exists:
 *
 *   'newton'  Newton/IRLS: θ ← θ − s·(∇²J)⁻¹∇J, the step s = 1, ½, ¼, … until
 *             J falls by at least 10⁻⁴·s·∇Jᵀ(∇²J)⁻¹∇J (Armijo, up to J's
 *             rounding, so that the last steps near the minimiser count); the Hessian
 *             solved by Cholesky (with a tiny diagonal shift where it is
 *             singular: the softmax does not change when one constant is added
 *             to every class's scores)
 *   'gd'      gradient descent θ ← θ − η·∇J from θ = 0, η = 1/L with
 *             L = λ_max(X̃ᵀX̃)/(4n) + α (binary; /(2n) multinomial), a bound
 *             on the Hessian, so J never increases
 *
 * both until max|∇J| ≤ tol. The penalty α (default 1e-4) keeps the
 * minimiser finite for separable data, where without it ‖θ‖ → ∞. (The
 * lecture's loss is the mean cross-entropy alone, α = 0; scikit-learn's
 * default C = 1 is α = 1/n.) For multinomial fits, W and b are centred across
 * the classes at the end (the softmax is unchanged, and at the minimiser
 * with α > 0 they sum to 0 anyway).
 *
 * Labels are class indices 0 … K−1 (or one-hot rows); K = 2 is binary
 * (unless multiClass is 'multinomial'). Ties in predict go to the lower
 * class: p = ½ predicts 0.
 */
import { ArgumentTypeError, NotPositiveDefiniteError, ShapeError, ValueError, assertBoolean, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import { assertTensor, choleskySolve, matmul, matmulTransA, tensorFromJSON, tensorToJSON } from '../linalg/index.js';
import type { Tensor, TensorJSON } from '../linalg/index.js';
import { exp, log, log1p } from '../math/index.js';
import { accuracy } from '../metrics/index.js';
import { largestEigenvalue } from './linear-regression.js';
import { assertDesign, design, notFitted, savedObject } from './model.js';

/** Options of LogisticRegression. */
export interface LogisticRegressionOptions {
  /** 'newton' (default, IRLS with a line search) or 'gd'. */
  solver?: 'newton' | 'gd';
  /** α ≥ 0, the L2 weight (α/2)‖W‖² (default 1e-4). */
  alpha?: number;
  /** Fit the intercept (default true). */
  fitIntercept?: boolean;
  /** 'auto' (default: binary for K = 2) or 'multinomial'. */
  multiClass?: 'auto' | 'multinomial';
  /** K, the number of classes (default, or null: 1 + the largest label). */
  nClasses?: number | null;
  /** η of 'gd': a positive number, or 'auto' (default, 1/L). */
  learningRate?: number | 'auto';
  /** Iterations at most (default 100 for 'newton', 100 000 for 'gd'). */
  maxIter?: number;
  /** Stop when max|∇J| ≤ tol (default 1e-10 for 'newton', 1e-8 for 'gd'). */
  tol?: number;
}

interface Settings {
  solver: 'newton' | 'gd'; alpha: number; fitIntercept: boolean; multiClass: 'auto' | 'multinomial';
  nClasses: number | null; learningRate: number | 'auto'; maxIter: number; tol: number;
}

interface Fitted {
  theta: Tensor; // (d+1)×K', K' = 1 (binary) or K
  binary: boolean;
  nClasses: number;
  nIter: number;
  converged: boolean;
}

/** The saved form of a LogisticRegression. */
export interface LogisticRegressionJSON {
  type: 'LogisticRegression';
  options: Settings;
  fitted: null | { theta: TensorJSON; binary: boolean; nClasses: number; nIter: number; converged: boolean };
}

function settingsOf(options: LogisticRegressionOptions | undefined, where: string): Settings {
  const o = assertOptions(options, ['solver', 'alpha', 'fitIntercept', 'multiClass', 'nClasses', 'learningRate', 'maxIter', 'tol'], where);
  const solver = assertOneOf(o.solver ?? 'newton', ['newton', 'gd'], 'solver', where);
  return {
    solver,
    alpha: assertNumber(o.alpha ?? 1e-4, 'alpha', where, { min: 0 }),
    fitIntercept: assertBoolean(o.fitIntercept ?? true, 'fitIntercept', where),
    multiClass: assertOneOf(o.multiClass ?? 'auto', ['auto', 'multinomial'], 'multiClass', where),
    nClasses: o.nClasses === undefined || o.nClasses === null ? null : assertInteger(o.nClasses, 'nClasses', where, { min: 2, max: 2 ** 20 }),
    learningRate: o.learningRate === undefined || o.learningRate === 'auto' ? 'auto' : assertNumber(o.learningRate, 'learningRate', where, { min: 0, minExclusive: true }),
    maxIter: assertInteger(o.maxIter ?? (solver === 'newton' ? 100 : 100_000), 'maxIter', where, { min: 1 }),
    tol: assertNumber(o.tol ?? (solver === 'newton' ? 1e-10 : 1e-8), 'tol', where, { min: 0 }),
  };
}

/** Class labels 0 … K−1 of y ([n] indices or n×K one-hot). Internal. */
function labelsOf(y: unknown, n: number, where: string): Int32Array {
  assertTensor(y, 'y', where);
  if (y.shape[0] !== n || (y.shape.length !== 1 && y.shape.length !== 2)) {
    throw new ShapeError(`${where}: y must be class labels [${n}] or one-hot rows ${n}×K, got shape ${formatShape(y.shape)}`);
  }
  const out = new Int32Array(n);
  if (y.shape.length === 1) {
    for (let i = 0; i < n; i++) {
      const v = y.data[i]!;
      if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 20)) throw new ValueError(`${where}: y must hold class labels 0, 1, 2, …, got ${v} at index ${i}`);
      out[i] = v;
    }
    return out;
  }
  const K = y.shape[1]!;
  for (let i = 0; i < n; i++) {
    let hot = -1;
    for (let c = 0; c < K; c++) {
      const v = y.data[i * K + c]!;
      if (v === 1 && hot < 0) hot = c;
      else if (v !== 0) hot = -2;
    }
    if (hot < 0) throw new ValueError(`${where}: y is ${n}×${K}, so each row must be one-hot; row ${i} is not`);
    out[i] = hot;
  }
  return out;
}

/** σ(z), without overflow for any z. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/** The problem: X̃ (n×e), labels, K' columns of θ, the penalty mask (1 on weight rows). Internal. */
interface Problem { A: Tensor; y: Int32Array; cols: number; binary: boolean; alpha: number; penalised: number }

/** Probabilities P (n×cols: p for binary, softmax rows else) and J at θ. Internal. */
function evaluate(pr: Problem, theta: Tensor): { P: Float64Array; J: number } {
  const n = pr.A.shape[0]!, K = pr.cols, Z = matmul(pr.A, theta).data, P = new Float64Array(n * K);
  let nll = 0;
  for (let i = 0; i < n; i++) {
    const yi = pr.y[i]!;
    if (pr.binary) {
      const z = Z[i]!;
      P[i] = sigmoid(z);
      nll += Math.max(z, 0) + log1p(exp(-Math.abs(z))) - (yi === 1 ? z : 0); // softplus(z) − y·z
      continue;
    }
    let top = -Infinity;
    for (let c = 0; c < K; c++) top = Math.max(top, Z[i * K + c]!);
    let sum = 0;
    for (let c = 0; c < K; c++) { const e = exp(Z[i * K + c]! - top); P[i * K + c] = e; sum += e; }
    for (let c = 0; c < K; c++) P[i * K + c]! /= sum;
    nll += top + log(sum) - Z[i * K + yi]!; // logsumexp(z) − z_y
  }
  let penalty = 0;
  for (let t = 0; t < pr.penalised * K; t++) penalty += theta.data[t]! * theta.data[t]!;
  return { P, J: nll / n + (pr.alpha / 2) * penalty };
}

/** ∇J = X̃ᵀ(P − Y)/n + α·W. Internal. */
function gradient(pr: Problem, theta: Tensor, P: Float64Array): Tensor {
  const n = pr.A.shape[0]!, K = pr.cols, R = P.slice();
  for (let i = 0; i < n; i++) {
    const yi = pr.y[i]!;
    if (pr.binary) R[i]! -= yi;
    else R[i * K + yi]! -= 1;
  }
  const G = matmulTransA(pr.A, { shape: [n, K], data: R });
  for (let t = 0; t < G.data.length; t++) G.data[t] = G.data[t]! / n + (t < pr.penalised * K ? pr.alpha * theta.data[t]! : 0);
  return G;
}

/** ∇²J, e·K × e·K, index (j, a) ↦ j·K + a. Internal. */
function hessian(pr: Problem, P: Float64Array): Tensor {
  const n = pr.A.shape[0]!, e = pr.A.shape[1]!, K = pr.cols, m = e * K, H = new Float64Array(m * m);
  const weighted = new Float64Array(n * e);
  for (let a = 0; a < K; a++) {
    for (let b = a; b < K; b++) {
      for (let i = 0; i < n; i++) { // row i of X̃ scaled by p_ia(δ_ab − p_ib), or p(1 − p) for binary
        const pa = P[i * K + a]!, w = pr.binary ? pa * (1 - pa) : pa * ((a === b ? 1 : 0) - P[i * K + b]!);
        for (let j = 0; j < e; j++) weighted[i * e + j] = w * pr.A.data[i * e + j]!;
      }
      const block = matmulTransA(pr.A, { shape: [n, e], data: weighted }).data;
      for (let j = 0; j < e; j++) {
        for (let l = 0; l < e; l++) {
          const v = block[j * e + l]! / n;
          H[(j * K + a) * m + (l * K + b)] = v;
          H[(l * K + b) * m + (j * K + a)] = v;
        }
      }
    }
  }
  for (let t = 0; t < pr.penalised * K; t++) H[t * m + t]! += pr.alpha;
  for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) H[q * m + p] = H[p * m + q]!; // exactly symmetric
  return { shape: [m, m], data: H };
}

/** Δ = (∇²J)⁻¹∇J by Cholesky, with a growing diagonal shift while the Hessian is singular. Internal. */
function newtonDirection(H: Tensor, G: Tensor): Float64Array {
  const m = H.shape[0]!;
  let scale = 0;
  for (let p = 0; p < m; p++) scale = Math.max(scale, H.data[p * m + p]!);
  const g: Tensor = { shape: [m], data: G.data };
  let shift = 0;
  for (let attempt = 0; ; attempt++) {
    const Hs = shift === 0 ? H : { shape: [m, m], data: H.data.map((v, idx) => (idx % (m + 1) === 0 ? v + shift : v)) };
    try {
      return choleskySolve(Hs, g).data;
    } catch (error) {
      if (!(error instanceof NotPositiveDefiniteError) || attempt > 10) throw error;
    }
    shift = shift === 0 ? Math.max(scale, 1e-300) * 1e-12 : shift * 100; // 10⁻¹², 10⁻¹⁰, … of the largest curvature
  }
}

const maxAbsOf = (x: Float64Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Newton/IRLS with backtracking (file comment). Internal. */
function newton(pr: Problem, s: Settings): { theta: Tensor; nIter: number; converged: boolean } {
  const e = pr.A.shape[1]!, K = pr.cols;
  let theta: Tensor = { shape: [e, K], data: new Float64Array(e * K) };
  let { P, J } = evaluate(pr, theta);
  let nIter = 0;
  while (nIter < s.maxIter) {
    const G = gradient(pr, theta, P);
    if (maxAbsOf(G.data) <= s.tol) return { theta, nIter, converged: true };
    const delta = newtonDirection(hessian(pr, P), G);
    let decrease = 0;
    for (let t = 0; t < delta.length; t++) decrease += G.data[t]! * delta[t]!;
    let step = 1, accepted = false;
    for (let halvings = 0; halvings < 60; halvings++, step /= 2) {
      const candidate: Tensor = { shape: [e, K], data: theta.data.map((v, t) => v - step * delta[t]!) };
      const next = evaluate(pr, candidate);
      // Armijo, with J's own rounding allowed: near the minimiser the true decrease ½∇Jᵀ(∇²J)⁻¹∇J
      // falls below ulp(J), and the full Newton step must still be taken.
      if (next.J <= J - 1e-4 * step * decrease + 8 * Number.EPSILON * Math.abs(J)) {
        theta = candidate;
        ({ P, J } = next);
        accepted = true;
        break;
      }
    }
    nIter++;
    if (!accepted) return { theta, nIter, converged: maxAbsOf(gradient(pr, theta, P).data) <= s.tol }; // no step lowers J: rounding floor
  }
  return { theta, nIter, converged: maxAbsOf(gradient(pr, theta, P).data) <= s.tol };
}

/** Gradient descent with η = 1/L (file comment). Internal. */
function gradientDescent(pr: Problem, X: Tensor, s: Settings): { theta: Tensor; nIter: number; converged: boolean } {
  const n = pr.A.shape[0]!, e = pr.A.shape[1]!, K = pr.cols;
  const L = largestEigenvalue(X, e > X.shape[1]!) / (pr.binary ? 4 * n : 2 * n) + pr.alpha;
  const eta = s.learningRate === 'auto' ? (L > 0 ? 1 / L : 1) : s.learningRate;
  const theta: Tensor = { shape: [e, K], data: new Float64Array(e * K) };
  let nIter = 0;
  while (nIter < s.maxIter) {
    const G = gradient(pr, theta, evaluate(pr, theta).P);
    if (maxAbsOf(G.data) <= s.tol) return { theta, nIter, converged: true };
    for (let t = 0; t < theta.data.length; t++) theta.data[t]! -= eta * G.data[t]!;
    nIter++;
  }
  return { theta, nIter, converged: maxAbsOf(gradient(pr, theta, evaluate(pr, theta).P).data) <= s.tol };
}

/**
 * Logistic regression, binary or multinomial (see the file comment).
 *
 *   const clf = new LogisticRegression().fit(X, y);        // y: labels 0 … K−1
 *   clf.predictProba(XNew);  clf.predict(XNew);  clf.score(XTest, yTest);  // accuracy
 *
 * Options: solver ('newton' | 'gd'), alpha (1e-4), fitIntercept (true), multiClass
 * ('auto' | 'multinomial'), nClasses, learningRate ('auto'), maxIter, tol.
 */
export class LogisticRegression {
  readonly #settings: Settings;
  #fitted: Fitted | null = null;

  constructor(options?: LogisticRegressionOptions) {
    this.#settings = settingsOf(options, 'LogisticRegression');
  }

  get solver(): 'newton' | 'gd' { return this.#settings.solver; }
  get alpha(): number { return this.#settings.alpha; }

  /** Fit θ to X (n×d) and labels y. Returns this. */
  fit(X: Tensor, y: Tensor): this {
    const where = 'LogisticRegression.fit';
    const [n, d] = assertDesign(X, where);
    const labels = labelsOf(y, n, where);
    const s = this.#settings;
    let top = 0;
    const distinct = new Set<number>();
    for (const c of labels) { top = Math.max(top, c); distinct.add(c); }
    const K = s.nClasses ?? top + 1;
    if (top >= K) throw new ValueError(`${where}: labels must be below nClasses = ${K}, got ${top}`);
    if (distinct.size < 2) throw new ValueError(`${where}: needs at least two classes in y, got only class ${top}`);
    const binary = K === 2 && s.multiClass === 'auto';
    const pr: Problem = { A: design(X, s.fitIntercept), y: labels, cols: binary ? 1 : K, binary, alpha: s.alpha, penalised: d };
    const { theta, nIter, converged } = s.solver === 'newton' ? newton(pr, s) : gradientDescent(pr, X, s);
    const full: Tensor = { shape: [d + 1, pr.cols], data: new Float64Array((d + 1) * pr.cols) };
    full.data.set(theta.data); // without an intercept the last row stays 0
    if (!binary) centreClasses(full);
    this.#fitted = { theta: full, binary, nClasses: K, nIter, converged };
    return this;
  }

  /** The scores z: [m] (binary: the log-odds of class 1) or m×K. */
  decisionFunction(X: Tensor): Tensor {
    const f = this.#state('LogisticRegression.decisionFunction');
    assertDesign(X, 'LogisticRegression.decisionFunction', f.theta.shape[0]! - 1);
    const Z = matmul(design(X, true), f.theta);
    return f.binary ? { shape: [X.shape[0]!], data: Z.data } : Z;
  }

  /** P(y = c | x) for each row and class: m×K (binary: [1 − p, p]). */
  predictProba(X: Tensor): Tensor {
    const f = this.#state('LogisticRegression.predictProba');
    assertDesign(X, 'LogisticRegression.predictProba', f.theta.shape[0]! - 1);
    const m = X.shape[0]!, Z = matmul(design(X, true), f.theta).data;
    if (f.binary) {
      const out = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) { const p = sigmoid(Z[i]!); out[2 * i] = 1 - p; out[2 * i + 1] = p; }
      return { shape: [m, 2], data: out };
    }
    const K = f.nClasses, out = new Float64Array(m * K);
    for (let i = 0; i < m; i++) {
      let top = -Infinity, sum = 0;
      for (let c = 0; c < K; c++) top = Math.max(top, Z[i * K + c]!);
      for (let c = 0; c < K; c++) { const e = exp(Z[i * K + c]! - top); out[i * K + c] = e; sum += e; }
      for (let c = 0; c < K; c++) out[i * K + c]! /= sum;
    }
    return { shape: [m, K], data: out };
  }

  /** The most probable class of each row [m] (the lower class on a tie; binary: z > 0 ⇔ p > ½). */
  predict(X: Tensor): Tensor {
    const f = this.#state('LogisticRegression.predict');
    assertDesign(X, 'LogisticRegression.predict', f.theta.shape[0]! - 1);
    const m = X.shape[0]!, Z = matmul(design(X, true), f.theta).data, out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      if (f.binary) { out[i] = Z[i]! > 0 ? 1 : 0; continue; }
      let best = 0;
      for (let c = 1; c < f.nClasses; c++) if (Z[i * f.nClasses + c]! > Z[i * f.nClasses + best]!) best = c;
      out[i] = best;
    }
    return { shape: [m], data: out };
  }

  /** Accuracy of predict(X) against y. */
  score(X: Tensor, y: Tensor): number {
    const f = this.#state('LogisticRegression.score');
    const [m] = assertDesign(X, 'LogisticRegression.score', f.theta.shape[0]! - 1);
    const labels = labelsOf(y, m, 'LogisticRegression.score');
    return accuracy({ shape: [m], data: Float64Array.from(labels) }, this.predict(X));
  }

  get fitted(): boolean { return this.#fitted !== null; }
  /** W: [d] (binary) or d×K. */
  get coef(): Tensor {
    const f = this.#state('LogisticRegression.coef'), d = f.theta.shape[0]! - 1, K = f.theta.shape[1]!;
    const W = f.theta.data.slice(0, d * K);
    return f.binary ? { shape: [d], data: W } : { shape: [d, K], data: W };
  }
  /** b: shape [] (binary) or [K]. */
  get intercept(): Tensor {
    const f = this.#state('LogisticRegression.intercept'), d = f.theta.shape[0]! - 1, K = f.theta.shape[1]!;
    const b = f.theta.data.slice(d * K);
    return f.binary ? { shape: [], data: b } : { shape: [K], data: b };
  }
  /** K, the number of classes. */
  get nClasses(): number { return this.#state('LogisticRegression.nClasses').nClasses; }
  get nIter(): number { return this.#state('LogisticRegression.nIter').nIter; }
  get converged(): boolean { return this.#state('LogisticRegression.converged').converged; }

  #state(where: string): Fitted {
    if (this.#fitted === null) throw notFitted(where);
    return this.#fitted;
  }

  toJSON(): LogisticRegressionJSON {
    const f = this.#fitted;
    return {
      type: 'LogisticRegression', options: { ...this.#settings },
      fitted: f === null ? null : { theta: tensorToJSON(f.theta), binary: f.binary, nClasses: f.nClasses, nIter: f.nIter, converged: f.converged },
    };
  }

  static fromJSON(json: unknown): LogisticRegression {
    const where = 'LogisticRegression.fromJSON';
    const o = savedObject(json, 'LogisticRegression', where);
    const model = new LogisticRegression(settingsOf(o['options'] as LogisticRegressionOptions, where));
    const f = o['fitted'];
    if (f === null) return model;
    if (!isPlainObject(f)) throw new ArgumentTypeError(`${where}: fitted must be null or an object, got ${describeValue(f)}`);
    const theta = tensorFromJSON(f['theta'], 'fitted.theta', where);
    const binary = f['binary'], converged = f['converged'];
    if (typeof binary !== 'boolean' || typeof converged !== 'boolean') throw new ArgumentTypeError(`${where}: fitted.binary and fitted.converged must be true or false`);
    const nClasses = assertInteger(f['nClasses'], 'fitted.nClasses', where, { min: 2 });
    if (theta.shape.length !== 2 || theta.shape[0]! < 2 || theta.shape[1] !== (binary ? 1 : nClasses) || (binary && nClasses !== 2)) {
      throw new ShapeError(`${where}: fitted.theta must be (d + 1)×${binary ? 1 : nClasses}, got ${formatShape(theta.shape)}`);
    }
    if (!theta.data.every(Number.isFinite)) throw new ValueError(`${where}: fitted.theta must be finite`);
    model.#fitted = { theta, binary, nClasses, nIter: assertInteger(f['nIter'], 'fitted.nIter', where, { min: 0 }), converged };
    return model;
  }
}

/** Subtract each row's mean over the classes (the softmax is unchanged). Internal. */
function centreClasses(theta: Tensor): void {
  const rows = theta.shape[0]!, K = theta.shape[1]!;
  for (let j = 0; j < rows; j++) {
    let mean = 0;
    for (let c = 0; c < K; c++) mean += theta.data[j * K + c]!;
    mean /= K;
    for (let c = 0; c < K; c++) theta.data[j * K + c]! -= mean;
  }
}
