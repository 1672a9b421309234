/**
 * Training-loop benchmark: what the library's layers, loss, optimizer and
 * `fit` cost over the same training written by hand.
 *
 *   npm run bench -- fit [--json] [--rounds 9] [--samples 2048] [--epochs 2] [--warmup-ms 2000]
 *
 * Two variants train the same MLP 784-128-10 from the same initial weights
 * on the same seeded data (X: n×784 ~ N(0, 1), labels uniform in 0 … 9),
 * mini-batches of 64 in a new order each epoch, softmax cross-entropy from
 * the logits, Adam (η = 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ outside √):
 *
 *   library  fit(Sequential([Dense(784, 128), ReLU(), Dense(128, 10)]),
 *                crossEntropyWithLogits, new Adam(net.parameters()), { X, y }, …)
 *   bare     the same loop written out: rows gathered by hand, the network as
 *            autodiff ops (relu(X·W₁ + b₁)·W₂ + b₂, mean of −Σ Y ⊙ logSoftmax),
 *            backward, and the Adam update inline over Var.value.data
 *
 * Both draw the orders from Rng(7) and do the same arithmetic, so after
 * every round their parameters must agree bit for bit (printed). Each round
 * times one call of each (of --epochs epochs over --samples samples), in
 * alternating order, after a JIT warm-up of about --warmup-ms. Times are
 * the process's CPU time (user + system, process.cpuUsage), so that waiting
 * for a core on a shared machine does not count; the figure is the ratio of
 * the two within each round, its median and its spread (min … max) over
 * the rounds, with the median samples per CPU-second of each variant (and,
 * for reference, per wall-clock second).
 * Everything runs on one thread (no pool).
 */
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import { Dense, ReLU, Sequential } from '../../src/layers/index.js';
import { crossEntropyWithLogits } from '../../src/losses/index.js';
import { randn, tensor, zeros } from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { pow } from '../../src/math/index.js';
import { Adam } from '../../src/optimizers/index.js';
import { Rng } from '../../src/random/index.js';
import { fit } from '../../src/train/index.js';

const D = 784, HIDDEN = 128, CLASSES = 10, BATCH = 64, ETA = 1e-3, BETA1 = 0.9, BETA2 = 0.999, EPSILON = 1e-8;

interface Options {
  json: boolean;
  rounds: number;
  samples: number;
  epochs: number;
  warmupMs: number;
}

function parseOptions(args: string[]): Options {
  const options: Options = { json: false, rounds: 9, samples: 2048, epochs: 2, warmupMs: 2000 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): number => {
      const v = Number(args[++i]);
      if (!Number.isSafeInteger(v) || v < 1) throw new Error(`fit: ${flag} takes a positive integer, got '${args[i]}'`);
      return v;
    };
    if (flag === '--json') options.json = true;
    else if (flag === '--rounds') options.rounds = value();
    else if (flag === '--samples') options.samples = value();
    else if (flag === '--epochs') options.epochs = value();
    else if (flag === '--warmup-ms') options.warmupMs = value();
    else throw new Error(`fit: unknown option '${flag}'; the options are --json, --rounds, --samples, --epochs, --warmup-ms`);
  }
  if (options.samples < BATCH) throw new Error(`fit: --samples must be at least the batch size ${BATCH}`);
  return options;
}

/** The hand-written loop: its parameters, Adam state, order generator and one-hot targets. */
class BareLoop {
  readonly params: Var[];
  readonly m: Float64Array[];
  readonly v: Float64Array[];
  t = 0;
  readonly rng = new Rng(7);
  readonly Y: Float64Array;

  constructor(start: readonly Tensor[], readonly X: Tensor, labels: Tensor) {
    this.params = start.map((p) => ad.variable({ shape: [...p.shape], data: p.data.slice() }));
    this.m = start.map((p) => new Float64Array(p.data.length));
    this.v = start.map((p) => new Float64Array(p.data.length));
    const n = labels.data.length;
    this.Y = new Float64Array(n * CLASSES);
    for (let i = 0; i < n; i++) this.Y[i * CLASSES + labels.data[i]!] = 1;
  }

  /** `epochs` passes over the data in batches of 64, each epoch in a new order. */
  train(epochs: number): void {
    const n = this.X.shape[0]!;
    const [W1, b1, W2, b2] = this.params as [Var, Var, Var, Var];
    for (let e = 0; e < epochs; e++) {
      const order = this.rng.permutation(n);
      for (let start = 0; start < n; start += BATCH) {
        const B = Math.min(BATCH, n - start);
        const xb = new Float64Array(B * D), yb = new Float64Array(B * CLASSES);
        for (let i = 0; i < B; i++) {
          const row = order[start + i]!;
          xb.set(this.X.data.subarray(row * D, row * D + D), i * D);
          yb.set(this.Y.subarray(row * CLASSES, row * CLASSES + CLASSES), i * CLASSES);
        }
        const H = ad.relu(ad.add(ad.matmul(ad.constant({ shape: [B, D], data: xb }), W1), b1));
        const Z = ad.add(ad.matmul(H, W2), b2);
        const L = ad.mean(ad.neg(ad.sum(ad.mul(ad.logSoftmax(Z), ad.constant({ shape: [B, CLASSES], data: yb })), { axis: -1 })));
        ad.zeroGrad(this.params);
        L.backward();
        this.adam();
      }
    }
  }

  /** θ ← θ − η·m̂/(√v̂ + ε), the Adam step written out. */
  adam(): void {
    const t = ++this.t;
    const c1 = 1 - pow(BETA1, t), c2 = 1 - pow(BETA2, t);
    this.params.forEach((p, k) => {
      const theta = p.value.data, g = p.grad.data, m = this.m[k]!, v = this.v[k]!;
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i]!;
        const mi = BETA1 * m[i]! + (1 - BETA1) * gi;
        const vi = BETA2 * v[i]! + (1 - BETA2) * (gi * gi);
        m[i] = mi;
        v[i] = vi;
        const denominator = Math.sqrt(vi / c2) + EPSILON;
        theta[i] = theta[i]! + (-ETA * (mi / c1)) / denominator;
      }
    });
  }
}

/** Do two parameter lists hold the same bits? */
function sameBits(a: readonly Var[], b: readonly Var[]): boolean {
  return a.length === b.length && a.every((p, k) => {
    const x = new Uint32Array(p.value.data.buffer, p.value.data.byteOffset, p.value.data.length * 2);
    const q = b[k]!.value.data;
    const y = new Uint32Array(q.buffer, q.byteOffset, q.length * 2);
    return x.length === y.length && x.every((w, i) => w === y[i]);
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const n = options.samples;
  const data = new Rng(2024);
  const X = randn([n, D], data);
  const y = tensor(Array.from({ length: n }, () => data.int(0, CLASSES)), [n]);
  const init = new Rng(1);
  const net = new Sequential([new Dense(D, HIDDEN, { rng: init, init: 'heNormal' }), new ReLU(), new Dense(HIDDEN, CLASSES, { rng: init })]);
  const bare = new BareLoop(net.parameters().map((p) => p.value), X, y);
  const adam = new Adam(net.parameters(), { lr: ETA, beta1: BETA1, beta2: BETA2, epsilon: EPSILON });
  const order = new Rng(7);
  let lastLoss = NaN;
  const library = (epochs: number): void => {
    const history = fit(net, crossEntropyWithLogits, adam, { X, y }, { epochs, batchSize: BATCH, rng: order, progress: false });
    lastLoss = history.trainLoss.at(-1)!;
  };
  const warmupEnd = performance.now() + options.warmupMs;
  while (performance.now() < warmupEnd) {
    library(1);
    bare.train(1);
  }
  // CPU time of this process (user + system), not wall-clock time: on a
  // shared machine the wait for a core would otherwise count as work.
  const wall: { library: number[]; bare: number[] } = { library: [], bare: [] };
  const time = (run: () => void, variant: 'library' | 'bare'): number => {
    const c0 = process.cpuUsage(), t0 = performance.now();
    run();
    const c = process.cpuUsage(c0);
    wall[variant].push((n * options.epochs) / ((performance.now() - t0) / 1000));
    return (n * options.epochs) / ((c.user + c.system) / 1e6);
  };
  const libraryRates: number[] = [], bareRates: number[] = [], ratios: number[] = [];
  let identical = sameBits(net.parameters(), bare.params);
  for (let r = 0; r < options.rounds; r++) {
    let lib: number, hand: number;
    if (r % 2 === 0) {
      lib = time(() => library(options.epochs), 'library');
      hand = time(() => bare.train(options.epochs), 'bare');
    } else {
      hand = time(() => bare.train(options.epochs), 'bare');
      lib = time(() => library(options.epochs), 'library');
    }
    libraryRates.push(lib);
    bareRates.push(hand);
    ratios.push(lib / hand);
    identical &&= sameBits(net.parameters(), bare.params);
  }
  const result = {
    network: `${D}-${HIDDEN}-${CLASSES}`, batch: BATCH, samples: n, epochs: options.epochs, rounds: options.rounds,
    librarySamplesPerSecond: median(libraryRates), bareSamplesPerSecond: median(bareRates),
    ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios), identical, loss: lastLoss,
    libraryWallSamplesPerSecond: median(wall.library), bareWallSamplesPerSecond: median(wall.bare),
  };
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`MLP ${result.network}, batch ${BATCH}, Adam, ${n} samples × ${options.epochs} epochs per timing, ${options.rounds} rounds, one thread:`);
    console.log(`  library (Sequential, Dense, crossEntropyWithLogits, Adam, fit)  ${result.librarySamplesPerSecond.toFixed(0)} samples per CPU-second (median)`);
    console.log(`  bare loop (autodiff ops, Adam inline)                          ${result.bareSamplesPerSecond.toFixed(0)} samples per CPU-second (median)`);
    console.log(`  wall clock (median): library ${result.libraryWallSamplesPerSecond.toFixed(0)}, bare ${result.bareWallSamplesPerSecond.toFixed(0)} samples/s`);
    console.log(`  library/bare, per round: ${result.ratio.toFixed(3)} (median; rounds ${result.ratioMin.toFixed(3)} … ${result.ratioMax.toFixed(3)})`);
    console.log(`  same parameters bit for bit after every round: ${identical ? 'yes' : 'NO'}; last epoch's training loss ${lastLoss.toFixed(4)}`);
  }
}
