/**
 * Convolution kernels (EQ-LAYERS-28/29): the loops under `conv2d`, in two
 * forms that compute the same numbers.
 *
 * The layer's map, cross-correlation as deep-learning libraries define
 * "convolution", channels first:
 *
 *   Y[n, f, oy, ox] = b[f] + Σ_c Σ_u Σ_v W[f, c, u, v] · X[n, c, oy·sh + u·dh − pt, ox·sw + v·dw − pl]
 *
 *   X: N×C×H×W    W: F×C×kh×kw    b: [F]    Y: N×F×Ho×Wo   (row-major, X[((n·C + c)·H + iy)·W + ix])
 *   Ho = ⌊(H + pt + pb − dh·(kh − 1) − 1)/sh⌋ + 1, Wo likewise
 *
 * with X read as 0 outside 0 ≤ iy < H, 0 ≤ ix < W (zero padding: pt rows
 * above, pl columns to the left; the padding below and to the right only
 * enters Ho and Wo). A 1-D convolution is the case H = kh = 1.
 *
 * 1. The direct twin (`convDirect`, `convDirectGradInput`,
 *    `convDirectGradFilter`): the sliding dot product as written above, and
 *    its two adjoints as scatter loops over the same indices. Read these
 *    first; the specs compare the fast route against them.
 *
 * 2. Unfolding (im2col): copy every receptive field into a column,
 *
 *      X̃[(c·kh + u)·kw + v, n·P + oy·Wo + ox] = X[n, c, oy·sh + u·dh − pt, ox·sw + v·dw − pl]
 *      X̃: K × N·P,   K = C·kh·kw,   P = Ho·Wo
 *
 *    and the convolution becomes one matrix product, Ỹ = W̃·X̃ with W̃ = W
 *    viewed as F×K (the deck's "convolution = repeated matrix
 *    multiplication"); Ỹ: F × N·P is then Y with its first two axes swapped
 *    (`scatterChannels`). The gradients are products too:
 *
 *      ∂L/∂W̃ = G̃·X̃ᵀ        (F×K: the filter gradient)
 *      ∂L/∂X̃ = W̃ᵀ·G̃        (K × N·P, folded back onto X by col2im, which adds
 *                              every copy of a pixel: the adjoint of im2col)
 *      ∂L/∂b[f] = Σ_{n,p} G[n, f, p]
 *
 *    with G̃ = ∂L/∂Y arranged as F × N·P (`gatherChannels`). linalg/conv.ts
 *    runs the three products through the gemm kernel.
 *
 * Summation order: both routes sum each output over (c, u, v) in that
 * order from 0 and add b last (the gemm sums its K products in order, in
 * blocks of 256); the filter gradient sums over (n, oy, ox), the input
 * gradient over (f, u, v) in the direct loop but over f alone per copy in
 * the unfolded route, so the two agree to rounding, not always to the bit.
 * Padded taps are skipped by the direct loops and multiplied as zeros in
 * the unfolded route.
 *
 * Internal: callers have checked the geometry (ConvGeometry's sizes agree
 * with the arrays, Ho, Wo ≥ 1) and that no output overlaps an input.
 */

/** The sizes of one convolution: input, kernels, stride, dilation, padding before, output. */
export interface ConvGeometry {
  /** Input: N samples of C channels, H×W. */
  readonly N: number;
  readonly C: number;
  readonly H: number;
  readonly W: number;
  /** Output channels (the number of kernels). */
  readonly F: number;
  /** Kernel size, stride and dilation (rows, columns). */
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  /** Zero rows above and zero columns to the left of the input. */
  readonly pt: number;
  readonly pl: number;
  /** Output size. */
  readonly Ho: number;
  readonly Wo: number;
}

/**
 * The direct sliding dot product: y[n, f, oy, ox] = Σ_{c,u,v} w·x over the
 * taps inside the input, then + b[f] (b may be null). y: N×F×Ho×Wo, written.
 */
export function convDirect(g: ConvGeometry, x: Float64Array, w: Float64Array, b: Float64Array | null, y: Float64Array): void {
  const { N, C, H, W, F, kh, kw, sh, sw, dh, dw, pt, pl, Ho, Wo } = g;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      const bf = b === null ? 0 : b[f]!;
      for (let oy = 0; oy < Ho; oy++) {
        for (let ox = 0; ox < Wo; ox++) {
          let s = 0;
          for (let c = 0; c < C; c++) {
            for (let u = 0; u < kh; u++) {
              const iy = oy * sh + u * dh - pt;
              if (iy < 0 || iy >= H) continue;
              for (let v = 0; v < kw; v++) {
                const ix = ox * sw + v * dw - pl;
                if (ix < 0 || ix >= W) continue;
                const wv = w[((f * C + c) * kh + u) * kw + v]!, xv = x[((n * C + c) * H + iy) * W + ix]!;
                s += wv * xv;
              }
            }
          }
          y[((n * F + f) * Ho + oy) * Wo + ox] = s + bf;
        }
      }
    }
  }
}

/**
 * ∂L/∂x of the direct loop: every tap (n, f, oy, ox, c, u, v) inside the
 * input adds w[f, c, u, v]·gy[n, f, oy, ox] to dx at the pixel it read.
 * dx: N×C×H×W, overwritten.
 */
export function convDirectGradInput(g: ConvGeometry, gy: Float64Array, w: Float64Array, dx: Float64Array): void {
  const { N, C, H, W, F, kh, kw, sh, sw, dh, dw, pt, pl, Ho, Wo } = g;
  dx.fill(0, 0, N * C * H * W);
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let oy = 0; oy < Ho; oy++) {
        for (let ox = 0; ox < Wo; ox++) {
          const gv = gy[((n * F + f) * Ho + oy) * Wo + ox]!;
          for (let c = 0; c < C; c++) {
            for (let u = 0; u < kh; u++) {
              const iy = oy * sh + u * dh - pt;
              if (iy < 0 || iy >= H) continue;
              for (let v = 0; v < kw; v++) {
                const ix = ox * sw + v * dw - pl;
                if (ix < 0 || ix >= W) continue;
                const at = ((n * C + c) * H + iy) * W + ix;
                const wv = w[((f * C + c) * kh + u) * kw + v]!, dxv = dx[at]!;
                dx[at] = dxv + wv * gv;
              }
            }
          }
        }
      }
    }
  }
}

/**
 * ∂L/∂w and ∂L/∂b of the direct loop: dw[f, c, u, v] = Σ_{n,oy,ox} gy·x at
 * the pixel the tap read, db[f] = Σ_{n,oy,ox} gy. dw: F×C×kh×kw and db: [F]
 * (or null), overwritten.
 */
export function convDirectGradFilter(g: ConvGeometry, x: Float64Array, gy: Float64Array, dwOut: Float64Array, db: Float64Array | null): void {
  const { N, C, H, W, F, kh, kw, sh, sw, dh, dw, pt, pl, Ho, Wo } = g;
  dwOut.fill(0, 0, F * C * kh * kw);
  if (db !== null) db.fill(0, 0, F);
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let oy = 0; oy < Ho; oy++) {
        for (let ox = 0; ox < Wo; ox++) {
          const gv = gy[((n * F + f) * Ho + oy) * Wo + ox]!;
          if (db !== null) db[f] = db[f]! + gv;
          for (let c = 0; c < C; c++) {
            for (let u = 0; u < kh; u++) {
              const iy = oy * sh + u * dh - pt;
              if (iy < 0 || iy >= H) continue;
              for (let v = 0; v < kw; v++) {
                const ix = ox * sw + v * dw - pl;
                if (ix < 0 || ix >= W) continue;
                const at = ((f * C + c) * kh + u) * kw + v;
                const xv = x[((n * C + c) * H + iy) * W + ix]!, dwv = dwOut[at]!;
                dwOut[at] = dwv + gv * xv;
              }
            }
          }
        }
      }
    }
  }
}

/** The output columns ox whose tap v reads inside 0 ≤ ix < W: [lo, hi). Shared by im2col and col2im. */
function validColumns(g: ConvGeometry, v: number): [number, number] {
  const { W, sw, dw, pl, Wo } = g;
  const offset = v * dw - pl; // ix = ox·sw + offset
  const lo = Math.min(Wo, Math.max(0, Math.ceil(-offset / sw)));
  const hi = Math.max(lo, Math.min(Wo, Math.floor((W - 1 - offset) / sw) + 1));
  return [lo, hi];
}

/**
 * Unfold x (N×C×H×W) into cols (K × N·P, K = C·kh·kw, P = Ho·Wo): column
 * n·P + oy·Wo + ox holds the receptive field of output (n, oy, ox), row
 * (c·kh + u)·kw + v its tap (c, u, v); taps in the padding are 0. cols written.
 */
export function im2col(g: ConvGeometry, x: Float64Array, cols: Float64Array): void {
  const { N, C, H, W, kh, kw, sh, sw, dh, pt, Ho, Wo } = g;
  const P = Ho * Wo, NP = N * P;
  for (let c = 0; c < C; c++) {
    for (let u = 0; u < kh; u++) {
      for (let v = 0; v < kw; v++) {
        const row = ((c * kh + u) * kw + v) * NP;
        const [lo, hi] = validColumns(g, v);
        const ix0 = lo * sw + v * g.dw - g.pl; // the pixel column read by output column lo
        for (let n = 0; n < N; n++) {
          for (let oy = 0; oy < Ho; oy++) {
            const iy = oy * sh + u * dh - pt;
            const to = row + n * P + oy * Wo;
            if (iy < 0 || iy >= H) {
              for (let ox = 0; ox < Wo; ox++) cols[to + ox] = 0;
              continue;
            }
            // (plain loops: typed-array fill costs more than these few stores)
            for (let ox = 0; ox < lo; ox++) cols[to + ox] = 0;
            const from = ((n * C + c) * H + iy) * W + ix0;
            for (let ox = lo, ix = from; ox < hi; ox++, ix += sw) cols[to + ox] = x[ix]!;
            for (let ox = hi; ox < Wo; ox++) cols[to + ox] = 0;
          }
        }
      }
    }
  }
}

/**
 * Fold cols (K × N·P) back onto dx (N×C×H×W), adding every column entry to
 * the pixel it was copied from (the adjoint of im2col: ⟨im2col(x), Z⟩ =
 * ⟨x, col2im(Z)⟩); taps in the padding are dropped. dx overwritten.
 */
export function col2im(g: ConvGeometry, cols: Float64Array, dx: Float64Array): void {
  const { N, C, H, W, kh, kw, sh, sw, dh, pt, Ho, Wo } = g;
  const P = Ho * Wo, NP = N * P;
  dx.fill(0, 0, N * C * H * W);
  for (let c = 0; c < C; c++) {
    for (let u = 0; u < kh; u++) {
      for (let v = 0; v < kw; v++) {
        const row = ((c * kh + u) * kw + v) * NP;
        const [lo, hi] = validColumns(g, v);
        const ix0 = lo * sw + v * g.dw - g.pl;
        for (let n = 0; n < N; n++) {
          for (let oy = 0; oy < Ho; oy++) {
            const iy = oy * sh + u * dh - pt;
            if (iy < 0 || iy >= H) continue;
            const from = row + n * P + oy * Wo;
            const to = ((n * C + c) * H + iy) * W + ix0;
            for (let ox = lo, ix = to; ox < hi; ox++, ix += sw) {
              const d = dx[ix]!, z = cols[from + ox]!;
              dx[ix] = d + z;
            }
          }
        }
      }
    }
  }
}

/**
 * Ỹ (F × N·P) to y (N×F×P) with the bias: y[n, f, p] = Ỹ[f, n·P + p] + b[f]
 * (b may be null). y written.
 */
export function scatterChannels(g: ConvGeometry, Yt: Float64Array, b: Float64Array | null, y: Float64Array): void {
  const { N, F, Ho, Wo } = g;
  const P = Ho * Wo, NP = N * P;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      const bf = b === null ? 0 : b[f]!;
      const from = f * NP + n * P, to = (n * F + f) * P;
      for (let p = 0; p < P; p++) y[to + p] = Yt[from + p]! + bf;
    }
  }
}

/**
 * gy (N×F×P) to G̃ (F × N·P), G̃[f, n·P + p] = gy[n, f, p], and the bias
 * gradient db[f] = Σ_{n,p} gy[n, f, p] summed in the order n, p (db may be
 * null). Gt and db written.
 */
export function gatherChannels(g: ConvGeometry, gy: Float64Array, Gt: Float64Array, db: Float64Array | null): void {
  const { N, F, Ho, Wo } = g;
  const P = Ho * Wo, NP = N * P;
  if (db !== null) db.fill(0, 0, F);
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      const from = (n * F + f) * P, to = f * NP + n * P;
      let s = db === null ? 0 : db[f]!;
      for (let p = 0; p < P; p++) {
        const gv = gy[from + p]!;
        Gt[to + p] = gv;
        s += gv;
      }
      if (db !== null) db[f] = s;
    }
  }
}
