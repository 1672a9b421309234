/**
 * Specs of the GEMM kernels (EQ-LINALG-01 with α, β and the transpose forms):
 *
 *   C ← α·op(A)·op(B) + β·C,   op(X) = X or Xᵀ
 *
 * The fast kernel against its naive twin on random shapes (1×n, n×1, odd,
 * prime, not a multiple of the 4×4 tile, crossing the blocks MC = 128 and
 * KC = 256), in all four transpose forms, with α and β other than 0 and 1.
 * Every C_ij is summed in one fixed order (blocks of KC along the sum), so:
 * for k ≤ KC the fast kernel equals the naive loop bit for bit; its direct
 * and blocked paths agree bit for bit; and so does any partition of C into
 * parts (what the thread pool relies on).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/index.js';
import { KC, gemm, gemmBlocked, gemmNaive, gemmSmall, usesSmallPath } from '../../src/linalg/kernels/gemm.js';
import { assertClose, assertSameBits, gen, property } from '../harness/index.js';
import { withSimdEnabled } from '../../src/linalg/kernels/gemm-micro.js';
import { KERNELS, caseOperands, cases, operands } from './gemm-cases.js';

property(
  'EQ-LINALG-01 gemm (all transpose forms, α, β) equals the naive twin: to the bit for k ≤ KC, else to 1e-12',
  cases,
  (c) => {
    const [m, n, , transA, transB, alpha, beta] = c;
    const { k, A, B, C0 } = caseOperands(c);
    const naive = C0.slice();
    gemmNaive(transA, transB, m, n, k, alpha, A, B, beta, naive);
    for (const kernel of KERNELS) {
      const fast = C0.slice();
      withSimdEnabled(kernel.simd, () => gemm(transA, transB, m, n, k, alpha, A, B, beta, fast));
      // Beyond KC the kernel adds α·(block sum) block by block, the naive loop
      // α·(whole sum): the roundings differ, by about k·ε relative to Σ|a·b|.
      if (k <= KC) assertSameBits(fast, naive, `gemm (${kernel.name} kernel) vs gemmNaive`);
      else assertClose(fast, naive, { atol: 1e-12, rtol: 1e-12 });
    }
  },
  { runs: 150 },
);

property('EQ-LINALG-01 the direct and the blocked path of gemm give the same bits', cases, (c) => {
  const [m, n, , transA, transB, alpha, beta] = c;
  const { k, A, B, C0 } = caseOperands(c);
  const direct = C0.slice(), blocked = C0.slice();
  gemmSmall(transA, transB, m, n, k, alpha, A, B, beta, direct);
  gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, blocked, 0, m, 0, n);
  assertSameBits(blocked, direct, 'gemmBlocked vs gemmSmall');
}, { runs: 60 });

property(
  'EQ-LINALG-01 gemm on any partition of C into row or column parts gives the same bits as on the whole',
  gen.tuple(cases, gen.integer(0, 1_000_000)),
  ([c, cutSeed]) => {
    const [m, n, , transA, transB, alpha, beta] = c;
    const { k, A, B, C0 } = caseOperands(c);
    const whole = C0.slice();
    gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, whole, 0, m, 0, n);
    // Cut rows or columns at up to 3 random places, aligned to the tile or not.
    const rng = new Rng(cutSeed), byRows = rng.next() < 0.5, length = byRows ? m : n;
    const cuts = [0, ...Array.from({ length: 3 }, () => rng.int(0, length + 1)), length].sort((x, y) => x - y);
    for (const kernel of KERNELS) {
      const parts = C0.slice();
      withSimdEnabled(kernel.simd, () => {
        for (let q = 0; q + 1 < cuts.length; q++) {
          if (byRows) gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, parts, cuts[q]!, cuts[q + 1]!, 0, n);
          else gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, parts, 0, m, cuts[q]!, cuts[q + 1]!);
        }
      });
      assertSameBits(parts, whole, `${kernel.name} kernel, parts cut at ${cuts.join(', ')} of the ${byRows ? 'rows' : 'columns'}`);
    }
  },
  { runs: 60 },
);

test('EQ-LINALG-01 a worked example in each transpose form: 2·AB − C with A = [1 2 3; 4 5 6], B = [7 8; 9 10; 11 12]', () => {
  // AB = [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12] = [58 64; 139 154]
  const A = [1, 2, 3, 4, 5, 6], At = [1, 4, 2, 5, 3, 6]; // A (2×3) and Aᵀ stored 3×2
  const B = [7, 8, 9, 10, 11, 12], Bt = [7, 9, 11, 8, 10, 12]; // B (3×2) and Bᵀ stored 2×3
  const expected = [2 * 58 - 1, 2 * 64 - 1, 2 * 139 - 1, 2 * 154 - 1];
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      for (const kernel of [gemm, gemmNaive, gemmSmall]) {
        const C = Float64Array.of(1, 1, 1, 1);
        kernel(transA, transB, 2, 2, 3, 2, Float64Array.from(transA ? At : A), Float64Array.from(transB ? Bt : B), -1, C);
        assert.deepEqual(Array.from(C), expected, `${kernel.name} transA=${transA} transB=${transB}`);
      }
    }
  }
});

test('EQ-LINALG-01 thin and tiny shapes in all four forms equal the naive twin bit for bit', () => {
  const shapes: [number, number, number][] = [[1, 1, 1], [1, 1, 256], [1, 300, 1], [300, 1, 1], [1, 97, 64], [97, 1, 64], [2, 50, 9], [50, 2, 9],
    [3, 3, 3], [5, 7, 11], [4, 4, 4], [8, 8, 8], [6, 9, 33]];
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const { A, B, C0 } = operands(m, n, k, 11 + m * 1000 + n * 10 + k + (transA ? 7 : 0) + (transB ? 13 : 0));
        const fast = C0.slice(), naive = C0.slice();
        gemm(transA, transB, m, n, k, -0.5, A, B, 2, fast);
        gemmNaive(transA, transB, m, n, k, -0.5, A, B, 2, naive);
        assertSameBits(fast, naive, `${m}×${k}·${k}×${n} transA=${transA} transB=${transB}`);
      }
    }
  }
});

test('β = 0 ignores C, even NaN in it (the BLAS convention), on both paths and with both blocked kernels', () => {
  for (const kernel of KERNELS) {
    for (const [m, n, k] of [[2, 2, 2], [20, 20, 20]] as const) {
      const A = new Float64Array(m * k).fill(1), B = new Float64Array(k * n).fill(2);
      const C = new Float64Array(m * n).fill(NaN);
      withSimdEnabled(kernel.simd, () => gemm(false, false, m, n, k, 1, A, B, 0, C));
      assert.deepEqual(Array.from(C), new Array(m * n).fill(2 * k),
        `${m}×${k}·${k}×${n} (small path: ${usesSmallPath(m, n, k)}, ${kernel.name} kernel)`);
    }
  }
});

test('k = 0 is an empty sum: C ← α·0 + β·C on both paths', () => {
  for (const kernel of [gemm, gemmNaive]) {
    const C = Float64Array.of(1, 2, 3, 4, 5, 6);
    kernel(false, false, 2, 3, 0, 5, new Float64Array(0), new Float64Array(0), 3, C);
    assert.deepEqual(Array.from(C), [3, 6, 9, 12, 15, 18], kernel.name);
  }
  const C = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), naive = C.slice();
  gemmBlocked(true, true, 2, 4, 0, 5, new Float64Array(0), new Float64Array(0), 0.5, C, 0, 2, 0, 4);
  gemmNaive(true, true, 2, 4, 0, 5, new Float64Array(0), new Float64Array(0), 0.5, naive);
  assertSameBits(C, naive, 'gemmBlocked with k = 0');
  gemmBlocked(false, false, 2, 4, 0, 5, new Float64Array(0), new Float64Array(0), 0, C, 0, 2, 0, 4);
  assert.deepEqual(Array.from(C), new Array(8).fill(0));
});

test('sums past KC add block by block: a product with k = 2·KC + 3 of ones is exact', () => {
  const k = 2 * KC + 3, m = 9, n = 7;
  const C = new Float64Array(m * n).fill(1);
  gemm(true, false, m, n, k, 2, new Float64Array(m * k).fill(1), new Float64Array(k * n).fill(1), -1, C);
  assert.deepEqual(Array.from(C), new Array(m * n).fill(2 * k - 1));
});

test('a very wide product on the direct path (1×2·2×70000, past the kept row of sums) equals the naive twin, twice', () => {
  const n = 70_000, k = 2;
  const { A, B, C0 } = operands(1, n, k, 4);
  for (let round = 0; round < 2; round++) {
    const fast = C0.slice(), naive = C0.slice();
    gemm(false, false, 1, n, k, 1.5, A, B, -1, fast);
    gemmNaive(false, false, 1, n, k, 1.5, A, B, -1, naive);
    assertSameBits(fast, naive, `round ${round}`);
  }
});

test('α = 0 does not skip the product (unlike BLAS): NaN or ∞ in A or B still gives NaN in C, with both blocked kernels', () => {
  for (const kernel of KERNELS) {
    for (const [m, n, k] of [[2, 2, 2], [20, 20, 20]] as const) {
      const A = new Float64Array(m * k).fill(1), B = new Float64Array(k * n).fill(1);
      A[0] = Infinity;
      B[n - 1] = NaN;
      const C = new Float64Array(m * n).fill(3);
      withSimdEnabled(kernel.simd, () => gemm(false, false, m, n, k, 0, A, B, 1, C));
      const where = `${m}×${k}·${k}×${n}, ${kernel.name} kernel`;
      assert.ok(Number.isNaN(C[0]) && Number.isNaN(C[n - 1]), `${where}: row 0 touches ∞ and NaN`);
      assert.equal(C[n * (m - 1)], 3, `${where}: an entry away from both (last row, first column) is β·C`);
    }
  }
});
