/**
 * The contract rows of the sequence layers (embeddings, positional
 * encoding, recurrent layers and cells, attention, the encoder block),
 * spread into the layers contract table (contracts.test.ts).
 */
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import {
  Embedding, GRU, GRUCell, LSTM, LSTMCell, MultiHeadAttention, PositionalEncoding, RNN, RNNCell, SelfAttention, TransformerEncoderBlock,
} from '../../src/layers/index.js';
import { Rng } from '../../src/random/index.js';
import type { ContractTable } from '../harness/contracts.js';

const rng = (): Rng => new Rng(3);
const x = (shape: number[]): ad.Var => ad.constant(linalg.zeros(shape));
const notAVar = (make: () => unknown, method = 'forward'): { label: string; call: (m: never) => unknown; args: () => unknown[]; error: typeof ArgumentTypeError } =>
  ({ label: 'a Tensor, not a Var', call: (m: never) => (m as Record<string, (v: unknown) => unknown>)[method]!(linalg.zeros([2, 3])), args: () => [make()], error: ArgumentTypeError });

const recurrentRows = (name: string, make: () => RNN | LSTM | GRU): ContractTable => ({
  [name]: [
    { label: 'hiddenSize 0', args: () => [2, 0, { rng: rng() }], error: ValueError },
    { label: 'no rng', args: [2, 3], error: ArgumentTypeError },
    { label: 'an unknown option', args: () => [2, 3, { rng: rng(), layers: 2 }], error: ValueError },
  ],
  [`${name}#forward`]: [
    notAVar(make),
    { label: 'the wrong input width', call: (m: RNN, v: ad.Var) => m.forward(v), args: () => [make(), x([1, 4, 3])], error: ShapeError },
    { label: 'a rank-4 input', call: (m: RNN, v: ad.Var) => m.forward(v), args: () => [make(), x([1, 1, 4, 2])], error: ShapeError },
    { label: 'no time steps', call: (m: RNN, v: ad.Var) => m.forward(v), args: () => [make(), x([1, 0, 2])], error: ShapeError },
  ],
  [`${name}#run`]: [
    notAVar(make, 'run'),
    { label: 'h0 of the wrong batch', call: (m: RNN, v: ad.Var, h: linalg.Tensor) => m.run(v, { h0: h }), args: () => [make(), x([2, 4, 2]), linalg.zeros([3, 3])], error: ShapeError },
    { label: 'h0 batched for one sequence', call: (m: RNN, v: ad.Var, h: linalg.Tensor) => m.run(v, { h0: h }), args: () => [make(), x([4, 2]), linalg.zeros([1, 3])], error: ShapeError },
    { label: 'h0 a nested array', call: (m: RNN, v: ad.Var) => m.run(v, { h0: [[0, 0, 0]] as never }), args: () => [make(), x([1, 4, 2])], error: ArgumentTypeError },
    ...(name === 'LSTM'
      ? [{ label: 'c0 of the wrong width', call: (m: LSTM, v: ad.Var, c: linalg.Tensor) => m.run(v, { c0: c }), args: () => [make(), x([1, 4, 2]), linalg.zeros([1, 2])], error: ShapeError }]
      : [{ label: 'c0, which only the LSTM has', call: (m: RNN, v: ad.Var, c: linalg.Tensor) => m.run(v, { c0: c } as never), args: () => [make(), x([1, 4, 2]), linalg.zeros([1, 3])], error: ValueError }]),
  ],
});

const cellRows = (name: string, make: () => RNNCell | LSTMCell | GRUCell): ContractTable => ({
  [name]: [
    { label: 'inputSize 1.5', args: () => [1.5, 3, { rng: rng() }], error: ValueError },
    { label: 'no rng', args: [2, 3], error: ArgumentTypeError },
  ],
  [`${name}#forward`]: [
    notAVar(make),
    { label: 'the wrong input width', call: (m: RNNCell, v: ad.Var) => m.forward(v), args: () => [make(), x([1, 3])], error: ShapeError },
  ],
  [`${name}#step`]: name === 'LSTMCell'
    ? [
      { label: 'a state that is not { h, c }', call: (m: LSTMCell, v: ad.Var) => m.step(v, null as never), args: () => [make(), x([1, 2])], error: ArgumentTypeError },
      { label: 'c of the wrong shape', call: (m: LSTMCell, v: ad.Var) => m.step(v, { h: x([1, 3]), c: x([2, 3]) }), args: () => [make(), x([1, 2])], error: ShapeError },
      { label: 'h a Tensor', call: (m: LSTMCell, v: ad.Var) => m.step(v, { h: linalg.zeros([1, 3]) as never, c: x([1, 3]) }), args: () => [make(), x([1, 2])], error: ArgumentTypeError },
    ]
    : [
      { label: 'h of the wrong width', call: (m: RNNCell, v: ad.Var, h: ad.Var) => m.step(v, h), args: () => [make(), x([1, 2]), x([1, 4])], error: ShapeError },
      { label: 'h a Tensor', call: (m: RNNCell, v: ad.Var) => m.step(v, linalg.zeros([1, 3]) as never), args: () => [make(), x([1, 2])], error: ArgumentTypeError },
      { label: 'x a Tensor', call: (m: RNNCell, h: ad.Var) => m.step(linalg.zeros([1, 2]) as never, h), args: () => [make(), x([1, 3])], error: ArgumentTypeError },
    ],
});

const mha = (): MultiHeadAttention => new MultiHeadAttention(4, 2, { rng: rng() });
const block = (): TransformerEncoderBlock => new TransformerEncoderBlock(4, 2, { rng: rng(), dFF: 3 });
const sa = (): SelfAttention => new SelfAttention(3, { rng: rng() });

/** The mask errors shared by every attention entry point: `call(m, x, masks)`. */
const maskRows = (make: () => unknown, width: number, call: (m: never, v: ad.Var, masks: unknown) => unknown): ContractTable[string] => [
  { label: 'a mask of the wrong shape', call, args: () => [make(), x([2, 3, width]), { mask: linalg.ones([2, 4]) }], error: ShapeError },
  { label: 'a padding mask of the wrong shape', call, args: () => [make(), x([2, 3, width]), { paddingMask: linalg.ones([2, 4]) }], error: ShapeError },
  { label: 'a padding mask for one sequence given to a batch', call, args: () => [make(), x([2, 3, width]), { paddingMask: linalg.ones([3]) }], error: ShapeError },
  { label: 'a mask holding 0.5', call, args: () => [make(), x([3, width]), { mask: linalg.full([3, 3], 0.5) }], error: ValueError },
  { label: 'causal not a boolean', call, args: () => [make(), x([3, width]), { causal: 1 }], error: ArgumentTypeError },
  { label: 'an unknown mask option', call, args: () => [make(), x([3, width]), { future: false }], error: ValueError },
  { label: 'the wrong model width', call, args: () => [make(), x([3, width + 1]), undefined], error: ShapeError },
];

export const sequenceContracts: ContractTable = {
  Embedding: [
    { label: 'a vocabulary of 0', args: () => [0, 2, { rng: rng() }], error: ValueError },
    { label: 'no rng', args: [4, 2], error: ArgumentTypeError },
  ],
  'Embedding#forward': [
    notAVar(() => new Embedding(4, 2, { rng: rng() })),
    { label: 'an out-of-vocabulary index', call: (e: Embedding, v: ad.Var) => e.forward(v), args: () => [new Embedding(4, 2, { rng: rng() }), ad.constant(linalg.tensor([1, 4], [2]))], error: ValueError },
  ],
  'Embedding#embed': [
    { label: 'sequences of different lengths (no padding)', call: (e: Embedding) => e.embed([[1, 2, 3], [1]]), args: () => [new Embedding(4, 2, { rng: rng() })], error: ValueError },
    { label: 'a negative index', call: (e: Embedding) => e.embed([0, -1]), args: () => [new Embedding(4, 2, { rng: rng() })], error: ValueError },
    { label: 'a string token', call: (e: Embedding) => e.embed(['a'] as never), args: () => [new Embedding(4, 2, { rng: rng() })], error: ArgumentTypeError },
    { label: 'a fractional index in a Tensor', call: (e: Embedding, t: linalg.Tensor) => e.embed(t), args: () => [new Embedding(4, 2, { rng: rng() }), linalg.tensor([0.5], [1])], error: ValueError },
  ],
  'Embedding#outputShape': [
    { label: 'a shape that is not an array', call: (e: Embedding) => e.outputShape(3 as never), args: () => [new Embedding(4, 2, { rng: rng() })], error: ArgumentTypeError },
  ],
  padSequences: [
    { label: 'not an array of arrays', args: [[1, 2]], error: ArgumentTypeError },
    { label: 'a sequence longer than length', args: [[[1, 2, 3]], { length: 2 }], error: ValueError },
    { label: 'a token that is not a number', args: [[['a']]], error: ArgumentTypeError },
  ],
  sinusoidalEncoding: [
    { label: 'd 0', args: [4, 0], error: ValueError },
    { label: 'a negative length', args: [-1, 4], error: ValueError },
    { label: 'n 0', args: [4, 4, { n: 0 }], error: ValueError },
    { label: 'an unknown option', args: [4, 4, { base: 100 }], error: ValueError },
  ],
  PositionalEncoding: [{ label: 'd a string', args: ['4'], error: ArgumentTypeError }],
  'PositionalEncoding#forward': [
    notAVar(() => new PositionalEncoding(3)),
    { label: 'the wrong width', call: (p: PositionalEncoding, v: ad.Var) => p.forward(v), args: () => [new PositionalEncoding(3), x([2, 4])], error: ShapeError },
  ],
  ...recurrentRows('RNN', () => new RNN(2, 3, { rng: rng() })),
  ...recurrentRows('LSTM', () => new LSTM(2, 3, { rng: rng() })),
  ...recurrentRows('GRU', () => new GRU(2, 3, { rng: rng() })),
  ...cellRows('RNNCell', () => new RNNCell(2, 3, { rng: rng() })),
  ...cellRows('LSTMCell', () => new LSTMCell(2, 3, { rng: rng() })),
  ...cellRows('GRUCell', () => new GRUCell(2, 3, { rng: rng() })),
  attention: [
    { label: 'q a nested array', args: () => [[[1, 2]], linalg.zeros([2, 2]), linalg.zeros([2, 2])], error: ArgumentTypeError },
    { label: 'q a vector', args: () => [linalg.zeros([2]), linalg.zeros([2, 2]), linalg.zeros([2, 2])], error: ShapeError },
    { label: 'k and q of different widths', args: () => [linalg.zeros([2, 3]), linalg.zeros([2, 2]), linalg.zeros([2, 2])], error: ShapeError },
    { label: 'v with fewer rows than k', args: () => [linalg.zeros([2, 2]), linalg.zeros([3, 2]), linalg.zeros([2, 2])], error: ShapeError },
    { label: 'batches that differ', args: () => [linalg.zeros([2, 2, 2]), linalg.zeros([1, 2, 2]), linalg.zeros([1, 2, 2])], error: ShapeError },
    { label: 'ranks that differ', args: () => [linalg.zeros([2, 2, 2]), linalg.zeros([2, 2]), linalg.zeros([2, 2])], error: ShapeError },
    { label: 'a mask of the wrong shape', args: () => [linalg.zeros([2, 2]), linalg.zeros([3, 2]), linalg.zeros([3, 2]), { mask: linalg.ones([2, 2]) }], error: ShapeError },
    { label: 'scale NaN', args: () => [linalg.zeros([2, 2]), linalg.zeros([2, 2]), linalg.zeros([2, 2]), { scale: NaN }], error: ValueError },
  ],
  basicSelfAttention: [
    { label: 'x a number', args: [3], error: ArgumentTypeError },
    { label: 'a padding mask of the wrong length', args: () => [linalg.zeros([3, 2]), { paddingMask: linalg.ones([2]) }], error: ShapeError },
    { label: 'an unknown option', args: () => [linalg.zeros([3, 2]), { heads: 2 }], error: ValueError },
  ],
  SelfAttention: [
    { label: 'dK 0', args: () => [3, { rng: rng(), dK: 0 }], error: ValueError },
    { label: 'no rng', args: [3], error: ArgumentTypeError },
  ],
  'SelfAttention#forward': [notAVar(sa), ...maskRows(sa, 3, (m: SelfAttention, v: ad.Var, masks: unknown) => m.forward(v, masks as never))],
  'SelfAttention#attend': [notAVar(sa, 'attend'), ...maskRows(sa, 3, (m: SelfAttention, v: ad.Var, masks: unknown) => m.attend(v, masks as never))],
  MultiHeadAttention: [
    { label: 'd not divisible by the number of heads', args: () => [6, 4, { rng: rng() }], error: ValueError },
    { label: '0 heads', args: () => [4, 0, { rng: rng() }], error: ValueError },
    { label: 'outputProjection not a boolean', args: () => [4, 2, { rng: rng(), outputProjection: 1 }], error: ArgumentTypeError },
  ],
  'MultiHeadAttention#forward': [notAVar(mha), ...maskRows(mha, 4, (m: MultiHeadAttention, v: ad.Var, masks: unknown) => m.forward(v, masks as never))],
  'MultiHeadAttention#attend': [notAVar(mha, 'attend'), ...maskRows(mha, 4, (m: MultiHeadAttention, v: ad.Var, masks: unknown) => m.attend(v, masks as never))],
  TransformerEncoderBlock: [
    { label: 'd not divisible by the number of heads', args: () => [5, 2, { rng: rng() }], error: ValueError, names: 'MultiHeadAttention' },
    { label: 'an unknown norm placement', args: () => [4, 2, { rng: rng(), norm: 'sandwich' }], error: ValueError },
    { label: 'dFF 0', args: () => [4, 2, { rng: rng(), dFF: 0 }], error: ValueError },
  ],
  'TransformerEncoderBlock#forward': [notAVar(block), ...maskRows(block, 4, (m: TransformerEncoderBlock, v: ad.Var, masks: unknown) => m.forward(v, masks as never))],
};
