/**
 * The adaptive rules of the zoo, each against the slide recurrence written
 * here on plain numbers over random steps, in both places of ε: Adagrad
 * (EQ-OPTIMIZERS-14), Adadelta with the hand-worked numbers (15), RMSprop
 * in the 000 and 003 forms and its sign limit (16, 17), Adam, its bias
 * correction, and Adam as RMSprop plus momentum (19, 20, 21).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as linalg from '../../src/linalg/index.js';
import { Adadelta, Adagrad, Adam, AdamW, LearningRateOptimizer, RMSprop, SGD } from '../../src/optimizers/index.js';
import type { EpsMode } from '../../src/optimizers/index.js';
import { assertClose, property } from '../harness/index.js';
import { bitsOf, drawGradients, randomParameters, seeds, valuesOf, vectorParameter, withRng } from './support.js';

/** η·x/√(s + ε) or η·x/(√s + ε), 0 when the denominator is 0: the two places of ε. */
const scaled = (eta: number, x: number, s: number, epsilon: number, mode: EpsMode): number => {
  const denominator = mode === 'inside' ? Math.sqrt(s + epsilon) : Math.sqrt(s) + epsilon;
  return denominator === 0 ? 0 : (eta * x) / denominator;
};
const modes: EpsMode[] = ['inside', 'outside'];
const gradsOf = (params: ReturnType<typeof randomParameters>): number[] => params.flatMap((p) => Array.from(p.grad.data));

property('EQ-OPTIMIZERS-14 Adagrad follows G = G + g², Δθ = −η·g/√(G + ε) (or /(√G + ε)) over random steps', seeds, withRng((rng) => {
  for (const epsMode of modes) {
    const params = randomParameters(rng);
    const eta = rng.uniform(0, 1), epsilon = rng.next() < 0.3 ? 0 : 10 ** rng.int(-10, -3);
    const opt = new Adagrad(params, { lr: eta, epsilon, epsMode });
    const theta = valuesOf(params), G = theta.map(() => 0);
    for (let t = 0; t < 6; t++) {
      drawGradients(params, rng, 10 ** rng.int(-2, 2));
      gradsOf(params).forEach((g, i) => {
        G[i] = G[i]! + g * g;
        theta[i] = theta[i]! - scaled(eta, g, G[i]!, epsilon, epsMode);
      });
      opt.step();
      assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-13 });
    }
  }
}), { runs: 40 });

property('EQ-OPTIMIZERS-14 G never falls, so η/√(G + ε) never grows; ε = 0: the first step is −η·sign(g), steps ignore a positive rescaling D·g, a zero coordinate stays', seeds, withRng((rng) => {
  const eta = rng.uniform(0.01, 1), d = rng.int(2, 6);
  const p = vectorParameter(linalg.randn([d], rng).data);
  const opt = new Adagrad([p], { lr: eta, epsilon: 1e-8, epsMode: 'inside' });
  let previous = Array.from({ length: d }, () => Infinity);
  for (let t = 0; t < 10; t++) {
    for (let i = 0; i < d; i++) p.grad.data[i] = rng.normal();
    opt.step();
    const rate = Array.from(opt.G[0]!.data, (G) => eta / Math.sqrt(G + 1e-8));
    rate.forEach((r, i) => assert.ok(r <= previous[i]!));
    previous = rate;
  }
  // ε = 0.
  const D = Array.from({ length: d }, () => 10 ** rng.uniform(-3, 3));
  const start = linalg.randn([d], rng).data;
  const a = vectorParameter(start), b = vectorParameter(start);
  const plain = new Adagrad([a], { lr: eta, epsilon: 0 }), rescaled = new Adagrad([b], { lr: eta, epsilon: 0 });
  for (let t = 0; t < 8; t++) {
    for (let i = 0; i < d; i++) {
      const g = i === 0 ? 0 : rng.normal(0, 10 ** rng.int(-50, 50));
      a.grad.data[i] = g;
      b.grad.data[i] = D[i]! * g;
    }
    if (t === 0) {
      const delta = plain.delta()[0]!.data;
      for (let i = 1; i < d; i++) assertClose(delta[i]!, -eta * Math.sign(a.grad.data[i]!), { atol: 0, rtol: 1e-15 });
    }
    plain.step();
    rescaled.step();
    assertClose(a.value.data, b.value.data, { atol: 1e-12, rtol: 1e-12 });
  }
  assert.equal(a.value.data[0], start[0]);
  assert.ok(!valuesOf([a, b]).some(Number.isNaN));
}), { runs: 40 });

property('EQ-OPTIMIZERS-15 Adadelta follows E[g²], Δθ = −(RMS[Δθ]_{t−1}/RMS[g]_t)·g, E[Δθ²] over random steps; it has no learning rate', seeds, withRng((rng) => {
  const params = randomParameters(rng);
  const rho = rng.uniform(0, 0.99), epsilon = 10 ** rng.int(-8, -2);
  const opt = new Adadelta(params, { rho, epsilon });
  assert.ok(!(opt instanceof LearningRateOptimizer));
  assert.ok(!('lr' in opt.hyperparameters()));
  const theta = valuesOf(params), Eg2 = theta.map(() => 0), Ed2 = theta.map(() => 0);
  for (let t = 0; t < 6; t++) {
    drawGradients(params, rng, 10 ** rng.int(-2, 2));
    gradsOf(params).forEach((g, i) => {
      Eg2[i] = rho * Eg2[i]! + (1 - rho) * g * g;
      const delta = (-Math.sqrt(Ed2[i]! + epsilon) / Math.sqrt(Eg2[i]! + epsilon)) * g;
      Ed2[i] = rho * Ed2[i]! + (1 - rho) * delta * delta;
      theta[i] = theta[i]! + delta;
    });
    opt.step();
    assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-12 });
  }
}), { runs: 40 });

test('EQ-OPTIMIZERS-15 Adadelta by hand: g = 1, −2, 0.5 with ρ = 0.9, ε = 1e-6 gives Δθ = −3.16226e-3, +4.04060e-3, −1.37666e-3', () => {
  const p = vectorParameter([0]);
  const opt = new Adadelta([p], { rho: 0.9, epsilon: 1e-6 });
  const steps = [1, -2, 0.5].map((g) => {
    p.grad.data[0] = g;
    const delta = opt.delta()[0]!.data[0]!;
    opt.step();
    return delta;
  });
  // The printed values have six significant digits: half a unit of the last one.
  assertClose(steps, [-3.16226e-3, 4.0406e-3, -1.37666e-3], { atol: 5e-9, rtol: 0 });
  // The first step by the formula: −√ε·g/√((1 − ρ)g² + ε).
  assertClose(steps[0]!, -Math.sqrt(1e-6) / Math.sqrt(0.1 + 1e-6), { atol: 0, rtol: 1e-15 });
});

property('EQ-OPTIMIZERS-15 the first Adadelta step has size √ε·|g|/√((1−ρ)g² + ε) < √(ε/(1−ρ)); a zero gradient gives a zero step', seeds, withRng((rng) => {
  const rho = rng.uniform(0, 0.99), epsilon = 10 ** rng.int(-8, -2), d = rng.int(1, 6);
  const p = vectorParameter(linalg.randn([d], rng).data);
  for (let i = 0; i < d; i++) p.grad.data[i] = i === 0 ? 0 : rng.normal(0, 10 ** rng.int(-4, 4));
  const delta = new Adadelta([p], { rho, epsilon }).delta()[0]!.data;
  assert.equal(Math.abs(delta[0]!), 0);
  for (let i = 1; i < d; i++) {
    const g = p.grad.data[i]!;
    assertClose(Math.abs(delta[i]!), (Math.sqrt(epsilon) * Math.abs(g)) / Math.sqrt((1 - rho) * g * g + epsilon), { atol: 0, rtol: 1e-14 });
    assert.ok(Math.abs(delta[i]!) < Math.sqrt(epsilon / (1 - rho)));
  }
}), { runs: 50 });

property('EQ-OPTIMIZERS-16 RMSprop follows E[g²] = γE[g²] + (1−γ)g², Δθ = −η·g/√(E[g²] + ε) (or /(√E + ε)) over random steps', seeds, withRng((rng) => {
  for (const epsMode of modes) {
    const params = randomParameters(rng);
    const eta = rng.uniform(0, 1), beta = rng.uniform(0, 0.99), epsilon = rng.next() < 0.3 ? 0 : 10 ** rng.int(-10, -3);
    const opt = new RMSprop(params, { lr: eta, beta, epsilon, epsMode });
    const theta = valuesOf(params), V = theta.map(() => 0);
    for (let t = 0; t < 6; t++) {
      drawGradients(params, rng, 10 ** rng.int(-2, 2));
      gradsOf(params).forEach((g, i) => {
        V[i] = beta * V[i]! + (1 - beta) * g * g;
        theta[i] = theta[i]! - scaled(eta, g, V[i]!, epsilon, epsMode);
      });
      opt.step();
      assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-13 });
    }
  }
}), { runs: 40 });

property('EQ-OPTIMIZERS-16 RMSprop with ε = 0 in the zoo form equals the 003 form W − γ·g/√V; with ε > 0, g = V = 0 steps 0; the first step is at most η/√(1−γ)', seeds, withRng((rng) => {
  const eta = rng.uniform(0.01, 1), beta = rng.uniform(0, 0.99), d = rng.int(1, 6);
  const p = vectorParameter(linalg.randn([d], rng).data);
  const opt = new RMSprop([p], { lr: eta, beta, epsilon: 0, epsMode: 'inside' });
  const W = Array.from(p.value.data), V = W.map(() => 0);
  for (let t = 0; t < 6; t++) {
    for (let i = 0; i < d; i++) p.grad.data[i] = rng.normal();
    const g = Array.from(p.grad.data);
    g.forEach((gi, i) => {
      V[i] = beta * V[i]! + (1 - beta) * gi * gi;
      W[i] = W[i]! - (eta / Math.sqrt(V[i]!)) * gi;
    });
    const delta = opt.delta()[0]!.data;
    // The step itself within 1e-15 (the two forms round η·g/√V in a different order); θ accumulates them.
    g.forEach((gi, i) => assertClose(delta[i]!, -(eta / Math.sqrt(V[i]!)) * gi, { atol: 0, rtol: 1e-15 }));
    if (t === 0) delta.forEach((d) => assert.ok(Math.abs(d) <= (eta / Math.sqrt(1 - beta)) * (1 + 1e-15)));
    opt.step();
    assertClose(p.value.data, W, { atol: 1e-15, rtol: 1e-14 });
  }
  const zero = vectorParameter(Array.from({ length: d }, () => rng.normal()));
  const withEpsilon = new RMSprop([zero], { lr: eta, beta, epsilon: 1e-8, epsMode: rng.next() < 0.5 ? 'inside' : 'outside' });
  const before = Array.from(zero.value.data);
  withEpsilon.step();
  assert.deepEqual(Array.from(zero.value.data), before);
}), { runs: 40 });

property('EQ-OPTIMIZERS-17 RMSprop with β = 0, ε = 0 steps −η·sign(g) for |gᵢ| in [1e-100, 1e100]; 0/0 is a step of 0; a constant g gives V_t = (1 − β^t)g²', seeds, withRng((rng) => {
  const eta = rng.uniform(0.01, 1), d = rng.int(1, 8);
  const p = vectorParameter(linalg.randn([d], rng).data);
  for (let i = 0; i < d; i++) p.grad.data[i] = (rng.next() < 0.5 ? -1 : 1) * 10 ** rng.uniform(-100, 100);
  const sign = new RMSprop([p], { lr: eta, beta: 0, epsilon: 0 });
  sign.delta()[0]!.data.forEach((delta, i) => assertClose(delta, -eta * Math.sign(p.grad.data[i]!), { atol: 0, rtol: 1e-15 }));
  const z = vectorParameter([1, 2]);
  const none = new RMSprop([z], { lr: eta, beta: rng.uniform(0, 0.99), epsilon: 0 });
  none.step();
  assert.deepEqual(Array.from(z.value.data), [1, 2]);
  const beta = rng.uniform(0, 0.99), g = rng.normal();
  const c = vectorParameter([0]);
  c.grad.data[0] = g;
  const constant = new RMSprop([c], { lr: eta, beta });
  for (let t = 1; t <= 30; t++) {
    constant.step();
    assertClose(constant.v[0]!.data[0]!, (1 - beta ** t) * g * g, { atol: 0, rtol: 1e-13 });
  }
}), { runs: 50 });

property('EQ-OPTIMIZERS-19 Adam follows m, v, m̂ = m/(1−β₁^t), v̂ = v/(1−β₂^t), θ − η·m̂/√(v̂ + ε) (or /(√v̂ + ε)) to 1e-14 over random steps', seeds, withRng((rng) => {
  for (const epsMode of modes) {
    const params = randomParameters(rng);
    const eta = rng.uniform(0, 0.5), beta1 = rng.uniform(0, 0.99), beta2 = rng.uniform(0.5, 0.9999);
    const epsilon = rng.next() < 0.3 ? 0 : 10 ** rng.int(-10, -3);
    const opt = new Adam(params, { lr: eta, beta1, beta2, epsilon, epsMode });
    const theta = valuesOf(params), m = theta.map(() => 0), v = theta.map(() => 0);
    for (let t = 1; t <= 5; t++) {
      drawGradients(params, rng, 10 ** rng.int(-2, 2));
      gradsOf(params).forEach((g, i) => {
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const mHat = m[i]! / (1 - beta1 ** t), vHat = v[i]! / (1 - beta2 ** t);
        theta[i] = theta[i]! - scaled(eta, mHat, vHat, epsilon, epsMode);
      });
      opt.step();
      assert.equal(opt.t, t);
      assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-13 });
      assertClose(opt.m.flatMap((s) => Array.from(s.data)), m, { atol: 1e-15, rtol: 1e-14 });
      assertClose(opt.v.flatMap((s) => Array.from(s.data)), v, { atol: 1e-15, rtol: 1e-14 });
    }
  }
}), { runs: 40 });

property('EQ-OPTIMIZERS-19 Adam\'s first step with ε = 0 is −η·sign(g) for any |g|; ε = 0 makes the two modes identical; zero gradients never move θ', seeds, withRng((rng) => {
  const eta = rng.uniform(0.001, 1), d = rng.int(1, 8);
  const start = linalg.randn([d], rng).data;
  const a = vectorParameter(start), b = vectorParameter(start);
  const inside = new Adam([a], { lr: eta, epsilon: 0, epsMode: 'inside', beta1: rng.uniform(0, 0.99) });
  const outside = new Adam([b], { lr: eta, epsilon: 0, epsMode: 'outside', beta1: inside.beta1 });
  for (let t = 0; t < 5; t++) {
    for (let i = 0; i < d; i++) a.grad.data[i] = b.grad.data[i] = (rng.next() < 0.5 ? -1 : 1) * 10 ** rng.uniform(-100, 100);
    if (t === 0) inside.delta()[0]!.data.forEach((delta, i) => assertClose(delta, -eta * Math.sign(a.grad.data[i]!), { atol: 0, rtol: 1e-15 }));
    inside.step();
    outside.step();
    assert.deepEqual(bitsOf(a.value.data), bitsOf(b.value.data));
  }
  const z = vectorParameter(start);
  const still = new Adam([z], { lr: eta, epsilon: 0 });
  for (let t = 0; t < 10; t++) still.step();
  assert.deepEqual(bitsOf(z.value.data), bitsOf(start));
}), { runs: 40 });

property('EQ-OPTIMIZERS-20 for a constant gradient m̂_t = g and v̂_t = g² at every t, while m_t = (1 − β₁^t)g: the correction uses the 1-based step', seeds, withRng((rng) => {
  const beta1 = rng.uniform(0, 0.999), beta2 = rng.uniform(0, 0.9999), d = rng.int(1, 5);
  const p = vectorParameter(linalg.randn([d], rng).data);
  for (let i = 0; i < d; i++) p.grad.data[i] = rng.normal(0, 10 ** rng.int(-3, 3));
  const opt = new Adam([p], { beta1, beta2 });
  for (let t = 1; t <= 40; t++) {
    opt.step();
    p.grad.data.forEach((g, i) => {
      const m = opt.m[0]!.data[i]!, v = opt.v[0]!.data[i]!;
      assertClose(m / (1 - beta1 ** opt.t), g, { atol: 0, rtol: 1e-14 });
      assertClose(v / (1 - beta2 ** opt.t), g * g, { atol: 0, rtol: 1e-14 });
      assertClose(m, (1 - beta1 ** t) * g, { atol: 0, rtol: 1e-14 });
    });
  }
  // The weights (1 − β₁)β₁^{t−τ}/(1 − β₁^t) of the gradients in m̂_t sum to 1.
  const t = rng.int(1, 50);
  let total = 0;
  for (let tau = 1; tau <= t; tau++) total += ((1 - beta1) * beta1 ** (t - tau)) / (1 - beta1 ** t);
  assertClose(total, 1, { atol: 0, rtol: 1e-13 });
}), { runs: 50 });

property('EQ-OPTIMIZERS-21 with β₁ = 0 and ε = 0, Adam\'s step is √(1 − β₂^t) times RMSprop\'s (β = β₂); Adam\'s m is (1 − β₁) times the momentum buffer M', seeds, withRng((rng) => {
  const beta2 = rng.uniform(0.5, 0.9999), eta = rng.uniform(0.001, 1), d = rng.int(1, 5);
  const start = linalg.randn([d], rng).data;
  const a = vectorParameter(start), r = vectorParameter(start);
  const adam = new Adam([a], { lr: eta, beta1: 0, beta2, epsilon: 0 }), rms = new RMSprop([r], { lr: eta, beta: beta2, epsilon: 0 });
  for (let t = 1; t <= 20; t++) {
    for (let i = 0; i < d; i++) a.grad.data[i] = r.grad.data[i] = rng.normal();
    const da = adam.delta()[0]!.data, dr = rms.delta()[0]!.data;
    da.forEach((x, i) => assertClose(x, Math.sqrt(1 - beta2 ** t) * dr[i]!, { atol: 0, rtol: 1e-14 }));
    adam.step();
    rms.step();
  }
  const beta1 = rng.uniform(0, 0.99);
  const b = vectorParameter(start), s = vectorParameter(start);
  const withMomentum = new Adam([b], { beta1 }), sgd = new SGD([s], { lr: 0.01, momentum: beta1 });
  for (let t = 0; t < 20; t++) {
    for (let i = 0; i < d; i++) b.grad.data[i] = s.grad.data[i] = rng.normal();
    withMomentum.step();
    sgd.step();
    assertClose(withMomentum.m[0]!.data, linalg.scale(sgd.M[0]!, 1 - beta1).data, { atol: 1e-15, rtol: 1e-13 });
  }
}), { runs: 40 });

property('EQ-REGULARIZERS-04 AdamW follows Adam\'s recurrence minus η·λ·θ_{t−1} (decoupled weight decay) over random steps; λ = 0 is Adam bit for bit', seeds, withRng((rng) => {
  for (const epsMode of modes) {
    const params = randomParameters(rng), twins = params.map((p) => vectorParameter(p.value.data)), plain = params.map((p) => vectorParameter(p.value.data));
    const eta = rng.uniform(0, 0.5), beta1 = rng.uniform(0, 0.99), beta2 = rng.uniform(0.5, 0.9999), lambda = rng.uniform(0, 0.5);
    const epsilon = rng.next() < 0.3 ? 0 : 10 ** rng.int(-10, -3);
    const opt = new AdamW(params, { lr: eta, beta1, beta2, epsilon, epsMode, weightDecay: lambda });
    const noDecay = new AdamW(twins, { lr: eta, beta1, beta2, epsilon, epsMode, weightDecay: 0 });
    const adam = new Adam(plain, { lr: eta, beta1, beta2, epsilon, epsMode });
    const theta = valuesOf(params), m = theta.map(() => 0), v = theta.map(() => 0);
    for (let t = 1; t <= 5; t++) {
      drawGradients(params, rng, 10 ** rng.int(-2, 2));
      params.forEach((p, k) => { twins[k]!.grad.data.set(p.grad.data); plain[k]!.grad.data.set(p.grad.data); });
      gradsOf(params).forEach((g, i) => {
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const mHat = m[i]! / (1 - beta1 ** t), vHat = v[i]! / (1 - beta2 ** t);
        theta[i] = theta[i]! - scaled(eta, mHat, vHat, epsilon, epsMode) - eta * lambda * theta[i]!;
      });
      opt.step();
      noDecay.step();
      adam.step();
      assertClose(valuesOf(params), theta, { atol: 1e-14, rtol: 1e-13 });
      assert.deepEqual(bitsOf(valuesOf(twins)), bitsOf(valuesOf(plain)));
    }
  }
}), { runs: 30 });

test('EQ-REGULARIZERS-04 an L2 penalty λΣθ² is weight decay for gradient descent, (1 − 2ηλ)θ − η∇L, but not for Adam, where AdamW alone shrinks a large-gradient and a small-gradient weight alike', () => {
  const eta = 0.01, lambda = 0.05, gData = [100, 0.01];
  // Gradient descent on L + λΣθ²: the step is (1 − 2ηλ)θ − η·g.
  const gd = vectorParameter([1, 1]);
  const sgd = new SGD([gd], { lr: eta });
  for (let t = 0; t < 10; t++) {
    const expected = Array.from(gd.value.data, (th, i) => (1 - 2 * eta * lambda) * th - eta * gData[i]!);
    gd.grad.data.set(Array.from(gd.value.data, (th, i) => gData[i]! + 2 * lambda * th));
    sgd.step();
    assertClose(Array.from(gd.value.data), expected, { atol: 1e-15, rtol: 1e-14 });
  }
  // Adam: what the decay term adds to 10 steps, per weight (both weights start at 1).
  const run = (make: (p: ReturnType<typeof vectorParameter>) => Adam, penalty: number): number[] => {
    const p = vectorParameter([1, 1]);
    const opt = make(p);
    for (let t = 0; t < 10; t++) {
      p.grad.data.set(Array.from(p.value.data, (th, i) => gData[i]! + 2 * penalty * th));
      opt.step();
    }
    return Array.from(p.value.data);
  };
  const adam = run((p) => new Adam([p], { lr: eta }), 0);
  const withL2 = run((p) => new Adam([p], { lr: eta }), lambda);
  const adamW = run((p) => new AdamW([p], { lr: eta, weightDecay: 2 * lambda }), 0);
  const l2Effect = withL2.map((x, i) => adam[i]! - x), decayEffect = adamW.map((x, i) => adam[i]! - x);
  // AdamW: the same shrinkage for both weights (about 10·η·2λ·θ with θ between 1 and 0.9), whatever the gradient.
  assertClose(decayEffect[0]!, decayEffect[1]!, { atol: 0, rtol: 1e-3 });
  assertClose(decayEffect[0]!, 10 * eta * 2 * lambda, { atol: 0, rtol: 0.1 });
  // L2 through Adam: the penalty's gradient 2λθ is divided by √v̂ with the rest, so it
  // barely moves the large-gradient weight, and the small-gradient weight, whose step
  // is about η whatever its gradient's size, is not decayed in proportion to θ either.
  assert.ok(Math.abs(l2Effect[0]!) < 1e-3 * decayEffect[0]!, `L2 effect on the large-gradient weight ${l2Effect[0]}`);
  assert.ok(Math.abs(l2Effect[1]!) < 0.1 * decayEffect[1]!, `L2 effect on the small-gradient weight ${l2Effect[1]}`);
});
