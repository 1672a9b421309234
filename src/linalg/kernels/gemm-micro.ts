/**
 * The inner pieces of the blocked GEMM (see `gemm.ts` for the whole
 * algorithm and why the sizes below were chosen): the blocking sizes, the
 * two packed buffers, the packing of a block of op(A) and of op(B) into
 * them, the 4×4 register-tiled micro-kernel that multiplies one panel of
 * each, and the macro-kernel that runs it over a block: in WebAssembly SIMD
 * where this thread has it (gemm-simd.ts, the same tile two doubles per
 * instruction), else in the JavaScript below, with the same bits.
 *
 *   micro-kernel:  C[4×4] ← α·Ã[4×kc]·B̃[kc×4] + β·C[4×4]
 *
 * Why pack? In row-major storage, one column of B is spread over k rows, and
 * the four transpose forms read A and B in four different orders. Packing
 * copies the block the kernel will read (kc steps of 4 values of A and 4 of
 * B) into the exact order in which it reads them, so the kernel walks two
 * arrays front to back with one index each, whatever the layout of A and B.
 * The copy costs O(m·k + k·n), the product O(m·n·k).
 *
 * Why 4×4 in local variables? V8 emits neither SIMD nor fused multiply-add
 * for JavaScript, and each typed-array load costs several instructions
 * (index, bounds check, data pointer), so the lever is arithmetic per load.
 * One step p loads 4 values of A and 4 of B (8 loads) and performs the 16
 * multiply-adds of their outer product (32 flops), 4 flops per load; the
 * naive loop does 1. The 16 partial sums live in local variables, which V8
 * keeps in registers or on the stack, never in the heap.
 *
 * Internal: callers pass valid offsets and sizes; nothing is checked here.
 */

import { globalWasm, instantiateSimdKernel } from './gemm-simd.js';

/** Rows of the register tile (rows of C computed per micro-kernel call). */
export const MR = 4;
/** Columns of the register tile. */
export const NR = 4;
/** Depth of a block of the sum; also fixes the summation order (see gemm.ts). */
export const KC = 256;
/** Rows of C per packed block of A (a multiple of MR). */
export const MC = 128;
/** Columns of C per packed block of B (a multiple of NR). */
export const NC = 512;

/*
 * The packed blocks live in two fixed buffers created once with the module
 * (256 KiB and 1 MiB; views of the SIMD kernel's memory where WebAssembly
 * SIMD is available, see gemm-simd.ts), and the micro-kernel reads them by name rather than
 * taking them as arguments. That is deliberate: V8 then knows their address
 * and length when it compiles the kernel, and each bounds check becomes a
 * compare with a constant instead of three loads from the array object per
 * trip (measured: about 20 % faster at n = 512 and 1024). For the same
 * reason the kernel steps its indices by the literal 4 rather than by MR and
 * NR: an exported constant is read through a module cell at every use.
 * (One set per thread: each worker has its own copy of this module.)
 */
const simdKernel = instantiateSimdKernel(MC, KC, NC, globalWasm());
const packedA = simdKernel !== null ? simdKernel.packedA : new Float64Array(MC * KC);
const packedB = simdKernel !== null ? simdKernel.packedB : new Float64Array(KC * NC);

/**
 * The one packing routine behind packA and packB: copy `count` lines
 * t0 … t0+count−1 (rows of op(A), or columns of op(B)) by `kc` steps
 * p0 … p0+kc−1 of the sum, where element (t, p) is src[t·st + p·sp], into
 * `dst` as ⌈count/4⌉ slabs of 4 lines; slab s starts at s·4·kc and holds
 * (step p, line r) at s·4·kc + p·4 + r. Lines past `count` are zeros, so the
 * micro-kernel always sees a full slab. (MR = NR = 4, so both operands use
 * the same slab width.)
 */
function packSlabs(
  dst: Float64Array, src: Float64Array, st: number, sp: number, t0: number, count: number, p0: number, kc: number,
): void {
  let q = 0;
  for (let tr = 0; tr < count; tr += 4) {
    const lines = Math.min(4, count - tr);
    let at = (t0 + tr) * st + p0 * sp; // element (t0 + tr, p0)
    if (lines === 4) {
      // A full slab, the common case: four loads and four stores per step.
      const st2 = 2 * st, st3 = 3 * st;
      for (let p = 0; p < kc; p++, at += sp, q += 4) {
        const x0 = src[at]!, x1 = src[at + st]!, x2 = src[at + st2]!, x3 = src[at + st3]!;
        dst[q] = x0; dst[q + 1] = x1; dst[q + 2] = x2; dst[q + 3] = x3;
      }
    } else {
      for (let p = 0; p < kc; p++, at += sp) {
        for (let r = 0; r < 4; r++) dst[q++] = r < lines ? src[at + r * st]! : 0;
      }
    }
  }
}

/**
 * Pack rows i0 … i0+mc−1 (mc ≤ MC), columns p0 … p0+kc−1 (kc ≤ KC) of op(A)
 * into slabs of MR rows. op(A)(i, p) = A[i·sai + p·sap]: (sai, sap) = (k, 1)
 * for A (m×k), (1, m) for Aᵀ (A stored k×m).
 */
export function packA(A: Float64Array, sai: number, sap: number, i0: number, mc: number, p0: number, kc: number): void {
  packSlabs(packedA, A, sai, sap, i0, mc, p0, kc);
}

/**
 * Pack rows p0 … p0+kc−1 (kc ≤ KC), columns j0 … j0+nc−1 (nc ≤ NC) of op(B)
 * into slabs of NR columns. op(B)(p, j) = B[p·sbp + j·sbj]: (sbp, sbj) =
 * (n, 1) for B (k×n), (1, k) for Bᵀ (B stored n×k).
 */
export function packB(B: Float64Array, sbp: number, sbj: number, p0: number, kc: number, j0: number, nc: number): void {
  packSlabs(packedB, B, sbj, sbp, j0, nc, p0, kc);
}

/** Where an edge tile parks its 16 sums before the valid mr×nr part is written. */
const edge = new Float64Array(MR * NR);

/**
 * One register tile, from the slab of packed A at `ia` and of packed B at
 * `ib`: s_{rc} = Σ_{p<kc} Ã[ia + 4p + r]·B̃[ib + 4p + c], summed in the
 * order p = 0, 1, …, kc−1 from s = 0, then
 *
 *   C[ic + r·ldc + c] ← α·s_{rc} + β·C[ic + r·ldc + c]     (α·s_{rc} when β = 0)
 *
 * for the valid rows r < mr and columns c < nr (an edge tile of C can be
 * smaller than 4×4; its padded sums are computed and dropped). With β = 0,
 * C is not read, so NaN or garbage in C does not leak into the result.
 *
 * s00 += a·b0 rounds the product and then the sum, exactly as the naive loop
 * does (JavaScript has no fused multiply-add), so the tiling does not change
 * the result. `(ia + 1) | 0` tells V8 that the index is a 32-bit integer, so
 * it drops an overflow check on each index computation.
 */
export function microKernel(
  kc: number, ia: number, ib: number, C: Float64Array, ic: number, ldc: number,
  mr: number, nr: number, alpha: number, beta: number,
): void {
  const Ap = packedA, Bp = packedB;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
  let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
  let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let p = 0; p < kc; p++) {
    // Row p of the B panel, then each of the 4 values of column p of the A panel.
    const b0 = Bp[ib]!, b1 = Bp[(ib + 1) | 0]!, b2 = Bp[(ib + 2) | 0]!, b3 = Bp[(ib + 3) | 0]!;
    let a = Ap[ia]!;
    s00 += a * b0; s01 += a * b1; s02 += a * b2; s03 += a * b3;
    a = Ap[(ia + 1) | 0]!;
    s10 += a * b0; s11 += a * b1; s12 += a * b2; s13 += a * b3;
    a = Ap[(ia + 2) | 0]!;
    s20 += a * b0; s21 += a * b1; s22 += a * b2; s23 += a * b3;
    a = Ap[(ia + 3) | 0]!;
    s30 += a * b0; s31 += a * b1; s32 += a * b2; s33 += a * b3;
    ia = (ia + 4) | 0; // + MR
    ib = (ib + 4) | 0; // + NR
  }
  if (mr === MR && nr === NR) {
    // A full tile: write the 16 sums straight into C, row by row.
    if (beta === 0) {
      C[ic] = alpha * s00; C[ic + 1] = alpha * s01; C[ic + 2] = alpha * s02; C[ic + 3] = alpha * s03;
      ic += ldc;
      C[ic] = alpha * s10; C[ic + 1] = alpha * s11; C[ic + 2] = alpha * s12; C[ic + 3] = alpha * s13;
      ic += ldc;
      C[ic] = alpha * s20; C[ic + 1] = alpha * s21; C[ic + 2] = alpha * s22; C[ic + 3] = alpha * s23;
      ic += ldc;
      C[ic] = alpha * s30; C[ic + 1] = alpha * s31; C[ic + 2] = alpha * s32; C[ic + 3] = alpha * s33;
    } else {
      // Row by row: read the row's four old entries, then write the four new ones.
      let c0 = C[ic]!, c1 = C[ic + 1]!, c2 = C[ic + 2]!, c3 = C[ic + 3]!;
      C[ic] = alpha * s00 + beta * c0; C[ic + 1] = alpha * s01 + beta * c1;
      C[ic + 2] = alpha * s02 + beta * c2; C[ic + 3] = alpha * s03 + beta * c3;
      ic += ldc;
      c0 = C[ic]!; c1 = C[ic + 1]!; c2 = C[ic + 2]!; c3 = C[ic + 3]!;
      C[ic] = alpha * s10 + beta * c0; C[ic + 1] = alpha * s11 + beta * c1;
      C[ic + 2] = alpha * s12 + beta * c2; C[ic + 3] = alpha * s13 + beta * c3;
      ic += ldc;
      c0 = C[ic]!; c1 = C[ic + 1]!; c2 = C[ic + 2]!; c3 = C[ic + 3]!;
      C[ic] = alpha * s20 + beta * c0; C[ic + 1] = alpha * s21 + beta * c1;
      C[ic + 2] = alpha * s22 + beta * c2; C[ic + 3] = alpha * s23 + beta * c3;
      ic += ldc;
      c0 = C[ic]!; c1 = C[ic + 1]!; c2 = C[ic + 2]!; c3 = C[ic + 3]!;
      C[ic] = alpha * s30 + beta * c0; C[ic + 1] = alpha * s31 + beta * c1;
      C[ic + 2] = alpha * s32 + beta * c2; C[ic + 3] = alpha * s33 + beta * c3;
    }
    return;
  }
  // An edge tile: park the sums (row-major 4×4), then write the valid part.
  edge[0] = s00; edge[1] = s01; edge[2] = s02; edge[3] = s03;
  edge[4] = s10; edge[5] = s11; edge[6] = s12; edge[7] = s13;
  edge[8] = s20; edge[9] = s21; edge[10] = s22; edge[11] = s23;
  edge[12] = s30; edge[13] = s31; edge[14] = s32; edge[15] = s33;
  for (let r = 0; r < mr; r++) {
    for (let c = 0; c < nr; c++) {
      const s = edge[r * NR + c]!, at = ic + r * ldc + c;
      if (beta === 0) {
        C[at] = alpha * s;
      } else {
        const cOld = C[at]!;
        C[at] = alpha * s + beta * cOld;
      }
    }
  }
}

/** Rows of C narrower than this are copied to and from Ĉ by a loop rather than subarray and set. */
const COPY_LOOP_WIDTH = 64;

/*
 * Which kernel runs a block: the WebAssembly SIMD one where this thread
 * could instantiate it, else the JavaScript micro-kernel. Both give the same
 * bits; the switch exists so that the specs can check exactly that, and the
 * benchmark can time both. It is per thread: a worker of the pool decides
 * for itself.
 */
let simdEnabled = simdKernel !== null;

/** Could this thread instantiate the WebAssembly SIMD kernel? */
export function simdAvailable(): boolean {
  return simdKernel !== null;
}

/**
 * Use the SIMD kernel (where available) or the JavaScript micro-kernel for
 * the blocks of this thread; returns whether SIMD is now in use.
 */
export function setSimdEnabled(enabled: boolean): boolean {
  simdEnabled = enabled && simdKernel !== null;
  return simdEnabled;
}

/**
 * Run `body` with this thread's blocked path on the SIMD kernel (where
 * available) or on the JavaScript one, then restore the previous choice,
 * even when `body` throws.
 */
export function withSimdEnabled<T>(enabled: boolean, body: () => T): T {
  const before = simdEnabled;
  setSimdEnabled(enabled);
  try {
    return body();
  } finally {
    simdEnabled = before;
  }
}

/** Is this thread's blocked path using the SIMD kernel? */
export function simdEnabledNow(): boolean {
  return simdEnabled;
}

/**
 * The macro-kernel: every MR×NR tile of one block of C, from the packed
 * blocks (mc ≤ MC rows of Ã, nc ≤ NC columns of B̃, depth kc ≥ 1):
 *
 *   C[ic + i·ldc + j] ← α·s_ij + β·C[ic + i·ldc + j]   (α·s_ij when β = 0),  i < mc, j < nc
 *
 * where s_ij sums its kc products in order. With SIMD, the block of C is
 * copied into the module's scratch block Ĉ, one WebAssembly call computes
 * the whole update there, and Ĉ is copied back (the copies are memcpy; the
 * update lane by lane costs less than a JavaScript loop over C). Without,
 * tile by tile by `microKernel`, the B panel (kc×NR) staying in L1 while
 * the A panels stream through it. Both round α·s, β·C and their sum once
 * each, so both give the same bits.
 */
export function macroKernel(
  kc: number, mc: number, nc: number, C: Float64Array, ic: number, ldc: number, alpha: number, beta: number,
): void {
  if (simdEnabled) {
    // C's block goes into Ĉ (when β ≠ 0), the module updates Ĉ, and Ĉ goes back:
    // whole rows at a time (TypedArray.set is a memory copy).
    const kernel = simdKernel!, blockC = kernel.blockC;
    // Rows narrower than COPY_LOOP_WIDTH are copied by a loop: a subarray per
    // row costs an allocation, which dominated the thin blocks of the blocked
    // decompositions (k = 8 … 64: 15–20 % of blocked LU's time at n = 300).
    const byLoop = nc < COPY_LOOP_WIDTH;
    if (beta !== 0) {
      for (let i = 0; i < mc; i++) {
        if (byLoop) for (let j = 0, from = ic + i * ldc, to = i * NC; j < nc; j++) blockC[to + j] = C[from + j]!;
        else blockC.set(C.subarray(ic + i * ldc, ic + i * ldc + nc), i * NC);
      }
    }
    kernel.block(Math.ceil(mc / MR) * MR, Math.ceil(nc / NR) * NR, kc, alpha, beta);
    for (let i = 0; i < mc; i++) {
      if (byLoop) for (let j = 0, from = i * NC, to = ic + i * ldc; j < nc; j++) C[to + j] = blockC[from + j]!;
      else C.set(blockC.subarray(i * NC, i * NC + nc), ic + i * ldc);
    }
    return;
  }
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    for (let ir = 0; ir < mc; ir += MR) {
      microKernel(kc, ir * kc, jr * kc, C, ic + ir * ldc + jr, ldc, Math.min(MR, mc - ir), nr, alpha, beta);
    }
  }
}
