/**
 * The tour's SVG writer (scripts/plot/): every chart is well-formed XML
 * (spec/xml.ts) with one element of class "series" per series, named in
 * the legend in the same order, and it draws the data where the axes say:
 * pixel coordinates are an increasing affine map of x (a decreasing one of
 * y, or of log₁₀ y) inside the plot area; a scatter draws each point once
 * in its group's colour; decision regions cover each class's share of the
 * grid; a contour of x² + y² lies on its circle. Seeded through
 * spec/harness/property.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contourPlot, decisionBoundary, linePlot, sampleGrid, scatterPlot } from '../scripts/plot/charts.js';
import type { Series } from '../scripts/plot/charts.js';
import { assertClose, property } from './harness/index.js';
import { descendants, parseXml } from './xml.js';
import type { XmlElement } from './xml.js';

const attr = (e: XmlElement, name: string): string => e.attributes.get(name) ?? '';
const num = (e: XmlElement, name: string): number => Number(attr(e, name));

/** A chart read back: its series elements, legend labels and plot area (the clip rectangle). */
function read(svg: string): { root: XmlElement; series: XmlElement[]; legend: string[]; area: { x0: number; x1: number; y0: number; y1: number } } {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(attr(root, 'xmlns'), 'http://www.w3.org/2000/svg');
  assert.match(attr(root, 'viewBox'), /^0 0 \d+ \d+$/);
  const all = descendants(root);
  const series = all.filter((e) => attr(e, 'class') === 'series');
  const legendGroup = all.find((e) => attr(e, 'class') === 'legend');
  assert.ok(legendGroup !== undefined, 'a legend group');
  const legend = legendGroup.children.filter((e) => e.name === 'text').map((e) => e.text);
  const clip = all.find((e) => e.name === 'clipPath')?.children[0];
  assert.ok(clip !== undefined, 'a clip rectangle');
  const x0 = num(clip, 'x'), y0 = num(clip, 'y');
  return { root, series, legend, area: { x0, x1: x0 + num(clip, 'width'), y0, y1: y0 + num(clip, 'height') } };
}

/** The points of a path's `M x y L x y …`, one list per M. */
function pathPoints(d: string): [number, number][][] {
  const runs: [number, number][][] = [];
  for (const m of d.matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)/g)) {
    if (m[1] === 'M') runs.push([]);
    runs.at(-1)!.push([Number(m[2]), Number(m[3])]);
  }
  return runs;
}

/** Checks that pixels p are an affine map a + b·v of values v with sign(b) = sign (to the 0.01 px rounding). */
function assertAffine(values: number[], pixels: number[], sign: 1 | -1, label: string): void {
  let i = 0, j = 0;
  values.forEach((v, k) => { if (v < values[i]!) i = k; if (v > values[j]!) j = k; });
  if (values[j]! - values[i]! < 1e-9) return;
  const b = (pixels[j]! - pixels[i]!) / (values[j]! - values[i]!);
  assert.ok(Math.sign(b) === sign, `${label}: the axis runs the right way`);
  values.forEach((v, k) => assertClose(pixels[k]!, pixels[i]! + b * (v - values[i]!), { atol: 0.02, rtol: 0 }, `${label} point ${k}`));
}

const LABELS = ['GD', 'a < b & "c"', "Adam's", 'naive Bayes'];

property('linePlot: one series element per curve, in the legend\'s order; finite points drawn affinely inside the area', (rng) => {
  const logY = rng.int(0, 2) === 1;
  return {
    logY,
    series: Array.from({ length: rng.int(1, 5) }, (_, s): Series => {
      const n = rng.int(1, 30);
      const y = Array.from({ length: n }, () => (rng.int(0, 12) === 0 ? NaN : logY ? 10 ** (4 * rng.uniform() - 2) * [-1, 0, 1, 1, 1, 1, 1, 1][rng.int(0, 8)]! : 100 * rng.normal()));
      return { label: LABELS[s]!, x: Array.from({ length: n }, (_, i) => i + 3 * rng.uniform()), y };
    }),
  };
}, ({ logY, series }) => {
  const chart = read(linePlot({ title: 'curves', xLabel: 'x', yLabel: 'y', logY, series }));
  assert.deepEqual(chart.legend, series.map((s) => s.label));
  assert.equal(chart.series.length, series.length);
  const xs: number[] = [], ys: number[] = [], px: number[] = [], py: number[] = [];
  series.forEach((s, k) => {
    const drawn = pathPoints(attr(chart.series[k]!, 'd')).flat();
    const kept = Array.from(s.x, (x, i) => [x, s.y[i]!] as const).filter(([, y]) => Number.isFinite(y) && (!logY || y > 0));
    assert.equal(drawn.length, kept.length, `series ${k}: every finite point once`);
    kept.forEach(([x, y], i) => { xs.push(x); ys.push(logY ? Math.log10(y) : y); px.push(drawn[i]![0]); py.push(drawn[i]![1]); });
  });
  const { x0, x1, y0, y1 } = chart.area;
  px.forEach((p, i) => assert.ok(p >= x0 - 0.01 && p <= x1 + 0.01 && py[i]! >= y0 - 0.01 && py[i]! <= y1 + 0.01, `point ${i} inside the plot area`));
  assertAffine(xs, px, 1, 'x');
  assertAffine(ys, py, -1, 'y');
}, { runs: 40 });

property('scatterPlot: each point once, as a circle in its group\'s series, the groups named in the legend', (rng) => {
  const n = rng.int(1, 60), groups = rng.int(1, 5);
  return { x: Array.from({ length: n }, () => rng.normal()), y: Array.from({ length: n }, () => 5 * rng.normal()), group: Array.from({ length: n }, () => rng.int(0, groups)) };
}, (points) => {
  const G = Math.max(...points.group) + 1, names = Array.from({ length: G }, (_, g) => `population ${g}`);
  const chart = read(scatterPlot({ title: 'PCA', xLabel: 'PC1', yLabel: 'PC2', points: { ...points, names } }));
  assert.deepEqual(chart.legend, names);
  assert.equal(chart.series.length, G);
  const fills = chart.series.map((g) => attr(g, 'fill'));
  assert.equal(new Set(fills).size, G, 'a colour per group');
  const xs: number[] = [], ys: number[] = [], px: number[] = [], py: number[] = [];
  chart.series.forEach((g, k) => {
    const members = points.group.flatMap((c, i) => (c === k ? [i] : []));
    assert.equal(g.children.length, members.length, `group ${k}: one circle per point`);
    members.forEach((i, m) => { xs.push(points.x[i]!); ys.push(points.y[i]!); px.push(num(g.children[m]!, 'cx')); py.push(num(g.children[m]!, 'cy')); });
  });
  assertAffine(xs, px, 1, 'x');
  assertAffine(ys, py, -1, 'y');
}, { runs: 40 });

test('decisionBoundary: the regions of each class cover its share of the grid, the points on top', () => {
  const grid = sampleGrid((x, y) => (x * x + y > 1 ? 1 : x > 0.5 ? 2 : 0), [-2, 2, -1, 3], 40, 30);
  const counts = [0, 1, 2].map((c) => Array.from(grid.value).filter((v) => v === c).length);
  const chart = read(decisionBoundary({ title: 'regions', xLabel: 'x', yLabel: 'y', grid, points: { x: [0, 1, -1], y: [0, 2, 1], group: [0, 1, 2] } }));
  const { x0, x1, y0, y1 } = chart.area, cell = ((x1 - x0) / 40) * ((y1 - y0) / 30);
  const rects = descendants(chart.root).filter((e) => e.name === 'rect' && /^#/.test(attr(e, 'fill')) && attr(e, 'fill') !== '#333');
  const byFill = new Map<string, number>();
  for (const r of rects) byFill.set(attr(r, 'fill'), (byFill.get(attr(r, 'fill')) ?? 0) + (num(r, 'width') - 0.5) * (num(r, 'height') - 0.5));
  const areas = [...byFill.values()].sort((a, b) => a - b), expected = counts.map((c) => c * cell).sort((a, b) => a - b);
  assert.equal(areas.length, 3, 'three region colours');
  areas.forEach((a, i) => assertClose(a, expected[i]!, { atol: 0.05 * rects.length, rtol: 1e-3 }, `region area ${i}`));
  assert.deepEqual(chart.series.map((g) => g.children.length), [1, 1, 1]);
});

property('contourPlot: a level line of x² + y² lies on its circle; each path ends at its last point', (rng) => 0.3 + 1.4 * rng.uniform(), (r) => {
  const grid = sampleGrid((x, y) => x * x + y * y, [-2, 2, -2, 2], 81, 81);
  const path = { label: 'descent', x: [1.5, 0.7, 0.2], y: [-1, 0.4, 0.1] };
  const chart = read(contourPlot({ title: 'bowl', xLabel: 'x', yLabel: 'y', grid, levels: [r * r], paths: [path] }));
  assert.deepEqual(chart.legend, ['descent']);
  const { x0, x1, y0, y1 } = chart.area;
  const level = descendants(chart.root).find((e) => e.name === 'path' && attr(e, 'class') !== 'series');
  assert.ok(level !== undefined);
  const points = pathPoints(attr(level, 'd')).flat();
  assert.ok(points.length > 20, `the circle is drawn (${points.length} points)`);
  for (const [px, py] of points) {
    const x = -2 + ((px - x0) / (x1 - x0)) * 4, y = 2 - ((py - y0) / (y1 - y0)) * 4;
    assertClose(Math.hypot(x, y), r, { atol: 0.01, rtol: 0 }, `(${x}, ${y})`);
  }
  const drawn = pathPoints(attr(chart.series[0]!, 'd')).flat();
  assert.equal(drawn.length, 3);
  const dot = descendants(chart.root).find((e) => e.name === 'circle');
  assert.deepEqual([num(dot!, 'cx'), num(dot!, 'cy')], drawn[2]);
}, { runs: 10 });

test('the XML check refuses what a browser would refuse', () => {
  for (const bad of ['<svg><g></svg>', '<svg a="1" a="2"/>', '<svg>a & b</svg>', '<svg x="<"/>', '<svg/><svg/>', '<svg', '<svg x=1/>', '<svg><!-- x </svg>']) {
    assert.throws(() => parseXml(bad), /not well-formed XML/, bad);
  }
  const root = parseXml('<?xml version="1.0"?>\n<svg a="&lt;&amp;"><text>x &lt; y &#x3b1;</text><g/></svg>\n');
  assert.equal(root.attributes.get('a'), '<&');
  assert.equal(root.children[0]!.text, 'x < y α');
});
