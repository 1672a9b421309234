/**
 * gradCheck — the analytic gradient against central finite differences
 * (EQ-AUTODIFF-04/05):
 *
 *   ∂L/∂xⱼ ≈ (L(x + h·eⱼ) − L(x − h·eⱼ)) / (2h),     error O(h²) + O(ε_mach·|L|/h)
 *
 * and each entry passes when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|).
 * Defaults: h = 1e-6 (near ε_mach^{1/3} ≈ 6e-6, where the two error terms balance for O(1) functions),
 * atol = 1e-6, rtol = 1e-5.
 *
 * When f returns a non-scalar y, the check uses L = Σᵢ uᵢyᵢ with fixed
 * pseudo-random weights u (seeded), i.e. it checks the vector-Jacobian
 * product Jᵀu. Plain Σᵢ yᵢ would miss errors that sum to zero (softmax's
 * outputs always sum to 1, so ∂Σy/∂x = 0 whatever the rule says).
 *
 * The inputs are copied: f sees fresh leaves, and the caller's Vars and
 * their gradients are left untouched. f must be deterministic.
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';
import { noGrad } from './graph.js';
import { Var } from './var.js';

const { ValueError } = linalg;

export interface GradCheckOptions {
  /** Finite-difference step h (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Seed of the projection weights u for non-scalar outputs (default 0). */
  seed?: number;
}

export interface GradCheckResult {
  /** Did every entry of every input pass? */
  ok: boolean;
  /** ∂L/∂xₖ by backward(), one tensor per input. */
  analytic: Tensor[];
  /** ∂L/∂xₖ by central differences, one tensor per input. */
  numeric: Tensor[];
  /**
   * The entry with the largest |a − n| / (atol + rtol·max(|a|, |n|)) (≤ 1 passes; NaN counts as failing).
   * When every entry agrees exactly (or there are none), input and index are −1 and ratio is 0.
   */
  worst: { input: number; index: number; analytic: number; numeric: number; ratio: number };
  /** One line saying what passed or what failed where. */
  message: string;
}

type Fn = (...inputs: Var[]) => Var;

function toTensor(x: Var | Tensor | number): Tensor {
  if (typeof x === 'number') return linalg.scalar(x);
  return linalg.clone(x instanceof Var ? x.value : x);
}

function positive(name: string, x: number): number {
  if (!(x > 0 && Number.isFinite(x))) throw new ValueError(`gradCheck: ${name} must be a positive finite number, got ${x}`);
  return x;
}

/** L = Σᵢ uᵢyᵢ, or y itself for a one-entry output; u is the projection. */
function project(y: Var, u: Float64Array | null): number {
  let s = 0;
  for (let i = 0; i < y.value.data.length; i++) s += (u === null ? 1 : u[i]) * y.value.data[i];
  return s;
}

function evaluate(f: Fn, xs: Tensor[]): Var {
  const y = f(...xs.map((x) => new Var(x)));
  if (!(y instanceof Var)) throw new ValueError(`gradCheck: f must return a Var, got ${typeof y}`);
  return y;
}

/** ∂L/∂xₖ by central differences, L = Σ uᵢ f(x)ᵢ as in gradCheck (evaluated under noGrad). */
export function numericGradient(f: Fn, inputs: readonly (Var | Tensor | number)[], options: GradCheckOptions = {}): Tensor[] {
  const h = positive('eps', options.eps ?? 1e-6);
  const xs = inputs.map(toTensor);
  const u = projection(noGrad(() => evaluate(f, xs)), options.seed ?? 0);
  return xs.map((x) => {
    const d = linalg.zeros(x.shape);
    for (let j = 0; j < x.data.length; j++) {
      const xj = x.data[j];
      x.data[j] = xj + h;
      const plus = project(noGrad(() => evaluate(f, xs)), u);
      x.data[j] = xj - h;
      const minus = project(noGrad(() => evaluate(f, xs)), u);
      x.data[j] = xj;
      d.data[j] = (plus - minus) / (2 * h);
    }
    return d;
  });
}

/** The fixed weights u for a non-scalar output (null for a one-entry output). */
function projection(y: Var, seed: number): Float64Array | null {
  const n = y.value.data.length;
  if (n === 1) return null;
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => rng.uniform(0.5, 1.5) * (rng.next() < 0.5 ? -1 : 1));
}

/** Compare backward() with central differences on every entry of every input. */
export function gradCheck(f: Fn, inputs: readonly (Var | Tensor | number)[], options: GradCheckOptions = {}): GradCheckResult {
  const atol = options.atol ?? 1e-6, rtol = options.rtol ?? 1e-5;
  positive('eps', options.eps ?? 1e-6);
  if (!(atol >= 0) || !(rtol >= 0)) throw new ValueError(`gradCheck: atol and rtol must be ≥ 0, got atol = ${atol}, rtol = ${rtol}`);
  const xs = inputs.map(toTensor).map((x) => new Var(x));
  const y = f(...xs);
  if (!(y instanceof Var)) throw new ValueError(`gradCheck: f must return a Var, got ${typeof y}`);
  const u = projection(y, options.seed ?? 0);
  if (y.requiresGrad) y.backward(u === null ? undefined : { shape: [...y.value.shape], data: u });
  const analytic = xs.map((x) => linalg.clone(x.grad));
  const numeric = numericGradient(f, inputs, options);
  let worst = { input: -1, index: -1, analytic: 0, numeric: 0, ratio: 0 };
  analytic.forEach((a, k) => {
    for (let j = 0; j < a.data.length; j++) {
      const an = a.data[j], nu = numeric[k].data[j];
      const bound = atol + rtol * Math.max(Math.abs(an), Math.abs(nu));
      const ratio = an === nu ? 0 : Math.abs(an - nu) / bound; // NaN (a NaN entry) fails below
      if (!(ratio <= worst.ratio)) worst = { input: k, index: j, analytic: an, numeric: nu, ratio: Number.isNaN(ratio) ? Infinity : ratio };
    }
  });
  const ok = worst.ratio <= 1;
  const where = `input ${worst.input}, entry ${worst.index}: analytic ${worst.analytic}, numeric ${worst.numeric}`;
  const entries = analytic.reduce((count, a) => count + a.data.length, 0);
  const message = worst.input < 0
    ? `gradCheck passed: analytic and numeric agree exactly on all ${entries} entries`
    : ok
      ? `gradCheck passed (worst ${where}; |a − n| at ${worst.ratio.toPrecision(3)} of the bound)`
      : `gradCheck failed at ${where}; |a − n| = ${Math.abs(worst.analytic - worst.numeric)} exceeds atol ${atol} + rtol ${rtol}·max(|a|, |n|)`;
  return { ok, analytic, numeric, worst, message };
}
