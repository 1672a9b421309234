/**
 * Specs of the WebAssembly SIMD macro-kernel (kernels/gemm-simd.ts): the
 * same 4×4 tile and summation order as the JavaScript micro-kernel, two
 * doubles per instruction. f64x2.mul and f64x2.add round each lane as the
 * scalar * and + do, so the two kernels must agree to the last bit on every
 * product (EQ-LINALG-01), and where WebAssembly SIMD is missing gemm must
 * fall back to the JavaScript kernel rather than fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KC, MC, NC, gemm, gemmBlocked, gemmNaive } from '../../src/linalg/kernels/gemm.js';
import { setSimdEnabled, simdAvailable, simdEnabledNow, withSimdEnabled } from '../../src/linalg/kernels/gemm-micro.js';
import { globalWasm, instantiateSimdKernel, memoryPages, simdKernelModule } from '../../src/linalg/kernels/gemm-simd.js';
import type { WasmApi } from '../../src/linalg/kernels/gemm-simd.js';
import { assertSameBits, property } from '../harness/index.js';
import { caseOperands, cases, operands } from './gemm-cases.js';

test('this engine (Node 20) runs the SIMD kernel: gemm did not fall back silently', () => {
  assert.equal(simdAvailable(), true);
  assert.equal(simdEnabledNow(), true, 'the SIMD kernel is the default');
});

property('EQ-LINALG-01 the SIMD and the JavaScript kernel give the same bits (all transpose forms, α, β, any k)', cases, (c) => {
  const [m, n, , transA, transB, alpha, beta] = c;
  const { k, A, B, C0 } = caseOperands(c);
  const simd = C0.slice(), scalar = C0.slice();
  withSimdEnabled(true, () => gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, simd, 0, m, 0, n));
  withSimdEnabled(false, () => gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, scalar, 0, m, 0, n));
  assertSameBits(simd, scalar, 'SIMD vs JavaScript kernel');
}, { runs: 80 });

test('EQ-LINALG-01 full blocks (MC×NC, depth past KC) and one past each: SIMD, JavaScript and naive agree', () => {
  const shapes: [number, number, number][] = [[MC, NC, KC], [MC + 1, NC + 1, KC + 1], [MC + 3, 9, 2 * KC + 5]];
  for (const [m, n, k] of shapes) {
    const { A, B, C0 } = operands(m, n, k, m + n + k);
    const simd = C0.slice(), scalar = C0.slice(), naive = C0.slice();
    withSimdEnabled(true, () => gemm(false, true, m, n, k, 0.5, A, B, -1, simd));
    withSimdEnabled(false, () => gemm(false, true, m, n, k, 0.5, A, B, -1, scalar));
    assertSameBits(simd, scalar, `${m}×${k}·${k}×${n}`);
    if (k <= KC) {
      gemmNaive(false, true, m, n, k, 0.5, A, B, -1, naive);
      assertSameBits(simd, naive, `${m}×${k}·${k}×${n} vs naive`);
    }
  }
});

test('an edge block after a full one: the SIMD kernel copies only the valid part of its scratch block, with the right strides', () => {
  const big = operands(64, 64, 64, 1);
  big.A.fill(NaN); // leaves NaN in every sum of the scratch block Ĉ, padding included
  gemmBlocked(false, false, 64, 64, 64, 1, big.A, big.B, 0, big.C0, 0, 64, 0, 64);
  for (const beta of [0.5, 0]) {
    const { A, B, C0 } = operands(5, 7, 17, 2);
    const fast = C0.slice(), naive = C0.slice();
    withSimdEnabled(true, () => gemmBlocked(false, false, 5, 7, 17, 2, A, B, beta, fast, 0, 5, 0, 7));
    gemmNaive(false, false, 5, 7, 17, 2, A, B, beta, naive);
    assertSameBits(fast, naive, `5×17·17×7, β = ${beta}, after a NaN-filled 64³ block`);
  }
});

test('setSimdEnabled and withSimdEnabled switch this thread between the kernels; withSimdEnabled restores the choice', () => {
  const before = simdEnabledNow();
  try {
    assert.equal(setSimdEnabled(false), false);
    assert.equal(simdEnabledNow(), false);
    assert.equal(setSimdEnabled(true), simdAvailable());
    assert.equal(simdEnabledNow(), simdAvailable());
    assert.throws(() => withSimdEnabled(false, () => {
      assert.equal(simdEnabledNow(), false);
      throw new Error('inside');
    }), /inside/);
    assert.equal(simdEnabledNow(), simdAvailable(), 'withSimdEnabled restores the choice after a throw');
  } finally {
    setSimdEnabled(before);
  }
});

test('the assembled module is valid WebAssembly and its memory holds Ã, B̃ and Ĉ (and no more than one page over)', () => {
  const api = globalWasm();
  assert.ok(api !== null);
  assert.equal(api.validate(simdKernelModule(MC, KC, NC)), true);
  const blocks: [number, number, number][] = [[MC, KC, NC], [8, 8, 8], [4, 1, 4]];
  for (const [mc, kc, nc] of blocks) {
    const bytes = (mc * kc + kc * nc + mc * nc) * 8, pages = memoryPages(mc, kc, nc);
    assert.ok(pages * 65536 >= bytes && (pages - 1) * 65536 < bytes, `${mc}, ${kc}, ${nc}: ${pages} pages for ${bytes} bytes`);
  }
});

test('a kernel built for small blocks computes Ĉ ← α·ÃB̃ + β·Ĉ for one tile, checked by hand (β = 0 ignores Ĉ)', () => {
  // Blocks of up to 8×8 with a 4×4 tile: Ĉ's rows are NC = 8 apart, wider than the tile.
  const kernel = instantiateSimdKernel(8, 2, 8, globalWasm());
  assert.ok(kernel !== null);
  const ld = 8;
  // Ã: step p holds column p of a 4×2 matrix A; B̃: step p holds row p of a 2×4 matrix B.
  const A = [[1, 2], [3, 4], [5, 6], [7, 8]], B = [[1, 0, -1, 2], [0.5, 3, 4, -2]];
  for (let p = 0; p < 2; p++) {
    for (let r = 0; r < 4; r++) kernel.packedA[4 * p + r] = A[r]![p]!;
    for (let c = 0; c < 4; c++) kernel.packedB[4 * p + c] = B[p]![c]!;
  }
  const product = (r: number, c: number) => A[r]![0]! * B[0]![c]! + A[r]![1]! * B[1]![c]!;
  kernel.blockC.fill(NaN);
  kernel.block(4, 4, 2, 2, 0); // β = 0: Ĉ ← 2·ÃB̃, the NaN in Ĉ not read
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) assert.equal(kernel.blockC[ld * r + c], 2 * product(r, c), `β = 0: Ĉ[${r}, ${c}]`);
  }
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) kernel.blockC[ld * r + c] = 4 * r + c - 7.5;
  kernel.block(4, 4, 2, -1, 0.5); // Ĉ ← −ÃB̃ + 0.5·Ĉ
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      assert.equal(kernel.blockC[ld * r + c], -1 * product(r, c) + 0.5 * (4 * r + c - 7.5), `β = 0.5: Ĉ[${r}, ${c}]`);
    }
  }
});

test('without WebAssembly, or where it rejects or cannot compile the module, there is no SIMD kernel (gemm keeps to JavaScript)', () => {
  assert.equal(instantiateSimdKernel(MC, KC, NC, null), null);
  const real = globalWasm()!;
  const rejects: WasmApi = { validate: () => false, Module: real.Module, Instance: real.Instance };
  assert.equal(instantiateSimdKernel(MC, KC, NC, rejects), null);
  const forbidden: WasmApi = {
    validate: () => true,
    Module: class { constructor() { throw new Error('compiling is forbidden here'); } },
    Instance: real.Instance,
  };
  assert.equal(instantiateSimdKernel(MC, KC, NC, forbidden), null);
  assert.equal(instantiateSimdKernel(6, KC, NC, real), null, 'MC not a multiple of the tile');
  assert.equal(instantiateSimdKernel(MC, KC, 10, real), null, 'NC not a multiple of the tile');
});
