/**
 * The motif example of the convolution lecture: a Conv1d network on one-hot
 * DNA learns to tell sequences that carry a planted motif from background,
 * and its first-layer filters are read out as position weight matrices and
 * written in MEME format.
 *
 *   data     n sequences of `length` uniform bases; every second one carries
 *            the motif (TATAAT, the −10 box) at a uniform position;
 *            X: n×4×L one-hot (channels A, C, G, T), y: n×1 in {0, 1}
 *   model    Conv1d(4, F, k) → GlobalMaxPool → Dense(F, 1)
 *            logit = b + Σ_f v_f · max_t (W_f ⋆ x)(t): each filter scans the
 *            sequence and reports its best window, wherever it is
 *   loss     binary cross-entropy on the logit, full batch
 *   update   Adam, written out (m, v, bias corrections; η = 0.05, β₁ = 0.9,
 *            β₂ = 0.999, ε = 1e-8)
 *   read-out the filter with the largest output weight v_f; its PWM from the
 *            windows that activate it most (activationPWM) and from its
 *            weights (filterPWM); the best-matching 6-mer of the PWM
 *
 * Used by the tour (scripts/tour/cnn.ts) and proven in spec/layers/motif.test.ts.
 */
import * as ad from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Conv1d, Dense, GlobalMaxPool, Sequential, activationPWM, filterPWM, pwmBestMatch, toMEME } from '../../src/layers/index.js';
import { binaryCrossEntropyWithLogits } from '../../src/losses/index.js';
import { Rng } from '../../src/random/index.js';

const BASES = 'ACGT';

/** Options of the example (defaults in brackets). */
export interface MotifExampleOptions {
  seed?: number; // [1]
  motif?: string; // ['TATAAT']
  n?: number; // sequences [160]
  length?: number; // bases per sequence [30]
  filters?: number; // F [8]
  width?: number; // k [8]
  steps?: number; // Adam steps [100]
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
  /** The filter with the largest output weight, its PWMs (k × 4) and their best 6-mer. */
  filter: number;
  sitesPWM: Tensor;
  sites: number;
  weightsPWM: Tensor;
  bestMatch: { sequence: string; offset: number; score: number };
  weightsBestMatch: { sequence: string; offset: number; score: number };
  /** Every filter's PWM (from its best windows) in MEME format. */
  meme: string;
}

/** Seeded sequences, every second with the motif planted at a uniform position: X n×4×L one-hot, y n×1. */
export function plantedMotifData(rng: Rng, n: number, length: number, motif: string): { X: Tensor; y: Tensor; sequences: string[] } {
  const X = linalg.zeros([n, 4, length]), y = linalg.zeros([n, 1]), sequences: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = Array.from({ length }, () => rng.int(0, 4));
    if (i % 2 === 0) {
      const at = rng.int(0, length - motif.length + 1);
      for (let j = 0; j < motif.length; j++) s[at + j] = BASES.indexOf(motif[j]!);
      y.data[i] = 1;
    }
    s.forEach((b, t) => { X.data[(i * 4 + b) * length + t] = 1; });
    sequences.push(s.map((b) => BASES[b]!).join(''));
  }
  return { X, y, sequences };
}

/** Train the detector and read its filters out (see the file comment). */
export function motifExample(options: MotifExampleOptions = {}): MotifExampleResult {
  const { seed = 1, motif = 'TATAAT', n = 160, length = 30, filters = 8, width = 8, steps = 100 } = options;
  const rng = new Rng(seed);
  const { X, y } = plantedMotifData(rng, n, length, motif);
  const conv = new Conv1d(4, filters, width, { rng, init: 'heNormal' });
  const head = new Dense(filters, 1, { rng });
  const net = new Sequential([conv, new GlobalMaxPool(), head]);
  const loss = (): ad.Var => binaryCrossEntropyWithLogits(net.forward(ad.constant(X)), y);
  const lossBefore = ad.noGrad(loss).item();
  // Adam: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·m̂/(√v̂ + ε)
  const eta = 0.05, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  const params = net.parameters();
  const m = params.map((p) => new Float64Array(p.value.data.length)), v = params.map((p) => new Float64Array(p.value.data.length));
  for (let t = 1; t <= steps; t++) {
    net.zeroGrad();
    loss().backward();
    params.forEach((p, k) => {
      const theta = p.value.data, g = p.grad.data, mk = m[k]!, vk = v[k]!;
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i]!;
        mk[i] = beta1 * mk[i]! + (1 - beta1) * gi;
        vk[i] = beta2 * vk[i]! + (1 - beta2) * gi * gi;
        const mHat = mk[i]! / (1 - beta1 ** t), vHat = vk[i]! / (1 - beta2 ** t);
        theta[i] = theta[i]! - (eta * mHat) / (Math.sqrt(vHat) + epsilon);
      }
    });
  }
  const logits = ad.noGrad(() => net.forward(ad.constant(X))).value;
  let right = 0;
  for (let i = 0; i < n; i++) if ((logits.data[i]! > 0 ? 1 : 0) === y.data[i]) right++;
  // the filter that pushes the logit up most
  const weights = head.W.value.data;
  let filter = 0;
  for (let f = 1; f < filters; f++) if (weights[f]! > weights[filter]!) filter = f;
  const kernelOf = (f: number): Tensor => linalg.tensor(conv.W.value.data.slice(f * 4 * width, (f + 1) * 4 * width), [4, width]);
  const sites = activationPWM(conv, X, filter);
  const weightsPWM = filterPWM(kernelOf(filter), { beta: 2 });
  const all = Array.from({ length: filters }, (_, f) => {
    const read = activationPWM(conv, X, f);
    return { name: `filter${f}`, pwm: read.pwm, sites: Math.max(1, read.sites) };
  });
  return {
    motif, conv, net, lossBefore, lossAfter: ad.noGrad(loss).item(), accuracy: right / n, filter,
    sitesPWM: sites.pwm, sites: sites.sites, weightsPWM,
    bestMatch: pwmBestMatch(sites.pwm, motif.length), weightsBestMatch: pwmBestMatch(weightsPWM, motif.length),
    meme: toMEME(all),
  };
}
