/**
 * Tour section: convolutional networks (EQ-LAYERS-28 … 35) — the 004
 * deck's claims run on small seeded inputs: convolution is a sliding dot
 * product and a matrix product (im2col and the gemm), the output-size
 * formula, kernels against a dense layer's parameters, translation
 * equivariance, pooling's local shift invariance, LeNet-5's shapes, the
 * generic invariance helpers, and a motif read out of a DNA filter.
 */
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import type { SymmetryCheck } from '../../src/layers/index.js';
import { Rng } from '../../src/random/index.js';
import {
  Conv2d, Dense, GlobalMaxPool, MaxPool2d, Sequential, checkEquivariance, checkInvariance, lenet5, roll,
} from '../../src/layers/index.js';
import { motifExample } from '../examples/motif.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => (x === 0 ? '0' : x.toExponential(1));
const verdict = (c: SymmetryCheck): string => `${c.ok ? 'holds' : 'fails'}, max |Δ| = ${fmt(c.maxDifference)}`;

/** max |a − b| over the entries. */
function maxDiff(a: Tensor, b: Tensor): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

/** The sliding dot product written out: y[n, f, i, j] = b[f] + Σ w·x over the window (zero padding p, stride s). */
function slidingDot(x: Tensor, w: Tensor, b: Tensor, p: number, s: number): Tensor {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [F, , k] = w.shape as [number, number, number, number];
  const Ho = Math.floor((H + 2 * p - k) / s) + 1, Wo = Math.floor((W + 2 * p - k) / s) + 1;
  const y = linalg.zeros([N, F, Ho, Wo]);
  for (let n = 0; n < N; n++) for (let f = 0; f < F; f++) for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    let sum = b.data[f]!;
    for (let c = 0; c < C; c++) for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) {
      const r = i * s + u - p, q = j * s + v - p;
      if (r >= 0 && r < H && q >= 0 && q < W) sum += w.data[((f * C + c) * k + u) * k + v]! * x.data[((n * C + c) * H + r) * W + q]!;
    }
    y.data[((n * F + f) * Ho + i) * Wo + j] = sum;
  }
  return y;
}

export function tour(context?: TourContext): void {
  const rng = new Rng(4);
  const read = { read: 'src/linalg/conv.ts', spec: 'spec/linalg/conv.test.ts' };

  const x = linalg.randn([2, 3, 9, 9], rng), w = linalg.randn([4, 3, 3, 3], rng), b = linalg.randn([4], rng);
  const gemm = linalg.conv2d(x, w, b, { padding: 1, stride: 2 });
  const direct = linalg.conv2d(x, w, b, { padding: 1, stride: 2, method: 'direct' });
  const cols = linalg.im2col(x, 3, { padding: 1, stride: 2 });
  result('EQ-LAYERS-28', [
    'slide: "convolution = sliding kernel = repeated matrix multiplication". 4 kernels 3×3 over 2×3×9×9, padding 1, stride 2:',
    `W̃ (4 × 27) · im2col(X) (${cols.shape.join(' × ')}) against the sliding dot product written out: max |Δ| = ${fmt(maxDiff(gemm, slidingDot(x, w, b, 1, 2)))}; against the direct loops: ${fmt(maxDiff(gemm, direct))}`,
  ], read);

  const sizes = [[32, 5, 0, 1, 1], [28, 2, 0, 2, 1], [7, 3, 1, 2, 1], [10, 3, 2, 1, 2]] as const;
  result('EQ-LAYERS-29', `o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1: ${sizes.map(([n, k, p, s, d]) => `(n ${n}, k ${k}, p ${p}, s ${s}, d ${d}) → ${linalg.convOutputSize(n, k, { padding: p, stride: s, dilation: d })}`).join('; ')}`, read);

  const c1 = new Conv2d(1, 6, 5, { rng }), dense = 32 * 32 * 6 * 28 * 28 + 6 * 28 * 28;
  result('EQ-LAYERS-34', `slide: unrolling the image into an MLP. A dense map 32·32 → 6·28·28 has ${dense.toLocaleString('en')} parameters; LeNet's C1, 6 kernels of 5×5 giving the same 6@28×28, has ${c1.numParameters()} (EQ-LAYERS-30: one feature map per kernel)`,
    { read: 'src/layers/conv.ts', spec: 'spec/layers/conv.test.ts' });

  const circular = new Conv2d(2, 3, 3, { rng, padding: 'same', paddingMode: 'circular' });
  const img = linalg.randn([1, 2, 12, 12], rng);
  const conv = (t: Tensor): Tensor => ad.noGrad(() => circular.forward(ad.constant(t))).value;
  const shift = (t: Tensor): Tensor => roll(roll(t, 3, 2), -5, 3);
  const equi = checkEquivariance(conv, shift, shift, img);
  result('EQ-LAYERS-31', `translation equivariance: with circular padding conv(shift(X)) = shift(conv(X)) for a shift of (3, −5): ${verdict(equi)} (bit for bit)`,
    { read: 'src/layers/symmetry.ts', spec: 'spec/layers/conv.test.ts' });

  const maps = linalg.zeros([1, 1, 4, 4]);
  maps.data.set([9, 1, 0, 2, 3, 4, 5, 1, 0, 1, 7, 2, 1, 8, 3, 0]);
  const moved = linalg.tensor(maps.data, maps.shape);
  moved.data.set([1, 9], 0); // the maximum 9 moves inside its 2×2 window
  const across = roll(maps, 1, 3); // a shift that carries values into the next window
  const mp = (t: Tensor): Tensor => new MaxPool2d(2).forward(ad.constant(t)).value;
  result('EQ-LAYERS-32', [
    `max pooling 2×2/2 of a 4×4 map: [${Array.from(mp(maps).data).join(', ')}]; the maximum moved inside its window: [${Array.from(mp(moved).data).join(', ')}] (unchanged);`,
    `the map shifted by one column, across the windows: [${Array.from(mp(across).data).join(', ')}] (changed: the invariance is local); no parameters: ${new MaxPool2d(2).numParameters()}`,
  ], { read: 'src/layers/pool.ts', spec: 'spec/layers/pool.test.ts' });

  const net = lenet5({ rng: new Rng(1) });
  const summary = net.summary([1, 1, 32, 32]).split('\n').filter((line) => /^\d/.test(line) && !/Tanh/.test(line));
  result('EQ-LAYERS-33', [
    'LeNet-5, the deck\'s shape arithmetic: 32×32 → 6@28×28 → 6@14×14 → 16@10×10 → 16@5×5 → 120 → 84 → 10:',
    ...summary.map((line) => line.replace(/\s+/g, ' ')),
    `${net.numParameters().toLocaleString('en')} parameters`,
  ], { read: 'src/layers/lenet.ts', spec: 'spec/layers/lenet.test.ts' });

  const setModel = new Sequential([new Dense(3, 5, { rng })]);
  const pooled = (t: Tensor): Tensor => linalg.sum(ad.noGrad(() => setModel.forward(ad.constant(t))).value, { axis: 0 });
  const points = linalg.randn([6, 3], rng);
  const permute = (t: Tensor): Tensor => linalg.tensor(Array.from({ length: 6 }, (_, i) => Array.from(t.data.slice(((i + 2) % 6) * 3, ((i + 2) % 6) * 3 + 3))).flat(), [6, 3]);
  result('EQ-LAYERS-35', `other inductive biases: a set model Σᵢ φ(xᵢ) under a permutation of its 6 elements: ${verdict(checkInvariance(pooled, permute, points, { atol: 1e-12 }))} (tolerance 1e-12: the sum's order changes)`,
    { read: 'src/layers/symmetry.ts', spec: 'spec/layers/symmetry.test.ts' });

  const motif = motifExample({ seed: 1 });
  const gmp = new GlobalMaxPool();
  result('EQ-LAYERS-28', [
    `DNA: Conv1d(4, 8, 8) → ${String(gmp)} → Dense(8, 1) on 160 sequences, TATAAT planted in half; Adam, loss ${motif.lossBefore.toFixed(3)} → ${motif.lossAfter.toFixed(4)}, accuracy ${(100 * motif.accuracy).toFixed(0)} %;`,
    `filter ${motif.filter}'s ${motif.sites} best windows, with 2 bases of flank, as a PWM best-match ${motif.bestMatch.sequence} (log-odds ${motif.bestMatch.score.toFixed(2)}); written in MEME format by toMEME (node dist/scripts/examples/motif.js --out f.meme)`,
  ], { read: 'src/layers/motif.ts', spec: 'spec/layers/motif.test.ts' });
  context?.headline(`conv = W̃·im2col(X) to ${fmt(maxDiff(gemm, direct))}; LeNet-5 ${net.numParameters().toLocaleString('en')} parameters; ${motif.motif} recovered as ${motif.bestMatch.sequence}`);
}

export const chapter = defineChapter({
  name: 'cnn',
  order: 100,
  title: 'Convolutional networks: convolution as a product, padding and stride, pooling, LeNet-5, motifs in DNA filters',
  run: tour,
});
