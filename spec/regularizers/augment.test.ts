/**
 * Data augmentation (EQ-REGULARIZERS-10): the reverse complement against
 * the strand read as letters, crops as windows of the sequence, flips and
 * shifts against index arithmetic and their inverses, reproducible draws,
 * and an augmented training set of n × copies rows with its labels kept
 * and its source data untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import {
  augmentDataset, crop, flipImages, randomCrop, randomFlipImages, randomReverseComplement, randomShiftImages, reverseComplement, shiftImages,
} from '../../src/regularizers/index.js';
import { assertSameBits, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

const BASES = 'ACGT';
const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', N: 'N' };

/** Sequences as one-hot N×4×L (channels A, C, G, T; N a zero column), written out by hand. */
function oneHot(sequences: readonly string[]): Tensor {
  const L = sequences[0]!.length, X = linalg.zeros([sequences.length, 4, L]);
  sequences.forEach((s, n) => [...s].forEach((base, l) => {
    const c = BASES.indexOf(base);
    if (c >= 0) X.data[(n * 4 + c) * L + l] = 1;
  }));
  return X;
}

/** Back to letters: the channel holding 1, or N. */
function letters(X: Tensor): string[] {
  const [N, , L] = X.shape as [number, number, number];
  return Array.from({ length: N }, (_, n) => Array.from({ length: L }, (_, l) => {
    const c = [0, 1, 2, 3].find((k) => X.data[(n * 4 + k) * L + l] === 1);
    return c === undefined ? 'N' : BASES[c]!;
  }).join(''));
}

const randomDNA = (rng: Rng, L: number): string => Array.from({ length: L }, () => 'ACGTN'[rng.next() < 0.05 ? 4 : rng.int(0, 4)]!).join('');
const rcString = (s: string): string => [...s].reverse().map((b) => COMPLEMENT[b]!).join('');

property('EQ-REGULARIZERS-10 the reverse complement of one-hot DNA is the other strand read 5\'→3\' (A↔T, C↔G, reversed; N stays N), and RC(RC(X)) = X bit for bit', seeds, withRng((rng) => {
  const N = rng.int(1, 5), L = rng.int(1, 20);
  const seqs = Array.from({ length: N }, () => randomDNA(rng, L));
  const X = oneHot(seqs);
  assert.deepEqual(letters(reverseComplement(X)), seqs.map(rcString));
  const soft = linalg.rand([N, 4, L], rng); // any 4-channel signal, not only one-hot
  assertSameBits(reverseComplement(reverseComplement(soft)).data, soft.data, 'involution');
}), { runs: 100 });

property('EQ-REGULARIZERS-10 randomReverseComplement keeps each sequence or takes its other strand, reproducibly; p = 0 keeps all, p = 1 flips all', seeds, withRng((rng) => {
  const N = rng.int(1, 10), L = rng.int(1, 12), seed = rng.int(0, 1000);
  const seqs = Array.from({ length: N }, () => randomDNA(rng, L));
  const X = oneHot(seqs);
  const out = letters(randomReverseComplement(X, new Rng(seed)));
  out.forEach((s, n) => assert.ok(s === seqs[n] || s === rcString(seqs[n]!), `sequence ${n}`));
  assertSameBits(randomReverseComplement(X, new Rng(seed)).data, randomReverseComplement(X, new Rng(seed)).data, 'same seed');
  assert.deepEqual(letters(randomReverseComplement(X, rng, { p: 0 })), seqs);
  assert.deepEqual(letters(randomReverseComplement(X, rng, { p: 1 })), seqs.map(rcString));
}), { runs: 50 });

test('EQ-REGULARIZERS-10 randomReverseComplement flips a fraction p of 10⁴ sequences, within 4σ (binomial)', () => {
  const N = 10_000, p = 0.3;
  const X = oneHot(Array.from({ length: N }, () => 'AAC'));
  const out = letters(randomReverseComplement(X, new Rng(10), { p }));
  const flipped = out.filter((s) => s === 'GTT').length / N;
  assert.ok(Math.abs(flipped - p) <= 4 * Math.sqrt((p * (1 - p)) / N), `flipped ${flipped}`);
});

property('EQ-REGULARIZERS-10 a random crop of length ℓ is a window of ℓ consecutive bases of its own sequence; every start 0 … L − ℓ occurs; ℓ > L is a ValueError', seeds, withRng((rng) => {
  const N = rng.int(1, 6), L = rng.int(1, 15), l = rng.int(1, L + 1);
  const seqs = Array.from({ length: N }, () => randomDNA(rng, L));
  const X = oneHot(seqs);
  const seed = rng.int(0, 1000);
  const out = letters(randomCrop(X, l, new Rng(seed)));
  out.forEach((s, n) => assert.ok(s.length === l && seqs[n]!.includes(s), `crop ${s} of ${seqs[n]}`));
  // the same seed draws the same starts: crop at those starts gives the same bits
  const r = new Rng(seed), starts = Array.from({ length: N }, () => r.int(0, L - l + 1));
  assertSameBits(crop(X, starts, l).data, randomCrop(X, l, new Rng(seed)).data, 'starts');
  assert.throws(() => randomCrop(X, L + 1, rng), ValueError);
}), { runs: 50 });

test('EQ-REGULARIZERS-10 over many draws every crop start 0 … L − ℓ occurs', () => {
  const X = oneHot(['ACGTACGTAC']);
  const seen = new Set<string>();
  const rng = new Rng(11);
  for (let t = 0; t < 400; t++) seen.add(letters(randomCrop(X, 7, rng))[0]!);
  assert.deepEqual([...seen].sort(), ['ACGTACG', 'CGTACGT', 'GTACGTA', 'TACGTAC'].sort());
});

/** Image n, plane p, pixel (h, w) of X: N×C×H×W. */
const at = (X: Tensor, n: number, p: number, h: number, w: number): number => {
  const [, C, H, W] = X.shape as [number, number, number, number];
  return X.data[((n * C + p) * H + h) * W + w]!;
};

property('EQ-REGULARIZERS-10 flips mirror columns (horizontal) or rows (vertical) and are their own inverse; a wrapped shift is undone by the opposite shift; a zero-filled shift keeps the pixels that stay in the frame', seeds, withRng((rng) => {
  const N = rng.int(1, 3), C = rng.int(1, 3), H = rng.int(1, 6), W = rng.int(1, 6);
  const X = linalg.randn([N, C, H, W], rng);
  const dy = rng.int(-H, H + 1), dx = rng.int(-W, W + 1);
  const fh = flipImages(X, 'horizontal'), fv = flipImages(X, 'vertical'), s = shiftImages(X, dy, dx);
  for (let n = 0; n < N; n++) for (let p = 0; p < C; p++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) {
    assert.equal(at(fh, n, p, h, w), at(X, n, p, h, W - 1 - w));
    assert.equal(at(fv, n, p, h, w), at(X, n, p, H - 1 - h, w));
    const inside = h - dy >= 0 && h - dy < H && w - dx >= 0 && w - dx < W;
    assert.equal(at(s, n, p, h, w), inside ? at(X, n, p, h - dy, w - dx) : 0);
  }
  assertSameBits(flipImages(fh, 'horizontal').data, X.data, 'horizontal twice');
  assertSameBits(flipImages(fv, 'vertical').data, X.data, 'vertical twice');
  assertSameBits(shiftImages(shiftImages(X, dy, dx, { fill: 'wrap' }), -dy, -dx, { fill: 'wrap' }).data, X.data, 'wrap and back');
  const gray = linalg.reshape(linalg.clone(X), [N * C, H, W]); // N×H×W images flip the same way
  assertSameBits(flipImages(gray, 'horizontal').data, fh.data, 'N×H×W');
}), { runs: 60 });

property('EQ-REGULARIZERS-10 random flips and shifts give, per image, one of the allowed transforms, and the same seed the same bits', seeds, withRng((rng) => {
  const N = rng.int(1, 5), H = rng.int(2, 6), W = rng.int(2, 6), m = rng.int(0, 3), seed = rng.int(0, 1000);
  const X = linalg.randn([N, 1, H, W], rng);
  const image = (T: Tensor, n: number): number[] => Array.from(T.data.subarray(n * H * W, (n + 1) * H * W));
  const flipped = randomFlipImages(X, new Rng(seed), { vertical: true });
  const shifted = randomShiftImages(X, m, new Rng(seed));
  const same = (a: number[], b: number[]): boolean => a.every((v, i) => Object.is(v, b[i]));
  for (let n = 0; n < N; n++) {
    const xn = linalg.tensor(image(X, n), [1, 1, H, W]);
    const flips = [xn, flipImages(xn, 'horizontal'), flipImages(xn, 'vertical'), flipImages(flipImages(xn, 'horizontal'), 'vertical')];
    assert.ok(flips.some((f) => same(Array.from(f.data), image(flipped, n))), `image ${n}: one of the four flips`);
    const shifts: Tensor[] = [];
    for (let dy = -m; dy <= m; dy++) for (let dx = -m; dx <= m; dx++) shifts.push(shiftImages(xn, dy, dx));
    assert.ok(shifts.some((s) => same(Array.from(s.data), image(shifted, n))), `image ${n}: a shift within ±${m}`);
  }
  assertSameBits(randomShiftImages(X, m, new Rng(seed)).data, shifted.data, 'same seed');
  assertSameBits(randomFlipImages(X, new Rng(seed), { vertical: true }).data, flipped.data, 'same seed');
  assertSameBits(randomFlipImages(X, rng, { p: 0, vertical: true }).data, X.data, 'p = 0');
}), { runs: 50 });

test('EQ-REGULARIZERS-10 an augmented training set has n × copies rows with their labels, is reproducible, and leaves the source (and so every validation or test set) bit-identical', () => {
  const rng = new Rng(1010);
  const seqs = Array.from({ length: 6 }, () => randomDNA(rng, 12));
  const X = oneHot(seqs), y = linalg.tensor([0, 1, 1, 0, 1, 0], [6]);
  const before = [Float64Array.from(X.data), Float64Array.from(y.data)];
  const augmentation = (x: Tensor, r: Rng): Tensor => randomCrop(randomReverseComplement(x, r), 9, r);
  const a = augmentDataset(X, y, augmentation, { copies: 3, rng: new Rng(5) });
  assert.deepEqual(a.X.shape, [18, 4, 9]);
  assert.deepEqual(Array.from(a.y.data), [...y.data, ...y.data, ...y.data]);
  letters(a.X).forEach((s, i) => {
    const source = seqs[i % 6]!;
    assert.ok(source.includes(s) || rcString(source).includes(s), `row ${i}: ${s} comes from ${source}`);
  });
  assertSameBits(augmentDataset(X, y, augmentation, { copies: 3, rng: new Rng(5) }).X.data, a.X.data, 'same seed');
  assertSameBits(X.data, before[0]!, 'X untouched');
  assertSameBits(y.data, before[1]!, 'y untouched');
});
