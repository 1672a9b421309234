/**
 * Motifs read out of DNA filters: a filter of a Conv1d over one-hot DNA
 * scores each window by the sum of its bases' weights, so the window it
 * scores highest is the consensus of its PWM (EQ-LAYERS-28, brute force
 * over every k-mer); the read-outs filterPWM, activationPWM and
 * pwmBestMatch against their definitions; toMEME against a parser written
 * here; and the example (scripts/examples/motif.ts): a trained detector
 * whose top filter's PWM best-matches the planted motif.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Conv1d, activationPWM, consensus, filterPWM, pwmBestMatch, toMEME } from '../../src/layers/index.js';
import { motifExample } from '../../scripts/examples/motif.js';
import { assertClose, property } from '../harness/index.js';
import { seeds, withRng } from './support.js';

const BASES = 'ACGT';

/** One-hot N×4×L of DNA strings of one length. */
function oneHot(sequences: readonly string[]): Tensor {
  const L = sequences[0]!.length, x = linalg.zeros([sequences.length, 4, L]);
  sequences.forEach((s, n) => [...s].forEach((b, t) => { x.data[(n * 4 + BASES.indexOf(b)) * L + t] = 1; }));
  return x;
}

/** Every string of length k over ACGT, in lexicographic order. */
const allKmers = (k: number): string[] => Array.from({ length: 4 ** k }, (_, i) => Array.from({ length: k }, (_, j) => BASES[Math.floor(i / 4 ** (k - 1 - j)) % 4]!).join(''));

property('EQ-LAYERS-28 a DNA filter scores a window by the sum of its bases\' weights: the k-mer it scores highest (brute force over all 4^k) is the consensus of its PWM, for any β', seeds, withRng((rng) => {
  const k = rng.int(1, 6);
  const conv = new Conv1d(4, 1, k, { rng });
  conv.b!.value.data[0] = rng.normal();
  const kmers = allKmers(k);
  const scores = ad.noGrad(() => conv.forward(ad.constant(oneHot(kmers)))).value.data; // one window each
  let best = 0;
  for (let i = 1; i < kmers.length; i++) if (scores[i]! > scores[best]!) best = i;
  const kernel = linalg.reshape(conv.W.value, [4, k]);
  for (const beta of [0.5, 1, 3]) assert.equal(consensus(filterPWM(kernel, { beta })), kmers[best]);
  // and the score is Σ_j W[s_j, j] + b, by hand, for one k-mer
  const s = kmers[rng.int(0, kmers.length)]!;
  const byHand = [...s].reduce((a, b, j) => a + kernel.data[BASES.indexOf(b) * k + j]!, conv.b!.value.data[0]!);
  assertClose(scores[kmers.indexOf(s)]!, byHand, { atol: 1e-12, rtol: 1e-12 });
}), { runs: 30 });

property('filterPWM is the softmax over bases of β·W: rows sum to 1 and ln(p[j, b]/p[j, b′]) = β(W[b, j] − W[b′, j]), to 1e-12', seeds, withRng((rng) => {
  const C = rng.int(2, 5), k = rng.int(1, 8), beta = rng.uniform(0.1, 4);
  const W = linalg.randn([C, k], rng, 0, 3);
  const p = filterPWM(W, { beta });
  assert.deepEqual(p.shape, [k, C]);
  for (let j = 0; j < k; j++) {
    assertClose(p.data.subarray(j * C, (j + 1) * C).reduce((a, v) => a + v, 0), 1, { atol: 1e-12, rtol: 0 });
    for (let b = 1; b < C; b++) {
      assertClose(Math.log(p.data[j * C + b]! / p.data[j * C]!), beta * (W.data[b * k + j]! - W.data[j]!), { atol: 1e-12, rtol: 1e-12 });
    }
  }
}), { runs: 40 });

/** A random probability matrix w × 4 with entries bounded away from 0. */
function randomPWM(rng: Rng, w: number): Tensor {
  const p = linalg.rand([w, 4], rng, 0.05, 1);
  for (let j = 0; j < w; j++) {
    const z = p.data.subarray(j * 4, j * 4 + 4).reduce((a, v) => a + v, 0);
    for (let b = 0; b < 4; b++) p.data[j * 4 + b] = p.data[j * 4 + b]! / z;
  }
  return p;
}

property('pwmBestMatch finds the m-mer and offset of highest log-odds Σ_j ln(p[o + j, s_j]/q_{s_j}) (brute force over every offset and m-mer), uniform or given background', seeds, withRng((rng) => {
  const w = rng.int(1, 6), m = rng.int(1, Math.min(w, 3) + 1);
  const p = randomPWM(rng, w);
  const q = rng.int(0, 2) === 0 ? undefined : [0.3, 0.2, 0.2, 0.3];
  const found = pwmBestMatch(p, m, q === undefined ? {} : { background: q });
  let best = -Infinity, sequence = '', offset = -1;
  for (let o = 0; o + m <= w; o++) for (const s of allKmers(m)) {
    const score = [...s].reduce((a, b, j) => a + Math.log(p.data[(o + j) * 4 + BASES.indexOf(b)]! / (q?.[BASES.indexOf(b)] ?? 0.25)), 0);
    if (score > best + 1e-12) [best, sequence, offset] = [score, s, o];
  }
  assertClose(found.score, best, { atol: 1e-12, rtol: 1e-12 });
  assert.equal(found.sequence, sequence);
  assert.equal(found.offset, offset);
}), { runs: 40 });

test('activationPWM counts the bases of each sequence\'s best window, kept above threshold × the best activation', () => {
  // a filter that matches TATA: +1 on those bases, −1 elsewhere
  const conv = new Conv1d(4, 1, 4, { init: 'zeros', bias: false });
  const motif = 'TATA';
  for (let j = 0; j < 4; j++) for (let b = 0; b < 4; b++) conv.W.value.data[b * 4 + j] = BASES[b] === motif[j] ? 1 : -1;
  const x = oneHot(['CCTATACC', 'GTATAGGG', 'CCCCCCCC', 'TAAAAAAA']);
  const { pwm, sites } = activationPWM(conv, x, 0, { threshold: 0.75 });
  // best windows: TATA (score 4), TATA (4), CCCC (−4: never), TAAA (2 < 0.75 × 4)
  assert.equal(sites, 2);
  assert.equal(consensus(pwm), 'TATA');
  assert.deepEqual([...pwm.data], [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
  const all = activationPWM(conv, x, 0); // threshold 0.5: TAAA's 2 ≥ 0.5 × 4 counts
  assert.equal(all.sites, 3);
  assertClose(all.pwm.data.subarray(8, 12), [1 / 3, 0, 0, 2 / 3], { atol: 1e-15, rtol: 0 }); // position 2: A once, T twice
  // flank 2: the windows CC[TATA]CC and G[TATA]GGG read two more positions on each side;
  // GTATAG's window starts at 1, so its first flank position is outside and that row counts CCTATACC alone
  const wide = activationPWM(conv, x, 0, { threshold: 0.75, flank: 2 });
  assert.equal(wide.sites, 2);
  assert.deepEqual(wide.pwm.shape, [8, 4]);
  assert.deepEqual([...wide.pwm.data.subarray(8, 24)], [...pwm.data]); // the window's own rows are unchanged
  assert.deepEqual([...wide.pwm.data.subarray(0, 8)], [0, 1, 0, 0, 0, 0.5, 0.5, 0]); // C alone; then C and G
  assert.deepEqual([...wide.pwm.data.subarray(24, 32)], [0, 0.5, 0.5, 0, 0, 0.5, 0.5, 0]); // C, G after both
});

/** The MEME minimal format read back: alphabet, background and each motif's name, w, nsites and rows. */
function parseMEME(text: string): { alphabet: string; background: number[]; motifs: { name: string; w: number; nsites: number; rows: number[][] }[] } {
  const lines = text.split('\n');
  assert.equal(lines[0], 'MEME version 4');
  const alphabet = /^ALPHABET= (\S+)$/.exec(lines.find((l) => l.startsWith('ALPHABET=')) ?? '')![1]!;
  const bgLine = lines[lines.indexOf('Background letter frequencies') + 1]!.split(' ');
  const background = bgLine.filter((_, i) => i % 2 === 1).map(Number);
  const motifs: { name: string; w: number; nsites: number; rows: number[][] }[] = [];
  lines.forEach((line, i) => {
    const name = /^MOTIF (\S+)$/.exec(line)?.[1];
    if (name === undefined) return;
    const header = /^letter-probability matrix: alength= (\d+) w= (\d+) nsites= (\d+) E= 0$/.exec(lines[i + 1]!)!;
    const w = Number(header[2]);
    assert.equal(Number(header[1]), alphabet.length);
    const rows = lines.slice(i + 2, i + 2 + w).map((r) => r.trim().split(/\s+/).map(Number));
    motifs.push({ name, w, nsites: Number(header[3]), rows });
  });
  return { alphabet, background, motifs };
}

property('toMEME writes MEME\'s minimal format: read back, every motif has its name, width, sites and probabilities (to the 6 printed decimals)', seeds, withRng((rng) => {
  const motifs = Array.from({ length: rng.int(1, 4) }, (_, i) => ({ name: `filter${i}`, pwm: randomPWM(rng, rng.int(1, 10)), sites: rng.int(1, 100) }));
  const text = toMEME(motifs);
  const read = parseMEME(text);
  assert.equal(read.alphabet, 'ACGT');
  assert.deepEqual(read.background, [0.25, 0.25, 0.25, 0.25]);
  assert.ok(text.includes('strands: + -'));
  assert.equal(read.motifs.length, motifs.length);
  read.motifs.forEach((m, i) => {
    assert.equal(m.name, motifs[i]!.name);
    assert.equal(m.w, motifs[i]!.pwm.shape[0]);
    assert.equal(m.nsites, motifs[i]!.sites);
    assertClose(m.rows.flat(), motifs[i]!.pwm.data, { atol: 5e-7, rtol: 0 });
  });
}), { runs: 20 });

test('the read-outs refuse what is not a probability matrix, a filter index out of range, a bad alphabet or background', () => {
  const p = linalg.tensor([0.5, 0.5, 0, 0], [1, 4]);
  assert.throws(() => consensus(linalg.tensor([0.5, 0.6, 0, 0], [1, 4])), ValueError);
  assert.throws(() => consensus(linalg.zeros([2, 3])), ShapeError);
  assert.throws(() => pwmBestMatch(p, 2), ValueError);
  assert.throws(() => pwmBestMatch(p, 1, { background: [0.5, 0.5] }), ArgumentTypeError);
  assert.throws(() => toMEME([{ name: 'has space', pwm: p }]), ArgumentTypeError);
  assert.throws(() => toMEME([{ name: 'a', pwm: p }, { name: 'a', pwm: p }]), ArgumentTypeError);
  assert.throws(() => toMEME([]), ArgumentTypeError);
  assert.throws(() => activationPWM(new Conv1d(4, 2, 3, { rng: new Rng(1) }), oneHot(['ACGTA']), 2), ValueError);
  assert.throws(() => filterPWM(linalg.zeros([4, 2]), { beta: 0 }), ValueError);
  assert.equal(consensus(linalg.tensor([0.2, 0.8, 0.1, 0.9], [2, 2]), { alphabet: 'RY' }), 'YY');
});

test('the motif example: a Conv1d → global max pool → dense detector trained with Adam separates the sequences, and its top filter\'s PWM (best windows with a flank of 2) best-matches the planted TATAAT', () => {
  const result = motifExample({ seed: 1 });
  assert.ok(result.lossAfter < 0.1 * result.lossBefore, `loss ${result.lossBefore} → ${result.lossAfter}`);
  assert.ok(result.accuracy >= 0.95, `training accuracy ${result.accuracy}`);
  assert.equal(result.bestMatch.sequence, 'TATAAT');
  // the weights alone see only the filter's 8 taps: this one holds the motif one base beyond its edge,
  // so its softmax read-out keeps 5 of the 6 bases (ATAAT), which the flanked windows above restore
  const w6 = result.weightsBestMatch.sequence;
  assert.ok(w6.includes('TATAA') || w6.includes('ATAAT'), `weights' best 6-mer ${w6}`);
  assert.ok(result.sites >= 40, `${result.sites} sites`);
  const read = parseMEME(result.meme);
  assert.equal(read.motifs.length, 8);
  const top = read.motifs[result.filter]!;
  assert.equal(top.w, 12); // 8 taps and a flank of 2 on each side
  assert.equal(pwmBestMatch(linalg.tensor(top.rows.flat(), [top.w, 4]), 6).sequence, 'TATAAT');
});

test('the motif example recovers other planted motifs, at other seeds and with mutated sites: the top filter\'s best windows best-match the planted 6-mer', () => {
  for (const [motif, seed, mutationRate] of [['CACGTG', 4, 0], ['GGGCGG', 4, 0], ['TTGACA', 2, 0], ['TATAAT', 5, 0.1]] as const) {
    const result = motifExample({ seed, motif, mutationRate });
    assert.ok(result.accuracy >= 0.9, `${motif}: training accuracy ${result.accuracy}`);
    assert.equal(result.bestMatch.sequence, motif, `${motif}, seed ${seed}, mutation rate ${mutationRate}`);
  }
});

test('the motif example as a command: --out writes MEME text that reads back with 8 motifs; --help exits 0, an unknown argument 1', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'motif-')), 'filters.meme');
  const script = resolve(import.meta.dirname, '..', '..', 'scripts', 'examples', 'motif.js');
  const run = spawnSync(process.execPath, [script, '--out', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /best 6-mer of that PWM: TATAAT/);
  const read = parseMEME(readFileSync(file, 'utf8'));
  assert.equal(read.motifs.length, 8);
  const help = spawnSync(process.execPath, [script, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: /);
  const bad = spawnSync(process.execPath, [script, '--nope'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /usage: /);
});
