/**
 * What every optimizer shares: Δθ from delta() reproduces step() bit for
 * bit and changes nothing (EQ-OPTIMIZERS-12); the state saved as JSON and
 * loaded into a fresh optimizer continues the run bit for bit, next to the
 * model's state dict; out-of-range hyperparameters are refused by name;
 * and every rule converges on a convex quadratic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Sequential, Tanh } from '../../src/layers/index.js';
import { mse } from '../../src/losses/index.js';
import { Adadelta, Adagrad, Adam, Momentum, Nesterov, Optimizer, RMSprop, Rprop, SGD, minimize } from '../../src/optimizers/index.js';
import type { Parameter } from '../../src/optimizers/index.js';
import { trainStep } from '../../src/train/index.js';
import { assertClose, property } from '../harness/index.js';
import {
  bitsOf, drawGradients, eigenvalues, quadraticGradient, randomParameters, seeds, valuesOf, withEigenvalues, withRng,
} from './support.js';

/** Every rule with settings that suit a well-scaled quadratic. */
const RULES: [string, (p: Parameter[]) => Optimizer][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 })],
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.05, momentum: 0.9 })],
  ['Momentum', (p) => new Momentum(p, { lr: 0.05, gamma: 0.9 })],
  ['Nesterov', (p) => new Nesterov(p, { lr: 0.05, gamma: 0.9 })],
  ['Adagrad', (p) => new Adagrad(p, { lr: 0.5 })],
  ['Adadelta', (p) => new Adadelta(p, { rho: 0.9, epsilon: 1e-2 })],
  // With a constant η, RMSprop's steps stay of size ≈ η near θ* until |g| falls below ε, where it turns into
  // gradient descent with rate η/ε (outside) or η/√ε (inside): ε sets how close it gets.
  ['RMSprop', (p) => new RMSprop(p, { lr: 0.01, epsilon: 0.1 })],
  ['RMSprop, ε inside', (p) => new RMSprop(p, { lr: 0.01, epsilon: 0.01, epsMode: 'inside' })],
  ['Adam', (p) => new Adam(p, { lr: 0.05 })],
  ['Adam, ε inside', (p) => new Adam(p, { lr: 0.05, epsMode: 'inside' })],
  ['Rprop', (p) => new Rprop(p, { initialStep: 0.1 })],
];

property('EQ-OPTIMIZERS-12 for every optimizer θ + delta() equals step() bit for bit, and delta() changes neither θ nor the state nor t', seeds, withRng((rng) => {
  for (const [name, make] of RULES) {
    const params = randomParameters(rng);
    const opt = make(params);
    for (let t = 0; t < 4; t++) {
      drawGradients(params, rng);
      const before = valuesOf(params), saved = JSON.stringify(opt);
      const delta = opt.delta().flatMap((d) => Array.from(d.data));
      assert.deepEqual(bitsOf(valuesOf(params)), bitsOf(before), `${name}: delta changed θ`);
      assert.equal(JSON.stringify(opt), saved, `${name}: delta changed the state`);
      opt.step();
      assert.deepEqual(bitsOf(valuesOf(params)), bitsOf(before.map((x, i) => x + delta[i]!)), `${name}: θ + Δθ ≠ step()`);
    }
  }
}), { runs: 20 });

property('every optimizer converges on a convex quadratic ½θᵀHθ − bᵀθ to θ* = H⁻¹b', seeds, withRng((rng) => {
  const d = rng.int(2, 5);
  const { H } = withEigenvalues(eigenvalues(d, 0.5, 2, rng), rng);
  const b = linalg.randn([d], rng), thetaStar = linalg.solve(H, b), theta0 = linalg.randn([d], rng);
  for (const [name, make] of RULES) {
    const result = minimize(quadraticGradient(H, b), theta0, { optimizer: make, tolerance: 1e-7, maxIterations: 20_000 });
    const theta = name === 'Nesterov' ? (result.optimizer as Nesterov).theta(0) : result.theta;
    assertClose(theta, thetaStar, { atol: 1e-5, rtol: 0 }, name);
  }
}), { runs: 10 });

property('the state saved with JSON next to the model\'s state dict, loaded into a fresh model and optimizer, continues the run bit for bit', seeds, withRng((rng) => {
  const X = linalg.randn([12, 3], rng), y = linalg.randn([12, 2], rng);
  for (const [name, make] of RULES) {
    const build = (): Sequential => new Sequential([new Dense(3, 4, { rng: new Rng(5) }), new Tanh(), new Dense(4, 2, { rng: new Rng(6) })]);
    const net = build(), opt = make(net.parameters() as Parameter[]);
    for (let t = 0; t < 3; t++) trainStep(net, mse, opt, X, y);
    const saved = JSON.stringify({ model: net.stateDict(), optimizer: opt.stateDict() });
    const restored = build();
    restored.loadStateDict(JSON.parse(saved).model);
    const opt2 = (opt.constructor as typeof SGD).fromJSON(JSON.parse(saved).optimizer, restored.parameters()) as Optimizer;
    assert.equal(opt2.t, opt.t, name);
    assert.equal(JSON.stringify(opt2), JSON.stringify(opt), name);
    for (let t = 0; t < 3; t++) {
      trainStep(net, mse, opt, X, y);
      trainStep(restored, mse, opt2, X, y);
    }
    assert.deepEqual(bitsOf(valuesOf(restored.parameters())), bitsOf(valuesOf(net.parameters())), name);
    const again = make(restored.parameters() as Parameter[]);
    again.loadStateDict(JSON.parse(JSON.stringify(opt)));
    assert.equal(JSON.stringify(again), JSON.stringify(opt), `${name}: loadStateDict in place`);
  }
}), { runs: 5 });

test('a saved state keeps NaN, ±∞ and −0 in the state, and the learning rate a schedule set', () => {
  const p = { value: linalg.tensor([1, 2, 3, 4], [4]), grad: linalg.tensor([NaN, Infinity, -Infinity, -0], [4]) };
  const adam = new Adam([p], { lr: 0.01 });
  adam.step();
  adam.m[0]!.data[3] = -0;
  adam.lr = 0.004;
  const json = JSON.parse(JSON.stringify(adam));
  const q = { value: linalg.zeros([4]), grad: linalg.zeros([4]) };
  const loaded = new Adam([q], { lr: 0.01 }).loadStateDict(json);
  assert.equal(loaded.lr, 0.004);
  assert.deepEqual(bitsOf(loaded.m[0]!.data), bitsOf(adam.m[0]!.data));
  assert.deepEqual(bitsOf(loaded.v[0]!.data), bitsOf(adam.v[0]!.data));
  assert.ok(Object.is(loaded.m[0]!.data[3], -0));
});

test('a saved state of another class, other hyperparameters, another parameter count or shape is refused and nothing changes', () => {
  const p = (n: number): Parameter => ({ value: linalg.zeros([n]), grad: linalg.ones([n]) });
  const adam = new Adam([p(3)]);
  adam.step();
  const saved = adam.toJSON();
  const target = new Adam([p(3)], { beta1: 0.5 });
  const before = JSON.stringify(target);
  assert.throws(() => target.loadStateDict(saved), (e: unknown) => e instanceof ValueError && /beta1/.test(e.message) && /Adam\.loadStateDict/.test(e.message));
  assert.throws(() => new SGD([p(3)]).loadStateDict(saved), ValueError);
  assert.throws(() => new Adam([p(3), p(2)]).loadStateDict(saved), ValueError);
  assert.throws(() => new Adam([p(4)]).loadStateDict(saved), /shape/);
  assert.equal(JSON.stringify(target), before);
});

test('constructors refuse hyperparameters out of range with a ValueError naming the hyperparameter and the value', () => {
  const p = [{ value: linalg.zeros([2]), grad: linalg.zeros([2]) }];
  const cases: [() => unknown, string][] = [
    [() => new SGD(p, { lr: -0.1 }), 'lr'], [() => new SGD(p, { momentum: 1 }), 'momentum'],
    [() => new Momentum(p, { gamma: 1.5 }), 'gamma'], [() => new Nesterov(p, { gamma: -0.1 }), 'gamma'],
    [() => new Adagrad(p, { epsilon: -1 }), 'epsilon'], [() => new Adadelta(p, { rho: 1 }), 'rho'], [() => new Adadelta(p, { epsilon: 0 }), 'epsilon'],
    [() => new RMSprop(p, { beta: 1 }), 'beta'], [() => new Adam(p, { beta1: 1 }), 'beta1'], [() => new Adam(p, { beta2: -0.5 }), 'beta2'],
    [() => new Adam(p, { lr: NaN }), 'lr'], [() => new Rprop(p, { etaPlus: 0.9 }), 'etaPlus'], [() => new Rprop(p, { etaMinus: 0 }), 'etaMinus'],
    [() => new Rprop(p, { initialStep: 100 }), 'stepMax'],
  ];
  for (const [make, name] of cases) {
    assert.throws(make, (e: unknown) => e instanceof ValueError && e.message.includes(name), name);
  }
  const adam = new Adam(p);
  assert.throws(() => {
    adam.lr = -1;
  }, (e: unknown) => e instanceof ValueError && /Adam\.lr: lr must be/.test(e.message) && /-1/.test(e.message));
  assert.equal(adam.lr, 0.001);
});

test('the defaults are stated: SGD η 0.01; Adam η 1e-3, β 0.9/0.999, ε 1e-8 outside √; RMSprop ε outside √', () => {
  const p = [{ value: linalg.zeros([1]), grad: linalg.zeros([1]) }];
  assert.deepEqual(new SGD(p).hyperparameters(), { lr: 0.01, momentum: 0 });
  assert.deepEqual(new Adam(p).hyperparameters(), { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, epsMode: 'outside' });
  assert.equal(new RMSprop(p).epsMode, 'outside');
  assert.equal(String(new SGD(p)), 'SGD(lr = 0.01, momentum = 0), t = 0');
});
