/**
 * The Hodgkin–Huxley neuron (EQ-LAYERS-49; Hodgkin and Huxley 1952, the
 * 003 deck's "A biological neuron"): the membrane potential V of a patch of
 * squid axon driven by an input current I,
 *
 *   I = C_m·dV/dt + ḡ_K·n⁴·(V − E_K) + ḡ_Na·m³h·(V − E_Na) + ḡ_l·(V − E_l)
 *   dx/dt = α_x(V)·(1 − x) − β_x(V)·x        for each gate x ∈ {n, m, h}
 *
 * n opens potassium channels, m opens and h closes sodium channels. At a
 * fixed V each gate relaxes to x∞ = α/(α + β) ∈ [0, 1] with time constant
 * 1/(α + β). The rates, in the modern convention (V in mV, resting near
 * −65 mV; t in ms):
 *
 *   α_n = 0.01(V + 55)/(1 − e^{−(V+55)/10})   β_n = 0.125·e^{−(V+65)/80}
 *   α_m = 0.1(V + 40)/(1 − e^{−(V+40)/10})    β_m = 4·e^{−(V+65)/18}
 *   α_h = 0.07·e^{−(V+65)/20}                  β_h = 1/(1 + e^{−(V+35)/10})
 *
 * α_n and α_m are 0/0 at V = −55 and −40 mV; u/(1 − e^{−u}) is written
 * u/(−expm1(−u)), which is 1 at u = 0 (the limit) and accurate around it.
 * Constants (per cm²): C_m = 1 μF, ḡ_Na = 120, ḡ_K = 36, ḡ_l = 0.3 mS,
 * E_Na = 50, E_K = −77, E_l = −54.387 mV; I in μA/cm².
 *
 * `hodgkinHuxley` integrates the four equations with the classical
 * fixed-step fourth-order Runge–Kutta method,
 *
 *   k₁ = f(t, y), k₂ = f(t + Δt/2, y + Δt/2·k₁), k₃ = f(t + Δt/2, y + Δt/2·k₂),
 *   k₄ = f(t + Δt, y + Δt·k₃),   y ← y + Δt/6·(k₁ + 2k₂ + 2k₃ + k₄)
 *
 * from rest (V₀ = −65 mV and every gate at x∞(V₀)), and returns the trace of
 * V (and of n, m, h) at t = 0, Δt, …, duration. Without input it stays at
 * rest; a constant current above about 6.26 μA/cm² makes it spike again
 * and again (measured between 6.255 and 6.26 with Δt = 0.01 ms over 1 s;
 * below it the spikes die out), the all-or-none firing above a threshold
 * that the perceptron's threshold unit abstracts.
 */
import { ArgumentTypeError, ValueError, assertNumber, assertOptions, describeValue, isPlainObject } from '../errors/index.js';
import * as math from '../math/index.js';
import type { Tensor } from '../linalg/index.js';

/** The membrane constants (per cm²): capacitance μF, conductances mS, reversal potentials mV. */
export interface HodgkinHuxleyParameters {
  C: number;
  gNa: number;
  gK: number;
  gL: number;
  ENa: number;
  EK: number;
  EL: number;
}

/** Hodgkin and Huxley's constants in the modern convention (rest near −65 mV). */
export const HODGKIN_HUXLEY_PARAMETERS: Readonly<HodgkinHuxleyParameters> = Object.freeze({
  C: 1, gNa: 120, gK: 36, gL: 0.3, ENa: 50, EK: -77, EL: -54.387,
});

/** The state of the neuron: V (mV) and the gates n, m, h. */
export interface HodgkinHuxleyState {
  V: number;
  n: number;
  m: number;
  h: number;
}

export interface GateRates {
  alphaN: number; betaN: number;
  alphaM: number; betaM: number;
  alphaH: number; betaH: number;
}

/** u/(1 − e^{−u}), 1 at u = 0. Internal. */
function ratio(u: number): number {
  return u === 0 ? 1 : u / -math.expm1(-u);
}

/** Internal: the rates at V (a number). */
function rates(V: number): GateRates {
  return {
    alphaN: 0.1 * ratio((V + 55) / 10), betaN: 0.125 * math.exp(-(V + 65) / 80),
    alphaM: ratio((V + 40) / 10), betaM: 4 * math.exp(-(V + 65) / 18),
    alphaH: 0.07 * math.exp(-(V + 65) / 20), betaH: 1 / (1 + math.exp(-(V + 35) / 10)),
  };
}

/** The opening and closing rates α_x(V), β_x(V) (1/ms) of the three gates at V (mV). */
export function hodgkinHuxleyRates(V: number): GateRates {
  return rates(assertNumber(V, 'V', 'hodgkinHuxleyRates'));
}

/** The gates' steady states x∞ = α/(α + β) at V (mV). */
export function hodgkinHuxleySteadyState(V: number): { n: number; m: number; h: number } {
  const r = rates(assertNumber(V, 'V', 'hodgkinHuxleySteadyState'));
  return { n: r.alphaN / (r.alphaN + r.betaN), m: r.alphaM / (r.alphaM + r.betaM), h: r.alphaH / (r.alphaH + r.betaH) };
}

/** Internal: the right-hand side f(y) at input current I. */
function derivatives(s: HodgkinHuxleyState, I: number, p: HodgkinHuxleyParameters): HodgkinHuxleyState {
  const r = rates(s.V);
  const ionic = p.gK * s.n ** 4 * (s.V - p.EK) + p.gNa * s.m ** 3 * s.h * (s.V - p.ENa) + p.gL * (s.V - p.EL);
  return {
    V: (I - ionic) / p.C,
    n: r.alphaN * (1 - s.n) - r.betaN * s.n,
    m: r.alphaM * (1 - s.m) - r.betaM * s.m,
    h: r.alphaH * (1 - s.h) - r.betaH * s.h,
  };
}

/** Internal: parameters with defaults, each a finite number, C > 0. */
function parametersOf(given: unknown, where: string): HodgkinHuxleyParameters {
  if (given === undefined) return { ...HODGKIN_HUXLEY_PARAMETERS };
  if (!isPlainObject(given)) throw new ArgumentTypeError(`${where}: parameters must be a plain object like HODGKIN_HUXLEY_PARAMETERS, got ${describeValue(given)}`);
  const p = assertOptions(given as Partial<HodgkinHuxleyParameters>, ['C', 'gNa', 'gK', 'gL', 'ENa', 'EK', 'EL'], where);
  const out = { ...HODGKIN_HUXLEY_PARAMETERS, ...p };
  for (const [key, value] of Object.entries(out)) assertNumber(value, `parameters.${key}`, where, key === 'C' ? { min: 0, minExclusive: true } : {});
  return out;
}

/** Internal: a state's four entries, finite. */
function stateOf(s: unknown, where: string): HodgkinHuxleyState {
  if (!isPlainObject(s)) throw new ArgumentTypeError(`${where}: state must be { V, n, m, h }, got ${describeValue(s)}`);
  return { V: assertNumber(s['V'], 'state.V', where), n: assertNumber(s['n'], 'state.n', where), m: assertNumber(s['m'], 'state.m', where), h: assertNumber(s['h'], 'state.h', where) };
}

/**
 * The time derivatives (dV/dt, dn/dt, dm/dt, dh/dt) at `state` for an input
 * current I (μA/cm²); dV/dt = (I − I_K − I_Na − I_l)/C_m.
 */
export function hodgkinHuxleyDerivatives(state: HodgkinHuxleyState, I: number, parameters?: Partial<HodgkinHuxleyParameters>): HodgkinHuxleyState {
  const where = 'hodgkinHuxleyDerivatives';
  const s = stateOf(state, where);
  return derivatives(s, assertNumber(I, 'I', where), parametersOf(parameters, where));
}

export interface HodgkinHuxleyOptions {
  /** Input current I (μA/cm²): a constant, or a function of t (ms). Default 0. */
  current?: number | ((t: number) => number);
  /** Simulated time in ms (default 50). */
  duration?: number;
  /** Step Δt in ms (default 0.01; RK4 is stable here up to about 0.05). */
  dt?: number;
  /** Starting potential V₀ in mV, gates at their steady state there (default −65). */
  V0?: number;
  /** The membrane constants (default HODGKIN_HUXLEY_PARAMETERS). */
  parameters?: Partial<HodgkinHuxleyParameters>;
}

export interface HodgkinHuxleyTrace {
  /** Times 0, Δt, …, T (ms): [steps + 1]. */
  t: Tensor;
  /** The membrane potential at those times (mV). */
  V: Tensor;
  n: Tensor;
  m: Tensor;
  h: Tensor;
}

/** Most steps of one simulation (a guard against a Δt mistyped by orders of magnitude). */
const MAX_STEPS = 10_000_000;

/** Integrate the Hodgkin–Huxley neuron with fixed-step RK4 (see the file comment); returns the trace. */
export function hodgkinHuxley(options?: HodgkinHuxleyOptions): HodgkinHuxleyTrace {
  const where = 'hodgkinHuxley';
  const o = assertOptions(options, ['current', 'duration', 'dt', 'V0', 'parameters'], where);
  const current = o.current ?? 0;
  if (typeof current !== 'function') assertNumber(current, 'current', where);
  const duration = assertNumber(o.duration ?? 50, 'duration', where, { min: 0 });
  const dt = assertNumber(o.dt ?? 0.01, 'dt', where, { min: 0, minExclusive: true });
  const V0 = assertNumber(o.V0 ?? -65, 'V0', where);
  const p = parametersOf(o.parameters, where);
  const steps = Math.round(duration / dt);
  if (steps > MAX_STEPS) throw new ValueError(`${where}: duration/dt = ${steps} steps exceeds ${MAX_STEPS}`);
  const I = (t: number): number => {
    if (typeof current === 'number') return current;
    const value: unknown = current(t);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValueError(`${where}: current(${t}) must return a finite number, got ${describeValue(value)}`);
    return value;
  };
  const t = new Float64Array(steps + 1), V = new Float64Array(steps + 1), n = new Float64Array(steps + 1);
  const m = new Float64Array(steps + 1), h = new Float64Array(steps + 1);
  let y: HodgkinHuxleyState = { V: V0, ...hodgkinHuxleySteadyState(V0) };
  const along = (s: HodgkinHuxleyState, k: HodgkinHuxleyState, c: number): HodgkinHuxleyState =>
    ({ V: s.V + c * k.V, n: s.n + c * k.n, m: s.m + c * k.m, h: s.h + c * k.h });
  for (let i = 0; ; i++) {
    const ti = i * dt;
    t[i] = ti; V[i] = y.V; n[i] = y.n; m[i] = y.m; h[i] = y.h;
    if (i === steps) break;
    const k1 = derivatives(y, I(ti), p);
    const k2 = derivatives(along(y, k1, dt / 2), I(ti + dt / 2), p);
    const k3 = derivatives(along(y, k2, dt / 2), I(ti + dt / 2), p);
    const k4 = derivatives(along(y, k3, dt), I(ti + dt), p);
    y = {
      V: y.V + (dt / 6) * (k1.V + 2 * k2.V + 2 * k3.V + k4.V),
      n: y.n + (dt / 6) * (k1.n + 2 * k2.n + 2 * k3.n + k4.n),
      m: y.m + (dt / 6) * (k1.m + 2 * k2.m + 2 * k3.m + k4.m),
      h: y.h + (dt / 6) * (k1.h + 2 * k2.h + 2 * k3.h + k4.h),
    };
  }
  const shape = [steps + 1];
  return { t: { shape, data: t }, V: { shape, data: V }, n: { shape: [...shape], data: n }, m: { shape: [...shape], data: m }, h: { shape: [...shape], data: h } };
}
