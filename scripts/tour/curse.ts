/**
 * Tour chapter: the curse of dimensionality (EQ-DATA-09) — the ball's
 * shrinking share of the cube, exactly and by Monte Carlo, the cells of a
 * grid, and nearest and farthest neighbours becoming equally far.
 */
import { ballFractionMonteCarlo, ballVolumeFraction, gridCellCount, relativeContrast } from '../../src/data/index.js';
import { rand } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { linePlot } from '../plot/charts.js';
import { defineChapter } from './chapter.js';
import type { TourContext } from './chapter.js';
import { result } from './print.js';

const fmt = (x: number): string => String(Number(x.toPrecision(3)));
const pointer = { read: 'src/data/curse.ts', spec: 'spec/data/curse.test.ts' };

function run(tour: TourContext): void {
  const rng = new Rng(18), n = tour.size(200000, 20000);
  const rows = [2, 3, 5, 10].map((d) => {
    const mc = ballFractionMonteCarlo(rng, d, n);
    return `d = ${String(d).padStart(2)}: π^{d/2}/(Γ(d/2 + 1)·2^d) = ${fmt(ballVolumeFraction(d))}, Monte Carlo ${fmt(mc.estimate)} ± ${fmt(mc.standardError)}`;
  });
  result('EQ-DATA-09', [`slide: "the higher-dimensional the data, the more we need of it". The share of [−1, 1]^d inside the unit ball (${n.toLocaleString('en')} points):`, ...rows,
    `a grid of 10 bins per axis has 10^d cells: ${gridCellCount(10, 3)} for d = 3, ${gridCellCount(10, 10).toLocaleString('en')} for d = 10`], pointer);

  const m = tour.size(1000, 200), dims = tour.size([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], [1, 2, 10, 100, 1000]);
  const progress = tour.progress('relative contrast', dims.length);
  const contrast = dims.map((d) => {
    const c = relativeContrast(rand([m, d], rng), rand([d], rng));
    progress.tick();
    return c;
  });
  progress.done();
  result('EQ-DATA-09', [`${m} uniform points in [0, 1]^d: (max − min)/min of the distances to a random query falls with d:`,
    dims.map((d, i) => `d = ${d}: ${fmt(contrast[i]!)}`).join(', ')], pointer);
  const ds = Array.from({ length: 30 }, (_, i) => i + 1);
  tour.plot('ball-fraction', linePlot({
    title: 'The unit ball inside the cube [−1, 1]^d', xLabel: 'dimension d', yLabel: 'volume fraction (log scale)', logY: true,
    series: [{ label: 'π^{d/2}/(Γ(d/2+1)·2^d)', x: ds, y: ds.map(ballVolumeFraction) }],
  }), 'the unit ball\'s share of the cube falls faster than exponentially');
  tour.plot('distance-contrast', linePlot({
    title: 'Nearest and farthest neighbours', xLabel: 'log₁₀ d', yLabel: '(max − min)/min distance (log scale)', logY: true,
    series: [{ label: `${m} uniform points`, x: dims.map(Math.log10), y: contrast }],
  }), 'the relative contrast of distances to a query falls towards 0 as d grows');
  tour.headline(`ball/cube ${fmt(ballVolumeFraction(2))} at d = 2, ${fmt(ballVolumeFraction(10))} at d = 10; distance contrast ${fmt(contrast[0]!)} → ${fmt(contrast.at(-1)!)}`);
}

export const chapter = defineChapter({
  name: 'curse',
  order: 18,
  title: 'The curse of dimensionality: empty corners, equidistant neighbours',
  run,
});
