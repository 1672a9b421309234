/**
 * The bottom of the SVG writer: elements as strings, escaped so that the
 * result is well-formed XML, and the frame every chart shares (title, plot
 * area, axes with ticks and labels, legend).
 *
 *   el('circle', { cx: 3, cy: 4, r: 2, fill: '#1f77b4' })  →  <circle cx="3" cy="4" r="2" fill="#1f77b4"/>
 *
 * Coordinates are rounded to 0.01 px. The document is a standalone SVG 1.1
 * file (with the xmlns and a viewBox), which browsers and editors open as is.
 */
import { linearScale, logScale, tickLabel } from './scale.js';
import type { Scale } from './scale.js';

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A number as a coordinate: at most two decimals. */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

type Attributes = Record<string, string | number | undefined>;

/** One element: `<name attrs>children</name>`, or `<name attrs/>` when it has none. */
export function el(name: string, attributes: Attributes = {}, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? px(v) : String(v))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** A text element, its content escaped. */
export const text = (x: number, y: number, content: string, attributes: Attributes = {}): string =>
  el('text', { x, y, ...attributes }, escapeXml(content));

/** A qualitative palette (one colour per class or series). */
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** The same colours, light, for filled regions. */
export const LIGHT = ['#c6dbef', '#fdd0a2', '#c7e9c0', '#fcbba1', '#dadaeb', '#e7cbb5', '#f9d3ea', '#d9d9d9', '#eeeea0', '#bfecf2'];

/** Options every chart takes. */
export interface FrameOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Pixels (default 640 × 440). */
  width?: number;
  height?: number;
  /** A log₁₀ y axis (values ≤ 0 are left out). */
  logY?: boolean;
}

/** The plot area and scales of one chart, and the pieces it draws. */
export class Frame {
  readonly width: number;
  readonly height: number;
  readonly left = 70;
  readonly top = 40;
  readonly right: number;
  readonly bottom: number;
  readonly x: Scale;
  readonly y: Scale;
  private readonly parts: string[] = [];
  private readonly legendItems: { label: string; color: string; kind: 'line' | 'dot' }[] = [];

  constructor(readonly options: FrameOptions, xRange: [number, number], yRange: [number, number], tight = false) {
    this.width = options.width ?? 640;
    this.height = options.height ?? 440;
    this.right = this.width - 150;
    this.bottom = this.height - 55;
    const [x0, x1] = xRange, [y0, y1] = yRange;
    this.x = tight ? exact(x0, x1, this.left, this.right) : linearScale(x0, x1, this.left, this.right);
    this.y = options.logY ? logScale(y0, y1, this.bottom, this.top) : tight ? exact(y0, y1, this.bottom, this.top) : linearScale(y0, y1, this.bottom, this.top);
  }

  /** Adds drawn content inside the plot area (clipped to it). */
  add(...content: string[]): void {
    this.parts.push(...content);
  }

  /** Adds a legend entry. */
  legend(label: string, color: string, kind: 'line' | 'dot'): void {
    this.legendItems.push({ label, color, kind });
  }

  /** The whole SVG document. */
  render(): string {
    const { left, top, right, bottom, x, y, width, height, options } = this;
    const grid: string[] = [], axis: string[] = [el('rect', { x: left, y: top, width: right - left, height: bottom - top, fill: 'none', stroke: '#333' })];
    for (const t of x.ticks) {
      const p = x.at(t);
      grid.push(el('line', { x1: p, y1: top, x2: p, y2: bottom, stroke: '#eee' }));
      axis.push(el('line', { x1: p, y1: bottom, x2: p, y2: bottom + 5, stroke: '#333' }), text(p, bottom + 18, tickLabel(t), { 'text-anchor': 'middle' }));
    }
    for (const t of y.ticks) {
      const p = y.at(t);
      grid.push(el('line', { x1: left, y1: p, x2: right, y2: p, stroke: '#eee' }));
      axis.push(el('line', { x1: left - 5, y1: p, x2: left, y2: p, stroke: '#333' }), text(left - 8, p + 4, tickLabel(t), { 'text-anchor': 'end' }));
    }
    axis.push(text((left + right) / 2, height - 12, options.xLabel, { 'text-anchor': 'middle' }));
    axis.push(text(16, (top + bottom) / 2, options.yLabel, { 'text-anchor': 'middle', transform: `rotate(-90 16 ${px((top + bottom) / 2)})` }));
    const legend = this.legendItems.map(({ label, color, kind }, i) => {
      const ly = top + 12 + 20 * i, lx = right + 15;
      const mark = kind === 'line'
        ? el('line', { x1: lx, y1: ly, x2: lx + 18, y2: ly, stroke: color, 'stroke-width': 2.5 })
        : el('circle', { cx: lx + 9, cy: ly, r: 4.5, fill: color });
      return mark + text(lx + 24, ly + 4, label);
    });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      el('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'Helvetica, Arial, sans-serif', 'font-size': 12 },
        el('rect', { width, height, fill: 'white' }),
        el('defs', {}, el('clipPath', { id: 'area' }, el('rect', { x: left, y: top, width: right - left, height: bottom - top }))),
        text(width / 2 - 75, 24, options.title, { 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 'bold' }),
        el('g', {}, ...grid),
        el('g', { 'clip-path': 'url(#area)' }, ...this.parts),
        el('g', {}, ...axis),
        el('g', { class: 'legend' }, ...legend)),
      '\n',
    ].join('');
  }
}

/** A linear scale exactly over [lo, hi] with nice ticks inside it (for grids that fill the area). */
function exact(lo: number, hi: number, a: number, b: number): Scale {
  const nice = linearScale(lo, hi, a, b);
  return { lo, hi, log: false, ticks: nice.ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12), at: (v) => a + ((v - lo) / (hi - lo)) * (b - a) };
}
