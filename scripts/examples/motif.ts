/**
 * The motif example of the convolution lecture: a Conv1d network on one-hot
 * DNA learns to tell sequences that carry a planted motif from background,
 * and its first-layer filters are read out as position weight matrices and
 * written in MEME format.
 *
 *   data     plantedMotif of src/data: n sequences of `length` uniform bases,
 *            half of them (drawn at random) carrying the motif (TATAAT, the
 *            −10 box) at a uniform position, each of its bases mutated with
 *            probability mutationRate (0); X: n×4×L one-hot (channels A, C,
 *            G, T), y: n×1 in {0, 1}
 *   model    Conv1d(4, F, k) → GlobalMaxPool → Dense(F, 1)
 *            logit = b + Σ_f v_f · max_t (W_f ⋆ x)(t): each filter scans the
 *            sequence and reports its best window, wherever it is
 *   loss     binary cross-entropy on the logit, full batch
 *   update   Adam (src/optimizers; η = 0.05, β₁ = 0.9, β₂ = 0.999, ε = 1e-8)
 *   read-out the filter with the largest output weight v_f; its PWM from the
 *            windows that activate it most (activationPWM) and from its
 *            weights (filterPWM); the best-matching 6-mer of the PWM
 *
 * Run it: `node dist/scripts/examples/motif.js [--seed n] [--motif ACGT…]
 * [--mutation rate] [--out file.meme]` (after `npm run build`) prints the training and the
 * read-out, and writes every filter's PWM in MEME format to --out (or
 * prints it). Used by the tour (scripts/tour/cnn.ts) and proven in
 * spec/layers/motif.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Conv1d, Dense, GlobalMaxPool, Sequential, activationPWM, filterPWM, pwmBestMatch, toMEME } from '../../src/layers/index.js';
import { binaryCrossEntropyWithLogits } from '../../src/losses/index.js';
import { oneHotDNA, plantedMotif } from '../../src/data/index.js';
import { Adam } from '../../src/optimizers/index.js';
import { Rng } from '../../src/random/index.js';

/** Options of the example (defaults in brackets). */
export interface MotifExampleOptions {
  seed?: number; // [1]
  motif?: string; // ['TATAAT']
  n?: number; // sequences [160]
  length?: number; // bases per sequence [30]
  filters?: number; // F [8]
  width?: number; // k [8]
  steps?: number; // Adam steps [100]
  mutationRate?: number; // probability that a planted base is mutated [0]
}

/** What the example found. */
export interface MotifExampleResult {
  motif: string;
  conv: Conv1d;
  net: Sequential;
  /** Training loss before and after, and the training accuracy. */
  lossBefore: number;
  lossAfter: number;
  accuracy: number;
  /** The filter with the largest output weight, its PWMs ((k + 4) × 4 from its windows with a flank of 2, k × 4 from its weights) and their best m-mers. */
  filter: number;
  sitesPWM: Tensor;
  sites: number;
  weightsPWM: Tensor;
  bestMatch: { sequence: string; offset: number; score: number };
  weightsBestMatch: { sequence: string; offset: number; score: number };
  /** Every filter's PWM (from its best windows) in MEME format. */
  meme: string;
}

/**
 * The data set of src/data (plantedMotif: n uniform sequences, half of them
 * with the motif at a uniform position, each planted base mutated with
 * probability mutationRate) as Conv1d takes it: X n×4×L one-hot (oneHotDNA's
 * L×4 transposed), y n×1 in {0, 1}.
 */
export function plantedMotifData(rng: Rng, n: number, length: number, motif: string, mutationRate = 0): { X: Tensor; y: Tensor; sequences: readonly string[] } {
  const { sequences, y } = plantedMotif(rng, { n, length, motif, mutationRate });
  const X = linalg.zeros([n, 4, length]);
  sequences.forEach((s, i) => X.data.set(linalg.transpose(oneHotDNA(s)).data, i * 4 * length));
  return { X, y: linalg.reshape(y, [n, 1]), sequences };
}

/** Train the detector and read its filters out (see the file comment). */
export function motifExample(options: MotifExampleOptions = {}): MotifExampleResult {
  const { seed = 1, motif = 'TATAAT', n = 160, length = 30, filters = 8, width = 8, steps = 100, mutationRate = 0 } = options;
  const rng = new Rng(seed);
  const { X, y } = plantedMotifData(rng, n, length, motif, mutationRate);
  const conv = new Conv1d(4, filters, width, { rng, init: 'heNormal' });
  const head = new Dense(filters, 1, { rng });
  const net = new Sequential([conv, new GlobalMaxPool(), head]);
  const loss = (): ad.Var => binaryCrossEntropyWithLogits(net.forward(ad.constant(X)), y);
  const lossBefore = ad.noGrad(loss).item();
  const adam = new Adam(net.parameters(), { lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  for (let t = 1; t <= steps; t++) {
    adam.zeroGrad();
    loss().backward();
    adam.step();
  }
  const logits = ad.noGrad(() => net.forward(ad.constant(X))).value;
  let right = 0;
  for (let i = 0; i < n; i++) if ((logits.data[i]! > 0 ? 1 : 0) === y.data[i]) right++;
  // the filter that pushes the logit up most
  const weights = head.W.value.data;
  let filter = 0;
  for (let f = 1; f < filters; f++) if (weights[f]! > weights[filter]!) filter = f;
  const kernelOf = (f: number): Tensor => linalg.tensor(conv.W.value.data.slice(f * 4 * width, (f + 1) * 4 * width), [4, width]);
  // two positions of flank: a filter may hold the motif partly beyond its edge
  const sites = activationPWM(conv, X, filter, { flank: 2 });
  const weightsPWM = filterPWM(kernelOf(filter), { beta: 2 });
  const all = Array.from({ length: filters }, (_, f) => {
    const read = activationPWM(conv, X, f, { flank: 2 });
    return { name: `filter${f}`, pwm: read.pwm, sites: Math.max(1, read.sites) };
  });
  return {
    motif, conv, net, lossBefore, lossAfter: ad.noGrad(loss).item(), accuracy: right / n, filter,
    sitesPWM: sites.pwm, sites: sites.sites, weightsPWM,
    bestMatch: pwmBestMatch(sites.pwm, motif.length), weightsBestMatch: pwmBestMatch(weightsPWM, motif.length),
    meme: toMEME(all, { strands: '+' }),
  };
}

const USAGE = `usage: node dist/scripts/examples/motif.js [--seed n] [--motif ACGT…] [--mutation rate] [--out file.meme]

Plants a motif (default TATAAT; each base mutated with probability --mutation,
default 0) in half of 160 random DNA sequences, trains Conv1d(4, 8, 8) →
GlobalMaxPool → Dense(8, 1) with Adam, reads the top filter out as a PWM
(its best windows with 2 bases of flank) and prints its best match; writes
every filter's PWM in MEME format to --out (or prints it).`;

/** The command line: parse, run, print. */
function main(args: readonly string[]): void {
  const options: MotifExampleOptions = {};
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i], value = args[i + 1];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      return;
    }
    if (value === undefined || !['--seed', '--motif', '--mutation', '--out'].includes(flag!)) {
      console.error(`motif: unknown or incomplete argument '${flag}'\n\n${USAGE}`);
      process.exitCode = 1;
      return;
    }
    i++;
    if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--motif') options.motif = value.toUpperCase();
    else if (flag === '--mutation') options.mutationRate = Number(value);
    else out = value;
  }
  const r = motifExample(options);
  const rows = (p: Tensor): string => Array.from({ length: p.shape[0]! }, (_, j) => Array.from(p.data.slice(4 * j, 4 * j + 4), (x) => x.toFixed(2)).join(' ')).join('\n    ');
  console.log(`planted ${r.motif}; loss ${r.lossBefore.toFixed(4)} → ${r.lossAfter.toFixed(4)}, training accuracy ${(100 * r.accuracy).toFixed(1)} %`);
  console.log(`top filter ${r.filter}: PWM of its ${r.sites} best windows (rows: positions; columns A C G T)\n    ${rows(r.sitesPWM)}`);
  console.log(`best ${r.motif.length}-mer of that PWM: ${r.bestMatch.sequence} at offset ${r.bestMatch.offset} (log-odds ${r.bestMatch.score.toFixed(2)}); of the softmax of its weights: ${r.weightsBestMatch.sequence}`);
  if (out === undefined) console.log(`\n${r.meme}`);
  else {
    writeFileSync(out, r.meme);
    console.log(`MEME motifs of all ${r.conv.outChannels} filters written to ${out}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
