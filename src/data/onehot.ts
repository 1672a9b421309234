/**
 * One-hot encoding of DNA and of tokens (EQ-DATA-04).
 *
 *   onehot(s) ∈ {0, 1}^{L×4},  onehot(s)[i, j] = 1 if s_i is base j of (A, C, G, T)
 *
 * Each row of a base sums to 1; an unknown base N is a row of zeros (it
 * says "no evidence for any base" and adds nothing to a convolution),
 * rather than 0.25 in each column. Lower case encodes as upper case; other
 * characters follow alphabet.ts (an error, or N with `invalid: 'N'`).
 * Decoding takes each row's argmax, and a row of zeros back to N, so
 * decode(onehot(s)) is the normal form of s.
 *
 * Tokens (words, amino acids, codons) index a vocabulary V: onehot(t)[i, j]
 * = 1 if tᵢ = V_j. `vocabulary(tokens)` lists the distinct tokens in sorted
 * order (UTF-16 code units, as Array.prototype.sort does), with the map
 * token → index, its inverse.
 */
import { ArgumentTypeError, ValueError, assertOptions, describeValue } from '../errors/index.js';
import { MAX_TENSOR_SIZE, assertMatrix, assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { N_CODE, assertString, encodeBases, invalidOption } from './alphabet.js';
import type { SequenceOptions } from './alphabet.js';

/** A vocabulary: its tokens in index order and the map back from token to index. */
export interface Vocabulary {
  readonly tokens: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * The L × 4 one-hot matrix of a DNA sequence, columns A, C, G, T
 * (X[i*4 + j]); N is a row of zeros. Options: invalid ('error' | 'N').
 *
 *   oneHotDNA('AcN').data  // [1,0,0,0, 0,1,0,0, 0,0,0,0]
 */
export function oneHotDNA(sequence: string, options?: SequenceOptions): Tensor {
  const where = 'oneHotDNA';
  assertString(sequence, 'sequence', where);
  const o = assertOptions(options, ['invalid'], where);
  const codes = encodeBases(sequence, invalidOption(o, where), where);
  const L = codes.length, data = new Float64Array(4 * L);
  for (let i = 0; i < L; i++) {
    const b = codes[i]!;
    if (b !== N_CODE) data[4 * i + b] = 1;
  }
  return { shape: [L, 4], data };
}

/**
 * The sequence of an L × 4 matrix of scores over A, C, G, T: each row's
 * argmax (the first on ties), and N for a row of zeros. The inverse of
 * `oneHotDNA` on sequences in normal form.
 */
export function decodeOneHotDNA(X: Tensor): string {
  const where = 'decodeOneHotDNA';
  assertTensor(X, 'X', where);
  const [L, four] = assertMatrix(X, 'X', where);
  if (four !== 4) throw new ValueError(`${where}: X must have 4 columns (A, C, G, T), got shape [${L}, ${four}]`);
  let s = '';
  for (let i = 0; i < L; i++) {
    let best = 0, zero = true;
    for (let j = 0; j < 4; j++) {
      const x = X.data[4 * i + j]!;
      if (!Number.isFinite(x)) throw new ValueError(`${where}: X[${i}, ${j}] is ${x}; expected finite scores`);
      if (x !== 0) zero = false;
      if (x > X.data[4 * i + best]!) best = j;
    }
    s += zero ? 'N' : 'ACGT'[best]!;
  }
  return s;
}

/** Checks that `tokens` is an array of strings (internal). */
function assertTokens(tokens: unknown, where: string): asserts tokens is readonly string[] {
  if (!Array.isArray(tokens)) throw new ArgumentTypeError(`${where}: tokens must be an array of strings, got ${describeValue(tokens)}`);
  const list: readonly unknown[] = tokens;
  list.forEach((t, i) => assertString(t, `tokens[${i}]`, where));
}

/**
 * The vocabulary of a token list: its distinct tokens in sorted order, and
 * the map token → index (a bijection onto 0 … |V|−1).
 *
 *   vocabulary(['the', 'cat', 'the']).tokens  // ['cat', 'the']
 */
export function vocabulary(tokens: readonly string[]): Vocabulary {
  const where = 'vocabulary';
  assertTokens(tokens, where);
  const sorted = [...new Set(tokens)].sort();
  return { tokens: sorted, index: new Map(sorted.map((t, i) => [t, i])) };
}

/**
 * The L × |V| one-hot matrix of a token list over a vocabulary (by default
 * the tokens' own): row i has a 1 in column V.index(tᵢ). A token outside
 * the vocabulary is a ValueError naming it and its position.
 */
export function oneHotTokens(tokens: readonly string[], vocab?: Vocabulary): Tensor {
  const where = 'oneHotTokens';
  assertTokens(tokens, where);
  let v: Vocabulary;
  if (vocab === undefined) {
    v = vocabulary(tokens);
  } else {
    if (typeof vocab !== 'object' || vocab === null || !Array.isArray(vocab.tokens) || !(vocab.index instanceof Map)) {
      throw new ArgumentTypeError(`${where}: vocab must be a Vocabulary { tokens, index } (make one with vocabulary(tokens)), got ${describeValue(vocab)}`);
    }
    v = vocab;
  }
  const L = tokens.length, V = v.tokens.length;
  if (L * V > MAX_TENSOR_SIZE) throw new ValueError(`${where}: ${L} tokens × ${V} words is more than the 2³¹ − 1 entries of a tensor`);
  const data = new Float64Array(L * V);
  for (let i = 0; i < L; i++) {
    const j = v.index.get(tokens[i]!);
    if (j === undefined || !(Number.isSafeInteger(j) && j >= 0 && j < V)) {
      throw new ValueError(`${where}: tokens[${i}] = ${JSON.stringify(tokens[i])} is not in the vocabulary`);
    }
    data[i * V + j] = 1;
  }
  return { shape: [L, V], data };
}
