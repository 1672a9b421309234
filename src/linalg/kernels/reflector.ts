/**
 * Householder reflections, one at a time and a block at a time (the compact
 * WY form of Schreiber and Van Loan), for the blocked QR and the reductions
 * of eigSym (tridiagonal) and svd (bidiagonal).
 *
 * One reflection:  H = I − τ·v·vᵀ,  v₀ = 1,  chosen so that H·x = β·e₁:
 *   α = ‖x‖₂,   β = −sign(x₀)·α,   v = x/(x₀ − β) (so v₀ = 1),   τ = (β − x₀)/β
 * (x₀ − β adds two numbers of the same sign: nothing cancels; H is
 * orthogonal and symmetric, τ ∈ [1, 2]; a zero x gives τ = 0, H = I.)
 *
 * A block of r reflections:  H₀·H₁···H_{r−1} = I − V·T·Vᵀ
 *   V: len×r with column j = v_j (zero above row j, 1 at row j),
 *   T: r×r upper triangular, built column by column:
 *     T_jj = τ_j,   T[0:j, j] = −τ_j · T[0:j, 0:j] · (V[:, 0:j]ᵀ·v_j)
 * Applying the block to C (len×c) is then three gemm calls (the middle
 * one small, r×r·r×c, T's zeros included):
 *   W = Vᵀ·C,   W₂ = T·W (or Tᵀ·W),   C ← C − V·W₂
 * instead of r rank-1 updates, so that the work runs in the gemm kernel.
 * `applyReflectorsNaive` applies the r reflections one by one, the twin the
 * specs compare `applyBlockReflector` with.
 *
 * Storage: V is kept transposed, Vt: r×len row-major view (Vt, vOff, ldv),
 * row j = v_j with its zeros and its 1 written out, so that gemm reads it
 * as it is. Internal: the views are valid and do not overlap C.
 */
import { norm2Array } from '../norms.js';
import { gemmStrided } from './gemm-strided.js';

/**
 * Turn x (len entries x[off + i·stride]) into the reflection that maps it
 * onto β·e₁: on return x[off] = β and x[off + i·stride] = v_i for i ≥ 1 (v₀ = 1
 * is not stored); returns τ (0 for a zero x, which is left as it is).
 */
export function makeReflector(x: Float64Array, off: number, stride: number, len: number): number {
  const alpha = norm2Array(x, off, len, stride);
  if (alpha === 0) return 0;
  const x0 = x[off]!;
  const beta = x0 >= 0 ? -alpha : alpha;
  const d = x0 - beta; // divided by, not multiplied by 1/d, which overflows for a subnormal d
  for (let i = 1, at = off + stride; i < len; i++, at += stride) x[at] = x[at]! / d;
  x[off] = beta;
  return (beta - x0) / beta;
}

/**
 * T of the block H₀···H_{r−1} = I − V·T·Vᵀ (file comment), written into the
 * r×r upper triangle of the view (T, tOff, ldt); the strict lower triangle is
 * left alone (zero in the callers' arrays).
 */
export function blockReflectorT(
  r: number, len: number, Vt: Float64Array, vOff: number, ldv: number, tau: Float64Array, tauOff: number,
  T: Float64Array, tOff: number, ldt: number,
): void {
  const z = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    const tauJ = tau[tauOff + j]!;
    T[tOff + j * ldt + j] = tauJ;
    const vj = vOff + j * ldv;
    for (let i = 0; i < j; i++) { // z_i = v_iᵀ·v_j, over the rows q ≥ j where v_j is not zero
      const vi = vOff + i * ldv;
      let s = 0;
      for (let q = j; q < len; q++) {
        const a = Vt[vi + q]!, b = Vt[vj + q]!;
        s += a * b;
      }
      z[i] = s;
    }
    for (let i = 0; i < j; i++) {
      let s = 0;
      for (let q = i; q < j; q++) {
        const tiq = T[tOff + i * ldt + q]!, zq = z[q]!;
        s += tiq * zq;
      }
      T[tOff + i * ldt + j] = -tauJ * s;
    }
  }
}

/**
 * C ← Q·C (trans false) or Qᵀ·C (trans true), Q = I − V·T·Vᵀ, C: len×cols
 * view, T: r×r upper triangular view (zero below the diagonal). W, W2:
 * scratch of at least r·cols doubles each. Three gemm calls:
 * W = Vᵀ·C,  W2 = T·W (or Tᵀ·W),  C ← C − V·W2.
 */
export function applyBlockReflector(
  trans: boolean, r: number, len: number, cols: number, Vt: Float64Array, vOff: number, ldv: number,
  T: Float64Array, tOff: number, ldt: number, C: Float64Array, cOff: number, ldc: number, W: Float64Array, W2: Float64Array,
): void {
  if (r === 0 || cols === 0) return;
  gemmStrided(false, false, r, cols, len, 1, Vt, vOff, ldv, C, cOff, ldc, 0, W, 0, cols);
  gemmStrided(trans, false, r, cols, r, 1, T, tOff, ldt, W, 0, cols, 0, W2, 0, cols);
  gemmStrided(true, false, len, cols, r, -1, Vt, vOff, ldv, W2, 0, cols, 1, C, cOff, ldc);
}

/**
 * The twin: the same Q·C or Qᵀ·C by r single reflections, C ← H_j·C =
 * C − τ_j·v_j·(v_jᵀ·C), last reflection first for Q, first first for Qᵀ.
 */
export function applyReflectorsNaive(
  trans: boolean, r: number, len: number, cols: number, Vt: Float64Array, vOff: number, ldv: number, tau: Float64Array,
  C: Float64Array, cOff: number, ldc: number,
): void {
  const w = new Float64Array(cols);
  for (let step = 0; step < r; step++) {
    const j = trans ? step : r - 1 - step, tauJ = tau[j]!, vj = vOff + j * ldv;
    if (tauJ === 0) continue;
    w.fill(0);
    for (let i = j; i < len; i++) {
      const vi = Vt[vj + i]!, ci = cOff + i * ldc;
      for (let c = 0; c < cols; c++) w[c] = w[c]! + vi * C[ci + c]!;
    }
    for (let i = j; i < len; i++) {
      const f = tauJ * Vt[vj + i]!, ci = cOff + i * ldc;
      for (let c = 0; c < cols; c++) C[ci + c] = C[ci + c]! - f * w[c]!;
    }
  }
}

/**
 * C ← H₀·H₁···H_{r−1}·C for a C (len×cols view) that holds the first cols
 * columns of the identity: the explicit Q of r reflections (Vt: r×len view,
 * row j = v_j, 1 at column j), built a block of `block` reflections at a
 * time from the last, each as I − V·T·Vᵀ (three gemm calls). The columns
 * left of a block's first index j₀ are still e_j there, which the block
 * leaves alone, so each block works on C[j₀:, j₀:] only. Internal.
 */
export function accumulateReflectors(
  r: number, len: number, cols: number, Vt: Float64Array, ldv: number, tau: Float64Array,
  C: Float64Array, cOff: number, ldc: number, block: number,
): void {
  const W = new Float64Array(block * cols), W2 = new Float64Array(block * cols);
  const T = new Float64Array(block * block);
  for (let j0 = Math.floor((r - 1) / block) * block; j0 >= 0; j0 -= block) {
    const b = Math.min(block, r - j0);
    if (cols - j0 <= 0) continue;
    T.fill(0);
    blockReflectorT(b, len - j0, Vt, j0 * ldv + j0, ldv, tau, j0, T, 0, b);
    applyBlockReflector(false, b, len - j0, cols - j0, Vt, j0 * ldv + j0, ldv, T, 0, b, C, cOff + j0 * ldc + j0, ldc, W, W2);
  }
}
