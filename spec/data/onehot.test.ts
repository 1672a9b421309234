/**
 * One-hot encodings (EQ-DATA-04) and the DNA alphabet's rules: the normal
 * form and the reverse complement, against a letter-by-letter reference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import { decodeOneHotDNA, normalizeDNA, oneHotDNA, oneHotTokens, reverseComplement, vocabulary } from '../../src/data/index.js';
import * as linalg from '../../src/linalg/index.js';
import { property } from '../harness/index.js';
import { naiveReverseComplement, randomDNA } from './support.js';

property('EQ-DATA-04 oneHotDNA(s) is L×4; a row of A, C, G or T holds one 1 in that column, a row of N zeros', (rng) => randomDNA(rng, rng.int(0, 100), 0.1, 0.3), (s) => {
  const X = oneHotDNA(s);
  assert.deepEqual(X.shape, [s.length, 4]);
  [...s.toUpperCase()].forEach((c, i) => {
    const row = Array.from(X.data.subarray(4 * i, 4 * i + 4));
    assert.deepEqual(row, c === 'N' ? [0, 0, 0, 0] : [0, 1, 2, 3].map((j) => (j === 'ACGT'.indexOf(c) ? 1 : 0)), `row ${i} (${c})`);
    assert.equal(row.reduce((a, b) => a + b, 0), c === 'N' ? 0 : 1);
  });
});

property('EQ-DATA-04 decoding by row argmax returns the sequence (upper case, N for a zero row); lower case encodes as upper case', (rng) => randomDNA(rng, rng.int(0, 100), 0.1, 0.5), (s) => {
  assert.equal(decodeOneHotDNA(oneHotDNA(s)), s.toUpperCase());
  assert.deepEqual(oneHotDNA(s.toLowerCase()), oneHotDNA(s.toUpperCase()));
});

test('EQ-DATA-04 the worked example: oneHotDNA("AcN"), a character outside the alphabet, scores decoded by argmax', () => {
  assert.deepEqual(Array.from(oneHotDNA('AcN').data), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.throws(() => oneHotDNA('ACU'), (e: unknown) => e instanceof ValueError && /oneHotDNA: sequence has 'U' at position 3/.test(e.message));
  assert.deepEqual(oneHotDNA('ACU', { invalid: 'N' }), oneHotDNA('ACN'));
  assert.equal(decodeOneHotDNA(linalg.fromArray([[0.1, 0.7, 0.1, 0.1], [0, 0, 0, 0], [0.5, 0.5, 0, 0]])), 'CNA');
});

property('EQ-DATA-04 the vocabulary index map is a bijection onto 0 … |V|−1, and token one-hot rows pick it', (rng) => {
  const words = ['the', 'cat', 'sat', 'on', 'mat', 'a', 'dog', 'Ala', 'Gly'];
  return Array.from({ length: rng.int(1, 40) }, () => words[rng.int(0, words.length)]!);
}, (tokens) => {
  const v = vocabulary(tokens);
  assert.deepEqual(v.tokens, [...new Set(tokens)].sort());
  assert.equal(v.index.size, v.tokens.length);
  v.tokens.forEach((t, i) => assert.equal(v.index.get(t), i));
  const X = oneHotTokens(tokens, v), V = v.tokens.length;
  assert.deepEqual(X.shape, [tokens.length, V]);
  tokens.forEach((t, i) => {
    const row = Array.from(X.data.subarray(i * V, (i + 1) * V));
    assert.equal(row.reduce((a, b) => a + b, 0), 1);
    assert.equal(v.tokens[row.indexOf(1)], t);
  });
  assert.deepEqual(oneHotTokens(tokens), X);
});

test('EQ-DATA-04 a token outside the vocabulary is an error naming it and its position', () => {
  assert.throws(() => oneHotTokens(['a', 'b', 'z'], vocabulary(['a', 'b'])), /oneHotTokens: tokens\[2\] = "z" is not in the vocabulary/);
});

property('reverseComplement agrees with the letter-by-letter complement, and applied twice gives the normal form', (rng) => randomDNA(rng, rng.int(0, 100), 0.1, 0.5), (s) => {
  assert.equal(reverseComplement(s), naiveReverseComplement(s));
  assert.equal(reverseComplement(reverseComplement(s)), normalizeDNA(s));
  assert.equal(normalizeDNA(s), s.toUpperCase());
});

test('reverseComplement and normalizeDNA: the worked example and the rule for other characters', () => {
  assert.equal(reverseComplement('AACGn'), 'NCGTT');
  assert.throws(() => reverseComplement('AC GT'), /reverseComplement: sequence has U\+0020 at position 3/);
  assert.equal(normalizeDNA('ac-Rt', { invalid: 'N' }), 'ACNNT');
});
