/**
 * Graphs are freed without `tidy`: trains a 2 → 16 → 1 MLP for 10 000 steps of
 * plain gradient descent, building a new graph every step, and prints the
 * heap every 1 000 steps. The heap stays flat because a graph is reachable
 * only from its loss; the parameters (leaves) never point at the nodes built
 * from them, so dropping the loss drops the graph.
 *
 *   npm run memory      (node --expose-gc, so the heap is read after a full collection)
 *
 * Problem: y = sin(2x₁)·cos(x₂) on 256 points x ~ U[−1.5, 1.5]², seeded.
 * Model: ŷ = tanh(X·W₁ + b₁)·W₂ + b₂, X: [256, 2], W₁: [2, 16], b₁: [16], W₂: [16, 1], b₂: [1].
 * Update: θ ← θ − η·∂L/∂θ with η = 0.1 on L = mean((ŷ − y)²).
 */
import * as ad from '../src/autodiff/index.js';
import * as linalg from '../src/linalg/index.js';
import { Rng } from '../src/random/index.js';

const USAGE = `usage: npm run memory [-- --help]

Trains a 2 → 16 → 1 MLP for 10,000 steps of gradient descent, a new graph
every step, and prints the loss and the heap every 1,000 steps: the heap
stays flat because a graph is garbage once its loss is dropped. npm runs it
with --expose-gc, so the heap is read after a full collection. No options.`;

const gc = (globalThis as { gc?: () => void }).gc;

function train(): void {
  const rng = new Rng(7);
  const n = 256;
  const X = linalg.rand([n, 2], rng, -1.5, 1.5);
  const y = linalg.zeros([n, 1]);
  for (let i = 0; i < n; i++) {
    const x1 = X.data[2 * i]!, x2 = X.data[2 * i + 1]!;
    y.data[i] = Math.sin(2 * x1) * Math.cos(x2);
  }

  const W1 = ad.variable(linalg.randn([2, 16], rng, 0, 1));
  const b1 = ad.variable(linalg.zeros([16]));
  const W2 = ad.variable(linalg.randn([16, 1], rng, 0, 0.25));
  const b2 = ad.variable(linalg.zeros([1]));
  const params = [W1, b1, W2, b2];
  const eta = 0.1;

  const megabytes = (bytes: number): string => (bytes / 2 ** 20).toFixed(2).padStart(7);
  console.log(gc ? 'heap read after a full collection (--expose-gc)' : 'run with --expose-gc for exact heap readings');
  console.log(' step      loss   heapUsed (MB)');
  const started = Date.now();
  const heaps: number[] = [];
  for (let step = 1; step <= 10000; step++) {
    ad.zeroGrad(params);
    const yHat = ad.add(ad.matmul(ad.tanh(ad.add(ad.matmul(X, W1), b1)), W2), b2);
    const loss = ad.mean(ad.pow(ad.sub(yHat, y), 2));
    loss.backward();
    for (const p of params) linalg.addScaledInto(p.value, p.grad, -eta); // θ ← θ − η·∂L/∂θ
    if (step % 1000 === 0) {
      const value = loss.item();
      gc?.();
      const heap = process.memoryUsage().heapUsed;
      heaps.push(heap);
      console.log(`${String(step).padStart(5)}  ${value.toExponential(3)}  ${megabytes(heap)}`);
    }
  }
  const growth = (heaps.at(-1) ?? 0) - (heaps[0] ?? 0);
  console.log(`heap change from step 1 000 to 10 000: ${(growth / 2 ** 20).toFixed(2)} MB; ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
} else if (args.length > 0) {
  console.error(`unknown argument '${args[0]}'\n\n${USAGE}`);
  process.exitCode = 1;
} else {
  train();
}
