/**
 * Whether matmul shares a product with the pool's workers: decided on the
 * product's measured cost, shape by shape, so that the pool never makes a
 * product slower than one thread does.
 *
 * Sharing a product of m·n·k multiply-adds among P threads costs
 *   t_P ≈ t₁/P + (copies of op(A), op(B), C into shared memory and back) + (waking a worker and waiting for it)
 * and only the first term shrinks with P. For an MLP 784-128-10 at batch 64
 * (products of 64·128·784 = 6.4·10⁶ multiply-adds, about a millisecond) the
 * two others ate the gain: training ran 0.72–0.90× as fast with the pool.
 * They depend on the machine and on its load (a worker on a busy core
 * wakes late), so no fixed size threshold fits: each shape is timed both
 * ways and the faster route is taken.
 *
 * Per shape (m, n, k, the transposes, β ≠ 0):
 *   - the first 2·PROBES products alternate between the pool and one
 *     thread (the pool first), each route's time the least of its PROBES;
 *   - then each product takes the route of the smaller time, and its time
 *     updates that route's figure (t ← 0.7·t + 0.3·t_new);
 *   - every REPROBE_EVERY-th product of the shape takes the other route
 *     once, so that a change of load (or a JIT warming up) is seen.
 * Both routes give the same bits (pool.ts), so the choice never shows in a
 * result. At most MAX_SHAPES shapes are remembered (then all are forgotten).
 */

/** Timings of each route per shape before the first choice. */
export const PROBES = 2;

/** Every this many products of a shape, the other route is timed once more. */
export const REPROBE_EVERY = 32;

/** Shapes remembered at most; one more clears them all. */
export const MAX_SHAPES = 256;

/** The times of one shape, ms (Infinity until measured). */
interface ShapeTimes {
  calls: number;
  single: number;
  pooled: number;
  singleRuns: number;
  pooledRuns: number;
}

/** The key of a product's shape. */
export function shapeKey(transA: boolean, transB: boolean, m: number, n: number, k: number, beta: number): string {
  return `${m}x${n}x${k}${transA ? 'T' : 'N'}${transB ? 'T' : 'N'}${beta === 0 ? '' : 'b'}`;
}

/** The route chooser of one running pool (file comment). */
export class SplitChooser {
  private readonly shapes = new Map<string, ShapeTimes>();

  /** Shapes remembered now. */
  get size(): number {
    return this.shapes.size;
  }

  /** Should the next product of shape `key` go to the pool (true) or stay on one thread (false)? */
  usePool(key: string): boolean {
    let s = this.shapes.get(key);
    if (s === undefined) {
      if (this.shapes.size >= MAX_SHAPES) this.shapes.clear();
      s = { calls: 0, single: Infinity, pooled: Infinity, singleRuns: 0, pooledRuns: 0 };
      this.shapes.set(key, s);
    }
    s.calls++;
    if (s.pooledRuns < PROBES || s.singleRuns < PROBES) return s.pooledRuns <= s.singleRuns;
    const pooledFaster = s.pooled < s.single;
    return s.calls % REPROBE_EVERY === 0 ? !pooledFaster : pooledFaster;
  }

  /** A product of shape `key` took `ms` on the pool (pooled) or on one thread. */
  record(key: string, pooled: boolean, ms: number): void {
    const s = this.shapes.get(key);
    if (s === undefined) return;
    if (pooled) {
      s.pooled = s.pooledRuns < PROBES ? Math.min(s.pooled, ms) : 0.7 * s.pooled + 0.3 * ms;
      s.pooledRuns++;
    } else {
      s.single = s.singleRuns < PROBES ? Math.min(s.single, ms) : 0.7 * s.single + 0.3 * ms;
      s.singleRuns++;
    }
  }
}
