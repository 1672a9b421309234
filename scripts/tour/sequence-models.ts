/**
 * Tour chapter: sequence models — embeddings as a one-hot product, the
 * sinusoidal encoding's rotations, the RNN's vanishing gradient against the
 * LSTM's, attention weights and masks, multi-head attention as one matrix,
 * the Transformer encoder block, and a DNA task whose class depends on two
 * motifs far apart, learnt by an RNN, an LSTM and attention.
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  Dense, Embedding, LSTM, Module, MultiHeadAttention, PositionalEncoding, RNN, TransformerEncoderBlock, basicSelfAttention,
  sinusoidalEncoding,
} from '../../src/layers/index.js';
import { binaryCrossEntropyWithLogits } from '../../src/losses/index.js';
import { Adam } from '../../src/optimizers/index.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => String(Number(x.toPrecision(3)));
const list = (values: ArrayLike<number>): string => Array.from(values, fmt).join(', ');

/** Two motifs far apart: TATA in the first 6 bases, GCGC in the last 6; class 1 iff both are there. */
function motifPairs(n: number, length: number, rng: Rng): { tokens: Tensor; y: Tensor } {
  const tokens = linalg.zeros([n, length]), y = linalg.zeros([n]);
  const plant = (i: number, motif: string, from: number, to: number): void => {
    const at = rng.int(from, to - motif.length + 1);
    [...motif].forEach((b, k) => { tokens.data[i * length + at + k] = 'ACGT'.indexOf(b); });
  };
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < length; t++) tokens.data[i * length + t] = rng.int(0, 4);
    const kind = i % 4; // 0: neither, 1: first only, 2: second only, 3: both
    if (kind === 1 || kind === 3) plant(i, 'TATA', 0, 5);
    if (kind === 2 || kind === 3) plant(i, 'GCGC', length - 5, length);
    y.data[i] = kind === 3 ? 1 : 0;
  }
  return { tokens, y };
}

/** A classifier of token sequences: embedding, a sequence body, a summary vector, a logit. */
class SequenceClassifier extends Module {
  constructor(readonly kind: 'RNN' | 'LSTM' | 'attention', rng: Rng, d = 4, H = 8) {
    super();
    this.registerModule('embed', new Embedding(4, d, { rng }));
    if (kind === 'attention') {
      this.registerModule('position', new PositionalEncoding(d));
      this.registerModule('body', new TransformerEncoderBlock(d, 2, { rng, dFF: 8 }));
      this.registerModule('head', new Dense(d, 1, { rng }));
    } else {
      this.registerModule('body', kind === 'RNN' ? new RNN(d, H, { rng }) : new LSTM(d, H, { rng }));
      this.registerModule('head', new Dense(H, 1, { rng }));
    }
  }

  forward(tokens: Var): Var {
    const [embed, ...rest] = this.children();
    let x = embed!.forward(tokens);
    let summary: Var;
    if (this.kind === 'attention') {
      const [position, body] = rest;
      x = body!.forward(position!.forward(x));
      summary = ad.mean(x, { axis: 1 }); // mean over positions
    } else {
      summary = (rest[0] as RNN | LSTM).run(x).hidden; // many-to-one: h_T
    }
    return ad.reshape(rest[rest.length - 1]!.forward(summary), [-1]);
  }
}

/** Trains one classifier with Adam on the whole training set; its test accuracy. */
function train(kind: 'RNN' | 'LSTM' | 'attention', data: { tokens: Tensor; y: Tensor }, test: { tokens: Tensor; y: Tensor }, steps: number): number {
  const model = new SequenceClassifier(kind, new Rng(5));
  const opt = new Adam(model.parameters(), { lr: 0.05 });
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    binaryCrossEntropyWithLogits(model.forward(ad.constant(data.tokens)), data.y).backward();
    opt.step();
  }
  const logits = ad.noGrad(() => model.forward(ad.constant(test.tokens))).value.data;
  let right = 0;
  logits.forEach((z, i) => { if ((z > 0 ? 1 : 0) === test.y.data[i]) right++; });
  return right / logits.length;
}

/** ‖∂h_T/∂x_1‖ of a layer on one pinned random sequence of length T. */
function reach(layer: RNN | LSTM, T: number): number {
  const X = ad.variable(linalg.randn([T, 2], new Rng(T)));
  let s = 0;
  for (let u = 0; u < layer.hiddenSize; u++) {
    X.zeroGrad();
    const seed = linalg.zeros([layer.hiddenSize]);
    seed.data[u] = 1;
    layer.run(X).hidden.backward(seed);
    s += X.grad.data[0]! ** 2 + X.grad.data[1]! ** 2;
  }
  return Math.sqrt(s);
}

function tour(context: TourContext): void {
  const rng = new Rng(36);
  const emb = new Embedding(4, 3, { rng });
  const tokens = [2, 0, 3, 3];
  const onehot = linalg.zeros([4, 4]);
  tokens.forEach((t, p) => { onehot.data[p * 4 + t] = 1; });
  const same = linalg.maxAbs(linalg.sub(emb.embed(tokens).value, linalg.matmul(onehot, emb.E.value))) === 0;
  result('EQ-LAYERS-39', [
    'slide: "from one-hot encodings to word embeddings"; embed(i) = onehot(i)ᵀE = E[i, :]:',
    `the lookup of GATT equals one-hot · E bit for bit: ${same}; its gradient is a scatter-add (rows of absent tokens stay 0)`,
  ], { read: 'src/layers/embedding.ts', spec: 'spec/layers/embedding.test.ts' });

  const P = sinusoidalEncoding(12, 8), w1 = 1 / 10000 ** (2 / 8), delta = 5;
  const turned = [Math.cos(w1 * delta) * P.data[3 * 8 + 2]! + Math.sin(w1 * delta) * P.data[3 * 8 + 3]!, P.data[8 * 8 + 2]!];
  result('EQ-LAYERS-40', [
    `P(k, 2i) = sin(k/10000^{2i/d}), P(k, 2i+1) = cos(…), d = 8: P(0) = [${list(P.data.subarray(0, 8))}]`,
    `pair i = 1 at k = 8 is pair 1 at k = 3 turned by ω₁·5: ${fmt(turned[0]!)} = ${fmt(turned[1]!)}; ‖P(k)‖² = d/2 = ${fmt(P.data.subarray(40, 48).reduce((a, v) => a + v * v, 0))}`,
  ], { read: 'src/layers/embedding.ts', spec: 'spec/layers/embedding.test.ts' });

  const rnn = new RNN(2, 8, { rng }), lstm = new LSTM(2, 8, { rng });
  for (let u = 0; u < 8; u++) lstm.cell.b_ih.value.data[8 + u] = 5; // forget gate ≈ 1
  result('EQ-LAYERS-38', [
    'slide: "vanishing gradients cause short context lengths"; ‖∂h_T/∂x_1‖ for T = 1, 10, 30, 50:',
    `tanh RNN: ${[1, 10, 30, 50].map((T) => fmt(reach(rnn, T))).join(', ')}`,
    `LSTM with forget-gate bias 5: ${[1, 10, 30, 50].map((T) => fmt(reach(lstm, T))).join(', ')}`,
  ], { read: 'src/layers/recurrent.ts', spec: 'spec/layers/recurrent.test.ts' });

  const X = linalg.randn([4, 3], rng);
  const { weights } = basicSelfAttention(X), masked = basicSelfAttention(X, { causal: true }).weights;
  result('EQ-LAYERS-41', [
    'w′_ij = x_iᵀx_j, w_ij = softmax_j, y_i = Σ_j w_ij x_j: row 1 of w for 4 tokens:',
    `[${list(weights.value.data.subarray(4, 8))}] (sums to ${fmt(weights.value.data.subarray(4, 8).reduce((a, b) => a + b, 0))}); with the causal mask [${list(masked.value.data.subarray(4, 8))}]`,
  ], { read: 'src/layers/attention.ts', spec: 'spec/layers/attention.test.ts' });

  const mha = new MultiHeadAttention(8, 2, { rng });
  const seq = linalg.randn([5, 8], rng), pi = [3, 0, 4, 1, 2];
  const permuted = linalg.zeros([5, 8]);
  pi.forEach((p, t) => permuted.data.set(seq.data.subarray(p * 8, (p + 1) * 8), t * 8));
  const y = mha.forward(ad.constant(seq)).value, yp = mha.forward(ad.constant(permuted)).value;
  let gap = 0;
  pi.forEach((p, t) => { for (let c = 0; c < 8; c++) gap = Math.max(gap, Math.abs(yp.data[t * 8 + c]! - y.data[p * 8 + c]!)); });
  const withPE = (x: Tensor): Tensor => mha.forward(ad.constant(linalg.add(x, sinusoidalEncoding(5, 8)))).value;
  const ype = withPE(seq), yppe = withPE(permuted);
  let gapPE = 0;
  pi.forEach((p, t) => { for (let c = 0; c < 8; c++) gapPE = Math.max(gapPE, Math.abs(yppe.data[t * 8 + c]! - ype.data[p * 8 + c]!)); });
  result('EQ-LAYERS-44', [
    `multi-head attention (2 heads of 4, one 8×8 matrix each for Q, K, V): permuting 5 tokens permutes the outputs, max gap ${gap.toExponential(1)}`,
    `with the positional encoding added the gap is ${fmt(gapPE)}: order now matters`,
  ], { read: 'src/layers/attention.ts', spec: 'spec/layers/attention.test.ts' });

  const block = new TransformerEncoderBlock(8, 2, { rng });
  result('EQ-LAYERS-47', `encoder block Z = LN(X + MHA(X)), Y = LN(Z + FFN(Z)) (post-norm; 'pre' as an option): [5, 8] → [${block.forward(ad.constant(seq)).shape.join(', ')}], ${block.numParameters()} parameters`,
    { read: 'src/layers/attention.ts', spec: 'spec/layers/attention.test.ts' });

  const T = 12, n = context.size(128, 64), steps = context.size(120, 40);
  const data = motifPairs(n, T, rng), test = motifPairs(200, T, rng);
  const progress = context.progress('RNN, LSTM, attention', 3);
  const accuracy = (['RNN', 'LSTM', 'attention'] as const).map((kind) => {
    const a = train(kind, data, test, steps);
    progress.tick();
    return a;
  });
  progress.done();
  result('EQ-LAYERS-43', [
    `DNA of length ${T}, class 1 iff TATA sits in the first 5 bases and GCGC in the last 5 (${n} training sequences, ${steps} Adam steps):`,
    `test accuracy: RNN ${fmt(accuracy[0]!)}, LSTM ${fmt(accuracy[1]!)}, attention ${fmt(accuracy[2]!)}`,
    'reading only the near motif gives 0.75, where the tanh RNN stops (short context); the LSTM\'s cell carries the far motif across;',
    'attention links every pair of positions directly but trains more slowly here',
  ], { read: 'src/layers/attention.ts', spec: 'spec/layers/attention.test.ts' });
  context.headline(`two motifs at either end of 12 bases: test accuracy RNN ${fmt(accuracy[0]!)}, LSTM ${fmt(accuracy[1]!)}, attention ${fmt(accuracy[2]!)}; ‖∂h_50/∂x_1‖ RNN ${fmt(reach(rnn, 50))} vs LSTM ${fmt(reach(lstm, 50))}`);
}

export const chapter = defineChapter({
  name: 'sequence-models',
  order: 110,
  title: 'Sequence models: embeddings, positional encoding, RNN, LSTM, GRU, attention, the Transformer encoder',
  run: tour,
});
