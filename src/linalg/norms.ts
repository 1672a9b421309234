/**
 * Norms (EQ-LINALG-02), over all entries of a tensor.
 *
 *   ‖x‖₁ = Σ|xᵢ|     ‖x‖₂ = (Σ xᵢ²)^{1/2}     ‖x‖∞ = maxᵢ |xᵢ|     ‖A‖_F = ‖vec A‖₂
 *
 * ‖x‖₂ is computed with scaling so that it neither overflows (entries near
 * 1e200, whose squares are ∞) nor underflows (entries near 1e-200):
 *   ‖x‖₂ = s · (Σ (xᵢ/s)²)^{1/2},  s = maxᵢ |xᵢ|
 * with s updated as the scan meets larger entries (the LAPACK dnrm2 idea),
 * so one pass suffices.
 */
import { ValueError } from './errors.js';
import { Tensor } from './tensor.js';

export function norm1(x: Tensor): number {
  let s = 0;
  for (let i = 0; i < x.data.length; i++) s += Math.abs(x.data[i]);
  return s;
}

/** ‖x‖₂ without overflow or underflow (one pass, running scale). */
export function norm2(x: Tensor): number {
  return norm2Array(x.data, 0, x.data.length, 1);
}

/**
 * ‖·‖₂ of the strided slice v[offset], v[offset + stride], … (count entries).
 * Used by the decompositions on rows and columns. Internal: indices are valid.
 */
export function norm2Array(v: Float64Array, offset: number, count: number, stride: number): number {
  let scale = 0; // s = max |xᵢ| seen so far
  let ssq = 1; // Σ (xᵢ/s)², with the largest entry counted as 1
  for (let i = 0, p = offset; i < count; i++, p += stride) {
    const x = v[p];
    if (x !== 0) {
      const ax = Math.abs(x);
      if (Number.isNaN(ax)) return NaN;
      if (scale < ax) {
        ssq = 1 + ssq * (scale / ax) * (scale / ax);
        scale = ax;
      } else {
        ssq += (ax / scale) * (ax / scale);
      }
    }
  }
  return scale === Infinity ? Infinity : scale * Math.sqrt(ssq);
}

export function normInf(x: Tensor): number {
  let m = 0;
  for (let i = 0; i < x.data.length; i++) {
    const a = Math.abs(x.data[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

/** ‖A‖_F: the 2-norm of all entries of a matrix. */
export function frobenius(a: Tensor): number {
  return norm2(a);
}

/**
 * ‖x‖_p for p = 1, 2 or ∞. The type is plain `number` (TypeScript has no
 * literal type for Infinity), so p is checked at run time: any other value
 * throws a ValueError naming it.
 */
export function norm(x: Tensor, p: number = 2): number {
  if (p === 1) return norm1(x);
  if (p === 2) return norm2(x);
  if (p === Infinity) return normInf(x);
  throw new ValueError(`norm: p must be 1, 2 or Infinity, got ${p}`);
}
