/**
 * Seeded DNA data sets for the sequence lectures, each drawn from an `Rng`:
 *
 *   plantedMotif    background sequences with bases i.i.d. uniform over
 *                   ACGT; a chosen subset carries a motif (the −10 box
 *                   TATAAT by default) at a uniform position, each base of
 *                   it mutated with probability `mutationRate`: the task of
 *                   the CNN motif detector (a convolution slides the motif)
 *   markovFamilies  "gene families": family f is a Markov chain of order r
 *                   over ACGT, P(s_t = b | s_{t−r} … s_{t−1} = c) = p_f[c, b],
 *                   each row p_f[c, ·] = softmax(contrast·z), z ~ N(0, I₄),
 *                   so families differ in (r + 1)-mer composition — what
 *                   k-mer profiles with k = r + 1 capture and naive Bayes
 *                   or a tree classify
 *
 * Sequence i belongs to family i mod F. A background sequence may contain
 * the motif by chance (probability about (L − |m| + 1)/4^|m|); the labels
 * say where it was planted, not where it occurs.
 */
import { ValueError, assertInstance, assertInteger, assertNumber, assertOptions } from '../errors/index.js';
import { exp } from '../math/index.js';
import { Rng } from '../random/index.js';
import type { Tensor } from '../linalg/index.js';
import { assertString, encodeBases } from './alphabet.js';

const BASES = 'ACGT';

/** Sequences and their labels. */
export interface SequenceDataset {
  readonly sequences: readonly string[];
  /** n class indices (float64 integers). */
  readonly y: Tensor;
}

const count = (x: unknown, fallback: number, name: string, where: string, min: number, max: number): number =>
  x === undefined ? fallback : assertInteger(x, `options.${name}`, where, { min, max });

/** A base drawn uniformly from ACGT (internal). */
const uniformBase = (rng: Rng): number => rng.int(0, 4);

/**
 * n sequences of `length` uniform bases; round(fraction·n) of them, drawn
 * with `rng.sample` first, carry the motif. Draws, in order: the sample of
 * positive indices; then per sequence its `length` bases, and if positive
 * the position (uniform over 0 … length − |m|) and, per motif base, one
 * uniform draw (mutated when < mutationRate, then the new base from the
 * three others). y = 1 where planted; `positions` the start, or −1.
 * Options: n (200), length (100), motif ('TATAAT'), fraction (0.5),
 * mutationRate (0).
 */
export function plantedMotif(
  rng: Rng,
  options?: { n?: number; length?: number; motif?: string; fraction?: number; mutationRate?: number },
): SequenceDataset & { positions: Int32Array; motif: string } {
  const where = 'plantedMotif';
  assertInstance(rng, Rng, 'rng', where);
  const o = assertOptions(options, ['n', 'length', 'motif', 'fraction', 'mutationRate'], where);
  const n = count(o.n, 200, 'n', where, 1, 2 ** 24), length = count(o.length, 100, 'length', where, 1, 2 ** 24);
  const motif = o.motif ?? 'TATAAT';
  assertString(motif, 'options.motif', where);
  const m = encodeBases(motif, 'error', where, 'options.motif');
  if (m.length === 0 || m.length > length || m.includes(4)) {
    throw new ValueError(`${where}: options.motif must be 1 to length = ${length} bases of ACGT, got ${JSON.stringify(motif)}`);
  }
  const fraction = o.fraction === undefined ? 0.5 : assertNumber(o.fraction, 'options.fraction', where, { min: 0, max: 1 });
  const mutationRate = o.mutationRate === undefined ? 0 : assertNumber(o.mutationRate, 'options.mutationRate', where, { min: 0, max: 1 });
  const positive = new Set(rng.sample(n, Math.round(fraction * n)));
  const sequences: string[] = [], y = new Float64Array(n), positions = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = new Uint8Array(length);
    for (let t = 0; t < length; t++) s[t] = uniformBase(rng);
    if (positive.has(i)) {
      const at = rng.int(0, length - m.length + 1);
      for (let t = 0; t < m.length; t++) {
        const b = m[t]!;
        s[at + t] = rng.uniform() < mutationRate ? (b + 1 + rng.int(0, 3)) % 4 : b;
      }
      y[i] = 1;
      positions[i] = at;
    }
    sequences.push(Array.from(s, (b) => BASES[b]!).join(''));
  }
  return { sequences, y: { shape: [n], data: y }, positions, motif: motif.toUpperCase() };
}

/**
 * Sequences of F Markov-chain families (see the file comment). Draws, in
 * order: for f = 0 … F−1 and each context c = 0 … 4^r − 1 (base-4, first
 * base most significant), four normals z giving p_f[c, ·] =
 * softmax(contrast·z); then per sequence its first r bases uniform and
 * each next base by inverse CDF of p_f[context, ·] on one `rng.next()`.
 * `transitions` is F × 4^r × 4. Options: n (300), families (3),
 * length (200), order r (2, at most 6), contrast (1.5).
 */
export function markovFamilies(
  rng: Rng,
  options?: { n?: number; families?: number; length?: number; order?: number; contrast?: number },
): SequenceDataset & { transitions: Tensor } {
  const where = 'markovFamilies';
  assertInstance(rng, Rng, 'rng', where);
  const o = assertOptions(options, ['n', 'families', 'length', 'order', 'contrast'], where);
  const n = count(o.n, 300, 'n', where, 1, 2 ** 24), F = count(o.families, 3, 'families', where, 1, 1024);
  const r = count(o.order, 2, 'order', where, 0, 6), length = count(o.length, 200, 'length', where, 1, 2 ** 24);
  const contrast = o.contrast === undefined ? 1.5 : assertNumber(o.contrast, 'options.contrast', where, { min: 0, max: 100 });
  const C = 1 << (2 * r); // 4^r contexts
  const p = new Float64Array(F * C * 4);
  for (let row = 0; row < F * C; row++) {
    const z = [0, 1, 2, 3].map(() => contrast * rng.normal());
    const top = Math.max(...z), e = z.map((v) => exp(v - top)), total = e[0]! + e[1]! + e[2]! + e[3]!;
    for (let b = 0; b < 4; b++) p[4 * row + b] = e[b]! / total;
  }
  const sequences: string[] = [], y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = i % F, s = new Uint8Array(length);
    let context = 0;
    for (let t = 0; t < length; t++) {
      let b: number;
      if (t < r) {
        b = uniformBase(rng);
      } else {
        const u = rng.next(), at = 4 * (f * C + context);
        b = 0;
        for (let cumulative = p[at]!; b < 3 && u >= cumulative; cumulative += p[at + b]!) b++;
      }
      s[t] = b;
      if (r > 0) context = (context * 4 + b) % C;
    }
    y[i] = f;
    sequences.push(Array.from(s, (v) => BASES[v]!).join(''));
  }
  return { sequences, y: { shape: [n], data: y }, transitions: { shape: [F, C, 4], data: p } };
}
