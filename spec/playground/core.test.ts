/**
 * The playground's engine in Node (the browser spec runs the same code in
 * Chromium): settings read back what they wrote, every equation a control
 * names is a catalogued ID whose file exists, the weights' fingerprint is
 * the published 64-bit FNV-1a of the weights' bytes and follows the seed,
 * the hidden-unit maps are the hidden layer's outputs computed by hand, the
 * race's gradients match finite differences, and XOR and circles are
 * learnt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { property } from '../harness/property.js';
import { assertClose } from '../harness/assert.js';
import type { Rng } from '../../src/random/index.js';
import { tanh } from '../../src/math/index.js';
import { Dense } from '../../src/layers/index.js';
import { catalogue } from '../../scripts/equations/catalogue.js';
import {
  ACTIVATIONS, DATASETS, DEFAULTS, EQUATIONS, OPTIMIZERS, PENALTIES, Playground, equationsOf, fingerprintOf, fnv1a64, gridPoints, parseSettings,
  settingsQuery, trainFor,
} from '../../scripts/playground/core.js';
import type { Settings } from '../../scripts/playground/core.js';
import { SURFACES, race, racePath } from '../../scripts/playground/race.js';

const root = resolve(import.meta.dirname, '..', '..', '..');

const pick = <T>(rng: Rng, options: readonly T[]): T => options[rng.int(0, options.length)]!;

const settingsArbitrary = {
  generate: (rng: Rng): Settings => ({
    data: pick(rng, DATASETS), n: rng.int(20, 2001), noise: rng.uniform(0, 1), testFraction: rng.uniform(0.1, 0.9),
    hidden: Array.from({ length: rng.int(0, 7) }, () => rng.int(1, 33)), activation: pick(rng, ACTIVATIONS), optimizer: pick(rng, OPTIMIZERS),
    lr: rng.uniform(0, 10), batchSize: rng.int(1, 2001), penalty: pick(rng, PENALTIES), lambda: rng.uniform(0, 10), dropout: rng.uniform(0, 0.9),
    seed: rng.int(0, 2 ** 31), epochs: rng.int(1, 100001),
  }),
};

property('settings: parseSettings(settingsQuery(s)) gives s back, field for field', settingsArbitrary, (s) => {
  assert.deepEqual(parseSettings(settingsQuery(s)), s);
  return true;
}, { runs: 200 });

test('settings: absent fields take the defaults; a bad field is refused by name', () => {
  assert.deepEqual(parseSettings(''), { ...DEFAULTS, hidden: [...DEFAULTS.hidden] });
  assert.equal(settingsQuery(parseSettings('')), '');
  assert.deepEqual(parseSettings('hidden=').hidden, []);
  for (const [query, field] of [['data=donut', 'data'], ['lr=-1', 'lr'], ['n=1e9', 'n'], ['hidden=4,0', 'hidden'], ['seed=1.5', 'seed'], ['dropout=0.95', 'dropout'], ['noise=NaN', 'noise']] as const) {
    assert.throws(() => parseSettings(query), (e: Error) => e.name === 'ValueError' && e.message.startsWith(`playground settings: ${field} `), query);
  }
  assert.throws(() => new Playground(parseSettings('n=20&batchSize=15&testFraction=0.5')), /larger than the 10 training points/);
});

test('every control, choice and picture names catalogued equations and files that exist', () => {
  const known = new Set(catalogue.map((equation) => equation.id));
  const keys = [
    'data', 'n', 'noise', 'testFraction', 'hidden', 'lr', 'batchSize', 'lambda', 'dropout', 'seed', 'epochs', 'boundary', 'curves', 'neurons', 'race',
    ...ACTIVATIONS.map((a) => `activation.${a}`), ...OPTIMIZERS.map((o) => `optimizer.${o}`), ...PENALTIES.map((p) => `penalty.${p}`),
  ];
  for (const key of keys) assert.ok((EQUATIONS[key] ?? []).length > 0, `${key} names an equation`);
  for (const [key, refs] of Object.entries(EQUATIONS)) {
    for (const { id, file } of refs) {
      assert.ok(known.has(id), `${key}: ${id} is in the catalogue`);
      assert.ok(existsSync(join(root, file)), `${key}: ${file} exists`);
    }
  }
  assert.deepEqual(equationsOf('optimizer', 'adam').map((r) => r.id), ['EQ-OPTIMIZERS-19']);
  assert.deepEqual(equationsOf('no such control'), []);
});

test('fingerprint: 64-bit FNV-1a, equal to the published test vectors and to the hash of the little-endian bytes', () => {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  assert.equal(fnv1a64(text('')), 'cbf29ce484222325');
  assert.equal(fnv1a64(text('a')), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64(text('foobar')), '85944171f73967e8');
  const a = Float64Array.of(1, -0, Math.PI), b = Float64Array.of(Number.NaN, 2 ** -1074);
  const bytes = new Uint8Array([...new Uint8Array(Buffer.from(a.buffer).buffer), ...new Uint8Array(Buffer.from(b.buffer).buffer)]);
  assert.equal(fingerprintOf([a, b]), fnv1a64(bytes)); // this machine is little-endian, as every engine the page meets
  assert.notEqual(fingerprintOf([Float64Array.of(0)]), fingerprintOf([Float64Array.of(-0)]));
});

test('the same settings give the same weights bit for bit; another seed other weights', () => {
  const q = 'data=moons&n=60&hidden=5&epochs=3&dropout=0.2&penalty=l2&lambda=0.01';
  const first = trainFor(parseSettings(q)), again = trainFor(parseSettings(q)), other = trainFor(parseSettings(`${q}&seed=2`));
  assert.equal(first.fingerprint(), again.fingerprint());
  assert.deepEqual(first.history, again.history);
  assert.notEqual(first.fingerprint(), other.fingerprint());
});

test('the first hidden maps are tanh(x·W + b) of the grid points, computed by hand', () => {
  const run = new Playground(parseSettings('data=circles&n=40&hidden=3,2&epochs=1'));
  run.step();
  const r = 7, maps = run.hiddenMaps(r), grid = gridPoints(run.viewport, r);
  assert.deepEqual(maps.map((layer) => layer.length), [3, 2]);
  const first = run.net.layers[0]!;
  assert.ok(first instanceof Dense);
  const W = first.W.value.data, b = first.b!.value.data;
  for (let k = 0; k < r * r; k++) {
    for (let j = 0; j < 3; j++) {
      const z = grid.data[2 * k]! * W[j]! + grid.data[2 * k + 1]! * W[3 + j]! + b[j]!;
      assertClose(maps[0]![j]![k]!, tanh(z), { atol: 1e-15, rtol: 1e-14 }, `unit ${j} at grid point ${k}`);
    }
  }
  const dropped = new Playground(parseSettings('data=circles&n=40&hidden=3,2&dropout=0.5'));
  assert.deepEqual(dropped.hiddenMaps(r).map((layer) => layer.length), [3, 2], 'Dropout layers are skipped, in evaluation mode they are the identity');
  const P = run.probabilities(r);
  for (let k = 0; k < r * r; k++) assertClose(P.data[2 * k]! + P.data[2 * k + 1]!, 1, { atol: 1e-15 }, 'probabilities sum to 1');
});

for (const data of ['xor', 'circles'] as const) {
  test(`${data}: a 6-6 tanh network reaches at least 95 % test accuracy in 30 epochs (EQ-LAYERS-25: hidden units separate what no line does)`, () => {
    const run = trainFor(parseSettings(`data=${data}&epochs=30`));
    const last = run.history[run.history.length - 1]!;
    assert.ok(last.test.accuracy >= 0.95, `test accuracy ${last.test.accuracy}`);
    assert.ok(last.train.loss < run.history[0]!.train.loss, 'the training loss fell');
  });
}

property('race surfaces: the closed-form gradient equals central differences', {
  generate: (rng: Rng) => ({ surface: rng.int(0, SURFACES.length), x: rng.uniform(-2, 2), y: rng.uniform(-1, 2) }),
}, ({ surface, x, y }) => {
  const s = SURFACES[surface]!, g = new Float64Array(2), h = 1e-6;
  s.gradient(x, y, g);
  assertClose(g[0]!, (s.f(x + h, y) - s.f(x - h, y)) / (2 * h), { atol: 1e-5, rtol: 1e-6 }, `${s.name} ∂f/∂x`);
  assertClose(g[1]!, (s.f(x, y + h) - s.f(x, y - h)) / (2 * h), { atol: 1e-5, rtol: 1e-6 }, `${s.name} ∂f/∂y`);
  return true;
});

test('race: every optimizer descends the bowl; on the two wells SGD stops in the local minimum and momentum rolls on to the global one (EQ-OPTIMIZERS-25)', () => {
  const bowl = SURFACES.find((s) => s.name === 'bowl')!;
  const start = bowl.f(bowl.start[0], bowl.start[1]);
  for (const result of race(bowl)) assert.ok(result.final < 1e-3 * start, `${result.name}: f = ${result.final}`);
  const wells = SURFACES.find((s) => s.name === 'two wells')!;
  const sgd = racePath(wells, 'sgd'), momentum = racePath(wells, 'momentum');
  assertClose(sgd[sgd.length - 2]!, 1.1309, { atol: 1e-3 }, 'SGD: x of the local minimum');
  assertClose(momentum[momentum.length - 2]!, -1.3008, { atol: 1e-3 }, 'momentum: x of the global minimum');
  const saddle = SURFACES.find((s) => s.name === 'saddle')!;
  for (const result of race(saddle)) assert.ok(result.final < saddle.f(saddle.start[0], saddle.start[1]), `${result.name} leaves the saddle downhill`);
});
