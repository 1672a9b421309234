/**
 * Reading motifs out of the filters of a first convolution over one-hot DNA
 * (EQ-LAYERS-28/30 on sequences): each kernel W_f: 4×k of a Conv1d(4, F, k)
 * scores every k-window, y_f(t) = b_f + Σ_j W_f[s_{t+j}, j], the sum of
 * the weights of the bases present, so it is a position weight matrix in
 * log-odds form, and the window it scores highest reads its motif.
 *
 * Two read-outs of a filter as a position probability matrix p (k × 4,
 * row j the distribution of the base at position j, columns A, C, G, T):
 *
 *   filterPWM(W_f, { beta })   p[j, b] = e^{β·W_f[b, j]} / Σ_b′ e^{β·W_f[b′, j]}
 *                              the Boltzmann read-out: ln(p[j, b]/p[j, b′]) = β(W_f[b, j] − W_f[b′, j]),
 *                              so the filter's score is the PWM's log-odds up to β and a constant
 *   activationPWM(conv, x, f)  the base frequencies of the windows that activate filter f most:
 *                              in each sequence its best window, kept when its activation is at
 *                              least threshold × the largest over all sequences (DeepBind, Basset)
 *
 * and what a motif tool does with one:
 *
 *   consensus(p)            the most probable base at each position
 *   pwmBestMatch(p, m)      the m-mer with the highest log-odds Σ_j ln(p[o + j, s_j]/q_{s_j}) over
 *                           the offsets o, against the background q (uniform by default): where a
 *                           filter wider than the motif holds it
 *   toMEME(motifs)          the text of MEME's minimal motif format (version 4), which motif
 *                           comparison tools (Tomtom, …) read
 *
 * Sequences are N×4×L one-hot tensors, channels first, as Conv1d takes them
 * (a data module's one-hot L×4 matrix transposed).
 */
import { ArgumentTypeError, ShapeError, ValueError, assertInteger, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { constant, noGrad } from '../autodiff/index.js';
import { exp, log } from '../math/index.js';
import { Conv1d } from './conv.js';

/** The DNA alphabet in one-hot column order. */
export const DNA_ALPHABET = 'ACGT';

/** A motif for toMEME: a name and its probability matrix w × A (rows sum to 1). */
export interface Motif {
  name: string;
  pwm: Tensor;
  /** The number of sites it was built from (MEME's nsites; default 20, MEME's own default). */
  sites?: number | undefined;
}

/** A probability matrix w × A, checked as `where`'s: entries in [0, 1], rows summing to 1 within 1e-6. */
function assertPWM(pwm: unknown, alphabet: string, where: string, name = 'pwm'): asserts pwm is Tensor {
  linalg.assertTensor(pwm, name, where);
  if (pwm.shape.length !== 2 || pwm.shape[1] !== alphabet.length || pwm.shape[0] === 0) {
    throw new ShapeError(`${where}: ${name} must be w × ${alphabet.length} (positions × ${alphabet}), w ≥ 1, got ${formatShape(pwm.shape)}`);
  }
  const [w, A] = pwm.shape as [number, number];
  for (let j = 0; j < w; j++) {
    let s = 0;
    for (let b = 0; b < A; b++) {
      const p = pwm.data[j * A + b]!;
      if (!(p >= 0 && p <= 1)) throw new ValueError(`${where}: ${name}[${j}, ${b}] must be a probability in [0, 1], got ${p}`);
      s += p;
    }
    if (Math.abs(s - 1) > 1e-6) throw new ValueError(`${where}: row ${j} of ${name} must sum to 1, got ${s}`);
  }
}

/** An alphabet option: a string of distinct symbols. Internal. */
function alphabetOf(x: unknown, where: string): string {
  if (x === undefined) return DNA_ALPHABET;
  if (typeof x !== 'string' || x.length === 0 || new Set(x).size !== x.length) {
    throw new ArgumentTypeError(`${where}: alphabet must be a string of distinct symbols such as 'ACGT', got ${describeValue(x)}`);
  }
  return x;
}

/**
 * The Boltzmann read-out of a kernel W: C×k (a filter of Conv1d, e.g. rows of
 * conv.W for filter f): p[j, b] = softmax_b(β·W[b, j]), a k × C matrix.
 * Option beta β > 0 (default 1): larger β sharpens the distribution.
 */
export function filterPWM(kernel: Tensor, options?: { beta?: number }): Tensor {
  const where = 'filterPWM';
  linalg.assertTensor(kernel, 'kernel', where);
  if (kernel.shape.length !== 2 || kernel.shape[0] === 0 || kernel.shape[1] === 0) {
    throw new ShapeError(`${where}: kernel must be C × k (channels × positions), got ${formatShape(kernel.shape)}`);
  }
  const beta = assertNumber(assertOptions(options, ['beta'], where).beta ?? 1, 'beta', where, { min: 0, minExclusive: true });
  linalg.assertFinite(kernel, 'kernel', where);
  const [C, k] = kernel.shape as [number, number];
  const p = new Float64Array(k * C);
  for (let j = 0; j < k; j++) {
    let top = -Infinity;
    for (let b = 0; b < C; b++) top = Math.max(top, kernel.data[b * k + j]!);
    let z = 0;
    for (let b = 0; b < C; b++) z += (p[j * C + b] = exp(beta * (kernel.data[b * k + j]! - top)));
    for (let b = 0; b < C; b++) p[j * C + b] = p[j * C + b]! / z;
  }
  return { shape: [k, C], data: p };
}

/**
 * The frequencies of the bases in the windows that activate filter f of
 * `conv` most, over sequences x: N×C×L (one-hot). In each sequence the
 * window at its highest activation counts when that activation is at least
 * `threshold` × the largest over all sequences (and > 0). Returns the k × C
 * matrix of frequencies (a column hitting the padding is normalised over
 * the positions inside) and the number of windows. Options: threshold in
 * [0, 1] (default 0.5); flank, an integer ≥ 0 (default 0): read `flank`
 * more positions (taps) on each side of the window, so that the matrix is
 * (k + 2·flank) × C and a motif that the filter holds partly beyond its
 * edge is read whole (a column with no position inside the sequence is
 * uniform).
 */
export function activationPWM(conv: Conv1d, x: Tensor, f: number, options?: { threshold?: number; flank?: number }): { pwm: Tensor; sites: number } {
  const where = 'activationPWM';
  if (!(conv instanceof Conv1d)) throw new ArgumentTypeError(`${where}: conv must be a Conv1d, got ${describeValue(conv)}`);
  linalg.assertTensor(x, 'x', where);
  assertInteger(f, 'f', where, { min: 0, max: conv.outChannels - 1 });
  const o = assertOptions(options, ['threshold', 'flank'], where);
  const threshold = assertNumber(o.threshold ?? 0.5, 'threshold', where, { min: 0, max: 1 });
  const flank = assertInteger(o.flank ?? 0, 'flank', where, { min: 0 });
  const yShape = conv.outputShape(x.shape);
  const y = noGrad(() => conv.forward(constant(x))).value;
  const [N, C, L] = x.shape as [number, number, number];
  const [, F, Lo] = yShape as [number, number, number];
  const k = conv.plan.kernel[1], s = conv.plan.stride[1], d = conv.plan.dilation[1], before = conv.plan.padding[2];
  const circular = conv.plan.paddingMode === 'circular';
  const best = new Int32Array(N);
  let top = 0;
  for (let n = 0; n < N; n++) {
    let at = 0;
    for (let t = 1; t < Lo; t++) if (y.data[(n * F + f) * Lo + t]! > y.data[(n * F + f) * Lo + at]!) at = t;
    best[n] = at;
    top = Math.max(top, y.data[(n * F + f) * Lo + at]!);
  }
  const w = k + 2 * flank; // row r of the matrix is tap j = r − flank
  const counts = new Float64Array(w * C);
  let sites = 0;
  for (let n = 0; n < N; n++) {
    const t = best[n]!, a = y.data[(n * F + f) * Lo + t]!;
    if (!(a > 0 && a >= threshold * top)) continue;
    sites++;
    for (let r = 0; r < w; r++) {
      let i = t * s + (r - flank) * d - before;
      if (circular) i = ((i % L) + L) % L;
      if (i < 0 || i >= L) continue;
      for (let b = 0; b < C; b++) counts[r * C + b] = counts[r * C + b]! + x.data[(n * C + b) * L + i]!;
    }
  }
  for (let r = 0; r < w; r++) {
    let z = 0;
    for (let b = 0; b < C; b++) z += counts[r * C + b]!;
    for (let b = 0; b < C; b++) counts[r * C + b] = z > 0 ? counts[r * C + b]! / z : 1 / C;
  }
  return { pwm: { shape: [w, C], data: counts }, sites };
}

/** The most probable symbol at each position of a probability matrix w × A (the first on ties). Option alphabet ('ACGT'). */
export function consensus(pwm: Tensor, options?: { alphabet?: string }): string {
  const where = 'consensus';
  const alphabet = alphabetOf(assertOptions(options, ['alphabet'], where).alphabet, where);
  assertPWM(pwm, alphabet, where);
  const A = alphabet.length;
  let out = '';
  for (let j = 0; j < pwm.shape[0]!; j++) {
    let at = 0;
    for (let b = 1; b < A; b++) if (pwm.data[j * A + b]! > pwm.data[j * A + at]!) at = b;
    out += alphabet[at]!;
  }
  return out;
}

/**
 * The m-mer with the highest log-odds score under a probability matrix
 * p: w × A (m ≤ w): max over offsets o and sequences s of Σ_j ln(p[o + j, s_j]/q_{s_j}).
 * Options: alphabet ('ACGT'), background q (uniform). Ties go to the first
 * offset and the first symbol. Returns the sequence, its offset and score.
 */
export function pwmBestMatch(pwm: Tensor, m: number, options?: { alphabet?: string; background?: readonly number[] }): { sequence: string; offset: number; score: number } {
  const where = 'pwmBestMatch';
  const o = assertOptions(options, ['alphabet', 'background'], where);
  const alphabet = alphabetOf(o.alphabet, where);
  assertPWM(pwm, alphabet, where);
  const A = alphabet.length, w = pwm.shape[0]!;
  assertInteger(m, 'm', where, { min: 1, max: w });
  const q = backgroundOf(o.background, A, where);
  const bestAt = (j: number): [number, number] => {
    let at = 0, score = -Infinity;
    for (let b = 0; b < A; b++) {
      const lo = log(pwm.data[j * A + b]! / q[b]!);
      if (lo > score) [at, score] = [b, lo];
    }
    return [at, score];
  };
  let best = { sequence: '', offset: -1, score: -Infinity };
  for (let offset = 0; offset + m <= w; offset++) {
    let sequence = '', score = 0;
    for (let j = 0; j < m; j++) {
      const [b, lo] = bestAt(offset + j);
      sequence += alphabet[b]!;
      score += lo;
    }
    if (best.offset < 0 || score > best.score) best = { sequence, offset, score };
  }
  return best;
}

/** A background distribution over A symbols (uniform by default), checked. Internal. */
function backgroundOf(x: unknown, A: number, where: string): number[] {
  if (x === undefined) return new Array<number>(A).fill(1 / A);
  if (!Array.isArray(x) || x.length !== A) throw new ArgumentTypeError(`${where}: background must be an array of ${A} probabilities, got ${describeValue(x)}`);
  const q = x.map((v: unknown, i) => assertNumber(v, `background[${i}]`, where, { min: 0, max: 1, minExclusive: true }));
  if (Math.abs(q.reduce((a, b) => a + b, 0) - 1) > 1e-6) throw new ValueError(`${where}: background must sum to 1, got ${q.join(', ')}`);
  return q;
}

/**
 * The motifs in MEME's minimal motif format (version 4): the alphabet, the
 * strands, the background frequencies, then per motif a `MOTIF name` line,
 * `letter-probability matrix: alength= A w= w nsites= n E= 0` and one row
 * of probabilities per position (6 decimals). Options: alphabet ('ACGT'),
 * background (uniform), strands ('+ -' for DNA, or '+').
 */
export function toMEME(motifs: readonly Motif[], options?: { alphabet?: string; background?: readonly number[]; strands?: '+ -' | '+' }): string {
  const where = 'toMEME';
  const o = assertOptions(options, ['alphabet', 'background', 'strands'], where);
  const alphabet = alphabetOf(o.alphabet, where);
  const q = backgroundOf(o.background, alphabet.length, where);
  const strands = o.strands ?? '+ -';
  if (strands !== '+ -' && strands !== '+') throw new ValueError(`${where}: strands must be '+ -' or '+', got ${describeValue(strands)}`);
  if (!Array.isArray(motifs) || motifs.length === 0) throw new ArgumentTypeError(`${where}: motifs must be a non-empty array of { name, pwm }, got ${describeValue(motifs)}`);
  const names = new Set<string>();
  motifs.forEach((m: unknown, i) => {
    const motif = m as Partial<Motif> | null;
    if (typeof motif !== 'object' || motif === null || typeof motif.name !== 'string' || !/^\S+$/.test(motif.name) || names.has(motif.name)) {
      throw new ArgumentTypeError(`${where}: motifs[${i}] must be { name, pwm } with a unique name without spaces, got ${describeValue(m)}`);
    }
    names.add(motif.name);
    assertPWM(motif.pwm, alphabet, where, `motifs[${i}].pwm`);
    if (motif.sites !== undefined) assertInteger(motif.sites, `motifs[${i}].sites`, where, { min: 1 });
  });
  const lines = ['MEME version 4', '', `ALPHABET= ${alphabet}`, ''];
  if (alphabet === DNA_ALPHABET) lines.push(`strands: ${strands}`, '');
  lines.push('Background letter frequencies', [...alphabet].map((a, b) => `${a} ${q[b]!.toFixed(6)}`).join(' '), '');
  for (const motif of motifs) {
    const [w, A] = motif.pwm.shape as [number, number];
    lines.push(`MOTIF ${motif.name}`, `letter-probability matrix: alength= ${A} w= ${w} nsites= ${motif.sites ?? 20} E= 0`);
    for (let j = 0; j < w; j++) lines.push(Array.from({ length: A }, (_, b) => ` ${motif.pwm.data[j * A + b]!.toFixed(6)}`).join(''));
    lines.push('');
  }
  return lines.join('\n');
}
