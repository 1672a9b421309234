/**
 * Data augmentation for images (EQ-REGULARIZERS-10): flips and small
 * shifts of a batch X: N×C×H×W (or N×H×W; the last two axes are the rows
 * and columns of each image, X[…, h, w] at (… )·HW + h·W + w):
 *
 *   horizontal flip   F_h(X)[…, h, w] = X[…, h, W − 1 − w]      (mirror left–right)
 *   vertical flip     F_v(X)[…, h, w] = X[…, H − 1 − h, w]      (mirror top–bottom)
 *   shift by (δy, δx) S(X)[…, h, w] = X[…, h − δy, w − δx]      (content moves down δy, right δx)
 *
 * A shift fills the uncovered border with 0 ('zeros', default; what a
 * camera framed differently sees is unknown, and 0 adds nothing to a
 * convolution) or wraps around ('wrap', a circular shift: nothing is lost
 * and S(−δy, −δx) undoes it exactly). Flips are their own inverse. Whether
 * a transform keeps the label is the user's call ("augmentation must be
 * realistic"): a mirrored cell is the same cell, a mirrored digit may not be
 * the same digit. The random forms draw per image from the `rng` argument.
 */
import { ShapeError, assertBoolean, assertInstance, assertInteger, assertNumber, assertOneOf, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/** A flip's direction: 'horizontal' mirrors the columns, 'vertical' the rows. */
export type FlipDirection = 'horizontal' | 'vertical';
/** What a shift puts where no pixel comes from: 'zeros' or 'wrap' (circular). */
export type ShiftFill = 'zeros' | 'wrap';

/** Internal: [N, planes per image, H, W] of a batch N×…×H×W (rank ≥ 3), or ShapeError. */
function imageShape(x: unknown, where: string): [number, number, number, number] {
  linalg.assertTensor(x, 'x', where);
  const s = (x as Tensor).shape;
  if (s.length < 3) throw new ShapeError(`${where}: expected images N×C×H×W or N×H×W, got ${formatShape(s)}`);
  return [s[0]!, linalg.sizeOf(s.slice(1, -2)), s[s.length - 2]!, s[s.length - 1]!];
}

/** Internal: write image n of x into out, its columns reversed when fh, its rows when fv. Valid indices. */
function flipInto(out: Float64Array, x: Float64Array, n: number, planes: number, H: number, W: number, fh: boolean, fv: boolean): void {
  for (let p = 0; p < planes; p++) {
    const base = (n * planes + p) * H * W;
    for (let h = 0; h < H; h++) {
      const sh = fv ? H - 1 - h : h;
      for (let w = 0; w < W; w++) out[base + h * W + w] = x[base + sh * W + (fh ? W - 1 - w : w)]!;
    }
  }
}

/** Internal: write image n of x, shifted by (dy, dx), into out. Valid indices. */
function shiftInto(out: Float64Array, x: Float64Array, n: number, planes: number, H: number, W: number, dy: number, dx: number, wrap: boolean): void {
  for (let p = 0; p < planes; p++) {
    const base = (n * planes + p) * H * W;
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        let sh = h - dy, sw = w - dx;
        if (wrap) {
          sh = ((sh % H) + H) % H;
          sw = ((sw % W) + W) % W;
        }
        out[base + h * W + w] = sh >= 0 && sh < H && sw >= 0 && sw < W ? x[base + sh * W + sw]! : 0;
      }
    }
  }
}

/** Every image of X mirrored: 'horizontal' (columns reversed) or 'vertical' (rows reversed). A new tensor. */
export function flipImages(x: Tensor, direction: FlipDirection): Tensor {
  const where = 'flipImages';
  const [N, planes, H, W] = imageShape(x, where);
  const d = assertOneOf(direction, ['horizontal', 'vertical'] as const, 'direction', where);
  const out = new Float64Array(x.data.length);
  for (let n = 0; n < N; n++) flipInto(out, x.data, n, planes, H, W, d === 'horizontal', d === 'vertical');
  return { shape: [...x.shape], data: out };
}

/** Options of shiftImages and randomShiftImages. */
export interface ShiftOptions {
  /** 'zeros' (default) fills the uncovered border with 0; 'wrap' shifts circularly. */
  fill?: ShiftFill;
}

/** S(X)[…, h, w] = X[…, h − δy, w − δx]: every image moved down δy rows and right δx columns (integers; negative moves up or left). */
export function shiftImages(x: Tensor, dy: number, dx: number, options?: ShiftOptions): Tensor {
  const where = 'shiftImages';
  const [N, planes, H, W] = imageShape(x, where);
  assertInteger(dy, 'dy', where);
  assertInteger(dx, 'dx', where);
  const o = assertOptions(options, ['fill'], where);
  const wrap = assertOneOf(o.fill ?? 'zeros', ['zeros', 'wrap'] as const, 'fill', where) === 'wrap';
  const out = new Float64Array(x.data.length);
  for (let n = 0; n < N; n++) shiftInto(out, x.data, n, planes, H, W, dy, dx, wrap);
  return { shape: [...x.shape], data: out };
}

/** Options of randomFlipImages. */
export interface RandomFlipOptions {
  /** Flip left–right with probability p (default true). */
  horizontal?: boolean;
  /** Flip top–bottom with probability p, drawn separately (default false). */
  vertical?: boolean;
  /** The probability of each flip, per image, in [0, 1] (default 0.5). */
  p?: number;
}

/** Each image flipped with probability p, horizontally and (if asked) vertically, one draw u < p per image and direction. */
export function randomFlipImages(x: Tensor, rng: Rng, options?: RandomFlipOptions): Tensor {
  const where = 'randomFlipImages';
  const [N, planes, H, W] = imageShape(x, where);
  assertInstance(rng, Rng, 'rng', where);
  const o = assertOptions(options, ['horizontal', 'vertical', 'p'], where);
  const horizontal = assertBoolean(o.horizontal ?? true, 'horizontal', where);
  const vertical = assertBoolean(o.vertical ?? false, 'vertical', where);
  const p = assertNumber(o.p ?? 0.5, 'p', where, { min: 0, max: 1 });
  const out = new Float64Array(x.data.length);
  for (let n = 0; n < N; n++) {
    const fh = horizontal && rng.next() < p;
    const fv = vertical && rng.next() < p;
    flipInto(out, x.data, n, planes, H, W, fh, fv);
  }
  return { shape: [...x.shape], data: out };
}

/** Each image shifted by (δy, δx), both drawn uniformly from −m … m (rng.int) per image; m ≥ 0 integer. */
export function randomShiftImages(x: Tensor, maxShift: number, rng: Rng, options?: ShiftOptions): Tensor {
  const where = 'randomShiftImages';
  const [N, planes, H, W] = imageShape(x, where);
  const m = assertInteger(maxShift, 'maxShift', where, { min: 0 });
  assertInstance(rng, Rng, 'rng', where);
  const o = assertOptions(options, ['fill'], where);
  const wrap = assertOneOf(o.fill ?? 'zeros', ['zeros', 'wrap'] as const, 'fill', where) === 'wrap';
  const out = new Float64Array(x.data.length);
  for (let n = 0; n < N; n++) {
    const dy = rng.int(-m, m + 1), dx = rng.int(-m, m + 1);
    shiftInto(out, x.data, n, planes, H, W, dy, dx, wrap);
  }
  return { shape: [...x.shape], data: out };
}
