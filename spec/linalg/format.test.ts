/**
 * Specs of format: small tensors printed by hand, string for string — the
 * layout of each rank, the alignment, the choice of number format and digits,
 * non-finite entries, and the summary of long axes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, fromArray, reshape, scalar, tensor, zeros } from '../../src/linalg/index.js';

/** 0, 1, …, n − 1 as a tensor of `shape`. */
const range = (shape: number[]) => {
  const n = shape.reduce((a, d) => a * d, 1);
  return reshape(tensor(Array.from({ length: n }, (_, i) => i), [n]), shape);
};

test('format: a matrix, rows aligned under the first, one digit where one is enough', () => {
  // 1, 2.5, −3, 4 need one decimal (2.5); the widest entry, −3.0, sets the width 4.
  assert.equal(format(fromArray([[1, 2.5], [-3, 4]])), [
    'tensor([[ 1.0,  2.5],',
    '        [-3.0,  4.0]], shape [2, 2])',
  ].join('\n'));
});

test('format: integers print as integers, right-aligned; a scalar and a vector', () => {
  assert.equal(format(fromArray([1, -20, 3])), 'tensor([  1, -20,   3], shape [3])');
  assert.equal(format(scalar(5)), 'tensor(5, shape [])');
  assert.equal(format(scalar(0.1)), 'tensor(0.1, shape [])');
  assert.equal(format(fromArray([[7]])), 'tensor([[7]], shape [1, 1])');
});

test('format: precision bounds the digits; fewer are used when they print the same numbers', () => {
  // 1/3 and 2/3 to 2 digits: 0.33, 0.67; to the default 4: 0.3333, 0.6667.
  assert.equal(format(fromArray([1 / 3, 2 / 3]), { precision: 2 }), 'tensor([0.33, 0.67], shape [2])');
  assert.equal(format(fromArray([1 / 3, 2 / 3])), 'tensor([0.3333, 0.6667], shape [2])');
  // 0.25 and 0.5 need 2 digits, not 4.
  assert.equal(format(fromArray([0.25, 0.5])), 'tensor([0.25, 0.50], shape [2])');
  // precision 0 rounds to integers (toFixed rounds half away from zero on the exact binary value: 2.5 → 3).
  assert.equal(format(fromArray([1.25, 2.5]), { precision: 0 }), 'tensor([1, 3], shape [2])');
});

test('format: scientific notation when max|x| ≥ 1e8 or the smallest non-zero |x| < 10^(−precision)', () => {
  assert.equal(format(fromArray([1e-6, 1])), 'tensor([1.0e-6, 1.0e+0], shape [2])');
  assert.equal(format(fromArray([0.5, 1.5e9])), 'tensor([5.0e-1, 1.5e+9], shape [2])');
  assert.equal(format(fromArray([0, 1.5e9])), 'tensor([         0, 1500000000], shape [2])', 'integers stay integers');
  assert.equal(format(fromArray([2.5e-5, 0]), { precision: 6 }), 'tensor([0.000025, 0.000000], shape [2])');
});

test('format: NaN and ±∞ print as such and count for the width', () => {
  assert.equal(format(fromArray([1.5, NaN, -Infinity])), 'tensor([      1.5,       NaN, -Infinity], shape [3])');
  assert.equal(format(fromArray([NaN, Infinity])), 'tensor([     NaN, Infinity], shape [2])');
});

test('format: rank 3 separates its blocks with a blank line', () => {
  assert.equal(format(range([2, 2, 2])), [
    'tensor([[[0, 1],',
    '         [2, 3]],',
    '',
    '        [[4, 5],',
    '         [6, 7]]], shape [2, 2, 2])',
  ].join('\n'));
});

test('format: empty tensors', () => {
  assert.equal(format(zeros([0])), 'tensor([], shape [0])');
  assert.equal(format(zeros([2, 0])), 'tensor([], shape [2, 0])');
});

test('format: above the threshold, axes longer than 2·edgeItems keep edgeItems at each end and … between', () => {
  assert.equal(format(range([10]), { threshold: 5, edgeItems: 2 }), 'tensor([0, 1, …, 8, 9], shape [10])');
  assert.equal(format(range([10]), { threshold: 10, edgeItems: 2 }), 'tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], shape [10])');
  assert.equal(format(range([5, 2]), { threshold: 4, edgeItems: 1 }), [
    'tensor([[0, 1],',
    '        …,',
    '        [8, 9]], shape [5, 2])',
  ].join('\n'));
  // Only the entries shown decide the format: the elided 2.5 does not add a decimal.
  const t = tensor([1, 2.5, 3, 4, 5], [5]);
  assert.equal(format(t, { threshold: 2, edgeItems: 1 }), 'tensor([1, …, 5], shape [5])');
  // The default summary of a 40×40 matrix: 3 rows and columns at each end.
  const lines = format(range([40, 40])).split('\n');
  assert.equal(lines.length, 7);
  assert.equal(lines[0], 'tensor([[   0,    1,    2, …,   37,   38,   39],');
  assert.equal(lines[3], '        …,');
  assert.equal(lines[6], '        [1560, 1561, 1562, …, 1597, 1598, 1599]], shape [40, 40])');
});
