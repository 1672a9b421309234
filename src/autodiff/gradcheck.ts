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
 * their gradients are left untouched. f must be deterministic and return a
 * Var of the same shape every time (an ArgumentTypeError if it returns
 * something else, a ShapeError if the shape changes).
 */
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { ArgumentTypeError, ShapeError, assertFunction, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import { Rng } from '../random/index.js';
import { noGrad, operand } from './graph.js';
import type { Operand } from './graph.js';
import { Var } from './var.js';

/** Options of gradCheck and numericGradient. */
export interface GradCheckOptions {
  /** Finite-difference step h > 0 (default 1e-6). */
  eps?: number | undefined;
  /** Absolute tolerance atol ≥ 0 (default 1e-6). */
  atol?: number | undefined;
  /** Relative tolerance rtol ≥ 0 (default 1e-5). */
  rtol?: number | undefined;
  /** Seed (a safe integer) of the projection weights u for non-scalar outputs (default 0). */
  seed?: number | undefined;
}

/** What gradCheck found. */
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

/** The checked arguments of gradCheck and numericGradient. */
interface Checked {
  f: Fn;
  /** Copies of the inputs' values. */
  xs: Tensor[];
  h: number;
  atol: number;
  rtol: number;
  seed: number;
}

/** Check f, the inputs and the options as `where`'s, and copy the inputs. */
function check(f: unknown, inputs: unknown, options: unknown, where: string): Checked {
  assertFunction(f, 'f', where);
  if (!Array.isArray(inputs)) {
    const hint = inputs instanceof Var || typeof inputs === 'number' ? '; wrap one input in a list: [x]' : '';
    throw new ArgumentTypeError(`${where}: inputs must be an array of Vars, Tensors or numbers, got ${describeValue(inputs)}${hint}`);
  }
  const xs = inputs.map((x: unknown, k) => linalg.clone(operand(x, `inputs[${k}]`, where).value));
  const o = assertOptions(options as GradCheckOptions | undefined, ['eps', 'atol', 'rtol', 'seed'], where);
  return {
    f: f as Fn,
    xs,
    h: assertNumber(o.eps ?? 1e-6, 'eps', where, { min: 0, minExclusive: true }),
    atol: assertNumber(o.atol ?? 1e-6, 'atol', where, { min: 0 }),
    rtol: assertNumber(o.rtol ?? 1e-5, 'rtol', where, { min: 0 }),
    seed: assertInteger(o.seed ?? 0, 'seed', where),
  };
}

/** f(leaves), checked to return a Var (of `shape`, once known). */
function evaluate(f: Fn, leaves: readonly Var[], where: string, shape?: readonly number[]): Var {
  const y: unknown = f(...leaves);
  if (!(y instanceof Var)) throw new ArgumentTypeError(`${where}: f must return a Var, got ${describeValue(y)}`);
  if (shape !== undefined && !linalg.sameShape(y.value.shape, shape)) {
    throw new ShapeError(`${where}: f returned shape ${formatShape(shape)}, then ${formatShape(y.value.shape)}; it must be deterministic`);
  }
  return y;
}

/** L = Σᵢ uᵢyᵢ, or y itself for a one-entry output (u = null). */
function project(y: Var, u: Float64Array | null): number {
  const yd = y.value.data;
  let s = 0;
  for (let i = 0; i < yd.length; i++) {
    const yi = yd[i]!;
    s += u === null ? yi : u[i]! * yi;
  }
  return s;
}

/** The fixed weights u for a non-scalar output (null for a one-entry output). */
function projection(y: Var, seed: number): Float64Array | null {
  const n = y.value.data.length;
  if (n === 1) return null;
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => rng.uniform(0.5, 1.5) * (rng.next() < 0.5 ? -1 : 1));
}

/** Central differences over checked arguments (see numericGradient). Writes into and restores the copies xs. */
function differences({ f, xs, h, seed }: Checked, where: string): Tensor[] {
  const leaves = (): Var[] => xs.map((x) => new Var(x)); // fresh leaves over the copies, for each evaluation
  const y0 = noGrad(() => evaluate(f, leaves(), where));
  const shape = y0.value.shape;
  const u = projection(y0, seed);
  const L = (): number => project(noGrad(() => evaluate(f, leaves(), where, shape)), u);
  return xs.map((x) => {
    const xd = x.data;
    const d = linalg.zeros(x.shape);
    for (let j = 0; j < xd.length; j++) {
      const xj = xd[j]!;
      xd[j] = xj + h;
      const plus = L();
      xd[j] = xj - h;
      const minus = L();
      xd[j] = xj;
      d.data[j] = (plus - minus) / (2 * h);
    }
    return d;
  });
}

/**
 * ∂L/∂xₖ by central differences, ∂L/∂xⱼ ≈ (L(x + h·eⱼ) − L(x − h·eⱼ)) / (2h),
 * for each input xₖ, with L = Σᵢ uᵢ f(x)ᵢ as in gradCheck (evaluated under
 * noGrad, on copies of the inputs). Options: `eps` = h (default 1e-6),
 * `seed` of u (default 0); `atol` and `rtol` are accepted and unused.
 */
export function numericGradient(f: Fn, inputs: readonly Operand[], options?: GradCheckOptions): Tensor[] {
  return differences(check(f, inputs, options, 'numericGradient'), 'numericGradient');
}

/**
 * Compare backward() with central differences (EQ-AUTODIFF-04/05) on every
 * entry of every input:
 *
 *   numeric ∂L/∂xⱼ = (L(x + h·eⱼ) − L(x − h·eⱼ)) / (2h)
 *   an entry passes when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|)
 *
 * with L = f(x) for a one-entry output and L = Σᵢ uᵢ f(x)ᵢ (fixed random
 * signs and sizes u, seeded) otherwise. Options: `eps` = h (default 1e-6),
 * `atol` (1e-6), `rtol` (1e-5), `seed` of u (0). The inputs (Vars, Tensors
 * or numbers) are copied; the caller's Vars and gradients are untouched.
 * `worst` is the entry of largest |a − n| / bound, or input = index = −1
 * when every entry agrees exactly.
 */
export function gradCheck(f: Fn, inputs: readonly Operand[], options?: GradCheckOptions): GradCheckResult {
  const checked = check(f, inputs, options, 'gradCheck');
  const { atol, rtol, seed } = checked;
  const xs = checked.xs.map((x) => new Var(linalg.clone(x)));
  const y = evaluate(checked.f, xs, 'gradCheck');
  const u = projection(y, seed);
  if (y.requiresGrad) y.backward(u === null ? undefined : { shape: [...y.value.shape], data: u });
  const analytic = xs.map((x) => linalg.clone(x.grad));
  const numeric = differences(checked, 'gradCheck');
  let worst = { input: -1, index: -1, analytic: 0, numeric: 0, ratio: 0 };
  analytic.forEach((a, k) => {
    const ad = a.data, nd = numeric[k]!.data;
    for (let j = 0; j < ad.length; j++) {
      const an = ad[j]!, nu = nd[j]!;
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
