/**
 * GEMM — general matrix-matrix product over row-major Float64Arrays
 * (EQ-LINALG-01 with the BLAS extras α, β and the transpose forms).
 *
 *   C ← α·op(A)·op(B) + β·C,   C_{ij} = α Σ_p op(A)_{ip} op(B)_{pj} + β C_{ij}
 *
 *   op(A) = A  (m×k, A[i*k + p])   or  Aᵀ when transA (A stored k×m, A[p*m + i])
 *   op(B) = B  (k×n, B[p*n + j])   or  Bᵀ when transB (B stored n×k, B[j*k + p])
 *   C: m×n, C[i*n + j]
 *
 * Backpropagation through C = AB needs G·Bᵀ and Aᵀ·G; the transpose forms
 * give both without materialising a transpose (only the packing reads
 * differently).
 *
 * `gemmNaive` is the plain triple loop: read it first; the specs check the
 * fast kernel against it. `gemm` is the fast kernel:
 *
 *   for jc over columns of C in blocks of NC        (B block: KC×NC)
 *     for pc over the sum index in blocks of KC
 *       pack op(B)[pc…, jc…] into panels of NR columns          (packB)
 *       for ic over rows of C in blocks of MC        (A block: MC×KC)
 *         pack op(A)[ic…, pc…] into panels of MR rows           (packA)
 *         every MR×NR tile of this block of C                   (macroKernel:
 *                                        WebAssembly SIMD, or microKernel in JavaScript)
 *
 * Loop variables: i rows of C, j columns, p the summation index; a suffix c
 * marks a cache block (ic, jc, pc, sizes mc, nc, kc), r a register tile
 * (ir, jr, sizes mr, nr).
 *
 * Blocking parameters (defined in gemm-micro.ts), chosen on measurements
 * on 2 cores with 48 KiB of L1d and 2 MiB of L2 each, Node 20; timings
 * paired in one process, and instruction counts from valgrind:
 *  - MR = NR = 4: 3×3, 2×4, 4×2, 3×4, 4×3, 5×2, 4×5, 5×4, 4×6, 6×4, 4×8 and
 *    8×4 tiles did not beat 4×4 beyond noise. Even 4×4 does not fit V8's
 *    15 usable float registers (16 sums + 4 b's + products), so some sums
 *    live on the stack; smaller tiles fit but load more per flop.
 *    Unrolling p by 2, 4 or 8 helped when the panels were arguments and
 *    hurt once they were module constants (V8 then hoists all the loads of
 *    the unrolled steps and spills them): the loop is not unrolled.
 *  - KC = 256: one micro-panel of A and one of B (256×4 doubles = 8 KiB
 *    each) stay in L1 across a sweep. KC = 128 and 512, MC = 64 and 256
 *    all ran within ±1.5 % of this at n = 1024. KC also fixes the
 *    summation order (below), so it is part of the numerical contract.
 *  - MC = 128: the packed A block (128×256 doubles = 256 KiB) stays in L2.
 *  - NC = 512: the packed B block (256×512 doubles = 1 MiB) stays in L2;
 *    NC = 2048 was no faster.
 * One trip of the JavaScript micro-kernel's loop (32 flops) compiles to
 * about 95 machine instructions (V8's disassembly): a typed-array load
 * costs 4 (index, compare, branch, load) and some sums go through the
 * stack. So that kernel is bound by instructions, not memory bandwidth; the
 * blocking mostly keeps it from the cache misses that make the naive i-j-k
 * loop collapse at n ≥ 512. Where the engine has WebAssembly SIMD, the same
 * tile runs as about 25 instructions on pairs of doubles (gemm-simd.ts),
 * about 3× faster, with the same blocking, packing and bits. The sizes
 * above were chosen with the JavaScript kernel; for the SIMD one, a
 * prototype with KC = 512 and NC = 256, or MC = 64, was no faster beyond
 * the noise of the machine.
 *
 * Summation order, the same on every path (small, blocked, any partition
 * over threads): for each C_{ij}, the sum index is cut into blocks
 * [0, KC), [KC, 2KC), …; each block's sum s starts at 0 and adds the
 * products in order; the first block writes α·s + β·C_{ij} (α·s when β = 0),
 * each later one adds α·s. For k ≤ KC that is exactly the naive loop's
 * arithmetic, so gemm and gemmNaive then agree to the last bit.
 *
 * α = 0 is not special-cased (unlike reference BLAS, which then skips
 * op(A)·op(B) entirely): the products are still summed, so a NaN or ±∞ in
 * A or B reaches C as NaN (0·∞ = NaN, 0·NaN = NaN). β = 0 is special: C's
 * old entries are never read, so NaN in C does not survive, as in BLAS.
 *
 * C must not overlap A or B: C is written while A and B are still being
 * read (and packed again, block after block, by every thread of the pool),
 * so an aliased C gives wrong results that depend on timing. matmulInto
 * rejects it; internal callers pass disjoint arrays.
 *
 * Internal: callers have checked the sizes (A, B, C long enough) and that
 * C does not overlap A or B.
 */
import { KC, MC, MR, NC, NR, macroKernel, packA, packB } from './gemm-micro.js';

export { KC, MC, MR, NC, NR };

/**
 * Below this many multiply-adds (m·n·k), or with at most 2 rows or 2 columns
 * in C, packing costs more than it saves and `gemm` runs the strided loops of
 * `gemmSmall` (autodiff makes many tiny products, and vector operands give
 * 1×n or m×1 results). Measured: at 4×4×4 both paths take the same time, at
 * 8×8×8 the blocked one is 1.4× faster; for a 1×1024 · 1024×1024 product the
 * direct one is 3× faster, for 2 rows 1.5×, for 3 rows they tie.
 */
export const SMALL_WORK = 512;

/** The reference: for each (i, j), sum over p in order 0 … k−1. */
export function gemmNaive(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const a = transA ? A[p * m + i]! : A[i * k + p]!;
        const b = transB ? B[j * k + p]! : B[p * n + j]!;
        s += a * b;
      }
      if (beta === 0) {
        C[i * n + j] = alpha * s;
      } else {
        const cij = C[i * n + j]!;
        C[i * n + j] = alpha * s + beta * cij;
      }
    }
  }
}

/** The fast kernel (same contract as gemmNaive): small products directly, others blocked. */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  if (usesSmallPath(m, n, k)) gemmSmall(transA, transB, m, n, k, alpha, A, B, beta, C);
  else gemmBlocked(transA, transB, m, n, k, alpha, A, B, beta, C, 0, m, 0, n);
}

// One row of sums for gemmSmall, grown on demand and reused (allocating it
// on every call would cost more than a tiny product). A row longer than
// ROW_SUMS_KEEP is dropped after its product, so that one very wide product
// (1×10⁷: 80 MB) does not pin its buffer for the life of the process; for
// such a product the allocation is small next to the work.
const ROW_SUMS_KEEP = 1 << 16; // doubles (512 KiB)
let rowSums = new Float64Array(0);

/** Does gemm take the direct path (small or thin products) rather than the blocked one? */
export function usesSmallPath(m: number, n: number, k: number): boolean {
  return m <= 2 || n <= 2 || m * n * k < SMALL_WORK;
}

/**
 * The direct path for small or thin products: A and B are read in place
 * through strides (op(A)(i, p) = A[i·sai + p·sap], op(B)(p, j) =
 * B[p·sbp + j·sbj]), with the blocked path's summation order. Two loop
 * orders give the same sums; each is picked where it reads B contiguously:
 *
 *   transB  (B stored n×k): i-j-p, each C_ij a dot product over p
 *   !transB (B stored k×n): i-p-j, a row of C gathered as Σ_p op(A)_ip·B[p, :]
 *           (s_j += a·b_j: the same products, added to each s_j in the same order)
 */
export function gemmSmall(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
): void {
  const sai = transA ? 1 : k, sap = transA ? m : 1;
  const sbp = transB ? 1 : n, sbj = transB ? k : 1;
  if (!transB && rowSums.length < n) rowSums = new Float64Array(n);
  const s = rowSums;
  for (let i = 0; i < m; i++) {
    let pc = 0, betaBlock = beta;
    do {
      // One block of the sum, p = pc … pEnd−1; the first block applies β, later ones add.
      const pEnd = Math.min(pc + KC, k);
      if (transB) {
        for (let j = 0; j < n; j++) {
          let sij = 0, ia = i * sai + pc * sap, ib = pc * sbp + j * sbj;
          for (let p = pc; p < pEnd; p++, ia += sap, ib += sbp) {
            const a = A[ia]!, b = B[ib]!;
            sij += a * b;
          }
          const at = i * n + j;
          if (betaBlock === 0) {
            C[at] = alpha * sij;
          } else {
            const cij = C[at]!;
            C[at] = alpha * sij + betaBlock * cij;
          }
        }
      } else {
        s.fill(0, 0, n);
        for (let p = pc; p < pEnd; p++) {
          const a = A[i * sai + p * sap]!, row = p * n;
          for (let j = 0; j < n; j++) {
            const sj = s[j]!, b = B[row + j]!;
            s[j] = sj + a * b;
          }
        }
        for (let j = 0, at = i * n; j < n; j++, at++) {
          const sj = s[j]!;
          if (betaBlock === 0) {
            C[at] = alpha * sj;
          } else {
            const cij = C[at]!;
            C[at] = alpha * sj + betaBlock * cij;
          }
        }
      }
      betaBlock = 1;
      pc += KC;
    } while (pc < k);
  }
  if (rowSums.length > ROW_SUMS_KEEP) rowSums = new Float64Array(0);
}

/**
 * The blocked path over the part rows i0 … i1−1, columns j0 … j1−1 of C (the
 * full product is i0 = 0, i1 = m, j0 = 0, j1 = n). A thread pool gives each
 * thread its own part; since the summation order does not depend on the
 * part, the result is the same bits for any partition.
 */
export function gemmBlocked(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
  i0: number, i1: number, j0: number, j1: number,
): void {
  if (k === 0) {
    // An empty sum: C ← α·0 + β·C, as the naive loop writes it.
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        if (beta === 0) {
          C[i * n + j] = alpha * 0;
        } else {
          const cij = C[i * n + j]!;
          C[i * n + j] = alpha * 0 + beta * cij;
        }
      }
    }
    return;
  }
  const sai = transA ? 1 : k, sap = transA ? m : 1;
  const sbp = transB ? 1 : n, sbj = transB ? k : 1;
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = Math.min(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const betaBlock = pc === 0 ? beta : 1; // later blocks add to what the first wrote
      packB(B, sbp, sbj, pc, kc, jc, nc);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = Math.min(MC, i1 - ic);
        packA(A, sai, sap, ic, mc, pc, kc);
        macroKernel(kc, mc, nc, C, ic * n + jc, n, alpha, betaBlock); // every MR×NR tile of this block of C
      }
    }
  }
}
