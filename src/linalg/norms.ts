/**
 * Norms (EQ-LINALG-02). Each name says what it computes.
 *
 * Vector norms, for a vector x (rank 1; another rank is a ShapeError):
 *   norm1(x)   = ‖x‖₁ = Σᵢ |xᵢ|
 *   norm2(x)   = ‖x‖₂ = (Σᵢ xᵢ²)^{1/2}
 *   normInf(x) = ‖x‖∞ = maxᵢ |xᵢ|
 * Entry-wise functions, over every entry of a tensor of any rank:
 *   frobenius(t) = (Σ tᵢ²)^{1/2}     (‖A‖_F for a matrix: the 2-norm of vec A)
 *   sumAbs(t)    = Σ |tᵢ|
 *   maxAbs(t)    = max |tᵢ|           (0 for an empty tensor)
 * The spectral norm of a matrix, ‖A‖₂ = σ₁(A) = max_{‖v‖₂=1} ‖Av‖₂ (the
 * largest singular value), is its own function, `spectralNorm` in svd.ts.
 * (For a matrix, ‖A‖_F, Σ|a_ij| and max|a_ij| are not the operator norms
 * ‖A‖₂, ‖A‖₁ and ‖A‖∞; hence the separate names.)
 *
 * ‖·‖₂ and the Frobenius norm are computed with scaling so that they neither
 * overflow (entries near 1e200, whose squares are ∞) nor underflow (entries
 * near 1e-200, whose squares are 0):
 *   ‖x‖₂ = s · (Σ (xᵢ/s)²)^{1/2},  s = maxᵢ |xᵢ|
 * with s updated as the scan meets larger entries (the LAPACK dnrm2 idea),
 * so one pass suffices. NaN anywhere gives NaN; otherwise ±∞ gives ∞.
 *
 * The array forms (norm2Array, maxAbsArray) are internal to linalg: the
 * decompositions call them on rows, columns and whole buffers.
 */
import { ShapeError, formatShape } from '../errors/index.js';
import type { Tensor } from './tensor.js';
import { assertTensor } from './validate.js';

/**
 * ‖·‖₂ of the strided slice v[offset], v[offset + stride], … (count entries),
 * without overflow or underflow (one pass, running scale). Internal: indices are valid.
 */
export function norm2Array(v: Float64Array, offset: number, count: number, stride: number): number {
  let scale = 0; // s = max |xᵢ| seen so far
  let ssq = 1; // Σ (xᵢ/s)², with the largest entry counted as 1
  for (let i = 0, p = offset; i < count; i++, p += stride) {
    const x = v[p]!;
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

/** max |vᵢ| over a whole array (0 when empty, NaN if any entry is NaN). Internal. */
export function maxAbsArray(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

/** Σ |vᵢ| over a whole array. Internal. */
function sumAbsArray(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]!);
  return s;
}

/** Throw unless x is a vector; the message points to the entry-wise functions. */
function assertVectorArgument(x: Tensor, where: string): void {
  assertTensor(x, 'x', where);
  if (x.shape.length !== 1) {
    throw new ShapeError(
      `${where}: x must be a vector (rank 1), got shape ${formatShape(x.shape)}; over every entry of a tensor use ` +
        'frobenius(t), sumAbs(t) or maxAbs(t), and for the spectral norm of a matrix spectralNorm(A)',
    );
  }
}

/** ‖x‖₁ = Σᵢ |xᵢ| of a vector x. */
export function norm1(x: Tensor): number {
  assertVectorArgument(x, 'norm1');
  return sumAbsArray(x.data);
}

/** ‖x‖₂ = (Σᵢ xᵢ²)^{1/2} of a vector x, scaled so that it neither overflows nor underflows. */
export function norm2(x: Tensor): number {
  assertVectorArgument(x, 'norm2');
  return norm2Array(x.data, 0, x.data.length, 1);
}

/** ‖x‖∞ = maxᵢ |xᵢ| of a vector x (0 for length 0). */
export function normInf(x: Tensor): number {
  assertVectorArgument(x, 'normInf');
  return maxAbsArray(x.data);
}

/** (Σᵢ tᵢ²)^{1/2} over every entry of t, any rank: ‖A‖_F for a matrix. Scaled so that it neither overflows nor underflows. */
export function frobenius(t: Tensor): number {
  assertTensor(t, 't', 'frobenius');
  return norm2Array(t.data, 0, t.data.length, 1);
}

/** Σᵢ |tᵢ| over every entry of t, any rank. */
export function sumAbs(t: Tensor): number {
  assertTensor(t, 't', 'sumAbs');
  return sumAbsArray(t.data);
}

/** maxᵢ |tᵢ| over every entry of t, any rank (0 for an empty tensor, NaN if an entry is NaN). */
export function maxAbs(t: Tensor): number {
  assertTensor(t, 't', 'maxAbs');
  return maxAbsArray(t.data);
}
