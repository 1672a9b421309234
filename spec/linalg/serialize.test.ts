/**
 * Saving as JSON (serialize.ts): every double survives JSON.stringify and
 * JSON.parse with its bits, the four values JSON cannot write included.
 * The route is independent of the code: each value is drawn as a random
 * 64-bit pattern (so subnormals, ±0, ±∞ and NaNs all occur) and compared
 * bit for bit through a BigInt view.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { property } from '../harness/property.js';
import type { Rng } from '../../src/random/index.js';
import { float64FromJSON, float64ToJSON, tensorFromJSON, tensorToJSON } from '../../src/linalg/serialize.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';

/** A double from 64 random bits, or one of the edge values, one time in four. */
function anyDouble(rng: Rng): number {
  const edges = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 2.2250738585072014e-308];
  if (rng.next() < 0.25) return edges[rng.int(0, edges.length)]!;
  const words = new Uint32Array([rng.nextUint32(), rng.nextUint32()]);
  return new Float64Array(words.buffer)[0]!;
}

const bits = (x: number): bigint => new BigInt64Array(Float64Array.of(x).buffer)[0]!;

property('serialize: a tensor survives JSON.stringify / JSON.parse bit for bit (NaN as NaN)', (rng) => {
  const shape = [rng.int(0, 4), rng.int(1, 5)];
  const data = Float64Array.from({ length: shape[0]! * shape[1]! }, () => anyDouble(rng));
  return { shape, data };
}, (t) => {
  const back = tensorFromJSON(JSON.parse(JSON.stringify(tensorToJSON(t))), 'weights', 'spec');
  assert.deepEqual(back.shape, t.shape);
  for (let i = 0; i < t.data.length; i++) {
    const x = t.data[i]!, y = back.data[i]!;
    if (Number.isNaN(x)) assert.ok(Number.isNaN(y), `entry ${i}: NaN came back as ${y}`);
    else assert.equal(bits(y), bits(x), `entry ${i}: ${x} came back as ${y}`);
  }
});

test('serialize: the four values JSON cannot write are the strings "NaN", "Infinity", "-Infinity", "-0"', () => {
  assert.deepEqual(float64ToJSON([NaN, Infinity, -Infinity, -0, 0, 1.5]), ['NaN', 'Infinity', '-Infinity', '-0', 0, 1.5]);
  assert.ok(Object.is(float64FromJSON(['-0'], 'x', 'spec')[0], -0));
});

test('serialize: malformed saved tensors get typed errors naming the loader and the field', () => {
  const cases: [unknown, new (...a: never[]) => Error][] = [
    [[1, 2], ArgumentTypeError],
    [{ shape: [2], data: [1] }, ShapeError],
    [{ shape: [-1], data: [] }, ShapeError],
    [{ shape: [1.5], data: [1] }, ShapeError],
    [{ shape: [1], data: [null] }, ValueError],
    [{ shape: [1], data: ['nan'] }, ValueError],
    [{ shape: [1], data: 'abc' }, ArgumentTypeError],
  ];
  for (const [json, error] of cases) {
    assert.throws(() => tensorFromJSON(json, 'W', 'Dense.fromJSON'), (e: unknown) =>
      e instanceof error && (e as Error).message.startsWith('Dense.fromJSON: W'));
  }
});
