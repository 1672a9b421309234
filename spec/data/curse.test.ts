/**
 * The curse of dimensionality (EQ-DATA-09): the share of a cube inside its
 * ball, against Γ written out (d/2)! for even d and √π·(d)!!/2^{(d+1)/2}
 * for odd d) and against Monte Carlo; grid cells; and the relative contrast
 * of distances falling with d.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ballFractionMonteCarlo, ballVolumeFraction, gridCellCount, relativeContrast } from '../../src/data/index.js';
import { rand } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, property } from '../harness/index.js';

/** Γ(d/2 + 1) for an integer d ≥ 0, by its closed forms. */
function gammaHalf(d: number): number {
  if (d % 2 === 0) {
    let f = 1;
    for (let i = 2; i <= d / 2; i++) f *= i;
    return f;
  }
  let doubleFactorial = 1; // d!! = d·(d − 2)·…·1
  for (let i = d; i > 1; i -= 2) doubleFactorial *= i;
  return (Math.sqrt(Math.PI) * doubleFactorial) / 2 ** ((d + 1) / 2);
}

property('EQ-DATA-09 the ball\'s share of the cube is π^{d/2}/(Γ(d/2 + 1)·2^d)', (rng) => rng.int(1, 120), (d) => {
  assertClose(ballVolumeFraction(d), Math.PI ** (d / 2) / (gammaHalf(d) * 2 ** d), { atol: 0, rtol: 1e-12 });
});

test('EQ-DATA-09 the share falls strictly with d: 0.785 at d = 2, 0.00249 at d = 10', () => {
  assertClose(ballVolumeFraction(1), 1, { atol: 0, rtol: 0 });
  assertClose(ballVolumeFraction(2), 0.785, { atol: 5e-4, rtol: 0 });
  assertClose(ballVolumeFraction(10), 0.00249, { atol: 5e-6, rtol: 0 });
  for (let d = 2; d <= 60; d++) assert.ok(ballVolumeFraction(d) < ballVolumeFraction(d - 1), `d = ${d}`);
});

property('EQ-DATA-09 a Monte-Carlo estimate agrees within 4 standard errors', (rng) => ({ d: rng.int(1, 8), seed: rng.int(0, 1e9) }), ({ d, seed }) => {
  const { estimate, standardError } = ballFractionMonteCarlo(new Rng(seed), d, 20000);
  const exact = ballVolumeFraction(d);
  assertClose(estimate, exact, { atol: 4 * Math.max(standardError, Math.sqrt((exact * (1 - exact)) / 20000)), rtol: 0 });
}, { runs: 20 });

test('EQ-DATA-09 a grid of 10 bins per axis has 10^d cells, exactly', () => {
  for (const d of [0, 1, 2, 3, 10, 20, 100]) assert.equal(gridCellCount(10, d).toString(), `1${'0'.repeat(d)}`);
  assert.equal(gridCellCount(4, 8), 65536n);
});

test('EQ-DATA-09 for 1000 uniform points in [0, 1]^d the relative contrast (max − min)/min falls over d = 2, 10, 100, 1000', () => {
  const rng = new Rng(2009);
  const contrast = [2, 10, 100, 1000].map((d) => relativeContrast(rand([1000, d], rng), rand([d], rng)));
  for (let i = 1; i < contrast.length; i++) assert.ok(contrast[i]! < contrast[i - 1]!, `contrasts ${contrast.join(', ')}`);
  assert.ok(contrast[3]! < 0.5 && contrast[0]! > 10, `contrasts ${contrast.join(', ')}`);
});

test('relativeContrast: the worked example and a point equal to the query', () => {
  const X = { shape: [3, 2], data: Float64Array.of(1, 0, 0, 2, 3, 4) }; // distances 1, 2, 5 from the origin
  assert.equal(relativeContrast(X, { shape: [2], data: Float64Array.of(0, 0) }), 4);
  assert.equal(relativeContrast(X, { shape: [2], data: Float64Array.of(1, 0) }), Infinity);
});
