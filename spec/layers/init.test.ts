/**
 * EQ-LAYERS-48 weight initialisation: reproducible draws, the variances of
 * Glorot (2/(fan_in + fan_out)) and He (2/fan_in) on 256×256 matrices, and
 * the demonstration that He keeps the mean square of ReLU activations
 * through 20 layers while a smaller variance makes it vanish.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  Dense, INITIALIZER_NAMES, ReLU, Sequential, fans, mlp, getInitializer, glorotNormal, glorotUniform, heNormal, heUniform, normalInit, uniformInit, zerosInit,
} from '../../src/layers/index.js';
import type { Initializer, Module } from '../../src/layers/index.js';
import { assertSameBits } from '../harness/index.js';

/** The sample mean and the sample variance (about the sample mean) of the entries. */
function moments(t: Tensor): { mean: number; variance: number } {
  const n = t.data.length, mean = linalg.sum(t) / n;
  let s = 0;
  for (const v of t.data) s += (v - mean) ** 2;
  return { mean, variance: s / (n - 1) };
}

test('EQ-LAYERS-48 the same seed gives identical tensors, for every initialiser', () => {
  for (const name of INITIALIZER_NAMES) {
    const init = getInitializer(name);
    assertSameBits(init([7, 5], new Rng(48)).data, init([7, 5], new Rng(48)).data, name);
  }
  assert.deepEqual(fans([3, 4]), [3, 4]);
  assert.deepEqual(fans([6]), [6, 6]);
  assert.deepEqual(fans([2, 3, 4]), [6, 4]);
  assert.deepEqual(Array.from(zerosInit([2, 2]).data), [0, 0, 0, 0]);
});

test('EQ-LAYERS-48 on 256×256 weights the sample variance is within 5% of the target: Glorot 2/(fan_in + fan_out), He 2/fan_in', () => {
  const rng = new Rng(4848);
  const cases: [string, Initializer, number][] = [
    ['glorotUniform', glorotUniform, 2 / 512],
    ['glorotNormal', glorotNormal, 2 / 512],
    ['glorotUniform gain 2', (s, r) => glorotUniform(s, r, { gain: 2 }), 4 * (2 / 512)],
    ['heUniform', heUniform, 2 / 256],
    ['heNormal', heNormal, 2 / 256],
    ['uniformInit', (s, r) => uniformInit(s, r), 0.1 ** 2 / 12],
    ['normalInit', (s, r) => normalInit(s, r, { std: 0.3 }), 0.09],
  ];
  for (const [name, init, target] of cases) {
    const { mean, variance } = moments(init([256, 256], rng));
    assert.ok(Math.abs(variance / target - 1) < 0.05, `${name}: variance ${variance}, target ${target}`);
    assert.ok(Math.abs(mean) < 4 * Math.sqrt(target / 65536), `${name}: mean ${mean}`);
  }
  // a rectangular layer: the fans differ
  const { variance } = moments(glorotNormal([512, 128], rng));
  assert.ok(Math.abs(variance / (2 / 640) - 1) < 0.05, `512×128: ${variance}`);
});

/** 20 bias-free Dense(256 → 256) + ReLU layers with W ~ N(0, c/fan_in). */
function deepRelu(c: number, rng: Rng): Module {
  const init: Initializer = (shape, r) => linalg.randn(shape, r, 0, Math.sqrt(c / shape[0]!));
  const layers: Module[] = [];
  for (let l = 0; l < 20; l++) layers.push(new Dense(256, 256, { rng, init, bias: false }), new ReLU());
  return new Sequential(layers);
}

test('EQ-LAYERS-48 (demonstrative) through 20 ReLU layers He keeps the mean square of the activations within a factor 2; 0.5/fan_in shrinks it by more than 10³', () => {
  const rng = new Rng(480);
  const X = linalg.randn([64, 256], rng);
  const meanSquare = (t: Tensor): number => linalg.sum(linalg.square(t)) / t.data.length;
  const input = meanSquare(X);
  const he = meanSquare(ad.noGrad(() => deepRelu(2, rng).forward(ad.constant(X))).value);
  const small = meanSquare(ad.noGrad(() => deepRelu(0.5, rng).forward(ad.constant(X))).value);
  assert.ok(he / input > 0.5 && he / input < 2, `He: ${he} against ${input}`);
  assert.ok(small / input < 1e-3, `0.5/fan_in: ${small} against ${input}`);
});

test('the documented defaults: Dense draws glorotUniform; mlp draws heNormal before ReLU or leaky ReLU and glorotUniform elsewhere', () => {
  const replay = new Rng(9);
  assertSameBits(new Dense(5, 3, { rng: new Rng(9) }).W.value.data, glorotUniform([5, 3], replay).data, 'Dense');
  for (const act of ['relu', 'leakyRelu', 'tanh'] as const) {
    const net = mlp([4, 8, 6, 2], { rng: new Rng(10), activation: act });
    const r = new Rng(10);
    const hidden = act === 'tanh' ? glorotUniform : heNormal;
    const expected = [hidden([4, 8], r), hidden([8, 6], r), glorotUniform([6, 2], r)];
    const weights = net.namedParameters().filter(([name]) => name.endsWith('.W'));
    weights.forEach(([name, W], i) => assertSameBits(W.value.data, expected[i]!.data, `${act}: ${name}`));
  }
  const reluHead = mlp([3, 2], { rng: new Rng(11), head: 'relu' });
  assertSameBits(reluHead.parameters()[0]!.value.data, heNormal([3, 2], new Rng(11)).data, 'a ReLU head');
});
