/**
 * Helpers of the convolution specs: references written from the
 * definitions, without the library's kernels.
 */
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';

/**
 * The doubly-block-Toeplitz matrix T of a kernel k (kh×kw) for an H×W
 * image, valid and stride 1: vec(Y) = T·vec(X), row i·Wo + j holding k at
 * the columns of window (i, j). Block (i, i + u) of T is the Toeplitz
 * matrix of kernel row u.
 */
export function toeplitz(k: Tensor, H: number, W: number): Tensor {
  const [kh, kw] = k.shape as [number, number];
  const Ho = H - kh + 1, Wo = W - kw + 1;
  const T = linalg.zeros([Ho * Wo, H * W]);
  for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) T.data[(i * Wo + j) * H * W + (i + u) * W + (j + v)] = k.data[u * kw + v]!;
  }
  return T;
}


/** x (N×C×H×W) with explicit zero rows and columns around each plane: [top, bottom, left, right]. */
export function zeroPad(x: Tensor, [t, b, l, r]: readonly number[]): Tensor {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const Hp = H + t! + b!, Wp = W + l! + r!;
  const y = linalg.zeros([N, C, Hp, Wp]);
  for (let q = 0; q < N * C; q++) {
    for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) y.data[(q * Hp + i + t!) * Wp + j + l!] = x.data[(q * H + i) * W + j]!;
  }
  return y;
}

/**
 * The sliding dot product on the zero-padded copy X̄ of x: Y[n, f, i, j] =
 * b[f] + Σ_{c,u,v} w[f, c, u, v]·X̄[n, c, i·sh + u·dh, j·sw + v·dw] (b may be null).
 */
export function slidingDotProduct(
  x: Tensor, w: Tensor, b: Tensor | null,
  { stride = [1, 1], dilation = [1, 1], padding = [0, 0, 0, 0] }: { stride?: readonly number[]; dilation?: readonly number[]; padding?: readonly number[] } = {},
): Tensor {
  const xp = zeroPad(x, padding);
  const [N, C, Hp, Wp] = xp.shape as [number, number, number, number];
  const [F, , kh, kw] = w.shape as [number, number, number, number];
  const [sh, sw] = stride as [number, number], [dh, dw] = dilation as [number, number];
  const Ho = Math.floor((Hp - dh * (kh - 1) - 1) / sh) + 1, Wo = Math.floor((Wp - dw * (kw - 1) - 1) / sw) + 1;
  const y = linalg.zeros([N, F, Ho, Wo]);
  for (let n = 0; n < N; n++) for (let f = 0; f < F; f++) for (let i = 0; i < Ho; i++) for (let j = 0; j < Wo; j++) {
    let s = 0;
    for (let ch = 0; ch < C; ch++) for (let u = 0; u < kh; u++) for (let v = 0; v < kw; v++) {
      s += w.data[((f * C + ch) * kh + u) * kw + v]! * xp.data[((n * C + ch) * Hp + i * sh + u * dh) * Wp + j * sw + v * dw]!;
    }
    y.data[((n * F + f) * Ho + i) * Wo + j] = s + (b === null ? 0 : b.data[f]!);
  }
  return y;
}
