/**
 * EQ-LAYERS-49 the Hodgkin–Huxley neuron: each gate relaxes to
 * x∞ = α/(α + β) ∈ [0, 1] at a fixed V; forward Euler with Δt(α + β) ≤ 1
 * keeps a gate in [0, 1]; dV/dt = 0 exactly when I balances the ionic
 * currents; the RK4 integrator converges at fourth order; and the neuron
 * rests without input and fires again and again above a threshold current
 * (measured: between 6.255 and 6.26 μA/cm²).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HODGKIN_HUXLEY_PARAMETERS, hodgkinHuxley, hodgkinHuxleyDerivatives, hodgkinHuxleyRates, hodgkinHuxleySteadyState } from '../../src/layers/index.js';
import type { HodgkinHuxleyState } from '../../src/layers/index.js';
import { assertClose, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

const GATES = ['n', 'm', 'h'] as const;

property('EQ-LAYERS-49 at a fixed V each gate converges to x∞ = α/(α + β) ∈ [0, 1]', seeds, withRng((rng) => {
  const V = rng.uniform(-100, 50);
  const r = hodgkinHuxleyRates(V), inf = hodgkinHuxleySteadyState(V);
  const pairs = { n: [r.alphaN, r.betaN], m: [r.alphaM, r.betaM], h: [r.alphaH, r.betaH] } as const;
  for (const g of GATES) {
    const [alpha, beta] = pairs[g];
    assert.ok(alpha > 0 && beta > 0);
    assertClose(inf[g], alpha / (alpha + beta), { atol: 0, rtol: 1e-15 });
    assert.ok(inf[g] >= 0 && inf[g] <= 1);
    // integrate dx/dt from hodgkinHuxleyDerivatives with V held fixed, from a random start, for 10 time constants
    let state: HodgkinHuxleyState = { V, n: rng.next(), m: rng.next(), h: rng.next() };
    const tau = 1 / (alpha + beta), dt = tau / 100;
    for (let k = 0; k < 1000; k++) {
      const d = hodgkinHuxleyDerivatives(state, 0);
      state = { V, n: state.n + dt * d.n, m: state.m + dt * d.m, h: state.h + dt * d.h };
    }
    assertClose(state[g], inf[g], { atol: 1e-4, rtol: 0 }); // e^{−10} of the start remains
  }
}), { runs: 100 });

property('EQ-LAYERS-49 forward Euler with Δt·(α + β) ≤ 1 keeps every gate in [0, 1]', seeds, withRng((rng) => {
  const V = rng.uniform(-120, 80);
  const r = hodgkinHuxleyRates(V);
  const pairs = [[r.alphaN, r.betaN], [r.alphaM, r.betaM], [r.alphaH, r.betaH]] as const;
  for (const [alpha, beta] of pairs) {
    const dt = rng.uniform(0, 1) / (alpha + beta);
    let x = rng.next() < 0.2 ? (rng.next() < 0.5 ? 0 : 1) : rng.next();
    for (let k = 0; k < 200; k++) {
      x = x + dt * (alpha * (1 - x) - beta * x); // = (1 − Δt(α + β))·x + Δt·α: a convex combination of x and x∞
      assert.ok(x >= 0 && x <= 1, `x = ${x}`);
    }
  }
}), { runs: 200 });

property('EQ-LAYERS-49 at a fixed state, dV/dt = 0 exactly when I equals I_K + I_Na + I_l', seeds, withRng((rng) => {
  const p = HODGKIN_HUXLEY_PARAMETERS;
  const s: HodgkinHuxleyState = { V: rng.uniform(-90, 40), n: rng.next(), m: rng.next(), h: rng.next() };
  const ionic = p.gK * s.n ** 4 * (s.V - p.EK) + p.gNa * s.m ** 3 * s.h * (s.V - p.ENa) + p.gL * (s.V - p.EL);
  assertClose(hodgkinHuxleyDerivatives(s, ionic).V, 0, { atol: 1e-12, rtol: 0 });
  const other = ionic + rng.normal(0, 5);
  assertClose(hodgkinHuxleyDerivatives(s, other).V, (other - ionic) / p.C, { atol: 1e-12, rtol: 1e-12 });
}), { runs: 100 });

test('EQ-LAYERS-49 the fixed-step RK4 integrator converges at fourth order (halving Δt divides the error by about 16)', () => {
  const at = (dt: number): number => {
    const V = hodgkinHuxley({ current: 10, duration: 5, dt }).V.data;
    return V[V.length - 1]!;
  };
  const reference = at(0.00125);
  const e1 = Math.abs(at(0.02) - reference), e2 = Math.abs(at(0.01) - reference);
  const order = Math.log2(e1 / e2);
  assert.ok(order > 3.5 && order < 4.5, `observed order ${order} (errors ${e1}, ${e2})`);
});

/** Upward crossings of 0 mV. */
function spikes(V: ArrayLike<number>, from = 0): number {
  let count = 0;
  for (let i = Math.max(from, 1); i < V.length; i++) if (V[i - 1]! < 0 && V[i]! >= 0) count++;
  return count;
}

test('EQ-LAYERS-49 without input the neuron rests at −65 mV (within 0.01 mV for 200 ms)', () => {
  const { t, V } = hodgkinHuxley({ duration: 200 });
  assert.equal(t.data.length, 20001);
  assert.equal(t.data[20000], 200);
  for (const v of V.data) assert.ok(Math.abs(v + 65) < 0.01, `V = ${v}`);
  assert.equal(spikes(V.data), 0);
});

test('EQ-LAYERS-49 above the threshold current it spikes again and again; below it the spikes die out (threshold pinned between 6.2 and 6.3 μA/cm²)', () => {
  // measured over 1 s with Δt = 0.01 ms: 6.255 → 11 spikes, none after 500 ms; 6.26 → 43 spikes, 17 after 500 ms
  const half = 25_000; // the second half of 500 ms
  const below = hodgkinHuxley({ current: 6.2, duration: 500 }).V.data;
  const above = hodgkinHuxley({ current: 6.3, duration: 500 }).V.data;
  assert.equal(spikes(below, half), 0, 'no spike after 250 ms at 6.2 μA/cm²');
  assert.ok(spikes(above, half) >= 10, `${spikes(above, half)} spikes after 250 ms at 6.3 μA/cm²`);
  const strong = hodgkinHuxley({ current: 20, duration: 100 }).V.data;
  assert.ok(spikes(strong) >= 7, 'a stronger current fires faster');
  const pulse = hodgkinHuxley({ current: (t) => (t >= 5 && t < 6 ? 20 : 0), duration: 30 }).V.data;
  assert.equal(spikes(pulse), 1, 'a short pulse above threshold gives one action potential');
});
