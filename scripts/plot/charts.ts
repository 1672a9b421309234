/**
 * The tour's charts, each a function from data to a standalone SVG string:
 *
 *   linePlot          curves y(x) (loss curves; `logY` for a log scale)
 *   scatterPlot       points coloured by group (PCA scores by population,
 *                     clusters), with a legend of the groups
 *   decisionBoundary  the class a model predicts on a grid, as light
 *                     regions, with the data points on top
 *   contourPlot       level lines of f(x, y) (marching squares on a grid)
 *                     with optimiser paths drawn over them
 *
 * No dependency: the output is plain SVG 1.1 (svg.ts) that a browser
 * renders. Each series (a curve, a path, the dots of one group) is one
 * element of class "series", in the order of the legend's entries (the
 * group of class "legend"): spec/plot.test.ts parses every chart as XML
 * and reads the series back.
 */
import { extent } from './scale.js';
import { Frame, LIGHT, PALETTE, el, px } from './svg.js';
import type { FrameOptions } from './svg.js';

/** One curve or path: points (x[i], y[i]) and a legend label. */
export interface Series {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

/** The path `M x y L x y …` through the finite points of a series (a gap restarts the line). */
function polyline(frame: Frame, s: Series): string {
  let d = '', pen = false;
  for (let i = 0; i < s.x.length; i++) {
    const xv = s.x[i]!, yv = s.y[i]!;
    if (!Number.isFinite(xv) || !Number.isFinite(yv) || (frame.y.log && yv <= 0)) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${px(frame.x.at(xv))} ${px(frame.y.at(yv))}`;
    pen = true;
  }
  return d;
}

const positive = (v: ArrayLike<number>): number[] => Array.from(v).filter((y) => y > 0);

/** Curves y(x), one colour each, with a legend. */
export function linePlot(options: FrameOptions & { series: readonly Series[] }): string {
  const xs = extent(...options.series.map((s) => s.x));
  const ys = options.logY ? extent(...options.series.map((s) => positive(s.y))) : extent(...options.series.map((s) => s.y));
  const frame = new Frame(options, xs, ys);
  options.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    frame.add(el('path', { class: 'series', d: polyline(frame, s), fill: 'none', stroke: color, 'stroke-width': 2 }));
    frame.legend(s.label, color, 'line');
  });
  return frame.render();
}

/** Points and the group of each. */
export interface Points {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Group (class, cluster, population) of each point: integers 0 … G−1. */
  readonly group: ArrayLike<number>;
  /** A name per group, for the legend (default "group g"). */
  readonly names?: readonly string[];
}

function dots(frame: Frame, p: Points, stroke = false): void {
  const groups = Math.max(0, ...Array.from(p.group)) + 1;
  for (let g = 0; g < groups; g++) {
    const color = PALETTE[g % PALETTE.length]!, circles: string[] = [];
    for (let i = 0; i < p.x.length; i++) {
      if (p.group[i] !== g) continue;
      circles.push(el('circle', { cx: frame.x.at(p.x[i]!), cy: frame.y.at(p.y[i]!), r: 3.5 }));
    }
    frame.add(el('g', { class: 'series', fill: color, 'fill-opacity': 0.85, stroke: stroke ? 'white' : undefined, 'stroke-width': stroke ? 0.6 : undefined }, ...circles));
    frame.legend(p.names?.[g] ?? `group ${g}`, color, 'dot');
  }
}

/** Points coloured by group, with a legend. */
export function scatterPlot(options: FrameOptions & { points: Points }): string {
  const frame = new Frame(options, extent(options.points.x), extent(options.points.y));
  dots(frame, options.points);
  return frame.render();
}

/** A grid over [x0, x1] × [y0, y1]: value[j*nx + i] at cell (i, j), i along x, j along y. */
export interface Grid {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly nx: number;
  readonly ny: number;
  readonly value: ArrayLike<number>;
}

/** The grid of f at the centres of nx × ny cells over the box (for decision regions and contours). */
export function sampleGrid(f: (x: number, y: number) => number, box: [number, number, number, number], nx: number, ny: number): Grid {
  const [x0, x1, y0, y1] = box, value = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) value[j * nx + i] = f(x0 + ((i + 0.5) / nx) * (x1 - x0), y0 + ((j + 0.5) / ny) * (y1 - y0));
  return { x0, x1, y0, y1, nx, ny, value };
}

/** The predicted class on a grid as light regions (runs of equal cells merged), the points on top. */
export function decisionBoundary(options: FrameOptions & { grid: Grid; points: Points }): string {
  const { grid: g } = options;
  const frame = new Frame(options, [g.x0, g.x1], [g.y0, g.y1], true);
  const w = (g.x1 - g.x0) / g.nx, h = (g.y1 - g.y0) / g.ny, cells: string[] = [];
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx;) {
      const c = g.value[j * g.nx + i]!;
      let end = i + 1;
      while (end < g.nx && g.value[j * g.nx + end] === c) end++;
      const xa = frame.x.at(g.x0 + i * w), xb = frame.x.at(g.x0 + end * w), ya = frame.y.at(g.y0 + (j + 1) * h), yb = frame.y.at(g.y0 + j * h);
      cells.push(el('rect', { x: xa, y: ya, width: xb - xa + 0.5, height: yb - ya + 0.5, fill: LIGHT[c % LIGHT.length] }));
      i = end;
    }
  }
  frame.add(el('g', { 'shape-rendering': 'crispEdges' }, ...cells));
  dots(frame, options.points, true);
  return frame.render();
}

/**
 * Level lines of a grid by marching squares: in each square of four
 * neighbouring samples, the level crosses the edges whose ends lie on
 * opposite sides, at the linearly interpolated point; the crossings are
 * joined in pairs (a saddle takes the pairing of its first two edges).
 */
function levelSegments(frame: Frame, g: Grid, level: number): string {
  const X = (i: number): number => frame.x.at(g.x0 + ((i + 0.5) / g.nx) * (g.x1 - g.x0));
  const Y = (j: number): number => frame.y.at(g.y0 + ((j + 0.5) / g.ny) * (g.y1 - g.y0));
  let d = '';
  for (let j = 0; j + 1 < g.ny; j++) {
    for (let i = 0; i + 1 < g.nx; i++) {
      const corners: [number, number, number][] = [[i, j, g.value[j * g.nx + i]!], [i + 1, j, g.value[j * g.nx + i + 1]!],
        [i + 1, j + 1, g.value[(j + 1) * g.nx + i + 1]!], [i, j + 1, g.value[(j + 1) * g.nx + i]!]];
      const crossings: [number, number][] = [];
      for (let e = 0; e < 4; e++) {
        const [ia, ja, va] = corners[e]!, [ib, jb, vb] = corners[(e + 1) % 4]!;
        if ((va < level) === (vb < level) || !Number.isFinite(va) || !Number.isFinite(vb)) continue;
        const t = (level - va) / (vb - va);
        crossings.push([X(ia) + t * (X(ib) - X(ia)), Y(ja) + t * (Y(jb) - Y(ja))]);
      }
      for (let c = 0; c + 1 < crossings.length; c += 2) {
        const [a, b] = [crossings[c]!, crossings[c + 1]!];
        d += `M${px(a[0])} ${px(a[1])}L${px(b[0])} ${px(b[1])}`;
      }
    }
  }
  return d;
}

/** Contours of a grid at `levels`, shaded light to dark, with paths (an optimiser's iterates) drawn over them. */
export function contourPlot(options: FrameOptions & { grid: Grid; levels: readonly number[]; paths: readonly Series[] }): string {
  const { grid: g } = options;
  const frame = new Frame(options, [g.x0, g.x1], [g.y0, g.y1], true);
  options.levels.forEach((level, k) => {
    const shade = Math.round(200 - (150 * k) / Math.max(1, options.levels.length - 1));
    frame.add(el('path', { d: levelSegments(frame, g, level), fill: 'none', stroke: `rgb(${shade},${shade},${Math.min(255, shade + 40)})`, 'stroke-width': 1 }));
  });
  options.paths.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    frame.add(el('path', { class: 'series', d: polyline(frame, s), fill: 'none', stroke: color, 'stroke-width': 2 }));
    const last = s.x.length - 1;
    if (last >= 0) frame.add(el('circle', { cx: frame.x.at(s.x[last]!), cy: frame.y.at(s.y[last]!), r: 3.5, fill: color }));
    frame.legend(s.label, color, 'line');
  });
  return frame.render();
}
