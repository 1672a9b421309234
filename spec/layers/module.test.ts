/**
 * The Module contract: dotted parameter names, training mode propagated to
 * children, state dicts that round-trip float64 bits exactly through JSON
 * and refuse a mismatched dict without changing the model, and a summary
 * whose counts are the parameters' sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { ArgumentTypeError, MLError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense, Module, ReLU, Sequential, Tanh } from '../../src/layers/index.js';
import { assertSameBits, property } from '../harness/index.js';
import { gaussian, seeds, withRng } from './support.js';

/** A random MLP d → h₁ → … → out with tanh between the Dense layers. */
function randomNet(rng: Rng): { net: Sequential; sizes: number[] } {
  const depth = rng.int(1, 4);
  const sizes = Array.from({ length: depth + 1 }, () => rng.int(1, 6));
  const layers: Module[] = [];
  for (let l = 0; l < depth; l++) {
    layers.push(new Dense(sizes[l]!, sizes[l + 1]!, { rng, bias: rng.next() < 0.8 }));
    if (l < depth - 1) layers.push(new Tanh());
  }
  return { net: new Sequential(layers), sizes };
}

/** The same architecture as `net`, with other weights (drawn from `seed`). */
function sameArchitecture(net: Sequential, seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential(net.layers.map((layer) =>
    layer instanceof Dense ? new Dense(layer.inFeatures, layer.outFeatures, { rng, bias: layer.b !== null }) : new Tanh()));
}

/** A module with a buffer, to check that buffers are saved with the parameters. */
class Scaled extends Module {
  readonly scale: linalg.Tensor;
  constructor(n: number) {
    super();
    this.scale = this.registerBuffer('scale', linalg.ones([n]));
  }
  forward(x: Var): Var {
    return ad.mul(x, this.scale);
  }
}

test('namedParameters: dotted names in registration order, own parameters first, shared ones once', () => {
  const rng = new Rng(1);
  const d1 = new Dense(3, 4, { rng }), d2 = new Dense(4, 2, { rng, bias: false });
  const net = new Sequential([d1, new ReLU(), new Sequential([d2, new Tanh()])]);
  assert.deepEqual(net.namedParameters().map(([n]) => n), ['0.W', '0.b', '2.0.W']);
  assert.deepEqual(net.parameters(), [d1.W, d1.b, d2.W]);
  const tied = new Sequential([new Dense(2, 2, { rng }), new ReLU()]);
  const twice = new Sequential([tied.layers[0]!, new ReLU(), tied.layers[0]!]);
  assert.deepEqual(twice.namedParameters().map(([n]) => n), ['0.W', '0.b'], 'a layer used twice is listed once');
  assert.equal(twice.numParameters(), 6);
  // weight tying: a second module registers the first one's W; it is one parameter, under its first name
  class TiedOutput extends Module {
    readonly W: Var;
    constructor(tied: Var) {
      super();
      this.W = this.registerParameter('W', tied);
    }
    forward(x: Var): Var { return ad.matmul(x, ad.transpose(this.W)); }
  }
  const encoder = new Dense(3, 4, { rng, bias: false });
  const autoencoder = new Sequential([encoder, new TiedOutput(encoder.W)]);
  assert.deepEqual(autoencoder.namedParameters().map(([n]) => n), ['0.W']);
  assert.equal(autoencoder.numParameters(), 12);
  assert.deepEqual(Object.keys(autoencoder.stateDict()), ['0.W']);
  assert.throws(() => new TiedOutput(ad.constant(linalg.zeros([4, 3]))), ValueError);
  assert.deepEqual(net.namedModules().map(([n, m]) => `${n}:${m.toString()}`),
    [':Sequential(3 layers)', '0:Dense(3 → 4)', '1:ReLU', '2:Sequential(2 layers)', '2.0:Dense(4 → 2, no bias)', '2.1:Tanh']);
});

test('train() and eval() set the mode of every descendant; training is true by default', () => {
  const rng = new Rng(2);
  const inner = new Sequential([new Dense(2, 2, { rng }), new Tanh()]);
  const net = new Sequential([inner, new Dense(2, 1, { rng })]);
  assert.ok(net.modules().every((m) => m.training));
  assert.equal(net.eval(), net);
  assert.ok(net.modules().every((m) => !m.training));
  net.train();
  assert.ok(net.modules().every((m) => m.training));
  inner.eval();
  assert.deepEqual(net.modules().map((m) => m.training), [true, false, false, false, true]);
});

property('a state dict round trip through JSON gives bit-identical predictions', seeds, withRng((rng) => {
  const { net, sizes } = randomNet(rng);
  const X = gaussian([rng.int(1, 6), sizes[0]!], rng);
  // values JSON cannot write as numbers survive too
  const W = net.parameters()[0]!.value.data;
  W[0] = -0;
  if (W.length > 1) W[1] = 1e-310;
  const saved = JSON.parse(JSON.stringify(net.stateDict())) as unknown;
  const copy = sameArchitecture(net, rng.int(0, 1000));
  const vars = copy.parameters();
  assert.equal(copy.loadStateDict(saved), copy);
  assert.deepEqual(copy.parameters(), vars, 'the same Var objects, loaded in place');
  for (const [[name, a], [, b]] of net.namedParameters().map((p, i) => [p, copy.namedParameters()[i]!] as const)) {
    assertSameBits(b.value.data, a.value.data, name);
  }
  assertSameBits(copy.forward(ad.constant(X)).value.data, net.forward(ad.constant(X)).value.data, 'predictions');
  assert.deepEqual(JSON.parse(JSON.stringify(net)), saved, 'toJSON is the state dict');
}), { runs: 30 });

test('stateDict saves buffers beside parameters, and loadStateDict restores them', () => {
  const net = new Sequential([new Dense(2, 3, { rng: new Rng(3) }), new Scaled(3)]);
  assert.deepEqual(Object.keys(net.stateDict()), ['0.W', '0.b', '1.scale']);
  const dict = net.stateDict();
  dict['1.scale'] = { shape: [3], data: [2, 'NaN', '-Infinity'] };
  net.loadStateDict(dict);
  assertSameBits((net.layers[1] as Scaled).scale.data, [2, NaN, -Infinity], 'buffer');
});

test('loadStateDict refuses a mismatched dict with a typed error and leaves the model unchanged', () => {
  const rng = new Rng(4);
  const net = new Sequential([new Dense(2, 3, { rng }), new Tanh(), new Dense(3, 1, { rng })]);
  const good = net.stateDict();
  const other = new Sequential([new Dense(2, 3, { rng }), new Tanh(), new Dense(3, 1, { rng })]).stateDict();
  const cases: [string, unknown, new (...args: never[]) => MLError][] = [
    ['a missing name', (() => { const d = { ...other }; delete d['2.b']; return d; })(), ValueError],
    ['an unexpected name', { ...other, '3.W': other['2.W'] }, ValueError],
    ['a wrong shape', { ...other, '2.W': { shape: [1, 3], data: other['2.W']!.data } }, ShapeError],
    ['a malformed entry', { ...other, '0.b': { shape: [3], data: [1, 2, null] } }, ValueError],
    ['not an object', [other], ArgumentTypeError],
  ];
  for (const [label, dict, type] of cases) {
    assert.throws(() => net.loadStateDict(dict), (e: unknown) => e instanceof type && /Sequential\.loadStateDict/.test((e as Error).message), label);
    assert.deepEqual(net.stateDict(), good, `${label}: the model changed`);
  }
});

property('summary: each layer with its output shape and parameter count; the counts sum to the parameters\' sizes', seeds, withRng((rng) => {
  const { net, sizes } = randomNet(rng);
  const n = rng.int(1, 9);
  const rows = net.layerSummary([n, sizes[0]!]);
  assert.equal(rows.length, net.length);
  let total = 0;
  for (const v of net.parameters()) total += v.value.data.length;
  assert.equal(rows.reduce((s, r) => s + r.parameters, 0), total);
  assert.equal(net.numParameters(), total);
  let h: Var = ad.constant(gaussian([n, sizes[0]!], rng));
  rows.forEach((row, i) => {
    h = net.layers[i]!.forward(h);
    assert.deepEqual(row.outputShape, h.value.shape, `row ${i}`);
  });
  const text = net.summary([n, sizes[0]!]);
  assert.ok(text.endsWith(`total parameters: ${total}`), text);
  assert.equal(text.split('\n').length, rows.length + 5);
}), { runs: 30 });

test('summary prints a readable table', () => {
  const rng = new Rng(5);
  const net = new Sequential([new Dense(2, 2, { rng }), new Tanh(), new Dense(2, 1, { rng })]);
  assert.equal(net.summary([4, 2]), [
    'Sequential(3 layers), input [4, 2]',
    'name  layer         output shape  parameters',
    '--------------------------------------------',
    '0     Dense(2 → 2)  [4, 2]                 6',
    '1     Tanh          [4, 2]                 0',
    '2     Dense(2 → 1)  [4, 1]                 3',
    '--------------------------------------------',
    'total parameters: 9',
  ].join('\n'));
});

test('a module reports a forward that is not a Var, and registration refuses duplicate names', () => {
  class Twice extends Module {
    constructor() {
      super();
      this.registerParameter('w', linalg.zeros([1]));
      this.registerBuffer('w', linalg.zeros([1]));
    }
    forward(x: Var): Var { return x; }
  }
  assert.throws(() => new Twice(), ValueError);
  assert.throws(() => new Dense(2, 2, { rng: new Rng(0) }).forward(linalg.zeros([1, 2]) as unknown as Var), ArgumentTypeError);
});
