/**
 * Specs of the level-3 kernels of the blocked decompositions, each against
 * its naive twin:
 *
 *   gemmStrided   C ← α·op(A)·op(B) + β·C on views (offset, leading dimension)
 *                 of larger arrays — the triple loop, and gemm on copies
 *   trsm          op(T)·X = B by blocks — plain substitution, and the residual
 *   reflectors    makeReflector: H·x = β·e₁ with |β| = ‖x‖; the block
 *                 I − V·T·Vᵀ applied by gemm — the reflections one by one
 *
 * Views are placed at random offsets inside arrays filled with a sentinel,
 * and every entry outside the written view must keep it.
 */
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { KC, gemm } from '../../src/linalg/kernels/gemm.js';
import { gemmStrided, gemmStridedNaive } from '../../src/linalg/kernels/gemm-strided.js';
import { substituteBlock, trsm, trsmNaive } from '../../src/linalg/kernels/trsm.js';
import {
  applyBlockReflector, applyReflectorsNaive, blockReflectorT, makeReflector,
} from '../../src/linalg/kernels/reflector.js';
import { withSimdEnabled } from '../../src/linalg/kernels/gemm-micro.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { KERNELS } from './gemm-cases.js';

const SENTINEL = 12345.678;

/** A stored rows×cols matrix inside a larger array: leading dimension ≥ cols, a random offset, a sentinel around it. */
interface View { data: Float64Array; off: number; ld: number; rows: number; cols: number }

function view(rows: number, cols: number, rng: Rng, fill: (i: number, j: number) => number): View {
  const ld = cols + rng.int(0, 4), off = rng.int(0, 6);
  const data = new Float64Array(off + rows * ld + rng.int(0, 4)).fill(SENTINEL);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[off + i * ld + j] = fill(i, j);
  return { data, off, ld, rows, cols };
}

/** The view's entries, contiguous row-major. */
function contiguous(v: View): Float64Array {
  const out = new Float64Array(v.rows * v.cols);
  for (let i = 0; i < v.rows; i++) for (let j = 0; j < v.cols; j++) out[i * v.cols + j] = v.data[v.off + i * v.ld + j]!;
  return out;
}

/** Throw unless every entry of the array outside the view is still the sentinel. */
function assertOutsideUntouched(v: View, label: string): void {
  for (let at = 0; at < v.data.length; at++) {
    const r = Math.floor((at - v.off) / v.ld), c = (at - v.off) - r * v.ld;
    const inside = at >= v.off && r < v.rows && c < v.cols;
    if (!inside) assert.equal(v.data[at], SENTINEL, `${label}: entry ${at} outside the view was written`);
  }
}

interface GemmCase { m: number; n: number; k: number; transA: boolean; transB: boolean; alpha: number; beta: number; seed: number }

const dimension = (rng: Rng): number => [1, 2, 3, 4, 5, 7, 13, 31, 64, 129][rng.int(0, 10)]!;
const gemmCases = {
  generate(rng: Rng): GemmCase {
    const k = rng.next() < 0.15 ? [0, KC, KC + 3][rng.int(0, 3)]! : dimension(rng);
    return {
      m: dimension(rng), n: dimension(rng), k, transA: rng.next() < 0.5, transB: rng.next() < 0.5,
      alpha: [1, -1, 0.75][rng.int(0, 3)]!, beta: [0, 1, -0.5][rng.int(0, 3)]!, seed: rng.int(0, 1e9),
    };
  },
};

property('EQ-LINALG-01 gemmStrided on views equals the naive twin to 1e-13, and gemm on contiguous copies to the bit; nothing outside C is written',
  gemmCases, ({ m, n, k, transA, transB, alpha, beta, seed }) => {
    const rng = new Rng(seed), normal = (): number => rng.normal();
    const A = transA ? view(k, m, rng, normal) : view(m, k, rng, normal);
    const B = transB ? view(n, k, rng, normal) : view(k, n, rng, normal);
    const C0 = view(m, n, rng, normal);
    const naive = { ...C0, data: C0.data.slice() };
    gemmStridedNaive(transA, transB, m, n, k, alpha, A.data, A.off, A.ld, B.data, B.off, B.ld, beta, naive.data, naive.off, naive.ld);
    const expected = contiguous(C0);
    gemm(transA, transB, m, n, k, alpha, contiguous(A), contiguous(B), beta, expected);
    for (const kernel of KERNELS) {
      const fast = { ...C0, data: C0.data.slice() };
      withSimdEnabled(kernel.simd, () => gemmStrided(transA, transB, m, n, k, alpha, A.data, A.off, A.ld, B.data, B.off, B.ld, beta, fast.data, fast.off, fast.ld));
      assertSameBits(contiguous(fast), expected, `gemmStrided (${kernel.name}) vs gemm on copies`);
      assertOutsideUntouched(fast, 'gemmStrided');
    }
    assertClose(contiguous(naive), expected, { atol: 1e-13 * Math.max(1, k), rtol: 1e-13 });
    assertOutsideUntouched(naive, 'gemmStridedNaive');
  }, { runs: 120 });

interface TrsmCase { n: number; k: number; lower: boolean; trans: boolean; unit: boolean; block: number; seed: number }

property('trsm by blocks (any block size) equals the substitution twin to 1e-12·‖X‖ and solves op(T)·X = B; nothing outside B is written',
  {
    generate: (rng: Rng): TrsmCase => ({
      n: [1, 2, 5, 16, 17, 40, 70][rng.int(0, 7)]!, k: [1, 3, 8, 33][rng.int(0, 4)]!,
      lower: rng.next() < 0.5, trans: rng.next() < 0.5, unit: rng.next() < 0.5,
      block: [1, 3, 4, 16, 64][rng.int(0, 5)]!, seed: rng.int(0, 1e9),
    }),
  },
  ({ n, k, lower, trans, unit, block, seed }) => {
    const rng = new Rng(seed);
    // A well-conditioned triangle (diagonal 2 + |N(0,1)|, others N(0,1)/n); the other triangle holds garbage that must not be read.
    const T = view(n, n, rng, (i, j) => (i === j ? 2 + Math.abs(rng.normal()) : (lower ? j < i : j > i) ? rng.normal() / n : 1e300));
    const B = view(n, k, rng, () => rng.normal());
    const naive = { ...B, data: B.data.slice() }, fast = { ...B, data: B.data.slice() }, unrolled = { ...B, data: B.data.slice() };
    trsmNaive(lower, trans, unit, n, k, T.data, T.off, T.ld, naive.data, naive.off, naive.ld);
    trsm(lower, trans, unit, n, k, T.data, T.off, T.ld, fast.data, fast.off, fast.ld, block);
    substituteBlock(lower, trans, unit, n, k, T.data, T.off, T.ld, unrolled.data, unrolled.off, unrolled.ld);
    const x = contiguous(naive), scale = Math.max(1, ...x.map(Math.abs));
    assertClose(contiguous(fast), x, { atol: 1e-12 * scale, rtol: 0 }, `trsm (block ${block})`);
    assertClose(contiguous(unrolled), x, { atol: 1e-12 * scale, rtol: 0 }, 'substituteBlock');
    assertOutsideUntouched(fast, 'trsm');
    // Residual: op(T)·X − B, with op(T)'s triangle (unit diagonal taken as 1).
    const t = (i: number, j: number): number => {
      const [r, c] = trans ? [j, i] : [i, j];
      if (r === c) return unit ? 1 : T.data[T.off + r * T.ld + c]!;
      return (lower ? c < r : c > r) ? T.data[T.off + r * T.ld + c]! : 0;
    };
    const b = contiguous(B), got = contiguous(fast);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += t(i, j) * got[j * k + c]!;
        assertClose(s, b[i * k + c]!, { atol: 1e-12 * scale * 3, rtol: 0 }, `residual [${i}, ${c}]`);
      }
    }
  }, { runs: 100 });

property('makeReflector: H = I − τvvᵀ (v₀ = 1) is orthogonal and maps x onto β·e₁ with |β| = ‖x‖₂ (1e-14 relative)',
  { generate: (rng: Rng) => ({ len: rng.int(1, 20), seed: rng.int(0, 1e9), zeroTail: rng.next() < 0.2 }) },
  ({ len, seed, zeroTail }) => {
    const rng = new Rng(seed);
    const x = Float64Array.from({ length: len }, (_, i) => (zeroTail && i > 0 ? 0 : rng.normal()));
    const norm = Math.sqrt(x.reduce((s, xi) => s + xi * xi, 0));
    const work = x.slice(), tau = makeReflector(work, 0, 1, len);
    const beta = work[0]!, v = Float64Array.from({ length: len }, (_, i) => (i === 0 ? 1 : work[i]!));
    assertClose(Math.abs(beta), norm, { atol: 0, rtol: 1e-14 });
    const vx = v.reduce((s, vi, i) => s + vi * x[i]!, 0), vv = v.reduce((s, vi) => s + vi * vi, 0);
    const hx = x.map((xi, i) => xi - tau * v[i]! * vx);
    assertClose(hx, x.map((_, i) => (i === 0 ? beta : 0)), { atol: 1e-14 * norm, rtol: 0 }, 'H·x = β·e₁');
    assertClose(tau * (tau * vv - 2), 0, { atol: 1e-14, rtol: 0 }, 'HᵀH = I ⇔ τ²·vᵀv = 2τ');
  }, { runs: 60 });

property('the block I − V·T·Vᵀ (T by blockReflectorT, applied by gemm) equals the r reflections applied one by one, Q·C and Qᵀ·C (1e-13)',
  { generate: (rng: Rng) => ({ len: rng.int(1, 60), r: rng.int(1, 12), cols: rng.int(1, 40), trans: rng.next() < 0.5, seed: rng.int(0, 1e9) }) },
  ({ len, r: wanted, cols, trans, seed }) => {
    const rng = new Rng(seed), r = Math.min(wanted, len);
    // r reflections of random columns, stored as Vt (r×len): row j = v_j, zero before j, 1 at j.
    const Vt = new Float64Array(r * len), tau = new Float64Array(r);
    for (let j = 0; j < r; j++) {
      const x = Float64Array.from({ length: len - j }, () => rng.normal());
      tau[j] = makeReflector(x, 0, 1, len - j);
      Vt[j * len + j] = 1;
      for (let i = 1; i < len - j; i++) Vt[j * len + j + i] = x[i]!;
    }
    const T = new Float64Array(r * r);
    blockReflectorT(r, len, Vt, 0, len, tau, 0, T, 0, r);
    const C = view(len, cols, rng, () => rng.normal());
    const naive = { ...C, data: C.data.slice() }, block = { ...C, data: C.data.slice() };
    applyReflectorsNaive(trans, r, len, cols, Vt, 0, len, tau, naive.data, naive.off, naive.ld);
    applyBlockReflector(trans, r, len, cols, Vt, 0, len, T, 0, r, block.data, block.off, block.ld,
      new Float64Array(r * cols), new Float64Array(r * cols));
    assertClose(contiguous(block), contiguous(naive), { atol: 1e-13 * Math.sqrt(len), rtol: 0 });
    assertOutsideUntouched(block, 'applyBlockReflector');
  }, { runs: 80 });
