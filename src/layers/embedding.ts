/**
 * Embeddings of discrete tokens (EQ-LAYERS-39, 004 "Input Embedding: from
 * one-hot encodings to word embeddings") and the sinusoidal positional
 * encoding (EQ-LAYERS-40, 004 "Positional Embedding"; Vaswani et al. 2017).
 *
 * Embedding. A vocabulary of V tokens, each an index i ∈ {0 … V−1}, and a
 * learnt matrix E: V×d. The one-hot vector of token i picks row i of E:
 *
 *   embed(i) = onehot(i)ᵀE = E[i, :]
 *
 * so the lookup is the product by a one-hot matrix without building it
 * (autodiff's indexSelect). The gradient is that of the product, a
 * scatter-add: ∂L/∂E[i, :] = Σ_{positions p holding token i} ∂L/∂y_p, and
 * exactly 0 for the rows of tokens absent from the batch. E starts
 * N(0, 1), as in PyTorch's nn.Embedding.
 *
 * Positional encoding. Attention treats its input as a set (EQ-LAYERS-44);
 * adding a vector that depends on the position k tells it the order. With
 * frequencies ω_i = 1/n^{2i/d} (n = 10000 by default):
 *
 *   P(k, 2i) = sin(ω_i·k),   P(k, 2i+1) = cos(ω_i·k)
 *
 * For each pair (2i, 2i+1), P(k + Δ) is P(k) turned by the fixed angle
 * ω_iΔ: [P(k+Δ, 2i), P(k+Δ, 2i+1)] = R(ω_iΔ)·[P(k, 2i), P(k, 2i+1)] with
 * R(θ) = [[cos θ, sin θ], [−sin θ, cos θ]]; hence P(k)·P(k+Δ) = Σ_i cos(ω_iΔ)
 * depends on Δ only, and ‖P(k)‖² = d/2 for even d. For odd d the last
 * column is the sine of the pair i = (d−1)/2, whose cosine is dropped
 * (‖P(k)‖² then lies between (d−1)/2 and (d+1)/2).
 */
import { ArgumentTypeError, ShapeError, ValueError, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import { cos, pow, sin } from '../math/index.js';
import type { Rng } from '../random/index.js';
import { initialize } from './init.js';
import type { Initializer, InitializerName } from './init.js';
import { Module, assertVar } from './module.js';

export interface EmbeddingOptions {
  /** Draws E (required unless init is 'zeros'). */
  rng?: Rng;
  /** Initialiser of E by name or as a function (default N(0, 1), PyTorch's). */
  init?: InitializerName | Initializer;
}

/** E ~ N(0, 1), the default of Embedding. */
const standardNormal: Initializer = (shape, rng) => linalg.randn(shape, rng);

export class Embedding extends Module {
  /** V, the vocabulary size: tokens are 0 … V−1. */
  readonly numEmbeddings: number;
  /** d, the length of each embedding vector. */
  readonly embeddingDim: number;
  /** E: V×d, row i is the vector of token i. */
  readonly E: Var;

  constructor(numEmbeddings: number, embeddingDim: number, options?: EmbeddingOptions) {
    super();
    const where = 'Embedding';
    this.numEmbeddings = assertInteger(numEmbeddings, 'numEmbeddings', where, { min: 1 });
    this.embeddingDim = assertInteger(embeddingDim, 'embeddingDim', where, { min: 1 });
    const o = assertOptions(options, ['rng', 'init'], where);
    this.E = this.registerParameter('E', initialize(o.init ?? standardNormal, [numEmbeddings, embeddingDim], o.rng, where));
  }

  /**
   * y[…, :] = E[x[…], :] for a Var of token indices x of any shape (e.g.
   * B×T, read as data, never differentiated); y has shape [...x.shape, d].
   * An index that is not an integer in [0, V) is a ValueError.
   */
  forward(x: Var): Var {
    assertVar(x, 'Embedding.forward');
    return this.lookup(x.value, 'Embedding.forward');
  }

  /**
   * The same lookup from plain indices: a Tensor of token indices, one
   * sequence (an array of indices) or a batch of sequences of one length
   * (an array of arrays). Sequences of different lengths are a ValueError:
   * pad them with `padSequences` and give its mask to the attention.
   */
  embed(tokens: Tensor | readonly number[] | readonly (readonly number[])[]): Var {
    const where = 'Embedding.embed';
    if (!Array.isArray(tokens)) {
      linalg.assertTensor(tokens, 'tokens', where);
      return this.lookup(tokens as Tensor, where);
    }
    const list: readonly unknown[] = tokens;
    if (list.length > 0 && list.every((s) => Array.isArray(s))) {
      const rows = list as readonly (readonly unknown[])[];
      const T = rows[0]!.length;
      const other = rows.findIndex((s) => s.length !== T);
      if (other >= 0) {
        throw new ValueError(`${where}: sequences of different lengths (${T} at 0, ${rows[other]!.length} at ${other}); pad them with padSequences and pass its mask to the attention`);
      }
      return this.lookup({ shape: [rows.length, T], data: Float64Array.from(rows.flat() as number[]) }, where, rows.flat());
    }
    return this.lookup({ shape: [list.length], data: Float64Array.from(list as number[]) }, where, list);
  }

  /** Check every index (`raw`: the values as given, to name a non-number) and gather the rows. Internal. */
  private lookup(tokens: Tensor, where: string, raw: readonly unknown[] = Array.from(tokens.data)): Var {
    const V = this.numEmbeddings;
    const bad = raw.findIndex((i) => typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= V);
    if (bad >= 0) {
      const i = raw[bad];
      if (typeof i !== 'number') throw new ArgumentTypeError(`${where}: token ${bad} must be an integer index, got ${describeValue(i)}`);
      throw new ValueError(`${where}: token ${bad} is ${i}, not an index in [0, ${V}) (out of the vocabulary)`);
    }
    const rows = ad.indexSelect(this.E, tokens.data, 0);
    return ad.reshape(rows, [...tokens.shape, this.embeddingDim]);
  }

  /** [...inputShape, d]. */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'Embedding.outputShape');
    return [...inputShape, this.embeddingDim];
  }

  override toString(): string {
    return `Embedding(${this.numEmbeddings} → ${this.embeddingDim})`;
  }
}

/**
 * Sequences of token indices padded to one length T (the longest, or
 * `length`; a longer sequence is a ValueError): `tokens` B×T with `value`
 * (default 0) after each sequence's end, and `mask` B×T with 1 at real
 * tokens and 0 at padding (the `paddingMask` of attention).
 */
export function padSequences(sequences: readonly (readonly number[])[], options?: { value?: number; length?: number }): { tokens: Tensor; mask: Tensor } {
  const where = 'padSequences';
  if (!Array.isArray(sequences) || !sequences.every((s) => Array.isArray(s))) {
    throw new ArgumentTypeError(`${where}: sequences must be an array of arrays of token indices, got ${describeValue(sequences)}`);
  }
  const o = assertOptions(options, ['value', 'length'], where);
  const value = assertNumber(o.value ?? 0, 'value', where);
  const longest = sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const T = o.length === undefined ? longest : assertInteger(o.length, 'length', where, { min: 0 });
  const B = sequences.length;
  const tokens = linalg.full([B, T], value), mask = linalg.zeros([B, T]);
  sequences.forEach((s, b) => {
    if (s.length > T) throw new ValueError(`${where}: sequence ${b} has ${s.length} tokens, more than the length ${T}`);
    s.forEach((t: unknown, j) => {
      tokens.data[b * T + j] = assertNumber(t, `sequences[${b}][${j}]`, where);
      mask.data[b * T + j] = 1;
    });
  });
  return { tokens, mask };
}

/** Options of the sinusoidal encoding. */
export interface PositionalEncodingOptions {
  /** The constant n of ω_i = 1/n^{2i/d} (default 10000, Vaswani et al.'s). */
  n?: number;
}

/**
 * The sinusoidal encoding P: length×d, P(k, 2i) = sin(k/n^{2i/d}),
 * P(k, 2i+1) = cos(k/n^{2i/d}) for positions k = 0 … length−1 (see the
 * file comment for odd d). Options: n > 0 (default 10000).
 */
export function sinusoidalEncoding(length: number, d: number, options?: PositionalEncodingOptions): Tensor {
  const where = 'sinusoidalEncoding';
  assertInteger(length, 'length', where, { min: 0 });
  assertInteger(d, 'd', where, { min: 1 });
  const n = positionalBase(options, where);
  return encodingOf(length, d, n);
}

/** Check the options of the encoding; returns n. Internal. */
function positionalBase(options: PositionalEncodingOptions | undefined, where: string): number {
  const o = assertOptions(options, ['n'], where);
  return assertNumber(o.n ?? 10000, 'n', where, { min: 0, minExclusive: true });
}

/** P: length×d for a valid length, d and n. Internal. */
function encodingOf(length: number, d: number, n: number): Tensor {
  const P = linalg.zeros([length, d]);
  const pd = P.data;
  for (let i = 0; 2 * i < d; i++) {
    const omega = 1 / pow(n, (2 * i) / d);
    for (let k = 0; k < length; k++) {
      const angle = k * omega;
      pd[k * d + 2 * i] = sin(angle);
      if (2 * i + 1 < d) pd[k * d + 2 * i + 1] = cos(angle);
    }
  }
  return P;
}

/**
 * Adds the sinusoidal encoding to a sequence of vectors: y[…, k, :] =
 * x[…, k, :] + P(k, ·) for x: T×d or B×T×d. No parameters; P is a
 * constant (no gradient), computed for each length met.
 */
export class PositionalEncoding extends Module {
  /** d, the model dimension (the input's last axis). */
  readonly d: number;
  /** The constant n of the frequencies. */
  readonly n: number;

  constructor(d: number, options?: PositionalEncodingOptions) {
    super();
    this.d = assertInteger(d, 'd', 'PositionalEncoding', { min: 1 });
    this.n = positionalBase(options, 'PositionalEncoding');
  }

  /** x + P for x: T×d or B×T×d (ShapeError otherwise). */
  forward(x: Var): Var {
    const where = 'PositionalEncoding.forward';
    assertVar(x, where);
    const s = x.value.shape;
    if ((s.length !== 2 && s.length !== 3) || s[s.length - 1] !== this.d) {
      throw new ShapeError(`${where}: expected an input [T, ${this.d}] or [B, T, ${this.d}], got ${formatShape(s)}`);
    }
    return ad.add(x, encodingOf(s[s.length - 2]!, this.d, this.n));
  }

  override toString(): string {
    return `PositionalEncoding(${this.d}, n = ${this.n})`;
  }
}
